/* Payload "stdcall": RPC round trips, resume errors, thread exhaustion,
 * foreign interrupts, calls from two CPUs, and the final leak check. */
#include "stdcall.h"

static struct optee_msg_arg *rpc_arg(unsigned slot, uint32_t session)
{
	struct optee_msg_arg *a = sc_arg(slot, OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
	a->session = session;
	a->func = 3;	/* RPC: GET_TIME from the normal world */
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0x3c3c);
	return a;
}

static const char *time_detail(const struct optee_msg_arg *a, const struct sc_rpc *rpc)
{
	if (a->params[0].u.value.a != SC_TIME_S || a->params[0].u.value.b != SC_TIME_NS)
		return SC_DETAIL("p0 = (%u, %u), expected (%u, %u)", (uint32_t)a->params[0].u.value.a,
				 (uint32_t)a->params[0].u.value.b, SC_TIME_S, SC_TIME_NS);
	if (strcmp(rpc->order, "ACF"))
		return SC_DETAIL("RPC sequence \"%s\", expected \"ACF\" (ALLOC, CMD, FREE)", rpc->order);
	if (rpc->alloc_size < OPTEE_MSG_GET_ARG_SIZE(1) || rpc->alloc_size > SC_PAGE)
		return SC_DETAIL("ALLOC asked for %u bytes, expected 64..4096", rpc->alloc_size);
	return NULL;
}

static void rpc_cases(void)
{
	uint32_t s = sc_test_session();
	struct sc_rpc rpc;

	memset(&rpc, 0, sizeof(rpc));
	struct optee_msg_arg *a = rpc_arg(0, s);
	uint32_t a0 = sc_call(a, &rpc);
	sc_expect_call("ns.stdcall.rpc.get_time",
		       "test cmd 3: RPC ALLOC, CMD GET_TIME, FREE, once each in that order; p0 = the time served (1234 s, 5678 ns)",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, time_detail(a, &rpc));
	ns_case("ns.stdcall.rpc.buffers_returned", "every RPC buffer the firmware ALLOCated it FREEd, with the same cookie",
		sc_rpcbufs_in_use() == 0, "%u still handed out", sc_rpcbufs_in_use());

	memset(&rpc, 0, sizeof(rpc));
	rpc.alloc_answer = SC_ALLOC_NULL;
	a = rpc_arg(0, s);
	a0 = sc_call(a, &rpc);
	sc_expect_call("ns.stdcall.rpc.alloc_null", "an RPC ALLOC answered with PA 0 makes test cmd 3 return OUT_OF_MEMORY, no CMD",
		       a0, a, TEE_ERROR_OUT_OF_MEMORY, SC_ANY,
		       strcmp(rpc.order, "A") ? SC_DETAIL("RPC sequence \"%s\", expected \"A\"", rpc.order) : NULL);

	memset(&rpc, 0, sizeof(rpc));
	rpc.alloc_answer = SC_ALLOC_SECURE;
	a = rpc_arg(0, s);
	a0 = sc_call(a, &rpc);
	sc_expect_call("ns.stdcall.rpc.alloc_secure",
		       "an RPC ALLOC answered with secure RAM (0x0e000000) returns COMMUNICATION, issues no CMD and FREEs the cookie it got",
		       a0, a, TEE_ERROR_COMMUNICATION, SC_ANY,
		       strcmp(rpc.order, "AF") ? SC_DETAIL("RPC sequence \"%s\", expected \"AF\"", rpc.order) : NULL);
	sc_rpcbufs_drop();

	memset(&rpc, 0, sizeof(rpc));
	rpc.cmd_ret = TEE_ERROR_NOT_SUPPORTED;
	a = rpc_arg(0, s);
	a0 = sc_call(a, &rpc);
	sc_expect_call("ns.stdcall.rpc.cmd_error",
		       "GET_TIME answered with ret NOT_SUPPORTED: test cmd 3 returns NOT_SUPPORTED, the buffer is still FREEd (ACF)",
		       a0, a, TEE_ERROR_NOT_SUPPORTED, SC_ANY,
		       strcmp(rpc.order, "ACF") ? SC_DETAIL("RPC sequence \"%s\", expected \"ACF\"", rpc.order) : NULL);

	memset(&rpc, 0, sizeof(rpc));
	a = rpc_arg(0, s);
	a0 = sc_call(a, &rpc);
	sc_expect_call("ns.stdcall.rpc.get_time_again", "after the refused ALLOC answers, test cmd 3 works again", a0, a,
		       TEE_SUCCESS, SC_ORIGIN_TEE, time_detail(a, &rpc));
}

