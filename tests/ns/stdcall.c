/* Payload "stdcall": yielding calls driven directly, as Linux's OP-TEE driver
 * does: optee_msg_arg in NS memory, CALL_WITH_ARG, RPCs served by the
 * payload (stdcall_lib.c). Cases ns.stdcall.*: sessions and every parameter
 * type here, RPC / threads / foreign interrupts / SMP in stdcall_rpc.c. */
#include "stdcall.h"

const char ns_payload_name[] = "stdcall";

static uint32_t s_test, s_rng;

/* ---- hello world ----------------------------------------------------------- */

static void hello_cases(void)
{
	struct optee_msg_arg *a = sc_arg(0, OPTEE_MSG_CMD_OPEN_SESSION, 2);
	a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, sc_uuid_hello, 16);
	a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a->params[1].u.value.c = OPTEE_MSG_LOGIN_PUBLIC;
	uint32_t a0 = sc_call(a, NULL);
	uint32_t sid = a->session;
	sc_expect_call("ns.stdcall.hello.open", "OPEN_SESSION to the built-in hello world a189a48a-... returns ret 0, origin TEE, a non-zero session",
		    a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, sid ? NULL : "session id 0");

	a = sc_invoke_arg(sid, 0, 1);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 41, 0x1111, 0x2222);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.hello.inc", "hello world cmd 0 turns value.a 41 into 42 (VALUE_INOUT), value.b kept",
		    a0, a, TEE_SUCCESS, SC_ORIGIN_TEE,
		    a->params[0].u.value.a == 42 && a->params[0].u.value.b == 0x1111 ? NULL
		    : SC_DETAIL("value a %u b 0x%x", (uint32_t)a->params[0].u.value.a, (uint32_t)a->params[0].u.value.b));

	a = sc_invoke_arg(sid, 1, 1);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 42, 0, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.hello.dec", "hello world cmd 1 turns value.a 42 into 41", a0, a, TEE_SUCCESS, SC_ORIGIN_TEE,
		    a->params[0].u.value.a == 41 ? NULL : SC_DETAIL("value.a %u", (uint32_t)a->params[0].u.value.a));

	a = sc_invoke_arg(sid, 7, 1);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 5, 0, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.hello.unknown_func", "hello world cmd 7 returns NOT_IMPLEMENTED from the service (origin TA 4)",
		    a0, a, TEE_ERROR_NOT_IMPLEMENTED, SC_ORIGIN_TA, NULL);

	a = sc_arg(0, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = sid;
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.hello.close", "CLOSE_SESSION of the hello world session returns ret 0", a0, a,
		    TEE_SUCCESS, SC_ANY, NULL);

	a = sc_invoke_arg(sid, 0, 1);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 1, 0, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.hello.invoke_after_close",
		    "INVOKE on the closed session returns BAD_PARAMETERS, origin TEE, value untouched", a0, a,
		    TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE,
		    a->params[0].u.value.a == 1 ? NULL : SC_DETAIL("value.a became %u", (uint32_t)a->params[0].u.value.a));

	a = sc_arg(0, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = sid;
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.hello.close_twice", "a second CLOSE of the same session returns BAD_PARAMETERS", a0, a,
		    TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);
}

/* ---- parameters against the test service ----------------------------------- */

static void fill(uint8_t *p, uint32_t n, uint32_t seed)
{
	for (uint32_t i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 7u + seed);
}

static bool all_zero(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void value_cases(void)
{
	struct optee_msg_arg *a = sc_invoke_arg(s_test, 2, 3);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 1, 2, 0xc0);
	sc_value(&a->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 30, 400, 0xc1);
	sc_value(&a->params[2], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0x55, 0x66, 0xc2);
	uint32_t a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.param.value_in_out",
		    "test SUM: p0, p1 VALUE_INPUT (1,2) (30,400) -> p2 VALUE_OUTPUT a = 433, b = 0; inputs untouched", a0, a,
		    TEE_SUCCESS, SC_ORIGIN_TEE,
		    a->params[2].u.value.a == 433 && a->params[2].u.value.b == 0 ? NULL
		    : SC_DETAIL("p2 = (%u, %u)", (uint32_t)a->params[2].u.value.a, (uint32_t)a->params[2].u.value.b));

	a = sc_invoke_arg(s_test, 2, 4);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 1, 2, 0);
	sc_value(&a->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 3, 4, 0);
	sc_value(&a->params[2], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 9, 9, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.param.wrong_types", "test SUM with p2 VALUE_INOUT (not OUTPUT) returns BAD_PARAMETERS from the service",
		    a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ANY, NULL);
}

