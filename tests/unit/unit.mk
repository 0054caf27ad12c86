# Tier 1: host unit tests. Included by the top-level Makefile.
#
#   make check-unit      build and run every $(UNIT_O)/test_* binary
#   make unit            build them (and their data) only
#
# Adding a test: register it below, in the "Tests" section:
#   UNIT_TESTS   += test_foo
#   test_foo_SRCS := tests/unit/test_foo.c core/foo.c [$(UNIT_LIBFDT_SRCS)]
#   test_foo_DATA := files it reads, built by rules of this file (optional)
# The binary is $(UNIT_O)/test_foo, run as `$(UNIT_O)/test_foo $(UNIT_O)`
# (its data directory). It prints one "PASS|FAIL unit.<suite>.<case>: ..."
# line per case and closes with "N passed, N failed": tests/unit/unit_test.h.
# Project sources are compiled with -Werror; libfdt's (from $(LIBFDT_DIR))
# without warnings, as in the firmware build.

UNIT_O        := $(O)/unit
UNIT_CC       ?= $(HOSTCC)
# Sanitizers catch out-of-bounds reads the firmware would not notice.
# UNIT_SAN= turns them off.
UNIT_SAN      ?= -fsanitize=address,undefined -fno-sanitize-recover=all
# tests/unit/fake/ first: its arm.h stands in for the real one on the host.
UNIT_CPPFLAGS := -D_DEFAULT_SOURCE -I$(LIBFDT_DIR) -Itests/unit -Itests/unit/fake $(INC_core) \
	-DCFG_SHM_DYNAMIC=1 -DMINTEE_VERSION_MAJOR=0 -DMINTEE_VERSION_MINOR=1 \
	-DMINTEE_BUILD_ID=0x12345678
UNIT_CFLAGS   := -std=c11 -Wall -Wextra -Werror -Wno-override-init -O1 -g $(UNIT_SAN)
UNIT_LDFLAGS  := $(UNIT_SAN)
# Seconds a test binary may run before check-unit counts it as failed.
UNIT_TIMEOUT  ?= 120

UNIT_LIBFDT_SRCS := $(addprefix $(LIBFDT_DIR)/,$(LIBFDT_SRCS))

# ---------------------------------------------------------------- Tests

UNIT_TESTS += test_dt
test_dt_SRCS := tests/unit/test_dt.c core/dt.c lib/printf.c $(UNIT_LIBFDT_SRCS)
test_dt_DATA := $(UNIT_O)/virt.dtb $(UNIT_O)/virt-smp4.dtb

UNIT_TESTS += test_fast
test_fast_SRCS := tests/unit/test_fast.c tests/unit/fake_arch.c thread/entry_fast.c \
	thread/thread.c thread/unknown_fid.c mm/ns_mem.c

UNIT_TESTS += test_msg
test_msg_SRCS := tests/unit/test_msg.c tests/unit/fake_arch.c tests/unit/fake_ta_store.c \
	core/msg.c core/msg_param.c core/session.c mm/ns_shm.c mm/ns_mem.c mm/ns_io.c

UNIT_TESTS += test_sm
test_sm_SRCS := tests/unit/test_sm.c tests/unit/fake_arch.c tests/unit/fake_cpu.c sm/sm.c sm/psci.c \
	thread/thread.c thread/unknown_fid.c mm/ns_mem.c

UNIT_TESTS += test_thread
test_thread_SRCS := tests/unit/test_thread.c tests/unit/fake_arch.c tests/unit/fake_cpu.c \
	thread/thread_pool.c thread/entry_std.c thread/unknown_fid.c mm/ns_shm.c mm/ns_mem.c mm/ns_io.c

# The crypto layer (lib/crypto/crypto.mk builds mbedTLS for the host and the data).
UNIT_TESTS += test_crypto
test_crypto_SRCS := tests/unit/test_crypto.c $(CRYPTO_SRCS)
test_crypto_DATA := $(CRYPTO_UNIT_DATA)
$(UNIT_O)/test_crypto: $(CRYPTO_HOST_OBJS) $(CRYPTO_UNIT_TA_KEY_OBJ)

