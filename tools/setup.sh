#!/bin/bash
# Installs every Debian package mintee needs. Idempotent: re-running it only
# checks. apt-get update runs once per invocation (and only when something is
# missing).
set -u
PKGS="make gcc libc6-dev gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi
      qemu-system-arm gdb-multiarch device-tree-compiler gcc-arm-linux-gnueabihf
      libc6-dev-armhf-cross linux-source-6.12 bc bison flex libssl-dev libelf-dev cpio
      xz-utils gzip python3 python3-cryptography clang-format clang libclang-rt-14-dev"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

# --- mbedTLS source (crypto layer) and openssl (key generation, signing) ---
# The secure world's crypto (lib/crypto) is compiled from Debian bookworm's
# mbedtls source package at build time; only its download is cached here.
# Self-contained: it runs before the check above and exits early when all is
# present.
MBEDTLS_CACHE=/var/cache/mintee/mbedtls
mbedtls_setup() {
    local src=/etc/apt/sources.list.d/mintee-src.sources
    if ! dpkg-query -W -f='${Status}' openssl 2>/dev/null | grep -q "install ok installed"; then
        $SUDO apt-get install -y --no-install-recommends openssl ||
            { apt-get update >/dev/null 2>&1; $SUDO apt-get install -y --no-install-recommends openssl; } ||
            { echo "setup: cannot install openssl"; exit 1; }
    fi
    ls "$MBEDTLS_CACHE"/mbedtls_2.28.*.orig.tar.* >/dev/null 2>&1 && return 0
    if [ ! -f "$src" ]; then
        printf '%s\n' "Types: deb-src" "URIs: http://deb.debian.org/debian" "Suites: bookworm" \
            "Components: main" "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" |
            $SUDO tee "$src" >/dev/null
    fi
    $SUDO apt-get update || echo "setup: apt-get update returned $? (continuing)"
    $SUDO mkdir -p "$MBEDTLS_CACHE"
    (cd "$MBEDTLS_CACHE" && $SUDO apt-get source --download-only mbedtls) ||
        { echo "setup: cannot download the mbedtls source package"; exit 1; }
    ls "$MBEDTLS_CACHE"/mbedtls_2.28.*.orig.tar.* >/dev/null 2>&1 ||
        { echo "setup: the mbedtls source package is not 2.28"; exit 1; }
}
mbedtls_setup

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Debian armhf packages that are only extracted into the initramfs, never
# installed: busybox, glibc's loader and libraries (libc6 needs libgcc-s1),
# Debian's own tee-supplicant (the drop-in test of libteec) and keyctl.
# Each is cached as /var/cache/mintee/<package>_armhf.deb.
CACHE=/var/cache/mintee
DEBS="busybox-static libc6 libgcc-s1 tee-supplicant keyutils libkeyutils1"
need_debs=""
dpkg --print-foreign-architectures | grep -qx armhf || need_debs="$DEBS"
for d in $DEBS; do
    [ -f "$CACHE/${d}_armhf.deb" ] || need_debs="$need_debs $d"
done

if [ -z "$missing" ] && [ -z "$need_debs" ]; then
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
$SUDO mkdir -p "$CACHE"
for d in $DEBS; do
    [ -f "$CACHE/${d}_armhf.deb" ] && continue
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get download "$d:armhf") || { rm -rf "$tmp"; echo "setup: cannot download $d:armhf"; exit 1; }
    $SUDO mv "$tmp"/"${d}"_*_armhf.deb "$CACHE/${d}_armhf.deb"
    rm -rf "$tmp"
done
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || { echo "setup: $p missing"; exit 1; }
done
echo "setup: done"
