/* Payload "stdcall": hostile placements and sizes (issue 9).
 *
 * ns.stdcall.odd.*: a buffer is registered at byte 1, 2, 3, 4 and 4095 of
 * its first page, and every message kind is sent through it with
 * CALL_WITH_REGD_ARG. The firmware checks the address it will use (the
 * registration's offset + a3): with a3 = 0 that address is not 8-byte aligned
 * and every kind gets EBADADDR with nothing written (documented in the
 * README); with a3 chosen to make it aligned, every kind is served. A memref
 * at an odd address is served too (mintee's NS accesses assume no
 * alignment). Before this, a value param's write-back at an odd address was
 * an STRD alignment fault in Secure SVC that stopped every CPU.
 *
 * ns.stdcall.limits.*: the documented memref limits (1 MiB per memref and
 * 1 MiB per call in all) hold exactly: the limit works, a byte more gets
 * OUT_OF_MEMORY, and the firmware keeps serving. */
#include "stdcall.h"

#define OD_PAT          0x5au
#define OD_COOKIE       0x0000addc00000001ull
#define OD_COOKIE2      0x0000addc00000002ull
#define OD_RPC_SIZE     OPTEE_MSG_GET_ARG_SIZE(4)
#define MIB             (1024u * 1024u)

static uint8_t od_pages[2][SC_PAGE] __attribute__((aligned(4096)));
static uint64_t od_list[SC_PAGE / 8] __attribute__((aligned(4096)));
static uint64_t od_list2[SC_PAGE / 8] __attribute__((aligned(4096)));

static uint32_t argsz(const struct optee_msg_arg *a)
{
	return OPTEE_MSG_GET_ARG_SIZE(a->num_params);
}

/* Registered buffer starting at byte off of od_pages[0]; pages in order. */
static uint8_t *od_ptr(uint32_t off, uint32_t a3)
{
	return &od_pages[0][0] + off + a3;
}

/* An arg at byte a3 of the buffer (8-aligned), the rest of the pages
 * pattern. */
static struct optee_msg_arg *od_arg(uint32_t off, uint32_t a3, uint32_t cmd, uint32_t n)
{
	struct optee_msg_arg *a;

	memset(od_pages, OD_PAT, sizeof(od_pages));
	a = (struct optee_msg_arg *)od_ptr(off, a3);
	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(n));
	a->cmd = cmd;
	a->num_params = n;
	a->ret = SC_BAD_RET;
	a->ret_origin = SC_BAD_RET;
	return a;
}

/* NULL when both pages kept the pattern outside [a, a + wlen). */
static const char *od_intact(const void *a, uint32_t wlen)
{
	const uint8_t *lo = a, *hi = lo + wlen, *p = &od_pages[0][0];

	for (uint32_t i = 0; i < sizeof(od_pages); i++)
		if ((p + i < lo || p + i >= hi) && p[i] != OD_PAT)
			return SC_DETAIL("byte 0x%x of the registered pages written (0x%02x)", i, p[i]);
	return NULL;
}

static uint32_t od_call(uint64_t cookie, uint32_t a3, struct optee_msg_arg *a, struct sc_rpc *rpc)
{
	struct sc_rpc local;

	if (!rpc) {
		memset(&local, 0, sizeof(local));
		rpc = &local;
	}
	rpc->rpc_struct_pa = sc_pa(a) + argsz(a);
	return sc_call_fn(OPTEE_SMC_CALL_WITH_REGD_ARG, (uint32_t)(cookie >> 32), (uint32_t)cookie, a3, a, rpc);
}

/* The message kinds, built at the arg a (8-aligned). */
enum od_kind { OD_OPEN, OD_INVOKE_VALUE, OD_INVOKE_ECHO, OD_INVOKE_RPC, OD_CANCEL, OD_REGISTER, OD_UNREGISTER,
	       OD_CLOSE, OD_BADCMD, OD_KINDS };
