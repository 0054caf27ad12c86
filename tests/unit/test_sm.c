/*
 * The monitor's C half (sm/sm.c) and PSCI (sm/psci.c) on the host, with the
 * fake CPU of tests/unit/fake/arm.h: world switches and what they leave in
 * the frame and in CP15, the Spectre/PMU hygiene, the panic paths, PSCI
 * argument checks, the CPU state machine and the mailbox.
 */
#include <setjmp.h>
#include <string.h>
#include <sys/mman.h>
#include <optee_smc.h>
#include <core_mmu.h>
#include <panic.h>
#include <psci.h>
#include <sm.h>
#include <platform.h>
#include <stdbool.h>
#include <thread.h>
#include "fake_arch.h"
#include "fake_cpu.h"
#include "unit_test.h"

#define NS_BASE 0x40000000u
#define NS_SIZE 0x01000000u

/* ---- stand-ins for what the monitor calls -------------------------------- */

static jmp_buf escape;          /* noreturn fakes leave through here */
static const char *escaped;     /* ... saying which one */
static void __attribute__((noreturn)) leave(const char *what) { escaped = what; longjmp(escape, 1); }

uint32_t panic_cpu;
void panic(const char *fmt, ...) { (void)fmt; leave("panic"); }
void panic_frame(const char *what, const uint32_t regs[13], uint32_t pc, uint32_t cpsr)
{
	(void)what; (void)regs; (void)pc; (void)cpsr;
	leave("panic_frame");
}
void panic_park_cpu(void) { leave("park"); }
void platform_system_off(void) { leave("system_off"); }
void platform_system_reset(void) { leave("system_reset"); }
void sm_cpu_off_to_pen(unsigned int cpu) { (void)cpu; leave("off_to_pen"); }
void sm_vect_table(void) { }
void dcache_clean_range(void *va, size_t len) { (void)va; (void)len; }

/* The GIC's SGI pending state: hardware, cleared by reset. */
static bool sgi_pending[CFG_MAX_CPUS];
void gic_sgi_to_others(unsigned int id)
{
	(void)id;
	for (unsigned int i = 0; i < CFG_MAX_CPUS; i++)
		sgi_pending[i] |= i != fake_cpu;
}
bool gic_sgi_take(unsigned int id)
{
	bool was = sgi_pending[fake_cpu];

	(void)id;
	sgi_pending[fake_cpu] = false;
	return was;
}
void dcache_inv_range(void *va, size_t len) { (void)va; (void)len; }

/* The banked registers: one fake set per world, swapped by the routines. */
static struct sm_unbanked_regs live_ub;
static unsigned int ub_saves, ub_restores;
void sm_save_unbanked_regs(struct sm_unbanked_regs *ub) { *ub = live_ub; ub_saves++; }
void sm_restore_unbanked_regs(const struct sm_unbanked_regs *ub) { live_ub = *ub; ub_restores++; }

/* The trusted OS's fast handler: records the PMCR it ran with. */
static uint32_t fast_calls, fast_pmcr;
void thread_handle_fast_smc(struct thread_smc_args *a)
{
	fast_calls++;
	fast_pmcr = fake_pmcr;
	a->a0 = 0xf00d;
	a->a1 = a->a1 + 1;
}
unsigned int thread_get_count(void) { return 2; }
void thread_init(unsigned int n) { (void)n; }

/* ---- helpers -------------------------------------------------------------- */

static struct sm_frame *frame0(void) { return &sm_ctx[0].frame; }

/* An SMC from the normal world with r0 = fid, r1..r12 = 0x100 + n. */
static void ns_smc(uint32_t fid)
{
	struct sm_frame *f = frame0();

	for (unsigned int i = 0; i < 13; i++)
		f->r[i] = 0x100 + i;
	f->r[0] = fid;
	f->mon_lr = 0x42001000;
	f->mon_spsr = CPSR_MODE_SVC;
	sm_from_nsec(f);
}

static void reset_all(void)
{
	fake_cpu_reset();
	fake_log_clear();
	memset(sm_ctx, 0, sizeof(sm_ctx));
	memset(&live_ub, 0, sizeof(live_ub));
	panic_cpu = 0;
	fast_calls = 0;
	fake_pmcr = 0x410f3000;
	fake_sctlr = 0;
	escaped = NULL;
}

