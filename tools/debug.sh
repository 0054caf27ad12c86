#!/bin/bash
# QEMU paused with its gdbstub, and gdb-multiarch on mintee's symbols.
#
#   tools/debug.sh [--fw DIR] [--port N] [--kernel IMG] [--initrd FILE] [--append STR]
#                  [--symbols ELF]... [--smp N] [--mem MB] [--attach] [--no-gdb]
#
#   --fw DIR       firmware build directory with mintee.bin/.elf (default build/fw-dynamic)
#   --port N       gdbstub TCP port (default 1234)
#   --kernel IMG   normal-world image: a bare-metal payload linked at 0x42000000
#                  or a Linux zImage (the firmware copies it to 0x42000000)
#   --symbols ELF  more symbols for gdb (payload ELF, Linux vmlinux): add-symbol-file
#   --attach       do not start QEMU: attach gdb to one already listening on --port
#   --no-gdb       only start QEMU (paused) and wait; attach any debugger yourself
# Consoles: serial0 (normal world) -> $O/debug/ns.log, serial1 (secure UART)
# -> $O/debug/secure.log; follow them with tail -f, or mintee-log in gdb.
# QEMU is stopped when gdb exits. See tools/gdb/README.md.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$ROOT/build}
FW=$O/fw-dynamic PORT=1234 KERNEL= INITRD= APPEND= SMP=2 MEM=1024 ATTACH= NOGDB=
SYMS=()
while [ $# -gt 0 ]; do
    case "$1" in
    --fw) FW=$2; shift 2;;
    --port) PORT=$2; shift 2;;
    --kernel) KERNEL=$2; shift 2;;
    --initrd) INITRD=$2; shift 2;;
    --append) APPEND=$2; shift 2;;
    --symbols) [ -n "$2" ] && SYMS+=("$2"); shift 2;;
    --smp) SMP=$2; shift 2;;
    --mem) MEM=$2; shift 2;;
    --attach) ATTACH=1; shift;;
    --no-gdb) NOGDB=1; shift;;
    -h|--help) sed -n '2,18p' "$0"; exit 0;;
    *) echo "debug.sh: unknown option $1" >&2; exit 2;;
    esac
done
LOGS=$O/debug
mkdir -p "$LOGS"
for f in "$FW/mintee.elf" ${KERNEL:+"$KERNEL"} ${INITRD:+"$INITRD"} ${SYMS[@]+"${SYMS[@]}"}; do
    [ -f "$f" ] || { echo "debug.sh: $f not found" >&2; exit 1; }
done

listening() {   # is anything listening on TCP port $1 (IPv4 or IPv6)?
    local hex
    hex=$(printf '%04X' "$1")
    awk -v p=":$hex" '$2 ~ p"$" && $4 == "0A" { f = 1 } END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

QPID=
stop_qemu() {   # only the QEMU started here, by pid
    if [ -n "$QPID" ] && kill -0 "$QPID" 2>/dev/null; then
        kill "$QPID" 2>/dev/null
        wait "$QPID" 2>/dev/null
    fi
}

if [ -z "$ATTACH" ]; then
    if listening "$PORT"; then
        echo "debug.sh: port $PORT is in use (another make debug?): choose one with GDB_PORT=N" >&2
        exit 1
    fi
    args=(--bios "$FW/mintee.bin" --smp "$SMP" --mem "$MEM" --gdb "$PORT"
          --ns-log "$LOGS/ns.log" --sec-log "$LOGS/secure.log")
    [ -n "$KERNEL" ] && args+=(--kernel "$KERNEL")
    [ -n "$INITRD" ] && args+=(--initrd "$INITRD")
    [ -n "$APPEND" ] && args+=(--append "$APPEND")
    if [ -n "$NOGDB" ]; then
        echo "  QEMU paused, gdbstub on :$PORT; consoles: $LOGS/ns.log, $LOGS/secure.log (Ctrl-C quits)"
        exec "$ROOT/tools/qemu.sh" "${args[@]}" </dev/null
    fi
    # Its own session: Ctrl-C in gdb interrupts the target through the
    # gdbstub, and must not reach QEMU as SIGINT from the terminal.
    setsid "$ROOT/tools/qemu.sh" "${args[@]}" </dev/null >"$LOGS/qemu.log" 2>&1 &
    QPID=$!
    trap stop_qemu EXIT
    for _ in $(seq 100); do
        listening "$PORT" && break
        kill -0 "$QPID" 2>/dev/null || break
        sleep 0.05
    done
    if ! kill -0 "$QPID" 2>/dev/null; then
        echo "debug.sh: QEMU did not start:" >&2; cat "$LOGS/qemu.log" >&2; exit 1
    fi
    echo "  QEMU (pid $QPID) paused at reset, gdbstub on :$PORT"
    echo "  normal-world console: tail -f $LOGS/ns.log"
    echo "  secure console:       tail -f $LOGS/secure.log   (or mintee-log in gdb)"
fi

gdb_args=(-q -ex "set pagination off" -x "$ROOT/tools/gdb/mintee.py" -ex "target remote :$PORT")
for s in ${SYMS[@]+"${SYMS[@]}"}; do
    gdb_args+=(-ex "set confirm off" -ex "add-symbol-file $s" -ex "set confirm on")
done
gdb_args+=(-ex "mintee-help")
MINTEE_SEC_LOG=$LOGS/secure.log MINTEE_NS_LOG=$LOGS/ns.log gdb-multiarch "${gdb_args[@]}" "$FW/mintee.elf"
