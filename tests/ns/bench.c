/* Payload "bench": instructions per SMC round trip.
 *
 * Run under QEMU -icount shift=4,sleep=off, -smp 1 (tools/bench.sh): virtual
 * time then advances 16 ns per guest instruction, in both worlds, and the
 * generic timer's virtual count (CNTVCT, 62.5 MHz) ticks once per
 * instruction. The PMU's cycle counter is no measure: the firmware stops it
 * while the secure world runs (PMCR.DP, SDER), as it must. For each row, a loop of
 * BENCH_N inline "smc #0" (r0..r3 reloaded every iteration) is timed, then
 * the same loop with a nop in place of the smc; the difference divided by
 * BENCH_N is the cost of one round trip through the firmware.
 *
 * Add rows to bench_rows[]. The table goes to UART0 between the BENCH-BEGIN
 * and BENCH-END lines that tools/bench.sh extracts. Never fails on a number.
 *
 * Yielding-call rows (std_rows): a C loop that builds an optee_msg_arg,
 * issues CALL_WITH_ARG and checks a0/ret, timed once with smc and once with
 * a nop in its place (same code otherwise, branch-free check); the
 * difference over BENCH_STD_N is one call's cost. "INVOKE" invokes the test
 * service's NOOP (cmd 0) on a session opened once; "OPEN+CLOSE" is one
 * OPEN_SESSION + CLOSE_SESSION pair. The arg lives in a bss page (dynamic
 * shm) or at the carve-out (reserved). "INVOKE test NOOP (REGD_ARG)" is the
 * same NOOP issued the way Linux does once the firmware offers DYNAMIC_SHM
 * and RPC_ARG: CALL_WITH_REGD_ARG, a1:a2 = the cookie of a REGISTER_SHM'ed
 * arg page, a3 = the arg's offset in it (0); the RPC struct room follows the
 * arg (the NOOP never uses it).
 * User TA rows (the test TA, served by this payload over LOAD_TA): "INVOKE
 * user TA NOOP" is the test TA's cmd 0 on a SINGLE_INSTANCE|MULTI_SESSION
 * instance (Secure User mode entry, return syscall, exit); "OPEN+CLOSE user
 * TA, kept" opens and closes a KEEP_ALIVE instance (open and close entry
 * points); "loaded" opens a TA without flags, so every pair fetches the
 * signed image (LOAD_TA, both worlds counted), verifies it, lays it out,
 * creates, opens, closes and destroys an instance.
 *
 * Trusted-keys rows: SEAL of a 32-byte key (p0 TMEM_INPUT 32 bytes, p1
 * TMEM_OUTPUT 512, p2/p3 NONE: the kernel's layout) and UNSEAL of the 61-byte
 * blob back (p1 129 bytes), on a session opened with login REE_KERNEL, each
 * over BENCH_TK_N calls; buffers in the arg's page. */
#include "ns.h"
#include "ta_serve.h"
#include "optee_smc.h"
#include "optee_msg.h"

const char ns_payload_name[] = "bench";
bool ns_payload_wants_closing_check = false;

#define BENCH_N 1000u

struct bench_row {
	const char *name;
	uint32_t id, a1, a2, a3;
};

static const struct bench_row bench_rows[] = {
	{ "CALLS_UID", OPTEE_SMC_CALLS_UID, 0, 0, 0 },
	{ "GET_OS_REVISION", OPTEE_SMC_GET_OS_REVISION, 0, 0, 0 },
	{ "unknown fast id", 0xB2000002u, 0, 0, 0 },
};

/* CNTVCT, low word: one tick per guest instruction under -icount shift=4. */
static inline uint32_t cntvct(void)
{
	uint32_t lo, hi;
	__asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi) : : "memory");
	(void)hi;
	return lo;
}

/* The two loops differ only in the smc/nop; same instruction count otherwise. */
#define BENCH_LOOP(insn)                                                              \
	__asm__ volatile("1:\n\t"                                                      \
			 "mov r0, %[id]\n\t"                                           \
			 "mov r1, %[a1]\n\t"                                           \
			 "mov r2, %[a2]\n\t"                                           \
			 "mov r3, %[a3]\n\t"                                           \
			 insn "\n\t"                                                   \
			 "subs %[n], %[n], #1\n\t"                                     \
			 "bne 1b\n\t"                                                  \
			 "mov %[last], r0"                                             \
			 : [n] "+r"(n), [last] "=r"(last)                              \
			 : [id] "r"(row->id), [a1] "r"(row->a1), [a2] "r"(row->a2),    \
			   [a3] "r"(row->a3)                                           \
			 : "r0", "r1", "r2", "r3", "cc", "memory")

