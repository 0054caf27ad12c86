/* Payload "stdcall": the calls Linux makes once the firmware offers
 * SEC_CAP_RPC_ARG (optee-abi.md §1.3, §6.1 modes B and D).
 *
 *   CALL_WITH_RPC_ARG (0x32000012)   a1:a2 = PA of the arg; the RPC struct
 *                                    (room for 4 params = 160 bytes) follows
 *                                    at PA + 32 + 32 * num_params
 *   CALL_WITH_REGD_ARG (0x32000013)  a1:a2 = cookie of a registered buffer,
 *                                    a3 = offset of the arg in it; RPC struct
 *                                    behind it as above, in the same page
 *
 * With a supplied RPC struct an RPC is a single CMD (a1:a2 = 0), no ALLOC or
 * FREE. Cases ns.stdcall.rpcarg.* and ns.stdcall.regd.*; everything opened
 * or registered here is closed again before the final leak check. */
#include "stdcall.h"

#define RA_RPC_SIZE     OPTEE_MSG_GET_ARG_SIZE(4)                       /* 160 */
#define RA_STRIDE       (OPTEE_MSG_GET_ARG_SIZE(6) + RA_RPC_SIZE)       /* 384: Linux's arg slots */
#define RA_PAT          0xa5u
#define RA_COOKIE       0x0000a12000000d13ull
#define RA_COOKIE_OFF   0x0000a12000000d14ull
#define RA_BUF_SIZE     (2u * SC_PAGE)

static uint8_t ra_dyn_page[SC_PAGE] __attribute__((aligned(4096)));
static uint8_t ra_regd[2][SC_PAGE] __attribute__((aligned(4096)));
static uint64_t ra_list[SC_PAGE / 8] __attribute__((aligned(4096)));

static uint8_t *ra_page;        /* CALL_WITH_RPC_ARG args: carve-out (reserved) or bss page */
static uint32_t ra_end;         /* end of the carve-out (reserved) / of NS RAM (dynamic); 0 unknown */

static uint32_t argsz(const struct optee_msg_arg *a)
{
	return OPTEE_MSG_GET_ARG_SIZE(a->num_params);
}

/* An arg at where: header and params zeroed, ret/ret_origin preset. */
static struct optee_msg_arg *ra_arg_at(void *where, uint32_t cmd, uint32_t n)
{
	struct optee_msg_arg *a = where;
	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(n));
	a->cmd = cmd;
	a->num_params = n;
	a->ret = SC_BAD_RET;
	a->ret_origin = SC_BAD_RET;
	return a;
}

/* An arg at byte off of ra_page, the rest of the page filled with RA_PAT. */
static struct optee_msg_arg *ra_arg(uint32_t off, uint32_t cmd, uint32_t n)
{
	memset(ra_page, RA_PAT, SC_PAGE);
	return ra_arg_at(ra_page + off, cmd, n);
}

/* Offset of the first byte of [p, p + len) outside [w, w + wlen) that lost
 * the pattern, or -1. */
static int damaged(const uint8_t *p, uint32_t len, const void *w, uint32_t wlen)
{
	const uint8_t *lo = w, *hi = lo + wlen;
	for (uint32_t i = 0; i < len; i++)
		if ((p + i < lo || p + i >= hi) && p[i] != RA_PAT)
			return (int)i;
	return -1;
}

/* NULL if ra_page outside the arg and its RPC struct kept the pattern. */
static const char *ra_intact(const struct optee_msg_arg *a)
{
	int d = damaged(ra_page, SC_PAGE, a, argsz(a) + RA_RPC_SIZE);
	if (d < 0)
		return NULL;
	return SC_DETAIL("byte 0x%x of the arg's page written (0x%02x); arg at 0x%x, arg + RPC struct end at 0x%x", d,
			 ra_page[d], (uint32_t)((const uint8_t *)a - ra_page),
			 (uint32_t)((const uint8_t *)a - ra_page) + argsz(a) + RA_RPC_SIZE);
}

