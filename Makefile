# mintee: top-level build. See README.md for the targets.
#   make                 build $(O)/mintee.bin
#   make run             firmware + Linux + initramfs, interactive
#   make check           every test tier
#   make bench           deterministic instruction counts
#   make debug           QEMU paused + gdb-multiarch
#   make compile_commands.json
#   make format-check    C layout of the firmware (docs/STYLE.md)
CROSS_COMPILE ?= arm-none-eabi-
O             ?= build
V             ?= 0
CFG_SHM       ?= dynamic
SMP           ?= 2
MEM           ?= 1024
# Deliberate-fault build option for the fault-report test (0 = off).
CFG_TEST_FAULT ?= 0
# The test and bench service (core/pta/test.c): only in the test images
# (ns/linux tiers, bench), never in the shipped one (0 = left out).
CFG_TEST_PTA ?= 0

ifeq ($(V),1)
Q :=
else
Q := @
endif

CC      := $(CROSS_COMPILE)gcc
OBJCOPY := $(CROSS_COMPILE)objcopy
HOSTCC  ?= gcc

ifneq ($(filter-out dynamic reserved,$(CFG_SHM)),)
$(error CFG_SHM must be dynamic or reserved, not '$(CFG_SHM)')
endif

MINTEE_VERSION_MAJOR := 0
MINTEE_VERSION_MINOR := 1
BUILD_ID := $(shell git rev-parse --short=8 HEAD 2>/dev/null || echo 0)

# Firmware build directory depends on the shared-memory mode so both can
# coexist: build/fw-dynamic, build/fw-reserved. $(O)/mintee.bin is the one
# chosen by CFG_SHM.
FW_O := $(O)/fw-$(CFG_SHM)$(if $(filter-out 0,$(CFG_TEST_PTA)),-test)$(if $(filter-out 0,$(CFG_TEST_FAULT)),-fault)