__attribute__((noinline)) static uint32_t loop_smc(const struct bench_row *row, uint32_t *a0)
{
	uint32_t n = BENCH_N, last;
	uint32_t t0 = cntvct();
	BENCH_LOOP(".arch_extension sec\n\tsmc #0");
	uint32_t t1 = cntvct();
	*a0 = last;
	return t1 - t0;
}

__attribute__((noinline)) static uint32_t loop_nop(const struct bench_row *row)
{
	uint32_t n = BENCH_N, last;
	uint32_t t0 = cntvct();
	BENCH_LOOP("nop");
	uint32_t t1 = cntvct();
	(void)last;
	return t1 - t0;
}

/* ---- yielding calls ------------------------------------------------------- */

#define BENCH_STD_N 200u

static uint8_t std_arg_page[4096] __attribute__((aligned(4096)));
static uint8_t regd_page[4096] __attribute__((aligned(4096)));
static uint64_t regd_list[512] __attribute__((aligned(4096)));
static struct optee_msg_arg *std_arg;
static struct optee_msg_arg *const regd_arg = (struct optee_msg_arg *)regd_page;
static bool regd_ok;
#define REGD_COOKIE 0x00000be4c0000013ull
static uint32_t std_session;
static const uint8_t test_uuid[16] = { 0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
				       0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0xa2 };
/* The test TA (tests/ta/test): last octet 0x10 no flags, 0x12
 * SINGLE_INSTANCE|MULTI_SESSION, 0x13 the same + KEEP_ALIVE. */
static uint8_t ta_uuid[16] = { 0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
			       0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0x10 };
/* What the loops call: a session (INVOKE), a UUID (OPEN+CLOSE). */
static uint32_t loop_session;
static const uint8_t *loop_uuid = test_uuid;

/* One yielding call fid(a1, a2, a3) (insn = the smc or a nop); a0 = r0 afterwards. */
#define STD_SMC4(insn, fid, a1, a2, a3, a0)                                                   \
	do {                                                                                  \
		register uint32_t r0_ __asm__("r0") = (fid);                                  \
		register uint32_t r1_ __asm__("r1") = (a1);                                   \
		register uint32_t r2_ __asm__("r2") = (a2);                                   \
		register uint32_t r3_ __asm__("r3") = (a3);                                   \
		__asm__ volatile(insn : "+r"(r0_), "+r"(r1_), "+r"(r2_), "+r"(r3_) : : "memory"); \
		(a0) = r0_;                                                                   \
	} while (0)
/* One CALL_WITH_ARG of a. */
#define STD_SMC(insn, a, a0) STD_SMC4(insn, OPTEE_SMC_CALL_WITH_ARG, 0, (uint32_t)(a), 0, a0)

static inline void std_header(struct optee_msg_arg *a, uint32_t cmd, uint32_t session, uint32_t n)
{
	a->cmd = cmd;
	a->func = 0;
	a->session = session;
	a->cancel_id = 0;
	a->pad = 0;
	a->ret = 0xffffffffu;
	a->ret_origin = 0;
	a->num_params = n;
}

static inline void std_open_params(struct optee_msg_arg *a)
{
	const uint64_t *u = (const uint64_t *)loop_uuid;
	a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a->params[0].u.value.a = u[0];
	a->params[0].u.value.b = u[1];
	a->params[0].u.value.c = 0;
	a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a->params[1].u.value.a = 0;
	a->params[1].u.value.b = 0;
	a->params[1].u.value.c = OPTEE_MSG_LOGIN_PUBLIC;
}

/* Both loops count bad results without branching, so the smc and nop
 * variants run the same instructions apart from the smc. */
