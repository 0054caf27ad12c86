#!/bin/bash
# Builds the normal-world kernel: $O/linux/zImage and $O/linux/vmlinux.
#
#   O=build tools/linux/build.sh      (normally run by `make linux`)
#
# Environment: O (build directory, default build, relative to the repository
# root unless absolute), V=1 (show the kernel build output), JOBS (default
# nproc), LINUX_SRC_TAR (default /usr/src/linux-source-6.12.tar.xz),
# LINUX_CROSS_COMPILE (default arm-linux-gnueabihf-).
#
# Layout under $O/linux:
#   src/        the source package, extracted once per package version
#   obj/        the kbuild output directory (O= of the kernel build)
#   zImage vmlinux   copies of the results
#   build.log   output of the last configuration + build
#   .stamp      hash of everything the result depends on
# Nothing is done when .stamp matches: fragment, source package version,
# compiler version and this script.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
O=${O:-build}
case "$O" in /*) ;; *) O=$ROOT/$O;; esac
V=${V:-0}
JOBS=${JOBS:-$(nproc)}
TAR=${LINUX_SRC_TAR:-/usr/src/linux-source-6.12.tar.xz}
PKG=linux-source-6.12
XC=${LINUX_CROSS_COMPILE:-arm-linux-gnueabihf-}
FRAG=$ROOT/tools/linux/mintee.config

LO=$O/linux
SRC=$LO/src
OBJ=$LO/obj
LOG=$LO/build.log

die() { echo "linux: $*" >&2; exit 1; }

# Run from make: do not hand the outer make's flags and command-line
# variables (V=, CROSS_COMPILE=, O=, a jobserver) to the kernel's make.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GNUMAKEFLAGS

[ -f "$TAR" ] || die "$TAR missing: run tools/setup.sh"
command -v "${XC}gcc" >/dev/null || die "${XC}gcc missing: run tools/setup.sh"
pkgver=$(dpkg-query -W -f='${Version}' "$PKG" 2>/dev/null) || pkgver=unknown
ccver=$("${XC}gcc" -dumpfullversion 2>/dev/null || "${XC}gcc" -dumpversion)

stamp=$( { echo "pkg $pkgver"; echo "cc $XC $ccver"; cat "$FRAG" "$0"; } | sha256sum | cut -d' ' -f1)
if [ -f "$LO/.stamp" ] && [ "$(cat "$LO/.stamp")" = "$stamp" ] &&
   [ -f "$LO/zImage" ] && [ -f "$LO/vmlinux" ]; then
    [ "$V" = 1 ] && echo "  LINUX   up to date"
    exit 0
fi
mkdir -p "$LO"
rm -f "$LO/.stamp"

# 1. Source: extracted once per package version. Extract into a temporary
# directory and rename, so an interrupted extraction is never mistaken for a
# complete tree. A new source version also drops the object directory.
if [ ! -f "$SRC/.mintee-version" ] || [ "$(cat "$SRC/.mintee-version")" != "$pkgver" ]; then
    echo "  EXTRACT $TAR -> ${SRC#"$ROOT"/}"
    rm -rf "$SRC" "$SRC.tmp" "$OBJ"
    mkdir -p "$SRC.tmp"
    tar -xJf "$TAR" -C "$SRC.tmp" --strip-components=1
    echo "$pkgver" > "$SRC.tmp/.mintee-version"
    mv "$SRC.tmp" "$SRC"
fi

kmake() {
    make -C "$SRC" O="$OBJ" ARCH=arm CROSS_COMPILE="$XC" \
        KBUILD_BUILD_USER=mintee KBUILD_BUILD_HOST=mintee "$@"
}

# 2. Configuration: allnoconfig with the fragment as KCONFIG_ALLCONFIG.
echo "  KCONFIG allnoconfig + ${FRAG#"$ROOT"/}"
mkdir -p "$OBJ"
: > "$LOG"
if ! (cd "$SRC" && ARCH=arm CROSS_COMPILE="$XC" \
        scripts/kconfig/merge_config.sh -n -O "$OBJ" "$FRAG") >> "$LOG" 2>&1; then
    tail -n 40 "$LOG" >&2
    die "configuration failed (log: $LOG)"
fi

# merge_config.sh only warns when a requested value did not make it into the
# final .config. Check every CONFIG_ line of the fragment ourselves.
bad=0
while IFS= read -r line; do
    case "$line" in
    CONFIG_*=*)
        grep -qxF -- "$line" "$OBJ/.config" || {
            got=$(grep -E "^(# )?${line%%=*}[= ]" "$OBJ/.config" || echo "absent")
            echo "linux: wanted $line, got: $got" >&2; bad=1; }
        ;;
    "# CONFIG_"*" is not set")
        sym=${line#"# "}; sym=${sym%% *}
        ! grep -q "^$sym=" "$OBJ/.config" || {
            echo "linux: wanted $sym unset, got: $(grep "^$sym=" "$OBJ/.config")" >&2; bad=1; }
        ;;
    esac
done < "$FRAG"
[ $bad = 0 ] || die "the configuration fragment did not apply (see above; log: $LOG)"

# 3. Build.
echo "  KERNEL  zImage, -j$JOBS (log: ${LOG#"$ROOT"/})"
start=$(date +%s)
if [ "$V" = 1 ]; then
    set +e
    kmake -j"$JOBS" zImage 2>&1 | tee -a "$LOG"
    rc=${PIPESTATUS[0]}
    set -e
else
    rc=0
    kmake -j"$JOBS" zImage >> "$LOG" 2>&1 || rc=$?
fi
if [ "$rc" != 0 ]; then
    [ "$V" = 1 ] || tail -n 40 "$LOG" >&2
    die "kernel build failed (log: $LOG)"
fi
cp "$OBJ/arch/arm/boot/zImage" "$LO/zImage.tmp" && mv "$LO/zImage.tmp" "$LO/zImage"
cp "$OBJ/vmlinux" "$LO/vmlinux.tmp" && mv "$LO/vmlinux.tmp" "$LO/vmlinux"
echo "$stamp" > "$LO/.stamp"
echo "  LINUX   ${LO#"$ROOT"/}/zImage ($(stat -c %s "$LO/zImage") bytes, $(( $(date +%s) - start )) s)"
