# Linux test tier (included by the top-level Makefile).
#   make check-linux                       the whole matrix
#   make check-linux LINUX_TEST_ARGS="dynamic/2 reserved/4"
#   make check-linux LINUX_TEST_ARGS="dynamic/2/debian"   Debian's tee-supplicant
# Builds the kernel, the initramfs and both firmware flavours, then boots
# them under QEMU (tests/linux/run.sh documents the matrix, the environment
# knobs such as LINUX_TEST_EXPECT_RNG=1, and where the logs go).
# The firmware is built through its per-flavour file targets so that
# $(O)/mintee.bin (the CFG_SHM default flavour) is left alone.
LINUX_TEST_ARGS ?=

.PHONY: check-linux check-linux-fw
# The CFG_TEST_PTA=1 flavours: the tests use the test service.
check-linux-fw:
	$(Q)$(MAKE) --no-print-directory CFG_SHM=dynamic CFG_TEST_PTA=1 $(O)/fw-dynamic-test/mintee.bin
	$(Q)$(MAKE) --no-print-directory CFG_SHM=reserved CFG_TEST_PTA=1 $(O)/fw-reserved-test/mintee.bin
	$(Q)$(MAKE) --no-print-directory fw-huk2

check-linux: linux rootfs check-linux-fw
	$(Q)O='$(O)' tests/linux/run.sh $(LINUX_TEST_ARGS)
