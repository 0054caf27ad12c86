# Normal-world user space (included by the top-level Makefile).
#
#   make client        libteec (shared + static), tee-supplicant, the examples
#                      and tests/linux/{teec_tests,tee_raw_tests}, all for
#                      armhf Linux; installs them into $(ROOTFS_EXTRA) (copied
#                      into the initramfs) and headers + libraries into
#                      $(CLIENT_STAGING)
#   make client-check  host test of libteec against an emulated TEE driver
#   make client-clean
#
# Variables:
#   CLIENT_LINK=dynamic  (default) programs are linked against libteec.so.1
#                        and glibc's shared libraries, as a distribution ships
#                        them; the initramfs carries Debian's armhf loader
#   CLIENT_LINK=static   programs are linked with libteec.a and glibc's
#                        static libraries (run without any shared library)
#
# Outputs:
#   $(O)/client/lib/libteec.a, libteec.so.1.0.0 (SONAME libteec.so.1; links
#       libteec.so.1.0, libteec.so.1, libteec.so, and libteec.so.2 for
#       programs linked against optee_client >= 4.2, whose ABI is the same)
#   $(O)/client/bin/{tee-supplicant,hello_world,random,mintee-ctl,teec_tests,
#                    tee_raw_tests,teec_abi_client}
#   $(O)/rootfs/extra/usr/bin/{hello_world,random,mintee-ctl}
#   $(O)/rootfs/extra/usr/sbin/tee-supplicant
#   $(O)/rootfs/extra/usr/lib/libteec.so{,.1,.1.0,.1.0.0,.2}
#   $(O)/rootfs/extra/tests/{teec_tests,tee_raw_tests,teec_abi_client}
#   $(O)/rootfs/staging/usr/include/tee_client_api{,_extensions}.h
#   $(O)/rootfs/staging/usr/lib/libteec.{a,so,so.1,so.1.0,so.1.0.0,so.2}
#
# linux/tee.h comes from the kernel source package at build time; nothing of
# it is committed.

CLIENT_CROSS    ?= arm-linux-gnueabihf-
CLIENT_CC       := $(CLIENT_CROSS)gcc
CLIENT_AR       := $(CLIENT_CROSS)ar
CLIENT_STRIP    := $(CLIENT_CROSS)strip
CLIENT_O        := $(O)/client
CLIENT_STAGING  ?= $(O)/rootfs/staging
CLIENT_EXTRA    := $(if $(ROOTFS_EXTRA),$(ROOTFS_EXTRA),$(O)/rootfs/extra)
CLIENT_LINUX_SRC_TAR ?= $(if $(LINUX_SRC_TAR),$(LINUX_SRC_TAR),/usr/src/linux-source-6.12.tar.xz)

CLIENT_TEE_H    := $(CLIENT_O)/include/linux/tee.h
CLIENT_CPPFLAGS := -D_GNU_SOURCE -I$(CLIENT_O)/include -Iclient/libteec/include -Iclient/common
CLIENT_WARN     := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	-Wshadow -Wformat=2
CLIENT_CFLAGS   := -std=c11 $(CLIENT_WARN) -O2 -g
CLIENT_LINK     ?= dynamic
ifneq ($(filter-out dynamic static,$(CLIENT_LINK)),)
$(error CLIENT_LINK must be dynamic or static, not '$(CLIENT_LINK)')
endif
CLIENT_LIBS     := -pthread

LIBTEEC_SRCS    := client/libteec/src/tee_client_api.c client/libteec/src/teec_trace.c
LIBTEEC_OBJS    := $(patsubst client/%.c,$(CLIENT_O)/obj/%.o,$(LIBTEEC_SRCS))
LIBTEEC_SONAME  := libteec.so.1
LIBTEEC_A       := $(CLIENT_O)/lib/libteec.a
LIBTEEC_SO      := $(CLIENT_O)/lib/libteec.so.1.0.0
# The names a program may be linked against or look for, all the same file.
LIBTEEC_LINKS   := libteec.so.1.0 libteec.so.1 libteec.so libteec.so.2
# Exactly upstream's exports (ta-abi.md I.1), unversioned.
LIBTEEC_MAP     := client/libteec/libteec.map
LIBTEEC_HEADERS := client/libteec/include/tee_client_api.h \
	client/libteec/include/tee_client_api_extensions.h

# How programs get libteec: the shared library (found in the guest's
# /usr/lib by the loader) or the archive.
ifeq ($(CLIENT_LINK),static)
CLIENT_LDFLAGS  := -static
CLIENT_TEEC_DEP := $(LIBTEEC_A)
CLIENT_TEEC     := $(LIBTEEC_A)
else
CLIENT_LDFLAGS  :=
CLIENT_TEEC_DEP := $(LIBTEEC_SO)
CLIENT_TEEC     := -L$(CLIENT_O)/lib -lteec
endif

