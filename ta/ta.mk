# ta/: the TA library (start-up, syscall stubs, GP API so far) and the
# project's TAs, built with the secure-world toolchain as OP-TEE's kit links
# TAs: ARM ELF32 ET_DYN (-pie), R_ARM_RELATIVE relocations only, ta_head a
# dynamic symbol, soft-float (TAs get no VFP: include/mintee_ta_abi.h).
# Included by the top-level Makefile.
#
#   make tas          $(O)/ta/*.elf
#
# ta/ includes nothing of the core: only include/ (the ABI headers) and the
# pure formatter of lib/.

TA_O := $(O)/ta
TA_CPPFLAGS := -Ita/include -Iinclude -Ilib/include
TA_CFLAGS := -std=c11 -Wall -Wextra -Werror -Os -g -marm -mcpu=cortex-a15 -mfloat-abi=soft \
	-fpie -ffreestanding -fno-common -ffunction-sections -fdata-sections \
	-fno-tree-loop-distribute-patterns
TA_ASFLAGS := -g -marm -mcpu=cortex-a15 -mfloat-abi=soft -D__ASSEMBLY__
TA_LDFLAGS := -nostdlib -nostartfiles -pie -Wl,--no-dynamic-linker -Wl,-z,max-page-size=4096 \
	-Wl,-T,ta/ta.ld -Wl,--export-dynamic-symbol=ta_head -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments -marm -mfloat-abi=soft
TA_LIBS := -Wl,--start-group -lc -lgcc -Wl,--end-group

TA_LIB_SRCS := ta/lib/entry_a32.S ta/lib/entry.c ta/lib/syscalls_a32.S ta/lib/tee_api.c lib/printf.c
TA_LIB_OBJS := $(patsubst %,$(TA_O)/obj/%.o,$(basename $(TA_LIB_SRCS)))

$(TA_O)/obj/%.o: %.c
	@echo "  TACC    $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(TA_CPPFLAGS) $(TA_CFLAGS) -MMD -MP -c $< -o $@
$(TA_O)/obj/%.o: %.S
	@echo "  TAAS    $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(TA_CPPFLAGS) $(TA_ASFLAGS) -MMD -MP -c $< -o $@

# The test TA in four flavours (tests/ta/test/test_ta.h): id, flags.
TEST_TA_VARIANTS := 10:0 11:0x4 12:0xc 13:0x1c
TEST_TA_ELFS := $(foreach v,$(TEST_TA_VARIANTS),$(TA_O)/test_ta_$(word 1,$(subst :, ,$(v))).elf)

$(TA_O)/test/test_ta.o: tests/ta/test/test_ta.c
	@echo "  TACC    $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(TA_CPPFLAGS) -Itests/ta/test $(TA_CFLAGS) -MMD -MP -c $< -o $@

define TEST_TA_RULES
$(TA_O)/test/user_ta_header_$(1).o: ta/lib/user_ta_header.c tests/ta/test/user_ta_header_defines.h
	@echo "  TACC    $$< ($(1))"
	$(Q)mkdir -p $$(@D)
	$(Q)$(CC) $(TA_CPPFLAGS) -Itests/ta/test -DTEST_TA_ID=0x$(1) -DTEST_TA_FLAGS=$(2) \
		$(TA_CFLAGS) -MMD -MP -c $$< -o $$@
$(TA_O)/test_ta_$(1).elf: $(TA_O)/test/test_ta.o $(TA_O)/test/user_ta_header_$(1).o $(TA_LIB_OBJS) ta/ta.ld
	@echo "  TALD    $$@"
	$(Q)$(CC) $(TA_LDFLAGS) -o $$@ $(TA_O)/test/test_ta.o $(TA_O)/test/user_ta_header_$(1).o \
		$(TA_LIB_OBJS) $(TA_LIBS)
	$(Q)$(CROSS_COMPILE)readelf -rW $$@ | awk '/R_ARM_/ && !/R_ARM_RELATIVE/ { bad = 1 } END { exit bad }' || \
		{ echo "$$@: relocations other than R_ARM_RELATIVE" >&2; rm -f $$@; exit 1; }
endef
$(foreach v,$(TEST_TA_VARIANTS),$(eval $(call TEST_TA_RULES,$(word 1,$(subst :, ,$(v))),$(word 2,$(subst :, ,$(v))))))

.PHONY: tas
tas: $(TEST_TA_ELFS)

-include $(wildcard $(TA_O)/obj/*/*.d $(TA_O)/obj/*/*/*.d $(TA_O)/test/*.d)
