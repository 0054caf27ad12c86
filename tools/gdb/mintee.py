# mintee GDB helpers. Load with:  source tools/gdb/mintee.py  (make debug does).
#
#   world [all]              world (Secure/Normal) and CPU mode of this CPU (or all CPUs)
#   mintee-ns [CPU] [-a]     saved normal-world context of a CPU (sm_ctx[CPU]) and the
#                            live monitor frame while an SMC is being handled
#   mintee-threads           the secure thread pool and each thread's state
#   mintee-break-monitor     breakpoints on monitor entry (sm_smc_entry) and exits (rfeia)
#   mintee-break-vectors     breakpoints on every thread_vector_table entry
#   mintee-log [secure|ns] [N]  last N lines of a console log of this session
#   mintee-help              this list
#
# Pretty-printers for struct sm_frame and struct sm_unbanked_regs are
# registered too: `p sm_ctx[0].nsec_frame` shows registers in hex with the
# saved CPSR decoded.
#
# CPU numbering: QEMU's gdbstub shows CPU n as thread n+1 (`info threads`,
# `thread 2` selects CPU 1). Registers are always read from the innermost
# frame of the selected thread, whatever frame is selected.
import os
import gdb
import gdb.printing

MODES = {0x10: "usr", 0x11: "fiq", 0x12: "irq", 0x13: "svc", 0x16: "mon",
         0x17: "abt", 0x1a: "hyp", 0x1b: "und", 0x1f: "sys"}
MODE_MON = 0x16
MODE_SVC = 0x13
SCR_NS = 1
# Address ranges of the secure images (qemu-virt.md): secure flash (text,
# rodata) and secure RAM. Used only when SCR cannot be read.
SECURE_RANGES = ((0x00000000, 0x04000000), (0x0e000000, 0x0f000000))
SMC_NAMES = {
    0xBF00FF00: "CALLS_COUNT", 0xBF00FF01: "CALLS_UID", 0xBF00FF03: "CALLS_REVISION",
    0xB2000000: "GET_OS_UUID", 0xB2000001: "GET_OS_REVISION", 0xB2000007: "GET_SHM_CONFIG",
    0xB2000008: "L2CC_MUTEX", 0xB2000009: "EXCHANGE_CAPABILITIES",
    0xB200000A: "DISABLE_SHM_CACHE", 0xB200000B: "ENABLE_SHM_CACHE",
    0xB200000C: "BOOT_SECONDARY", 0xB200000F: "GET_THREAD_COUNT",
    0x32000003: "RETURN_FROM_RPC", 0x32000004: "CALL_WITH_ARG",
    0x32000012: "CALL_WITH_RPC_ARG", 0x32000013: "CALL_WITH_REGD_ARG",
    0xBE000000: "ENTRY_DONE (secure side)", 0xBE000005: "CALL_DONE (secure side)",
    0x80000000: "SMCCC_VERSION", 0x80000001: "SMCCC_ARCH_FEATURES",
    0x84000000: "PSCI_VERSION", 0x84000001: "PSCI_CPU_SUSPEND", 0x84000002: "PSCI_CPU_OFF",
    0x84000003: "PSCI_CPU_ON", 0x84000004: "PSCI_AFFINITY_INFO", 0x84000008: "PSCI_SYSTEM_OFF",
    0x84000009: "PSCI_SYSTEM_RESET", 0x8400000A: "PSCI_FEATURES",
}


def u32(v):
    return int(v) & 0xffffffff


def need_target():
    th = gdb.selected_thread()
    if th is None or not th.is_valid():
        raise gdb.GdbError("no target: start QEMU with its gdbstub and `target remote :PORT` "
                           "(make debug does both)")
    return th


def cpu_of(th):
    """QEMU's gdbstub: thread id = CPU index + 1 (ptid (pid, tid, 0))."""
    tid = th.ptid[1]
    return (tid if tid > 0 else th.num) - 1


def current_cpu():
    return cpu_of(need_target())