/* ---- sm.c ----------------------------------------------------------------- */

static void test_init_cpu(void)
{
	reset_all();
	fake_actlr = 0;
	fake_sder = 0xff;
	sm_init_cpu();
	UT_EQ(fake_mvbar, (uint32_t)(uintptr_t)sm_vect_table);
	UT_EQ(fake_nsacr, NSACR_CP10 | NSACR_CP11 | NSACR_NS_SMP);
	UT_EQ(fake_actlr & (ACTLR_SMP | ACTLR_A15_IBE), ACTLR_SMP | ACTLR_A15_IBE);
	UT_EQ(fake_sder, 0);
	UT_ASSERT(fake_pmcr & PMCR_DP);
	UT_EQ(fake_scr, SCR_SEC_VALUE);
}

static void test_fast_call(void)
{
	reset_all();
	fake_pmcr = 0x410f3001;		/* the normal world counts: E = 1, DP = 0 */
	ns_smc(OPTEE_SMC_CALLS_UID);
	UT_EQ(fast_calls, 1);
	UT_EQ(frame0()->r[0], 0xf00d);
	UT_EQ(frame0()->r[1], 0x102);
	UT_EQ(frame0()->r[12], 0x10c);
	UT_EQ(fast_pmcr, 0x410f3001 | PMCR_DP);	/* counting stopped while it ran */
	UT_EQ(fake_pmcr, 0x410f3001);		/* and the NS value is back */
	UT_EQ(ub_saves + ub_restores, 0);	/* no banked-register swap */
	UT_EQ(sm_ctx[0].nsec_saved, 0);
}

static void test_workaround_1(void)
{
	reset_all();
	ns_smc(SMCCC_ARCH_WORKAROUND_1);
	UT_EQ(frame0()->r[0], 0);
	UT_EQ(frame0()->r[1], 0x101);
	UT_EQ(fast_calls, 0);			/* answered by the monitor */
	UT_EQ(fake_pmcr, 0x410f3000);
}

static void test_psci_routed(void)
{
	reset_all();
	ns_smc(PSCI_VERSION);
	UT_EQ(frame0()->r[0], PSCI_VERSION_1_0);
	UT_EQ(fast_calls, 0);
	ns_smc(0xC4000003);			/* SMC64 CPU_ON: not PSCI here */
	UT_EQ(fast_calls, 1);
}

static void test_std_round_trip(void)
{
	struct sm_unbanked_regs ns_regs;
	struct sm_frame before;

	reset_all();
	sm_set_sec_entry_state(0x0e00f000);	/* captures the secure banked set */
	memset(&ns_regs, 0x5a, sizeof(ns_regs));
	live_ub = ns_regs;			/* the normal world's, live */
	fake_pmcr = 0x410f3001;
	ns_smc(OPTEE_SMC_CALL_WITH_ARG);
	before = sm_ctx[0].nsec_frame;
	UT_EQ(before.r[0], OPTEE_SMC_CALL_WITH_ARG);
	UT_EQ(before.mon_lr, 0x42001000);
	UT_EQ(frame0()->mon_lr, (uint32_t)(uintptr_t)thread_vector_table.std_smc);
	UT_EQ(frame0()->mon_spsr, CPSR_MODE_SVC | CPSR_A | CPSR_I | CPSR_F);
	UT_EQ(frame0()->r[1], 0x101);		/* the std entry's arguments */
	UT_EQ(fake_scr, SCR_SEC_VALUE);
	UT_EQ(sm_ctx[0].nsec_saved, 1);
	UT_EQ(live_ub.svc_sp, 0x0e00f000);	/* secure stacks installed */
	UT_ASSERT(fake_pmcr & PMCR_DP);		/* stays set while secure code runs */

	/* CALL_DONE from the secure side with results in r1-r4 */
	frame0()->r[0] = TEESMC_OPTEED_RETURN_CALL_DONE;
	frame0()->r[1] = 0xa0;
	frame0()->r[2] = 0xa1;
	frame0()->r[3] = 0xa2;
	frame0()->r[4] = 0xa3;
	frame0()->r[5] = 0xdead;
	sm_from_sec(frame0());
	UT_EQ(frame0()->r[0], 0xa0);
	UT_EQ(frame0()->r[3], 0xa3);
	UT_EQ(frame0()->r[4], 0x104);		/* r4-r12 are the caller's again */
	UT_EQ(frame0()->r[5], 0x105);
	UT_EQ(frame0()->mon_lr, 0x42001000);
	UT_EQ(frame0()->mon_spsr, CPSR_MODE_SVC);
	UT_ASSERT(!memcmp(&live_ub, &ns_regs, sizeof(ns_regs)));
	UT_EQ(fake_scr, SCR_NSEC_VALUE);
	UT_EQ(fake_pmcr, 0x410f3001);
	UT_EQ(sm_ctx[0].nsec_saved, 0);
}

