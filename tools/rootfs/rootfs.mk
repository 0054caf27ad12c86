# Normal-world initramfs (included by the top-level Makefile).
#   make rootfs    -> $(O)/rootfs/initramfs.cpio.gz
#
# Other parts of the tree stage files for the guest under $(ROOTFS_EXTRA)
# (e.g. $(ROOTFS_EXTRA)/usr/sbin/tee-supplicant); they are copied into the
# root of the initramfs. Anything already there when make starts is a
# prerequisite (files, directories, and the list of names). A rule that
# produces such a file during the same make run should also add it as a
# prerequisite, in any .mk file:
#   $(ROOTFS_CPIO): $(ROOTFS_EXTRA)/usr/sbin/tee-supplicant
ROOTFS_CPIO  := $(O)/rootfs/initramfs.cpio.gz
ROOTFS_EXTRA := $(O)/rootfs/extra
BUSYBOX_DEB  ?= /var/cache/mintee/busybox-static_armhf.deb
# Debian armhf packages extracted into the initramfs besides busybox:
# glibc's loader and libraries, keyctl, Debian's tee-supplicant.
ROOTFS_DEB_CACHE ?= /var/cache/mintee
ROOTFS_DEBS  := $(foreach d,libc6 libgcc-s1 keyutils libkeyutils1 tee-supplicant,\
	$(ROOTFS_DEB_CACHE)/$(d)_armhf.deb)

ROOTFS_EXTRA_FILES := $(shell find $(ROOTFS_EXTRA) 2>/dev/null | LC_ALL=C sort)
ROOTFS_LIST := $(O)/rootfs/.extra-list
ROOTFS_INPUTS := tools/rootfs/build-initramfs.sh tools/rootfs/init tools/rootfs/inittab \
	tools/rootfs/profile $(filter-out tests/linux/run.sh,$(wildcard tests/linux/*.sh)) \
	$(BUSYBOX_DEB) $(ROOTFS_DEBS) $(ROOTFS_EXTRA_FILES) $(ROOTFS_LIST)

.PHONY: rootfs
rootfs: $(ROOTFS_CPIO)

$(ROOTFS_CPIO): $(ROOTFS_INPUTS)
	$(Q)O='$(O)' BUSYBOX_DEB='$(BUSYBOX_DEB)' DEB_CACHE='$(ROOTFS_DEB_CACHE)' tools/rootfs/build-initramfs.sh

# The names under extra/ (rewritten only when they change), so that removing
# something from extra/ also rebuilds the archive.
$(ROOTFS_LIST): FORCE
	$(Q)mkdir -p $(@D)
	$(Q)printf '%s\n' $(ROOTFS_EXTRA_FILES) | cmp -s - $@ || printf '%s\n' $(ROOTFS_EXTRA_FILES) > $@

$(BUSYBOX_DEB) $(ROOTFS_DEBS):
	@echo "$@ missing: run tools/setup.sh" >&2; exit 1
