# mintee TA dev kit: builds one TA the way OP-TEE's kit does, so a TA tree
# written for OP-TEE builds unchanged (ta-abi.md D.2):
#
#   <ta>/Makefile:  BINARY = <uuid>
#                   include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk
#   <ta>/sub.mk:    srcs-y, global-incdirs-y, incdirs-y, cflags-y, cppflags-y,
#                   aflags-y, cflags-remove-y, cflags-<file>-y,
#                   cflags-remove-<file>-y, subdirs-y
#
#   make CROSS_COMPILE=arm-none-eabi- TA_DEV_KIT_DIR=<kit> [O=dir] [V=1]
#        [TA_SIGN_KEY=<pem>] [CFG_TA_VERSION=n] [CFG_...=y|n|value]
#
# Outputs in $(O) (default: the TA's directory): <uuid>.elf, .map, .dmp,
# .stripped.elf and the signed <uuid>.ta. `make clean` removes them.

ta-dev-kit-dir := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
ta-dev-kit-dir := $(patsubst %/mk,%,$(ta-dev-kit-dir))
TA_DEV_KIT_DIR ?= $(ta-dev-kit-dir)

.DEFAULT_GOAL := all
include $(ta-dev-kit-dir)/mk/conf.mk

ifneq ($(words $(strip $(BINARY) $(LIBNAME) $(SHLIBNAME))),1)
$(error Exactly one of BINARY, LIBNAME or SHLIBNAME must be set)
endif
ifneq ($(strip $(LIBNAME)$(SHLIBNAME)),)
$(error mintee's kit builds TAs (BINARY = <uuid>); TA libraries (LIBNAME, SHLIBNAME) are not supported yet)
endif

CROSS_COMPILE ?= arm-none-eabi-
O ?= .
V ?= 0
ifeq ($(V),1)
q :=
else
q := @
endif

ta-cc      := $(CROSS_COMPILE)gcc
ta-objcopy := $(CROSS_COMPILE)objcopy
ta-objdump := $(CROSS_COMPILE)objdump
PYTHON3    ?= python3
TA_SIGN_KEY ?= $(ta-dev-kit-dir)/keys/default_ta.pem
CFG_TA_VERSION ?= 0
CFG_TEE_TA_LOG_LEVEL ?= 2

# Every CFG_ make variable becomes a define: y -> 1, n or empty -> none,
# anything else -> its value.
ta-cfg-vars := $(sort $(filter CFG_% _CFG_%,$(.VARIABLES)))
ta-cfg-flags := $(foreach v,$(ta-cfg-vars),$(if $(filter y,$($(v))),-D$(v)=1,\
	$(if $(filter-out n,$(strip $($(v)))),-D$(v)='$($(v))')))
ifeq ($(CFG_TA_OPTEE_CORE_API_COMPAT_1_1),y)
ta-cfg-flags += -D__OPTEE_CORE_API_COMPAT_1_1=1
endif

ta-cflags := $(TA_ARCH_FLAGS) -Os -g -fpie -fno-common -fno-short-enums \
	-ffunction-sections -fdata-sections -fno-builtin-printf \
	-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
	$(CFLAGS) $(CFLAGS32)
ta-cppflags := $(TA_STDINT_FLAGS) -DARM32=1 -D__ILP32__=1 -DTRACE_LEVEL=$(CFG_TEE_TA_LOG_LEVEL) $(ta-cfg-flags) \
	-I. -I$(ta-dev-kit-dir)/include
ta-aflags := $(TA_ARCH_FLAGS) -g

include $(ta-dev-kit-dir)/mk/subdir.mk
$(eval $(call ta-process-dir,.))

ta-objs := $(foreach s,$(ta-srcs),$(call ta-obj,$(s)))
ta-hdr-obj := $(O)/user_ta_header.o

$(foreach s,$(ta-srcs),$(eval $(call ta-compile-rule,$(s))))

ta-elf := $(O)/$(BINARY).elf
ta-ta  := $(O)/$(BINARY).ta

.PHONY: all clean
all: $(ta-ta) $(O)/$(BINARY).dmp

$(ta-hdr-obj): $(ta-dev-kit-dir)/src/user_ta_header.c $(wildcard user_ta_header_defines.h)
	@$(if $(filter 1,$(V)),:,echo "  CC      $@")
	$(q)mkdir -p $(@D)
	$(q)$(ta-cc) $(ta-cflags) $(ta-cppflags) $(addprefix -I,$(ta-global-incdirs)) -MMD -MP \
		-c $< -o $@

$(ta-elf): $(ta-objs) $(ta-hdr-obj) $(ta-dev-kit-dir)/src/ta.ld $(ta-dev-kit-dir)/lib/libutee.a
	@$(if $(filter 1,$(V)),:,echo "  LD      $@")
	$(q)$(ta-cc) $(TA_ARCH_FLAGS) -nostdlib -nostartfiles -pie -Wl,--no-dynamic-linker \
		-Wl,--no-undefined -Wl,-z,max-page-size=4096 -Wl,--gc-sections -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -Wl,--no-enum-size-warning -Wl,-T,$(ta-dev-kit-dir)/src/ta.ld \
		-Wl,--export-dynamic-symbol=ta_head -Wl,-Map,$(O)/$(BINARY).map \
		-o $@ $(ta-objs) $(ta-hdr-obj) $(LDADD) \
		-Wl,--start-group $(ta-dev-kit-dir)/lib/libutee.a $(TA_LIBC) $(TA_LIBGCC) -Wl,--end-group

$(O)/$(BINARY).stripped.elf: $(ta-elf)
	@$(if $(filter 1,$(V)),:,echo "  OBJCOPY $@")
	$(q)$(ta-objcopy) --strip-unneeded $< $@

$(O)/$(BINARY).dmp: $(ta-elf)
	$(q)$(ta-objdump) -l -x -d $< > $@

$(ta-ta): $(O)/$(BINARY).stripped.elf $(TA_SIGN_KEY)
	@$(if $(filter 1,$(V)),:,echo "  SIGN    $@")
	$(q)$(PYTHON3) $(ta-dev-kit-dir)/scripts/sign_ta.py --key $(TA_SIGN_KEY) \
		--uuid $(BINARY) --ta-version $(CFG_TA_VERSION) --in $< --out $@

clean:
	@$(if $(filter 1,$(V)),:,echo "  CLEAN   $(O)")
	$(q)rm -f $(ta-objs) $(ta-objs:.o=.d) $(ta-hdr-obj) $(ta-hdr-obj:.o=.d) \
		$(addprefix $(O)/$(BINARY),.elf .map .dmp .stripped.elf .ta)
	$(q)if [ "$(O)" != "." ]; then rm -rf "$(O)"; fi

-include $(ta-objs:.o=.d) $(ta-hdr-obj:.o=.d)
