#!/bin/sh
# mintee Linux tier, guest side: the kernel's TEE trusted keys sealed by
# mintee (core/pta/trusted_keys.c), driven with keyctl as a user would.
#
#   /tests/trusted_keys.sh boot      within one boot: new, pipe, load, the
#                                    same key (an encrypted key made under it
#                                    loads again), every key size (GET_RANDOM
#                                    through the kernel: trusted.rng=default),
#                                    every tampered byte refused
#   /tests/trusted_keys.sh export    makes kmk + an encrypted key under it and
#                                    prints "TK-EXPORT blob=<hex> enc=<hex>"
#   /tests/trusted_keys.sh import    loads what the command line carries
#                                    (mintee.tk_blob=, mintee.tk_enc= from an
#                                    earlier boot of the same firmware,
#                                    mintee.tk_foreign= a blob sealed under
#                                    another device key) and checks it
# Prints PASS/FAIL/SKIP lines only (run-linux-tests.sh counts them).
# Uses Debian's keyctl (keyutils), which the initramfs carries.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
MODE=${1:-boot}
UUID=f04a0fe7-1f5d-4b9b-abf7-619b85b4ce8c
DEV=/sys/bus/tee/devices/optee-ta-$UUID

pass() { echo "PASS $1: $2"; }
fail() { echo "FAIL $1: $2 ($3)"; }
skip() { echo "SKIP $1: $2 ($3)"; }

cmdline_param() {
    for w in $(cat /proc/cmdline); do
        case "$w" in "$1"=*) echo "${w#*=}"; return 0;; esac
    done
    return 1
}

KC=keyctl
if ! command -v keyctl >/dev/null 2>&1; then
    fail linux.tk.keyctl "keyctl (Debian's keyutils) in the initramfs" "missing"; exit 0
fi

# kc_add TYPE DESC DATA: prints the id, or nothing (error text in $KC_ERR).
kc_add() {
    KC_ERR=$($KC add "$1" "$2" "$3" @u 2>&1 >/tmp/kc.out) || return 1
    cat /tmp/kc.out
}
kc_pipe() { $KC pipe "$1" 2>/dev/null; }
kc_drop() { $KC unlink "$1" @u >/dev/null 2>&1; }

# The trusted key type exists only once trusted_tee bound to the device.
bound() {
    [ -e "$DEV/driver" ] && return 0
    local what="trusted keys: trusted-key-tee bound to $UUID"
    if [ ! -e "$DEV" ]; then
        fail linux.tk.bound "$what" "no $DEV: not listed by GET_DEVICES"
    elif dmesg | grep -q 'dynamic shared memory is enabled'; then
        fail linux.tk.bound "$what" "device listed, dynamic shm, but no driver bound"
    else
        skip linux.tk.bound "$what" "not bound: the kernel's trusted keys need registered memory (dynamic shm)"
    fi
    return 1
}

