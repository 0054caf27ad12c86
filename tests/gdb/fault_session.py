# gdb tier, session "fault": the CFG_TEST_FAULT=1 firmware stores to an
# unmapped secure address right before entering the normal world; the fault
# report on the secure console must name the mode, DFSR/DFAR, every register
# and a backtrace whose names match the ELF's.
import os
import re
import sys
import gdb

sys.path.insert(0, os.environ["GDBT_DIR"])
from harness import Session, connect, reg, cmd, cont, secure_log, MODE_ABT

CASES = [
    ("fault_halt", "the deliberate data abort ends in panic_halt (Abort mode, Secure)"),
    ("fault_report", "secure log: mode, DFSR/DFAR, r0-r12 sp lr pc cpsr, backtrace with >= 2 named frames"),
    ("fault_symbols", "backtrace names agree with gdb's (info symbol) and reach boot_primary"),
    ("fault_other_cpus", "cpu1 stays in the Secure world (holding pen): the normal world never runs"),
]

FRAME = re.compile(r"^\s+#(\d+) 0x([0-9a-f]{8}) ([A-Za-z_][\w.]*)\+0x([0-9a-f]+)")


def body(s):
    connect()
    cmd("break panic_halt")
    cont()
    world = cmd("world")
    s.check("fault_halt", gdb.selected_frame().name() == "panic_halt" and reg("cpsr") & 0x1f == MODE_ABT
            and "Secure world, abt mode" in world, world.strip())

    log = secure_log()
    report = log[log.find("=== mintee fault report"):]
    need = ["data abort in Secure svc mode", "DFSR 0x00000805: translation fault (section), write",
            "DFAR 0xdeadbee0", " sp  0x", " lr  0x", " pc  0x", " cpsr 0x", " backtrace:",
            "=== end of fault report ==="]
    need += [" r%-2d 0x" % n for n in range(13)]
    missing = [n for n in need if n not in report]
    frames = [FRAME.match(l) for l in report.splitlines()]
    frames = [m for m in frames if m]
    s.check("fault_report", not missing and len(frames) >= 2,
            "missing %s, %d named frames" % (missing, len(frames)))

    bad = []
    for m in frames:
        depth, addr, name, off = int(m.group(1)), int(m.group(2), 16), m.group(3), int(m.group(4), 16)
        look = addr if depth == 0 else addr - 4     # callers: the call instruction
        info = cmd("info symbol 0x%x" % look).strip()
        # gdb prints "f + 16 in section .text" ("f" alone at offset 0) and
        # drops the ".0" of GCC's clone names (test_fault_trigger.constprop.0).
        g = re.match(r"(\S+)(?: \+ (\d+))? in section", info)
        if not g or g.group(1) != re.sub(r"\.\d+$", "", name) or \
                int(g.group(2) or 0) != off - (addr - look):
            bad.append("#%d %s+0x%x vs %s" % (depth, name, off, info))
    names = [m.group(3) for m in frames]
    s.check("fault_symbols", not bad and frames and names[0].startswith("test_fault_trigger")
            and "test_fault_point" in names and "boot_primary" in names,
            "mismatches %s, frames %s" % (bad, names))

    cmd("thread 2")
    world = cmd("world")
    # In the pen loop or the cache helper it calls (assembly: gdb cannot
    # always unwind from there), never in normal-world memory.
    pc = reg("pc")
    s.check("fault_other_cpus", "cpu1: Secure world, svc mode" in world and pc < 0x04000000,
            world.strip())
    cmd("thread 1")
    cmd("kill")


Session(CASES).run(body)
