# gdb tier, session "fastfault": a data abort inside a fast-call handler.
# Fast calls run in Monitor mode with the normal world's banked registers
# live, so the abort must not use the banked sp_abt (the payload's: 0). gdb
# makes fast_calls_uid store through a bad pointer (r0 = 0xdeadbee0 at its
# first store); the firmware must report it like any secure fault.
import os
import re
import sys
import gdb

sys.path.insert(0, os.environ["GDBT_DIR"])
from harness import Session, connect, load_payload_symbols, reg, addr_of, cmd, cont, secure_log, MODE_ABT

CASES = [
    ("fastcall_fault", "abort in a fast handler (Monitor mode, NS banked registers live) is "
                       "reported: mon mode, DFAR, sp_mon, backtrace from fast_calls_uid"),
]

BAD = 0xdeadbee0
FRAME = re.compile(r"^\s+#(\d+) 0x([0-9a-f]{8}) ([A-Za-z_][\w.]*)\+0x([0-9a-f]+)", re.M)


def body(s):
    connect()
    load_payload_symbols()
    func = addr_of("fast_calls_uid")
    store = None
    for line in cmd("x/16i 0x%x" % func).splitlines():
        m = re.search(r"(0x[0-9a-f]+) <fast_calls_uid\+\d+>:\s+(str|stm)", line)
        if m:
            store = int(m.group(1), 16)
            break
    cmd("break *0x%x" % store)
    cont()
    cmd("set var $r0 = 0x%x" % BAD)
    cmd("delete")
    cmd("break panic_halt")
    cont()
    report = secure_log()
    report = report[report.find("=== mintee fault report"):]
    frames = [m.group(3) for m in FRAME.finditer(report)]
    ctx = addr_of("sm_ctx[0]")
    sp = re.search(r" sp  0x([0-9a-f]{8})", report)
    sp = int(sp.group(1), 16) if sp else 0
    ok = (gdb.selected_frame().name() == "panic_halt" and reg("cpsr") & 0x1f == MODE_ABT
          and "data abort in Secure mon mode" in report and "DFAR 0x%08x" % BAD in report
          and ctx <= sp < addr_of("sm_ctx[0].frame") + 60
          and frames[:1] == ["fast_calls_uid"] and len(frames) >= 2)
    s.check("fastcall_fault", ok, "frames %s, sp 0x%x, report: %s" % (
        frames, sp, report[:300].replace("\n", " | ")))
    cmd("kill")


Session(CASES).run(body)