# ----------------------------------------------------------------- boot
boot_cases() {
    local id blob blob2 eid eblob kid n i bad hex len pos c new
    bound || return 0
    pass linux.tk.bound "trusted keys: trusted-key-tee bound to $UUID"

    id=$(kc_add trusted kmk "new 32")
    blob=$(kc_pipe "$id")
    case "$blob" in
    01*) if [ ${#blob} = 122 ]; then
             pass linux.tk.new "keyctl add trusted kmk \"new 32\": a 61-byte blob, version 01"
         else
             fail linux.tk.new "keyctl add trusted kmk \"new 32\"" "pipe gave ${#blob} hex digits, not 122"; return
         fi;;
    *) fail linux.tk.new "keyctl add trusted kmk \"new 32\"" "id '$id', blob '$(echo "$blob" | cut -c1-16)', $KC_ERR"; return;;
    esac

    # An encrypted key under kmk: it loads again only under the same kmk.
    eid=$(kc_add encrypted ek "new trusted:kmk 32")
    eblob=$(kc_pipe "$eid")
    kc_drop "$eid"; kc_drop "$id"
    id=$(kc_add trusted kmk "load $blob")
    blob2=$(kc_pipe "$id")
    if [ -n "$id" ] && [ "$blob2" = "$blob" ]; then
        pass linux.tk.load "keyctl add trusted kmk \"load <blob>\" gives the key back (same blob)"
    else
        fail linux.tk.load "keyctl add trusted kmk \"load <blob>\"" "id '$id': $KC_ERR"
    fi
    if [ -z "$eblob" ]; then
        fail linux.tk.same_key "an encrypted key made under kmk loads under the reloaded kmk" "no encrypted key: $KC_ERR"
    elif kid=$(kc_add encrypted ek "load $eblob") && [ -n "$kid" ]; then
        kc_drop "$kid"; kc_drop "$id"
        # ... and not under another one.
        id=$(kc_add trusted kmk "new 32")
        if kid=$(kc_add encrypted ek "load $eblob") && [ -n "$kid" ]; then
            fail linux.tk.same_key "an encrypted key made under kmk loads under the reloaded kmk only" \
                "it loaded under a new kmk too"
            kc_drop "$kid"
        else
            pass linux.tk.same_key "an encrypted key made under kmk loads under the reloaded kmk, not under a new one"
        fi
    else
        fail linux.tk.same_key "an encrypted key made under kmk loads under the reloaded kmk" "$KC_ERR"
    fi
    kc_drop "$id"

    # Every byte of the blob changed (its low nibble), one at a time.
    bad=
    pos=0
    while [ $pos -lt 61 ]; do
        i=$((pos * 2 + 1))
        c=$(echo "$blob" | cut -c$((i + 1)))
        case "$c" in 0) new=1;; *) new=0;; esac
        hex="$(echo "$blob" | cut -c1-$i)$new$(echo "$blob" | cut -c$((i + 2))-)"
        if kid=$(kc_add trusted kt "load $hex") && [ -n "$kid" ]; then
            bad="$bad $pos"; kc_drop "$kid"
        fi
        pos=$((pos + 1))
    done
    if [ -z "$bad" ]; then
        pass linux.tk.tamper "a blob with any one of its 61 bytes changed is refused"
    else
        fail linux.tk.tamper "a blob with any one of its 61 bytes changed is refused" "loaded with byte(s)$bad changed"
    fi

    # Every size the kernel allows: GET_RANDOM(n) + SEAL, then UNSEAL.
    bad=
    n=32
    while [ $n -le 128 ]; do
        id=$(kc_add trusted "k$n" "new $n")
        blob=$(kc_pipe "$id")
        len=${#blob}
        if [ -z "$id" ] || [ "$len" != $(( (n + 29) * 2 )) ]; then
            bad="$bad new$n(${len}:$KC_ERR)"
        else
            kc_drop "$id"
            kid=$(kc_add trusted "k$n" "load $blob") || bad="$bad load$n"
            kc_drop "$kid"
        fi
        n=$((n + 1))
    done
    if [ -z "$bad" ]; then
        pass linux.tk.sizes "new N for every N in 32..128 (GET_RANDOM of N, SEAL), load back (UNSEAL)"
    else
        fail linux.tk.sizes "new N for every N in 32..128" "failed:$bad"
    fi
    # Several users at once (one per CPU and one more): the service is
    # concurrent, the crypto layer and the DRBG take their own locks.
    local jobs=$(( $(nproc) + 1 )) j
    rm -f /tmp/tkpar.*
    j=0
    while [ $j -lt $jobs ]; do
        (
            k=0
            while [ $k -lt 8 ]; do
                kid=$($KC add trusted "p$j" "new 32" @u 2>/dev/null) || { echo "new $j.$k" >>/tmp/tkpar.$j; exit; }
                b=$($KC pipe "$kid" 2>/dev/null)
                $KC unlink "$kid" @u >/dev/null 2>&1
                kid=$($KC add trusted "p$j" "load $b" @u 2>/dev/null) || { echo "load $j.$k" >>/tmp/tkpar.$j; exit; }
                $KC unlink "$kid" @u >/dev/null 2>&1
                k=$((k + 1))
            done
            echo ok >>/tmp/tkpar.$j
        ) &
        j=$((j + 1))
    done
    wait
    bad=$(cat /tmp/tkpar.* 2>/dev/null | grep -v '^ok$' | tr '\n' ' ')
    if [ -z "$bad" ] && [ "$(cat /tmp/tkpar.* 2>/dev/null | grep -c '^ok$')" = $jobs ]; then
        pass linux.tk.parallel "$jobs users at once, 8 new + load each"
    else
        fail linux.tk.parallel "$jobs users at once, 8 new + load each" "failed: ${bad:-a job did not finish}"
    fi

    if dmesg | grep -q 'TA_CMD_GET_RANDOM invoke err'; then
        fail linux.tk.get_random "no GET_RANDOM error in dmesg" "$(dmesg | grep -m1 'TA_CMD_GET_RANDOM')"
    else
        pass linux.tk.get_random "no GET_RANDOM error in dmesg"
    fi
}

