# Helpers for the gdb tier's sessions (tests/gdb/*_session.py), run inside
# gdb-multiarch -batch after tools/gdb/mintee.py. Settings come from the
# environment (tests/gdb/run.sh): GDBT_PORT, GDBT_PAYLOAD_ELF, GDBT_SEC_LOG.
#
# A session declares its cases up front; each is reported once as
#   PASS gdb.<name>: <what>      or      FAIL gdb.<name>: <what> (<why>)
# and a case the session never reached (it stopped on an error) is a FAIL.
import os
import time
import traceback
import gdb

UID = (0x384fb3e0, 0xe7f811e3, 0xaf630002, 0xa5d5c51b)
CALLS_UID = 0xBF00FF01
ENTRY_DONE = 0xBE000000
MODE_SVC, MODE_MON, MODE_ABT = 0x13, 0x16, 0x17


def pattern(n):
    """r4-r12 of the payload (tests/gdb/payload.S)."""
    return 0xf00d0000 | (n << 8) | n


class Session:
    def __init__(self, cases):
        self.cases = dict(cases)      # name -> what it checks
        self.order = [n for n, _ in cases]
        self.done = set()

    def check(self, name, ok, why=""):
        what = self.cases[name]
        if ok:
            print("PASS gdb.%s: %s" % (name, what))
        else:
            print("FAIL gdb.%s: %s (%s)" % (name, what, why or "check failed"))
        self.done.add(name)
        return ok

    def run(self, body):
        gdb.execute("set pagination off")
        gdb.execute("set confirm off")
        err = None
        try:
            body(self)
        except Exception as e:  # gdb.error, or a bug in the session
            err = "%s: %s" % (type(e).__name__, e)
            traceback.print_exc()
        for name in self.order:
            if name not in self.done:
                self.check(name, False, "not reached: " + (err or "session ended early"))


def connect():
    port = int(os.environ["GDBT_PORT"])
    last = None
    for _ in range(100):
        try:
            gdb.execute("target remote :%d" % port, to_string=True)
            return
        except gdb.error as e:
            last = e
            time.sleep(0.1)
    raise gdb.error("cannot connect to QEMU's gdbstub on port %d: %s" % (port, last))


def load_payload_symbols():
    gdb.execute("add-symbol-file %s" % os.environ["GDBT_PAYLOAD_ELF"], to_string=True)


def reg(name):
    return int(gdb.newest_frame().read_register(name)) & 0xffffffff


def mem(addr):
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(addr, 4)), "little")


def addr_of(sym):
    return int(gdb.parse_and_eval("(unsigned long)&%s" % sym)) & 0xffffffff


def cmd(text):
    return gdb.execute(text, to_string=True)


def cont():
    """continue; returns the gdb output (breakpoint lines of mintee.py included)."""
    return cmd("continue")


def stepi_until(target, limit):
    for n in range(limit):
        if reg("pc") == target:
            return n
        cmd("stepi")
    return None if reg("pc") != target else limit


def hexs(values):
    return " ".join("0x%08x" % v for v in values)


def secure_log():
    path = os.environ["GDBT_SEC_LOG"]
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace").replace("\r", "")