# Programs: name, sources.
CLIENT_UTIL_SRCS    := client/common/teec_util.c
CLIENT_PROGS := tee-supplicant hello_world random mintee-ctl teec_tests tee_raw_tests \
	teec_abi_client
tee-supplicant_SRCS := client/supplicant/tee_supplicant.c client/supplicant/ta_load.c \
	client/supplicant/fs.c
hello_world_SRCS    := client/examples/hello_world.c $(CLIENT_UTIL_SRCS)
random_SRCS         := client/examples/random.c $(CLIENT_UTIL_SRCS)
mintee-ctl_SRCS     := client/examples/mintee_ctl.c $(CLIENT_UTIL_SRCS)
teec_tests_SRCS     := tests/linux/teec_tests.c tests/linux/case_runner.c $(CLIENT_UTIL_SRCS)
# The raw TEE ioctls, no libteec (linked with it, but nothing of it is used).
tee_raw_tests_SRCS  := tests/linux/tee_raw_tests.c tests/linux/case_runner.c $(CLIENT_UTIL_SRCS)
# Built against upstream's recorded struct layout, not our header.
teec_abi_client_SRCS := tests/linux/teec_abi_client.c

CLIENT_BINS := $(addprefix $(CLIENT_O)/bin/,$(CLIENT_PROGS))

# Where each program goes in the guest.
CLIENT_INSTALL := \
	$(CLIENT_EXTRA)/usr/sbin/tee-supplicant \
	$(CLIENT_EXTRA)/usr/bin/hello_world \
	$(CLIENT_EXTRA)/usr/bin/random \
	$(CLIENT_EXTRA)/usr/bin/mintee-ctl \
	$(CLIENT_EXTRA)/tests/teec_tests \
	$(CLIENT_EXTRA)/tests/tee_raw_tests \
	$(CLIENT_EXTRA)/tests/teec_abi_client
CLIENT_INSTALL_LIBS := $(addprefix $(CLIENT_EXTRA)/usr/lib/,libteec.so.1.0.0 $(LIBTEEC_LINKS))
CLIENT_STAGED := $(addprefix $(CLIENT_STAGING)/usr/include/,$(notdir $(LIBTEEC_HEADERS))) \
	$(CLIENT_STAGING)/usr/lib/libteec.a \
	$(addprefix $(CLIENT_STAGING)/usr/lib/,libteec.so.1.0.0 $(LIBTEEC_LINKS))

.PHONY: client client-build client-check client-clean
client: $(CLIENT_INSTALL) $(CLIENT_INSTALL_LIBS) $(CLIENT_STAGED)
client-build: $(LIBTEEC_A) $(LIBTEEC_SO) $(CLIENT_BINS)

# The initramfs picks these up when it is built in the same make run.
ifdef ROOTFS_CPIO
$(ROOTFS_CPIO): $(CLIENT_INSTALL) $(CLIENT_INSTALL_LIBS)
endif

$(CLIENT_TEE_H): $(CLIENT_LINUX_SRC_TAR)
	@echo "  EXTRACT linux/tee.h from $<"
	$(Q)rm -rf $(CLIENT_O)/include/linux && mkdir -p $(CLIENT_O)/include/linux
	$(Q)tar -xJf $< -C $(CLIENT_O)/include/linux --strip-components=4 \
		linux-source-6.12/include/uapi/linux/tee.h
	$(Q)touch $@

# Rebuild when the compiler or flags change.
CLIENT_CONFIG := $(CLIENT_O)/.config
CLIENT_CONFIG_LINE := $(CLIENT_CC) $(CLIENT_CFLAGS) $(CLIENT_CPPFLAGS) $(CLIENT_LINK)
$(CLIENT_CONFIG): FORCE
	$(Q)mkdir -p $(@D)
	$(Q)echo '$(CLIENT_CONFIG_LINE)' | cmp -s - $@ || echo '$(CLIENT_CONFIG_LINE)' > $@

$(CLIENT_O)/obj/%.o: client/%.c $(CLIENT_TEE_H) $(CLIENT_CONFIG)
	@echo "  CC      $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLIENT_CC) $(CLIENT_CPPFLAGS) $(CLIENT_CFLAGS) -fPIC -MMD -MP -c $< -o $@

$(CLIENT_O)/obj/tests/%.o: tests/%.c $(CLIENT_TEE_H) $(CLIENT_CONFIG)
	@echo "  CC      $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLIENT_CC) $(CLIENT_CPPFLAGS) $(CLIENT_CFLAGS) -MMD -MP -c $< -o $@

$(LIBTEEC_A): $(LIBTEEC_OBJS)
	@echo "  AR      $@"
	$(Q)mkdir -p $(@D)
	$(Q)rm -f $@ && $(CLIENT_AR) rcs $@ $^