static void resume_cases(void)
{
	uint32_t s = 0, ret = sc_open(2, sc_uuid_test, &s);
	struct sc_rpc rpc;
	struct smc_regs r, b;

	if (ret)
		ns_printf("stdcall: OPEN of a second test session failed: 0x%08x\n", ret);

	memset(&rpc, 0, sizeof(rpc));
	memset(&r, 0, sizeof(r));
	struct optee_msg_arg *a = rpc_arg(3, s);
	uint32_t a0 = sc_start(a, &r);
	uint32_t t = r.r[3];
	bool at_alloc = a0 == (OPTEE_SMC_RETURN_RPC_PREFIX | OPTEE_SMC_RPC_FUNC_ALLOC);
	ns_case("ns.stdcall.resume.call_suspends", "test cmd 3 returns RPC ALLOC (0xffff0000) with a1 = size, a3 = a thread id < thread count",
		at_alloc && t < sc_thread_count, "a0 0x%08x a1 %u a3 %u", a0, r.r[1], t);
	if (!at_alloc) {
		sc_close(2, s);
		return;
	}

	b = (struct smc_regs){ { OPTEE_SMC_RETURN_FROM_RPC, 0, 0, 77, 0, 0, 0, 0 } };
	smc_call(&b);
	ns_expect_eq("ns.stdcall.resume.bad_thread_id", "RETURN_FROM_RPC with a3 = 77 (no such thread) returns ERESUME (3)",
		     b.r[0], OPTEE_SMC_RETURN_ERESUME);

	if (sc_thread_count >= 2) {
		uint32_t other = t == 0 ? 1 : 0;
		b = (struct smc_regs){ { OPTEE_SMC_RETURN_FROM_RPC, 0, 0, other, 0, 0, 0, 0 } };
		smc_call(&b);
		ns_case("ns.stdcall.resume.free_thread",
			"RETURN_FROM_RPC for a valid thread id that is not suspended (free) returns ERESUME (3)",
			b.r[0] == OPTEE_SMC_RETURN_ERESUME, "thread %u: a0 0x%08x", other, b.r[0]);
	}

	ret = sc_close(2, s);
	ns_case("ns.stdcall.resume.close_busy_session",
		"CLOSE_SESSION of a session whose invoke is suspended in an RPC returns 0 (the close takes effect when the invoke ends)",
		ret == 0, "ret 0x%08x", ret);

	a0 = sc_continue(&r, &rpc);
	ns_case("ns.stdcall.resume.after_bad_resumes", "the suspended call, resumed properly afterwards, completes with the time",
		a0 == 0 && a->ret == 0 && !rpc.err[0] && !time_detail(a, &rpc), "a0 0x%08x ret 0x%08x %s %s", a0, a->ret,
		rpc.err, a0 == 0 && a->ret == 0 ? (time_detail(a, &rpc) ? sc_detail : "") : "");

	b = (struct smc_regs){ { OPTEE_SMC_RETURN_FROM_RPC, 0, 0, t, 0, 0, 0, 0 } };
	smc_call(&b);
	ns_expect_eq("ns.stdcall.resume.finished_thread", "RETURN_FROM_RPC for the thread whose call just ended returns ERESUME (3)",
		     b.r[0], OPTEE_SMC_RETURN_ERESUME);
	ret = sc_close(2, s);
	ns_case("ns.stdcall.resume.closed_after", "once that invoke ended the session is gone: a second CLOSE_SESSION returns BAD_PARAMETERS",
		ret == TEE_ERROR_BAD_PARAMETERS, "ret 0x%08x", ret);
}

