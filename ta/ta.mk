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

TA_LIB_SRCS := ta/lib/entry_a32.S ta/lib/entry.c ta/lib/syscalls_a32.S ta/lib/tee_api.c ta/lib/tee_malloc.c \
	lib/printf.c
TA_LIB_OBJS := $(patsubst %,$(TA_O)/obj/%.o,$(basename $(TA_LIB_SRCS)))

$(TA_O)/obj/%.o: %.c
	@echo "  TACC    $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(TA_CPPFLAGS) $(TA_CFLAGS) -MMD -MP -c $< -o $@
$(TA_O)/obj/%.o: %.S
	@echo "  TAAS    $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(TA_CPPFLAGS) $(TA_ASFLAGS) -MMD -MP -c $< -o $@

# The test TA in five flavours (tests/ta/test/test_ta.h): id, flags. 01 is
# the image the taload payload serves (UNIT_TA_UUID, tests/unit/unit.mk).
TEST_TA_VARIANTS := 01:0xc 10:0 11:0x4 12:0xc 13:0x1c
TEST_TA_UUID_PREFIX := 5ce0c432-0ab0-40e5-a056-782ca0e6ab
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

# Signed images, <uuid>.ta as tee-supplicant finds them in /lib/optee_armtz:
# the stripped ELF signed with the firmware's TA key (lib/crypto/crypto.mk).
# The unstripped ELF is the one for addr2line.
TEST_TA_IMAGES := $(foreach v,$(TEST_TA_VARIANTS),$(TA_O)/$(TEST_TA_UUID_PREFIX)$(word 1,$(subst :, ,$(v))).ta)
$(TA_O)/%.stripped.elf: $(TA_O)/%.elf
	$(Q)$(CROSS_COMPILE)strip --strip-debug -o $@ $<
$(TA_O)/$(TEST_TA_UUID_PREFIX)%.ta: $(TA_O)/test_ta_%.stripped.elf $(CRYPTO_TA_KEY_FILE) tools/sign_ta.py
	@echo "  SIGN    $@"
	$(Q)$(PYTHON3) tools/sign_ta.py --key $(CRYPTO_TA_KEY_FILE) --uuid $(TEST_TA_UUID_PREFIX)$* \
		--in $< --out $@

.PHONY: tas
tas: $(TEST_TA_ELFS) $(TEST_TA_IMAGES)

-include $(wildcard $(TA_O)/obj/*/*.d $(TA_O)/obj/*/*/*.d $(TA_O)/test/*.d)
.SECONDARY: $(patsubst %.elf,%.stripped.elf,$(TEST_TA_ELFS))
