# Signed TAs shipped in the initramfs under /lib/optee_armtz (included by the
# top-level Makefile after client/client.mk).
#
# For now one: the loader's test TA (tests/unit/ta/test_ta.c, UUID
# $(UNIT_TA_UUID)), signed by tools/sign_ta.py with the firmware's TA key
# ($(CRYPTO_TA_KEY_FILE)). The Linux tier opens it through tee-supplicant
# (tests/linux/run-linux-tests.sh, case linux.taload.*).
ROOTFS_TA_DIR := $(if $(ROOTFS_EXTRA),$(ROOTFS_EXTRA),$(O)/rootfs/extra)/lib/optee_armtz
ROOTFS_TAS    := $(ROOTFS_TA_DIR)/$(UNIT_TA_UUID).ta

$(ROOTFS_TA_DIR)/$(UNIT_TA_UUID).ta: $(UNIT_O)/ta/test_ta_sysv.elf $(CRYPTO_TA_KEY_FILE) tools/sign_ta.py
	@echo "  SIGN    $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(PYTHON3) tools/sign_ta.py --key $(CRYPTO_TA_KEY_FILE) --uuid $(UNIT_TA_UUID) \
		--in $< --out $@

$(ROOTFS_CPIO): $(ROOTFS_TAS)
