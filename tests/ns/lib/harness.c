/* Test harness of the normal-world payloads: boot information, case
 * reporting, the C half of the exception vectors, SMC conveniences. */
#include "ns.h"
#include "optee_smc.h"

struct ns_info ns_info;
struct ns_fault ns_fault;

static unsigned n_passed, n_failed;

/* ---- case reporting --------------------------------------------------- */

void ns_pass(const char *id, const char *what)
{
	n_passed++;
	ns_printf("PASS %s: %s\n", id, what);
}

void ns_fail(const char *id, const char *what, const char *fmt, ...)
{
	char detail[256];
	va_list ap;
	va_start(ap, fmt);
	ns_vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	n_failed++;
	ns_printf("FAIL %s: %s (%s)\n", id, what, detail);
}

bool ns_case(const char *id, const char *what, bool ok, const char *fmt, ...)
{
	if (ok) {
		ns_pass(id, what);
		return true;
	}
	char detail[256];
	va_list ap;
	va_start(ap, fmt);
	ns_vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	ns_fail(id, what, "%s", detail);
	return false;
}

bool ns_expect_eq(const char *id, const char *what, uint32_t got, uint32_t exp)
{
	return ns_case(id, what, got == exp, "got 0x%08x, expected 0x%08x", got, exp);
}

bool ns_expect_regs(const char *id, const char *what, const struct smc_regs *r,
		    const uint32_t *exp, unsigned mask, const uint32_t *and_mask)
{
	char detail[256] = "";
	size_t len = 0;
	for (unsigned i = 0; i < 8; i++) {
		if (!(mask & (1u << i)))
			continue;
		uint32_t got = r->r[i];
		if (and_mask)
			got &= and_mask[i];
		if (got != exp[i] && len < sizeof(detail))
			len += (size_t)ns_snprintf(detail + len, sizeof(detail) - len, "%sa%u: got 0x%08x, expected 0x%08x",
					   len ? "; " : "", i, got, exp[i]);
	}
	return ns_case(id, what, len == 0, "%s", detail);
}

static const char *const bank_names[BANK_WORDS] = {
	"r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12",
	"sp_usr", "lr_usr",
	"sp_svc", "lr_svc", "spsr_svc",
	"sp_abt", "lr_abt", "spsr_abt",
	"sp_und", "lr_und", "spsr_und",
	"sp_irq", "lr_irq", "spsr_irq",
	"sp_fiq", "lr_fiq", "spsr_fiq",
	"r8_fiq", "r9_fiq", "r10_fiq", "r11_fiq", "r12_fiq",
	"cpsr",
};

const char *ns_bank_name(unsigned i)
{
	return i < BANK_WORDS ? bank_names[i] : "?";
}

/* SPSR patterns: only bits every ARMv7 SPSR keeps (NZCVQ, IT, GE, E, A, I,
 * F, T, M), one valid mode each. */
static const uint32_t spsr_patterns[5] = {
	0x800701d3u,  /* svc: N, GE=0111, A I F, SVC */
	0x400a0097u,  /* abt: Z, GE=1010, I, ABT */
	0x2005005bu,  /* und: C, GE=0101, F, UND */
	0x10030112u,  /* irq: V, GE=0011, A, IRQ */
	0x080c0211u,  /* fiq: Q, GE=1100, E, FIQ */
};

void ns_regs_fill(struct ns_regs_probe *p, uint32_t seed)
{
	uint32_t *w = (uint32_t *)&p->set;
	for (unsigned i = 0; i < BANK_WORDS; i++)
		w[i] = 0xa5000000u | (seed & 0xffu) << 16 | (i + 1) << 8 | ((i * 0x25u + seed) & 0xfcu);
	p->set.svc_spsr = spsr_patterns[0];
	p->set.abt_spsr = spsr_patterns[1];
	p->set.und_spsr = spsr_patterns[2];
	p->set.irq_spsr = spsr_patterns[3];
	p->set.fiq_spsr = spsr_patterns[4];
	/* Flags to hold across the smc: N, C, Q and GE=1001 (differs per seed). */
	p->set.cpsr = (seed & 1) ? 0xa8090000u : 0x58060000u;
	memset(&p->got, 0, sizeof(p->got));
	memset(p->res, 0, sizeof(p->res));
}