static const char *const od_names[OD_KINDS] = {
	"OPEN_SESSION", "INVOKE value", "INVOKE memrefs", "INVOKE RPC", "CANCEL", "REGISTER_SHM", "UNREGISTER_SHM",
	"CLOSE_SESSION", "cmd 99",
};
static const uint32_t od_cmds[OD_KINDS] = {
	OPTEE_MSG_CMD_OPEN_SESSION, OPTEE_MSG_CMD_INVOKE_COMMAND, OPTEE_MSG_CMD_INVOKE_COMMAND,
	OPTEE_MSG_CMD_INVOKE_COMMAND, OPTEE_MSG_CMD_CANCEL, OPTEE_MSG_CMD_REGISTER_SHM,
	OPTEE_MSG_CMD_UNREGISTER_SHM, OPTEE_MSG_CMD_CLOSE_SESSION, 99,
};
static const uint32_t od_nparams[OD_KINDS] = { 2, 1, 2, 1, 0, 1, 1, 0, 0 };

static uint32_t od_session;     /* the hello session opened through the odd buffer */

static void od_fill(struct optee_msg_arg *a, enum od_kind k, uint32_t off)
{
	switch (k) {
	case OD_OPEN:
		a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
		memcpy(a->params[0].u.octets, sc_uuid_hello, 16);
		a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
		break;
	case OD_INVOKE_VALUE:
		a->session = od_session;
		sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 41, 0, 0);
		break;
	case OD_INVOKE_ECHO:	/* test ECHO, both buffers at odd addresses */
		a->session = sc_test_session();
		a->func = 1;
		for (uint32_t i = 0; i < 13; i++)
			sc_data(0x800 + off)[i] = (uint8_t)(0x30 + i + off);
		memset(sc_data(0x1800 + off), 0, 13);
		sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, sc_data_pa(0x800 + off), 13, 0);
		sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x1800 + off), 13, 0);
		break;
	case OD_INVOKE_RPC:
		a->session = sc_test_session();
		a->func = 3;
		sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
		break;
	case OD_REGISTER:	/* a second buffer, itself at an odd offset */
		od_list2[0] = (uint32_t)sc_data(0x4000) & ~(SC_PAGE - 1);
		od_list2[1] = od_list2[0] + SC_PAGE;
		sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG,
		       (uint32_t)od_list2 | off, 100, OD_COOKIE2);
		break;
	case OD_UNREGISTER:
		sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0, 0, OD_COOKIE2);
		break;
	case OD_CLOSE:
		a->session = od_session;
		break;
	default:
		break;
	}
}

/* What a served kind must have done; NULL if it did. */
static const char *od_check(const struct optee_msg_arg *a, enum od_kind k, uint32_t a0, uint32_t off)
{
	if (k == OD_BADCMD)
		return a0 == OPTEE_SMC_RETURN_EBADCMD && a->ret == SC_BAD_RET ? NULL
			: SC_DETAIL("a0 0x%08x ret 0x%08x, expected EBADCMD (5), ret not written", a0, a->ret);
	if (a0 != OPTEE_SMC_RETURN_OK || a->ret != TEE_SUCCESS)
		return SC_DETAIL("a0 0x%08x ret 0x%08x origin %u", a0, a->ret, a->ret_origin);
	switch (k) {
	case OD_OPEN:
		return a->session ? NULL : "no session id";
	case OD_INVOKE_VALUE:
		return a->params[0].u.value.a == 42 ? NULL
			: SC_DETAIL("value.a %u, expected 42", (uint32_t)a->params[0].u.value.a);
	case OD_INVOKE_ECHO:
		if (a->params[1].u.tmem.size != 13)
			return SC_DETAIL("output size %u", (uint32_t)a->params[1].u.tmem.size);
		return memcmp(sc_data(0x800 + off), sc_data(0x1800 + off), 13) ? "echoed bytes differ" : NULL;
	case OD_INVOKE_RPC:
		return a->params[0].u.value.a == SC_TIME_S ? NULL : "time not returned";
	default:
		return NULL;
	}
}

