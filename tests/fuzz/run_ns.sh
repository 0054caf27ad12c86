#!/bin/bash
# One run of the NS payload fuzzer (tests/ns/fuzz*.c) in QEMU, with fault
# detection and a reproducer.
#
#   tests/fuzz/run_ns.sh --mode dynamic|reserved [--image test|shipped] --seed S --n N
#                        [--trace T] [--progress P] [--timeout SECS] [--stall SECS]
#                        [--show-progress]
#
# Expects $O/fw-<mode>-test/mintee.bin (--image test, the default: with the
# test service) or $O/fw-<mode>/mintee.bin (--image shipped), and
# $O/ns/fuzz.bin (make fuzz-deps). Prints one case line,
# "PASS|FAIL fuzz.ns.<mode>[.shipped]: N inputs, R/s, F faults",
# and on a fault the reproducer: the seed, the input index and the decoded
# input. A fault is a failed oracle or health check (the payload prints its
# own reproducer), a secure-world fault report, a hang (no output for
# --stall seconds), or the payload dying. For the last three the stream is
# run again with tracing from the last progress mark, so that the last input
# described before the fault is the one that caused it. Exit 1 on a fault.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
O=${O:-$ROOT/build}
MODE=dynamic IMAGE=test SEED=1 N=10000 TRACE= PROGRESS=16384 TIMEOUT=120 STALL=60 SHOW=0
while [ $# -gt 0 ]; do
    case "$1" in
    --mode) MODE=$2; shift 2;;
    --image) IMAGE=$2; shift 2;;
    --seed) SEED=$2; shift 2;;
    --n) N=$2; shift 2;;
    --trace) TRACE=$2; shift 2;;
    --progress) PROGRESS=$2; shift 2;;
    --timeout) TIMEOUT=$2; shift 2;;
    --stall) STALL=$2; shift 2;;
    --show-progress) SHOW=1; shift;;
    -h|--help) sed -n '2,17p' "$0"; exit 0;;
    *) echo "run_ns.sh: unknown option $1" >&2; exit 2;;
    esac
done
LOGS=$O/fuzz/logs
mkdir -p "$LOGS"
case $IMAGE in
test) FW=$O/fw-$MODE-test/mintee.bin ID=fuzz.ns.$MODE TAG=$MODE;;
shipped) FW=$O/fw-$MODE/mintee.bin ID=fuzz.ns.$MODE.shipped TAG=$MODE-shipped;;
*) echo "run_ns.sh: --image test or shipped" >&2; exit 2;;
esac
BIN=$O/ns/fuzz.bin

# run_qemu TAG EXTRA-APPEND: boots the payload, watches both consoles.
# Sets NSLOG, SECLOG, RC and WHY (empty if the payload ran to its end).
run_qemu() {
    local tag=$1 extra=$2 pid size last_size=-1 last_change=$SECONDS shown=0 lines
    NSLOG=$LOGS/$TAG-$tag.ns.log SECLOG=$LOGS/$TAG-$tag.sec.log WHY=
    rm -f "$NSLOG" "$SECLOG"
    "$ROOT/tools/qemu.sh" --bios "$FW" --kernel "$BIN" --smp 2 \
        --append "ns.shm=$MODE fuzz.seed=$SEED fuzz.n=$N fuzz.progress=$PROGRESS $extra" \
        --ns-log "$NSLOG" --sec-log "$SECLOG" --timeout "$TIMEOUT" </dev/null >"$LOGS/$TAG-$tag.qemu.log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        sleep 1
        if grep -q 'mintee fault report' "$SECLOG" 2>/dev/null; then
            sleep 1; WHY="secure-world fault report"; kill "$pid" 2>/dev/null; break
        fi
        size=$(stat -c %s "$NSLOG" 2>/dev/null || echo 0)
        if [ $SHOW = 1 ] && [ "$size" != "$last_size" ]; then
            lines=$(grep '^fuzz: progress' "$NSLOG" 2>/dev/null | tail -n +$((shown + 1)))
            [ -n "$lines" ] && { echo "$lines" | sed "s/^/  $TAG: /"; shown=$((shown + $(echo "$lines" | wc -l))); }
        fi
        if [ "$size" != "$last_size" ]; then
            last_size=$size; last_change=$SECONDS
        elif [ $((SECONDS - last_change)) -ge "$STALL" ]; then
            WHY="no output for ${STALL}s: hung"; kill "$pid" 2>/dev/null; break
        fi
    done
    wait "$pid"; RC=$?
    if [ -z "$WHY" ]; then
        if [ "$RC" = 124 ]; then WHY="timeout after ${TIMEOUT}s"
        elif grep -q '^fuzz: FAULT' "$NSLOG" 2>/dev/null; then WHY="oracle"
        elif [ "$RC" != 0 ] || ! grep -q '^fuzz: result' "$NSLOG" 2>/dev/null; then
            WHY="payload died (QEMU exit $RC)"
        fi
    fi
}

