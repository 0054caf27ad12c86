#!/usr/bin/env python3
"""Symbol and unwind tables for the firmware's own fault reports.

    mksymtab.py [--tools PREFIX] ELF > symtab.S     tables for the functions of ELF
    mksymtab.py [--tools PREFIX] --empty > symtab.S  the same symbols, no entries

The firmware is linked twice: first with the empty tables, then with the
tables generated from that first link. The tables are read-only data placed
after all code (linker.ld puts .text before .rodata), so adding them moves no
function: the second link has the very addresses the tables describe. The
Makefile checks this by regenerating the tables from the final ELF and
comparing (cmp) with what was linked in.

Names come from `nm` (every code symbol but the ARM mapping symbols, the
linker-script markers and the linker's interworking stubs). The unwind rows come from the compiler's call-frame
information (.debug_frame, decoded by `readelf --debug-dump=frames-interp`):
for each code address, where the canonical frame address (CFA) is and at
which offset from it r4-r11 and lr were saved. FDEs of functions discarded by
--gc-sections (left at address 0) are dropped: an FDE is kept only if a
code symbol of the same address and size exists (or, away from address 0, of
the same address and no size: libgcc's assembly).

Layout (little endian, all in section .rodata.mintee_symtab), matching
struct symtab_* in kernel/panic.c:
  mintee_sym_count, mintee_syms[]      {u32 addr, u32 size, u32 name offset}
  mintee_fde_count, mintee_fdes[]      {u32 start, u32 end, u16 first row, u16 rows}
  mintee_unw_rows[]                    {u32 pc, u16 cfa offset, u8 cfa reg,
                                        u8 pad, s8 rule[12]}
  mintee_sym_names                     NUL-terminated names
A rule is 0 (register not saved: still live), -N (saved at CFA - 4*N) or
RULE_UNKNOWN (cannot be recovered). Rule slots: r4..r11, lr, 3 unused.
"""
import argparse
import re
import subprocess
import sys