void sc_rpc_cases(void)
{
	rpc_cases();
	resume_cases();
}

/* ---- thread exhaustion ------------------------------------------------------- */

#define MAX_T 8

void sc_thread_cases(void)
{
	uint32_t s = sc_test_session(), n = sc_thread_count;
	static struct smc_regs r[MAX_T];
	static struct sc_rpc rpc[MAX_T];
	struct optee_msg_arg *a[MAX_T];
	char bad[120] = "";

	if (n < 1 || n > MAX_T) {
		ns_fail("ns.stdcall.threads.all_suspended", "N = GET_THREAD_COUNT calls all suspend at RPC ALLOC",
			"thread count %u not in 1..%u", n, MAX_T);
		return;
	}
	uint32_t seen = 0;
	for (uint32_t i = 0; i < n; i++) {
		memset(&rpc[i], 0, sizeof(rpc[i]));
		memset(&r[i], 0, sizeof(r[i]));
		a[i] = rpc_arg(4 + i, s);
		uint32_t a0 = sc_start(a[i], &r[i]);
		if (a0 != (OPTEE_SMC_RETURN_RPC_PREFIX | OPTEE_SMC_RPC_FUNC_ALLOC) && !bad[0])
			ns_snprintf(bad, sizeof(bad), "call %u: a0 0x%08x, expected RPC ALLOC", i, a0);
		else if ((r[i].r[3] >= 32 || (seen & (1u << r[i].r[3]))) && !bad[0])
			ns_snprintf(bad, sizeof(bad), "call %u: thread id %u repeated or out of range", i, r[i].r[3]);
		else if (r[i].r[3] < 32)
			seen |= 1u << r[i].r[3];
	}
	bool all = !bad[0];
	ns_case("ns.stdcall.threads.all_suspended",
		"N = GET_THREAD_COUNT calls of test cmd 3 all stop at RPC ALLOC, each with its own thread id", all, "N = %u: %s",
		n, bad);

	struct optee_msg_arg *x = rpc_arg(12, s);
	struct smc_regs e = { { OPTEE_SMC_CALL_WITH_ARG, 0, sc_pa(x), 0, 0x44444444u, 0x55555555u, 0x66666666u,
				0x77777777u } };
	struct smc_regs want = e;
	smc_call(&e);
	want.r[0] = OPTEE_SMC_RETURN_ETHREAD_LIMIT;
	if (all)
		ns_expect_regs("ns.stdcall.threads.limit",
			       "with N calls suspended, call N+1 returns ETHREAD_LIMIT (1) with a1-a3 and r4-r7 unchanged",
			       &e, want.r, 0xff, NULL);
	else
		ns_fail("ns.stdcall.threads.limit", "with N calls suspended, call N+1 returns ETHREAD_LIMIT (1)",
			"not all N calls suspended (a0 of call N+1 0x%08x)", e.r[0]);
	ns_case("ns.stdcall.threads.limit_untouched", "the refused call's arg is left alone (ret not written)",
		x->ret == SC_BAD_RET, "ret 0x%08x", x->ret);
	if (OPTEE_SMC_RETURN_IS_RPC(e.r[0])) {	/* it did get a thread: finish it */
		struct sc_rpc tmp;
		memset(&tmp, 0, sizeof(tmp));
		sc_continue(&e, &tmp);
	}

	/* An unknown yielding id is refused before a thread is taken. */
	struct smc_regs u = { { 0x32000099u, 0x11111111u, 0x22222222u, 0x33333333u, 0x44444444u, 0x55555555u,
				0x66666666u, 0x77777777u } };
	want = u;
	want.r[0] = OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
	smc_call(&u);
	if (all)
		ns_expect_regs("ns.stdcall.threads.unknown_id_when_full",
			       "with N calls suspended, the unknown yielding id 0x32000099 returns UNKNOWN_FUNCTION (not ETHREAD_LIMIT), a1-a7 unchanged",
			       &u, want.r, 0xff, NULL);
	else
		ns_fail("ns.stdcall.threads.unknown_id_when_full",
			"with N calls suspended, an unknown yielding id returns UNKNOWN_FUNCTION", "not all N calls suspended");

	/* Resume in reverse order: threads need not finish LIFO or FIFO. */
	bad[0] = '\0';
	for (uint32_t k = n; k-- > 0;) {
		if (!OPTEE_SMC_RETURN_IS_RPC(r[k].r[0]))
			continue;
		uint32_t a0 = sc_continue(&r[k], &rpc[k]);
		const char *d = a0 == 0 && a[k]->ret == 0 ? time_detail(a[k], &rpc[k]) : NULL;
		if (bad[0])
			continue;
		if (a0 || a[k]->ret)
			ns_snprintf(bad, sizeof(bad), "call %u: a0 0x%08x ret 0x%08x", k, a0, a[k]->ret);
		else if (rpc[k].err[0])
			ns_snprintf(bad, sizeof(bad), "call %u: %s", k, rpc[k].err);
		else if (d)
			ns_snprintf(bad, sizeof(bad), "call %u: %s", k, d);
	}
	ns_case("ns.stdcall.threads.resume_all", "the N suspended calls, resumed in reverse order, all complete with the time",
		!bad[0], "%s", bad);

	memset(&rpc[0], 0, sizeof(rpc[0]));
	uint32_t a0 = sc_call(x, &rpc[0]);
	ns_case("ns.stdcall.threads.works_again", "after they finished, the refused call issued again completes",
		a0 == 0 && x->ret == 0 && !time_detail(x, &rpc[0]), "a0 0x%08x ret 0x%08x %s", a0, x->ret, rpc[0].err);
}