static void tmem_cases(void)
{
	const uint32_t n = 300;
	uint8_t *in = sc_data(0), *out = sc_data(0x1000);
	fill(in, n, 3);
	memset(out, 0, 0x400);

	struct optee_msg_arg *a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, sc_data_pa(0), n, 0xaaaa0001u);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x1000), 0x400, 0xaaaa0002u);
	uint32_t a0 = sc_call(a, NULL);
	const char *bad = NULL;
	if (a->params[1].u.tmem.size != n)
		bad = SC_DETAIL("p1.size %u, expected %u", (uint32_t)a->params[1].u.tmem.size, n);
	else if (memcmp(in, out, n))
		bad = "output bytes differ from the input";
	else if (!all_zero(out + n, 0x400 - n))
		bad = "bytes past the echoed length were written";
	sc_expect_call("ns.stdcall.param.tmem_in_out",
		    "test ECHO: 300 bytes TMEM_INPUT -> TMEM_OUTPUT (0x400 bytes) copies them, p1.size = 300", a0, a,
		    TEE_SUCCESS, SC_ORIGIN_TEE, bad);

	/* Too small an output: SHORT_BUFFER, size needed, no bytes written. */
	memset(out, 0, 0x400);
	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, sc_data_pa(0), 50, 1);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x1000), 10, 2);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.param.tmem_short_buffer",
		    "test ECHO of 50 bytes into a 10-byte TMEM_OUTPUT returns SHORT_BUFFER with p1.size = 50, writes nothing",
		    a0, a, TEE_ERROR_SHORT_BUFFER, SC_ORIGIN_TA,
		    a->params[1].u.tmem.size != 50 ? SC_DETAIL("p1.size %u", (uint32_t)a->params[1].u.tmem.size)
		    : !all_zero(out, 0x400) ? "output bytes written" : NULL);

	/* NULL memref size query. */
	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, sc_data_pa(0), 50, 1);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, 0, 0, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.param.null_memref_size_query",
		    "test ECHO of 50 bytes into a NULL TMEM_OUTPUT (buf_ptr 0) returns SHORT_BUFFER with p1.size = 50",
		    a0, a, TEE_ERROR_SHORT_BUFFER, SC_ORIGIN_TA,
		    a->params[1].u.tmem.size != 50 ? SC_DETAIL("p1.size %u", (uint32_t)a->params[1].u.tmem.size) : NULL);

	/* Outside the carve-out (reserved: refused) / anywhere in NS RAM (dynamic). */
	uint32_t far_pa = 0x48000000u;
	fill((uint8_t *)far_pa, 64, 9);
	memset((uint8_t *)far_pa + 0x1000, 0, 64);
	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, far_pa, 64, 1);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, far_pa + 0x1000, 64, 2);
	a0 = sc_call(a, NULL);
	if (sc_reserved)
		sc_expect_call("ns.stdcall.param.tmem_outside_carveout",
			    "reserved mode: a tmem in NS RAM outside the carve-out (0x48000000) returns BAD_PARAMETERS, origin TEE",
			    a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);
	else
		sc_expect_call("ns.stdcall.param.tmem_anywhere",
			    "dynamic mode: tmem in any NS RAM (0x48000000) works: ECHO copies 64 bytes", a0, a,
			    TEE_SUCCESS, SC_ORIGIN_TEE,
			    memcmp((uint8_t *)far_pa, (uint8_t *)far_pa + 0x1000, 64) ? "bytes differ" : NULL);

	/* A temporary page list (tmem + NONCONTIG) as the input. */
	static const unsigned tl_pages[2] = { 10, 11 };
	uint64_t *list = sc_lists[1];
	memset(list, 0, SC_PAGE);
	list[0] = (uint32_t)sc_pages[tl_pages[1]];
	list[1] = (uint32_t)sc_pages[tl_pages[0]];
	const uint32_t toff = 0xf00, tn = 1000;   /* 256 bytes in the first page, 744 in the second */
	fill(sc_pages[tl_pages[1]] + toff, SC_PAGE - toff, 17);
	fill(sc_pages[tl_pages[0]], tn - (SC_PAGE - toff), 17 + (uint8_t)((SC_PAGE - toff) * 7));
	memset(out, 0, 0x400);
	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG, (uint32_t)list | toff, tn, 3);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x1000), 0x400, 4);
	a0 = sc_call(a, NULL);
	uint8_t want[1000];
	fill(want, tn, 17);
	sc_expect_call("ns.stdcall.param.tmem_noncontig",
		    "a TMEM_INPUT|NONCONTIG page list (2 pages, out of order, offset 0xf00) is read in list order", a0, a,
		    TEE_SUCCESS, SC_ORIGIN_TEE,
		    a->params[1].u.tmem.size != tn ? SC_DETAIL("p1.size %u", (uint32_t)a->params[1].u.tmem.size)
		    : memcmp(out, want, tn) ? "bytes differ" : NULL);
}

