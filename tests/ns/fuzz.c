/* Payload "fuzz": runs a seeded stream of hostile inputs against the
 * firmware, with a health check every few hundred (fuzz.h has the design).
 *
 * Configuration (kernel command line, i.e. QEMU -append; build defines
 * FUZZ_SEED and FUZZ_N give the defaults):
 *   fuzz.seed=S       the stream (decimal or 0x hex, 64-bit)
 *   fuzz.n=N          inputs to run (indices 0..N-1)
 *   fuzz.health=H     health check after every H inputs (default 256)
 *   fuzz.progress=P   a progress line every P inputs (default 65536)
 *   fuzz.trace=T      describe every input from index T on before running it
 *   fuzz.only=I       run input I alone (then the health check)
 *
 * Output: progress lines, and at the end
 *   "fuzz: result N inputs, R/s, F faults, seed S"
 * then the harness's case lines. A failed oracle or health check prints
 * FAIL with the seed, the input index and the decoded input. */
#include "fuzz.h"

#ifndef FUZZ_SEED
#define FUZZ_SEED 1
#endif
#ifndef FUZZ_N
#define FUZZ_N 20000
#endif

const char ns_payload_name[] = "fuzz";

/* CPU_ON targets: a secondary started by an input turns itself off again. */
__asm__(".arch_extension sec\n"
	".text\n"
	".balign 4\n"
	".global fz_cpu_stub_arm\n"
	"fz_cpu_stub_arm:\n"
	"	ldr	r0, =0x84000002\n"
	"	smc	#0\n"
	"	b	.\n"
	".ltorg\n"
	".thumb\n"
	".balign 4\n"
	".global fz_cpu_stub_thumb\n"
	"fz_cpu_stub_thumb:\n"
	"	ldr	r0, =0x84000002\n"
	"	smc	#0\n"
	"	b	.\n"
	".ltorg\n"
	".arm\n");

static struct {
	uint64_t seed;
	uint32_t n, health, progress, trace, only;
	bool have_only;
} cfg = { FUZZ_SEED, FUZZ_N, 256, 65536, ~0u, 0, false };

/* ---- configuration ------------------------------------------------------- */

static bool arg_u64(const char *key, uint64_t *out)
{
	size_t kl = strlen(key);

	for (const char *s = ns_info.bootargs; *s; s++) {
		if ((s != ns_info.bootargs && s[-1] != ' ') || strncmp(s, key, kl))
			continue;
		const char *v = s + kl;
		uint64_t x = 0;
		unsigned base = 10;
		if (v[0] == '0' && v[1] == 'x') {
			base = 16;
			v += 2;
		}
		for (; *v && *v != ' '; v++) {
			unsigned d = *v >= '0' && *v <= '9' ? (unsigned)(*v - '0')
				   : *v >= 'a' && *v <= 'f' ? (unsigned)(*v - 'a' + 10) : 99;
			if (d >= base)
				return false;
			x = x * base + d;
		}
		*out = x;
		return true;
	}
	return false;
}

static void arg_u32(const char *key, uint32_t *out)
{
	uint64_t v;
	if (arg_u64(key, &v))
		*out = (uint32_t)v;
}

static void configure(void)
{
	uint64_t v;

	arg_u64("fuzz.seed=", &cfg.seed);
	arg_u32("fuzz.n=", &cfg.n);
	arg_u32("fuzz.health=", &cfg.health);
	arg_u32("fuzz.progress=", &cfg.progress);
	arg_u32("fuzz.trace=", &cfg.trace);
	if (arg_u64("fuzz.only=", &v)) {
		cfg.only = (uint32_t)v;
		cfg.have_only = true;
	}
	if (!cfg.health)
		cfg.health = 256;
	if (!cfg.progress)
		cfg.progress = 65536;
}

/* ---- time (the virtual counter: host time under QEMU without -icount) ---- */

static uint64_t ticks(void)
{
	uint32_t lo, hi;
	__asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint32_t tick_freq(void)
{
	uint32_t f;
	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(f));
	return f ? f : 62500000u;
}

static uint32_t rate(uint32_t inputs, uint64_t t)
{
	return t ? (uint32_t)((uint64_t)inputs * tick_freq() / t) : 0;
}

/* ---- the health check ------------------------------------------------------ */

static void canary_fill(void)
{
	uint32_t *c = (uint32_t *)FZ_CANARY;
	for (uint32_t k = 0; k < FZ_CANARY_SIZE / 4; k++)
		c[k] = 0xc0ffee00u ^ (k * 2654435761u);
}

static bool canary_ok(void)
{
	const uint32_t *c = (const uint32_t *)FZ_CANARY;
	for (uint32_t k = 0; k < FZ_CANARY_SIZE / 4; k++)
		if (c[k] != (0xc0ffee00u ^ (k * 2654435761u))) {
			ns_snprintf(fz_why, sizeof(fz_why), "canary word at 0x%08x is 0x%08x: something wrote memory no call named",
				    FZ_CANARY + 4 * k, c[k]);
			return false;
		}
	return true;
}