/* ---- foreign interrupts ------------------------------------------------------ */

#define GICD_BASE        0x08000000u
#define GICC_BASE        0x08010000u
#define GICD_CTLR        0x000
#define GICD_ISENABLER0  0x100
#define GICD_ICENABLER0  0x180
#define GICD_IPRIORITYR  0x400
#define GICC_CTLR        0x000
#define GICC_IAR         0x00c
#define GICC_EOIR        0x010
#define VTIMER_ID        27u

static inline void mmio_w(uint32_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint32_t mmio_r(uint32_t a) { return *(volatile uint32_t *)a; }

static uint32_t cntfrq(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
	return v ? v : 62500000u;
}

static void vtimer_ctl(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" : : "r"(v) : "memory");
}

static uint32_t vtimer_ctl_read(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c14, c3, 1" : "=r"(v));
	return v;
}

static void vtimer_arm(uint32_t ticks)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 0\n\tisb" : : "r"(ticks) : "memory");
	vtimer_ctl(1);	/* ENABLE, not masked */
}

/* FOREIGN_INTR hook: the interrupt is pending for us (IRQs stay masked in
 * CPSR): acknowledge it, silence the timer, end it. */
static void foreign_hook(struct sc_rpc *rpc)
{
	uint32_t iar = mmio_r(GICC_BASE + GICC_IAR);
	vtimer_ctl(0);
	if ((iar & 0x3ff) < 1020)
		mmio_w(GICC_BASE + GICC_EOIR, iar);
	if (!rpc->user)
		rpc->user = 0x80000000u | (iar & 0x3ff);
}

static struct optee_msg_arg *busy_arg(uint32_t ms)
{
	struct optee_msg_arg *a = sc_invoke_arg(sc_test_session(), 4, 2);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, ms, 0, 0);
	sc_value(&a->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	return a;
}

static uint32_t pmccntr(void)
{
	uint32_t v;
	__asm__ volatile("isb\n\tmrc p15, 0, %0, c9, c13, 0" : "=r"(v) : : "memory");
	return v;
}

/* PMCCNTR across one test BUSY of ms milliseconds (a0 and ret must be 0). */
static uint32_t busy_cycles(uint32_t ms, bool *ok)
{
	struct sc_rpc rpc;
	memset(&rpc, 0, sizeof(rpc));
	struct optee_msg_arg *a = busy_arg(ms);
	uint32_t before = pmccntr();
	uint32_t a0 = sc_call(a, &rpc);
	uint32_t after = pmccntr();
	*ok = *ok && a0 == 0 && a->ret == 0;
	return after - before;
}