UNIT_TESTS += test_trusted_keys
test_trusted_keys_SRCS := tests/unit/test_trusted_keys.c tests/unit/fake_arch.c core/huk.c \
	core/drbg.c core/pta/trusted_keys.c $(CRYPTO_SRCS)
$(UNIT_O)/test_trusted_keys: $(CRYPTO_HOST_OBJS) $(CRYPTO_UNIT_TA_KEY_OBJ)

# Secure storage over an in-memory FS (docs/secure-storage.md).
UNIT_TESTS += test_storage
test_storage_SRCS := tests/unit/test_storage.c tests/unit/test_storage_fs.c \
	tests/unit/fake_arch.c core/huk.c core/drbg.c core/storage/storage.c \
	core/storage/storage_dir.c core/storage/storage_fmt.c $(CRYPTO_SRCS)
$(UNIT_O)/test_storage: $(CRYPTO_HOST_OBJS) $(CRYPTO_UNIT_TA_KEY_OBJ)

# The firmware's FS transport against a stand-in supplicant that can lie.
UNIT_TESTS += test_storage_rpc
test_storage_rpc_SRCS := tests/unit/test_storage_rpc.c tests/unit/test_storage_fs.c \
	tests/unit/fake_arch.c core/huk.c core/drbg.c core/storage/storage.c \
	core/storage/storage_dir.c core/storage/storage_fmt.c core/storage/storage_rpc.c \
	$(CRYPTO_SRCS)
$(UNIT_O)/test_storage_rpc: $(CRYPTO_HOST_OBJS) $(CRYPTO_UNIT_TA_KEY_OBJ)

# The same logic through our tee-supplicant's FS service on a real folder.
UNIT_TESTS += test_storage_supp
test_storage_supp_SRCS := tests/unit/test_storage_supp.c client/supplicant/fs.c \
	tests/unit/fake_arch.c core/huk.c core/drbg.c core/storage/storage.c \
	core/storage/storage_dir.c core/storage/storage_fmt.c $(CRYPTO_SRCS)
$(UNIT_O)/test_storage_supp: $(CRYPTO_HOST_OBJS) $(CRYPTO_UNIT_TA_KEY_OBJ)
$(UNIT_O)/obj/client/supplicant/fs.o $(UNIT_O)/obj/tests/unit/test_storage_supp.o: \
	UNIT_CPPFLAGS += -D_GNU_SOURCE -I$(CLIENT_O)/include -Iclient/libteec/include
$(UNIT_O)/obj/client/supplicant/fs.o $(UNIT_O)/obj/tests/unit/test_storage_supp.o: $(CLIENT_TEE_H)

UNIT_TESTS += test_ta_elf
test_ta_elf_SRCS := tests/unit/test_ta_elf.c tests/unit/fake_arch.c core/ta/ta_elf.c mm/ta_pool.c
test_ta_elf_DATA := $(UNIT_O)/ta/test_ta_sysv.elf $(UNIT_O)/ta/test_ta_gnu.elf $(UNIT_O)/ta/test_ta_hf.elf

UNIT_TESTS += test_ta_shdr
test_ta_shdr_SRCS := tests/unit/test_ta_shdr.c tests/unit/fake_arch.c core/ta/ta_shdr.c \
	core/ta/ta_elf.c mm/ta_pool.c $(CRYPTO_SRCS)
$(UNIT_O)/test_ta_shdr: $(CRYPTO_HOST_OBJS) $(CRYPTO_UNIT_TA_KEY_OBJ)
test_ta_shdr_DATA := $(addprefix $(UNIT_O)/ta/,key_a.der key_b.der key_c.der pss_a.ta \
	pkcs1_a.ta pss_c.ta gnu_a.ta uuid_v_a.ta)