/* The built-in hello world (core/pta/hello_world.c). */
static const uint8_t uuid_hello[16] = { 0xa1, 0x89, 0xa4, 0x8a, 0x63, 0xac, 0x46, 0xb4,
					0xad, 0x0f, 0xb0, 0xda, 0x7c, 0x39, 0xca, 0x81 };

static uint32_t health_call(struct optee_msg_arg *a)
{
	uint32_t a0 = fz_call_served((uint32_t)a);
	return a0 ? 0xa0000000u | a0 : a->ret;
}

/* A fresh OPEN / INVOKE (hello world: value.a + 1) / CLOSE works. */
static bool open_invoke_close(void)
{
	struct optee_msg_arg *a = (struct optee_msg_arg *)(fz_co + FZ_CO_HEALTH);
	uint32_t res, session;

	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(2));
	a->cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	a->num_params = 2;
	a->params[0].attr = a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, uuid_hello, 16);
	if ((res = health_call(a)))
		return ns_snprintf(fz_why, sizeof(fz_why), "OPEN_SESSION of hello world: 0x%08x", res), false;
	session = a->session;
	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(1));
	a->cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	a->session = session;
	a->num_params = 1;
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
	a->params[0].u.value.a = 41;
	res = health_call(a);
	if (res || a->params[0].u.value.a != 42)
		return ns_snprintf(fz_why, sizeof(fz_why), "INVOKE of hello world: 0x%08x, value.a %u (want 42)", res,
				   (uint32_t)a->params[0].u.value.a), false;
	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(0));
	a->cmd = OPTEE_MSG_CMD_CLOSE_SESSION;
	a->session = session;
	if ((res = health_call(a)))
		return ns_snprintf(fz_why, sizeof(fz_why), "CLOSE_SESSION: 0x%08x", res), false;
	return true;
}

static const uint8_t uuid_test[16] = { 0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
				       0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0xa2 };

/* With every thread resumed and every registration dropped, the firmware
 * must say so (test service STATS): no registered shm left (a reference
 * the firmware failed to give back keeps UNREGISTER answering BUSY), and
 * no thread in use but the caller's. Skipped if the image has no test
 * service. */
static uint32_t n_health, n_stats;

static bool stats_ok(void)
{
	struct optee_msg_arg *a = (struct optee_msg_arg *)(fz_co + FZ_CO_HEALTH);
	uint32_t res, session, shm, threads;

	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(2));
	a->cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	a->num_params = 2;
	a->params[0].attr = a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, uuid_test, 16);
	if ((res = health_call(a)) == TEE_ERROR_ITEM_NOT_FOUND)
		return true;
	if (res)
		return ns_snprintf(fz_why, sizeof(fz_why), "OPEN_SESSION of the test service: 0x%08x", res), false;
	session = a->session;
	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(2));
	a->cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	a->session = session;
	a->func = 5;    /* STATS */
	a->num_params = 2;
	a->params[0].attr = a->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT;
	res = health_call(a);
	shm = (uint32_t)a->params[0].u.value.b;
	threads = (uint32_t)a->params[1].u.value.a;
	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(0));
	a->cmd = OPTEE_MSG_CMD_CLOSE_SESSION;
	a->session = session;
	health_call(a);
	if (res)
		return ns_snprintf(fz_why, sizeof(fz_why), "test service STATS: 0x%08x", res), false;
	if (shm || threads != 1)
		return ns_snprintf(fz_why, sizeof(fz_why),
				   "after the clean-up the firmware still has %u registrations and %u threads in use "
				   "(want 0 and 1: the STATS call's own)", shm, threads), false;
	n_stats++;
	return true;
}

static bool healthy(void)
{
	struct smc_regs r;

	fz_why[0] = '\0';
	n_health++;
	if (!fz_drain())
		return false;
	fz_cleanup();
	smc4(OPTEE_SMC_CALLS_UID, 0, 0, 0, &r);
	if (r.r[0] != OPTEE_MSG_UID_0 || r.r[1] != OPTEE_MSG_UID_1 || r.r[2] != OPTEE_MSG_UID_2 ||
	    r.r[3] != OPTEE_MSG_UID_3)
		return ns_snprintf(fz_why, sizeof(fz_why), "CALLS_UID answered %08x %08x %08x %08x", r.r[0], r.r[1],
				   r.r[2], r.r[3]), false;
	return open_invoke_close() && stats_ok() && canary_ok();
}

/* ---- the run ------------------------------------------------------------------ */

static void seed_str(char *buf, size_t len)
{
	ns_snprintf(buf, len, "0x%08x%08x", (uint32_t)(cfg.seed >> 32), (uint32_t)cfg.seed);
}