/* ---- registered shm ------------------------------------------------------- */

/* The registered buffer: pages out of order, starting at an odd offset. */
static const unsigned rm_order[4] = { 5, 2, 9, 0 };
#define RM_OFF   0x123u
#define RM_SIZE  (3u * SC_PAGE + 100u)     /* 0x123 + 12388 bytes: 4 pages */
#define RM_COOKIE 0x1234567800000041ull

static uint8_t *rm_byte(uint32_t k)
{
	uint32_t pos = RM_OFF + k;
	return &sc_pages[rm_order[pos / SC_PAGE]][pos % SC_PAGE];
}

static void rm_fill(uint32_t seed)
{
	for (uint32_t k = 0; k < RM_SIZE; k++)
		*rm_byte(k) = (uint8_t)(k * 13u + seed);
}

static void shm_cases(void)
{
	uint64_t *list = sc_lists[0];
	memset(list, 0, SC_PAGE);
	for (unsigned i = 0; i < 4; i++)
		list[i] = (uint32_t)sc_pages[rm_order[i]];

	struct optee_msg_arg *a = sc_arg(0, OPTEE_MSG_CMD_REGISTER_SHM, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG, (uint32_t)list | RM_OFF,
	       RM_SIZE, RM_COOKIE);
	uint32_t a0 = sc_call(a, NULL);
	bool registered = a0 == 0 && a->ret == 0;
	sc_expect_call("ns.stdcall.shm.register",
		    "REGISTER_SHM (attr 0x20A) of a 4-page list, pages out of order, offset 0x123, 12388 bytes returns ret 0",
		    a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, NULL);

	/* ECHO through rmem at offsets spanning pages. */
	const uint32_t in_off = 100, n = 5000, out_off = 6000, out_size = 6000;
	rm_fill(1);
	for (uint32_t k = out_off; k < out_off + out_size; k++)
		*rm_byte(k) = 0;
	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, in_off, n, RM_COOKIE);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT, out_off, out_size, RM_COOKIE);
	a0 = sc_call(a, NULL);
	const char *bad = NULL;
	if (a->params[1].u.rmem.size != n)
		bad = SC_DETAIL("p1.size %u, expected %u", (uint32_t)a->params[1].u.rmem.size, n);
	for (uint32_t k = 0; k < n && !bad; k++)
		if (*rm_byte(out_off + k) != (uint8_t)((in_off + k) * 13u + 1))
			bad = SC_DETAIL("output byte %u is 0x%02x, expected 0x%02x", k, *rm_byte(out_off + k),
				     (uint8_t)((in_off + k) * 13u + 1));
	for (uint32_t k = out_off + n; k < out_off + out_size && !bad; k++)
		if (*rm_byte(k))
			bad = SC_DETAIL("byte %u past the echoed length written", k);
	for (uint32_t k = 0; k < out_off && !bad; k++)
		if (*rm_byte(k) != (uint8_t)(k * 13u + 1))
			bad = SC_DETAIL("byte %u before the output window changed", k);
	sc_expect_call("ns.stdcall.param.rmem_in_out",
		    "test ECHO: RMEM_INPUT offs 100 size 5000 -> RMEM_OUTPUT offs 6000 size 6000 (across scattered pages) copies the bytes",
		    a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, bad);

	/* rmem INOUT: RNG GET_ENTROPY across a page boundary. */
	const uint32_t r_off = 3700, r_n = 200;
	for (uint32_t k = r_off - 4; k < r_off + r_n + 4; k++)
		*rm_byte(k) = 0;
	a = sc_invoke_arg(s_rng, 0, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INOUT, r_off, r_n, RM_COOKIE);
	a0 = sc_call(a, NULL);
	bool zero = true, guard = true;
	for (uint32_t k = r_off; k < r_off + r_n; k++)
		zero &= *rm_byte(k) == 0;
	for (uint32_t k = 0; k < 4; k++)
		guard &= *rm_byte(r_off - 4 + k) == 0 && *rm_byte(r_off + r_n + k) == 0;
	sc_expect_call("ns.stdcall.param.rmem_inout",
		    "RNG GET_ENTROPY into RMEM_INOUT offs 3700 size 200 (crosses a page) fills it, size stays 200, neighbours untouched",
		    a0, a, TEE_SUCCESS, SC_ORIGIN_TEE,
		    a->params[0].u.rmem.size != r_n ? SC_DETAIL("p0.size %u", (uint32_t)a->params[0].u.rmem.size)
		    : zero ? "all 200 bytes still zero" : !guard ? "bytes outside the window written" : NULL);

	/* Bad rmem uses while registered. */
	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, RM_SIZE - 10, 11, RM_COOKIE);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x1000), 64, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.rmem_beyond_registration",
		    "rmem offs+size one byte past the registered size returns BAD_PARAMETERS, origin TEE", a0, a,
		    TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);

	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0xfffffffffffffff0ull, 0x20, RM_COOKIE);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x1000), 64, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.rmem_offs_wraps", "rmem offs 0xfffffffffffffff0 size 0x20 (wraps) returns BAD_PARAMETERS",
		    a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);

	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0, 16, 0x0badc00c1e000000ull);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x1000), 64, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.rmem_unregistered_cookie", "rmem with a cookie never registered returns BAD_PARAMETERS",
		    a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);

	/* Same cookie again: refused, the first registration still works. */
	uint32_t ret = sc_register(1, RM_COOKIE, (uint32_t)list, RM_OFF, 64);
	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, RM_SIZE - 16, 16, RM_COOKIE);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x1000), 64, 0);
	a0 = sc_call(a, NULL);
	ns_case("ns.stdcall.bad.register_twice",
		"REGISTER_SHM with a cookie already registered returns BAD_PARAMETERS; the first registration (12388 bytes) stays usable",
		ret == TEE_ERROR_BAD_PARAMETERS && a0 == 0 && a->ret == 0,
		"second REGISTER ret 0x%08x; using offs %u afterwards: a0 0x%x ret 0x%08x", ret, RM_SIZE - 16, a0, a->ret);

	ret = sc_unregister(1, 0x0badc00c1e000000ull);
	ns_case("ns.stdcall.bad.unregister_unknown", "UNREGISTER_SHM of a cookie never registered returns ITEM_NOT_FOUND",
		ret == TEE_ERROR_ITEM_NOT_FOUND, "ret 0x%08x", ret);

	/* Bad page lists. */
	uint64_t *bl = sc_lists[1];
	memset(bl, 0, SC_PAGE);
	bl[0] = (uint32_t)sc_pages[3];
	bl[1] = (uint32_t)sc_pages[4] + 0x10;
	ret = sc_register(1, 0x77, (uint32_t)bl, 0, 2 * SC_PAGE);
	ns_case("ns.stdcall.bad.pagelist_unaligned_page", "REGISTER_SHM whose 2nd page entry is not 4 KiB aligned returns BAD_PARAMETERS",
		ret == TEE_ERROR_BAD_PARAMETERS, "ret 0x%08x", ret);
	bl[1] = SC_SECURE_PA;
	ret = sc_register(1, 0x78, (uint32_t)bl, 0, 2 * SC_PAGE);
	ns_case("ns.stdcall.bad.pagelist_secure_page", "REGISTER_SHM with a page entry in secure RAM (0x0e000000) returns BAD_PARAMETERS",
		ret == TEE_ERROR_BAD_PARAMETERS, "ret 0x%08x", ret);
	ret = sc_register(1, 0x79, SC_SECURE_PA, 0, SC_PAGE);
	ns_case("ns.stdcall.bad.pagelist_in_secure_ram", "REGISTER_SHM whose page list itself is in secure RAM returns BAD_PARAMETERS",
		ret == TEE_ERROR_BAD_PARAMETERS, "ret 0x%08x", ret);
	bl[1] = 0;
	bl[0] = (uint32_t)sc_pages[3];
	ret = sc_register(1, 0x7a, (uint32_t)bl, 0, 0);
	ns_case("ns.stdcall.bad.register_size_zero", "REGISTER_SHM of 0 bytes returns BAD_PARAMETERS",
		ret == TEE_ERROR_BAD_PARAMETERS, "ret 0x%08x", ret);

	/* More than 511 pages: the list continues on a second list page (link at
	 * byte 4088). Data pages repeat (entry i = page i % 4). */
	const uint32_t big_pages = 600, big_off = 0x10;
	uint64_t *l0 = sc_lists[0], *l1 = sc_lists[1];
	for (uint32_t i = 0; i < big_pages; i++) {
		uint64_t *lp = i < 511 ? &l0[i] : &l1[i - 511];
		*lp = (uint32_t)sc_pages[i % 4];
	}
	l0[511] = (uint32_t)l1;
	ret = sc_register(1, 0x600, (uint32_t)l0, big_off, big_pages * SC_PAGE - big_off);
	const uint32_t in_pos = 515 * SC_PAGE + 100, out_pos = 530 * SC_PAGE + 200;   /* pages 3 and 2 */
	fill(sc_pages[515 % 4] + 100, 64, 0x5a);
	memset(sc_pages[530 % 4] + 200, 0, 64);
	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, in_pos - big_off, 64, 0x600);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT, out_pos - big_off, 64, 0x600);
	a0 = sc_call(a, NULL);
	uint8_t want[64];
	fill(want, 64, 0x5a);
	ns_case("ns.stdcall.shm.list_link",
		"REGISTER_SHM of 600 pages (second list page via the link at byte 4088) works; ECHO between pages 515 and 530 lands in the listed pages",
		ret == 0 && a0 == 0 && a->ret == 0 && !memcmp(sc_pages[530 % 4] + 200, want, 64),
		"REGISTER ret 0x%08x; ECHO a0 0x%x ret 0x%08x%s", ret, a0, a->ret,
		memcmp(sc_pages[530 % 4] + 200, want, 64) ? ", bytes not where expected" : "");
	uint32_t ret2 = sc_unregister(1, 0x600);
	l0[511] = (uint32_t)l1 + 8;
	ret = sc_register(1, 0x601, (uint32_t)l0, 0, big_pages * SC_PAGE);
	ns_case("ns.stdcall.bad.pagelist_link_unaligned", "a page list whose link to the next list page is not page aligned returns BAD_PARAMETERS",
		ret == TEE_ERROR_BAD_PARAMETERS && ret2 == 0, "ret 0x%08x (unregister of the good one 0x%08x)", ret, ret2);
	l0[511] = SC_SECURE_PA;
	ret = sc_register(1, 0x602, (uint32_t)l0, 0, big_pages * SC_PAGE);
	ns_case("ns.stdcall.bad.pagelist_link_secure", "a page list whose link points into secure RAM returns BAD_PARAMETERS",
		ret == TEE_ERROR_BAD_PARAMETERS, "ret 0x%08x", ret);

	/* Unregister, then the cookie is dead. */
	ret = sc_unregister(0, RM_COOKIE);
	ns_case("ns.stdcall.shm.unregister", "UNREGISTER_SHM (one RMEM_INPUT param with the cookie) returns ret 0",
		registered && ret == TEE_SUCCESS, "ret 0x%08x%s", ret, registered ? "" : " (REGISTER had failed)");
	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0, 16, RM_COOKIE);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x1000), 64, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.shm.use_after_unregister", "rmem with the unregistered cookie returns BAD_PARAMETERS, origin TEE",
		    a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);
	ret = sc_unregister(0, RM_COOKIE);
	ns_case("ns.stdcall.shm.unregister_twice", "a second UNREGISTER_SHM of the cookie returns ITEM_NOT_FOUND",
		ret == TEE_ERROR_ITEM_NOT_FOUND, "ret 0x%08x", ret);
}

