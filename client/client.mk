# Normal-world user space (included by the top-level Makefile).
#
#   make client        libteec (static + shared), tee-supplicant, the examples
#                      and tests/linux/{teec_tests,tee_raw_tests}, all for
#                      armhf Linux; installs them into $(ROOTFS_EXTRA) (copied
#                      into the initramfs) and headers + libraries into
#                      $(CLIENT_STAGING)
#   make client-check  host test of libteec against an emulated TEE driver
#   make client-clean
#
# Outputs:
#   $(O)/client/lib/libteec.a, libteec.so.1.0 (SONAME libteec.so.1)
#   $(O)/client/bin/{tee-supplicant,hello_world,random,mintee-ctl,teec_tests,
#                    tee_raw_tests}
#   $(O)/rootfs/extra/usr/bin/{hello_world,random,mintee-ctl}
#   $(O)/rootfs/extra/usr/sbin/tee-supplicant
#   $(O)/rootfs/extra/usr/lib/libteec.so{,.1,.1.0}
#   $(O)/rootfs/extra/tests/{teec_tests,tee_raw_tests}
#   $(O)/rootfs/staging/usr/include/tee_client_api.h
#   $(O)/rootfs/staging/usr/lib/libteec.{a,so,so.1,so.1.0}
# The programs are linked statically (libteec.a + glibc): the initramfs is
# busybox-static and has no C library to load them with. libteec.so is
# shipped for dynamically linked clients that bring their own glibc.
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
CLIENT_LDFLAGS  := -static
CLIENT_LIBS     := -pthread

LIBTEEC_SRCS    := client/libteec/src/tee_client_api.c
LIBTEEC_OBJS    := $(patsubst client/%.c,$(CLIENT_O)/obj/%.o,$(LIBTEEC_SRCS))
LIBTEEC_SONAME  := libteec.so.1
LIBTEEC_A       := $(CLIENT_O)/lib/libteec.a
LIBTEEC_SO      := $(CLIENT_O)/lib/libteec.so.1.0

# Programs: name, sources.
CLIENT_UTIL_SRCS    := client/common/teec_util.c
CLIENT_PROGS := tee-supplicant hello_world random mintee-ctl teec_tests tee_raw_tests
tee-supplicant_SRCS := client/supplicant/tee_supplicant.c client/supplicant/ta_load.c
hello_world_SRCS    := client/examples/hello_world.c $(CLIENT_UTIL_SRCS)
random_SRCS         := client/examples/random.c $(CLIENT_UTIL_SRCS)
mintee-ctl_SRCS     := client/examples/mintee_ctl.c $(CLIENT_UTIL_SRCS)
teec_tests_SRCS     := tests/linux/teec_tests.c $(CLIENT_UTIL_SRCS)
# The raw TEE ioctls, no libteec (linked with it, but nothing of it is used).
tee_raw_tests_SRCS  := tests/linux/tee_raw_tests.c $(CLIENT_UTIL_SRCS)

CLIENT_BINS := $(addprefix $(CLIENT_O)/bin/,$(CLIENT_PROGS))

# Where each program goes in the guest.
CLIENT_INSTALL := \
	$(CLIENT_EXTRA)/usr/sbin/tee-supplicant \
	$(CLIENT_EXTRA)/usr/bin/hello_world \
	$(CLIENT_EXTRA)/usr/bin/random \
	$(CLIENT_EXTRA)/usr/bin/mintee-ctl \
	$(CLIENT_EXTRA)/tests/teec_tests \
	$(CLIENT_EXTRA)/tests/tee_raw_tests
CLIENT_INSTALL_LIBS := $(CLIENT_EXTRA)/usr/lib/libteec.so.1.0 \
	$(CLIENT_EXTRA)/usr/lib/libteec.so.1 $(CLIENT_EXTRA)/usr/lib/libteec.so
CLIENT_STAGED := $(CLIENT_STAGING)/usr/include/tee_client_api.h \
	$(CLIENT_STAGING)/usr/lib/libteec.a $(CLIENT_STAGING)/usr/lib/libteec.so.1.0 \
	$(CLIENT_STAGING)/usr/lib/libteec.so.1 $(CLIENT_STAGING)/usr/lib/libteec.so

.PHONY: client client-build client-check client-clean
client: $(CLIENT_INSTALL) $(CLIENT_INSTALL_LIBS) $(CLIENT_STAGED)
client-build: $(LIBTEEC_A) $(LIBTEEC_SO) $(CLIENT_BINS) $(CLIENT_O)/bin/hello_world.dyn

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
CLIENT_CONFIG_LINE := $(CLIENT_CC) $(CLIENT_CFLAGS) $(CLIENT_CPPFLAGS)
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

$(LIBTEEC_SO): $(LIBTEEC_OBJS)
	@echo "  LD      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLIENT_CC) -shared -Wl,-soname,$(LIBTEEC_SONAME) -Wl,-z,defs -o $@ $^ $(CLIENT_LIBS)
	$(Q)ln -sf libteec.so.1.0 $(CLIENT_O)/lib/libteec.so.1
	$(Q)ln -sf libteec.so.1 $(CLIENT_O)/lib/libteec.so