/* The normal world's cycle counter does not count secure execution: test
 * BUSY spins in the secure world, and QEMU's PMCCNTR runs at 1 GHz of
 * virtual time, so 40 ms more of secure spinning would be 40,000,000 more
 * cycles if counted. The two calls differ only in that; constant costs
 * (the normal world's own work, translation) cancel out. */
static void pmu_case(void)
{
	uint32_t pmcr, after_pmcr, c1, c41;
	bool ok = true;

	__asm__ volatile("mrc p15, 0, %0, c9, c12, 0" : "=r"(pmcr));
	pmcr = (pmcr | 1u | 4u) & ~(8u | 32u);	/* E, C reset; D = 0, DP = 0 */
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 0" : : "r"(pmcr));
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 1" : : "r"(1u << 31));	/* PMCNTENSET.C */
	busy_cycles(1, &ok);	/* warm-up */
	c1 = busy_cycles(1, &ok);
	c41 = busy_cycles(41, &ok);
	__asm__ volatile("mrc p15, 0, %0, c9, c12, 0" : "=r"(after_pmcr));
	ns_case("ns.stdcall.pmu.secure_not_counted",
		"PMCCNTR (enabled by the normal world) across test BUSY 41 ms minus across BUSY 1 ms is < 10,000,000 (40 ms of secure time not counted); PMCR comes back as written",
		ok && c1 && (c41 < c1 || c41 - c1 < 10000000u) && (after_pmcr & 0x3b) == (pmcr & 0x3b),
		"calls %s, BUSY 1 ms: %u cycles, BUSY 41 ms: %u cycles, PMCR 0x%08x after, 0x%08x written", ok ? "ok" : "failed",
		c1, c41, after_pmcr, pmcr);
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 2" : : "r"(1u << 31));	/* PMCNTENCLR.C */
}

void sc_foreign_intr_cases(void)
{
	struct sc_rpc rpc;

	pmu_case();

	/* Without an interrupt: no FOREIGN_INTR. */
	memset(&rpc, 0, sizeof(rpc));
	struct optee_msg_arg *a = busy_arg(5);
	uint32_t a0 = sc_call(a, &rpc);
	sc_expect_call("ns.stdcall.fintr.busy_quiet", "test BUSY 5 ms with no interrupt pending completes without any RPC",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE,
		       rpc.n_total ? SC_DETAIL("RPC sequence \"%s\"", rpc.order) : NULL);

	/* NS side of the GIC: group 1 on, the virtual timer PPI enabled. */
	mmio_w(GICD_BASE + GICD_CTLR, mmio_r(GICD_BASE + GICD_CTLR) | 1u);
	uint32_t pr = mmio_r(GICD_BASE + GICD_IPRIORITYR + (VTIMER_ID & ~3u));
	pr = (pr & ~(0xffu << (8 * (VTIMER_ID & 3)))) | (0x80u << (8 * (VTIMER_ID & 3)));
	mmio_w(GICD_BASE + GICD_IPRIORITYR + (VTIMER_ID & ~3u), pr);
	mmio_w(GICD_BASE + GICD_ISENABLER0, 1u << VTIMER_ID);
	mmio_w(GICC_BASE + GICC_CTLR, mmio_r(GICC_BASE + GICC_CTLR) | 1u);

	memset(&rpc, 0, sizeof(rpc));
	rpc.on_foreign = foreign_hook;
	rpc.max_rpcs = 200;
	a = busy_arg(300);
	vtimer_arm(cntfrq() / 200);	/* 5 ms */
	a0 = sc_call(a, &rpc);
	vtimer_ctl(0);
	const char *bad = NULL;
	if (!rpc.n_foreign)
		bad = SC_DETAIL("no FOREIGN_INTR (RPC sequence \"%s\")", rpc.order);
	else if (rpc.n_foreign != rpc.n_total)
		bad = SC_DETAIL("RPC sequence \"%s\": not only FOREIGN_INTR", rpc.order);
	else if (rpc.user != (0x80000000u | VTIMER_ID))
		bad = SC_DETAIL("GICC_IAR after the first FOREIGN_INTR gave id %u, expected %u", rpc.user & 0x3ff, VTIMER_ID);
	sc_expect_call("ns.stdcall.fintr.timer_during_busy",
		       "NS virtual timer (PPI 27) firing 5 ms into test BUSY 300 ms (margin for a loaded host): RPC FOREIGN_INTR (0xffff0004), resumed with the same a3, the call completes",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, bad);
	ns_printf("stdcall: BUSY 300 ms: %u FOREIGN_INTR, thread %u, service saw %u gap(s)\n", rpc.n_foreign, rpc.thread,
		  (uint32_t)a->params[1].u.value.a);

	mmio_w(GICD_BASE + GICD_ICENABLER0, 1u << VTIMER_ID);
	uint32_t iar = mmio_r(GICC_BASE + GICC_IAR) & 0x3ff;
	if (iar < 1020)
		mmio_w(GICC_BASE + GICC_EOIR, iar);
	ns_case("ns.stdcall.fintr.timer_off", "afterwards the timer is disabled and no interrupt is pending (IAR spurious)",
		!(vtimer_ctl_read() & 1) && iar >= 1020, "CNTV_CTL 0x%x, IAR id %u", vtimer_ctl_read(), iar);

	memset(&rpc, 0, sizeof(rpc));
	a = busy_arg(1);
	a0 = sc_call(a, &rpc);
	sc_expect_call("ns.stdcall.fintr.quiet_again", "after that, test BUSY 1 ms completes without any RPC", a0, a,
		       TEE_SUCCESS, SC_ORIGIN_TEE, rpc.n_total ? SC_DETAIL("RPC sequence \"%s\"", rpc.order) : NULL);
}

