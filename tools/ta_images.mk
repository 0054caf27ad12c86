# Signed TAs shipped in the initramfs under /lib/optee_armtz (included by the
# top-level Makefile after ta/ta.mk and client/client.mk).
#
# The test TA (tests/ta/test) in each of its variants, <uuid>.ta as ta/ta.mk
# signs them with the firmware's TA key ($(CRYPTO_TA_KEY_FILE)). The Linux
# tier opens them through tee-supplicant (tests/linux/run-linux-tests.sh,
# cases linux.taload.* and linux.ta.*).
ROOTFS_TA_DIR := $(if $(ROOTFS_EXTRA),$(ROOTFS_EXTRA),$(O)/rootfs/extra)/lib/optee_armtz
ROOTFS_TAS    := $(patsubst $(O)/ta/%,$(ROOTFS_TA_DIR)/%,$(TEST_TA_IMAGES)) \
	$(addprefix $(ROOTFS_TA_DIR)/,$(notdir $(KIT_TA_IMAGES)))

$(ROOTFS_TA_DIR)/%.ta: $(O)/ta/%.ta
	$(Q)mkdir -p $(@D)
	$(Q)cp $< $@
define KIT_TA_INSTALL
$(ROOTFS_TA_DIR)/$(notdir $(1)): $(1)
	$$(Q)mkdir -p $$(@D)
	$$(Q)cp $$< $$@
endef
$(foreach i,$(KIT_TA_IMAGES),$(eval $(call KIT_TA_INSTALL,$(i))))

$(ROOTFS_CPIO): $(ROOTFS_TAS)