bool ns_expect_probe(const char *id, const char *what, const struct ns_regs_probe *p,
		     const uint32_t *exp_res, unsigned res_mask)
{
	char detail[256] = "";
	size_t len = 0;
	unsigned bad = 0;
	const uint32_t *set = (const uint32_t *)&p->set;
	const uint32_t *got = (const uint32_t *)&p->got;

	for (unsigned i = 0; i < 4; i++) {
		if ((res_mask & (1u << i)) && p->res[i] != exp_res[i]) {
			if (!bad)
				len = (size_t)ns_snprintf(detail, sizeof(detail), "r%u: got 0x%08x, expected 0x%08x",
						  i, p->res[i], exp_res[i]);
			bad++;
			ns_printf("  %s: r%u got 0x%08x expected 0x%08x\n", id, i, p->res[i], exp_res[i]);
		}
	}
	for (unsigned i = 0; i < BANK_WORDS; i++) {
		uint32_t exp = (i == BANK_CPSR / 4) ? p->cpsr_before : set[i];
		if (got[i] != exp) {
			if (!bad)
				len = (size_t)ns_snprintf(detail, sizeof(detail), "%s: got 0x%08x, expected 0x%08x",
						  ns_bank_name(i), got[i], exp);
			bad++;
			ns_printf("  %s: %s got 0x%08x expected 0x%08x\n", id, ns_bank_name(i), got[i], exp);
		}
	}
	if (bad > 1 && len < sizeof(detail))
		ns_snprintf(detail + len, sizeof(detail) - len, "; %u registers differ", bad);
	return ns_case(id, what, bad == 0, "%s", detail);
}

/* ---- SMC conveniences -------------------------------------------------- */

uint32_t smc4(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, struct smc_regs *out)
{
	struct smc_regs r = { { a0, a1, a2, a3, 0, 0, 0, 0 } };
	smc_call(&r);
	if (out)
		*out = r;
	return r.r[0];
}

const char *ns_shm_mode_name(enum ns_shm_mode m)
{
	switch (m) {
	case NS_SHM_DYNAMIC:
		return "dynamic";
	case NS_SHM_RESERVED:
		return "reserved";
	default:
		return "unknown";
	}
}

enum ns_shm_mode ns_firmware_shm_mode(void)
{
	struct smc_regs r;
	if (smc4(OPTEE_SMC_EXCHANGE_CAPABILITIES, 0, 0, 0, &r) != OPTEE_SMC_RETURN_OK)
		return NS_SHM_UNKNOWN;
	uint32_t shm = r.r[1] & (OPTEE_SMC_SEC_CAP_DYNAMIC_SHM | OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM);
	if (shm == OPTEE_SMC_SEC_CAP_DYNAMIC_SHM)
		return NS_SHM_DYNAMIC;
	if (shm == OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM)
		return NS_SHM_RESERVED;
	return NS_SHM_UNKNOWN;
}

enum ns_shm_mode ns_shm_mode(void)
{
	if (ns_info.expected_shm != NS_SHM_UNKNOWN)
		return ns_info.expected_shm;
	return ns_firmware_shm_mode();
}

/* ---- exceptions --------------------------------------------------------- */

void ns_expect_fault(void)
{
	ns_fault.taken = 0;
	ns_fault.type = 0;
	ns_fault.fsr = 0;
	ns_fault.far = 0;
	ns_fault.pc = 0;
	ns_fault.resume_pc = 0;
	__asm__ volatile("" ::: "memory");
	ns_fault.expect = 1;
	__asm__ volatile("" ::: "memory");
}

bool ns_fault_taken(void)
{
	__asm__ volatile("" ::: "memory");
	ns_fault.expect = 0;
	return ns_fault.taken != 0;
}

static const char *const exc_names[] = {
	"reset", "undefined instruction", "svc", "prefetch abort",
	"data abort", "hyp trap", "irq", "fiq",
};

static uint32_t read_dfsr(void) { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v)); return v; }
static uint32_t read_dfar(void) { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v)); return v; }
static uint32_t read_ifsr(void) { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v)); return v; }
static uint32_t read_ifar(void) { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(v)); return v; }

static bool is_arm_smc(uint32_t insn)
{
	return (insn & 0x0ffffff0u) == 0x01600070u;
}

void ns_exception(uint32_t type, struct ns_exc_frame *frame)
{
	uint32_t fsr = 0, far = 0;
	static bool smc_undef_noted;

	if (type == NS_EXC_DABT) {
		fsr = read_dfsr();
		far = read_dfar();
	} else if (type == NS_EXC_PABT) {
		fsr = read_ifsr();
		far = read_ifar();
	}

	bool thumb = (frame->spsr & NS_CPSR_T) != 0;

	if (ns_fault.expect && !thumb &&
	    (type == NS_EXC_DABT || type == NS_EXC_PABT || type == NS_EXC_UNDEF)) {
		ns_fault.expect = 0;
		ns_fault.taken = 1;
		ns_fault.type = type;
		ns_fault.fsr = fsr;
		ns_fault.far = far;
		ns_fault.pc = frame->pc;
		if (ns_fault.resume_pc)
			frame->pc = ns_fault.resume_pc;
		else
			frame->pc += 4;
		ns_fault.resume_pc = 0;
		return;
	}

	/* Without a secure monitor (runtime self-test on a plain virt machine)
	 * smc is UNDEFINED: make it "return" NS_SMC_UNDEFINED so every case
	 * still runs (and fails) instead of the payload dying. */
	if (type == NS_EXC_UNDEF && !thumb && is_arm_smc(*(volatile uint32_t *)frame->pc)) {
		if (!smc_undef_noted) {
			ns_printf("ns: note: smc at 0x%08x is UNDEFINED (no secure monitor?); "
				  "smc returns r0 = 0x%08x from now on\n", frame->pc, NS_SMC_UNDEFINED);
			smc_undef_noted = true;
		}
		frame->r[0] = NS_SMC_UNDEFINED;
		frame->pc += 4;
		return;
	}

	ns_printf("ns: FATAL: unexpected %s at pc 0x%08x, spsr 0x%08x",
		  type < NS_ARRAY_SIZE(exc_names) ? exc_names[type] : "exception", frame->pc, frame->spsr);
	if (type == NS_EXC_DABT || type == NS_EXC_PABT)
		ns_printf(", fsr 0x%08x, far 0x%08x", fsr, far);
	ns_printf("\n");
	for (unsigned i = 0; i < 13; i++)
		ns_printf("  r%u%s = 0x%08x%s", i, i < 10 ? " " : "", frame->r[i], (i % 4 == 3) ? "\n" : "");
	ns_printf("\n");
	ns_printf("%u passed, %u failed (aborted)\n", n_passed, n_failed + 1);
	ns_semihost_exit(SEMIHOST_EXIT_ERROR);
}