# The layer check is a script, run like the test binaries (test_layers.sh).
UNIT_LAYERS := lib arch platform kernel mm thread sm core
# lib/crypto/*.h (mbedTLS configuration) are private to lib/crypto: its
# interface is lib/crypto/include.
LAYER_DIRS_lib := include lib/include lib/crypto/include
LAYER_DIRS_arch := arch/arm
LAYER_DIRS_platform := platform/qemu_virt
LAYER_DIRS_kernel := kernel
LAYER_DIRS_mm := mm
LAYER_DIRS_thread := thread
LAYER_DIRS_sm := sm
LAYER_DIRS_core := core
$(UNIT_O)/test_layers: tests/unit/test_layers.sh tests/unit/unit.mk Makefile | $(LIBFDT_DIR)/.extracted
	@echo "  GEN     $@"
	$(Q)mkdir -p $(@D)
	$(Q){ echo '#!/bin/sh'; \
	  echo "export CC='$(CC)' LAYERS='$(UNIT_LAYERS)' FW_CPPFLAGS='$(FW_CPPFLAGS)'"; \
	  $(foreach l,$(UNIT_LAYERS),echo "export INC_$(l)='$(INC_$(l))' LAYER_DIRS_$(l)='$(LAYER_DIRS_$(l))'";) \
	  echo 'exec tests/unit/test_layers.sh "$$@"'; } > $@.tmp && chmod +x $@.tmp && mv $@.tmp $@

# ---------------------------------------------------------------- Data

# DTBs as QEMU hands them to mintee: with a firmware (-bios) QEMU leaves PSCI
# to it, so the cpu nodes have no enable-method and there is no /psci. The
# smp4 one also has -kernel/-append, hence /chosen/bootargs.
UNIT_QEMU_DTB = timeout 20 qemu-system-arm \
	-machine virt,secure=on,dumpdtb=$@.tmp -cpu cortex-a15 \

# Tests that are scripts, run like the binaries (same closing line); their
# build rules live with what they test:
#   test_teec_abi  libteec's ARM32 layout and exports against upstream's
#                  (tests/unit/test_teec_abi.sh; rule in client/client.mk)
#   test_libteec   libteec and tee-supplicant built for the host against an
#                  emulated TEE driver (client/tests; rule in client/client.mk)
UNIT_SCRIPTS += test_teec_abi test_libteec test_layers

# ---------------------------------------------------------------- Data

# DTBs as QEMU hands them to mintee: with a firmware (-bios) QEMU leaves PSCI
# to it, so the cpu nodes have no enable-method and there is no /psci. The
# smp4 one also has -kernel/-append, hence /chosen/bootargs.
UNIT_QEMU_DTB = timeout 20 qemu-system-arm \
	-machine virt,secure=on,dumpdtb=$@.tmp -cpu cortex-a15 \
	-display none -nic none -bios /dev/null

$(UNIT_O)/virt.dtb:
	@echo "  DTB     $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(UNIT_QEMU_DTB) -smp 2 -m 1024 >$@.log 2>&1 && mv $@.tmp $@ \
		|| { cat $@.log >&2; rm -f $@.tmp; exit 1; }

$(UNIT_O)/virt-smp4.dtb: $(UNIT_O)/dummy-kernel
	@echo "  DTB     $@"
	$(Q)$(UNIT_QEMU_DTB) -smp 4 -m 2048 -kernel $< \
		-append "console=ttyAMA0 root=/dev/ram" >$@.log 2>&1 \
		&& mv $@.tmp $@ || { cat $@.log >&2; rm -f $@.tmp; exit 1; }

$(UNIT_O)/dummy-kernel:
	$(Q)mkdir -p $(@D)
	$(Q)head -c 4096 /dev/zero >$@

