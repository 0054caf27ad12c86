# tests/ns: bare-metal normal-world payloads booted through the firmware.
# Included by the top-level Makefile (uses O, CC, OBJCOPY, Q, ARCH_FLAGS,
# BUILD_ID from there).
#
#   make ns-payloads     build $(O)/ns/*.bin (flat binaries linked at 0x42000000)
#   make check-ns        build both firmware flavours and the payloads, run them
#
# A payload = the runtime in tests/ns/lib + its own files. To add one, add its
# name to NS_PAYLOADS and list its files in NS_SRCS_<name>.

NS_DIR  := tests/ns
NS_O    := $(O)/ns

NS_PAYLOADS   := fastcalls regs isolation std stdcall psci
NS_SRCS_fastcalls := fastcalls.c entry.c
NS_SRCS_regs      := regs.c
NS_SRCS_isolation := isolation.c
NS_SRCS_std       := std.c
NS_SRCS_stdcall   := stdcall.c stdcall_lib.c stdcall_rpc.c stdcall_rpcarg.c stdcall_odd.c
NS_SRCS_psci      := psci.c
NS_SRCS_bench     := bench.c

NS_LIB_SRCS := crt0.S vectors.S smc.S semihost.S console.c string.c fdt.c harness.c layout.c

NS_CPPFLAGS := -I$(NS_DIR)/lib -I$(NS_DIR) -Iinclude -DMINTEE_BUILD_ID=0x$(BUILD_ID)
NS_CFLAGS   := -std=c11 -Wall -Wextra -Werror -O2 -g -ffreestanding -fno-common -fno-builtin \
	-fno-tree-loop-distribute-patterns -ffunction-sections -fdata-sections $(ARCH_FLAGS)
NS_ASFLAGS  := -g $(ARCH_FLAGS) -D__ASSEMBLY__
NS_LDFLAGS  := -nostdlib -nostartfiles -static -Wl,--gc-sections -Wl,-T,$(NS_DIR)/lib/ns.ld \
	-Wl,--build-id=none -Wl,--no-warn-rwx-segments $(ARCH_FLAGS)

NS_LIB_OBJS := $(patsubst %,$(NS_O)/lib/%.o,$(basename $(NS_LIB_SRCS)))

# Rebuild when the build id (part of GET_OS_REVISION's expected answer) changes.
NS_CONFIG := $(NS_O)/.config
$(NS_CONFIG): FORCE
	$(Q)mkdir -p $(@D)
	$(Q)echo '$(BUILD_ID) $(CROSS_COMPILE)' | cmp -s - $@ || echo '$(BUILD_ID) $(CROSS_COMPILE)' > $@

$(NS_O)/%.o: $(NS_DIR)/%.c $(NS_CONFIG)
	@echo "  CC      $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(NS_CPPFLAGS) $(NS_CFLAGS) -MMD -MP -c $< -o $@

$(NS_O)/%.o: $(NS_DIR)/%.S $(NS_CONFIG)
	@echo "  AS      $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(NS_CPPFLAGS) $(NS_ASFLAGS) -MMD -MP -c $< -o $@

define NS_PAYLOAD_RULES
$(NS_O)/$(1).elf: $(patsubst %.c,$(NS_O)/%.o,$(NS_SRCS_$(1))) $(NS_LIB_OBJS) $(NS_DIR)/lib/ns.ld
	@echo "  LD      $$@"
	$(Q)$(CC) $(NS_LDFLAGS) -Wl,-Map,$(NS_O)/$(1).map -o $$@ \
		$(patsubst %.c,$(NS_O)/%.o,$(NS_SRCS_$(1))) $(NS_LIB_OBJS) -lgcc
$(NS_O)/$(1).bin: $(NS_O)/$(1).elf
	$(Q)$(OBJCOPY) -O binary $$< $$@
	@echo "  NS      $$@"
endef
$(foreach p,$(NS_PAYLOADS) bench,$(eval $(call NS_PAYLOAD_RULES,$(p))))

NS_BINS := $(patsubst %,$(NS_O)/%.bin,$(NS_PAYLOADS))

.PHONY: ns-payloads check-ns
ns-payloads: $(NS_BINS) $(NS_O)/bench.bin

# Reserved first, dynamic last: $(O)/mintee.bin is a copy of the most recent
# flavour built, and dynamic is the default CFG_SHM.
# The payloads use the test service: the CFG_TEST_PTA=1 flavours
# ($(O)/fw-<shm>-test), built through their file targets so that
# $(O)/mintee.bin stays the shipped image.
check-ns: ns-payloads
	$(Q)$(MAKE) --no-print-directory CFG_SHM=reserved CFG_TEST_PTA=1 $(O)/fw-reserved-test/mintee.bin
	$(Q)$(MAKE) --no-print-directory CFG_SHM=dynamic CFG_TEST_PTA=1 $(O)/fw-dynamic-test/mintee.bin
	$(Q)O=$(O) $(NS_DIR)/run.sh --out $(NS_O) $(NS_PAYLOADS)



-include $(wildcard $(NS_O)/*.d $(NS_O)/lib/*.d)

# The fuzzer payload (tests/ns/fuzz*.c): not part of check-ns; tests/fuzz
# runs it (make check-fuzz, make fuzz).
NS_SRCS_fuzz := fuzz.c fuzz_gen.c fuzz_exec.c
$(eval $(call NS_PAYLOAD_RULES,fuzz))