static void report_input_fault(const struct fz_input *in)
{
	char s[24];

	seed_str(s, sizeof(s));
	ns_printf("fuzz: FAULT at seed %s input %u: %s\n", s, in->index, fz_why);
	if (in->index < cfg.trace)
		fz_describe(in);
	ns_printf("fuzz: reproduce: make fuzz SEED=%s N=%u TRACE=%u MODES=%s FUZZ_TARGETS=ns\n", s, in->index + 1,
		  in->index, fz_reserved ? "reserved" : "dynamic");
}

static void report_health_fault(uint32_t after, uint32_t since)
{
	char s[24];

	seed_str(s, sizeof(s));
	ns_printf("fuzz: FAULT at seed %s: health check after input %u failed: %s\n", s, after, fz_why);
	ns_printf("fuzz: the culprit is among inputs %u..%u; reproduce: make fuzz SEED=%s N=%u TRACE=%u MODES=%s "
		  "FUZZ_TARGETS=ns\n", since, after, s, after + 1, since, fz_reserved ? "reserved" : "dynamic");
}

static void init_memory(void)
{
	struct smc_regs r;

	fz_ram_base = ns_info.ram_base ? ns_info.ram_base : 0x40000000u;
	fz_ram_end = ns_info.ram_end ? ns_info.ram_end : 0x80000000u;
	fz_reserved = ns_shm_mode() == NS_SHM_RESERVED;
	fz_co = fz_ram_end - FZ_CO_SIZE;
	if (fz_reserved && smc4(OPTEE_SMC_GET_SHM_CONFIG, 0, 0, 0, &r) == OPTEE_SMC_RETURN_OK)
		fz_co = r.r[1];
	fz_thread_count = smc4(OPTEE_SMC_GET_THREAD_COUNT, 0, 0, 0, &r) == OPTEE_SMC_RETURN_OK ? r.r[1] : 0;
	memset((void *)FZ_PG, 0, FZ_PG_SIZE);
	memset((void *)fz_co, 0, FZ_CO_SIZE);
	canary_fill();
}

void ns_payload_run(void)
{
	struct fz_input in;
	uint32_t first, end, faults = 0, done = 0, last_ok;
	uint64_t t0, t;
	char s[24];

	configure();
	init_memory();
	seed_str(s, sizeof(s));
	first = cfg.have_only ? cfg.only : 0;
	end = cfg.have_only ? cfg.only + 1 : cfg.n;
	ns_printf("fuzz: seed %s, inputs %u..%u, health check every %u, %s mode, %u threads, ram 0x%08x-0x%08x\n", s,
		  first, end - 1, cfg.health, fz_reserved ? "reserved" : "dynamic", fz_thread_count, fz_ram_base,
		  fz_ram_end);
	last_ok = first;
	t0 = ticks();
	for (uint32_t i = first; i < end && !faults; i++) {
		fz_generate(&in, cfg.seed, i, 1);
		if (i >= cfg.trace)
			fz_describe(&in);
		if (!fz_execute(&in)) {
			report_input_fault(&in);
			faults++;
			break;
		}
		done++;
		if ((i + 1) % cfg.health == 0 || i + 1 == end) {
			if (!healthy()) {
				report_health_fault(i, last_ok);
				faults++;
				break;
			}
			last_ok = i + 1;
		}
		if ((i + 1) % cfg.progress == 0)
			ns_printf("fuzz: progress %u inputs, %u/s\n", i + 1, rate(done, ticks() - t0));
	}
	t = ticks() - t0;
	ns_printf("fuzz: stats: %u SMCs, %u RPCs, %u left unanswered, %u resumes; final a0 OK %u ETHREAD_LIMIT %u "
		  "EBUSY %u ERESUME %u EBADADDR %u EBADCMD %u ENOMEM %u ENOTAVAIL %u UNKNOWN_FUNCTION %u\n",
		  fz_stats.smcs, fz_stats.rpcs, fz_stats.left_pending, fz_stats.resumed, fz_stats.yielding_final[0],
		  fz_stats.yielding_final[1], fz_stats.yielding_final[2], fz_stats.yielding_final[3],
		  fz_stats.yielding_final[4], fz_stats.yielding_final[5], fz_stats.yielding_final[6],
		  fz_stats.yielding_final[7], fz_stats.yielding_final[8]);
	ns_printf("fuzz: %u health checks (%u with the test service's STATS)\n", n_health, n_stats);
	ns_printf("fuzz: result %u inputs, %u/s, %u faults, seed %s, %u ms\n", done, rate(done, t), faults, s,
		  (uint32_t)(t * 1000 / tick_freq()));
	ns_case("fuzz.ns.run", "every input answered with documented codes, every health check passed", faults == 0,
		"%u faults", faults);
}