/* ---- device enumeration, RNG ------------------------------------------------ */

static void devenum_cases(void)
{
	uint32_t sid = 0, ret = sc_open(0, sc_uuid_devenum, &sid);
	ns_case("ns.stdcall.devenum.open", "OPEN_SESSION to device enumeration 7011a688-... returns ret 0",
		ret == 0 && sid != 0, "ret 0x%08x session 0x%08x", ret, sid);

	struct optee_msg_arg *a = sc_invoke_arg(sid, 0, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, 0, 0, 0);
	uint32_t a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.devenum.size_query", "GET_DEVICES with a NULL memref returns SHORT_BUFFER, size 32 (two devices)",
		    a0, a, TEE_ERROR_SHORT_BUFFER, SC_ANY,
		    a->params[0].u.tmem.size != 32 ? SC_DETAIL("size %u", (uint32_t)a->params[0].u.tmem.size) : NULL);

	uint8_t *buf = sc_data(0x2000);
	memset(buf, 0xcc, 48);
	a = sc_invoke_arg(sid, 0, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x2000), 32, 0x5151);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.devenum.list",
		    "GET_DEVICES with 32 bytes returns the RNG (ab7a617c-...) and trusted-keys (f04a0fe7-...) UUID octets", a0, a,
		    TEE_SUCCESS, SC_ORIGIN_TEE,
		    a->params[0].u.tmem.size != 32 ? SC_DETAIL("size %u", (uint32_t)a->params[0].u.tmem.size)
		    : memcmp(buf, sc_uuid_rng, 16) || memcmp(buf + 16, sc_uuid_tk, 16) ? "octets differ"
		    : buf[32] != 0xcc ? "wrote past 32 bytes" : NULL);

	a = sc_invoke_arg(sid, 1, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, 0, 0, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.devenum.supp_empty", "GET_DEVICES_SUPP with a NULL memref returns success, size 0", a0, a,
		    TEE_SUCCESS, SC_ORIGIN_TEE,
		    a->params[0].u.tmem.size != 0 ? SC_DETAIL("size %u", (uint32_t)a->params[0].u.tmem.size) : NULL);

	ret = sc_close(0, sid);
	ns_case("ns.stdcall.devenum.close", "CLOSE_SESSION of the device enumeration session returns 0", ret == 0,
		"ret 0x%08x", ret);
}

