# gdb tier, session "ta": a user TA can be debugged like the core. The NS
# payload tests/ns/ta.c (served LOAD_TA by itself) opens the test TA and
# invokes it; gdb loads the TA's symbols at its load address (mintee-ta),
# stops in TA_InvokeCommandEntryPoint in Secure User mode, single-steps
# there, and lets the run finish.
import os
import sys
import gdb

sys.path.insert(0, os.environ["GDBT_DIR"])
from harness import Session, connect, reg, cmd, cont

MODE_USR = 0x10
TA_ELF = os.environ["GDBT_TA_ELF"]

CASES = [
    ("ta_symbols", "mintee-ta puts the TA's functions at 0x20100000 + their ELF offset"),
    ("ta_break", "a breakpoint on TA_InvokeCommandEntryPoint stops in Secure User mode, "
                 "in the TA's window, with SCR.NS = 0"),
    ("ta_step", "stepi inside the TA stays in user mode and moves the pc through its code"),
    ("ta_continue", "after the breakpoint is gone the payload runs on to its end"),
]


def body(s):
    connect()
    cmd("mintee-ta %s" % TA_ELF)
    addr = int(gdb.parse_and_eval("(unsigned long)&TA_InvokeCommandEntryPoint")) & 0xffffffff
    s.check("ta_symbols", 0x20100000 <= addr < 0x20200000, "TA_InvokeCommandEntryPoint at 0x%x" % addr)
    cmd("break TA_InvokeCommandEntryPoint")
    cont()
    pc, cpsr = reg("pc"), reg("cpsr")
    scr = None
    try:
        scr = int(gdb.parse_and_eval("$SCR")) & 0xffffffff
    except gdb.error:
        pass
    frame = gdb.selected_frame().name()
    s.check("ta_break", frame == "TA_InvokeCommandEntryPoint" and cpsr & 0x1f == MODE_USR and
            0x20100000 <= pc < 0x20700000 and (scr is None or scr & 1 == 0),
            "frame %s pc 0x%x cpsr 0x%x SCR %s" % (frame, pc, cpsr,
                                                  "?" if scr is None else "0x%x" % scr))
    pcs = [pc]
    for _ in range(3):
        cmd("stepi")
        pcs.append(reg("pc"))
    cpsr = reg("cpsr")
    s.check("ta_step", cpsr & 0x1f == MODE_USR and len(set(pcs)) > 1 and
            all(0x20100000 <= p < 0x20700000 for p in pcs),
            "pcs %s cpsr 0x%x" % (" ".join("0x%x" % p for p in pcs), cpsr))
    cmd("delete")
    exited = []
    gdb.events.exited.connect(lambda ev: exited.append(getattr(ev, "exit_code", None)))
    cont()
    s.check("ta_continue", exited == [0], "exit events %s (the payload exits 0 when all its "
            "cases passed)" % exited)


Session(CASES).run(body)