def reg(name):
    """A register of the selected CPU as it is now (innermost frame), or None."""
    need_target()
    try:
        return u32(gdb.newest_frame().read_register(name))
    except (gdb.error, ValueError):
        return None


def mode_name(cpsr):
    return MODES.get(cpsr & 0x1f, "0x%02x?" % (cpsr & 0x1f))


def cpsr_text(cpsr):
    masked = "".join(" " + b for b, bit in (("A", 8), ("I", 7), ("F", 6)) if cpsr & (1 << bit))
    return "%s, %s, masked:%s" % (mode_name(cpsr), "Thumb" if cpsr & 0x20 else "ARM",
                                  masked or " none")


def symbolize(addr):
    """'<func+off>' for an address, '' if no symbol covers it."""
    try:
        text = gdb.execute("info symbol 0x%x" % addr, to_string=True).strip()
    except gdb.error:
        return ""
    if text.startswith("No symbol"):
        return ""
    name = text.split(" in section")[0]
    if " + " in name and int(name.split(" + ")[1]) > 0x100000:
        return ""   # the nearest symbol is far away: not a function of this image
    return "<%s>" % name.replace(" + ", "+")


def symbol_address(name):
    """Address of a function or object, or None if this build has no such symbol."""
    try:
        return u32(gdb.parse_and_eval("&%s" % name).cast(gdb.lookup_type("unsigned long")))
    except gdb.error:
        return None


def mem_u32(addr):
    data = gdb.selected_inferior().read_memory(addr, 4)
    return int.from_bytes(bytes(data), "little")


def world_of(cpsr, scr, pc):
    """(world, how) of the CPU state: Monitor mode is always Secure; otherwise
    SCR.NS decides; without SCR, the pc's address range decides."""
    if cpsr & 0x1f == MODE_MON:
        return "Secure", "Monitor mode"
    if scr is not None:
        return ("Normal" if scr & SCR_NS else "Secure"), "SCR.NS"
    secure = any(lo <= pc < hi for lo, hi in SECURE_RANGES)
    return ("Secure" if secure else "Normal"), "pc range (SCR not readable)"


def cpu_is_secure():
    """Is the selected CPU in Secure state now (Monitor mode, or SCR.NS 0)?"""
    cpsr, scr, pc = reg("cpsr"), reg("SCR"), reg("pc")
    return world_of(cpsr, scr, pc)[0] == "Secure"


class SecureMemory:
    """Context for reading secure memory (sm_ctx, threads, stacks).

    QEMU's gdbstub reads memory with the security state of the CPU gdb has
    selected: while that CPU is in the normal world, secure RAM is not
    readable. Inside this context, if the selected CPU is Non-secure, another
    CPU that is in Secure state (one in the holding pen, or in the monitor)
    is selected for the reads, and the original one is selected again after.
    """

    def __enter__(self):
        self.orig = need_target()
        self.via = None
        if cpu_is_secure():
            return self
        for t in sorted(gdb.selected_inferior().threads(), key=lambda t: t.num):
            t.switch()
            if cpu_is_secure():
                self.via = cpu_of(t)
                return self
        self.orig.switch()
        return self

    def __exit__(self, kind, value, tb):
        self.orig.switch()
        if kind is not None and issubclass(kind, gdb.MemoryError) and self.via is None:
            raise gdb.GdbError(
                "%s: secure memory is not readable now: QEMU's gdbstub reads memory in the "
                "security state of the selected CPU, and every CPU is in the Normal world. "
                "Stop in the secure world (mintee-break-monitor, then continue) and retry." % value)
        return False

    def note(self):
        return "(secure memory read through cpu%d, which is in the Secure world)" % self.via \
            if self.via is not None else ""


def world_line(th):
    cpsr, scr, pc = reg("cpsr"), reg("SCR"), reg("pc")
    world, how = world_of(cpsr, scr, pc)
    line = "cpu%d: %s world, %s mode (cpsr 0x%08x: %s)" % (
        cpu_of(th), world, mode_name(cpsr), cpsr, cpsr_text(cpsr))
    if scr is None:
        line += "\n      SCR not readable through this gdbstub; world from the %s" % how
    else:
        line += "\n      SCR 0x%08x NS=%d" % (scr, scr & SCR_NS)
        if cpsr & 0x1f == MODE_MON:
            line += " (Monitor mode is Secure; NS=%d: the monitor returns to the %s world)" % (
                scr & SCR_NS, "Normal" if scr & SCR_NS else "Secure")
    line += "\n      pc 0x%08x %s" % (pc, symbolize(pc))
    return line