static void rng_cases(void)
{
	struct optee_msg_arg *a = sc_invoke_arg(s_rng, 1, 1);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0x77, 0x88, 0x99);
	uint32_t a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.rng.info", "RNG GET_RNG_INFO (p0 VALUE_OUTPUT) returns success", a0, a, TEE_SUCCESS,
		    SC_ORIGIN_TEE, NULL);
	ns_printf("stdcall: rng info: rate %u, quality %u\n", (uint32_t)a->params[0].u.value.a,
		  (uint32_t)a->params[0].u.value.b);

	uint8_t *b1 = sc_data(0x3000), *b2 = sc_data(0x3100);
	memset(b1, 0, 80);
	memset(b2, 0, 80);
	a = sc_invoke_arg(s_rng, 0, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INOUT, sc_data_pa(0x3000), 64, 0x1);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.param.tmem_inout",
		    "RNG GET_ENTROPY into a 64-byte TMEM_INOUT fills it (not all zero), size stays 64, byte 64 untouched",
		    a0, a, TEE_SUCCESS, SC_ORIGIN_TEE,
		    a->params[0].u.tmem.size != 64 ? SC_DETAIL("size %u", (uint32_t)a->params[0].u.tmem.size)
		    : all_zero(b1, 64) ? "all zero" : b1[64] ? "wrote past 64 bytes" : NULL);
	a = sc_invoke_arg(s_rng, 0, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INOUT, sc_data_pa(0x3100), 64, 0x1);
	a0 = sc_call(a, NULL);
	ns_case("ns.stdcall.rng.entropy_differs", "two GET_ENTROPY calls of 64 bytes return different bytes",
		a0 == 0 && a->ret == 0 && memcmp(b1, b2, 64) != 0 && !all_zero(b2, 64), "a0 0x%x ret 0x%08x%s", a0, a->ret,
		memcmp(b1, b2, 64) ? "" : ", same bytes");

	a = sc_invoke_arg(s_rng, 0, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INOUT, sc_data_pa(0x3100), 4097, 0x1);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.rng.too_much", "GET_ENTROPY of 4097 bytes (over the 4096 limit) returns NOT_SUPPORTED", a0, a,
		    TEE_ERROR_NOT_SUPPORTED, SC_ANY, NULL);
}

