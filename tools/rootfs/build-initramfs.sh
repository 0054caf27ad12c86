#!/bin/bash
# Builds the normal-world initramfs: $O/rootfs/initramfs.cpio.gz.
#
#   O=build tools/rootfs/build-initramfs.sh     (normally run by `make rootfs`)
#
# Contents:
#   /bin/busybox + one symlink per applet (from Debian's busybox-static:armhf)
#   glibc's dynamic loader and shared libraries, libgcc_s (Debian's libc6 and
#     libgcc-s1, armhf), so that ordinary dynamically linked programs run:
#     /lib/ld-linux-armhf.so.3, /lib/arm-linux-gnueabihf/lib*.so.*
#   /bin/keyctl + libkeyutils.so.1 (Debian's keyutils, libkeyutils1)
#   /usr/sbin/tee-supplicant.debian: Debian bookworm's own tee-supplicant
#     (optee_client 3.19), run instead of mintee's when the kernel command
#     line has mintee.supplicant=debian; it loads mintee's libteec.so.1
#   /var/lib/optee-client/data/tee: that supplicant's secure-storage root
#   /init                tools/rootfs/init
#   /etc/inittab, /etc/profile, /etc/passwd, /etc/group
#   /tests/*.sh          tests/linux/*.sh, except the host-side run.sh
#   everything under $O/rootfs/extra/ (copied as is, over the above)
# The kernel's built-in initramfs supplies /dev/console (usr/default_cpio_list),
# so no device node is needed here. Owners are 0:0 and timestamps fixed, so the
# archive is reproducible.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
O=${O:-build}
case "$O" in /*) ;; *) O=$ROOT/$O;; esac
DEB=${BUSYBOX_DEB:-/var/cache/mintee/busybox-static_armhf.deb}
DEB_CACHE=${DEB_CACHE:-/var/cache/mintee}
# The other Debian armhf packages, extracted at build time (tools/setup.sh
# downloads them as <package>_armhf.deb).
LIB_DEBS="libc6 libgcc-s1 keyutils libkeyutils1 tee-supplicant"
RO=$O/rootfs
STAGE=$RO/root
EXTRA=$RO/extra
OUT=$RO/initramfs.cpio.gz

die() { echo "rootfs: $*" >&2; exit 1; }
[ -f "$DEB" ] || die "$DEB missing: run tools/setup.sh"
for d in $LIB_DEBS; do
    [ -f "$DEB_CACHE/${d}_armhf.deb" ] || die "$DEB_CACHE/${d}_armhf.deb missing: run tools/setup.sh"
done

rm -rf "$STAGE" "$RO/deb"
mkdir -p "$STAGE" "$RO/deb"
dpkg-deb -x "$DEB" "$RO/deb"
BB=$RO/deb/bin/busybox
[ -f "$BB" ] || die "no bin/busybox in $DEB"

cd "$STAGE"
mkdir -p bin sbin usr/bin usr/sbin etc dev proc sys tmp run root tests mnt var/log
chmod 1777 tmp
install -m 0755 "$BB" bin/busybox

# Applet list. The binary is for armhf and cannot run here (`busybox --list`
# is out of reach), but it keeps every applet name in one sorted,
# NUL-separated table that starts with "[" and "[[": read it from there.
applets=$(python3 - "$BB" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
start = data.find(b'[\0[[\0')
if start < 0:
    sys.exit('applet name table not found')
names, pos = [], start
while True:
    end = data.index(b'\0', pos)
    name = data[pos:end]
    if not name:
        break
    names.append(name.decode('ascii'))
    pos = end + 1
print('\n'.join(names))
EOF
) || die "cannot read the applet list from $BB"
# Applets that /init, the test runner and an interactive user rely on.
need="sh ash cat echo ls mount umount mkdir rm cp mv ln chmod dmesg grep sed awk
      cut head tail wc tr dd hexdump od sync ps kill sleep seq test [ printf uname
      nproc free top vi poweroff reboot halt init cttyhack setsid timeout taskset
      sort uniq stat"
missing=
for a in $need; do
    grep -qxF -- "$a" <<<"$applets" || missing="$missing $a"
done
[ -z "$missing" ] || die "busybox lacks applets:$missing"
n=0
while IFS= read -r a; do
    case "$a" in busybox|linuxrc) continue;; esac
    ln -s busybox "bin/$a"
    n=$((n + 1))
done <<<"$applets"
# The few paths that are conventionally absolute.
for a in poweroff reboot halt; do ln -s ../bin/busybox "sbin/$a"; done

# glibc and friends: only what programs of this tree, keyctl and Debian's
# tee-supplicant need, plus the small libraries an ordinary program may
# link (libm, librt, libdl, libpthread, name service). The loader looks in
# /lib/arm-linux-gnueabihf, /usr/lib/arm-linux-gnueabihf, /lib and /usr/lib
# without any ld.so.cache.
for d in $LIB_DEBS; do
    mkdir -p "$RO/deb/$d"
    dpkg-deb -x "$DEB_CACHE/${d}_armhf.deb" "$RO/deb/$d"
done
ML=lib/arm-linux-gnueabihf
mkdir -p "$ML" usr/lib var/lib/optee-client/data/tee
libs="ld-linux-armhf.so.3 libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1
      libresolv.so.2 libnss_files.so.2 libnss_dns.so.2 libutil.so.1 libanl.so.1"
for l in $libs; do
    [ -f "$RO/deb/libc6/$ML/$l" ] || die "libc6 has no $ML/$l"
    install -m 0755 "$RO/deb/libc6/$ML/$l" "$ML/$l"
done
ln -s arm-linux-gnueabihf/ld-linux-armhf.so.3 lib/ld-linux-armhf.so.3
install -m 0644 "$RO/deb/libgcc-s1/$ML/libgcc_s.so.1" "$ML/libgcc_s.so.1"
kl=$(readlink "$RO/deb/libkeyutils1/$ML/libkeyutils.so.1") || die "libkeyutils1: no $ML/libkeyutils.so.1"
install -m 0644 "$RO/deb/libkeyutils1/$ML/$kl" "$ML/$kl"
ln -s "$kl" "$ML/libkeyutils.so.1"
rm -f bin/keyctl    # in case busybox ever gains the applet
install -m 0755 "$RO/deb/keyutils/bin/keyctl" bin/keyctl
install -m 0755 "$RO/deb/tee-supplicant/usr/sbin/tee-supplicant" usr/sbin/tee-supplicant.debian
glibc_ver=$(dpkg-deb -f "$DEB_CACHE/libc6_armhf.deb" Version)
supp_ver=$(dpkg-deb -f "$DEB_CACHE/tee-supplicant_armhf.deb" Version)

install -m 0755 "$ROOT/tools/rootfs/init" init
install -m 0644 "$ROOT/tools/rootfs/inittab" etc/inittab
install -m 0644 "$ROOT/tools/rootfs/profile" etc/profile
echo 'root:x:0:0:root:/root:/bin/sh' > etc/passwd
echo 'root:x:0:' > etc/group
echo mintee > etc/hostname

for t in "$ROOT"/tests/linux/*.sh; do
    [ -e "$t" ] || continue
    [ "$(basename "$t")" = run.sh ] && continue   # host side
    install -m 0755 "$t" tests/
done

if [ -d "$EXTRA" ]; then
    cp -a "$EXTRA"/. .
    rm -f .stamp
fi

find . -exec touch -h -d @0 {} +
rm -f "$OUT.tmp"
find . -mindepth 1 | LC_ALL=C sort |
    cpio -o -H newc -R 0:0 --reproducible --quiet | gzip -9 -n > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
rm -rf "$RO/deb"
echo "  ROOTFS  ${OUT#"$ROOT"/} ($(stat -c %s "$OUT") bytes, busybox + $n applets, glibc $glibc_ver, Debian tee-supplicant $supp_ver)"