/* CALL_WITH_RPC_ARG of a; RPC CMDs are served through the struct behind it. */
static uint32_t ra_call(struct optee_msg_arg *a, struct sc_rpc *rpc)
{
	struct sc_rpc local;
	if (!rpc) {
		memset(&local, 0, sizeof(local));
		rpc = &local;
	}
	rpc->rpc_struct_pa = sc_pa(a) + argsz(a);
	return sc_call_fn(OPTEE_SMC_CALL_WITH_RPC_ARG, 0, sc_pa(a), 0, a, rpc);
}

static struct optee_msg_arg *time_arg(struct optee_msg_arg *a, uint32_t session)
{
	a->session = session;
	a->func = 3;	/* test RPC: GET_TIME from the normal world */
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0x3c3c);
	return a;
}

/* The time came back, through exactly one CMD. */
static const char *time_detail(const struct optee_msg_arg *a, const struct sc_rpc *rpc)
{
	if (strcmp(rpc->order, "C"))
		return SC_DETAIL("RPC sequence \"%s\", expected \"C\" (one CMD, no ALLOC, no FREE)", rpc->order);
	if (a->params[0].u.value.a != SC_TIME_S || a->params[0].u.value.b != SC_TIME_NS)
		return SC_DETAIL("p0 = (%u, %u), expected (%u, %u)", (uint32_t)a->params[0].u.value.a,
				 (uint32_t)a->params[0].u.value.b, SC_TIME_S, SC_TIME_NS);
	return NULL;
}

/* What the firmware had put into the supplied struct when it issued the CMD. */
static const char *struct_detail(const struct sc_rpc *rpc)
{
	if (rpc->n_cmd != 1)
		return SC_DETAIL("%u CMDs (sequence \"%s\")", rpc->n_cmd, rpc->order);
	if (rpc->cmd_seen[0] != OPTEE_RPC_CMD_GET_TIME || rpc->cmd_seen[1] != 1 ||
	    rpc->cmd_seen[2] != OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT)
		return SC_DETAIL("struct held cmd %u, num_params %u, p0 attr 0x%x; expected 3, 1, 0x2", rpc->cmd_seen[0],
				 rpc->cmd_seen[1], rpc->cmd_seen[2]);
	if (rpc->cmd_a1 || rpc->cmd_a2)
		return SC_DETAIL("CMD a1:a2 = 0x%08x:%08x, expected 0:0", rpc->cmd_a1, rpc->cmd_a2);
	return NULL;
}

static void setup(void)
{
	if (sc_reserved) {
		struct smc_regs r;
		uint32_t size = smc4(OPTEE_SMC_GET_SHM_CONFIG, 0, 0, 0, &r) == OPTEE_SMC_RETURN_OK ? r.r[2] : SC_RESERVED_SIZE;
		ra_end = sc_pool_base + size;
		ra_page = sc_pool_ptr(SC_POOL_SIZE);	/* the page after what the pool uses */
	} else {
		ra_end = ns_info.ram_end;
		ra_page = ra_dyn_page;
	}
}

/* ---- capabilities ------------------------------------------------------------ */

static void caps_case(void)
{
	struct smc_regs r;
	const uint32_t want = OPTEE_SMC_SEC_CAP_RPC_ARG | OPTEE_SMC_SEC_CAP_MEMREF_NULL;
	uint32_t a0 = smc4(OPTEE_SMC_EXCHANGE_CAPABILITIES, 0, 0, 0, &r);
	ns_case("ns.stdcall.rpcarg.caps",
		"EXCHANGE_CAPABILITIES returns OK, a1 has RPC_ARG (0x40) and MEMREF_NULL (0x10), a3 = 4 RPC params",
		a0 == OPTEE_SMC_RETURN_OK && (r.r[1] & want) == want && r.r[3] == 4, "a0 0x%08x a1 0x%08x a3 %u", a0,
		r.r[1], r.r[3]);
}

/* ---- CALL_WITH_RPC_ARG ------------------------------------------------------- */

