# gdb tier, session "park": what a CPU does when another one has panicked.
# gdb plays the other CPU: with the payload about to make its SMC, it sets
# panic_cpu as cpu1's panic() would; cpu0 must then park at its next entry
# to the monitor (sm_from_nsec -> panic_park_if_panicked) and never return.
import os
import sys
import gdb

sys.path.insert(0, os.environ["GDBT_DIR"])
from harness import Session, connect, load_payload_symbols, reg, addr_of, cmd, cont, MODE_MON

CASES = [
    ("panic_park", "after another CPU's panic, an SMC parks this CPU in the monitor "
                   "(panic_parked bit set, sm_from_nsec in the backtrace)"),
]


def body(s):
    connect()
    load_payload_symbols()
    cmd("break *0x%x" % addr_of("gdb_smc_calls_uid"))
    cont()
    # cpu0 is in the normal world now: write through cpu1 (Secure, holding pen).
    cmd("thread 2")
    cmd("set var panic_cpu = 2")
    cmd("thread 1")
    cmd("delete")
    cmd("break panic_park_cpu")
    cont()
    bt = cmd("bt")
    ok = gdb.selected_frame().name() == "panic_park_cpu" and reg("cpsr") & 0x1f == MODE_MON \
        and "sm_from_nsec" in bt
    # Run it into its wfi loop, then look at the flag.
    wfi = None
    for _ in range(40):
        if "wfi" in cmd("x/i $pc"):
            wfi = reg("pc")
            break
        cmd("stepi")
    parked = int(gdb.parse_and_eval("panic_parked"))
    s.check("panic_park", ok and wfi is not None and parked & 1 == 1,
            "frame %s, cpsr 0x%x, panic_parked 0x%x, bt: %s" % (
                gdb.selected_frame().name(), reg("cpsr"), parked, bt.strip().replace("\n", " | ")))
    cmd("kill")


Session(CASES).run(body)
