# make run [SMP=n] [MEM=mb] [CFG_SHM=dynamic|reserved] [APPEND="..."]
#   Firmware + Linux + initramfs, interactive shell on this terminal (serial0);
#   the secure console (serial1) goes to $(O)/secure.log. Ctrl-A X quits QEMU.
APPEND ?= console=ttyAMA0
RUN_DEPS := firmware linux rootfs $(if $(wildcard client/client.mk),client)

.PHONY: run
run:
	$(Q)$(SETUP)
	$(Q)$(MAKE) --no-print-directory $(RUN_DEPS)
	$(Q)$(MAKE) --no-print-directory rootfs
	@echo "  RUN     SMP=$(SMP) MEM=$(MEM) CFG_SHM=$(CFG_SHM); secure log: $(O)/secure.log"
	$(Q)tools/qemu.sh --bios $(FW_O)/mintee.bin --kernel $(O)/linux/zImage \
		--initrd $(O)/rootfs/initramfs.cpio.gz --append "$(APPEND)" \
		--smp $(SMP) --mem $(MEM) --sec-log $(O)/secure.log
