#!/bin/bash
# Runs the Linux tier with upstream optee_client's tee-supplicant, unchanged,
# in place of the project's (README "User TAs: loading").
#
#   tools/upstream_supplicant.sh OPTEE_CLIENT_SRC [CONFIG...]
#
# OPTEE_CLIENT_SRC is a checkout of https://github.com/OP-TEE/optee_client
# (nothing of it is copied into this tree). Its tee-supplicant is compiled
# with its own Makefile for arm-linux-gnueabihf, linked against the project's
# libteec.so.1 (what the initramfs has: the same ABI, _dprintf and dump_buffer
# included; upstream's own libteec is not used), and swapped into a copy of
# $O/rootfs/initramfs.cpio.gz under $O/upstream-supp; then tests/linux/run.sh
# boots that with $O's kernel and firmware (CONFIGs as run.sh takes them,
# default "dynamic/2 reserved/2"). Needs `make linux rootfs check-linux-fw
# fw-huk2` first.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$ROOT/build}
case "$O" in /*) ;; *) O=$ROOT/$O;; esac
[ $# -ge 1 ] || { sed -n '2,17p' "$0" >&2; exit 2; }
SRC=$(cd "$1" && pwd); shift
UP=$O/upstream-supp
CROSS=${CLIENT_CROSS:-arm-linux-gnueabihf-}
for f in "$O/linux/zImage" "$O/rootfs/initramfs.cpio.gz" "$O/fw-dynamic-test/mintee.bin" \
	 "$O/fw-reserved-test/mintee.bin" "$O/rootfs/staging/usr/lib/libteec.so"; do
	[ -f "$f" ] || { echo "upstream_supplicant: $f missing: make linux rootfs check-linux-fw fw-huk2" >&2; exit 1; }
done
rm -rf "$UP" && mkdir -p "$UP/build" "$UP/root" "$UP/O/rootfs"
make -C "$SRC" CROSS_COMPILE="$CROSS" O="$UP/build" CFG_TEE_SUPP_PLUGINS=n \
	build-tee-supplicant >"$UP/build.log" 2>&1 || { tail -n 20 "$UP/build.log" >&2; exit 1; }
"${CROSS}gcc" -o "$UP/tee-supplicant" "$UP"/build/tee-supplicant/*.o \
	-L"$O/rootfs/staging/usr/lib" -lteec -lpthread 2>>"$UP/build.log"
"${CROSS}strip" "$UP/tee-supplicant"
(cd "$UP/root" && zcat "$O/rootfs/initramfs.cpio.gz" | cpio -idm 2>/dev/null &&
	cp "$UP/tee-supplicant" usr/sbin/tee-supplicant &&
	find . | LC_ALL=C sort | cpio -o -H newc 2>/dev/null | gzip -9 >"$UP/O/rootfs/initramfs.cpio.gz")
for d in linux fw-dynamic-test fw-reserved-test fw-dynamic-huk2; do ln -sfn "$O/$d" "$UP/O/$d"; done
echo "upstream_supplicant: $(cd "$SRC" && git describe --always 2>/dev/null || echo "$SRC") tee-supplicant in $UP/O"
[ $# -gt 0 ] || set -- dynamic/2 reserved/2
O="$UP/O" LINUX_TEST_REBOOT=0 exec "$ROOT/tests/linux/run.sh" "$@"
