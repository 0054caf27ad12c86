#!/bin/bash
# mintee Linux test tier, host side: boots the normal-world kernel and
# initramfs on mintee under QEMU for a matrix of configurations and collects
# the guest's results (tests/linux/run-linux-tests.sh) plus host-side checks.
#
#   tests/linux/run.sh [CONFIG...]
#
# CONFIG is SHM, SHM/N or SHM/smpN (SHM = dynamic | reserved, N = CPU count),
# optionally followed by /debian: Debian bookworm's own tee-supplicant
# (extracted from its armhf package, linked against mintee's libteec.so.1)
# serves instead of mintee's (kernel command line mintee.supplicant=debian).
# Without arguments the matrix is LINUX_TEST_SHM x LINUX_TEST_SMP, plus
# dynamic/2/debian.
#
# Environment:
#   O                      build directory (default build)
#   LINUX_TEST_SHM         default "dynamic reserved"
#   LINUX_TEST_SMP         default "1 2 4"
#   LINUX_TEST_TIMEOUT     seconds per boot (default 120)
#   LINUX_TEST_EXPECT_RNG  1 (default): the firmware serves the OP-TEE RNG, test it
#   LINUX_TEST_MEM         NS RAM in MiB (default: 512, 1024, 2048 for 1, 2, 4 CPUs)
#   LINUX_TEST_REBOOT      0: skip the reboot boots (default 1)
#   LINUX_TEST_TK          0: skip the two-boot trusted-keys boots (default 1)
#   LINUX_TEST_DEBIAN      0: no dynamic/2/debian boot in the default matrix
#
# Inputs: $O/fw-$SHM-test/mintee.bin (CFG_TEST_PTA=1), $O/linux/zImage, $O/rootfs/initramfs.cpio.gz.
# Logs:   $O/linux-tests/<config>.{ns,sec,trace}.log
#
# Per configuration (ids prefixed "SHM/smpN/"):
#   every guest case (linux.probe, linux.devnodes, ...)
#   linux.loader     (/debian configurations) the console shows no dynamic
#                    loader error (missing library, undefined symbol)
#   linux.boot       the guest test runner ran to its summary line
#   linux.poweroff   then `poweroff -f` made QEMU exit with status 0 through a
#                    guest shutdown request (PSCI SYSTEM_OFF)
# Per SHM mode, with the largest CPU count of the run:
#   linux.reboot     `reboot -f` made QEMU (-no-reboot) exit with status 0
#                    through a guest reset (PSCI SYSTEM_RESET), after the
#                    guest's marker
# With dynamic in the run (trusted keys need registered shm), three more boots
# at the largest CPU count: the second device-key firmware ($O/fw-dynamic-huk2,
# `make fw-huk2`) exports a blob; the normal firmware exports a trusted key
# and an encrypted key under it; a new boot of the normal firmware loads them
# back from the command line (same key) and refuses the other device's blob:
#   linux.tk.export, linux.tk.reboot_load, linux.tk.reboot_same_key,
#   linux.tk.foreign (ids prefixed "dynamic/smpN/")
# Output: PASS/FAIL/SKIP lines, then "N passed, N failed" (", N skipped" when
# some were). Exit status 1 if anything failed.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
O=${O:-build}
TMO=${LINUX_TEST_TIMEOUT:-120}
EXPECT_RNG=${LINUX_TEST_EXPECT_RNG:-1}
DO_REBOOT=${LINUX_TEST_REBOOT:-1}
DO_TK=${LINUX_TEST_TK:-1}
KERNEL=$O/linux/zImage
INITRD=$O/rootfs/initramfs.cpio.gz
LOGDIR=$O/linux-tests
mkdir -p "$LOGDIR"

npass=0 nfail=0 nskip=0
pass() { echo "PASS $1: $2"; npass=$((npass + 1)); }
fail() { echo "FAIL $1: $2 ($3)"; nfail=$((nfail + 1)); }