$(LIBTEEC_SO): $(LIBTEEC_OBJS) $(LIBTEEC_MAP)
	@echo "  LD      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLIENT_CC) -shared -Wl,-soname,$(LIBTEEC_SONAME) -Wl,-z,defs \
		-Wl,--version-script,$(LIBTEEC_MAP) -o $@ $(LIBTEEC_OBJS) $(CLIENT_LIBS)
	$(Q)for l in $(LIBTEEC_LINKS); do ln -sfn libteec.so.1.0.0 $(CLIENT_O)/lib/$$l; done

client_objs = $(patsubst %.c,$(CLIENT_O)/obj/%.o,$(patsubst client/%,%,$($(1)_SRCS)))

define CLIENT_PROG_RULE
$(CLIENT_O)/bin/$(1): $(call client_objs,$(1)) $(CLIENT_TEEC_DEP) $(CLIENT_CONFIG)
	@echo "  LD      $$@"
	$(Q)mkdir -p $$(@D)
	$(Q)$(CLIENT_CC) $(CLIENT_LDFLAGS) -o $$@ $(call client_objs,$(1)) $(CLIENT_TEEC) $(CLIENT_LIBS)
endef
$(foreach p,$(CLIENT_PROGS),$(eval $(call CLIENT_PROG_RULE,$(p))))

# Guest copies are stripped; the unstripped ones stay in $(CLIENT_O)/bin.
$(foreach f,$(CLIENT_INSTALL),$(eval $(f): $(CLIENT_O)/bin/$(notdir $(f))))
$(CLIENT_INSTALL):
	@echo "  INSTALL $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLIENT_STRIP) -o $@.tmp $< && chmod 0755 $@.tmp && mv $@.tmp $@

# The guest's copy is stripped of debug information only (the dynamic
# symbol table is what programs link against).
$(CLIENT_EXTRA)/usr/lib/libteec.so.1.0.0: $(LIBTEEC_SO)
	@echo "  INSTALL $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLIENT_STRIP) --strip-unneeded -o $@.tmp $< && chmod 0755 $@.tmp && mv $@.tmp $@
$(CLIENT_STAGING)/usr/lib/libteec.so.1.0.0: $(LIBTEEC_SO)
	@echo "  INSTALL $@"
	$(Q)mkdir -p $(@D)
	$(Q)install -m 0755 $< $@
$(foreach d,$(CLIENT_EXTRA) $(CLIENT_STAGING),$(foreach l,$(LIBTEEC_LINKS),\
	$(eval $(d)/usr/lib/$(l): $(d)/usr/lib/libteec.so.1.0.0 ; $$(Q)ln -sfn libteec.so.1.0.0 $$@)))
$(CLIENT_STAGING)/usr/lib/libteec.a: $(LIBTEEC_A)
	@echo "  INSTALL $@"
	$(Q)mkdir -p $(@D)
	$(Q)install -m 0644 $< $@
$(CLIENT_STAGING)/usr/include/%.h: client/libteec/include/%.h
	@echo "  INSTALL $@"
	$(Q)mkdir -p $(@D)
	$(Q)install -m 0644 $< $@

# ------------------------------------------------------------ host test
# libteec built for the host, its ioctl() calls answered by an emulated
# TEE driver (client/tests/fake_tee.c, linked with --wrap=ioctl).
CLIENT_HOST_CC  ?= $(HOSTCC)
CLIENT_HOST_SAN ?= -fsanitize=address,undefined -fno-sanitize-recover=all
CLIENT_HOST_O   := $(CLIENT_O)/host
CLIENT_HOST_BIN := $(CLIENT_HOST_O)/test_libteec
CLIENT_HOST_DEV := $(abspath $(CLIENT_HOST_O))/dev
CLIENT_HOST_FLAGS = $(CLIENT_CPPFLAGS) -Iclient/tests $(CLIENT_CFLAGS) -O1 $(CLIENT_HOST_SAN) \
	-DTEEC_DEV_PATH_FMT='"$(CLIENT_HOST_DEV)/tee%d"' -DFAKE_DEV_DIR='"$(CLIENT_HOST_DEV)"'
CLIENT_HOST_DEPS := client/tests/test_libteec.c client/tests/fake_tee.c client/tests/fake_tee.h \
	$(LIBTEEC_SRCS) client/libteec/include/tee_client_api.h \
	client/supplicant/tee_supplicant.c client/supplicant/ta_load.c client/supplicant/fs.c \
	client/supplicant/fs.h $(CLIENT_TEE_H)

