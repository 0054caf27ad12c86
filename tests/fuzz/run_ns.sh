#!/bin/bash
# One run of the NS payload fuzzer (tests/ns/fuzz*.c) in QEMU, with fault
# detection and a reproducer.
#
#   tests/fuzz/run_ns.sh --mode dynamic|reserved --seed S --n N
#                        [--trace T] [--progress P] [--timeout SECS] [--stall SECS]
#
# Expects $O/fw-<mode>/mintee.bin and $O/ns/fuzz.bin (make fuzz-deps).
# Prints one case line, "PASS|FAIL fuzz.ns.<mode>: N inputs, R/s, F faults",
# and on a fault the reproducer: the seed, the input index and the decoded
# input. A fault is a failed oracle or health check (the payload prints its
# own reproducer), a secure-world fault report, a hang (no output for
# --stall seconds), or the payload dying. For the last three the stream is
# run again with tracing from the last progress mark, so that the last input
# described before the fault is the one that caused it. Exit 1 on a fault.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
O=${O:-$ROOT/build}
MODE=dynamic SEED=1 N=10000 TRACE= PROGRESS=16384 TIMEOUT=120 STALL=30
while [ $# -gt 0 ]; do
    case "$1" in
    --mode) MODE=$2; shift 2;;
    --seed) SEED=$2; shift 2;;
    --n) N=$2; shift 2;;
    --trace) TRACE=$2; shift 2;;
    --progress) PROGRESS=$2; shift 2;;
    --timeout) TIMEOUT=$2; shift 2;;
    --stall) STALL=$2; shift 2;;
    -h|--help) sed -n '2,17p' "$0"; exit 0;;
    *) echo "run_ns.sh: unknown option $1" >&2; exit 2;;
    esac
done
LOGS=$O/fuzz/logs
mkdir -p "$LOGS"
FW=$O/fw-$MODE/mintee.bin BIN=$O/ns/fuzz.bin
ID=fuzz.ns.$MODE

# run_qemu TAG EXTRA-APPEND: boots the payload, watches both consoles.
# Sets NSLOG, SECLOG, RC and WHY (empty if the payload ran to its end).
run_qemu() {
    local tag=$1 extra=$2 pid size last_size=-1 last_change=$SECONDS
    NSLOG=$LOGS/$MODE-$tag.ns.log SECLOG=$LOGS/$MODE-$tag.sec.log WHY=
    rm -f "$NSLOG" "$SECLOG"
    "$ROOT/tools/qemu.sh" --bios "$FW" --kernel "$BIN" --smp 2 \
        --append "ns.shm=$MODE fuzz.seed=$SEED fuzz.n=$N fuzz.progress=$PROGRESS $extra" \
        --ns-log "$NSLOG" --sec-log "$SECLOG" --timeout "$TIMEOUT" </dev/null >"$LOGS/$MODE-$tag.qemu.log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        sleep 1
        if grep -q 'mintee fault report' "$SECLOG" 2>/dev/null; then
            sleep 1; WHY="secure-world fault report"; kill "$pid" 2>/dev/null; break
        fi
        size=$(stat -c %s "$NSLOG" 2>/dev/null || echo 0)
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
if [ -z "$WHY" ]; then
    n=$(result_field "$NSLOG" '\([0-9]*\) inputs')
    r=$(result_field "$NSLOG" '[0-9]* inputs, \([0-9]*\)\/s')
    echo "PASS $ID: $n inputs, $r/s, 0 faults (seed $SEED)"
    exit 0
fi

last=$(sed -n 's/^fuzz: progress \([0-9]*\) inputs.*/\1/p' "$NSLOG" | tail -1)
last=${last:-0}
if [ "$WHY" = oracle ]; then
    echo "FAIL $ID: a fault after $last+ inputs (seed $SEED): $(grep -m1 '^fuzz: FAULT' "$NSLOG" | sed 's/^fuzz: //')"
    sed -n '/^fuzz: FAULT/,/^fuzz: reproduce/p' "$NSLOG" | sed 's/^/  | /'
    echo "  logs: $NSLOG, $SECLOG"
    exit 1
fi
echo "FAIL $ID: $WHY after $last+ inputs (seed $SEED)"
if [ -s "$SECLOG" ] && grep -q 'mintee fault report' "$SECLOG"; then
    sed -n '/=== mintee fault report/,/=== end of fault report/p' "$SECLOG" | head -20 | sed 's/^/  secure| /'
fi
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
echo "  re-run: make fuzz SEED=$SEED N=$((idx + 1)) TRACE=$idx MODES=$MODE FUZZ_TARGETS=ns"
echo "  logs: $first_log, $NSLOG, $SECLOG"
exit 1
