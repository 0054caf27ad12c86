# Normal-world Linux kernel (included by the top-level Makefile).
#   make linux     -> $(O)/linux/zImage, $(O)/linux/vmlinux
# tools/linux/build.sh does the work and keeps a stamp (hash of the config
# fragment, the linux-source-6.12 package version, the cross compiler version
# and itself): when nothing changed it returns at once without touching the
# outputs, so targets that depend on $(LINUX_ZIMAGE) are not rebuilt.
LINUX_ZIMAGE  := $(O)/linux/zImage
LINUX_VMLINUX := $(O)/linux/vmlinux

.PHONY: linux linux-clean
linux: $(LINUX_ZIMAGE) $(LINUX_VMLINUX)

$(LINUX_ZIMAGE): FORCE
	$(Q)O='$(O)' V='$(V)' tools/linux/build.sh
$(LINUX_VMLINUX): $(LINUX_ZIMAGE) ;

# Keeps the extracted source; `make clean` removes everything.
linux-clean:
	rm -rf $(O)/linux/obj $(O)/linux/zImage $(O)/linux/vmlinux $(O)/linux/.stamp
