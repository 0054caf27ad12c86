# gdb tier, session "roundtrip": the normal firmware boots tests/gdb/payload.S,
# which makes one CALLS_UID; gdb follows that SMC from the normal world into
# the monitor, through sm_from_nsec into fast_calls_uid, and back.
import os
import re
import sys
import gdb

sys.path.insert(0, os.environ["GDBT_DIR"])
from harness import (Session, connect, load_payload_symbols, reg, mem, addr_of, cmd, cont,
                     stepi_until, hexs, pattern, UID, CALLS_UID, ENTRY_DONE, MODE_SVC, MODE_MON)

CASES = [
    ("attach", "QEMU paused at reset: pc 0, Secure SVC, SCR.NS 0 (world command agrees)"),
    ("break_monitor", "mintee-break-monitor: sm_smc_entry + every rfeia in it, found by disassembly"),
    ("break_vectors", "mintee-break-vectors: one breakpoint per distinct thread_vector_table function"),
    ("entry_done", "first monitor entry: ENTRY_DONE from the secure boot path (SCR.NS 0)"),
    ("exit_to_ns", "monitor exit to the payload: rfeia frame = 0x42000000, SVC, SCR.NS 1"),
    ("smc_entry_mode", "CALLS_UID stops in sm_smc_entry in Monitor mode (cpsr & 0x1f == 0x16)"),
    ("smc_entry_ns_state", "at entry: r0 CALLS_UID, lr_mon = gdb_after_smc, SCR.NS 1, r4-r12 patterns"),
    ("smc_entry_spsr", "after srsdb: saved spsr_mon is NS SVC, saved lr_mon = gdb_after_smc"),
    ("world_cmd", "world: Secure world, mon mode, NS=1"),
    ("ns_ctx_cmd", "mintee-ns: live frame from the Normal world returning to gdb_after_smc"),
    ("step_sm_from_nsec", "stepi from sm_smc_entry reaches sm_from_nsec (Monitor mode, r0 = frame)"),
    ("step_fast_handler", "stepi on reaches fast_calls_uid with a->a0 = CALLS_UID"),
    ("monitor_exit", "rfeia breakpoint: returns to gdb_after_smc in NS SVC with the UID in r0-r3"),
    ("return_to_ns", "break after the smc: Normal world SVC, r0-r3 = UID, r4-r12 unchanged"),
    ("threads_cmd", "mintee-threads from the normal world: thread_count threads, all FREE"),
    ("ns_exit", "the payload's own checks pass: semihosting exit status 0"),
]


