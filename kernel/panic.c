/*
 * Panics and secure-world fault reports.
 *
 * A report is printed by the firmware itself on the secure console: what
 * happened and in which mode, the fault status and address, r0-r12, sp, lr,
 * pc and cpsr of the faulting mode, and a backtrace with function names.
 *
 * Names and unwind rules come from tables generated at link time
 * (tools/mksymtab.py, see the firmware link rule in the top Makefile): the
 * compiler's call-frame information says, for every code address, where the
 * caller's frame starts (CFA) and where lr and r4-r11 were saved. That is
 * exact for C at any optimisation level and needs no frame pointer. Assembly
 * routines carry no such information: a backtrace stops at the first one,
 * except when the fault itself is in one (then lr is taken as the return
 * address, which is right for leaf routines and marked "(lr)").
 *
 * The other CPUs: the first CPU to panic owns the console and reports. Any
 * other CPU parks (IRQ/FIQ/aborts masked, wfi loop) when it next comes into
 * the secure world: an SMC (panic_park_if_panicked() in sm_from_nsec and
 * sm_from_sec) or an exception to the secure vectors. A CPU running in the
 * normal world keeps running there until its next SMC, which then never
 * returns; a CPU waiting in the holding pen stays there.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <arm.h>
#include <console.h>
#include <panic.h>
#include <platform.h>

/* Layout of the tables emitted by tools/mksymtab.py. */
struct symtab_sym {
	uint32_t addr, size, name;
};

struct symtab_fde {
	uint32_t start, end;
	uint16_t first_row, nrows;
};

#define RULE_UNKNOWN  127
#define RULE_LR       8       /* rule[0..7] = r4..r11, rule[8] = lr */
struct symtab_row {
	uint32_t pc;
	uint16_t cfa_off;
	uint8_t cfa_reg;
	uint8_t pad;
	int8_t rule[12];
};

_Static_assert(sizeof(struct symtab_sym) == 12, "mksymtab.py layout");
_Static_assert(sizeof(struct symtab_fde) == 12, "mksymtab.py layout");
_Static_assert(sizeof(struct symtab_row) == 20, "mksymtab.py layout");
_Static_assert(offsetof(struct symtab_sym, addr) == 0 && offsetof(struct symtab_fde, start) == 0,
	       "count_at_or_below() reads the address in the first word");
_Static_assert(sizeof(struct fault_regs) == 17 * 4, "arch/arm/regs.S arch_save_regs");

/* Weak: the first of the two links has no tables. */
extern const uint32_t mintee_sym_count __attribute__((weak));
extern const struct symtab_sym mintee_syms[] __attribute__((weak));
extern const uint32_t mintee_fde_count __attribute__((weak));
extern const struct symtab_fde mintee_fdes[] __attribute__((weak));
extern const struct symtab_row mintee_unw_rows[] __attribute__((weak));
extern const char mintee_sym_names[] __attribute__((weak));
extern const uint8_t __text_start[], __text_end[];

#define BACKTRACE_MAX 16

enum fault_kind { FAULT_NONE, FAULT_DATA, FAULT_PREFETCH, FAULT_UNDEF };

/* 0: nobody panicked; else 1 + the CPU that reports. */
uint32_t panic_cpu;
/* Bit n: CPU n has parked because of it (for debuggers: p/x panic_parked). */
volatile uint32_t panic_parked;

static bool in_text(uint32_t a)
{
	return a >= (uint32_t)__text_start && a < (uint32_t)__text_end;
}

/*
 * Both tables are sorted by the address in their first word: the number of
 * entries whose address is <= addr, so the last of them is at the result - 1.
 */
