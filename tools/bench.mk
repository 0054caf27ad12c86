# make bench: deterministic instruction counts (tools/bench.sh).
# Builds the test flavour of the default firmware ($(O)/fw-$(CFG_SHM)-test,
# CFG_TEST_PTA=1: the rows use the test service),
# the bench payload (tests/ns/ns.mk; rows live in tests/ns/bench.c), the
# boot-cost probe (tests/ns/bootcost.S) and, for a realistic initrd load, the
# initramfs.
.PHONY: bench bench-fw
BENCH_FW := $(O)/fw-$(CFG_SHM)-test/mintee.bin
bench-fw:
	$(Q)$(MAKE) --no-print-directory CFG_TEST_PTA=1 $(BENCH_FW)
bench: bench-fw $(O)/ns/bench.bin $(O)/ns/bootcost.bin rootfs
	$(Q)O=$(O) tools/bench.sh --bios $(BENCH_FW) --payload $(O)/ns/bench.bin \
		--bootcost $(O)/ns/bootcost.bin --initrd $(O)/rootfs/initramfs.cpio.gz \
		--log-dir $(O)/bench

$(O)/ns/bootcost.bin: tests/ns/bootcost.S
	@echo "  NS      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -nostdlib -Wl,-Ttext=0x42000000 -Wl,--build-id=none -o $(@:.bin=.elf) $<
	$(Q)$(OBJCOPY) -O binary $(@:.bin=.elf) $@