static void rpcarg_hello_cases(void)
{
	struct optee_msg_arg *a = ra_arg(0, OPTEE_MSG_CMD_OPEN_SESSION, 2);
	a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, sc_uuid_hello, 16);
	a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a->params[1].u.value.c = OPTEE_MSG_LOGIN_PUBLIC;
	uint32_t a0 = ra_call(a, NULL);
	uint32_t sid = a->session;
	sc_expect_call("ns.stdcall.rpcarg.hello_open",
		       "CALL_WITH_RPC_ARG: OPEN_SESSION to hello world returns ret 0 and a session; nothing in the page beyond arg + RPC struct written",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, sid ? ra_intact(a) : "session id 0");

	a = ra_arg(0x48, OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
	a->session = sid;
	a->func = 0;
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 41, 0x1111, 0x2222);
	a0 = ra_call(a, NULL);
	sc_expect_call("ns.stdcall.rpcarg.hello_invoke",
		       "CALL_WITH_RPC_ARG (arg at page + 0x48): hello cmd 0 turns value.a 41 into 42; page intact",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE,
		       a->params[0].u.value.a != 42 ? SC_DETAIL("value.a %u", (uint32_t)a->params[0].u.value.a)
		       : ra_intact(a));

	a = ra_arg(0x300, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = sid;
	a0 = ra_call(a, NULL);
	sc_expect_call("ns.stdcall.rpcarg.hello_close", "CALL_WITH_RPC_ARG: CLOSE_SESSION of that session returns ret 0; page intact",
		       a0, a, TEE_SUCCESS, SC_ANY, ra_intact(a));
}

static void rpcarg_rpc_cases(void)
{
	uint32_t s = sc_test_session();
	struct sc_rpc rpc;

	memset(&rpc, 0, sizeof(rpc));
	struct optee_msg_arg *a = time_arg(ra_arg(0x100, OPTEE_MSG_CMD_INVOKE_COMMAND, 1), s);
	uint32_t a0 = ra_call(a, &rpc);
	sc_expect_call("ns.stdcall.rpcarg.get_time",
		       "CALL_WITH_RPC_ARG test cmd 3: exactly one RPC CMD, no ALLOC, no FREE; p0 = the time served (1234 s, 5678 ns)",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, time_detail(a, &rpc));
	const char *d = struct_detail(&rpc);
	ns_case("ns.stdcall.rpcarg.rpc_struct",
		"the CMD came with a1:a2 = 0 and the supplied struct (arg + 64) held cmd 3 GET_TIME, num_params 1, p0 attr VALUE_OUTPUT",
		!d, "%s", d ? d : "");
	d = ra_intact(a);
	ns_case("ns.stdcall.rpcarg.page_intact",
		"the RPC struct was written nowhere else: the page before the arg and beyond arg + 64 + 160 keeps its pattern", !d,
		"%s", d ? d : "");

	memset(&rpc, 0, sizeof(rpc));
	rpc.cmd_ret = TEE_ERROR_NOT_SUPPORTED;
	a = time_arg(ra_arg(0x100, OPTEE_MSG_CMD_INVOKE_COMMAND, 1), s);
	a0 = ra_call(a, &rpc);
	sc_expect_call("ns.stdcall.rpcarg.cmd_error",
		       "GET_TIME answered with ret NOT_SUPPORTED in the supplied struct: test cmd 3 returns NOT_SUPPORTED, one CMD only",
		       a0, a, TEE_ERROR_NOT_SUPPORTED, SC_ANY,
		       strcmp(rpc.order, "C") ? SC_DETAIL("RPC sequence \"%s\", expected \"C\"", rpc.order) : ra_intact(a));

	/* 4 params: the RPC struct moves to arg + 160. */
	memset(&rpc, 0, sizeof(rpc));
	a = time_arg(ra_arg(0x200, OPTEE_MSG_CMD_INVOKE_COMMAND, 4), s);
	a0 = ra_call(a, &rpc);
	d = time_detail(a, &rpc);
	sc_expect_call("ns.stdcall.rpcarg.get_time_4_params",
		       "test cmd 3 with 4 params (p1..p3 NONE, as kernel clients send): the RPC struct used is at arg + 160; page intact",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, d ? d : struct_detail(&rpc) ? struct_detail(&rpc) : ra_intact(a));

	/* A plain CALL_WITH_ARG afterwards is back to ALLOC/CMD/FREE. */
	memset(&rpc, 0, sizeof(rpc));
	a = time_arg(sc_arg(1, OPTEE_MSG_CMD_INVOKE_COMMAND, 1), s);
	a0 = sc_call(a, &rpc);
	sc_expect_call("ns.stdcall.rpcarg.plain_call_after",
		       "after the RPC_ARG calls, test cmd 3 through CALL_WITH_ARG uses RPC ALLOC, CMD, FREE again", a0, a,
		       TEE_SUCCESS, SC_ORIGIN_TEE,
		       strcmp(rpc.order, "ACF") ? SC_DETAIL("RPC sequence \"%s\", expected \"ACF\"", rpc.order) : NULL);

	/* Suspended with a supplied struct while a plain call runs its own RPCs. */
	const char *id = "ns.stdcall.rpcarg.interleaved";
	const char *what = "a CALL_WITH_RPC_ARG suspended at its RPC CMD; meanwhile a CALL_WITH_ARG cmd 3 runs ACF to the end; "
			   "the first, resumed, still uses its own struct and completes";
	if (sc_thread_count < 2) {
		ns_printf("stdcall: one secure thread: %s not run\n", id);
		return;
	}
	struct sc_rpc ra, rb;
	memset(&ra, 0, sizeof(ra));
	memset(&rb, 0, sizeof(rb));
	a = time_arg(ra_arg(0x400, OPTEE_MSG_CMD_INVOKE_COMMAND, 1), s);
	ra.rpc_struct_pa = sc_pa(a) + argsz(a);
	struct smc_regs r = { { OPTEE_SMC_CALL_WITH_RPC_ARG, 0, sc_pa(a), 0, 0, 0, 0, 0 } };
	smc_call(&r);
	uint32_t first = r.r[0];
	struct optee_msg_arg *b = time_arg(sc_arg(2, OPTEE_MSG_CMD_INVOKE_COMMAND, 1), s);
	uint32_t a0b = sc_call(b, &rb);
	uint32_t a0a = sc_continue(&r, &ra);
	const char *da = a0a == 0 && a->ret == 0 ? time_detail(a, &ra) : NULL;
	if (!da && a0a == 0 && a->ret == 0)
		da = struct_detail(&ra);
	ns_case(id, what,
		first == (OPTEE_SMC_RETURN_RPC_PREFIX | OPTEE_SMC_RPC_FUNC_CMD) && a0b == 0 && b->ret == 0 &&
		!strcmp(rb.order, "ACF") && !rb.err[0] && a0a == 0 && a->ret == 0 && !da && !ra.err[0],
		"first a0 0x%08x; plain: a0 0x%x ret 0x%08x RPCs \"%s\" %s; resumed: a0 0x%x ret 0x%08x %s %s", first, a0b,
		b->ret, rb.order, rb.err, a0a, a->ret, ra.err, da ? da : "");
}

