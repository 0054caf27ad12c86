#!/bin/bash
# Builds the normal-world initramfs: $O/rootfs/initramfs.cpio.gz.
#
#   O=build tools/rootfs/build-initramfs.sh     (normally run by `make rootfs`)
#
# Contents:
#   /bin/busybox + one symlink per applet (from Debian's busybox-static:armhf)
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
RO=$O/rootfs
STAGE=$RO/root
EXTRA=$RO/extra
OUT=$RO/initramfs.cpio.gz

die() { echo "rootfs: $*" >&2; exit 1; }
[ -f "$DEB" ] || die "$DEB missing: run tools/setup.sh"

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
echo "  ROOTFS  ${OUT#"$ROOT"/} ($(stat -c %s "$OUT") bytes, busybox + $n applets)"
