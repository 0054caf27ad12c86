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
test_dt_SRCS := tests/unit/test_dt.c core/dt.c $(UNIT_LIBFDT_SRCS)
test_dt_DATA := $(UNIT_O)/virt.dtb $(UNIT_O)/virt-smp4.dtb

UNIT_TESTS += test_fast
test_fast_SRCS := tests/unit/test_fast.c tests/unit/fake_arch.c thread/entry_fast.c \
	thread/thread.c thread/unknown_fid.c mm/ns_mem.c

UNIT_TESTS += test_msg
test_msg_SRCS := tests/unit/test_msg.c tests/unit/fake_arch.c core/msg.c core/msg_param.c \
	core/session.c mm/ns_shm.c mm/ns_mem.c mm/ns_io.c

UNIT_TESTS += test_sm
test_sm_SRCS := tests/unit/test_sm.c tests/unit/fake_arch.c tests/unit/fake_cpu.c sm/sm.c sm/psci.c \
	thread/thread.c thread/unknown_fid.c mm/ns_mem.c

UNIT_TESTS += test_thread
test_thread_SRCS := tests/unit/test_thread.c tests/unit/fake_arch.c tests/unit/fake_cpu.c \
	thread/thread_pool.c thread/entry_std.c thread/unknown_fid.c mm/ns_shm.c mm/ns_mem.c mm/ns_io.c

# The layer check is a script, run like the test binaries (test_layers.sh).
UNIT_LAYERS := lib arch platform kernel mm thread sm core
LAYER_DIRS_lib := include lib
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

# ---------------------------------------------------------------- Rules

# Objects: project sources under $(UNIT_O)/obj, libfdt's under $(UNIT_O)/libfdt.
unit_objs = $(patsubst %.c,$(UNIT_O)/obj/%.o,$(filter-out $(LIBFDT_DIR)/%,$(1))) \
	$(patsubst $(LIBFDT_DIR)/%.c,$(UNIT_O)/libfdt/%.o,$(filter $(LIBFDT_DIR)/%,$(1)))

UNIT_BINS := $(addprefix $(UNIT_O)/,$(UNIT_TESTS)) $(UNIT_O)/test_layers
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