#define STD_LOOPS(sfx, insn)                                                                  \
	__attribute__((noinline)) static uint32_t invoke_loop_##sfx(uint32_t *bad, uint32_t *last) \
	{                                                                                     \
		struct optee_msg_arg *a = std_arg;                                            \
		uint32_t errs = 0, a0 = 0;                                                    \
		uint32_t t0 = cntvct();                                                      \
		for (uint32_t i = 0; i < BENCH_STD_N; i++) {                                  \
			std_header(a, OPTEE_MSG_CMD_INVOKE_COMMAND, loop_session, 0);         \
			STD_SMC(insn, a, a0);                                                 \
			errs += (a0 != 0) | (a->ret != 0);                                    \
		}                                                                             \
		uint32_t t1 = cntvct();                                                      \
		*bad = errs;                                                                  \
		*last = a0;                                                                   \
		return t1 - t0;                                                               \
	}                                                                                     \
	__attribute__((noinline)) static uint32_t open_close_loop_##sfx(uint32_t *bad, uint32_t *last) \
	{                                                                                     \
		struct optee_msg_arg *a = std_arg;                                            \
		uint32_t errs = 0, a0 = 0;                                                    \
		uint32_t t0 = cntvct();                                                      \
		for (uint32_t i = 0; i < BENCH_STD_N; i++) {                                  \
			std_header(a, OPTEE_MSG_CMD_OPEN_SESSION, 0, 2);                      \
			std_open_params(a);                                                   \
			STD_SMC(insn, a, a0);                                                 \
			errs += (a0 != 0) | (a->ret != 0);                                    \
			std_header(a, OPTEE_MSG_CMD_CLOSE_SESSION, a->session, 0);            \
			STD_SMC(insn, a, a0);                                                 \
			errs += (a0 != 0) | (a->ret != 0);                                    \
		}                                                                             \
		uint32_t t1 = cntvct();                                                      \
		*bad = errs;                                                                  \
		*last = a0;                                                                   \
		return t1 - t0;                                                               \
	}                                                                                     \
	__attribute__((noinline)) static uint32_t regd_loop_##sfx(uint32_t *bad, uint32_t *last) \
	{                                                                                     \
		struct optee_msg_arg *a = regd_arg;                                           \
		uint32_t errs = 0, a0 = 0;                                                    \
		uint32_t t0 = cntvct();                                                      \
		for (uint32_t i = 0; i < BENCH_STD_N; i++) {                                  \
			std_header(a, OPTEE_MSG_CMD_INVOKE_COMMAND, std_session, 0);          \
			STD_SMC4(insn, OPTEE_SMC_CALL_WITH_REGD_ARG, (uint32_t)(REGD_COOKIE >> 32), \
				 (uint32_t)REGD_COOKIE, 0, a0);                               \
			errs += (a0 != 0) | (a->ret != 0);                                    \
		}                                                                             \
		uint32_t t1 = cntvct();                                                      \
		*bad = errs;                                                                  \
		*last = a0;                                                                   \
		return t1 - t0;                                                               \
	}

STD_LOOPS(smc, ".arch_extension sec\n\tsmc #0")
STD_LOOPS(nop, "nop")

/* ---- trusted keys ------------------------------------------------------- */

#define BENCH_TK_N 20u
#define TK_KEY_OFF  1024u
#define TK_BLOB_OFF 2048u
#define TK_OUT_OFF  3072u
static uint32_t tk_session;
static const uint8_t tk_uuid[16] = { 0xf0, 0x4a, 0x0f, 0xe7, 0x1f, 0x5d, 0x4b, 0x9b,
				     0xab, 0xf7, 0x61, 0x9b, 0x85, 0xb4, 0xce, 0x8c };

static inline void tk_params(struct optee_msg_arg *a, uint32_t func, uint32_t in_off, uint32_t in_len,
			     uint32_t out_off, uint32_t out_len)
{
	std_header(a, OPTEE_MSG_CMD_INVOKE_COMMAND, tk_session, 4);
	a->func = func;
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
	a->params[0].u.tmem.buf_ptr = (uint32_t)a + in_off;
	a->params[0].u.tmem.size = in_len;
	a->params[0].u.tmem.shm_ref = 1;
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	a->params[1].u.tmem.buf_ptr = (uint32_t)a + out_off;
	a->params[1].u.tmem.size = out_len;
	a->params[1].u.tmem.shm_ref = 2;
	a->params[2].attr = OPTEE_MSG_ATTR_TYPE_NONE;
	a->params[3].attr = OPTEE_MSG_ATTR_TYPE_NONE;
}

