#!/bin/bash
# Installs every Debian package mintee needs. Idempotent: re-running it only
# checks. apt-get update runs once per invocation (and only when something is
# missing).
set -u
PKGS="make gcc libc6-dev gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi
      qemu-system-arm gdb-multiarch device-tree-compiler gcc-arm-linux-gnueabihf
      libc6-dev-armhf-cross linux-source-6.12 bc bison flex libssl-dev libelf-dev cpio
      xz-utils gzip python3 clang libclang-rt-14-dev"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
need_busybox=0
dpkg --print-foreign-architectures | grep -qx armhf || need_busybox=1
[ -f /var/cache/mintee/busybox-static_armhf.deb ] || need_busybox=1

if [ -z "$missing" ] && [ $need_busybox = 0 ]; then
    echo "setup: all packages present"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if ! dpkg --print-foreign-architectures | grep -qx armhf; then
    $SUDO dpkg --add-architecture armhf
fi
# With armhf added, the security suite's armhf index can be out of sync and
# apt-get update exits 100 although every package still resolves: do not
# abort on it, check below that what we need resolves instead.
$SUDO apt-get update || echo "setup: apt-get update returned $? (continuing; checking packages instead)"
if [ -n "$missing" ]; then
    $SUDO apt-get install -y --no-install-recommends $missing || { echo "setup: install failed"; exit 1; }
fi
# busybox-static:armhf is only extracted into the initramfs, never installed.
$SUDO mkdir -p /var/cache/mintee
if [ ! -f /var/cache/mintee/busybox-static_armhf.deb ]; then
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get download busybox-static:armhf) || { echo "setup: cannot download busybox-static:armhf"; exit 1; }
    $SUDO mv "$tmp"/busybox-static_*_armhf.deb /var/cache/mintee/busybox-static_armhf.deb
    rm -rf "$tmp"
fi
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || { echo "setup: $p missing"; exit 1; }
done
echo "setup: done"
