#!/bin/bash
# Unit tier: mintee's libteec against OP-TEE's binary interface.
#
#   test_teec_abi.sh CC INCLUDE_DIR LIBTEEC_SO [SUPPLICANT_DEB]
#
# CC (arm-linux-gnueabihf-gcc) compiles tests/unit/teec_abi.c with -S against
# the headers in INCLUDE_DIR: the "@ABI <what> <value>" lines of the assembly
# are the sizes, offsets, constants and prototype checks of mintee's
# tee_client_api.h as the ARM32 compiler sees them (nothing runs). They are compared with upstream's values, recorded below as facts
# (ta-abi.md I.2: optee_client 3.19 and 4.x, arm-linux-gnueabihf-gcc 12.2).
# LIBTEEC_SO is the built libteec.so.1.0.0: its SONAME, its defined dynamic
# symbols (exactly upstream's 12, ta-abi.md I.1, no symbol versions). With
# SUPPLICANT_DEB (Debian's tee-supplicant armhf package), every symbol that
# program imports from libteec must be among them.
#
# Output: PASS/FAIL unit.teec_abi.<case> lines, then "N passed, N failed".
set -u
CC=$1 INC=$2 SO=$3 DEB=${4:-}
READELF=${READELF:-${CC%gcc}readelf}
HERE=$(cd "$(dirname "$0")" && pwd)
npass=0 nfail=0
pass() { echo "PASS unit.teec_abi.$1: $2"; npass=$((npass + 1)); }
fail() { echo "FAIL unit.teec_abi.$1: $2 ($3)"; nfail=$((nfail + 1)); }

# Upstream's ARM32 layout and values: "<what>|<value>".
FACTS='sizeof TEEC_Context|8
offsetof TEEC_Context.fd|0
offsetof TEEC_Context.reg_mem|4
offsetof TEEC_Context.memref_null|5
sizeof TEEC_UUID|16
offsetof TEEC_UUID.timeLow|0
offsetof TEEC_UUID.timeMid|4
offsetof TEEC_UUID.timeHiAndVersion|6
offsetof TEEC_UUID.clockSeqAndNode|8
sizeof TEEC_SharedMemory|32
offsetof TEEC_SharedMemory.buffer|0
offsetof TEEC_SharedMemory.size|4
offsetof TEEC_SharedMemory.flags|8
offsetof TEEC_SharedMemory.id|12
offsetof TEEC_SharedMemory.alloced_size|16
offsetof TEEC_SharedMemory.shadow_buffer|20
offsetof TEEC_SharedMemory.registered_fd|24
offsetof TEEC_SharedMemory.internal|28
sizeof TEEC_TempMemoryReference|8
offsetof TEEC_TempMemoryReference.buffer|0
offsetof TEEC_TempMemoryReference.size|4
sizeof TEEC_RegisteredMemoryReference|12
offsetof TEEC_RegisteredMemoryReference.parent|0
offsetof TEEC_RegisteredMemoryReference.size|4
offsetof TEEC_RegisteredMemoryReference.offset|8
sizeof TEEC_Value|8
offsetof TEEC_Value.a|0
offsetof TEEC_Value.b|4
sizeof TEEC_Parameter|12
sizeof TEEC_Session|8
offsetof TEEC_Session.ctx|0
offsetof TEEC_Session.session_id|4
sizeof TEEC_Operation|60
offsetof TEEC_Operation.started|0
offsetof TEEC_Operation.paramTypes|4
offsetof TEEC_Operation.params|8
offsetof TEEC_Operation.session|56
value TEEC_CONFIG_PAYLOAD_REF_COUNT|4
value TEEC_NONE|0
value TEEC_VALUE_INPUT|1
value TEEC_VALUE_OUTPUT|2
value TEEC_VALUE_INOUT|3
value TEEC_MEMREF_TEMP_INPUT|5
value TEEC_MEMREF_TEMP_OUTPUT|6
value TEEC_MEMREF_TEMP_INOUT|7
value TEEC_MEMREF_WHOLE|12
value TEEC_MEMREF_PARTIAL_INPUT|13
value TEEC_MEMREF_PARTIAL_OUTPUT|14
value TEEC_MEMREF_PARTIAL_INOUT|15
value TEEC_MEM_INPUT|1
value TEEC_MEM_OUTPUT|2
value TEEC_LOGIN_PUBLIC|0
value TEEC_LOGIN_USER|1
value TEEC_LOGIN_GROUP|2
value TEEC_LOGIN_APPLICATION|4
value TEEC_LOGIN_USER_APPLICATION|5
value TEEC_LOGIN_GROUP_APPLICATION|6
value TEEC_PARAM_TYPES(1, 2, 3, 0xf)|62241
value TEEC_ORIGIN_API|1
value TEEC_ORIGIN_COMMS|2
value TEEC_ORIGIN_TEE|3
value TEEC_ORIGIN_TRUSTED_APP|4
prototype TEEC_InitializeContext|1
prototype TEEC_FinalizeContext|1
prototype TEEC_OpenSession|1
prototype TEEC_CloseSession|1
prototype TEEC_InvokeCommand|1
prototype TEEC_RegisterSharedMemory|1
prototype TEEC_AllocateSharedMemory|1
prototype TEEC_ReleaseSharedMemory|1
prototype TEEC_RequestCancellation|1
prototype TEEC_RegisterSharedMemoryFileDescriptor|1'

