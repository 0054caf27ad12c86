# Fuzzing tier (issue 9). Included by the top-level Makefile.
#
#   make check-fuzz      fixed-seed bounded runs: the NS payload fuzzer in QEMU
#                        (both shm modes) and each host fuzzer
#   make fuzz SEED=S N=N long campaign: N NS inputs (MODES=dynamic by
#                        default), then RUNS (default N) inputs per host fuzzer
#   make fuzz-host       build the host fuzzers only
#
# Variables: SEED (default 1), N (default 1000000), RUNS (default N),
# MODES ("dynamic reserved" subset), IMAGES ("test shipped" subset: the
# CFG_TEST_PTA=1 image or the shipped one; default test), FUZZ_TARGETS (which of ns and the host
# fuzzers' names to run, default all), TRACE (NS: describe every input from
# this index on).
#
# Adding a host fuzzer (as the TA loader's ta_elf and ta_shdr were): write
# tests/fuzz/host/fuzz_<name>.c with LLVMFuzzerTestOneInput(), then add
#   FUZZ_HOST += <name>
#   fuzz_<name>_SRCS := tests/fuzz/host/fuzz_<name>.c <the firmware files it drives>
#   fuzz_<name>_SEEDS := <example inputs> (optional)
# below. host.c (input reading, fake NS RAM at 0x40000000, log/lock
# stand-ins, services, leak check) is linked into every harness; check-fuzz
# and fuzz pick the new one up by name.

FUZZ_O        := $(O)/fuzz
FUZZ_HOST_O   := $(FUZZ_O)/host
FUZZ_CC       ?= clang
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CPPFLAGS := -D_DEFAULT_SOURCE -Itests/fuzz/host $(INC_core) \
	-DCFG_SHM_DYNAMIC=1 -DMINTEE_VERSION_MAJOR=0 -DMINTEE_VERSION_MINOR=1 \
	-DMINTEE_BUILD_ID=0x12345678
FUZZ_CFLAGS   := -std=c11 -Wall -Wextra -Werror -Wno-override-init -Wno-gnu-variable-sized-type-not-at-end -O1 -g \
	-fno-omit-frame-pointer $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_LDFLAGS  := $(FUZZ_SAN) -fsanitize=fuzzer

# Fixed-seed budgets of check-fuzz (kept to well under a minute in all on a
# loaded 2-core machine; see README "Tests").
FUZZ_CHECK_SEED    ?= 1
FUZZ_CHECK_NS_N    ?= 60000
FUZZ_CHECK_RUNS    ?= 40000

# ---------------------------------------------------------------- harnesses

# mm/ns_io.c (the one NS access path, issue 9 item 1) once it exists.
FUZZ_COMMON := tests/fuzz/host/host.c tests/unit/fake_ta_store.c core/session.c mm/ns_shm.c mm/ns_mem.c $(wildcard mm/ns_io.c)

FUZZ_HOST += msg
fuzz_msg_SRCS := tests/fuzz/host/fuzz_msg.c core/msg.c core/msg_param.c

FUZZ_HOST += pagelist
fuzz_pagelist_SRCS := tests/fuzz/host/fuzz_pagelist.c

FUZZ_HOST += ta_elf
fuzz_ta_elf_SRCS := tests/fuzz/host/fuzz_ta_elf.c core/ta/ta_elf.c mm/ta_pool.c

FUZZ_HOST += ta_shdr
fuzz_ta_shdr_SRCS := tests/fuzz/host/fuzz_ta_shdr.c core/ta/ta_shdr.c core/ta/ta_elf.c mm/ta_pool.c

FUZZ_HOST += std
fuzz_std_SRCS := tests/fuzz/host/fuzz_std.c thread/entry_std.c thread/unknown_fid.c \
	core/msg.c core/msg_param.c

# Secure storage's file parsers (the AEAD stubbed inside the harness).
FUZZ_HOST += storage
fuzz_storage_SRCS := tests/fuzz/host/fuzz_storage.c core/storage/storage_fmt.c

# Example inputs for the TA ELF loader's harness (fuzz_ta_elf, registered
# with the TA loader): an ELF is hard to find from nothing. Used only when
# ta_elf is in FUZZ_HOST.
fuzz_ta_elf_SEEDS := $(UNIT_O)/ta/test_ta_sysv.elf $(UNIT_O)/ta/test_ta_gnu.elf
# The signed-image harness (fuzz_ta_shdr) takes a flags byte and the UUID
# asked for in front of the image: its seeds are the unit tier's signed test
# TAs turned into that form (host/ta_shdr_seed.py).
fuzz_ta_shdr_SEEDS := $(addprefix $(FUZZ_O)/seed-src/ta_shdr/,pss_a.in pkcs1_a.in gnu_a.in)
$(FUZZ_O)/seed-src/ta_shdr/%.in: $(UNIT_O)/ta/%.ta tests/fuzz/host/ta_shdr_seed.py
	$(Q)mkdir -p $(@D)
	$(Q)python3 tests/fuzz/host/ta_shdr_seed.py $< $@