static void od_offset_cases(uint32_t off)
{
	uint32_t a3 = (8 - off % 8) % 8, ret;
	struct optee_msg_arg *a;
	char id[64];

	memset(od_list, 0, sizeof(od_list));
	od_list[0] = (uint32_t)od_pages[0];
	od_list[1] = (uint32_t)od_pages[1];
	ret = sc_register(1, OD_COOKIE, (uint32_t)od_list, off, 2 * SC_PAGE - off);
	ns_snprintf(id, sizeof(id), "ns.stdcall.odd.%u.register", off);
	ns_case(id, "REGISTER_SHM of 2 pages starting at this byte of the first page returns ret 0", ret == 0,
		"ret 0x%08x", ret);

	/* a3 = 0: the arg would sit at page + off, not 8-aligned. It is built
	 * aligned and copied there byte by byte (the NS MMU is off: an
	 * unaligned access would fault here too). */
	uint32_t bad = 0, first_a0 = 0;
	const char *d = NULL;
	for (unsigned k = 0; k < OD_KINDS; k++) {
		static uint64_t built[OPTEE_MSG_GET_ARG_SIZE(2) / 8];
		struct sc_rpc rpc;
		memset(&rpc, 0, sizeof(rpc));
		memset(built, 0, sizeof(built));
		a = (struct optee_msg_arg *)built;
		a->cmd = od_cmds[k];
		a->num_params = od_nparams[k];
		od_fill(a, (enum od_kind)k, off);
		memset(od_pages, OD_PAT, sizeof(od_pages));
		a = (struct optee_msg_arg *)od_ptr(off, 0);
		memcpy(a, built, argsz((struct optee_msg_arg *)built));
		uint32_t wlen = argsz((struct optee_msg_arg *)built);
		struct smc_regs r = { { OPTEE_SMC_CALL_WITH_REGD_ARG, (uint32_t)(OD_COOKIE >> 32), (uint32_t)OD_COOKIE,
				       0, 0, 0, 0, 0 } };
		smc_call(&r);
		if (r.r[0] != OPTEE_SMC_RETURN_EBADADDR) {
			if (!bad++)
				first_a0 = r.r[0];
			sc_continue(&r, &rpc);	/* never leave a thread suspended */
		}
		if (!d)
			d = memcmp(a, built, wlen) ? "the arg was written" : od_intact(a, wlen);
	}
	ns_snprintf(id, sizeof(id), "ns.stdcall.odd.%u.a3_0_refused", off);
	ns_case(id, "every message kind at offset 0 of it (arg not 8-aligned) returns EBADADDR, nothing written",
		!bad && !d, "%u kinds not refused (first a0 0x%08x) %s", bad, first_a0, d ? d : "");

	/* a3 making the address aligned: every kind is served. */
	for (unsigned k = 0; k < OD_KINDS; k++) {
		struct sc_rpc rpc;
		memset(&rpc, 0, sizeof(rpc));
		a = od_arg(off, a3, od_cmds[k], od_nparams[k]);
		od_fill(a, (enum od_kind)k, off);
		uint32_t a0 = od_call(OD_COOKIE, a3, a, &rpc);
		if (k == OD_OPEN)
			od_session = a->session;
		d = od_check(a, (enum od_kind)k, a0, off);
		if (!d)
			d = od_intact(a, argsz(a) + OD_RPC_SIZE);
		if (!d && sc_last_err[0])
			d = sc_last_err;
		ns_snprintf(id, sizeof(id), "ns.stdcall.odd.%u.%s", off, od_names[k]);
		for (char *c = id; *c; c++)
			if (*c == ' ')
				*c = '_';
		ns_case(id, "through the same buffer at an offset that makes the arg 8-aligned: served, pages intact", !d, "%s",
			d ? d : "");
	}
	ret = sc_unregister(1, OD_COOKIE);
	ns_snprintf(id, sizeof(id), "ns.stdcall.odd.%u.unregister", off);
	ns_case(id, "UNREGISTER_SHM of it returns ret 0 (no reference left behind)", ret == 0, "ret 0x%08x", ret);
}