/* ---- boot ---------------------------------------------------------------- */

static uint32_t read_cells(const uint8_t *p, uint32_t cells)
{
	/* 32-bit view: the low word of a 2-cell number, unless the high word is set. */
	if (cells == 2)
		return fdt_be32(p) ? 0xffffffffu : fdt_be32(p + 4);
	return fdt_be32(p);
}

static void parse_dtb(uint32_t r2)
{
	const void *dtb = (const void *)r2;
	ns_info.bootargs = "";
	if (!fdt_valid(dtb)) {
		ns_printf("ns: no valid DTB at r2 = 0x%08x\n", r2);
		return;
	}
	ns_info.dtb = dtb;
	ns_info.cpus = fdt_count_children(dtb, "/cpus", "cpu@");
	if (ns_info.cpus < 0)
		ns_info.cpus = 0;

	uint32_t len, ac = 2, sc = 1;
	const uint8_t *v = fdt_getprop(dtb, "/", "#address-cells", &len);
	if (v && len == 4)
		ac = fdt_be32(v);
	v = fdt_getprop(dtb, "/", "#size-cells", &len);
	if (v && len == 4)
		sc = fdt_be32(v);
	v = fdt_getprop(dtb, "/memory", "reg", &len);
	if (v && (ac == 1 || ac == 2) && (sc == 1 || sc == 2) && len >= 4 * (ac + sc)) {
		uint32_t base = read_cells(v, ac);
		uint32_t size = read_cells(v + 4 * ac, sc);
		ns_info.ram_base = base;
		ns_info.ram_end = (size > 0xffffffffu - base) ? 0xffffffffu : base + size;
	}

	const char *args = fdt_getprop(dtb, "/chosen", "bootargs", &len);
	if (args && len > 0 && args[len - 1] == '\0')
		ns_info.bootargs = args;

	static const char key[] = "ns.shm=";
	for (const char *s = ns_info.bootargs; *s; s++) {
		if ((s == ns_info.bootargs || s[-1] == ' ') && strncmp(s, key, sizeof(key) - 1) == 0) {
			const char *m = s + sizeof(key) - 1;
			if (strncmp(m, "dynamic", 7) == 0 && (m[7] == ' ' || m[7] == '\0'))
				ns_info.expected_shm = NS_SHM_DYNAMIC;
			else if (strncmp(m, "reserved", 8) == 0 && (m[8] == ' ' || m[8] == '\0'))
				ns_info.expected_shm = NS_SHM_RESERVED;
		}
	}
}

__attribute__((weak)) bool ns_payload_wants_closing_check = true;

uint32_t main(uint32_t r0, uint32_t r1, uint32_t r2);
uint32_t main(uint32_t r0, uint32_t r1, uint32_t r2)
{
	(void)r0;
	(void)r1;
	parse_dtb(r2);
	ns_printf("ns: payload %s: dtb 0x%08x, %d cpus, ram 0x%08x-0x%08x, bootargs \"%s\"\n",
		  ns_payload_name, r2, ns_info.cpus, ns_info.ram_base, ns_info.ram_end, ns_info.bootargs);

	ns_payload_run();

	if (ns_payload_wants_closing_check) {
		/* The firmware must keep serving after everything the payload did. */
		char id[64];
		struct smc_regs r;
		static const uint32_t uid[4] = { OPTEE_MSG_UID_0, OPTEE_MSG_UID_1, OPTEE_MSG_UID_2, OPTEE_MSG_UID_3 };
		ns_snprintf(id, sizeof(id), "ns.%s.still_serving", ns_payload_name);
		smc4(OPTEE_SMC_CALLS_UID, 0, 0, 0, &r);
		ns_expect_regs(id, "CALLS_UID still answers after the payload's cases", &r, uid, 0xf, NULL);
	}

	ns_printf("%u passed, %u failed\n", n_passed, n_failed);
	return SEMIHOST_EXIT_OK;
}