# ---------------------------------------------------------------- rules

# Seed inputs of a harness (fuzz_<name>_SEEDS, optional) are copied into
# $(FUZZ_O)/seeds/<name>/, which check.sh hands to libFuzzer next to the corpus.
define fuzz_seed_rule
$(FUZZ_O)/seeds/$(1)/.stamp: $(fuzz_$(1)_SEEDS)
	$(Q)rm -rf $$(@D) && mkdir -p $$(@D)
	$(Q)$(if $(fuzz_$(1)_SEEDS),cp $(fuzz_$(1)_SEEDS) $$(@D)/,true)
	$(Q)touch $$@
endef
$(foreach h,$(FUZZ_HOST),$(eval $(call fuzz_seed_rule,$(h))))
FUZZ_SEED_STAMPS := $(foreach h,$(FUZZ_HOST),$(FUZZ_O)/seeds/$(h)/.stamp)

fuzz_objs = $(patsubst %.c,$(FUZZ_HOST_O)/obj/%.o,$(1))
FUZZ_HOST_BINS := $(addprefix $(FUZZ_HOST_O)/fuzz_,$(FUZZ_HOST))

define fuzz_host_rule
$(FUZZ_HOST_O)/fuzz_$(1): $(call fuzz_objs,$(fuzz_$(1)_SRCS) $(FUZZ_COMMON))
	@echo "  FUZZLD  $$@"
	$(Q)$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $$@ $$^
endef
$(foreach h,$(FUZZ_HOST),$(eval $(call fuzz_host_rule,$(h))))

# The firmware reaches NS memory through volatile pointers, and clang's
# alignment sanitizer skips volatile accesses: in the firmware's files
# (not the harnesses') volatile is compiled away, so that every access to
# NS memory is checked for its type's alignment. That is stricter than the
# ARM rule (ldrd/strd/ldm/stm fault below word alignment) and matches the
# trust-boundary rule that NS memory is reached without alignment
# assumptions. The harnesses are single-threaded: nothing depends on it.
FUZZ_NOVOLATILE = $(if $(filter tests/fuzz/%,$<),,-Dvolatile=)
$(FUZZ_HOST_O)/obj/%.o: %.c | $(LIBFDT_DIR)/.extracted
	@echo "  FUZZCC  $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_NOVOLATILE) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

-include $(wildcard $(FUZZ_HOST_O)/obj/*/*.d $(FUZZ_HOST_O)/obj/*/*/*.d $(FUZZ_HOST_O)/obj/*/*/*/*.d)

.PHONY: fuzz-host fuzz check-fuzz fuzz-deps
fuzz-host: $(FUZZ_HOST_BINS) $(FUZZ_SEED_STAMPS)

# The NS fuzzer runs on the test images (fw-<shm>-test: the test service
# adds RPCs and more parameter shapes to reach) and on the shipped image
# (fw-<shm>), built through their file targets as check-ns does.
fuzz-deps: fuzz-host $(NS_O)/fuzz.bin
	$(Q)$(MAKE) --no-print-directory CFG_SHM=reserved CFG_TEST_PTA=1 $(O)/fw-reserved-test/mintee.bin
	$(Q)$(MAKE) --no-print-directory CFG_SHM=dynamic CFG_TEST_PTA=1 $(O)/fw-dynamic-test/mintee.bin
	$(Q)$(MAKE) --no-print-directory CFG_SHM=reserved $(O)/fw-reserved/mintee.bin
	$(Q)$(MAKE) --no-print-directory CFG_SHM=dynamic $(O)/fw-dynamic/mintee.bin

check-fuzz: fuzz-deps
	$(Q)O=$(O) tests/fuzz/check.sh --seed $(FUZZ_CHECK_SEED) --ns-n $(FUZZ_CHECK_NS_N) \
		--runs $(FUZZ_CHECK_RUNS) --modes "dynamic reserved" --images "test shipped" \
		--targets "ns $(FUZZ_HOST)"

SEED  ?= 1
N     ?= 1000000
RUNS  ?= $(N)
MODES ?= dynamic
IMAGES ?= test
FUZZ_TARGETS ?= ns $(FUZZ_HOST)
fuzz: fuzz-deps
	$(Q)O=$(O) tests/fuzz/check.sh --campaign --seed $(SEED) --ns-n $(N) --runs $(RUNS) \
		--modes "$(MODES)" --images "$(IMAGES)" --targets "$(FUZZ_TARGETS)" $(if $(TRACE),--trace $(TRACE))