class World(gdb.Command):
    """Secure or Normal world, and the CPU mode, of the selected CPU.

Usage: world [all]
  all: every CPU (gdb thread n = CPU n-1).

Method: the mode is CPSR[4:0] (QEMU's gdbstub register cpsr). The world is
read from SCR.NS, which QEMU 7.2 exposes as the system register $SCR through
its gdbstub: Monitor mode is always Secure (SCR.NS then says where the
monitor will return); any other mode is Normal if SCR.NS = 1, else Secure.
Without $SCR (other QEMU versions) the world is guessed from the pc: secure
flash 0x00000000-0x03ffffff and secure RAM 0x0e000000-0x0effffff are
Secure, anything else Normal."""

    def __init__(self):
        super().__init__("world", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        th = need_target()
        if arg.strip() == "all":
            for t in sorted(gdb.selected_inferior().threads(), key=lambda t: t.num):
                t.switch()
                print(world_line(t))
            th.switch()
        elif arg.strip():
            raise gdb.GdbError("usage: world [all]")
        else:
            print(world_line(th))


# ---------------------------------------------------------------------------
# Saved normal-world context

def frame_lines(frame, indent="  "):
    r = [u32(frame["r"][i]) for i in range(13)]
    out = []
    for row in range(0, 13, 4):
        out.append(indent + " ".join("r%-2d 0x%08x" % (i, r[i]) for i in range(row, min(row + 4, 13))))
    lr, spsr = u32(frame["mon_lr"]), u32(frame["mon_spsr"])
    out.append(indent + "pc (mon_lr) 0x%08x %s" % (lr, symbolize(lr)))
    out.append(indent + "cpsr (mon_spsr) 0x%08x (%s)" % (spsr, cpsr_text(spsr)))
    return out


UB_GROUPS = (("usr/sys", ("usr_sp", "usr_lr"), None),
             ("svc", ("svc_sp", "svc_lr"), "svc_spsr"),
             ("abt", ("abt_sp", "abt_lr"), "abt_spsr"),
             ("und", ("und_sp", "und_lr"), "und_spsr"),
             ("irq", ("irq_sp", "irq_lr"), "irq_spsr"),
             ("fiq", ("fiq_sp", "fiq_lr"), "fiq_spsr"))


def ub_lines(ub, indent="  "):
    out = []
    for name, (sp, lr), spsr in UB_GROUPS:
        text = "%-7s sp 0x%08x lr 0x%08x" % (name, u32(ub[sp]), u32(ub[lr]))
        if spsr:
            text += " spsr 0x%08x" % u32(ub[spsr])
        out.append(indent + text)
    out.append(indent + "fiq r8-r12 " + " ".join("0x%08x" % u32(ub["fiq_r%d" % i]) for i in range(8, 13)))
    return out


class SmFramePrinter:
    def __init__(self, val):
        self.val = val

    def to_string(self):
        return "\n" + "\n".join(frame_lines(self.val))


class SmUnbankedPrinter:
    def __init__(self, val):
        self.val = val

    def to_string(self):
        return "\n" + "\n".join(ub_lines(self.val))


def build_printers():
    pp = gdb.printing.RegexpCollectionPrettyPrinter("mintee")
    pp.add_printer("sm_frame", "^sm_frame$", SmFramePrinter)
    pp.add_printer("sm_unbanked_regs", "^sm_unbanked_regs$", SmUnbankedPrinter)
    return pp


def live_frame_lines(ctx, cpu, regs):
    """The registers sm_smc_entry is saving or restoring right now, if any.
    regs = the CPU's cpsr, pc, sp, lr and SCR (None if not readable)."""
    cpsr, sp, scr = regs["cpsr"], regs["sp"], regs["SCR"]
    if cpsr & 0x1f != MODE_MON:
        return ["live monitor frame: none (cpu%d is not in Monitor mode)" % cpu]
    frame = ctx["frame"]
    base = u32(frame.address)
    end = base + frame.type.sizeof
    src = "?" if scr is None else ("Normal" if scr & SCR_NS else "Secure")
    head = "live monitor frame (sm_ctx[%d].frame @ 0x%08x), SMC from the %s world:" % (cpu, base, src)
    if sp == end:
        return [head, "  nothing pushed yet: r0-r12 and lr_mon (0x%08x %s) are live registers; "
                "spsr_mon is not readable through the gdbstub until srsdb stores it (stepi)"
                % (regs["lr"], symbolize(regs["lr"]))]
    if sp == end - 8:
        ret, spsr = mem_u32(sp), mem_u32(sp + 4)
        return [head, "  r0-r12 live in registers; return to 0x%08x %s, cpsr 0x%08x (%s)"
                % (ret, symbolize(ret), spsr, cpsr_text(spsr))]
    if base - 0x1000 < sp <= base:
        return [head] + frame_lines(frame, "  ")
    return ["live monitor frame: sp_mon 0x%08x is outside sm_ctx[%d]: not in the SMC path" % (sp, cpu)]


class MinteeNs(gdb.Command):
    """Saved normal-world context of a CPU.

Usage: mintee-ns [CPU] [-a]   (default: the selected CPU)
  -a: show nsec_frame/nsec_ub even when they hold no parked state

Prints sm_ctx[CPU]: nsec_saved, the NS frame (r0-r12, return pc and CPSR)
and banked registers (nsec_ub) that the monitor keeps while the secure world
runs a yielding call, then the live frame of the SMC being handled when the
CPU is in Monitor mode (sm_smc_entry's push area, sm_ctx[CPU].frame): before
srsdb the NS registers are still live, after it the return pc/CPSR are in
memory, after the push the whole frame is. Fast calls never fill nsec_frame:
their NS state is the live frame only."""

    def __init__(self):
        super().__init__("mintee-ns", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        cpu, show_all = current_cpu(), False
        for a in arg.split():
            if a in ("-a", "all"):
                show_all = True
            else:
                cpu = int(a, 0)
        live = cpu == current_cpu()
        if live:
            regs = {n: reg(n) for n in ("cpsr", "pc", "sp", "lr", "SCR")}
        out = []
        with SecureMemory() as view:
            try:
                ctx = gdb.parse_and_eval("sm_ctx")[cpu]
            except gdb.error as e:
                raise gdb.GdbError("no sm_ctx in the loaded symbols (%s)" % e)
            if live:
                out += live_frame_lines(ctx, cpu, regs)
            else:
                out.append("live monitor frame: select cpu%d (thread %d) to see it" % (cpu, cpu + 1))
            saved = u32(ctx["nsec_saved"])
            out.append("sm_ctx[%d] @ 0x%08x: nsec_saved = %d (%s)" % (
                cpu, u32(ctx.address), saved,
                "the normal world's state is parked here while the secure world runs" if saved else
                "none parked: the normal world's state is in the CPU or in the live frame"))
            if saved or show_all:
                out.append("nsec_frame:")
                out += frame_lines(ctx["nsec_frame"])
                out.append("nsec_ub (banked registers of the normal world):")
                out += ub_lines(ctx["nsec_ub"])
            else:
                out.append("  (nsec_frame and nsec_ub hold an old copy: mintee-ns -a shows it)")
            if view.note():
                out.append(view.note())
        print("\n".join(out))


# ---------------------------------------------------------------------------
# Thread pool

def lookup_static(name):
    try:
        sym = gdb.lookup_static_symbol(name)
    except (AttributeError, gdb.error):
        sym = None
    return sym.value() if sym else None


class MinteeThreads(gdb.Command):
    """The secure thread pool: every thread context and its state.

Usage: mintee-threads

Reads threads[] and thread_count (thread/thread_pool.c); prints "no thread
pool in this build" when they do not exist. For each thread: state, the CPU
running it (thread_current[]), its stack, and the call it serves (a0-a3).
A SUSPENDED thread waits in thread_rpc for RETURN_FROM_RPC with that id."""

    def __init__(self):
        super().__init__("mintee-threads", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        sym = gdb.lookup_global_symbol("threads")
        cnt = gdb.lookup_global_symbol("thread_count")
        if sym is None or cnt is None or sym.type.code != gdb.TYPE_CODE_ARRAY:
            print("no thread pool in this build")
            return
        with SecureMemory() as view:
            lines = self.listing(sym.value(), cnt.value())
            if view.note():
                lines.append(view.note())
        print("\n".join(lines))

    @staticmethod
    def listing(threads, cnt):
        out = []
        count = int(cnt)
        slots = threads.type.range()[1] + 1
        names = {}
        try:
            for f in gdb.lookup_type("enum thread_state").fields():
                names[f.enumval] = f.name.replace("THREAD_STATE_", "")
        except gdb.error:
            pass
        running = {}
        cur = lookup_static("thread_current")
        if cur is not None:
            for c in range(cur.type.range()[1] + 1):
                p = u32(cur[c])
                if p:
                    running[p] = c
        elem = threads.type.target().sizeof
        base = u32(threads.address)
        out.append("thread_count = %d (of %d slots)" % (count, slots))
        out.append(" id  state      cpu   stack_top   a0          a1          a2          a3")
        for i in range(min(count, slots)):
            t = threads[i]
            state = u32(t["state"])
            text = names.get(state, str(state))
            cpu = running.get(base + i * elem)
            line = " %-3d %-10s %-5s 0x%08x" % (i, text, "cpu%d" % cpu if cpu is not None else "-",
                                                 u32(t["stack_top"]))
            if text != "FREE":
                try:
                    a = t["args"]
                    line += "  " + "  ".join("0x%08x" % u32(a["a%d" % k]) for k in range(4))
                    fid = u32(a["a0"])
                    if fid in SMC_NAMES:
                        line += "  (%s)" % SMC_NAMES[fid]
                except gdb.error:
                    pass
            out.append(line)
            if text == "SUSPENDED":
                try:
                    out.append("     suspended in thread_rpc: saved sp 0x%08x, cpsr 0x%08x" % (
                        u32(t["saved_sp"]), u32(t["saved_cpsr"])))
                except gdb.error:
                    pass
        return out


# ---------------------------------------------------------------------------
# Breakpoints

class MonitorBreakpoint(gdb.Breakpoint):
    """Stops on monitor entry or exit and says which way the CPU is going."""

    def __init__(self, addr, kind):
        super().__init__("*0x%x" % addr, gdb.BP_BREAKPOINT)
        self.kind = kind

    def stop(self):
        th = gdb.selected_thread()
        cpu = cpu_of(th)
        scr = reg("SCR")
        if self.kind == "entry":
            r0 = reg("r0")
            src = "?" if scr is None else ("Normal" if scr & SCR_NS else "Secure")
            print("[mintee] cpu%d monitor entry: smc from the %s world, r0 0x%08x %s, returns to 0x%08x %s"
                  % (cpu, src, r0, SMC_NAMES.get(r0, ""), reg("lr"), symbolize(reg("lr"))))
        else:
            sp = reg("sp")
            ret, spsr = mem_u32(sp), mem_u32(sp + 4)
            dst = "?" if scr is None else ("Normal" if scr & SCR_NS else "Secure")
            print("[mintee] cpu%d monitor exit (rfeia): to the %s world, %s mode at 0x%08x %s; "
                  "r0-r3 0x%08x 0x%08x 0x%08x 0x%08x" % (
                      cpu, dst, mode_name(spsr), ret, symbolize(ret),
                      reg("r0"), reg("r1"), reg("r2"), reg("r3")))
        return True


class VectorBreakpoint(gdb.Breakpoint):
    def __init__(self, addr, label):
        super().__init__("*0x%x" % addr, gdb.BP_BREAKPOINT)
        self.label = label

    def stop(self):
        print("[mintee] cpu%d thread_vector_table.%s" % (cpu_of(gdb.selected_thread()), self.label))
        return True


_monitor_bps = []
_vector_bps = []


class FromElf:
    """Reads of read-only sections (code, rodata) come from the ELF file, not
    the target: they work whatever the CPU's world and MMU state."""

    def __enter__(self):
        self.trust = gdb.parameter("trust-readonly-sections")
        gdb.execute("set trust-readonly-sections on", to_string=True)

    def __exit__(self, *exc):
        gdb.execute("set trust-readonly-sections %s" % ("on" if self.trust else "off"),
                    to_string=True)
        return False


def monitor_exits(entry):
    """Addresses of the exception returns (rfe*, movs/subs pc) in sm_smc_entry,
    by disassembling the ELF from the entry to the first address that no
    longer belongs to sm_smc_entry."""
    arch = gdb.selected_inferior().architecture()
    exits, addr = [], entry
    with FromElf():
        for _ in range(256):
            if not symbolize(addr).startswith("<sm_smc_entry"):
                break
            insn = arch.disassemble(addr)[0]
            words = insn["asm"].split()
            if words and (words[0].startswith("rfe") or
                          (words[0] in ("movs", "subs") and words[1].startswith("pc"))):
                exits.append((addr, insn["asm"].split("\t")[0].strip()))
            addr += insn["length"]
    return exits


def delete_all(bps):
    for bp in bps:
        if bp.is_valid():
            bp.delete()
    del bps[:]


class BreakMonitor(gdb.Command):
    """Breakpoints on monitor entry and exit.

Usage: mintee-break-monitor [delete]

Sets a breakpoint on sm_smc_entry (every SMC, from either world) and on each
exception return (rfeia) of sm_smc_entry, found by disassembling it. Each
stop prints one [mintee] line: on entry the calling world, r0 with its SMC
name and the return address; on exit the world, mode and address the CPU is
about to return to and r0-r3. `stepi` on an rfeia lands on the caller's next
instruction; `stepi` on a normal-world `smc` lands on the monitor vector."""

    def __init__(self):
        super().__init__("mintee-break-monitor", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        delete_all(_monitor_bps)
        if arg.strip() == "delete":
            return
        entry = symbol_address("sm_smc_entry")
        if entry is None:
            raise gdb.GdbError("no sm_smc_entry in the loaded symbols")
        _monitor_bps.append(MonitorBreakpoint(entry, "entry"))
        exits = monitor_exits(entry)
        for addr, text in exits:
            _monitor_bps.append(MonitorBreakpoint(addr, "exit"))
        print("mintee: monitor entry 0x%08x <sm_smc_entry>, %d exit(s): %s" % (
            entry, len(exits), ", ".join("0x%08x %s (%s)" % (a, symbolize(a), t) for a, t in exits)))


class BreakVectors(gdb.Command):
    """Breakpoints on every entry of thread_vector_table.

Usage: mintee-break-vectors [delete]

Reads the table's function pointers from the ELF (read-only data: gdb is
told to trust the file's read-only sections while it reads them) and sets
one breakpoint per distinct function; entries sharing a handler share the
breakpoint. std_smc is entered by exception return into Secure SVC, the
others are called by the monitor in Monitor mode."""

    def __init__(self):
        super().__init__("mintee-break-vectors", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        delete_all(_vector_bps)
        if arg.strip() == "delete":
            return
        try:
            with FromElf():
                table = gdb.parse_and_eval("thread_vector_table")
                entries = [(f.name, u32(table[f.name].cast(gdb.lookup_type("unsigned long"))))
                           for f in table.type.strip_typedefs().fields()]
        except gdb.error as e:
            raise gdb.GdbError("no thread_vector_table in the loaded symbols (%s)" % e)
        by_addr = {}
        for name, addr in entries:
            by_addr.setdefault(addr, []).append(name)
        for addr, names in sorted(by_addr.items()):
            if addr:
                _vector_bps.append(VectorBreakpoint(addr, "/".join(names) + " " + symbolize(addr)))
        for name, addr in entries:
            print("  %-13s 0x%08x %s" % (name, addr, symbolize(addr)))
        print("mintee: %d entries, %d breakpoints" % (len(entries), len(_vector_bps)))


# ---------------------------------------------------------------------------
# Logs

class MinteeLog(gdb.Command):
    """Last lines of a console of this QEMU session.

Usage: mintee-log [secure|ns] [N]     (default: secure, 20 lines)

The secure console (serial1, the secure UART) and the normal-world console
(serial0) go to files; make debug names them in $MINTEE_SEC_LOG and
$MINTEE_NS_LOG (defaults: build/debug/secure.log, build/debug/ns.log)."""

    def __init__(self):
        super().__init__("mintee-log", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        which, n = "secure", 20
        for a in arg.split():
            if a in ("secure", "ns"):
                which = a
            else:
                n = int(a)
        env, default = (("MINTEE_SEC_LOG", "build/debug/secure.log") if which == "secure"
                        else ("MINTEE_NS_LOG", "build/debug/ns.log"))
        path = os.environ.get(env, default)
        try:
            with open(path, "rb") as f:
                lines = f.read().decode("utf-8", "replace").replace("\r", "").splitlines()
        except OSError as e:
            raise gdb.GdbError("%s log: %s" % (which, e))
        print("--- %s (%s), last %d lines" % (path, which, n))
        for line in lines[-n:]:
            print(line)


class MinteeTa(gdb.Command):
    """Load a user TA's symbols at its load address.

Usage: mintee-ta ELF [ADDRESS]

ELF is the TA's unstripped ELF (the dev kit's <uuid>.elf, or build/ta/*.elf,
not the .ta). ADDRESS defaults to where mintee maps every TA image
(TA_USER_LOAD_VA, 0x20100000: the secure log says "ta <uuid>: loaded at
0x20100000"). Every instance has the same addresses, in its own window: a
breakpoint on a TA function stops whichever CPU runs that code in Secure User
mode (check the UUID with the log if several TAs run)."""

    def __init__(self):
        super().__init__("mintee-ta", gdb.COMMAND_FILES, gdb.COMPLETE_FILENAME)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if not args or len(args) > 2:
            raise gdb.GdbError("usage: mintee-ta ELF [ADDRESS]")
        addr = int(args[1], 0) if len(args) == 2 else TA_USER_LOAD_VA
        if not os.path.isfile(args[0]):
            raise gdb.GdbError("mintee-ta: no such file: %s" % args[0])
        # The ELF is linked at 0 (a PIE): the offset is the load address.
        gdb.execute("add-symbol-file %s -o 0x%x" % (args[0], addr), from_tty=from_tty)


TA_USER_LOAD_VA = 0x20100000


class MinteeHelp(gdb.Command):
    """List the mintee GDB commands."""

    def __init__(self):
        super().__init__("mintee-help", gdb.COMMAND_SUPPORT)

    def invoke(self, arg, from_tty):
        print(HELP)


HELP = """mintee commands (help COMMAND for details):
  world [all]                  Secure/Normal world and CPU mode (SCR.NS, cpsr)
  mintee-ns [CPU] [-a]         saved NS context (sm_ctx[CPU]) and the live monitor frame
  mintee-threads               secure thread pool and states
  mintee-break-monitor         breakpoints: sm_smc_entry and its rfeia exits
  mintee-break-vectors         breakpoints: every thread_vector_table entry
  mintee-log [secure|ns] [N]   tail of a console log
  mintee-ta ELF [ADDRESS]      a user TA's symbols at its load address (0x20100000)
  p sm_ctx[0].nsec_frame       pretty-printed monitor frames / banked registers
CPU n is gdb thread n+1."""

World()
MinteeNs()
MinteeThreads()
BreakMonitor()
BreakVectors()
MinteeLog()
MinteeTa()
MinteeHelp()
gdb.printing.register_pretty_printer(None, build_printers(), replace=True)