/* ---- bad inputs ------------------------------------------------------------ */

static void bad_cases(void)
{
	struct optee_msg_arg *a = sc_arg(0, 99, 0);
	uint32_t a0 = sc_call(a, NULL);
	ns_case("ns.stdcall.bad.unknown_msg_cmd", "an arg with cmd 99 returns a0 = EBADCMD (5), ret not written",
		a0 == OPTEE_SMC_RETURN_EBADCMD && a->ret == SC_BAD_RET, "a0 0x%08x, ret 0x%08x", a0, a->ret);

	a = sc_invoke_arg(s_test, 0, 7);
	a0 = sc_call(a, NULL);
	ns_case("ns.stdcall.bad.num_params_7", "an arg with num_params 7 (more than 6) returns a0 = EBADADDR (4)",
		a0 == OPTEE_SMC_RETURN_EBADADDR && a->ret == SC_BAD_RET, "a0 0x%08x, ret 0x%08x", a0, a->ret);

	a = sc_invoke_arg(s_test, 0, 5);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.invoke_5_params", "INVOKE with 5 params (all NONE; at most 4) returns BAD_PARAMETERS, origin TEE",
		    a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);

	static const uint8_t nouuid[16] = { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	a = sc_arg(0, OPTEE_MSG_CMD_OPEN_SESSION, 2);
	a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, nouuid, 16);
	a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.open_unknown_uuid", "OPEN_SESSION to an unknown UUID returns ITEM_NOT_FOUND, origin TEE, session 0",
		    a0, a, TEE_ERROR_ITEM_NOT_FOUND, SC_ORIGIN_TEE, a->session ? "session set" : NULL);

	a = sc_arg(0, OPTEE_MSG_CMD_OPEN_SESSION, 2);
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, sc_uuid_hello, 16);
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.open_without_meta", "OPEN_SESSION whose two leading params lack ATTR_META returns BAD_PARAMETERS",
		    a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);

	a = sc_arg(0, OPTEE_MSG_CMD_OPEN_SESSION, 3);
	a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, sc_uuid_test, 16);
	a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	sc_mem(&a->params[2], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, SC_SECURE_PA, 16, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.open_secure_memref",
		       "OPEN_SESSION with a client TMEM_INPUT in secure RAM (a service takes no open params) returns BAD_PARAMETERS and no session",
		       a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ANY, a->session ? "session set" : NULL);

	a = sc_arg(0, OPTEE_MSG_CMD_OPEN_SESSION, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.open_no_params", "OPEN_SESSION with no params returns BAD_PARAMETERS", a0, a,
		    TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);

	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, SC_SECURE_PA, 64, 0);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x1000), 64, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.tmem_secure_ram", "a TMEM_INPUT at secure RAM 0x0e000000 returns BAD_PARAMETERS, origin TEE",
		    a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);
	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, sc_data_pa(0), 64, 0);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, SC_SECURE_PA, 64, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.tmem_output_secure_ram", "a TMEM_OUTPUT at secure RAM 0x0e000000 returns BAD_PARAMETERS",
		    a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);
	a = sc_invoke_arg(s_test, 0, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.still_serving_after_secure_memref", "after the secure-RAM memrefs, test NOOP still returns 0",
		    a0, a, TEE_SUCCESS, SC_ORIGIN_TEE, NULL);

	a = sc_invoke_arg(s_test, 1, 2);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, sc_data_pa(0), 1024 * 1024 + 1, 0);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0x1000), 64, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.memref_over_1mib", "a memref of 1 MiB + 1 bytes returns OUT_OF_MEMORY, origin TEE", a0, a,
		    TEE_ERROR_OUT_OF_MEMORY, SC_ORIGIN_TEE, NULL);

	a = sc_invoke_arg(s_test, 0, 1);
	a->params[0].attr = 0x4;	/* a type that does not exist */
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.param_type_4", "a param of the undefined type 4 returns BAD_PARAMETERS", a0, a,
		    TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);

	static const struct { uint32_t id; const char *name, *what; } bad_ids[] = {
		{ 0, "ns.stdcall.bad.session_zero", "INVOKE on session 0 returns BAD_PARAMETERS, origin TEE" },
		{ 0x12345678u, "ns.stdcall.bad.session_random", "INVOKE on session 0x12345678 returns BAD_PARAMETERS, origin TEE" },
		{ 0, "ns.stdcall.bad.session_stale", "INVOKE on the test session's id with another generation returns BAD_PARAMETERS" },
	};
	for (unsigned i = 0; i < NS_ARRAY_SIZE(bad_ids); i++) {
		uint32_t id = i == 2 ? s_test ^ 0x00010000u : bad_ids[i].id;
		a = sc_invoke_arg(id, 0, 0);
		a0 = sc_call(a, NULL);
		sc_expect_call(bad_ids[i].name, bad_ids[i].what, a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);
	}
	a = sc_arg(0, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = 0x12345678u;
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.bad.close_random", "CLOSE_SESSION of session 0x12345678 returns BAD_PARAMETERS", a0, a,
		    TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TEE, NULL);
}

