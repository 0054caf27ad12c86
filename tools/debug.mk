# make debug: QEMU paused with its gdbstub + gdb-multiarch on mintee's symbols
# (included by the top-level Makefile; tools/debug.sh does the work).
#
#   make debug [GDB_PORT=1234] [SMP=n] [MEM=mb] [CFG_SHM=...]
#              [PAYLOAD=path.bin [PAYLOAD_ELF=path.elf]]       bare-metal NS payload
#              [KERNEL=build/linux/zImage [VMLINUX=...] [INITRD=...] [APPEND=...]]   Linux
#   make debug-attach ...   gdb only, to a QEMU already listening on GDB_PORT
#                           (e.g. tools/qemu.sh --gdb 1234 ... in another terminal,
#                           with the normal-world console on that terminal)
#
# PAYLOAD_ELF defaults to PAYLOAD with .elf for .bin when that file exists.
# With KERNEL, VMLINUX defaults to the vmlinux next to it and INITRD to
# $(O)/rootfs/initramfs.cpio.gz when they exist. Consoles go to
# $(O)/debug/ns.log and $(O)/debug/secure.log. See tools/gdb/README.md.
GDB_PORT    ?= 1234
PAYLOAD     ?=
PAYLOAD_ELF ?= $(if $(PAYLOAD),$(wildcard $(patsubst %.bin,%.elf,$(PAYLOAD))))
KERNEL      ?=
VMLINUX     ?= $(if $(KERNEL),$(wildcard $(dir $(KERNEL))vmlinux))
INITRD      ?= $(if $(KERNEL),$(wildcard $(O)/rootfs/initramfs.cpio.gz))

ifneq ($(and $(PAYLOAD),$(KERNEL)),)
$(error make debug: PAYLOAD and KERNEL are both normal-world images: give one)
endif

DEBUG_ARGS = --fw $(FW_O) --port $(GDB_PORT) --smp $(SMP) --mem $(MEM) \
	$(if $(PAYLOAD),--kernel $(PAYLOAD) --symbols '$(PAYLOAD_ELF)') \
	$(if $(KERNEL),--kernel $(KERNEL) --symbols '$(VMLINUX)' \
		$(if $(INITRD),--initrd $(INITRD)) --append '$(or $(APPEND),console=ttyAMA0)')

.PHONY: debug debug-attach
debug: $(FW_O)/mintee.bin $(FW_O)/mintee.elf
	$(Q)O=$(O) tools/debug.sh $(DEBUG_ARGS)

debug-attach: $(FW_O)/mintee.elf
	$(Q)O=$(O) tools/debug.sh --attach $(DEBUG_ARGS)