# ----------------------------------------------------------- export/import
export_case() {
    local id blob eid eblob
    bound || return 0
    id=$(kc_add trusted kmk "new 32")
    blob=$(kc_pipe "$id")
    eid=$(kc_add encrypted ek "new trusted:kmk 32")
    eblob=$(kc_pipe "$eid")
    # "default trusted:kmk 32 <hex>": the command line carries the hex only.
    set -- $eblob
    if [ ${#blob} = 122 ] && [ "$1 $2 $3" = "default trusted:kmk 32" ] && [ -n "$4" ]; then
        echo "TK-EXPORT blob=$blob enc=$4"
        pass linux.tk.export "a trusted key and an encrypted key under it, exported"
    else
        fail linux.tk.export "a trusted key and an encrypted key under it, exported" "blob ${#blob} hex digits, enc '$1 $2 $3': $KC_ERR"
    fi
}

import_case() {
    local blob enc foreign id kid
    blob=$(cmdline_param mintee.tk_blob)
    enc=$(cmdline_param mintee.tk_enc)
    foreign=$(cmdline_param mintee.tk_foreign)
    bound || return 0
    if [ -z "$blob" ] || [ -z "$enc" ]; then
        fail linux.tk.reboot_load "the blob of an earlier boot loads" "no mintee.tk_blob/tk_enc on the command line"
    else
        id=$(kc_add trusted kmk "load $blob")
        if [ -n "$id" ] && [ "$(kc_pipe "$id")" = "$blob" ]; then
            pass linux.tk.reboot_load "the blob of an earlier boot (same firmware) loads"
        else
            fail linux.tk.reboot_load "the blob of an earlier boot (same firmware) loads" "$KC_ERR"
        fi
        if kid=$(kc_add encrypted ek "load default trusted:kmk 32 $enc") && [ -n "$kid" ]; then
            pass linux.tk.reboot_same_key "it is the same key: the earlier boot's encrypted key loads under it"
        else
            fail linux.tk.reboot_same_key "it is the same key: the earlier boot's encrypted key loads under it" "$KC_ERR"
        fi
    fi
    if [ -z "$foreign" ]; then
        fail linux.tk.foreign "a blob sealed under another device key is refused" "no mintee.tk_foreign on the command line"
    elif id=$(kc_add trusted kf "load $foreign") && [ -n "$id" ]; then
        fail linux.tk.foreign "a blob sealed under another device key is refused" "it loaded"
    elif dmesg | grep -q 'TA_CMD_UNSEAL invoke err: ffff3071'; then
        pass linux.tk.foreign "a blob sealed under another device key is refused (MAC_INVALID)"
    else
        fail linux.tk.foreign "a blob sealed under another device key is refused" \
            "refused, but not with MAC_INVALID: $(dmesg | grep -m1 'TA_CMD_UNSEAL')"
    fi
}

case "$MODE" in
boot) boot_cases ;;
export) export_case ;;
import) import_case ;;
*) echo "usage: $0 boot|export|import" >&2; exit 2 ;;
esac
exit 0