void sc_odd_cases(void)
{
	static const uint32_t offsets[] = { 1, 2, 3, 4, 4095 };

	for (unsigned i = 0; i < NS_ARRAY_SIZE(offsets); i++)
		od_offset_cases(offsets[i]);
	struct optee_msg_arg *a = sc_invoke_arg(sc_test_session(), 0, 0);
	uint32_t a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.odd.still_serving", "after all of it, test NOOP through CALL_WITH_ARG returns 0", a0, a,
		       TEE_SUCCESS, SC_ANY, NULL);
}

/* ---- memref limits ----------------------------------------------------- */

/* 1 MiB of NS memory the firmware accepts for tmem in either mode. */
static uint8_t *lim_base(void)
{
	return sc_reserved ? (uint8_t *)sc_pool_base + MIB : (uint8_t *)0x48000000u;
}

/* test INC4 with four INOUT tmems of the given sizes, back to back. */
static uint32_t inc4(const uint32_t size[4], uint32_t *a0)
{
	struct optee_msg_arg *a = sc_invoke_arg(sc_test_session(), 6, 4);
	uint32_t pos = 0;

	for (unsigned i = 0; i < 4; i++) {
		sc_mem(&a->params[i], OPTEE_MSG_ATTR_TYPE_TMEM_INOUT, (uint32_t)lim_base() + pos, size[i], 0);
		pos += size[i] <= MIB / 4 ? MIB / 4 : 0;
	}
	*a0 = sc_call(a, NULL);
	return *a0 ? SC_BAD_RET : a->ret;
}

void sc_limit_cases(void)
{
	uint8_t *b = lim_base();
	uint32_t a0, ret, bad = 0;

	for (uint32_t i = 0; i < MIB; i++)
		b[i] = (uint8_t)i;
	const uint32_t quarter[4] = { MIB / 4, MIB / 4, MIB / 4, MIB / 4 };
	ret = inc4(quarter, &a0);
	for (uint32_t i = 0; i < MIB; i++)
		bad += b[i] != (uint8_t)(i + 1);
	ns_case("ns.stdcall.limits.per_call_exact",
		"test INC4 with four 256 KiB INOUT memrefs (1 MiB in all, the per-call limit): ret 0, every byte incremented",
		a0 == 0 && ret == 0 && !bad, "a0 0x%08x ret 0x%08x, %u bytes wrong", a0, ret, bad);

	const uint32_t over[4] = { MIB / 4, MIB / 4, MIB / 4, MIB / 4 + 1 };
	ret = inc4(over, &a0);
	ns_case("ns.stdcall.limits.per_call_plus_1", "the same with one byte more on p3: OUT_OF_MEMORY, memory untouched",
		a0 == 0 && ret == TEE_ERROR_OUT_OF_MEMORY && b[0] == 1, "a0 0x%08x ret 0x%08x, byte 0 = %u", a0, ret, b[0]);

	struct optee_msg_arg *a = sc_invoke_arg(sc_test_session(), 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, (uint32_t)b, MIB, 0);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, 0, 0, 0);	/* NULL: size query */
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.limits.per_memref_exact",
		       "test ECHO of one 1 MiB memref (the per-memref limit) into a NULL output: SHORT_BUFFER with size 1 MiB",
		       a0, a, TEE_ERROR_SHORT_BUFFER, SC_ORIGIN_TA,
		       a->params[1].u.tmem.size == MIB ? NULL : SC_DETAIL("size %u", (uint32_t)a->params[1].u.tmem.size));

	a = sc_invoke_arg(sc_test_session(), 0, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.limits.still_serving", "after the limits, test NOOP returns 0", a0, a, TEE_SUCCESS,
		       SC_ANY, NULL);
}
