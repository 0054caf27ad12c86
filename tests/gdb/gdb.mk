# tests/gdb: scripted gdb-multiarch sessions against QEMU's gdbstub (included
# by the top-level Makefile; uses O, CC, OBJCOPY, Q, ARCH_FLAGS, FW_O, CFG_SHM).
#
#   make check-gdb     build the firmware, its deliberate-fault flavour
#                      (CFG_TEST_FAULT=1) and the payload, then run tests/gdb/run.sh
#
# The payload (tests/gdb/payload.S) is a bare-metal normal-world image linked
# at 0x42000000: one CALLS_UID with known r4-r12, then semihosting exit.

GDBT_O        := $(O)/gdb
GDBT_PAYLOAD  := $(GDBT_O)/payload.elf
GDBT_FAULT_O  := $(O)/fw-$(CFG_SHM)-fault

$(GDBT_O)/payload.o: tests/gdb/payload.S
	@echo "  AS      $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ARCH_FLAGS) -g -c $< -o $@

$(GDBT_PAYLOAD): $(GDBT_O)/payload.o tests/gdb/payload.ld
	@echo "  LD      $@"
	$(Q)$(CC) -nostdlib -nostartfiles -static -Wl,-T,tests/gdb/payload.ld -Wl,--build-id=none \
		$(ARCH_FLAGS) -o $@ $<

$(GDBT_O)/payload.bin: $(GDBT_PAYLOAD)
	$(Q)$(OBJCOPY) -O binary $< $@

.PHONY: check-gdb gdb-payload
gdb-payload: $(GDBT_O)/payload.bin

# The fault flavour is built by a sub-make into its own directory
# ($(O)/fw-<shm>-fault); $(O)/mintee.bin is left alone.
# Session "ta" debugs the test TA under the NS payload tests/ns/ta.c, on the
# test flavour (CFG_TEST_PTA=1) that payload needs.
GDBT_TEST_O   := $(O)/fw-$(CFG_SHM)-test
check-gdb: $(FW_O)/mintee.bin $(GDBT_O)/payload.bin $(NS_O)/ta.bin $(TA_O)/test_ta_10.elf
	$(Q)$(MAKE) --no-print-directory CFG_TEST_FAULT=1 $(GDBT_FAULT_O)/mintee.bin
	$(Q)$(MAKE) --no-print-directory CFG_TEST_PTA=1 $(GDBT_TEST_O)/mintee.bin
	$(Q)O=$(O) tests/gdb/run.sh --out $(GDBT_O) --fw $(FW_O) --fault-fw $(GDBT_FAULT_O) \
		--payload $(GDBT_PAYLOAD) --test-fw $(GDBT_TEST_O) --ta-payload $(NS_O)/ta.elf \
		--ta-elf $(TA_O)/test_ta_10.elf