/* One timed loop of BENCH_TK_N trusted-keys calls (cmd, p0 in, p1 out). */
#define TK_LOOP(name, insn, cmd, in_off, in_len, out_off, out_len)                           \
	__attribute__((noinline)) static uint32_t name(uint32_t *bad, uint32_t *last)          \
	{                                                                                     \
		struct optee_msg_arg *a = std_arg;                                            \
		uint32_t errs = 0, a0 = 0;                                                    \
		uint32_t t0 = cntvct();                                                       \
		for (uint32_t i = 0; i < BENCH_TK_N; i++) {                                   \
			tk_params(a, cmd, in_off, in_len, out_off, out_len);                  \
			STD_SMC(insn, a, a0);                                                 \
			errs += (a0 != 0) | (a->ret != 0);                                    \
		}                                                                             \
		uint32_t t1 = cntvct();                                                       \
		*bad = errs;                                                                  \
		*last = a0;                                                                   \
		return t1 - t0;                                                               \
	}
#define TK_SMC ".arch_extension sec\n\tsmc #0"

TK_LOOP(tk_seal_loop_smc, TK_SMC, 1, TK_KEY_OFF, 32, TK_BLOB_OFF, 512)
TK_LOOP(tk_seal_loop_nop, "nop", 1, TK_KEY_OFF, 32, TK_BLOB_OFF, 512)
TK_LOOP(tk_unseal_loop_smc, TK_SMC, 2, TK_BLOB_OFF, 61, TK_OUT_OFF, 129)
TK_LOOP(tk_unseal_loop_nop, "nop", 2, TK_BLOB_OFF, 61, TK_OUT_OFF, 129)

/* Opens the trusted-keys session (login REE_KERNEL) and seals one key, so
 * that the UNSEAL row has a blob. */
static bool tk_setup(void)
{
	const uint64_t *u = (const uint64_t *)tk_uuid;
	uint8_t *key = (uint8_t *)std_arg + TK_KEY_OFF;
	uint32_t a0;

	std_header(std_arg, OPTEE_MSG_CMD_OPEN_SESSION, 0, 2);
	std_arg->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	std_arg->params[0].u.value.a = u[0];
	std_arg->params[0].u.value.b = u[1];
	std_arg->params[0].u.value.c = 0;
	std_arg->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	std_arg->params[1].u.value.a = 0;
	std_arg->params[1].u.value.b = 0;
	std_arg->params[1].u.value.c = OPTEE_MSG_LOGIN_REE_KERNEL;
	STD_SMC(".arch_extension sec\n\tsmc #0", std_arg, a0);
	tk_session = std_arg->session;
	if (a0 || std_arg->ret) {
		ns_printf("bench: OPEN_SESSION of trusted keys failed: a0 0x%08x ret 0x%08x\n", a0, std_arg->ret);
		return false;
	}
	for (unsigned i = 0; i < 32; i++)
		key[i] = (uint8_t)(i * 7 + 1);
	tk_params(std_arg, 1, TK_KEY_OFF, 32, TK_BLOB_OFF, 512);
	STD_SMC(".arch_extension sec\n\tsmc #0", std_arg, a0);
	if (a0 || std_arg->ret || std_arg->params[1].u.tmem.size != 61) {
		ns_printf("bench: SEAL failed: a0 0x%08x ret 0x%08x\n", a0, std_arg->ret);
		return false;
	}
	return true;
}

static void tk_teardown(void)
{
	uint32_t a0;
	std_header(std_arg, OPTEE_MSG_CMD_CLOSE_SESSION, tk_session, 0);
	STD_SMC(".arch_extension sec\n\tsmc #0", std_arg, a0);
	(void)a0;
}


/* Arg location for this firmware; opens the test session. false if that fails. */
/* The REGD_ARG row's arg page, registered the way Linux registers it
 * (one page, TMEM_OUTPUT|NONCONTIG page list). */
