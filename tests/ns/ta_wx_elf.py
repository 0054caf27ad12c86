#!/usr/bin/env python3
"""Writes a copy of a TA ELF whose first PT_LOAD is readable, writable and
executable: a well-signed image the loader must still refuse (NS tier).

    tests/ns/ta_wx_elf.py IN.elf OUT.elf
"""
import struct
import sys

PT_LOAD = 1


def main():
    data = bytearray(open(sys.argv[1], "rb").read())
    phoff, = struct.unpack_from("<I", data, 28)
    phentsize, phnum = struct.unpack_from("<HH", data, 42)
    for i in range(phnum):
        off = phoff + i * phentsize
        if struct.unpack_from("<I", data, off)[0] == PT_LOAD:
            struct.pack_into("<I", data, off + 24, 7)  # p_flags = R|W|X
            break
    else:
        sys.exit("no PT_LOAD in %s" % sys.argv[1])
    open(sys.argv[2], "wb").write(data)


if __name__ == "__main__":
    main()