client_objs = $(patsubst %.c,$(CLIENT_O)/obj/%.o,$(patsubst client/%,%,$($(1)_SRCS)))

define CLIENT_PROG_RULE
$(CLIENT_O)/bin/$(1): $(call client_objs,$(1)) $(LIBTEEC_A)
	@echo "  LD      $$@"
	$(Q)mkdir -p $$(@D)
	$(Q)$(CLIENT_CC) $(CLIENT_LDFLAGS) -o $$@ $(call client_objs,$(1)) $(LIBTEEC_A) $(CLIENT_LIBS)
endef
$(foreach p,$(CLIENT_PROGS),$(eval $(call CLIENT_PROG_RULE,$(p))))

# A dynamically linked example: proves libteec.so links and resolves.
$(CLIENT_O)/bin/hello_world.dyn: $(call client_objs,hello_world) $(LIBTEEC_SO)
	@echo "  LD      $@"
	$(Q)$(CLIENT_CC) -o $@ $(call client_objs,hello_world) -L$(CLIENT_O)/lib -lteec

# Guest copies are stripped; the unstripped ones stay in $(CLIENT_O)/bin.
$(foreach f,$(CLIENT_INSTALL),$(eval $(f): $(CLIENT_O)/bin/$(notdir $(f))))
$(CLIENT_INSTALL):
	@echo "  INSTALL $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLIENT_STRIP) -o $@.tmp $< && chmod 0755 $@.tmp && mv $@.tmp $@

$(CLIENT_EXTRA)/usr/lib/libteec.so.1.0 $(CLIENT_STAGING)/usr/lib/libteec.so.1.0: $(LIBTEEC_SO)
	@echo "  INSTALL $@"
	$(Q)mkdir -p $(@D)
	$(Q)install -m 0755 $< $@
$(CLIENT_EXTRA)/usr/lib/libteec.so.1 $(CLIENT_STAGING)/usr/lib/libteec.so.1: %/libteec.so.1: %/libteec.so.1.0
	$(Q)ln -sfn libteec.so.1.0 $@
$(CLIENT_EXTRA)/usr/lib/libteec.so $(CLIENT_STAGING)/usr/lib/libteec.so: %/libteec.so: %/libteec.so.1
	$(Q)ln -sfn libteec.so.1 $@
$(CLIENT_STAGING)/usr/lib/libteec.a: $(LIBTEEC_A)
	@echo "  INSTALL $@"
	$(Q)mkdir -p $(@D)
	$(Q)install -m 0644 $< $@
$(CLIENT_STAGING)/usr/include/tee_client_api.h: client/libteec/include/tee_client_api.h
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
	client/supplicant/tee_supplicant.c $(CLIENT_TEE_H)

# The supplicant's main() becomes tee_supplicant_main() for the test.
$(CLIENT_HOST_BIN): $(CLIENT_HOST_DEPS)
	@echo "  HOSTCC  $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLIENT_HOST_CC) $(CLIENT_HOST_FLAGS) -Dmain=tee_supplicant_main \
		-Wno-missing-prototypes -c client/supplicant/tee_supplicant.c \
		-o $(CLIENT_HOST_O)/tee_supplicant.o
	$(Q)$(CLIENT_HOST_CC) $(CLIENT_HOST_FLAGS) -Wl,--wrap=ioctl -Wl,--wrap=close -o $@ \
		client/tests/test_libteec.c client/tests/fake_tee.c $(LIBTEEC_SRCS) \
		$(CLIENT_HOST_O)/tee_supplicant.o -pthread

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
	$(Q)$(CLIENT_CC) $(CLIENT_ARM_FLAGS) -static -Wl,--wrap=ioctl -Wl,--wrap=close -o $@ \
		client/tests/test_libteec.c client/tests/fake_tee.c $(LIBTEEC_SRCS) \
		$(CLIENT_HOST_O)/tee_supplicant.armhf.o -pthread

client-check: $(CLIENT_HOST_BIN) $(CLIENT_ARM_TEST) client-build
	$(Q)$(CLIENT_HOST_BIN)
ifneq ($(CLIENT_QEMU_ARM),)
	$(Q)rc=0; $(CLIENT_QEMU_ARM) $(CLIENT_ARM_TEST) > $(CLIENT_ARM_TEST).log 2>&1 || rc=$$?; \
		sed 's/^\(PASS\|FAIL\) client\./\1 client.armhf./' $(CLIENT_ARM_TEST).log; exit $$rc
else
	@echo "  (qemu-arm not installed: armhf run of the libteec test skipped)"
endif

client-clean:
	rm -rf $(CLIENT_O) $(CLIENT_INSTALL) $(CLIENT_INSTALL_LIBS) $(CLIENT_STAGED)

-include $(shell find $(CLIENT_O)/obj -name '*.d' 2>/dev/null)