static void regd_setup(void)
{
	uint32_t a0;
	regd_list[0] = (uint32_t)regd_page;
	std_header(std_arg, OPTEE_MSG_CMD_REGISTER_SHM, 0, 1);
	std_arg->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	std_arg->params[0].u.tmem.buf_ptr = (uint32_t)regd_list;
	std_arg->params[0].u.tmem.size = sizeof(regd_page);
	std_arg->params[0].u.tmem.shm_ref = REGD_COOKIE;
	STD_SMC(".arch_extension sec\n\tsmc #0", std_arg, a0);
	regd_ok = a0 == 0 && std_arg->ret == 0;
	if (!regd_ok)
		ns_printf("bench: REGISTER_SHM of the REGD_ARG page failed: a0 0x%08x ret 0x%08x\n", a0, std_arg->ret);
}

static bool std_setup(void)
{
	struct smc_regs r;
	bool regd = false;
	std_arg = (struct optee_msg_arg *)std_arg_page;
	if (smc4(OPTEE_SMC_EXCHANGE_CAPABILITIES, 0, 0, 0, &r) == 0) {
		const uint32_t want = OPTEE_SMC_SEC_CAP_DYNAMIC_SHM | OPTEE_SMC_SEC_CAP_RPC_ARG;
		regd = (r.r[1] & want) == want;	/* Linux uses REGD_ARG only then */
		if (!(r.r[1] & OPTEE_SMC_SEC_CAP_DYNAMIC_SHM) && smc4(OPTEE_SMC_GET_SHM_CONFIG, 0, 0, 0, &r) == 0)
			std_arg = (struct optee_msg_arg *)r.r[1];
	}
	if (regd)
		regd_setup();
	else
		ns_printf("bench: no DYNAMIC_SHM + RPC_ARG: REGD_ARG row not run\n");
	std_header(std_arg, OPTEE_MSG_CMD_OPEN_SESSION, 0, 2);
	std_open_params(std_arg);
	uint32_t a0;
	STD_SMC(".arch_extension sec\n\tsmc #0", std_arg, a0);
	std_session = loop_session = std_arg->session;
	if (a0 || std_arg->ret) {
		ns_printf("bench: OPEN_SESSION of the test service failed: a0 0x%08x ret 0x%08x\n", a0, std_arg->ret);
		return false;
	}
	return true;
}

static void std_row(const char *name, uint32_t id, uint32_t (*with)(uint32_t *, uint32_t *),
		    uint32_t (*without)(uint32_t *, uint32_t *));

/* User TA rows: the test TA, loaded through LOAD_TA RPCs that this payload
 * serves (ta_serve.c, stdcall_lib.c) outside the timed loops. The loops
 * themselves make no RPC: the invoke row runs on a SINGLE_INSTANCE|
 * MULTI_SESSION instance, the "kept" row opens and closes a KEEP_ALIVE one.
 * The "loaded" row cannot avoid RPCs (every open loads): it times sc_open +
 * sc_close, the normal world's side of LOAD_TA included. */
#define BENCH_LOAD_N 20u
static void ta_rows(void)
{
	uint32_t sid = 0, bad = 0;

	ta_uuid[15] = 0x12;
	if (sc_open(1, ta_uuid, &sid) || !sid) {
		ns_printf("bench: the test TA did not open: user TA rows not run\n");
		return;
	}
	loop_session = sid;
	std_row("INVOKE user TA NOOP", OPTEE_SMC_CALL_WITH_ARG, invoke_loop_smc, invoke_loop_nop);
	sc_close(1, sid);
	ta_uuid[15] = 0x13;
	if (sc_open(1, ta_uuid, &sid) == 0)
		sc_close(1, sid);	/* the KEEP_ALIVE instance stays from here on */
	loop_uuid = ta_uuid;
	std_row("OPEN+CLOSE user TA, kept", OPTEE_SMC_CALL_WITH_ARG, open_close_loop_smc, open_close_loop_nop);
	loop_uuid = test_uuid;
	loop_session = std_session;
	ta_uuid[15] = 0x10;
	uint32_t t0 = cntvct();
	for (uint32_t i = 0; i < BENCH_LOAD_N; i++) {
		bad += sc_open(1, ta_uuid, &sid) != 0;
		bad += sc_close(1, sid) != 0;
	}
	uint32_t t1 = cntvct();
	ns_printf("| %-27s | 0x%08x | %28u | %-10s |\n", "OPEN+CLOSE user TA, loaded", OPTEE_SMC_CALL_WITH_ARG,
		  (t1 - t0) / BENCH_LOAD_N, "(+NS side)");
	if (bad)
		ns_printf("bench: note: OPEN+CLOSE user TA, loaded: %u calls failed\n", bad);
}