RULE_UNKNOWN = 127
CFA_UNKNOWN = 0xff
RULE_REGS = ["r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "ra"]
# ARM/Thumb interworking stubs made by the linker: ld lays out stubs of equal
# size in an order that may differ between the two links, so naming them
# would make the tables differ for no function having moved.
VENEER = re.compile(r"^__.*_from_(arm|thumb)$|_veneer$")
# Linker-script markers (linker.ld): not functions.
MARKER = re.compile(r"^__\w+_(start|end|load)$")
# ARM/Thumb interworking veneers made by ld (__memset_from_arm, ...): ld lays
# equal-sized ones out in an order that can differ from one link to the next,
# which would make the second link's tables differ from the first's. Not
# functions of ours; a fault in one is reported against the symbol before it.
VENEER = re.compile(r"^_\w+_from_(arm|thumb)$")


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def read_symbols(tools, elf):
    """[(addr, size, name)] of code symbols, one per address, sorted."""
    best = {}
    for line in run([tools + "nm", "-n", "-S", "--defined-only", elf]).splitlines():
        parts = line.split()
        if len(parts) == 4:
            addr, size, kind, name = int(parts[0], 16), int(parts[1], 16), parts[2], parts[3]
        elif len(parts) == 3:
            addr, size, kind, name = int(parts[0], 16), 0, parts[1], parts[2]
        else:
            continue
        if kind not in "tTwW" or name.startswith("$") or name.startswith(".L") or MARKER.match(name) \
                or VENEER.match(name):
            continue
        # Prefer a sized symbol, then a global one, at the same address.
        rank = (size > 0, kind in "TW")
        if addr not in best or rank > best[addr][0]:
            best[addr] = (rank, size, name)
    return [(a, best[a][1], best[a][2]) for a in sorted(best)]


def parse_rule(text):
    if text in ("u", "s"):
        return 0
    m = re.fullmatch(r"c-(\d+)", text)
    if m and int(m.group(1)) % 4 == 0 and 0 < int(m.group(1)) // 4 < RULE_UNKNOWN:
        return -(int(m.group(1)) // 4)
    return RULE_UNKNOWN


def parse_cfa(text):
    m = re.fullmatch(r"r(\d+)\+(\d+)", text)
    if not m or int(m.group(2)) > 0xffff:
        return CFA_UNKNOWN, 0
    return int(m.group(1)), int(m.group(2))


def read_fdes(tools, elf, funcs):
    """[(start, end, [(pc, cfa_reg, cfa_off, rules)])] sorted by start."""
    text = run([tools + "readelf", "--debug-dump=frames-interp", elf])
    fdes, cur, cols = [], None, None
    fde_re = re.compile(r"^[0-9a-f]+ [0-9a-f]+ [0-9a-f]+ FDE cie=[0-9a-f]+ pc=([0-9a-f]+)\.\.([0-9a-f]+)")
    for line in text.splitlines():
        m = fde_re.match(line)
        if m:
            cur = (int(m.group(1), 16), int(m.group(2), 16), [])
            cols = None
            fdes.append(cur)
            continue
        if cur is None:
            continue
        fields = line.split()
        if not fields:
            cur = None
            continue
        if fields[0] == "LOC":
            cols = fields
            continue
        if cols is None or not re.fullmatch(r"[0-9a-f]+", fields[0]) or len(fields) != len(cols):
            continue
        row = dict(zip(cols, fields))
        reg, off = parse_cfa(row["CFA"])
        rules = [parse_rule(row[r]) if r in row else 0 for r in RULE_REGS]
        cur[2].append((int(fields[0], 16), reg, off, rules))
    keep = []
    for start, end, rows in fdes:
        if (start, end - start) not in funcs and not (start and (start, 0) in funcs):
            continue
        # No rows: a leaf that never moves sp (CFA = sp, return address in lr).
        keep.append((start, end, rows or [(start, 13, 0, [0] * len(RULE_REGS))]))
    keep.sort()
    return keep


def emit(out, syms, fdes):
    w = out.write
    w("/* Generated by tools/mksymtab.py: do not edit. */\n")
    w("\t.section .rodata.mintee_symtab, \"a\"\n\t.balign 4\n")
    names, offsets = [], {}
    pos = 0
    for _, _, name in syms:
        if name not in offsets:
            offsets[name] = pos
            names.append(name)
            pos += len(name) + 1
    w("\t.global mintee_sym_count\nmintee_sym_count:\n\t.word %d\n" % len(syms))
    w("\t.global mintee_syms\nmintee_syms:\n")
    for addr, size, name in syms:
        w("\t.word 0x%08x, 0x%x, %d\t/* %s */\n" % (addr, size, offsets[name], name))
    w("\t.global mintee_fde_count\nmintee_fde_count:\n\t.word %d\n" % len(fdes))
    w("\t.global mintee_fdes\nmintee_fdes:\n")
    first = 0
    for start, end, rows in fdes:
        w("\t.word 0x%08x, 0x%08x\n\t.hword %d, %d\n" % (start, end, first, len(rows)))
        first += len(rows)
    if first > 0xffff:
        sys.exit("mksymtab: too many unwind rows (%d)" % first)
    w("\t.global mintee_unw_rows\nmintee_unw_rows:\n")
    for _, _, rows in fdes:
        for pc, reg, off, rules in rows:
            w("\t.word 0x%08x\n\t.hword %d\n\t.byte %d, 0\n\t.byte %s\n" %
              (pc, off, reg, ", ".join(str(r) for r in rules + [0, 0, 0])))
    w("\t.global mintee_sym_names\nmintee_sym_names:\n")
    for name in names:
        w("\t.asciz \"%s\"\n" % name)
    w("\t.balign 4\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tools", default="arm-none-eabi-", help="binutils prefix")
    ap.add_argument("--empty", action="store_true", help="tables with no entries")
    ap.add_argument("elf", nargs="?")
    args = ap.parse_args()
    if args.empty:
        emit(sys.stdout, [], [])
        return
    if not args.elf:
        ap.error("ELF needed")
    syms = read_symbols(args.tools, args.elf)
    funcs = {(a, s) for a, s, _ in syms}
    emit(sys.stdout, syms, read_fdes(args.tools, args.elf, funcs))


if __name__ == "__main__":
    main()
