#!/bin/bash
# The gdb tier: scripted gdb-multiarch sessions against QEMU's gdbstub.
#
#   tests/gdb/run.sh --fw DIR --fault-fw DIR --payload ELF [--test-fw DIR --ta-payload ELF
#                    --ta-elf ELF] [--out DIR] [SESSION...]
#
# DIR = a firmware build directory with mintee.bin and mintee.elf (make
# firmware; the fault build: make CFG_TEST_FAULT=1). ELF = the payload,
# with ELF minus .elf plus .bin next to it. `make check-gdb` builds all three.
# Session "ta" boots the test flavour (CFG_TEST_PTA=1) with the NS payload
# tests/ns/ta.c and debugs the test TA (--ta-elf, its unstripped ELF).
# Sessions (default all): roundtrip, park, fastfault, fault, ta. Each boots QEMU paused
# (tools/qemu.sh --gdb) on a free port of its own, runs
# tests/gdb/<session>_session.py in gdb-multiarch -batch, and prints its
# "PASS gdb.<case>: ..." / "FAIL ..." lines; a session that times out or
# whose QEMU does not start fails as gdb.<session>.run. Ends with
# "N passed, N failed"; exit status 1 if anything failed. Logs: OUT/logs.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${O:-$ROOT/build}/gdb
FW= FAULT_FW= PAYLOAD= TEST_FW= TA_PAYLOAD= TA_ELF=
TIMEOUT=60
while [ $# -gt 0 ]; do
    case "$1" in
    --out) OUT=$2; shift 2;;
    --fw) FW=$2; shift 2;;
    --fault-fw) FAULT_FW=$2; shift 2;;
    --payload) PAYLOAD=$2; shift 2;;
    --test-fw) TEST_FW=$2; shift 2;;
    --ta-payload) TA_PAYLOAD=$2; shift 2;;
    --ta-elf) TA_ELF=$2; shift 2;;
    --timeout) TIMEOUT=$2; shift 2;;
    -h|--help) sed -n '2,16p' "$0"; exit 0;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2;;
    *) break;;
    esac
done
SESSIONS=("$@")
[ ${#SESSIONS[@]} -eq 0 ] && SESSIONS=(roundtrip park fastfault fault ta)
LOGS=$OUT/logs
mkdir -p "$LOGS"
passed=0 failed=0
QPID=

fail_run() { failed=$((failed + 1)); echo "FAIL gdb.$1.run: session runs to its end ($2)"; }

# Only the QEMU this script started, by its pid (the timeout wrapper of
# tools/qemu.sh, which passes the signal on to QEMU).
stop_qemu() {
    if [ -n "$QPID" ] && kill -0 "$QPID" 2>/dev/null; then
        kill "$QPID" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$QPID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$QPID" 2>/dev/null
    fi
    [ -n "$QPID" ] && wait "$QPID" 2>/dev/null
    QPID=
}
trap stop_qemu EXIT

free_port() {   # a port nobody listens on, never make debug's default 1234
    python3 -c 'import socket
while True:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close()
    if p != 1234: print(p); break'
}

listening() {   # $1 = port: is it in LISTEN state (IPv4 or IPv6)?
    local hex
    hex=$(printf '%04X' "$1")
    awk -v p=":$hex" '$2 ~ p"$" && $4 == "0A" { f = 1 } END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

show_tail() {   # $1 = log, $2 = label
    echo "  --- last lines of $2 ($1)"
    if [ -s "$1" ]; then tail -n 15 "$1" | sed 's/^/  | /'; else echo "  | (empty)"; fi
}

run_session() {   # $1 = session
    local name=$1 fw=$FW payload=$PAYLOAD port= try rc out
    [ "$name" = fault ] && fw=$FAULT_FW
    [ "$name" = ta ] && { fw=$TEST_FW; payload=$TA_PAYLOAD; }
    local base=$LOGS/$name
    rm -f "$base".*.log
    if [ ! -f "$fw/mintee.bin" ] || [ ! -f "$fw/mintee.elf" ] || [ ! -f "$payload" ]; then
        fail_run "$name" "missing firmware in '$fw' or payload '$payload'"; return
    fi
    for try in 1 2 3; do   # another process may take the port first: retry
        port=$(free_port)
        "$ROOT/tools/qemu.sh" --bios "$fw/mintee.bin" --kernel "${payload%.elf}.bin" --smp 2 \
            --ns-log "$base.ns.log" --sec-log "$base.sec.log" --gdb "$port" --timeout "$TIMEOUT" \
            </dev/null >"$base.qemu.log" 2>&1 &
        QPID=$!
        for _ in $(seq 100); do
            listening "$port" && break
            kill -0 "$QPID" 2>/dev/null || break
            sleep 0.05
        done
        kill -0 "$QPID" 2>/dev/null && listening "$port" && break
        stop_qemu
        port=
    done
    if [ -z "$port" ]; then
        fail_run "$name" "QEMU did not start its gdbstub"; show_tail "$base.qemu.log" "QEMU"; return
    fi
    GDBT_PORT=$port GDBT_DIR=$ROOT/tests/gdb GDBT_PAYLOAD_ELF=$payload GDBT_SEC_LOG=$base.sec.log \
        GDBT_TA_ELF=$TA_ELF \
        timeout -k 5 "$TIMEOUT" gdb-multiarch -nx -batch \
        -ex "source $ROOT/tools/gdb/mintee.py" -x "$ROOT/tests/gdb/${name}_session.py" \
        "$fw/mintee.elf" </dev/null >"$base.gdb.log" 2>&1
    rc=$?
    out=$(grep -E '^(PASS|FAIL) gdb\.' "$base.gdb.log")
    [ -n "$out" ] && echo "$out"
    passed=$((passed + $(grep -c '^PASS' <<<"$out")))
    failed=$((failed + $(grep -c '^FAIL' <<<"$out")))
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        fail_run "$name" "gdb timed out after ${TIMEOUT}s"
    elif [ -z "$out" ]; then
        fail_run "$name" "gdb printed no case (exit $rc)"
    fi
    if grep -q '^FAIL' <<<"$out" || [ "$rc" != 0 ]; then
        show_tail "$base.gdb.log" "gdb"; show_tail "$base.sec.log" "secure console"
    fi
    stop_qemu
}

for s in "${SESSIONS[@]}"; do
    if [ ! -f "$ROOT/tests/gdb/${s}_session.py" ]; then
        fail_run "$s" "no tests/gdb/${s}_session.py"; continue
    fi
    run_session "$s"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