static void test_sec_bad_calls(void)
{
	reset_all();
	frame0()->r[0] = TEESMC_OPTEED_RETURN_CALL_DONE;	/* nothing pending */
	if (!setjmp(escape))
		sm_from_sec(frame0());
	UT_ASSERT(escaped && !strcmp(escaped, "panic"));
	escaped = NULL;
	frame0()->r[0] = 0x12345678;
	if (!setjmp(escape))
		sm_from_sec(frame0());
	UT_ASSERT(escaped && !strcmp(escaped, "panic"));
}

static void test_entry_done(void)
{
	reset_all();
	fake_pmcr = 0x410f3021;			/* boot left E and DP set */
	sm_set_nsec_entry(0x42000000, CPSR_MODE_SVC | CPSR_I, 0, 0xffffffff, 0x43000000);
	frame0()->r[0] = TEESMC_OPTEED_RETURN_ENTRY_DONE;
	sm_from_sec(frame0());
	UT_EQ(frame0()->mon_lr, 0x42000000);
	UT_EQ(frame0()->r[0], 0);
	UT_EQ(frame0()->r[1], 0xffffffff);
	UT_EQ(frame0()->r[2], 0x43000000);
	UT_EQ(frame0()->r[3], 0);
	UT_EQ(fake_sctlr, SCTLR_NS_RESET_VALUE);	/* a fresh NS SCTLR */
	UT_EQ(fake_pmcr, 0x410f3000);		/* the PMU as at reset */
	UT_EQ(fake_scr, SCR_NSEC_VALUE);
}

static void test_parked_after_panic(void)
{
	reset_all();
	panic_cpu = 2;				/* cpu1 panicked */
	if (!setjmp(escape))
		ns_smc(OPTEE_SMC_CALLS_UID);
	UT_ASSERT(escaped && !strcmp(escaped, "park"));
	UT_EQ(fast_calls, 0);
	panic_cpu = 0;
}

/* ---- psci.c --------------------------------------------------------------- */

static uint32_t psci(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct thread_smc_args a = { fid, a1, a2, a3, 0, 0, 0, 0 };

	sm_psci_handler(&a);
	return a.a0;
}