# The configurations to run, as "SHM N SUPPLICANT" lines (SUPPLICANT =
# mintee | debian).
configs=()
if [ $# -gt 0 ]; then
    for a in "$@"; do
        supp=mintee
        case "$a" in */debian) supp=debian; a=${a%/debian};; esac
        shm=${a%%/*}
        case "$shm" in dynamic|reserved) ;; *) echo "run.sh: bad config '$a' (SHM must be dynamic or reserved)" >&2; exit 2;; esac
        if [ "$a" = "$shm" ]; then smps=${LINUX_TEST_SMP:-1 2 4}
        else smps=${a#*/}; smps=${smps#smp}; fi
        for n in $smps; do
            case "$n" in [1-4]) ;; *) echo "run.sh: bad CPU count in '$a' (1..4)" >&2; exit 2;; esac
            configs+=("$shm $n $supp")
        done
    done
else
    for shm in ${LINUX_TEST_SHM:-dynamic reserved}; do
        for n in ${LINUX_TEST_SMP:-1 2 4}; do configs+=("$shm $n mintee"); done
    done
    [ "${LINUX_TEST_DEBIAN:-1}" = 1 ] && configs+=("dynamic 2 debian")
fi

# Prints the last lines of a boot's logs, indented, after a failure.
show_tails() {
    local f
    for f in "$@"; do
        echo "    --- tail of $f"
        if [ -f "$f" ]; then tail -n 25 "$f" | tr -d '\r' | sed 's/^/    | /'
        else echo "    | (no file)"; fi
    done
}

# Why a boot did not end as it should, from QEMU's exit status and the log.
exit_reason() {
    local rc=$1 ns=$2 r panic
    case "$rc" in
    0) r="QEMU exited with status 0";;
    124|137) r="timeout after ${TMO}s";;
    *) r="QEMU exit status $rc";;
    esac
    panic=$(tr -d '\r' < "$ns" 2>/dev/null | grep -m1 -E 'Kernel panic|Internal error|Unable to handle|BUG:' || true)
    [ -n "$panic" ] && r="$r; guest: $panic"
    echo "$r"
}

# NS RAM per CPU count, so the matrix also covers -m 512 to 2048 (and, in
# reserved mode, a carve-out beyond Linux's lowmem at 2048).
mem_for() { case "$1" in 1) echo 512;; 2) echo 1024;; *) echo 2048;; esac; }

# boot NAME SHM N APPEND: one QEMU run; sets rc, ns, sec, trace.
boot() {
    local name=$1 shm=$2 n=$3 append=$4
    ns=$LOGDIR/$name.ns.log sec=$LOGDIR/$name.sec.log trace=$LOGDIR/$name.trace.log
    rm -f "$ns" "$sec" "$trace"
    tools/qemu.sh --bios "${BOOT_BIOS:-$O/fw-$shm-test/mintee.bin}" --kernel "$KERNEL" --initrd "$INITRD" \
        --smp "$n" --mem "${LINUX_TEST_MEM:-$(mem_for "$n")}" --append "$append" \
        --ns-log "$ns" --sec-log "$sec" --timeout "$TMO" \
        -- -trace qemu_system_shutdown_request -D "$trace" </dev/null >/dev/null 2>&1
    rc=$?
    touch "$ns" "$sec" "$trace"
}

# QEMU logs the request the guest made before exiting; a reset with
# -no-reboot does not go through qemu_system_shutdown_request.
# ShutdownCause 6 = SHUTDOWN_CAUSE_GUEST_SHUTDOWN (QEMU 7.2).
saw_guest_shutdown() { grep -q 'qemu_system_shutdown_request reason=6' "$1"; }
saw_any_shutdown()   { grep -q 'qemu_system_shutdown_request' "$1"; }

missing_inputs() {
    local shm=$1 f m=
    for f in "$O/fw-$shm-test/mintee.bin" "$KERNEL" "$INITRD"; do
        [ -f "$f" ] || m="$m $f"
    done
    echo "$m"
}