static void std_teardown(void)
{
	uint32_t a0;
	if (regd_ok) {
		std_header(std_arg, OPTEE_MSG_CMD_UNREGISTER_SHM, 0, 1);
		std_arg->params[0].attr = OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
		std_arg->params[0].u.rmem.offs = 0;
		std_arg->params[0].u.rmem.size = 0;
		std_arg->params[0].u.rmem.shm_ref = REGD_COOKIE;
		STD_SMC(".arch_extension sec\n\tsmc #0", std_arg, a0);
	}
	std_header(std_arg, OPTEE_MSG_CMD_CLOSE_SESSION, std_session, 0);
	STD_SMC(".arch_extension sec\n\tsmc #0", std_arg, a0);
	(void)a0;
}

static void std_row_n(const char *name, uint32_t id, uint32_t (*with)(uint32_t *, uint32_t *),
		      uint32_t (*without)(uint32_t *, uint32_t *), uint32_t n)
{
	uint32_t bad = 0, last = 0, nbad, nlast;
	uint32_t t_with = with(&bad, &last);
	uint32_t t_without = without(&nbad, &nlast);
	uint32_t diff = t_with > t_without ? t_with - t_without : 0;
	ns_printf("| %-27s | 0x%08x | %28u | 0x%08x |\n", name, id, diff / n, last);
	if (bad)
		ns_printf("bench: note: %s: %u of %u calls failed\n", name, bad, n);
}

static void std_row(const char *name, uint32_t id, uint32_t (*with)(uint32_t *, uint32_t *),
		    uint32_t (*without)(uint32_t *, uint32_t *))
{
	std_row_n(name, id, with, without, BENCH_STD_N);
}

void ns_payload_run(void)
{
	uint32_t a = cntvct(), b = cntvct();
	ns_printf("bench: CNTVCT %s (two reads: %u, %u), N = %u\n", b != a ? "running" : "NOT running", a, b,
		  BENCH_N);

	sc_init();		/* for the user TA rows (LOAD_TA served here) */
	ta_serve_init();
	ns_printf("BENCH-BEGIN\n");
	ns_printf("| %-27s | %-10s | %-28s | %-10s |\n", "function", "id", "instructions per round trip", "last a0");
	ns_printf("|-----------------------------|------------|------------------------------|------------|\n");
	for (unsigned i = 0; i < NS_ARRAY_SIZE(bench_rows); i++) {
		const struct bench_row *row = &bench_rows[i];
		uint32_t a0 = 0;
		uint32_t with = loop_smc(row, &a0);
		uint32_t without = loop_nop(row);
		uint32_t diff = with > without ? with - without : 0;
		ns_printf("| %-27s | 0x%08x | %28u | 0x%08x |\n", row->name, row->id, diff / BENCH_N, a0);
	}
	if (std_setup()) {
		std_row("INVOKE test NOOP", OPTEE_SMC_CALL_WITH_ARG, invoke_loop_smc, invoke_loop_nop);
		if (regd_ok)
			std_row("INVOKE test NOOP (REGD_ARG)", OPTEE_SMC_CALL_WITH_REGD_ARG, regd_loop_smc, regd_loop_nop);
		std_row("OPEN+CLOSE test", OPTEE_SMC_CALL_WITH_ARG, open_close_loop_smc, open_close_loop_nop);
		if (tk_setup()) {
			std_row_n("trusted keys SEAL 32 bytes", OPTEE_SMC_CALL_WITH_ARG, tk_seal_loop_smc,
				  tk_seal_loop_nop, BENCH_TK_N);
			std_row_n("trusted keys UNSEAL 61 bytes", OPTEE_SMC_CALL_WITH_ARG, tk_unseal_loop_smc,
				  tk_unseal_loop_nop, BENCH_TK_N);
			tk_teardown();
		}
		ta_rows();
		std_teardown();
	}
	ns_printf("BENCH-END\n");
}