# Upstream libteec.so.1's defined dynamic symbols (Debian libteec1 3.19.0-1).
EXPORTS='TEEC_AllocateSharedMemory
TEEC_CloseSession
TEEC_FinalizeContext
TEEC_InitializeContext
TEEC_InvokeCommand
TEEC_OpenSession
TEEC_RegisterSharedMemory
TEEC_RegisterSharedMemoryFileDescriptor
TEEC_ReleaseSharedMemory
TEEC_RequestCancellation
_dprintf
dump_buffer'

# ---------------------------------------------------------------- layout
ASM=$(mktemp)
trap 'rm -f "$ASM" "$ASM.err"' EXIT
if ! $CC -std=c11 -O2 -I"$INC" -S -o "$ASM" "$HERE/teec_abi.c" 2>"$ASM.err"; then
    fail layout "mintee's tee_client_api.h compiles for ARM32 with upstream's names" \
        "$(grep -m1 error "$ASM.err")"
else
    got=$(sed -n 's/^@ABI \(.*\) \([0-9][0-9]*\)$/\1|\2/p' "$ASM")
    while IFS='|' read -r what want; do
        case "$what" in
        sizeof*|offsetof*) group=layout;;
        value*) group=constants;;
        *) group=prototypes;;
        esac
        id="$group.$(echo "${what#* }" | tr -c 'A-Za-z0-9_.\n' '_' | sed 's/_*$//')"
        have=$(grep -F -- "$what|" <<<"$got" | head -n 1 | sed 's/.*|//')
        if [ -z "$have" ]; then
            fail "$id" "$what = $want" "not measured"
        elif [ "$have" = "$want" ]; then
            pass "$id" "$what = $want"
        else
            fail "$id" "$what = $want" "mintee's header gives $have"
        fi
    done <<<"$FACTS"
fi

# --------------------------------------------------------------- exports
if [ ! -f "$SO" ]; then
    fail exports "libteec.so exports upstream's symbols" "$SO missing"
else
    soname=$($READELF -d "$SO" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
    if [ "$soname" = libteec.so.1 ]; then pass soname "SONAME libteec.so.1"
    else fail soname "SONAME libteec.so.1" "SONAME '$soname'"; fi
    # Defined global/weak symbols, version suffixes kept so that a
    # versioned export would show.
    defined=$($READELF --dyn-syms -W "$SO" | awk '$7 != "UND" && ($5 == "GLOBAL" || $5 == "WEAK") && $8 != "" { print $8 }' | LC_ALL=C sort -u)
    want=$(LC_ALL=C sort <<<"$EXPORTS")
    if [ "$defined" = "$want" ]; then
        pass exports "exactly upstream's 12 dynamic symbols, unversioned"
    else
        fail exports "exactly upstream's 12 dynamic symbols, unversioned" \
            "extra: $(comm -13 <(echo "$want") <(echo "$defined") | tr '\n' ' ')missing: $(comm -23 <(echo "$want") <(echo "$defined") | tr '\n' ' ')"
    fi
    if $READELF -d "$SO" | grep -q '(VERDEF)'; then
        fail unversioned "no symbol version definitions (as upstream)" "VERDEF present"
    else
        pass unversioned "no symbol version definitions (as upstream)"
    fi
    types=$($READELF --dyn-syms -W "$SO" | awk '$7 != "UND" && $5 == "GLOBAL" { print $4 }' | sort -u | tr '\n' ' ')
    if [ "$types" = "FUNC " ]; then pass functions "every export is a function"
    else fail functions "every export is a function" "types: $types"; fi
fi

# ----------------------------------------------- Debian's tee-supplicant
if [ -n "$DEB" ]; then
    what="every libteec symbol Debian's tee-supplicant imports is exported"
    if [ ! -f "$DEB" ]; then
        fail supplicant_imports "$what" "$DEB missing: run tools/setup.sh"
    else
        tmp=$(mktemp -d)
        dpkg-deb -x "$DEB" "$tmp"
        # Its undefined symbols without a GLIBC version are libteec's.
        imports=$($READELF --dyn-syms -W "$tmp/usr/sbin/tee-supplicant" |
            awk '$7 == "UND" && $5 == "GLOBAL" && $8 != "" && $8 !~ /@/ { print $8 }' | LC_ALL=C sort -u)
        rm -rf "$tmp"
        missing=$(comm -23 <(echo "$imports") <(echo "${defined:-}"))
        if [ -z "$imports" ]; then
            fail supplicant_imports "$what" "found no imports"
        elif [ -z "$missing" ]; then
            pass supplicant_imports "$what ($(echo $imports))"
        else
            fail supplicant_imports "$what" "missing: $(echo $missing)"
        fi
    fi
fi

echo "$npass passed, $nfail failed"
[ $nfail = 0 ]