# The supplicant's main() becomes tee_supplicant_main() for the test.
$(CLIENT_HOST_BIN): $(CLIENT_HOST_DEPS)
	@echo "  HOSTCC  $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLIENT_HOST_CC) $(CLIENT_HOST_FLAGS) -Dmain=tee_supplicant_main \
		-Wno-missing-prototypes -c client/supplicant/tee_supplicant.c \
		-o $(CLIENT_HOST_O)/tee_supplicant.o
	$(Q)$(CLIENT_HOST_CC) $(CLIENT_HOST_FLAGS) -Wl,--wrap=ioctl -Wl,--wrap=close -Wl,--wrap=mmap -Wl,--wrap=munmap -o $@ \
		client/tests/test_libteec.c client/tests/fake_tee.c $(LIBTEEC_SRCS) \
		client/supplicant/ta_load.c client/supplicant/fs.c $(CLIENT_HOST_O)/tee_supplicant.o -pthread

# The same test built for armhf (32-bit size_t and pointers against the u64
# ioctl layouts), run under qemu-user when it is installed.
CLIENT_ARM_TEST := $(CLIENT_HOST_O)/test_libteec.armhf
CLIENT_QEMU_ARM ?= $(shell command -v qemu-arm 2>/dev/null)
CLIENT_ARM_FLAGS = $(CLIENT_CPPFLAGS) -Iclient/tests $(CLIENT_CFLAGS) \
	-DTEEC_DEV_PATH_FMT='"$(CLIENT_HOST_DEV)-arm/tee%d"' -DFAKE_DEV_DIR='"$(CLIENT_HOST_DEV)-arm"'
$(CLIENT_ARM_TEST): $(CLIENT_HOST_DEPS)
	@echo "  CC      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLIENT_CC) $(CLIENT_ARM_FLAGS) -Dmain=tee_supplicant_main \
		-Wno-missing-prototypes -c client/supplicant/tee_supplicant.c \
		-o $(CLIENT_HOST_O)/tee_supplicant.armhf.o
	$(Q)$(CLIENT_CC) $(CLIENT_ARM_FLAGS) -static -Wl,--wrap=ioctl -Wl,--wrap=close -Wl,--wrap=mmap -Wl,--wrap=munmap -o $@ \
		client/tests/test_libteec.c client/tests/fake_tee.c $(LIBTEEC_SRCS) \
		client/supplicant/ta_load.c client/supplicant/fs.c $(CLIENT_HOST_O)/tee_supplicant.armhf.o -pthread

client-check: $(CLIENT_HOST_BIN) $(CLIENT_ARM_TEST) client-build
	$(Q)$(CLIENT_HOST_BIN)
ifneq ($(CLIENT_QEMU_ARM),)
	$(Q)rc=0; $(CLIENT_QEMU_ARM) $(CLIENT_ARM_TEST) > $(CLIENT_ARM_TEST).log 2>&1 || rc=$$?; \
		sed 's/^\(PASS\|FAIL\) client\./\1 client.armhf./' $(CLIENT_ARM_TEST).log; exit $$rc
else
	@echo "  (qemu-arm not installed: armhf run of the libteec test skipped)"
endif

# ------------------------------------------------------ unit tier: ABI
# tests/unit/test_teec_abi.sh compares the header's ARM32 layout and the
# library's exports with upstream's recorded values; this wrapper gives it
# the compiler, the headers, the library and Debian's tee-supplicant package
# (whose libteec imports must all be exported).
ifdef UNIT_O
$(UNIT_O)/test_teec_abi: tests/unit/test_teec_abi.sh tests/unit/teec_abi.c $(LIBTEEC_SO) \
		$(LIBTEEC_HEADERS)
	@echo "  GEN     $@"
	$(Q)mkdir -p $(@D)
	$(Q)printf '#!/bin/sh\n# generated by client/client.mk\nexec %s %s %s %s %s\n' \
		$(abspath tests/unit/test_teec_abi.sh) '$(CLIENT_CC)' \
		$(abspath client/libteec/include) $(abspath $(LIBTEEC_SO)) \
		$(ROOTFS_DEB_CACHE)/tee-supplicant_armhf.deb > $@.tmp
	$(Q)chmod 0755 $@.tmp && mv $@.tmp $@

# The host test of libteec (below) runs in the unit tier too.
$(UNIT_O)/test_libteec: $(CLIENT_HOST_BIN)
	@echo "  GEN     $@"
	$(Q)mkdir -p $(@D)
	$(Q)printf '#!/bin/sh\n# generated by client/client.mk\nexec %s\n' \
		$(abspath $(CLIENT_HOST_BIN)) > $@.tmp
	$(Q)chmod 0755 $@.tmp && mv $@.tmp $@
endif

client-clean:
	rm -rf $(CLIENT_O) $(CLIENT_INSTALL) $(CLIENT_INSTALL_LIBS) $(CLIENT_STAGED)

-include $(shell find $(CLIENT_O)/obj -name '*.d' 2>/dev/null)