void ns_payload_run(void)
{
	sc_init();
	ns_case("ns.stdcall.thread_count", "GET_THREAD_COUNT returns OK and at least 1 thread", sc_thread_count >= 1,
		"a1 %u", sc_thread_count);

	hello_cases();
	uint32_t r1 = sc_open(2, sc_uuid_test, &s_test);
	uint32_t r2 = sc_open(2, sc_uuid_rng, &s_rng);
	ns_case("ns.stdcall.test.open", "OPEN_SESSION to the test service and the RNG service return ret 0",
		r1 == 0 && r2 == 0 && s_test && s_rng, "test ret 0x%08x session 0x%x, rng ret 0x%08x session 0x%x", r1,
		s_test, r2, s_rng);

	value_cases();
	tmem_cases();
	shm_cases();
	devenum_cases();
	rng_cases();
	sc_tk_cases();
	bad_cases();
	sc_rpc_cases();
	sc_thread_cases();
	sc_foreign_intr_cases();
	sc_smp_cases();
	sc_rpcarg_cases();	/* RPC_ARG calls; before the closes and the leak check */
	sc_odd_cases();
	sc_limit_cases();

	sc_tk_close();
	r1 = sc_close(2, s_test);
	r2 = sc_close(2, s_rng);
	ns_case("ns.stdcall.test.close", "CLOSE_SESSION of the test and RNG sessions return 0", r1 == 0 && r2 == 0,
		"test 0x%08x, rng 0x%08x", r1, r2);
	sc_stats_case();
}

uint32_t sc_test_session(void)
{
	return s_test;
}