declare -A maxsmp   # per SHM mode, the largest CPU count of the run
shms=()             # SHM modes in order of first appearance
for c in "${configs[@]}"; do
    set -- $c; shm=$1 n=$2 supp=$3
    cfg=$shm/smp$n
    name=$shm-smp$n
    if [ "$supp" = debian ]; then cfg=$cfg/debian; name=$name-debian; fi
    m=$(missing_inputs "$shm")
    if [ -n "$m" ]; then
        fail "$cfg/linux.boot" "guest test runner completed" "missing:$m"
        fail "$cfg/linux.poweroff" "poweroff exits QEMU with status 0" "not run"
        continue
    fi
    if [ "$supp" = mintee ] && { [ -z "${maxsmp[$shm]:-}" ] || [ "${maxsmp[$shm]}" -lt "$n" ]; }; then
        maxsmp[$shm]=$n
        [[ " ${shms[*]} " == *" $shm "* ]] || shms+=("$shm")
    fi

    append="console=ttyAMA0 panic=-1 mintee.test=1 mintee.ncpus=$n trusted.rng=default"
    [ "$EXPECT_RNG" = 1 ] && append="$append mintee.expect_rng=1"
    [ "$supp" = debian ] && append="$append mintee.supplicant=debian"
    start=$(date +%s)
    boot "$name" "$shm" "$n" "$append"
    secs=$(( $(date +%s) - start ))

    # The guest's own cases, ids prefixed with the configuration.
    lines=$(tr -d '\r' < "$ns" | grep -E '^(PASS|FAIL|SKIP) [^ :]+: ' || true)
    if [ -n "$lines" ]; then
        while IFS= read -r l; do
            echo "${l%% *} $cfg/${l#* }"
            case "$l" in
            PASS*) npass=$((npass + 1));;
            FAIL*) nfail=$((nfail + 1));;
            SKIP*) nskip=$((nskip + 1));;
            esac
        done <<<"$lines"
    fi

    if [ "$supp" = debian ]; then
        lderr=$(tr -d '\r' < "$ns" | grep -m1 -E 'error while loading shared libraries|undefined symbol|symbol lookup error' || true)
        if [ -z "$lderr" ]; then
            pass "$cfg/linux.loader" "no dynamic loader error on the console"
        else
            fail "$cfg/linux.loader" "no dynamic loader error on the console" "$lderr"
        fi
    fi

    bad=0
    if tr -d '\r' < "$ns" | grep -qE '^[0-9]+ passed, [0-9]+ failed'; then
        pass "$cfg/linux.boot" "guest test runner completed (${secs}s)"
    else
        fail "$cfg/linux.boot" "guest test runner completed" "$(exit_reason $rc "$ns")"
        bad=1
    fi
    if [ $bad = 1 ]; then
        fail "$cfg/linux.poweroff" "poweroff exits QEMU with status 0" "guest did not get there"
    elif ! tr -d '\r' < "$ns" | grep -q '^mintee: tests done, powering off'; then
        fail "$cfg/linux.poweroff" "poweroff exits QEMU with status 0" "no power-off marker from /init"; bad=1
    elif [ $rc != 0 ]; then
        fail "$cfg/linux.poweroff" "poweroff exits QEMU with status 0" "$(exit_reason $rc "$ns")"; bad=1
    elif ! saw_guest_shutdown "$trace"; then
        fail "$cfg/linux.poweroff" "poweroff exits QEMU with status 0" \
            "QEMU exited without a guest shutdown request (reset or semihosting exit?)"; bad=1
    else
        pass "$cfg/linux.poweroff" "poweroff exits QEMU with status 0"
    fi
    if [ $bad = 1 ] || grep -q '^FAIL' <<<"$lines"; then
        show_tails "$ns" "$sec"
    fi
done