def body(s):
    connect()
    load_payload_symbols()
    after = addr_of("gdb_after_smc")
    frame = addr_of("sm_ctx[0].frame")

    out = cmd("world")
    s.check("attach", reg("pc") == 0 and reg("cpsr") & 0x1f == MODE_SVC and reg("SCR") & 1 == 0
            and "Secure world, svc mode" in out, out.strip())

    out = cmd("mintee-break-monitor")
    entry = addr_of("sm_smc_entry")
    summary = [l for l in out.splitlines() if l.startswith("mintee: monitor entry")]
    exits = [int(a, 16) for a in re.findall(r"0x[0-9a-f]{8}", summary[0])][1:] if summary else []
    rfe_ok = exits and all("rfeia" in cmd("x/i 0x%x" % a) for a in exits)
    inside = all("sm_smc_entry" in cmd("info symbol 0x%x" % a) for a in exits)
    nbp = len([b for b in gdb.breakpoints() if b.location and b.location.startswith("*")])
    s.check("break_monitor", "0x%08x <sm_smc_entry>" % entry in out and len(exits) == 2 and rfe_ok
            and inside and nbp == 3, out.strip())

    out = cmd("mintee-break-vectors")
    lines = [l.split() for l in out.splitlines() if l.startswith("  ")]
    funcs = {l[1] for l in lines}
    s.check("break_vectors", len(lines) == 9 and len(gdb.breakpoints()) == 3 + len(funcs)
            and "std_smc" in out and "thread_std_smc_entry" in out
            and "fast_smc" in out and "thread_handle_fast_smc" in out, out.strip())
    cmd("mintee-break-vectors delete")

    out = cont()
    s.check("entry_done", reg("pc") == entry and reg("r0") == ENTRY_DONE and reg("SCR") & 1 == 0
            and reg("cpsr") & 0x1f == MODE_MON, "pc 0x%x r0 0x%x" % (reg("pc"), reg("r0")))

    out = cont()
    sp = reg("sp")
    s.check("exit_to_ns", reg("pc") in exits and mem(sp) == 0x42000000
            and mem(sp + 4) & 0x1f == MODE_SVC and reg("SCR") & 1 == 1,
            "pc 0x%x [sp] 0x%x 0x%x" % (reg("pc"), mem(sp), mem(sp + 4)))

    out = cont()
    s.check("smc_entry_mode", reg("pc") == entry and reg("cpsr") & 0x1f == MODE_MON,
            "pc 0x%x cpsr 0x%x" % (reg("pc"), reg("cpsr")))
    regs = [reg("r%d" % n) for n in range(4, 13)]
    s.check("smc_entry_ns_state", reg("r0") == CALLS_UID and reg("lr") == after and reg("SCR") & 1 == 1
            and regs == [pattern(n) for n in range(4, 13)],
            "r0 0x%x lr 0x%x SCR 0x%x r4-r12 %s" % (reg("r0"), reg("lr"), reg("SCR"), hexs(regs)))

    cmd("stepi")
    sp = reg("sp")
    s.check("smc_entry_spsr", mem(sp + 4) & 0x1f == MODE_SVC and mem(sp) == after,
            "[sp] 0x%x spsr 0x%x" % (mem(sp), mem(sp + 4)))

    out = cmd("world")
    s.check("world_cmd", "Secure world, mon mode" in out and "NS=1" in out, out.strip())

    out = cmd("mintee-ns")
    s.check("ns_ctx_cmd", "SMC from the Normal world" in out and
            "return to 0x%08x <gdb_after_smc>" % after in out, out.strip())

    n = stepi_until(addr_of("sm_from_nsec"), 32)
    s.check("step_sm_from_nsec", n is not None and reg("cpsr") & 0x1f == MODE_MON and reg("r0") == frame,
            "pc 0x%x r0 0x%x" % (reg("pc"), reg("r0")))

    n = stepi_until(addr_of("fast_calls_uid"), 500)
    name = gdb.selected_frame().name()
    s.check("step_fast_handler", n is not None and name == "fast_calls_uid"
            and mem(reg("r0")) == CALLS_UID and reg("cpsr") & 0x1f == MODE_MON,
            "pc 0x%x in %s" % (reg("pc"), name))

    out = cont()
    sp = reg("sp")
    got = [reg("r%d" % n) for n in range(4)]
    s.check("monitor_exit", reg("pc") in exits and mem(sp) == after and mem(sp + 4) & 0x1f == MODE_SVC
            and tuple(got) == UID and reg("SCR") & 1 == 1,
            "pc 0x%x [sp] 0x%x r0-r3 %s" % (reg("pc"), mem(sp), hexs(got)))

    cmd("break *0x%x" % after)
    cont()
    got = [reg("r%d" % n) for n in range(13)]
    s.check("return_to_ns", reg("pc") == after and reg("cpsr") & 0x1f == MODE_SVC and reg("SCR") & 1 == 1
            and tuple(got[:4]) == UID and got[4:] == [pattern(n) for n in range(4, 13)],
            "pc 0x%x cpsr 0x%x r0-r12 %s" % (reg("pc"), reg("cpsr"), hexs(got)))

    out = cmd("mintee-threads")
    if "no thread pool in this build" in out:
        ok = True
    else:
        # cpu0 is in the normal world: the command reads secure RAM through
        # cpu1, which waits in the holding pen (Secure).
        m = re.search(r"thread_count = (\d+)", out)
        count = int(m.group(1)) if m else -1
        rows = [l for l in out.splitlines() if l.strip() and l.split()[0].isdigit()]
        ok = count > 0 and len(rows) == count and all(r.split()[1] == "FREE" for r in rows) \
            and "read through cpu1" in out
    s.check("threads_cmd", ok, out.strip())

    cmd("delete")
    exited = []
    gdb.events.exited.connect(lambda ev: exited.append(getattr(ev, "exit_code", None)))
    try:
        cont()
    except gdb.error:
        pass
    s.check("ns_exit", exited == [0], "exit events %s" % exited)


Session(CASES).run(body)