result_field() {   # $1 = log, $2 = sed expression on the result line
    sed -n "s/^fuzz: result $2.*/\\1/p" "$1" 2>/dev/null | tail -1
}

run_qemu run "${TRACE:+fuzz.trace=$TRACE}"
if [ -n "$TRACE" ] && [ -z "$WHY" ]; then   # the inputs asked for, decoded
    grep -E '^(fuzz: input |  )' "$NSLOG" | sed 's/^/  | /'
fi
if [ -z "$WHY" ]; then
    n=$(result_field "$NSLOG" '\([0-9]*\) inputs')
    r=$(result_field "$NSLOG" '[0-9]* inputs, \([0-9]*\)\/s')
    echo "PASS $ID: $n inputs, $r/s, 0 faults (seed $SEED)"
    exit 0
fi

last=$(sed -n 's/^fuzz: progress \([0-9]*\) inputs.*/\1/p' "$NSLOG" | tail -1)
last=${last:-0}
if [ "$WHY" = oracle ]; then
    echo "FAIL $ID: $(grep -m1 '^fuzz: FAULT' "$NSLOG" | sed 's/^fuzz: //')"
    sed -n '/^fuzz: FAULT/,/^fuzz: \(reproduce\|the culprit\)/p' "$NSLOG" | sed 's/^/  | /'
    echo "  logs: $NSLOG, $SECLOG"
    exit 1
fi
echo "FAIL $ID: $WHY (seed $SEED, last progress mark: input $last)"
if [ "$RC" = 124 ] && [ "$WHY" = "timeout after ${TIMEOUT}s" ]; then
    # still making progress when the cap came: too slow, not stuck; no replay
    echo "  the run was still making progress; raise the cap (--timeout) or lower N; logs: $NSLOG"
    exit 1
fi
if [ -s "$SECLOG" ] && grep -q 'mintee fault report' "$SECLOG"; then
    sed -n '/=== mintee fault report/,/=== end of fault report/p' "$SECLOG" | head -20 | sed 's/^/  secure| /'
fi
SHOW=0
# Find the input: the same stream again, each input described from the last
# progress mark on before it runs.
first_log=$NSLOG
PROGRESS=$((1 << 30))
run_qemu replay "fuzz.trace=$last"
idx=$(sed -n 's/^fuzz: input \([0-9]*\):.*/\1/p' "$NSLOG" | tail -1)
if [ -z "$idx" ] || [ -z "$WHY" ]; then
    echo "  the replay with fuzz.trace=$last did not fault the same way (${WHY:-it ran to the end}); logs: $first_log, $NSLOG"
    exit 1
fi
echo "  reproducer: seed $SEED, input $idx ($MODE mode); the replay faulted the same way ($WHY):"
awk -v want="fuzz: input $idx:" 'index($0, want) == 1 { on = 1 } on && /^fuzz: / && index($0, want) != 1 { on = 0 } on' \
    "$NSLOG" | sed 's/^/  | /'
echo "  re-run: make fuzz SEED=$SEED N=$((idx + 1)) TRACE=$idx MODES=$MODE IMAGES=$IMAGE FUZZ_TARGETS=ns"
echo "  logs: $first_log, $NSLOG, $SECLOG"
exit 1