if [ "$DO_REBOOT" = 1 ]; then
    for shm in "${shms[@]}"; do
        n=${maxsmp[$shm]}
        cfg=$shm/smp$n
        boot "$shm-smp$n-reboot" "$shm" "$n" "console=ttyAMA0 panic=-1 mintee.test=reboot mintee.ncpus=$n"
        what="reboot exits QEMU (-no-reboot) with status 0"
        if ! tr -d '\r' < "$ns" | grep -q '^mintee: reboot test, rebooting'; then
            fail "$cfg/linux.reboot" "$what" "no reboot marker from /init; $(exit_reason $rc "$ns")"
        elif [ $rc != 0 ]; then
            fail "$cfg/linux.reboot" "$what" "$(exit_reason $rc "$ns")"
        elif saw_any_shutdown "$trace"; then
            fail "$cfg/linux.reboot" "$what" "QEMU saw a shutdown request, not a reset"
        else
            pass "$cfg/linux.reboot" "$what"; continue
        fi
        show_tails "$ns" "$sec"
    done
fi

# guest_lines CFG: the guest's PASS/FAIL/SKIP lines of the last boot, counted
# and printed with CFG prefixed; false when the runner did not finish.
guest_lines() {
    local cfg=$1 l lines
    lines=$(tr -d '\r' < "$ns" | grep -E '^(PASS|FAIL|SKIP) [^ :]+: ' || true)
    if [ -n "$lines" ]; then
        while IFS= read -r l; do
            echo "${l%% *} $cfg/${l#* }"
            case "$l" in
            PASS*) npass=$((npass + 1));;
            FAIL*) nfail=$((nfail + 1));;
            SKIP*) nskip=$((nskip + 1));;
            esac
        done <<<"$lines"
    fi
    tr -d '\r' < "$ns" | grep -qE '^[0-9]+ passed, [0-9]+ failed'
}

if [ "$DO_TK" = 1 ] && [ -n "${maxsmp[dynamic]:-}" ]; then
    n=${maxsmp[dynamic]}
    cfg=dynamic/smp$n
    tkapp="console=ttyAMA0 panic=-1 mintee.test=1 mintee.ncpus=$n trusted.rng=default"
    huk2=$O/fw-dynamic-huk2/mintee.bin
    foreign= blob= enc=
    if [ ! -f "$huk2" ]; then
        fail "$cfg/linux.tk.foreign" "a blob sealed under another device key is refused" "missing $huk2 (make fw-huk2)"
    else
        BOOT_BIOS=$huk2 boot dynamic-smp$n-tk-huk2 dynamic "$n" "$tkapp mintee.cases=tk_export"
        foreign=$(tr -d '\r' < "$ns" | sed -n 's/^TK-EXPORT blob=\([0-9a-f]*\) .*/\1/p' | head -1)
        [ -n "$foreign" ] || { fail "$cfg/linux.tk.export_huk2" "the second device key's firmware exports a blob" \
            "$(exit_reason $rc "$ns")"; show_tails "$ns" "$sec"; }
    fi
    boot dynamic-smp$n-tk-export dynamic "$n" "$tkapp mintee.cases=tk_export"
    guest_lines "$cfg" || { fail "$cfg/linux.tk.export_boot" "export boot completed" "$(exit_reason $rc "$ns")"; show_tails "$ns" "$sec"; }
    line=$(tr -d '\r' < "$ns" | grep -m1 '^TK-EXPORT ')
    blob=$(sed -n 's/^TK-EXPORT blob=\([0-9a-f]*\) .*/\1/p' <<<"$line")
    enc=$(sed -n 's/.* enc=\([0-9a-f]*\)$/\1/p' <<<"$line")
    if [ -n "$blob" ] && [ -n "$enc" ]; then
        boot dynamic-smp$n-tk-import dynamic "$n" \
            "$tkapp mintee.cases=tk_import mintee.tk_blob=$blob mintee.tk_enc=$enc mintee.tk_foreign=${foreign:-none}"
        guest_lines "$cfg" || { fail "$cfg/linux.tk.import_boot" "import boot completed" "$(exit_reason $rc "$ns")"; show_tails "$ns" "$sec"; }
        grep -q 'FAIL' <(tr -d '\r' < "$ns" | grep '^FAIL') && show_tails "$ns" "$sec"
    fi
fi

if [ $nskip -gt 0 ]; then
    echo "$npass passed, $nfail failed, $nskip skipped"
else
    echo "$npass passed, $nfail failed"
fi
[ $nfail = 0 ]