# Test TAs for the loader tests: ARM ET_DYN (-pie) linked by the secure-world
# toolchain as OP-TEE's dev kit links TAs, with a sysv and a GNU hash table.
UNIT_TA_CFLAGS := -marm -mcpu=cortex-a15 -mfloat-abi=soft -Os -fpie -ffreestanding
UNIT_TA_LDFLAGS := -pie --no-dynamic-linker -z max-page-size=4096 -e __ta_entry \
	--export-dynamic-symbol=ta_head
$(UNIT_O)/ta/test_ta.o: tests/unit/ta/test_ta.c
	@echo "  CC      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(UNIT_TA_CFLAGS) -c $< -o $@
# The same TA as OP-TEE's kit shapes it: arm-linux-gnueabihf, Thumb-2,
# EABI5 hard-float, GNU hash, GNU_STACK/GNU_RELRO program headers.
$(UNIT_O)/ta/test_ta_hf.elf: tests/unit/ta/test_ta.c
	@echo "  LD      $@"
	$(Q)mkdir -p $(@D)
	$(Q)arm-linux-gnueabihf-gcc -nostdlib -ffreestanding -pie -fpie -Os -mthumb -mcpu=cortex-a15 \
		-Wl,-z,max-page-size=4096 -Wl,--export-dynamic-symbol=ta_head -Wl,--no-dynamic-linker \
		-e __ta_entry -o $@ $<
$(UNIT_O)/ta/test_ta_%.elf: $(UNIT_O)/ta/test_ta.o
	@echo "  LD      $@"
	$(Q)$(CROSS_COMPILE)ld $(UNIT_TA_LDFLAGS) --hash-style=$* -o $@ $<

# Signed images for the .ta header tests, made by the build's own signing tool
# (tools/sign_ta.py) with keys generated here: a and b RSA-2048, c RSA-4096.
# The test ELF's ta_head names UNIT_TA_UUID; uuid_v_a.ta is signed for another.
UNIT_TA_UUID   := 5ce0c432-0ab0-40e5-a056-782ca0e6ab01
UNIT_TA_UUID_V := 5ce0c432-0ab0-40e5-a056-782ca0e6ab02
PYTHON3 ?= python3
UNIT_KEY_BITS_a := 2048
UNIT_KEY_BITS_b := 2048
UNIT_KEY_BITS_c := 4096
$(UNIT_O)/ta/key_%.pem:
	@echo "  KEYGEN  $@ (test key)"
	$(Q)mkdir -p $(@D)
	$(Q)openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$(UNIT_KEY_BITS_$*) -out $@.tmp \
		2>/dev/null && mv $@.tmp $@
$(UNIT_O)/ta/key_%.der: $(UNIT_O)/ta/key_%.pem
	$(Q)openssl pkey -in $< -pubout -outform DER -out $@
UNIT_SIGN = $(PYTHON3) tools/sign_ta.py --in $< --out $@
$(UNIT_O)/ta/pss_%.ta: $(UNIT_O)/ta/test_ta_sysv.elf $(UNIT_O)/ta/key_%.pem tools/sign_ta.py
	@echo "  SIGN    $@"
	$(Q)$(UNIT_SIGN) --key $(UNIT_O)/ta/key_$*.pem --uuid $(UNIT_TA_UUID) --ta-version 3
$(UNIT_O)/ta/pkcs1_%.ta: $(UNIT_O)/ta/test_ta_sysv.elf $(UNIT_O)/ta/key_%.pem tools/sign_ta.py
	@echo "  SIGN    $@"
	$(Q)$(UNIT_SIGN) --key $(UNIT_O)/ta/key_$*.pem --uuid $(UNIT_TA_UUID) --algo pkcs1
$(UNIT_O)/ta/gnu_%.ta: $(UNIT_O)/ta/test_ta_gnu.elf $(UNIT_O)/ta/key_%.pem tools/sign_ta.py
	@echo "  SIGN    $@"
	$(Q)$(UNIT_SIGN) --key $(UNIT_O)/ta/key_$*.pem --uuid $(UNIT_TA_UUID)
