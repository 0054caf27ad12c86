#!/bin/sh
# The build's signing tool: an RSA signature over the SHA-256 of a file (or of
# a given digest), in the schemes lib/crypto verifies.
#
#   tools/crypto/sign.sh KEY.pem pkcs1|pss IN SIG          sign SHA-256(IN)
#   tools/crypto/sign.sh KEY.pem pkcs1|pss --digest HEX SIG
#
# pkcs1: RSASSA-PKCS1-v1_5 with SHA-256. pss: RSASSA-PSS, SHA-256, MGF1-SHA256,
# salt of 32 bytes (as OP-TEE's sign_encrypt.py). SIG is the raw signature,
# as long as the modulus. Uses openssl (Debian's, tools/setup.sh).
set -eu
[ $# -eq 4 ] || [ $# -eq 5 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
key=$1 algo=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$3" = --digest ]; then
    [ $# -eq 5 ] || { echo "sign.sh: --digest HEX SIG" >&2; exit 2; }
    printf '%s' "$4" | grep -qE '^[0-9a-fA-F]{64}$' || { echo "sign.sh: digest must be 64 hex digits" >&2; exit 2; }
    printf '%s' "$4" | sed 's/../\\x&/g' | xargs -0 printf '%b' > "$tmp/d"
    out=$5
else
    [ $# -eq 4 ] || { echo "sign.sh: KEY ALGO IN SIG" >&2; exit 2; }
    openssl dgst -sha256 -binary -out "$tmp/d" "$3"
    out=$4
fi
case "$algo" in
pkcs1) opts="-pkeyopt rsa_padding_mode:pkcs1" ;;
pss)   opts="-pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:32 -pkeyopt rsa_mgf1_md:sha256" ;;
*) echo "sign.sh: algorithm must be pkcs1 or pss" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086
openssl pkeyutl -sign -inkey "$key" -in "$tmp/d" -out "$out" -pkeyopt digest:sha256 $opts