static uint32_t count_at_or_below(const void *table, uint32_t n, size_t stride,
				  uint32_t addr)
{
	uint32_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (*(const uint32_t *)((const uint8_t *)table + mid * stride) <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const char *symtab_lookup(uint32_t addr, uint32_t *offset)
{
	uint32_t lo = count_at_or_below(mintee_syms, &mintee_sym_count ? mintee_sym_count : 0,
					sizeof(mintee_syms[0]), addr);
	const struct symtab_sym *s;

	if (!lo || !in_text(addr))
		return NULL;
	s = &mintee_syms[lo - 1];
	if (s->size && addr - s->addr >= s->size)
		return NULL;
	*offset = addr - s->addr;
	return mintee_sym_names + s->name;
}

static const struct symtab_row *unwind_row(uint32_t pc)
{
	uint32_t lo = count_at_or_below(mintee_fdes, &mintee_fde_count ? mintee_fde_count : 0,
					sizeof(mintee_fdes[0]), pc);
	const struct symtab_fde *f;
	const struct symtab_row *row;
	unsigned int i;

	if (!lo)
		return NULL;
	f = &mintee_fdes[lo - 1];
	if (pc >= f->end || !f->nrows)
		return NULL;
	row = &mintee_unw_rows[f->first_row];
	for (i = 1; i < f->nrows && row[i].pc <= pc; i++)
		;
	return &row[i - 1];
}

/* Frames live in secure RAM (stacks, thread stacks, monitor context). */
static bool stack_word_ok(uint32_t a)
{
	return !(a & 3) && a >= SECURE_RAM_BASE && a <= SECURE_RAM_BASE + SECURE_RAM_SIZE - 4;
}

/*
 * One step up the call chain. r[] = the frame's registers (r4-r11, sp, lr,
 * pc); lookup = the address whose rules apply (pc for the faulting frame, the
 * call instruction for callers). Returns false at the end of the chain.
 */
static bool unwind_step(uint32_t r[16], uint32_t lookup)
{
	const struct symtab_row *row = unwind_row(lookup);
	uint32_t n[16], cfa;
	unsigned int i;

	if (!row || row->cfa_reg > 15)
		return false;
	memcpy(n, r, sizeof(n));
	cfa = r[row->cfa_reg] + row->cfa_off;
	for (i = 0; i <= RULE_LR; i++) {
		unsigned int reg = i < RULE_LR ? 4 + i : 14;
		int rule = row->rule[i];
		uint32_t at;

		if (!rule)
			continue;
		if (rule == RULE_UNKNOWN) {
			if (reg == 14)
				return false;
			n[reg] = 0;
			continue;
		}
		at = cfa + 4 * rule;
		if (!stack_word_ok(at))
			return false;
		n[reg] = *(const volatile uint32_t *)at;
	}
	n[13] = cfa;
	n[15] = n[14] & ~1u;
	if (n[15] == r[15] && n[13] == r[13])
		return false;
	memcpy(r, n, sizeof(n));
	return true;
}

static const char *mode_name(uint32_t cpsr)
{
	switch (cpsr & CPSR_MODE_MASK) {
	case CPSR_MODE_USR: return "usr";
	case CPSR_MODE_FIQ: return "fiq";
	case CPSR_MODE_IRQ: return "irq";
	case CPSR_MODE_SVC: return "svc";
	case CPSR_MODE_MON: return "mon";
	case CPSR_MODE_ABT: return "abt";
	case 0x1a: return "hyp";
	case CPSR_MODE_UND: return "und";
	case CPSR_MODE_SYS: return "sys";
	default: return "???";
	}
}

static bool mode_is_valid(uint32_t mode)
{
	switch (mode) {
	case CPSR_MODE_USR: case CPSR_MODE_FIQ: case CPSR_MODE_IRQ: case CPSR_MODE_SVC:
	case CPSR_MODE_MON: case CPSR_MODE_ABT: case CPSR_MODE_UND: case CPSR_MODE_SYS:
		return true;
	default:
		return false;
	}
}

/* Short-descriptor and long-descriptor (LPAE, bit 9) fault status. */
static const char *fsr_text(uint32_t fsr)
{
	static const char *const lpae_levels[] = {
		"translation fault", "access flag fault", "permission fault",
	};
	uint32_t fs;

	if (fsr & (1u << 9)) {
		fs = fsr & 0x3f;
		if (fs >= 0x04 && fs <= 0x0f)
			return lpae_levels[(fs >> 2) - 1];
		switch (fs) {
		case 0x10: return "synchronous external abort";
		case 0x11: return "asynchronous external abort";
		case 0x18: return "synchronous parity error";
		case 0x21: return "alignment fault";
		case 0x22: return "debug event";
		case 0x30: return "TLB conflict abort";
		default:
			return (fs & 0x3c) == 0x14 ? "external abort on translation table walk" :
			       "unknown fault status";
		}
	}
	fs = (fsr & 0xf) | ((fsr >> 6) & 0x10);
	switch (fs) {
	case 0x01: return "alignment fault";
	case 0x02: return "debug event";
	case 0x03: return "access flag fault (section)";
	case 0x04: return "instruction cache maintenance fault";
	case 0x05: return "translation fault (section)";
	case 0x06: return "access flag fault (page)";
	case 0x07: return "translation fault (page)";
	case 0x08: return "synchronous external abort";
	case 0x09: return "domain fault (section)";
	case 0x0b: return "domain fault (page)";
	case 0x0c: return "external abort on translation table walk (first level)";
	case 0x0d: return "permission fault (section)";
	case 0x0e: return "external abort on translation table walk (second level)";
	case 0x0f: return "permission fault (page)";
	case 0x10: return "TLB conflict abort";
	case 0x16: return "asynchronous external abort";
	case 0x18: return "asynchronous parity error";
	case 0x19: return "synchronous parity error";
	case 0x1c: return "parity error on translation table walk (first level)";
	case 0x1e: return "parity error on translation table walk (second level)";
	default: return "unknown fault status";
	}
}

static void out(const char *fmt, ...)
{
	char line[112];
	va_list ap;

	va_start(ap, fmt);
	mt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	console_puts(line);
}

/* The CPU that reports ends here; gdb: break panic_halt. */
static void __attribute__((noinline, noreturn)) panic_halt(void)
{
	__asm__ volatile("cpsid aif" ::: "memory");
	for (;;)
		wfi();
}

void __attribute__((noreturn)) panic_park_cpu(void)
{
	__asm__ volatile("cpsid aif" ::: "memory");
	__atomic_fetch_or(&panic_parked, 1u << get_core_pos(), __ATOMIC_SEQ_CST);
	for (;;)
		wfi();
}


/*
 * Becomes the reporting CPU, or parks: another CPU already reports. A fault
 * while reporting (a bad frame, say) ends the report on the spot.
 */
static void panic_claim(void)
{
	uint32_t me = get_core_pos() + 1, prev = 0;

	/* ldrex/strex need the MMU on (Normal memory); before it, CPU 0 runs alone. */
	if (!(read_sctlr() & SCTLR_M)) {
		prev = panic_cpu;
		if (!prev)
			panic_cpu = me;
	} else {
		__atomic_compare_exchange_n(&panic_cpu, &prev, me, false,
					    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
	}
	if (!prev)
		return;
	if (prev == me) {
		console_puts("\n(fault inside the fault report: report ends here)\n");
		panic_halt();
	}
	panic_park_cpu();
}

static void print_backtrace(const struct fault_regs *regs, bool pc_is_return)
{
	uint32_t r[16], off, lookup;
	const char *name, *how = "";
	unsigned int depth;

	memcpy(r, regs->r, sizeof(regs->r));
	r[13] = regs->sp;
	r[14] = regs->lr;
	r[15] = regs->pc;
	out(" backtrace:\n");
	for (depth = 0; depth < BACKTRACE_MAX; depth++) {
		lookup = (depth || pc_is_return) ? r[15] - 4 : r[15];
		name = symtab_lookup(lookup, &off);
		if (name)
			out("  #%u 0x%08x %s+0x%x%s\n", depth, r[15], name, r[15] - lookup + off, how);
		else
			out("  #%u 0x%08x ??%s\n", depth, r[15], how);
		how = "";
		if (unwind_step(r, lookup)) {
			if (!r[15])
				break;	/* reset's lr: the bottom of the boot stack */
			continue;
		}
		/* The faulting frame has no unwind rules (assembly, or a bad pc):
		 * a leaf routine's caller is in lr. */
		if (depth || !in_text(r[14]) || regs->lr == regs->pc)
			break;
		r[15] = r[14] & ~1u;
		how = " (lr)";
	}
	if (depth == BACKTRACE_MAX)
		out("  ...\n");
}

static void report(const char *what, enum fault_kind kind, const struct fault_regs *regs,
		   bool pc_is_return)
{
	static const char *const names[13] = {
		"r0 ", "r1 ", "r2 ", "r3 ", "r4 ", "r5 ", "r6 ", "r7 ",
		"r8 ", "r9 ", "r10", "r11", "r12",
	};
	uint32_t cpsr = regs->cpsr, fsr, insn, i;

	out("\n=== mintee fault report (cpu%u) ===\n", get_core_pos());
	out("%s in Secure %s mode\n", what, mode_name(cpsr));
	switch (kind) {
	case FAULT_DATA:
		fsr = read_dfsr();
		out(" DFSR 0x%08x: %s, %s\n DFAR 0x%08x\n", fsr, fsr_text(fsr),
		    (fsr & (1u << 11)) ? "write" : "read", read_dfar());
		break;
	case FAULT_PREFETCH:
		fsr = read_ifsr();
		out(" IFSR 0x%08x: %s\n IFAR 0x%08x\n", fsr, fsr_text(fsr), read_ifar());
		break;
	case FAULT_UNDEF:
		insn = in_text(regs->pc) ? *(const uint32_t *)regs->pc : 0;
		out(" instruction 0x%08x\n", insn);
		break;
	default:
		break;
	}
	for (i = 0; i < 13; i++)
		out(" %s 0x%08x%s", names[i], regs->r[i], (i % 4 == 3) ? "\n" : "");
	out(" sp  0x%08x lr  0x%08x pc  0x%08x\n", regs->sp, regs->lr, regs->pc);
	out(" cpsr 0x%08x (%s, %s, masked:%s%s%s)\n", cpsr, mode_name(cpsr),
	    (cpsr & CPSR_T) ? "Thumb" : "ARM", (cpsr & CPSR_A) ? " A" : "",
	    (cpsr & CPSR_I) ? " I" : "", (cpsr & CPSR_F) ? " F" : "");
	print_backtrace(regs, pc_is_return);
	out(" other CPUs park on their next entry to the secure world\n");
	out("=== end of fault report ===\n");
}

/* sp/lr of the faulting mode, seen from the exception handler running in
 * `current` mode; frame_end = where the handler's frame ends (its sp before
 * the exception). */
static void fill_banked(struct fault_regs *regs, uint32_t current, uint32_t frame_end)
{
	uint32_t mode = regs->cpsr & CPSR_MODE_MASK, banked[2] = { 0, 0 };

	if (mode == current) {
		/* The exception clobbered this mode's lr. */
		regs->sp = frame_end;
		regs->lr = 0;
		return;
	}
	/* From Monitor mode with SCR.NS set, a mode switch would leave the
	 * secure world: no banked registers then. */
	if (mode_is_valid(mode) && !(current == CPSR_MODE_MON && (read_scr() & SCR_NS)))
		arch_read_banked_sp_lr(mode, banked);
	regs->sp = banked[0];
	regs->lr = banked[1];
}

static void __attribute__((noreturn)) fault(const char *what, enum fault_kind kind,
					    const uint32_t r[13], uint32_t pc, uint32_t cpsr,
					    uint32_t frame_end)
{
	struct fault_regs regs;

	panic_claim();
	memcpy(regs.r, r, sizeof(regs.r));
	regs.pc = pc;
	regs.cpsr = cpsr;
	fill_banked(&regs, read_cpsr() & CPSR_MODE_MASK, frame_end);
	report(what, kind, &regs, false);
	panic_halt();
}

void panic(const char *fmt, ...)
{
	struct fault_regs regs;
	char line[112];
	va_list ap;

	arch_save_regs(&regs);
	panic_claim();
	va_start(ap, fmt);
	mt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	out("\nPANIC (cpu%u): %s\n", get_core_pos(), line);
	report("panic", FAULT_NONE, &regs, true);
	panic_halt();
}

/* Monitor vectors (sm.c): regs starts a 15-word frame {r0-r12, pc, cpsr}. */
void panic_frame(const char *what, const uint32_t regs[13], uint32_t pc, uint32_t cpsr)
{
	enum fault_kind kind = FAULT_NONE;

	if (!strncmp(what, "data abort", 10))
		kind = FAULT_DATA;
	else if (!strncmp(what, "prefetch abort", 14))
		kind = FAULT_PREFETCH;
	fault(what, kind, regs, pc, cpsr, (uint32_t)regs + 15 * sizeof(uint32_t));
}

/* Secure exception vectors (thread/vectors_a32.S): frame = r0-r12, pc, cpsr. */
void panic_exception(uint32_t *frame, unsigned int kind)
{
	static const struct {
		const char *what;
		enum fault_kind kind;
	} k[] = {
		{ "unexpected exception", FAULT_NONE },
		{ "undefined instruction", FAULT_UNDEF },
		{ "unexpected svc", FAULT_NONE },
		{ "prefetch abort", FAULT_PREFETCH },
		{ "data abort", FAULT_DATA },
		{ "unexpected irq", FAULT_NONE },
		{ "unexpected fiq", FAULT_NONE },
	};

	if (kind >= sizeof(k) / sizeof(k[0]))
		kind = 0;
	fault(k[kind].what, k[kind].kind, frame, frame[13], frame[14], (uint32_t)&frame[15]);
}

#if CFG_TEST_FAULT
/*
 * Deliberate faults for the fault-report test (tests/gdb, gdb.fault_report),
 * a few calls deep so that the backtrace has frames to show:
 *   1  data abort: store to an unmapped secure address (Secure SVC)
 *   2  panic()
 *   3  prefetch abort: call to an unmapped address
 *   4  undefined instruction
 */
#define TEST_FAULT_ADDR 0xdeadbee0u

static void __attribute__((noinline)) test_fault_trigger(uint32_t seed)
{
	switch (CFG_TEST_FAULT) {
	case 2:
		panic("test fault: deliberate panic (seed 0x%x)", seed);
	case 3:
		((void (*)(uint32_t))(TEST_FAULT_ADDR & ~0xfffu))(seed);
		break;
	case 4:
		__asm__ volatile(".word 0xe7f000f0" ::: "memory");	/* udf #0 */
		break;
	default:
		*(volatile uint32_t *)TEST_FAULT_ADDR = seed;
		break;
	}
	__asm__ volatile("" ::: "memory");
}

/* Two plain levels between the hook and the fault: frames to unwind. */
static void __attribute__((noinline)) test_fault_inner(uint32_t seed)
{
	test_fault_trigger(seed ^ 0x5eed0000u);
	__asm__ volatile("" ::: "memory");	/* no tail calls: keep the frames */
}

static void __attribute__((noinline)) test_fault_outer(uint32_t seed)
{
	test_fault_inner(seed);
	__asm__ volatile("" ::: "memory");
}

void test_fault_point(void)
{
	log_msg("test: CFG_TEST_FAULT=%u: deliberate fault now", (unsigned int)CFG_TEST_FAULT);
	test_fault_outer(CFG_TEST_FAULT);
	__asm__ volatile("" ::: "memory");
}
#endif
