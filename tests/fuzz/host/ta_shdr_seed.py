#!/usr/bin/env python3
"""Turns a signed .ta into a seed for the ta_shdr harness (fuzz_ta_shdr.c):
byte 0 = flags (3: fix the digest, the signature verifies), bytes 1..16 =
the UUID the image is signed for (from its bootstrap header), then the
image, so that libFuzzer starts past the digest, signature and UUID checks.

    ta_shdr_seed.py IN.ta OUT
"""
import struct
import sys

SHDR_SIZE = 20
DIGEST_SIZE = 32


def main():
    src, dst = sys.argv[1], sys.argv[2]
    img = open(src, "rb").read()
    (sig_size,) = struct.unpack_from("<H", img, 18)
    boot = SHDR_SIZE + DIGEST_SIZE + sig_size
    uuid = img[boot:boot + 16]
    if len(uuid) != 16:
        sys.exit(f"{src}: too short for its signature size {sig_size}")
    with open(dst, "wb") as f:
        f.write(bytes([3]) + uuid + img)


if __name__ == "__main__":
    main()
