#!/usr/bin/env python3
"""Signs a TA ELF into OP-TEE's signed .ta format (ta-abi.md B), bootstrap
type (img_type 1), byte for byte as OP-TEE's sign_encrypt.py emits it:

    struct shdr (20 B) | SHA-256 digest (32 B) | RSA signature (modulus size)
    | struct shdr_bootstrap_ta (uuid octets, ta_version) (20 B) | ELF

The digest covers the shdr (magic .. sig_size), the bootstrap header and the
ELF; the signature is RSASSA-PSS (MGF1-SHA256, salt 32) or RSASSA-PKCS1-v1_5
over that digest (prehashed SHA-256).

    tools/sign_ta.py --key KEY.pem --uuid UUID [--ta-version N]
                     [--algo pss|pkcs1] --in stripped.elf --out UUID.ta

Needs python3-cryptography (Debian; tools/setup.sh).
"""
import argparse
import hashlib
import struct
import sys
import uuid as uuidlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils

SHDR_MAGIC = 0x4F545348
SHDR_BOOTSTRAP_TA = 1
ALGOS = {
    "pss": 0x70414930,     # TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256
    "pkcs1": 0x70004830,   # TEE_ALG_RSASSA_PKCS1_V1_5_SHA256
}
ALGO_ALIASES = {
    "TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256": "pss",
    "TEE_ALG_RSASSA_PKCS1_V1_5_SHA256": "pkcs1",
}


def sign_ta(key, algo, ta_uuid, ta_version, elf):
    """The signed image as bytes. key: an RSA private key object."""
    sig_size = (key.key_size + 7) // 8
    shdr = struct.pack("<IIIIHH", SHDR_MAGIC, SHDR_BOOTSTRAP_TA, len(elf), ALGOS[algo], 32,
                       sig_size)
    boot = ta_uuid.bytes + struct.pack("<I", ta_version)
    digest = hashlib.sha256(shdr + boot + elf).digest()
    if algo == "pss":
        pad = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
    else:
        pad = padding.PKCS1v15()
    sig = key.sign(digest, pad, utils.Prehashed(hashes.SHA256()))
    assert len(sig) == sig_size
    return shdr + digest + sig + boot + elf


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--key", required=True, help="RSA private key, PEM")
    ap.add_argument("--uuid", required=True, help="TA UUID, e.g. 8aaaf200-2450-11e4-abe2-0002a5d5c51b")
    ap.add_argument("--ta-version", type=int, default=0, help="bootstrap ta_version (default 0)")
    ap.add_argument("--algo", default="pss", help="pss (default, as OP-TEE) or pkcs1")
    ap.add_argument("--in", dest="inf", required=True, help="the (stripped) TA ELF")
    ap.add_argument("--out", required=True, help="the signed .ta")
    a = ap.parse_args()
    algo = ALGO_ALIASES.get(a.algo, a.algo)
    if algo not in ALGOS:
        ap.error("--algo must be pss or pkcs1")
    if not 0 <= a.ta_version <= 0xFFFFFFFF:
        ap.error("--ta-version must fit 32 bits")
    try:
        ta_uuid = uuidlib.UUID(a.uuid)
    except ValueError:
        ap.error("bad --uuid %r" % a.uuid)
    with open(a.key, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        ap.error("--key is not an RSA private key")
    if not 2048 <= key.key_size <= 4096:
        ap.error("RSA key of %d bits: mintee verifies 2048..4096" % key.key_size)
    with open(a.inf, "rb") as f:
        elf = f.read()
    out = sign_ta(key, algo, ta_uuid, a.ta_version, elf)
    with open(a.out, "wb") as f:
        f.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