static void rpcarg_room_cases(void)
{
	const char *end_name = sc_reserved ? "the carve-out" : "NS RAM";
	struct sc_rpc rpc;
	char what[200];

	if (!ra_end) {
		ns_fail("ns.stdcall.rpcarg.no_room_end", "CALL_WITH_RPC_ARG whose RPC struct would cross the end is refused",
			"end of NS RAM unknown (no /memory in the DTB)");
		return;
	}
	/* 64-byte arg at end - 128: the arg fits, its RPC struct (160) does not. */
	struct optee_msg_arg *a = ra_arg_at((void *)(ra_end - 128), OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
	a->session = sc_test_session();
	uint32_t a0 = sc_call_fn(OPTEE_SMC_CALL_WITH_RPC_ARG, 0, sc_pa(a), 0, a, NULL);
	ns_snprintf(what, sizeof(what),
		    "CALL_WITH_RPC_ARG, 1-param arg at 0x%08x (end of %s - 128): arg + RPC struct (224) cross the end: EBADADDR (4), ret not written",
		    sc_pa(a), end_name);
	ns_case("ns.stdcall.rpcarg.no_room_end", what, a0 == OPTEE_SMC_RETURN_EBADADDR && a->ret == SC_BAD_RET,
		"a0 0x%08x ret 0x%08x", a0, a->ret);

	a = ra_arg_at((void *)(ra_end - 128), OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
	a->session = sc_test_session();
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.rpcarg.no_room_plain_ok",
		       "the same arg (test NOOP, 64 bytes at end - 128) through CALL_WITH_ARG, which needs no RPC struct, returns ret 0",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, NULL);

	a = ra_arg_at((void *)(ra_end - 216), OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
	time_arg(a, sc_test_session());
	memset(&rpc, 0, sizeof(rpc));
	a0 = ra_call(a, &rpc);
	ns_snprintf(what, sizeof(what), "CALL_WITH_RPC_ARG, 1-param arg at end of %s - 216 (8 bytes short): EBADADDR, no RPC",
		    end_name);
	ns_case("ns.stdcall.rpcarg.no_room_by_8", what,
		a0 == OPTEE_SMC_RETURN_EBADADDR && a->ret == SC_BAD_RET && rpc.n_total == 0,
		"a0 0x%08x ret 0x%08x RPCs \"%s\"", a0, a->ret, rpc.order);

	a = ra_arg_at((void *)(ra_end - 224), OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
	time_arg(a, sc_test_session());
	memset(&rpc, 0, sizeof(rpc));
	a0 = ra_call(a, &rpc);
	ns_snprintf(what, sizeof(what),
		    "CALL_WITH_RPC_ARG, 1-param arg at end of %s - 224: the RPC struct ends exactly at the end; test cmd 3 works, one CMD",
		    end_name);
	const char *d = time_detail(a, &rpc);
	sc_expect_call("ns.stdcall.rpcarg.room_exact", what, a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, d ? d : struct_detail(&rpc));

	if (sc_reserved) {
		a = ra_arg_at((void *)0x48000000u, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
		a->session = sc_test_session();
		a0 = sc_call_fn(OPTEE_SMC_CALL_WITH_RPC_ARG, 0, sc_pa(a), 0, a, NULL);
		ns_case("ns.stdcall.rpcarg.outside_carveout",
			"reserved mode: CALL_WITH_RPC_ARG with the arg in NS RAM outside the carve-out (0x48000000): EBADADDR",
			a0 == OPTEE_SMC_RETURN_EBADADDR && a->ret == SC_BAD_RET, "a0 0x%08x ret 0x%08x", a0, a->ret);
	}
}

/* ---- CALL_WITH_REGD_ARG ------------------------------------------------------ */

/* Byte k of a registration starting at byte off of its first page; the
 * list names ra_regd[1] first, then ra_regd[0]. */
static uint8_t *regd_ptr(uint32_t off, uint32_t k)
{
	uint32_t pos = off + k;
	return &ra_regd[1 - pos / SC_PAGE][pos % SC_PAGE];
}

static struct optee_msg_arg *regd_arg(uint32_t off, uint32_t a3, uint32_t cmd, uint32_t n)
{
	memset(ra_regd, RA_PAT, sizeof(ra_regd));
	return ra_arg_at(regd_ptr(off, a3), cmd, n);
}

/* NULL if both registered pages kept the pattern outside [a, a + wlen). */
static const char *regd_intact(const struct optee_msg_arg *a, uint32_t wlen)
{
	for (unsigned i = 0; i < 2; i++) {
		int d = damaged(ra_regd[i], SC_PAGE, a, wlen);
		if (d >= 0)
			return SC_DETAIL("byte 0x%x of page %s written (0x%02x); arg at %s + 0x%x", d,
					 i ? "1 (the list's first)" : "0 (the list's second)", ra_regd[i][d],
					 (const uint8_t *)a >= ra_regd[1] ? "list page 0" : "list page 1",
					 (uint32_t)(((uint32_t)a) % SC_PAGE));
	}
	return NULL;
}

static uint32_t regd_call(uint64_t cookie, uint32_t a3, struct optee_msg_arg *a, struct sc_rpc *rpc)
{
	struct sc_rpc local;
	if (!rpc) {
		memset(&local, 0, sizeof(local));
		rpc = &local;
	}
	rpc->rpc_struct_pa = sc_pa(a) + argsz(a);
	return sc_call_fn(OPTEE_SMC_CALL_WITH_REGD_ARG, (uint32_t)(cookie >> 32), (uint32_t)cookie, a3, a, rpc);
}

/* REGISTER/UNREGISTER_SHM the way Linux sends them in mode D: CALL_WITH_RPC_ARG. */
static uint32_t ra_register(uint64_t cookie, uint32_t off, uint32_t size)
{
	struct optee_msg_arg *a = ra_arg(0, OPTEE_MSG_CMD_REGISTER_SHM, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG, (uint32_t)ra_list | off, size,
	       cookie);
	uint32_t a0 = ra_call(a, NULL);
	return a0 ? 0xa0000000u | a0 : a->ret;
}

static uint32_t ra_unregister(uint64_t cookie)
{
	struct optee_msg_arg *a = ra_arg(0, OPTEE_MSG_CMD_UNREGISTER_SHM, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0, 0, cookie);
	uint32_t a0 = ra_call(a, NULL);
	return a0 ? 0xa0000000u | a0 : a->ret;
}

/* A refused CALL_WITH_REGD_ARG: EBADADDR, no RPC, nothing written anywhere
 * (the arg, when it lies in the pages, is the only thing not pattern). */
static void regd_refused(const char *id, const char *what, uint64_t cookie, uint32_t a3, struct optee_msg_arg *a)
{
	struct sc_rpc rpc;
	memset(&rpc, 0, sizeof(rpc));
	uint32_t a0 = regd_call(cookie, a3, a, &rpc);
	const char *d = regd_intact(a, argsz(a));
	ns_case(id, what, a0 == OPTEE_SMC_RETURN_EBADADDR && a->ret == SC_BAD_RET && rpc.n_total == 0 && !d,
		"a0 0x%08x, expected EBADADDR (4); ret 0x%08x; RPCs \"%s\" %s", a0, a->ret, rpc.order, d ? d : "");
}

static void regd_cases(void)
{
	uint32_t s = sc_test_session();
	struct sc_rpc rpc;

	memset(ra_list, 0, sizeof(ra_list));
	ra_list[0] = (uint32_t)ra_regd[1];
	ra_list[1] = (uint32_t)ra_regd[0];
	memset(ra_regd, RA_PAT, sizeof(ra_regd));
	uint32_t ret = ra_register(RA_COOKIE, 0, RA_BUF_SIZE);
	bool registered = ret == 0;
	ns_case("ns.stdcall.regd.register",
		"REGISTER_SHM (sent with CALL_WITH_RPC_ARG) of a 2-page arg buffer, pages out of order, returns ret 0", registered,
		"ret 0x%08x", ret);

	/* hello world, the args in Linux's slots k * 384 of the first page */
	struct optee_msg_arg *a = regd_arg(0, 0 * RA_STRIDE, OPTEE_MSG_CMD_OPEN_SESSION, 2);
	a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, sc_uuid_hello, 16);
	a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	uint32_t a0 = regd_call(RA_COOKIE, 0 * RA_STRIDE, a, NULL);
	uint32_t sid = a->session;
	sc_expect_call("ns.stdcall.regd.hello_open",
		       "CALL_WITH_REGD_ARG (0x32000013) cookie, offset 0: OPEN_SESSION to hello world returns ret 0 and a session; pages intact",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, sid ? regd_intact(a, argsz(a) + RA_RPC_SIZE) : "session id 0");

	a = regd_arg(0, 1 * RA_STRIDE, OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
	a->session = sid;
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 41, 0, 0);
	a0 = regd_call(RA_COOKIE, 1 * RA_STRIDE, a, NULL);
	sc_expect_call("ns.stdcall.regd.hello_invoke", "CALL_WITH_REGD_ARG offset 384: hello cmd 0 turns 41 into 42; pages intact",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE,
		       a->params[0].u.value.a != 42 ? SC_DETAIL("value.a %u", (uint32_t)a->params[0].u.value.a)
		       : regd_intact(a, argsz(a) + RA_RPC_SIZE));

	a = regd_arg(0, 2 * RA_STRIDE, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = sid;
	a0 = regd_call(RA_COOKIE, 2 * RA_STRIDE, a, NULL);
	sc_expect_call("ns.stdcall.regd.hello_close", "CALL_WITH_REGD_ARG offset 768: CLOSE_SESSION returns ret 0", a0, a,
		       TEE_SUCCESS, SC_ANY, regd_intact(a, argsz(a) + RA_RPC_SIZE));

	/* GET_TIME through the struct behind the arg, in both pages */
	memset(&rpc, 0, sizeof(rpc));
	a = time_arg(regd_arg(0, 9 * RA_STRIDE, OPTEE_MSG_CMD_INVOKE_COMMAND, 1), s);
	a0 = regd_call(RA_COOKIE, 9 * RA_STRIDE, a, &rpc);
	const char *d = time_detail(a, &rpc);
	if (!d)
		d = struct_detail(&rpc);
	sc_expect_call("ns.stdcall.regd.get_time",
		       "CALL_WITH_REGD_ARG offset 3456 (slot 9): test cmd 3 is one CMD through the struct at arg + 64, time returned; pages intact",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, d ? d : regd_intact(a, argsz(a) + RA_RPC_SIZE));

	memset(&rpc, 0, sizeof(rpc));
	a = time_arg(regd_arg(0, SC_PAGE + RA_STRIDE, OPTEE_MSG_CMD_INVOKE_COMMAND, 1), s);
	a0 = regd_call(RA_COOKIE, SC_PAGE + RA_STRIDE, a, &rpc);
	d = time_detail(a, &rpc);
	if (!d)
		d = struct_detail(&rpc);
	sc_expect_call("ns.stdcall.regd.second_page",
		       "CALL_WITH_REGD_ARG offset 4096 + 384: the arg is read from the list's second page (another physical page); cmd 3 works",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, d ? d : regd_intact(a, argsz(a) + RA_RPC_SIZE));

	a = regd_arg(0, SC_PAGE - 192, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->session = s;
	a0 = regd_call(RA_COOKIE, SC_PAGE - 192, a, NULL);
	sc_expect_call("ns.stdcall.regd.page_end_exact",
		       "CALL_WITH_REGD_ARG offset 4096 - 192, 0 params: arg + RPC struct end exactly at the page end; test NOOP returns 0",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, regd_intact(a, argsz(a) + RA_RPC_SIZE));

	/* refusals */
	a = regd_arg(0, SC_PAGE - 128, OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
	a->session = s;
	regd_refused("ns.stdcall.regd.crosses_page",
		     "CALL_WITH_REGD_ARG offset 4096 - 128, 1 param: the arg fits but its RPC struct would cross into the next (non-contiguous) page: EBADADDR",
		     RA_COOKIE, SC_PAGE - 128, a);
	a = regd_arg(0, SC_PAGE - 184, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->session = s;
	regd_refused("ns.stdcall.regd.crosses_page_by_8",
		     "CALL_WITH_REGD_ARG offset 4096 - 184, 0 params (needs 192): EBADADDR", RA_COOKIE, SC_PAGE - 184, a);
	a = regd_arg(0, RA_BUF_SIZE - 64, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->session = s;
	regd_refused("ns.stdcall.regd.buffer_end",
		     "CALL_WITH_REGD_ARG offset size - 64, 0 params: arg + RPC struct would run past the registered buffer: EBADADDR",
		     RA_COOKIE, RA_BUF_SIZE - 64, a);
	a = regd_arg(0, RA_STRIDE, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->session = s;
	regd_refused("ns.stdcall.regd.unknown_cookie", "CALL_WITH_REGD_ARG with a cookie never registered: EBADADDR",
		     RA_COOKIE ^ 0x100000000ull, RA_STRIDE, a);
	a = regd_arg(0, RA_STRIDE, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->session = s;
	regd_refused("ns.stdcall.regd.offset_unaligned", "CALL_WITH_REGD_ARG offset 388 (not 8-aligned): EBADADDR", RA_COOKIE,
		     RA_STRIDE + 4, a);
	a = regd_arg(0, RA_STRIDE, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->session = s;
	regd_refused("ns.stdcall.regd.offset_eq_size", "CALL_WITH_REGD_ARG offset 8192 (= the registered size): EBADADDR",
		     RA_COOKIE, RA_BUF_SIZE, a);
	a = regd_arg(0, RA_STRIDE, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->session = s;
	regd_refused("ns.stdcall.regd.offset_huge", "CALL_WITH_REGD_ARG offset 0xfffffff8: EBADADDR", RA_COOKIE,
		     0xfffffff8u, a);

	/* A registration starting at byte 0x100 of its first page: the page
	 * boundary is at offset 4096 - 0x100. */
	const uint32_t bo = 0x100;
	ret = ra_register(RA_COOKIE_OFF, bo, SC_PAGE);
	ns_case("ns.stdcall.regd.register_offset",
		"REGISTER_SHM of a second buffer over the same pages, starting at byte 0x100 of the first, 4096 bytes: ret 0",
		ret == 0, "ret 0x%08x", ret);
	a = regd_arg(bo, SC_PAGE - bo - 192, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->session = s;
	a0 = regd_call(RA_COOKIE_OFF, SC_PAGE - bo - 192, a, NULL);
	sc_expect_call("ns.stdcall.regd.offset_page_end_exact",
		       "that buffer, offset 4096 - 0x100 - 192, 0 params: ends exactly at the first page's end; test NOOP returns 0",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, regd_intact(a, argsz(a) + RA_RPC_SIZE));
	a = regd_arg(bo, SC_PAGE - bo - 128, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->session = s;
	regd_refused("ns.stdcall.regd.offset_crosses_page",
		     "that buffer, offset 4096 - 0x100 - 128: the RPC struct would cross the first page's end: EBADADDR", RA_COOKIE_OFF,
		     SC_PAGE - bo - 128, a);
	memset(&rpc, 0, sizeof(rpc));
	a = time_arg(regd_arg(bo, SC_PAGE - bo, OPTEE_MSG_CMD_INVOKE_COMMAND, 1), s);
	a0 = regd_call(RA_COOKIE_OFF, SC_PAGE - bo, a, &rpc);
	d = time_detail(a, &rpc);
	if (!d)
		d = struct_detail(&rpc);
	sc_expect_call("ns.stdcall.regd.offset_second_page",
		       "that buffer, offset 4096 - 0x100 (start of its second page, 256 bytes left): cmd 3 works through the struct there",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, d ? d : regd_intact(a, argsz(a) + RA_RPC_SIZE));
	ret = ra_unregister(RA_COOKIE_OFF);
	ns_case("ns.stdcall.regd.unregister_offset", "UNREGISTER_SHM of the offset buffer returns ret 0", ret == 0, "ret 0x%08x",
		ret);

	/* unregister: the cookie is dead for CALL_WITH_REGD_ARG afterwards */
	ret = ra_unregister(RA_COOKIE);
	ns_case("ns.stdcall.regd.unregister",
		"UNREGISTER_SHM (CALL_WITH_RPC_ARG) of the arg buffer's cookie, no call running, returns ret 0",
		registered && ret == 0, "ret 0x%08x%s", ret, registered ? "" : " (REGISTER had failed)");
	a = regd_arg(0, 0, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->session = s;
	regd_refused("ns.stdcall.regd.after_unregister", "CALL_WITH_REGD_ARG with the unregistered cookie: EBADADDR", RA_COOKIE,
		     0, a);
}

/* A registration of the last page of NS RAM and an arg offset 8 bytes before
 * its end: the firmware must refuse before reading a header that would run
 * off the end of RAM (it once read it first and faulted). */
static void regd_last_page_case(void)
{
	const uint64_t cookie = 0x1a57ba9e;
	uint32_t last = ns_info.ram_end - SC_PAGE, ret, a0;
	struct smc_regs r;

	ra_list[0] = last;
	ret = ra_register(cookie, 0, SC_PAGE);
	r = (struct smc_regs){ { OPTEE_SMC_CALL_WITH_REGD_ARG, 0, (uint32_t)cookie, SC_PAGE - 8, 0, 0, 0, 0 } };
	smc_call(&r);
	a0 = r.r[0];
	ns_case("ns.stdcall.regd.header_past_ram_end",
		"CALL_WITH_REGD_ARG at offset 4088 of a registered last page of NS RAM: EBADADDR (no read past RAM), firmware keeps serving",
		ret == 0 && a0 == OPTEE_SMC_RETURN_EBADADDR, "REGISTER ret 0x%08x, a0 0x%08x", ret, a0);
	ra_unregister(cookie);
}

void sc_rpcarg_cases(void)
{
	setup();
	caps_case();
	rpcarg_hello_cases();
	rpcarg_rpc_cases();
	rpcarg_room_cases();
	regd_cases();
	if (ns_info.ram_end)
		regd_last_page_case();
}
