#!/bin/bash
# Deterministic SMC round-trip cost: boots the bench payload (tests/ns/bench.c)
# on mintee under -icount shift=4,sleep=off, where the generic timer's virtual
# count (CNTVCT) ticks once per guest instruction in both worlds, and prints
# the payload's table. (Not PMCCNTR: mintee keeps the normal world's cycle
# counter from counting secure execution.)
#
#   tools/bench.sh [--bios FW] [--payload BIN] [--log-dir DIR] [--timeout SECS]
#                  [--bootcost PROBE.bin [--initrd FILE]]
# With --bootcost it also boots the probe under -icount shift=4 (one counter
# tick per instruction) and reports the instructions from reset to the first
# normal-world instruction, DTB work and fw_cfg loads included.
#
# Builds nothing (`make bench` builds first). Never fails on a number: exit 1
# only if the payload did not run to its end or printed no table.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$ROOT/build}
BIOS=$O/fw-dynamic-test/mintee.bin   # a CFG_TEST_PTA=1 flavour: the rows use the test service
PAYLOAD=$O/ns/bench.bin
LOGDIR=$O/bench
BOOTCOST= INITRD=
TMO=60
while [ $# -gt 0 ]; do
    case "$1" in
    --bios) BIOS=$2; shift 2;;
    --payload) PAYLOAD=$2; shift 2;;
    --log-dir) LOGDIR=$2; shift 2;;
    --bootcost) BOOTCOST=$2; shift 2;;
    --initrd) INITRD=$2; shift 2;;
    --timeout) TMO=$2; shift 2;;
    -h|--help) sed -n '2,9p' "$0"; exit 0;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2;;
    esac
done
for f in "$BIOS" "$PAYLOAD"; do
    [ -f "$f" ] || { echo "bench.sh: missing $f" >&2; exit 1; }
done
mkdir -p "$LOGDIR"
NSLOG=$LOGDIR/bench.ns.log SECLOG=$LOGDIR/bench.sec.log
rm -f "$NSLOG" "$SECLOG"

# -icount needs -smp 1; dtb-randomness=off keeps the DTB (and so the boot) identical run to run.
"$ROOT/tools/qemu.sh" --bios "$BIOS" --kernel "$PAYLOAD" --smp 1 \
    --ns-log "$NSLOG" --sec-log "$SECLOG" --timeout "$TMO" \
    -- -icount shift=4,sleep=off -machine dtb-randomness=off \
    </dev/null >"$LOGDIR/bench.qemu.log" 2>&1
rc=$?

table=$(sed -n '/^BENCH-BEGIN$/,/^BENCH-END$/p' "$NSLOG" 2>/dev/null | sed '1d;$d')
if [ $rc -ne 0 ] || [ -z "$table" ] || ! grep -q '^BENCH-END$' "$NSLOG"; then
    echo "bench: the payload did not run to its end (QEMU exit $rc); logs in $LOGDIR" >&2
    for f in "$NSLOG" "$SECLOG" "$LOGDIR/bench.qemu.log"; do
        echo "--- $f" >&2; tail -n 15 "$f" 2>/dev/null >&2
    done
    exit 1
fi
fw=$(grep -m1 'mintee v' "$SECLOG" 2>/dev/null)
echo "SMC round trips, guest instructions (QEMU -icount shift=4,sleep=off, CNTVCT, loop of smc minus loop of nop)"
[ -n "$fw" ] && echo "firmware: $fw"
grep -m1 '^bench: ' "$NSLOG"
echo "$table"

if [ -n "$BOOTCOST" ]; then
    BLOG=$LOGDIR/bootcost.ns.log
    rm -f "$BLOG"
    extra=(); [ -n "$INITRD" ] && extra=(--initrd "$INITRD")
    "$ROOT/tools/qemu.sh" --bios "$BIOS" --kernel "$BOOTCOST" "${extra[@]}" --smp 1 \
        --append "console=ttyAMA0" --ns-log "$BLOG" --sec-log "$LOGDIR/bootcost.sec.log" \
        --timeout "$TMO" -- -icount shift=4,sleep=off -machine dtb-randomness=off \
        </dev/null >"$LOGDIR/bootcost.qemu.log" 2>&1
    v=$(sed -n 's/^BOOTCOST 0x\([0-9a-f]*\).*/\1/p' "$BLOG" 2>/dev/null | head -1)
    if [ -z "$v" ]; then
        echo "bench: the boot-cost probe did not report; logs in $LOGDIR" >&2
        exit 1
    fi
    echo
    echo "Boot cost (QEMU -icount shift=4,sleep=off: CNTVCT at the first NS instruction, one tick per instruction)"
    echo "| from reset to the first normal-world instruction | $((16#$v)) instructions | kernel + ${INITRD:+initrd + }DTB patching included |"
fi
