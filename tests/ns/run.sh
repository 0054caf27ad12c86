#!/bin/bash
# Run the normal-world test payloads against both firmware flavours.
#
#   tests/ns/run.sh [--out DIR] [--modes "dynamic reserved"] [--smp N] [PAYLOAD...]
#
# Builds nothing: expects $O/fw-<mode>-test/mintee.bin (the CFG_TEST_PTA=1
# flavours: the payloads use the test service; --fw-suffix changes "-test")
# and DIR/<payload>.bin (make ns-payloads); `make check-ns` does both first.
# Every payload is booted once per mode through tools/qemu.sh with
# -append "ns.shm=<mode>"; its PASS/FAIL lines are reprinted with the mode in
# front of the case id ("PASS dynamic/ns.fast.calls_uid: ..."). A payload that
# times out, exits non-zero or never prints its closing "N passed, N failed"
# line is a failed case <mode>/ns.<payload>.run. Host cases per mode:
# ns.boot.banner and ns.boot.no_kernel. Exit status 1 if anything failed.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
O=${O:-$ROOT/build}
OUT=$O/ns
MODES="dynamic reserved"
FWSUF=-test
SMP=2
TIMEOUT=30
while [ $# -gt 0 ]; do
    case "$1" in
    --out) OUT=$2; shift 2;;
    --modes) MODES=$2; shift 2;;
    --smp) SMP=$2; shift 2;;
    --timeout) TIMEOUT=$2; shift 2;;
    --fw-suffix) FWSUF=$2; shift 2;;
    -h|--help) sed -n '2,13p' "$0"; exit 0;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2;;
    *) break;;
    esac
done
PAYLOADS=("$@")
[ ${#PAYLOADS[@]} -eq 0 ] && PAYLOADS=(fastcalls regs isolation std stdcall)
LOGS=$OUT/logs
mkdir -p "$LOGS"

passed=0 failed=0

pass() { passed=$((passed + 1)); echo "PASS $1: $2"; }
fail() { failed=$((failed + 1)); echo "FAIL $1: $2 ($3)"; }

show_tail() {   # $1 = log, $2 = label
    echo "  --- last lines of $2 ($1)"
    if [ -s "$1" ]; then tail -n 15 "$1" | sed 's/^/  | /'; else echo "  | (empty)"; fi
}

run_payload() {   # $1 = mode, $2 = payload name
    local mode=$1 name=$2 bin=$OUT/$2.bin fw=$O/fw-$1$FWSUF/mintee.bin
    local nslog=$LOGS/$mode-$name.ns.log seclog=$LOGS/$mode-$name.sec.log
    local id="$mode/ns.$name.run" rc
    rm -f "$nslog" "$seclog"
    if [ ! -f "$fw" ] || [ ! -f "$bin" ]; then
        fail "$id" "payload $name boots and finishes" "missing $( [ -f "$fw" ] || echo "$fw ")$( [ -f "$bin" ] || echo "$bin")"
        return
    fi
    "$ROOT/tools/qemu.sh" --bios "$fw" --kernel "$bin" --append "ns.shm=$mode" --smp "$SMP" \
        --ns-log "$nslog" --sec-log "$seclog" --timeout "$TIMEOUT" </dev/null >"$LOGS/$mode-$name.qemu.log" 2>&1
    rc=$?
    # Reprint the payload's cases with the mode in front of the id.
    while IFS= read -r line; do
        line=${line%$'\r'}
        case "$line" in
        "PASS ns."*) passed=$((passed + 1)); echo "PASS $mode/${line#PASS }";;
        "FAIL ns."*) failed=$((failed + 1)); echo "FAIL $mode/${line#FAIL }";;
        "  ns."*) echo "$line";;   # per-register detail under a FAIL
        esac
    done < <(cat "$nslog" 2>/dev/null)
    local why=
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then why="timeout after ${TIMEOUT}s"
    elif [ $rc -ne 0 ]; then why="QEMU exit status $rc"
    elif ! grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$nslog" 2>/dev/null; then why="no closing 'N passed, N failed' line"
    fi
    if [ -n "$why" ]; then
        fail "$id" "payload $name boots, runs every case and exits through semihosting" "$why"
        show_tail "$nslog" "normal-world log"
        show_tail "$seclog" "secure log"
        [ -s "$LOGS/$mode-$name.qemu.log" ] && show_tail "$LOGS/$mode-$name.qemu.log" "QEMU stderr"
    fi
}

boot_cases() {   # $1 = mode; uses the secure log of the first payload's boot
    local mode=$1 fw=$O/fw-$1$FWSUF/mintee.bin
    local seclog=$LOGS/$mode-${PAYLOADS[0]}.sec.log
    local id="$mode/ns.boot.banner" what='the secure log shows "mintee v0.1" and an "ns entry:" line'
    if [ ! -s "$seclog" ]; then
        fail "$id" "$what" "no secure log $seclog"
    elif ! grep -q 'mintee v0\.1' "$seclog"; then
        fail "$id" "$what" "no \"mintee v0.1\" in $seclog"; show_tail "$seclog" "secure log"
    elif ! grep -q 'ns entry:' "$seclog"; then
        fail "$id" "$what" "no \"ns entry:\" line in $seclog"; show_tail "$seclog" "secure log"
    else
        pass "$id" "$what"
    fi

    id="$mode/ns.boot.no_kernel"
    what='without -kernel the firmware logs "no normal-world image" and stays up (killed by the 5 s timeout)'
    local nslog=$LOGS/$mode-no_kernel.ns.log nkseclog=$LOGS/$mode-no_kernel.sec.log rc
    rm -f "$nslog" "$nkseclog"
    if [ ! -f "$fw" ]; then fail "$id" "$what" "missing $fw"; return; fi
    "$ROOT/tools/qemu.sh" --bios "$fw" --smp "$SMP" --ns-log "$nslog" --sec-log "$nkseclog" --timeout 5 \
        </dev/null >"$LOGS/$mode-no_kernel.qemu.log" 2>&1
    rc=$?
    if ! grep -q 'no normal-world image' "$nkseclog" 2>/dev/null; then
        fail "$id" "$what" "no \"no normal-world image\" in the secure log, QEMU exit $rc"; show_tail "$nkseclog" "secure log"
    elif [ $rc -ne 124 ]; then
        fail "$id" "$what" "QEMU exited with status $rc before the timeout, expected 124"; show_tail "$nkseclog" "secure log"
    else
        pass "$id" "$what"
    fi
}

for mode in $MODES; do
    for p in "${PAYLOADS[@]}"; do
        run_payload "$mode" "$p"
    done
    boot_cases "$mode"
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