/* ---- two CPUs ----------------------------------------------------------------- */

#define SMP_ITERS 40

struct smp_result {
	volatile uint32_t started, done;
	volatile uint32_t ok, fail;
	volatile uint32_t first_bad[4];   /* iteration, step, a0, ret */
};
static struct smp_result smp_res[2];
uint8_t sc_cpu1_stack[8192] __attribute__((aligned(16)));

/* CPU1 enters here from PSCI CPU_ON: NS SVC, IRQ/FIQ masked, MMU off,
 * r0 = context id. */
__asm__(".text\n"
	".global sc_cpu1_entry\n"
	".type sc_cpu1_entry, %function\n"
	"sc_cpu1_entry:\n"
	"	cpsid	if\n"
	"	ldr	sp, =sc_cpu1_stack + 8192\n"
	"	ldr	r1, =ns_vectors\n"
	"	mcr	p15, 0, r1, c12, c0, 0\n"
	"	isb\n"
	"	bl	sc_cpu1_main\n"
	"1:	wfe\n"
	"	b	1b\n"
	".ltorg\n");
void sc_cpu1_entry(void);
void sc_cpu1_main(uint32_t ctx);

/* Calls on this CPU without touching the payload's shared RPC state: none
 * of them may RPC. */
static uint32_t smp_call(struct optee_msg_arg *a)
{
	struct smc_regs r = { { OPTEE_SMC_CALL_WITH_ARG, 0, sc_pa(a), 0, 0, 0, 0, 0 } };
	smc_call(&r);
	return r.r[0];
}