FW_DIRS := lib arch/arm platform/qemu_virt kernel mm thread sm core core/pta core/ta core/storage
FW_SRCS := $(foreach d,$(FW_DIRS),$(wildcard $(d)/*.c) $(wildcard $(d)/*.S))

# libfdt comes from the kernel source package at build time; nothing of it is
# committed.
LINUX_SRC_TAR ?= /usr/src/linux-source-6.12.tar.xz
LIBFDT_DIR    := $(O)/libfdt
# libfdt with all its checks (no FDT_ASSUME_MASK) and the firmware's strict
# alignment: the DTB is QEMU's, but checking it costs little (README
# "Performance").
LIBFDT_FLAGS  :=
LIBFDT_SRCS   := fdt.c fdt_ro.c fdt_rw.c fdt_wip.c fdt_sw.c fdt_strerror.c fdt_addresses.c

ARCH_FLAGS := -marm -march=armv7-a -mtune=cortex-a15 -mfloat-abi=soft -mno-unaligned-access
# The layers, bottom to top (README "Layout"). Each folder sees only its own
# headers and those of the layers below it, so an upward include does not
# compile. The one way up is a handler the upper layer registers at boot.
INC_lib      := -Iinclude -Ilib/include -Ilib/crypto/include
INC_arch     := $(INC_lib) -Iarch/arm/include
INC_platform := $(INC_arch) -Iplatform/qemu_virt
INC_kernel   := $(INC_platform) -Ikernel/include
INC_mm       := $(INC_kernel) -Imm
INC_thread   := $(INC_mm) -Ithread
INC_sm       := $(INC_thread) -Ism
INC_core     := $(INC_sm) -Icore/include -I$(LIBFDT_DIR)
# The include path of a source file: that of its top folder.
layer_inc = $(INC_$(firstword $(subst /, ,$(1))))

FW_CPPFLAGS := -DCFG_SHM_$(shell echo $(CFG_SHM) | tr a-z A-Z)=1 \
	-DCFG_TEST_FAULT=$(CFG_TEST_FAULT) -DCFG_TEST_PTA=$(CFG_TEST_PTA) \
	-DMINTEE_VERSION_MAJOR=$(MINTEE_VERSION_MAJOR) -DMINTEE_VERSION_MINOR=$(MINTEE_VERSION_MINOR) \
	-DMINTEE_BUILD_ID=0x$(BUILD_ID)
FW_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g -ffreestanding -fno-common \
	-ffunction-sections -fdata-sections -Wno-override-init -fno-tree-loop-distribute-patterns $(ARCH_FLAGS)
FW_ASFLAGS := -g $(ARCH_FLAGS) -D__ASSEMBLY__
FW_LDFLAGS := -nostartfiles -static -Wl,--gc-sections -Wl,-T,linker.ld -Wl,--build-id=none \
	-Wl,-Map,$(FW_O)/mintee.map $(ARCH_FLAGS)
FW_LIBS := -Wl,--start-group -lc -lgcc -Wl,--end-group

FW_OWN_OBJS := $(patsubst %.c,$(FW_O)/%.o,$(filter %.c,$(FW_SRCS))) \
	   $(patsubst %.S,$(FW_O)/%.o,$(filter %.S,$(FW_SRCS)))
LIBFDT_OBJS := $(patsubst %.c,$(FW_O)/libfdt/%.o,$(LIBFDT_SRCS))
FW_OBJS := $(FW_OWN_OBJS) $(LIBFDT_OBJS)

.PHONY: all firmware clean check bench run debug

# Test tiers, in the order make check runs them (tools/check.sh sums them up).
CHECK_TIERS ?= unit ns gdb linux fuzz
all: firmware
firmware: $(O)/mintee.bin $(O)/mintee.elf
# The crypto layer and the build-time keys: adds to FW_OBJS and FW_CPPFLAGS.
include lib/crypto/crypto.mk

# Always re-copied: $(O)/mintee.bin is whichever flavour was built last.
$(O)/mintee.bin: $(FW_O)/mintee.bin FORCE
	$(Q)cp $< $@
	@echo "  FW      $@ (CFG_SHM=$(CFG_SHM))"
$(O)/mintee.elf: $(FW_O)/mintee.elf FORCE
	$(Q)cp $< $@

# Linked twice: the second link adds the symbol and unwind tables of the first
# (tools/mksymtab.py) for the firmware's own fault reports. They are rodata,
# placed after all code, so no function moves: cmp checks it.
$(FW_O)/mintee.elf: $(FW_OBJS) linker.ld tools/mksymtab.py
	@echo "  LD      $@"
	$(Q)$(CC) $(FW_LDFLAGS) -o $(FW_O)/mintee.pass1.elf $(FW_OBJS) $(FW_LIBS)
	$(Q)python3 tools/mksymtab.py --tools $(CROSS_COMPILE) $(FW_O)/mintee.pass1.elf > $(FW_O)/symtab.S
	$(Q)$(CC) $(FW_ASFLAGS) -c $(FW_O)/symtab.S -o $(FW_O)/symtab.o
	$(Q)$(CC) $(FW_LDFLAGS) -o $@ $(FW_OBJS) $(FW_O)/symtab.o $(FW_LIBS)
	$(Q)python3 tools/mksymtab.py --tools $(CROSS_COMPILE) $@ | cmp -s - $(FW_O)/symtab.S || \
		{ echo "mksymtab: the tables moved code; see $(FW_O)/symtab.S" >&2; rm -f $@; exit 1; }

$(FW_O)/mintee.bin: $(FW_O)/mintee.elf
	$(Q)$(OBJCOPY) -O binary $< $@

# Rebuild everything when the configuration line changes.
FW_CONFIG := $(FW_O)/.config
FW_CONFIG_LINE := $(CFG_SHM) $(CFG_TEST_FAULT) $(CFG_TEST_PTA) $(BUILD_ID) $(CROSS_COMPILE) $(LIBFDT_FLAGS)
$(FW_CONFIG): FORCE
	$(Q)mkdir -p $(@D)
	$(Q)echo '$(FW_CONFIG_LINE)' | cmp -s - $@ || echo '$(FW_CONFIG_LINE)' > $@
.PHONY: FORCE
FORCE:

$(FW_O)/%.o: %.c $(FW_CONFIG) | $(LIBFDT_DIR)/.extracted
	@echo "  CC      $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(call layer_inc,$<) $(FW_CPPFLAGS) $(FW_CFLAGS) -MMD -MP -c $< -o $@

$(FW_O)/%.o: %.S $(FW_CONFIG)
	@echo "  AS      $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(call layer_inc,$<) $(FW_CPPFLAGS) $(FW_ASFLAGS) -MMD -MP -c $< -o $@

$(LIBFDT_OBJS): $(FW_O)/libfdt/%.o: $(LIBFDT_DIR)/.extracted $(FW_CONFIG)
	@echo "  CC      libfdt/$*.c"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -I$(LIBFDT_DIR) -std=gnu11 -O2 -g -ffreestanding -ffunction-sections -fdata-sections \
		$(ARCH_FLAGS) $(LIBFDT_FLAGS) -w -c $(LIBFDT_DIR)/$*.c -o $@

$(LIBFDT_DIR)/.extracted: $(LINUX_SRC_TAR)
	@echo "  EXTRACT libfdt from $(LINUX_SRC_TAR)"
	$(Q)rm -rf $(LIBFDT_DIR) && mkdir -p $(LIBFDT_DIR)
	$(Q)tar -xJf $(LINUX_SRC_TAR) -C $(LIBFDT_DIR) --strip-components=4 \
		--wildcards 'linux-source-6.12/scripts/dtc/libfdt/*'
	$(Q)touch $@

$(LINUX_SRC_TAR):
	@echo "$@ missing: run tools/setup.sh" >&2; exit 1

-include $(FW_OWN_OBJS:.o=.d)

# Sub-makefiles: each tier and tool owns its own rules.
-include tests/unit/unit.mk
-include ta/ta.mk
-include tests/ns/ns.mk
-include tools/linux/linux.mk
-include tools/rootfs/rootfs.mk
-include tests/linux/linux.mk
-include tests/gdb/gdb.mk
-include tests/fuzz/fuzz.mk
-include tools/run.mk
-include tools/debug.mk
-include tools/bench.mk
-include tools/format.mk
-include client/client.mk
-include tools/ta_images.mk

# make check and make run first run tools/setup.sh, which installs missing
# Debian packages and returns at once when all are there (SETUP=true skips).
SETUP ?= tools/setup.sh
check:
	$(Q)$(SETUP)
	$(Q)O=$(O) tools/check.sh $(CHECK_TIERS)

compile_commands.json: FORCE
	$(Q)python3 tools/compile_commands.py $(MAKE) > $@.tmp && mv $@.tmp $@
	@echo "  GEN     $@"

clean:
	rm -rf $(O)
