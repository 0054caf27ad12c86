#!/bin/bash
# The fuzzing tier: the NS payload fuzzer (tests/fuzz/run_ns.sh, per shm
# mode) and the libFuzzer host harnesses ($O/fuzz/host/fuzz_<name>).
#
#   tests/fuzz/check.sh [--campaign] --seed S --ns-n N --runs R
#                       --modes "dynamic reserved" --images "test shipped"
#                       --targets "ns msg ..." [--trace T]
#
# Builds nothing (make check-fuzz / make fuzz build first). One line per case:
#   PASS fuzz.ns.<mode>[.shipped]: N inputs, R/s, 0 faults
#   PASS fuzz.host.<name>: N inputs, R/s, 0 faults
# then "N passed, N failed". A host fuzzer's fault prints the crash file and
# the command that re-runs it. Without --campaign, each host fuzzer starts
# from an empty corpus (a fixed-seed run is the same run every time); with
# it, the corpus in $O/fuzz/corpus/<name> carries over between campaigns and
# libFuzzer's progress lines are shown.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
O=${O:-$ROOT/build}
case $O in /*) ;; *) O=$ROOT/$O;; esac
CAMPAIGN=0 SEED=1 NS_N=30000 RUNS=30000 MODES="dynamic reserved" IMAGES=test TARGETS="ns" TRACE=
while [ $# -gt 0 ]; do
    case "$1" in
    --campaign) CAMPAIGN=1; shift;;
    --seed) SEED=$2; shift 2;;
    --ns-n) NS_N=$2; shift 2;;
    --runs) RUNS=$2; shift 2;;
    --modes) MODES=$2; shift 2;;
    --images) IMAGES=$2; shift 2;;
    --targets) TARGETS=$2; shift 2;;
    --trace) TRACE=$2; shift 2;;
    -h|--help) sed -n '2,16p' "$0"; exit 0;;
    *) echo "check.sh: unknown option $1" >&2; exit 2;;
    esac
done
# Stack traces for UBSan reports too (ASan prints them anyway).
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
passed=0 failed=0
count() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi; }

ns_cases() {
    local args=(--seed "$SEED" --n "$NS_N")
    [ -n "$TRACE" ] && args+=(--trace "$TRACE")
    if [ $CAMPAIGN = 1 ]; then
        # progress every 32768 inputs; generous cap: 600 s + 1 s per 500 inputs
        args+=(--progress 32768 --timeout $((600 + NS_N / 500)) --show-progress)
    else
        args+=(--progress 8192 --timeout 120)
    fi
    local image n
    for image in $IMAGES; do
        # the check gives the shipped image half the test image's budget
        n=$NS_N
        [ $CAMPAIGN = 0 ] && [ "$image" = shipped ] && n=$((NS_N / 2))
        for mode in $MODES; do
            "$ROOT/tests/fuzz/run_ns.sh" --mode "$mode" --image "$image" "${args[@]}" --n "$n"
            count $?
        done
    done
}

host_case() {   # $1 = harness name
    local name=$1 bin=$O/fuzz/host/fuzz_$1 id=fuzz.host.$1
    local work=$O/fuzz/work/$name log=$O/fuzz/logs/host-$name.log corpus t0 t1 rc n ms
    mkdir -p "$work" "$O/fuzz/logs" "$O/fuzz/crashes/$name"
    if [ ! -x "$bin" ]; then
        echo "FAIL $id: no $bin (make fuzz-host)"; count 1; return
    fi
    if [ $CAMPAIGN = 1 ]; then
        corpus=$O/fuzz/corpus/$name
    else
        corpus=$work/corpus; rm -rf "$corpus"
    fi
    mkdir -p "$corpus"
    t0=$(date +%s%N)
    local seeds=() maxlen=1024
    # example inputs (fuzz_<name>_SEEDS) go in next to the corpus; inputs as long as the largest
    if [ -n "$(ls -A "$O/fuzz/seeds/$name" 2>/dev/null | grep -v '^\.stamp$')" ]; then
        seeds=("$O/fuzz/seeds/$name")
        local big
        big=$(find "$O/fuzz/seeds/$name" -type f ! -name .stamp -printf '%s\n' | sort -n | tail -1)
        [ "${big:-0}" -gt $maxlen ] && maxlen=$((big + big / 4))
    fi
    ( cd "$work" && exec "$bin" -runs="$RUNS" -seed="$SEED" -max_len=$maxlen -len_control=0 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$O/fuzz/crashes/$name/" "$corpus" \
        "${seeds[@]}" ) \
        >"$log" 2>&1 &
    local pid=$!
    # campaign: libFuzzer's progress lines as they come (tail ends with it)
    [ $CAMPAIGN = 1 ] && tail --pid=$pid -n +1 -F "$log" 2>/dev/null | grep --line-buffered -E '(pulse|DONE)' \
        | sed -u "s/^/  $name: /" &
    wait $pid; rc=$?
    [ $CAMPAIGN = 1 ] && wait
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 )); [ $ms -gt 0 ] || ms=1
    n=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\)/\1/p' "$log" | tail -1)
    n=${n:-$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -1)}
    n=${n:-0}
    local crash
    crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    if [ "$rc" = 0 ] && [ -z "$crash" ]; then
        echo "PASS $id: $n inputs, $(( n * 1000 / ms ))/s, 0 faults (seed $SEED)"
        count 0; return
    fi
    echo "FAIL $id: $n inputs, $(( n * 1000 / ms ))/s, 1 fault (seed $SEED, libFuzzer exit $rc)"
    grep -E 'runtime error|ERROR: (Address|Leak|UndefinedBehavior)Sanitizer|^fuzz: |SUMMARY' "$log" | head -5 | sed 's/^/  | /'
    grep -E '^ *#[0-9]+ 0x' "$log" | head -6 | sed 's/^/  | /'
    if [ -n "$crash" ]; then
        echo "  crash file: $crash"
        echo "  re-run: $bin $crash   (FUZZ_LOG=1 shows the firmware's log lines)"
    fi
    echo "  log: $log"
    count 1
}

for t in $TARGETS; do
    if [ "$t" = ns ]; then ns_cases; else host_case "$t"; fi
done
echo "fuzz: $passed passed, $failed failed"
[ $failed = 0 ]