$(UNIT_O)/ta/uuid_v_%.ta: $(UNIT_O)/ta/test_ta_sysv.elf $(UNIT_O)/ta/key_%.pem tools/sign_ta.py
	@echo "  SIGN    $@"
	$(Q)$(UNIT_SIGN) --key $(UNIT_O)/ta/key_$*.pem --uuid $(UNIT_TA_UUID_V)
.SECONDARY: $(addprefix $(UNIT_O)/ta/,key_a.pem key_b.pem key_c.pem)

# ---------------------------------------------------------------- Rules

# Objects: project sources under $(UNIT_O)/obj, libfdt's under $(UNIT_O)/libfdt.
unit_objs = $(patsubst %.c,$(UNIT_O)/obj/%.o,$(filter-out $(LIBFDT_DIR)/%,$(1))) \
	$(patsubst $(LIBFDT_DIR)/%.c,$(UNIT_O)/libfdt/%.o,$(filter $(LIBFDT_DIR)/%,$(1)))

UNIT_BINS := $(addprefix $(UNIT_O)/,$(UNIT_TESTS) $(UNIT_SCRIPTS))
UNIT_DATA := $(foreach t,$(UNIT_TESTS),$($(t)_DATA))
UNIT_OBJS := $(sort $(foreach t,$(UNIT_TESTS),$(call unit_objs,$($(t)_SRCS))))
UNIT_LIBFDT_OBJS := $(filter $(UNIT_O)/libfdt/%,$(UNIT_OBJS))

define unit_test_rule
$(UNIT_O)/$(1): $(call unit_objs,$($(1)_SRCS))
	@echo "  HOSTLD  $$@"
	$(Q)$(UNIT_CC) $(UNIT_LDFLAGS) -o $$@ $$^
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_test_rule,$(t))))

$(UNIT_O)/obj/%.o: %.c | $(LIBFDT_DIR)/.extracted
	@echo "  HOSTCC  $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(UNIT_CC) $(UNIT_CPPFLAGS) $(UNIT_CFLAGS) -MMD -MP -c $< -o $@

# A static pattern rule, so that make never tries it for other targets.
$(UNIT_LIBFDT_OBJS): $(UNIT_O)/libfdt/%.o: $(LIBFDT_DIR)/.extracted
	@echo "  HOSTCC  libfdt/$*.c"
	$(Q)mkdir -p $(@D)
	$(Q)$(UNIT_CC) -I$(LIBFDT_DIR) -std=gnu11 -O1 -g -w $(UNIT_SAN) \
		-c $(LIBFDT_DIR)/$*.c -o $@

-include $(filter $(UNIT_O)/obj/%,$(UNIT_OBJS:.o=.d))

.PHONY: unit check-unit
unit: $(UNIT_BINS) $(UNIT_DATA)

# Runs each binary (under a timeout, output capped at 1 MB), shows its output,
# adds up the closing lines. A binary that dies or times out without its summary, or
# exits non-zero with none failed, counts as one failure.
check-unit: unit
	@pass=0; fail=0; \
	for t in $(UNIT_BINS); do \
		{ timeout $(UNIT_TIMEOUT) $$t $(UNIT_O) 2>&1; echo $$? >$$t.rc; } \
			| head -c 1000000 >$$t.log; \
		rc=$$(cat $$t.rc); cat $$t.log; \
		sum=$$(sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$$/\1 \2/p' \
			$$t.log | tail -n 1); \
		if [ -z "$$sum" ]; then \
			echo "FAIL unit.$${t##*/}: exit status $$rc, no summary"; \
			fail=$$((fail + 1)); continue; \
		fi; \
		set -- $$sum; pass=$$((pass + $$1)); fail=$$((fail + $$2)); \
		if [ $$rc -ne 0 ] && [ $$2 -eq 0 ]; then \
			echo "FAIL unit.$${t##*/}: exit status $$rc"; \
			fail=$$((fail + 1)); \
		fi; \
	done; \
	echo "unit: $$pass passed, $$fail failed"; \
	[ $$fail -eq 0 ]