static void test_psci_features(void)
{
	static const uint32_t yes[] = {
		PSCI_VERSION, PSCI_CPU_SUSPEND, PSCI_CPU_OFF, PSCI_CPU_ON, PSCI_AFFINITY_INFO,
		PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_FEATURES,
		SMCCC_VERSION, SMCCC_ARCH_FEATURES,
	};

	reset_all();
	for (unsigned int i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		UT_EQ(psci(PSCI_FEATURES, yes[i], 0, 0), PSCI_RET_SUCCESS);
	UT_EQ(psci(PSCI_FEATURES, 0x84000005, 0, 0), (uint32_t)PSCI_RET_NOT_SUPPORTED);
	UT_EQ(psci(PSCI_FEATURES, SMCCC_ARCH_WORKAROUND_1, 0, 0), (uint32_t)PSCI_RET_NOT_SUPPORTED);
	UT_EQ(psci(0x8400000e, 0, 0, 0), (uint32_t)PSCI_RET_NOT_SUPPORTED);
	UT_EQ(psci(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), PSCI_MIGRATE_TOS_NOT_PRESENT);
}

static void test_psci_cpu_on(void)
{
	uint32_t entry = 0, ctx = 0;

	reset_all();
	psci_init(2);
	fake_sev = 0;
	UT_EQ(psci(PSCI_CPU_ON, 2, NS_BASE, 0), (uint32_t)PSCI_RET_INVALID_PARAMETERS);
	UT_EQ(psci(PSCI_CPU_ON, 0x100, NS_BASE, 0), (uint32_t)PSCI_RET_INVALID_PARAMETERS);
	UT_EQ(psci(PSCI_CPU_ON, 1, 0x0e000000, 0), (uint32_t)PSCI_RET_INVALID_ADDRESS);
	UT_EQ(psci(PSCI_CPU_ON, 1, NS_BASE + NS_SIZE, 0), (uint32_t)PSCI_RET_INVALID_ADDRESS);
	UT_EQ(psci(PSCI_CPU_ON, 0, NS_BASE, 0), (uint32_t)PSCI_RET_ALREADY_ON);
	UT_EQ(psci(PSCI_AFFINITY_INFO, 1, 0, 0), PSCI_AFFINITY_OFF);
	UT_EQ(psci(PSCI_CPU_ON, 1, NS_BASE + 0x1001, 0xc0de), PSCI_RET_SUCCESS);	/* Thumb */
	UT_EQ(fake_sev, 1);
	UT_EQ(psci(PSCI_CPU_ON, 1, NS_BASE, 0), (uint32_t)PSCI_RET_ON_PENDING);
	UT_EQ(psci(PSCI_AFFINITY_INFO, 1, 0, 0), PSCI_AFFINITY_ON_PENDING);
	UT_EQ(psci(PSCI_AFFINITY_INFO, 1, 1, 0), (uint32_t)PSCI_RET_INVALID_PARAMETERS);
	fake_cpu = 1;
	psci_pen_wait(1, &entry, &ctx);		/* posted and the pen open: no wait */
	fake_cpu = 0;
	UT_EQ(entry, NS_BASE + 0x1001);
	UT_EQ(ctx, 0xc0de);
	psci_cpu_is_on(1);
	UT_EQ(psci(PSCI_AFFINITY_INFO, 1, 0, 0), PSCI_AFFINITY_ON);
	UT_EQ(psci(PSCI_CPU_ON, 1, NS_BASE, 0), (uint32_t)PSCI_RET_ALREADY_ON);
}

static void waited(const char *what) { leave(what); }

/* The pen after a (warm) reset: RAM, and so the mailbox, may hold a stale
 * entry; the secondary takes nothing before psci_init() has cleared the
 * mailboxes and sent the pen SGI. Then an entry is taken once. */
static bool pen_waits(unsigned int cpu, uint32_t *entry)
{
	uint32_t ctx;

	fake_wait_hook = waited;
	escaped = NULL;
	fake_cpu = cpu;
	if (!setjmp(escape))
		psci_pen_wait(cpu, entry, &ctx);
	fake_cpu = 0;
	fake_wait_hook = NULL;
	return escaped && !strcmp(escaped, "wfe");
}

static void test_psci_mailbox(void)
{
	uint32_t entry = 0;

	reset_all();
	memset(sgi_pending, 0, sizeof(sgi_pending));
	psci_init(2);
	UT_EQ(psci(PSCI_CPU_ON, 1, NS_BASE, 7), PSCI_RET_SUCCESS);	/* left from the last boot */
	memset(sgi_pending, 0, sizeof(sgi_pending));			/* reset: GIC clean, RAM not */
	UT_ASSERT(pen_waits(1, &entry));
	UT_EQ(entry, 0);
	psci_init(2);							/* primary: clean, open */
	UT_ASSERT(pen_waits(1, &entry));				/* nothing posted in this boot */
	UT_EQ(entry, 0);
	psci_init(2);
	UT_EQ(psci(PSCI_CPU_ON, 1, NS_BASE + 8, 9), PSCI_RET_SUCCESS);
	UT_ASSERT(!pen_waits(1, &entry));
	UT_EQ(entry, NS_BASE + 8);
	psci_cpu_is_on(1);
	/* CPU_OFF: back in the pen without a new SGI, taking the next CPU_ON */
	fake_cpu = 1;
	if (!setjmp(escape))
		psci(PSCI_CPU_OFF, 0, 0, 0);
	fake_cpu = 0;
	UT_ASSERT(escaped && !strcmp(escaped, "off_to_pen"));
	UT_EQ(psci(PSCI_CPU_ON, 1, NS_BASE + 16, 9), PSCI_RET_SUCCESS);
	UT_ASSERT(!pen_waits(1, &entry));
	UT_EQ(entry, NS_BASE + 16);
	UT_ASSERT(pen_waits(1, &entry));				/* taken once only */
}

static void test_psci_suspend_off(void)
{
	reset_all();
	psci_init(2);
	UT_EQ(psci(PSCI_CPU_SUSPEND, 1u << 16, 0, 0), (uint32_t)PSCI_RET_INVALID_PARAMETERS);
	UT_EQ(fake_wfi, 0);
	UT_EQ(psci(PSCI_CPU_SUSPEND, 0, 0, 0), PSCI_RET_SUCCESS);
	UT_EQ(fake_wfi, 1);
	fake_cpu = 1;
	psci_cpu_is_on(1);
	if (!setjmp(escape))
		psci(PSCI_CPU_OFF, 0, 0, 0);
	UT_ASSERT(escaped && !strcmp(escaped, "off_to_pen"));
	fake_cpu = 0;
	UT_EQ(psci(PSCI_AFFINITY_INFO, 1, 0, 0), PSCI_AFFINITY_OFF);
	escaped = NULL;
	if (!setjmp(escape))
		psci(PSCI_SYSTEM_OFF, 0, 0, 0);
	UT_ASSERT(escaped && !strcmp(escaped, "system_off"));
	escaped = NULL;
	if (!setjmp(escape))
		psci(PSCI_SYSTEM_RESET, 0, 0, 0);
	UT_ASSERT(escaped && !strcmp(escaped, "system_reset"));
}

int main(void)
{
	void *ram = mmap((void *)(uintptr_t)NS_BASE, NS_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (ram != (void *)(uintptr_t)NS_BASE) {
		printf("FAIL unit.sm.setup: cannot map the fake NS RAM at 0x%x\n", NS_BASE);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	core_ns_mem_init(NS_BASE, NS_SIZE);
	UT_RUN("sm", init_cpu, "sm_init_cpu: MVBAR, NSACR, ACTLR.SMP|IBE, SDER 0, PMCR.DP, SCR secure");
	UT_RUN("sm", fast_call, "fast call: handled in place, PMCR.DP while it runs, NS PMCR back, no register swap");
	UT_RUN("sm", workaround_1, "ARCH_WORKAROUND_1 answered 0 by the monitor itself");
	UT_RUN("sm", psci_routed, "SMC32 owner 4 goes to PSCI, SMC64 does not");
	UT_RUN("sm", std_round_trip, "yielding call: secure entry state, then CALL_DONE restores NS frame, regs, SCR, PMCR");
	UT_RUN("sm", sec_bad_calls, "CALL_DONE with nothing pending, unknown smc from secure: panic");
	UT_RUN("sm", entry_done, "ENTRY_DONE: prepared entry, NS SCTLR and PMCR as at reset");
	UT_RUN("sm", parked_after_panic, "after another CPU's panic an SMC parks the CPU before anything runs");
	UT_RUN("psci", psci_features, "PSCI_FEATURES: the nine functions and SMCCC_VERSION/ARCH_FEATURES, others NOT_SUPPORTED");
	UT_RUN("psci", psci_cpu_on, "CPU_ON: bad target/entry, ALREADY_ON, ON_PENDING, AFFINITY_INFO states, mailbox");
	UT_RUN("psci", psci_mailbox, "pen: no stale entry after reset before psci_init's SGI; CPU_OFF comes back without one; taken once");
	UT_RUN("psci", psci_suspend_off, "CPU_SUSPEND standby/power-down, CPU_OFF to the pen, SYSTEM_OFF/RESET");
	return UT_DONE();
}