static void smp_loop(unsigned cpu)
{
	struct smp_result *res = &smp_res[cpu];
	unsigned slot = 13 + cpu;

	for (uint32_t i = 0; i < SMP_ITERS; i++) {
		uint32_t step = 0, a0, ret = 0;
		struct optee_msg_arg *a = sc_arg(slot, OPTEE_MSG_CMD_OPEN_SESSION, 2);
		a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
		memcpy(a->params[0].u.octets, sc_uuid_hello, 16);
		a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
		a0 = smp_call(a);
		uint32_t sid = a->session;
		bool good = a0 == 0 && a->ret == 0 && sid;
		ret = a->ret;
		if (good) {
			step = 1;
			a = sc_arg(slot, OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
			a->session = sid;
			a->func = 0;
			sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, i * 10 + cpu, 0, 0);
			a0 = smp_call(a);
			ret = a->ret;
			good = a0 == 0 && a->ret == 0 && a->params[0].u.value.a == i * 10 + cpu + 1;
		}
		if (good) {
			step = 2;	/* the shared, concurrent test session */
			a = sc_arg(slot, OPTEE_MSG_CMD_INVOKE_COMMAND, 3);
			a->session = sc_test_session();
			a->func = 2;
			sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, i, cpu, 0);
			sc_value(&a->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 1000, 0, 0);
			sc_value(&a->params[2], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
			a0 = smp_call(a);
			ret = a->ret;
			good = a0 == 0 && a->ret == 0 && a->params[2].u.value.a == i + cpu + 1000;
		}
		if (good) {
			step = 4;	/* the shared, concurrent trusted-keys session */
			good = sc_tk_roundtrip(slot, cpu, i, &a0, &ret);
		}
		if (sid && step >= 1) {
			uint32_t s3 = step;
			step = 3;
			a = sc_arg(slot, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
			a->session = sid;
			a0 = smp_call(a);
			if (good) {
				ret = a->ret;
				good = a0 == 0 && a->ret == 0;
			} else {
				step = s3;
			}
		}
		if (good) {
			res->ok++;
		} else {
			if (!res->fail) {
				res->first_bad[0] = i;
				res->first_bad[1] = step;
				res->first_bad[2] = a0;
				res->first_bad[3] = ret;
			}
			res->fail++;
		}
	}
}

/* CPU1 runs jobs posted by CPU0 (memory is coherent: both MMUs are off). */
enum { JOB_NONE, JOB_LOOP, JOB_STEP, JOB_OFF };
static volatile uint32_t job_kind, job_seq, job_done;
static struct smc_regs *volatile job_r;
static struct sc_rpc *volatile job_rpc;

void sc_cpu1_main(uint32_t ctx)
{
	(void)ctx;
	smp_res[1].started = 1;
	for (;;) {
		while (job_done == job_seq)
			__asm__ volatile("wfe" ::: "memory");
		uint32_t kind = job_kind;
		if (kind == JOB_LOOP)
			smp_loop(1);
		else if (kind == JOB_STEP)
			sc_step(job_r, job_rpc);
		__asm__ volatile("dmb" ::: "memory");
		job_done = job_seq;
		__asm__ volatile("dsb\n\tsev" ::: "memory");
		if (kind == JOB_OFF)
			smc4(PSCI_CPU_OFF, 0, 0, 0, NULL);
	}
}

/* Post a job to CPU1; wait == true: until it is done. false on timeout. */
static bool cpu1_job(uint32_t kind, bool wait)
{
	job_kind = kind;
	__asm__ volatile("dmb" ::: "memory");
	uint32_t seq = ++job_seq;
	__asm__ volatile("dsb\n\tsev" ::: "memory");
	for (uint32_t spins = 0; wait && job_done != seq; spins++)
		if (spins > 400000000u)
			return false;
	return true;
}

static void migrate_case(void)
{
	const char *id = "ns.stdcall.smp.resume_other_cpu";
	const char *what = "a call suspended on CPU0 is resumed on CPU1 and back (ALLOC on CPU1, CMD on CPU0, FREE on CPU1) and completes";
	struct sc_rpc rpc;
	struct smc_regs r;

	memset(&rpc, 0, sizeof(rpc));
	memset(&r, 0, sizeof(r));
	struct optee_msg_arg *a = rpc_arg(3, sc_test_session());
	sc_start(a, &r);
	job_r = &r;
	job_rpc = &rpc;
	bool ok = cpu1_job(JOB_STEP, true);
	sc_step(&r, &rpc);
	ok = ok && cpu1_job(JOB_STEP, true);
	if (OPTEE_SMC_RETURN_IS_RPC(r.r[0]))	/* whatever is left, here */
		sc_continue(&r, &rpc);
	const char *d = r.r[0] == 0 && a->ret == 0 ? time_detail(a, &rpc) : NULL;
	ns_case(id, what, ok && r.r[0] == 0 && a->ret == 0 && !d && !rpc.err[0], "%sa0 0x%08x ret 0x%08x %s %s",
		ok ? "" : "CPU1 timed out; ", r.r[0], a->ret, rpc.err, d ? d : "");
}

void sc_smp_cases(void)
{
	const char *id = "ns.stdcall.smp.two_cpus";
	const char *what = "CPU0 and CPU1 (PSCI CPU_ON) each run 40 x hello open/inc/close + SUM on the shared test session + "
			   "trusted-keys SEAL/UNSEAL on a shared session at once: all succeed";

	if (ns_info.cpus < 2) {
		ns_printf("stdcall: one CPU: ns.stdcall.smp.* not run\n");
		return;
	}
	memset(smp_res, 0, sizeof(smp_res));
	uint32_t on = smc4(PSCI_CPU_ON, 1, (uint32_t)sc_cpu1_entry, 0x5eed, NULL);
	if (on != PSCI_RET_SUCCESS) {
		ns_fail(id, what, "PSCI CPU_ON of CPU1 returned 0x%08x", on);
		return;
	}
	for (uint32_t spin = 0; !smp_res[1].started && spin < 100000000u; spin++)
		__asm__ volatile("" ::: "memory");
	if (!smp_res[1].started) {
		ns_fail(id, what, "CPU1 never started");
		return;
	}
	cpu1_job(JOB_LOOP, false);
	smp_loop(0);
	uint32_t spins = 0;
	while (job_done != job_seq && spins++ < 400000000u)
		__asm__ volatile("" ::: "memory");
	if (job_done != job_seq) {
		ns_fail(id, what, "CPU1 did not finish");
		return;
	}
	const struct smp_result *r0 = &smp_res[0], *r1 = &smp_res[1];
	const struct smp_result *bad = r0->fail ? r0 : r1;
	ns_case(id, what, r0->ok == SMP_ITERS && r1->ok == SMP_ITERS,
		"CPU0 %u ok, CPU1 %u ok; first failure on CPU%u: iteration %u step %u a0 0x%08x ret 0x%08x", r0->ok, r1->ok,
		bad == r0 ? 0 : 1, bad->first_bad[0], bad->first_bad[1], bad->first_bad[2], bad->first_bad[3]);

	migrate_case();
	cpu1_job(JOB_OFF, true);
}

/* ---- leak check ------------------------------------------------------------------ */

void sc_stats_case(void)
{
	uint32_t sid = 0, ret = sc_open(1, sc_uuid_test, &sid);
	struct optee_msg_arg *a = sc_invoke_arg(sid, 5, 2);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	sc_value(&a->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	uint32_t a0 = sc_call(a, NULL);
	uint32_t sess = (uint32_t)a->params[0].u.value.a, shm = (uint32_t)a->params[0].u.value.b;
	uint32_t inuse = (uint32_t)a->params[1].u.value.a, count = (uint32_t)a->params[1].u.value.b;
	const char *bad = NULL;
	if (ret)
		bad = SC_DETAIL("OPEN of the stats session returned 0x%08x", ret);
	else if (sess != 1 || shm != 0 || inuse != 1 || count != sc_thread_count)
		bad = SC_DETAIL("sessions %u (want 1), shm %u (want 0), threads in use %u (want 1), count %u (want %u)", sess,
				shm, inuse, count, sc_thread_count);
	else if (sc_rpcbufs_in_use())
		bad = SC_DETAIL("%u RPC buffers never FREEd", sc_rpcbufs_in_use());
	sc_expect_call("ns.stdcall.no_leaks",
		       "at the end, test STATS: 1 open session (its own), 0 registered shm, 1 thread in use, count = GET_THREAD_COUNT",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, bad);
	ret = sc_close(1, sid);
	ns_case("ns.stdcall.stats_close", "CLOSE of the stats session returns 0", ret == 0, "ret 0x%08x", ret);
}
