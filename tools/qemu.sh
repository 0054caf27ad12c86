#!/bin/bash
# Launch qemu-system-arm virt,secure=on with mintee as -bios.
# Options (all optional):
#   --bios FILE      firmware (default build/mintee.bin)
#   --kernel FILE    normal-world image handed over through fw_cfg
#   --initrd FILE    initramfs handed over through fw_cfg
#   --append STR     kernel command line
#   --smp N --mem MB
#   --ns-log FILE    normal-world console (serial0); default: stdio
#   --sec-log FILE   secure console (serial1); default: build/secure.log
#   --icount         deterministic instruction counting (-icount shift=0,sleep=off; -smp 1 only)
#   --gdb PORT       start paused with a gdbstub on PORT
#   --timeout SECS   kill QEMU after SECS (default: none for interactive runs)
#   --               everything after is passed to QEMU as is
# Exit status: QEMU's, or 124 on timeout.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIOS=$ROOT/build/mintee.bin KERNEL= INITRD= APPEND= SMP=1 MEM=1024
NSLOG=stdio SECLOG=$ROOT/build/secure.log ICOUNT= GDB= TMO=
EXTRA=()
while [ $# -gt 0 ]; do
    case "$1" in
    --bios) BIOS=$2; shift 2;;
    --kernel) KERNEL=$2; shift 2;;
    --initrd) INITRD=$2; shift 2;;
    --append) APPEND=$2; shift 2;;
    --smp) SMP=$2; shift 2;;
    --mem) MEM=$2; shift 2;;
    --ns-log) NSLOG=$2; shift 2;;
    --sec-log) SECLOG=$2; shift 2;;
    --icount) ICOUNT=1; shift;;
    --gdb) GDB=$2; shift 2;;
    --timeout) TMO=$2; shift 2;;
    --) shift; EXTRA=("$@"); break;;
    *) echo "qemu.sh: unknown option $1" >&2; exit 2;;
    esac
done
if [ -n "$ICOUNT" ] && [ "$SMP" != 1 ]; then
    echo "qemu.sh: --icount needs --smp 1" >&2; exit 2
fi
# -nic none: virt's default NIC is virtio-net-pci, whose option ROM
# (efi-virtio.rom, package ipxe-qemu) is not installed: QEMU would refuse to
# start. The normal world needs no network.
args=(-machine virt,secure=on -cpu cortex-a15 -smp "$SMP" -m "$MEM"
      -bios "$BIOS" -display none -no-reboot -nic none
      -semihosting-config enable=on,target=native)
# serial0 = normal-world console, serial1 = secure console.
if [ "$NSLOG" = stdio ]; then args+=(-serial mon:stdio)
else args+=(-monitor none -serial "file:$NSLOG"); fi
args+=(-serial "file:$SECLOG")
[ -n "$KERNEL" ] && args+=(-kernel "$KERNEL")
[ -n "$INITRD" ] && args+=(-initrd "$INITRD")
[ -n "$APPEND" ] && args+=(-append "$APPEND")
[ -n "$ICOUNT" ] && args+=(-icount shift=0,sleep=off)
[ -n "$GDB" ] && args+=(-S -gdb "tcp::$GDB")
mkdir -p "$(dirname "$SECLOG")"
[ "$NSLOG" = stdio ] || mkdir -p "$(dirname "$NSLOG")"
if [ -n "$TMO" ]; then
    exec timeout --foreground -k 5 "$TMO" qemu-system-arm "${args[@]}" "${EXTRA[@]}"
fi
exec qemu-system-arm "${args[@]}" "${EXTRA[@]}"
