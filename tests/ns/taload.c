/*
 * Payload "taload": the normal world serves OPTEE_RPC_CMD_LOAD_TA itself, as
 * tee-supplicant would (ta-abi.md A), from signed images linked into this
 * payload (taload_images.S, made at build time by tools/sign_ta.py with the
 * firmware's TA-signing key, and with another key). The APPL buffers are
 * answered as Linux answers them: a page list in dynamic mode, a contiguous
 * buffer in the carve-out in reserved mode.
 *
 * OPEN_SESSION of a good image (the test TA, tests/ta/test, variant 01)
 * opens a session, closed right away; every bad image gets its own code.
 */
#include "stdcall.h"

const char ns_payload_name[] = "taload";

extern const uint8_t img_good[], img_good_end[], img_pkcs1[], img_pkcs1_end[];
extern const uint8_t img_wrongkey[], img_wrongkey_end[], img_uuid_v[], img_uuid_v_end[];
extern const uint8_t img_wx[], img_wx_end[];

/* What the images are signed for (tests/ns/ns.mk). */
static const uint8_t uuid_u[16] = { 0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
				    0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0x01 };
static const uint8_t uuid_v[16] = { 0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
				    0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0x02 };

#define TL_MAX_IMAGE  (32u * 1024)
#define TL_SHM_PAGES  (TL_MAX_IMAGE / SC_PAGE + 1)

/* The "supplicant": what it serves and how it misbehaves. */
enum tl_fault {
	TL_OK,
	TL_SIZE_GARBAGE_RET,	/* size query answered ret 0x12345 */
	TL_SIZE_HUGE,		/* size query answers 2 MiB */
	TL_SIZE_ZERO,		/* size query answers 0 */
	TL_ALLOC_OOM,		/* SHM_ALLOC answered OUT_OF_MEMORY */
	TL_ALLOC_SECURE,	/* SHM_ALLOC answered with secure RAM */
	TL_ALLOC_BAD_ATTR,	/* SHM_ALLOC answered with a value param */
	TL_ALLOC_SHORT,		/* SHM_ALLOC answered with a smaller buffer */
	TL_ALLOC_OUTSIDE,	/* reserved mode: contiguous buffer outside the carve-out */
	TL_GREW,		/* second LOAD_TA: SHORT_BUFFER, size + 8 */
	TL_SHRANK,		/* second LOAD_TA: success, size - 4 */
	TL_LOAD_FAILS,		/* second LOAD_TA: ITEM_NOT_FOUND (file removed) */
	TL_FLIP_BYTE,		/* one bit flipped in the delivered ELF */
	TL_ENCRYPTED,		/* img_type 2 */
};

static struct {
	const uint8_t *img;
	uint32_t size;
	const uint8_t *uuid;	/* served for this UUID only */
	enum tl_fault fault;
	char order[16];		/* Q size query, A SHM_ALLOC, L LOAD_TA into it, F SHM_FREE */
	uint64_t cookie;	/* outstanding APPL buffer, 0 if none */
	unsigned outstanding;
	char err[120];
} tl;

static uint8_t shm_pages[TL_SHM_PAGES][SC_PAGE] __attribute__((aligned(4096)));
static uint64_t shm_list[SC_PAGE / 8] __attribute__((aligned(4096)));
static uint64_t cookie_gen = 0xa9900000ull;

static void tl_err(const char *what)
{
	if (!tl.err[0])
		ns_snprintf(tl.err, sizeof(tl.err), "%s", what);
}

static void note(char c)
{
	unsigned n = (unsigned)strlen(tl.order);
	if (n + 1 < sizeof(tl.order)) {
		tl.order[n] = c;
		tl.order[n + 1] = '\0';
	}
}

/* The buffer the current cookie names, as this side sees it. */
static uint8_t *shm_buffer(void)
{
	return sc_reserved ? sc_data(0) : shm_pages[0];
}

static void serve_alloc(struct optee_msg_arg *a)
{
	struct optee_msg_param *p = &a->params[0];
	uint32_t size = (uint32_t)p->u.value.b;

	note('A');
	if (a->num_params != 1 || p->attr != OPTEE_MSG_ATTR_TYPE_VALUE_INPUT ||
	    p->u.value.a != OPTEE_RPC_SHM_TYPE_APPL)
		tl_err("SHM_ALLOC not of one VALUE_INPUT param with type APPL");
	if (size > TL_MAX_IMAGE || tl.cookie) {
		a->ret = TEE_ERROR_OUT_OF_MEMORY;
		tl_err(tl.cookie ? "second SHM_ALLOC before FREE" : "SHM_ALLOC too large");
		return;
	}
	if (tl.fault == TL_ALLOC_OOM) {
		a->ret = TEE_ERROR_OUT_OF_MEMORY;
		return;
	}
	tl.cookie = ++cookie_gen;
	tl.outstanding++;
	a->ret = TEE_SUCCESS;
	p->u.tmem.shm_ref = tl.cookie;
	p->u.tmem.size = tl.fault == TL_ALLOC_SHORT ? size - 1 : size;
	if (tl.fault == TL_ALLOC_BAD_ATTR) {
		p->attr = OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT;
	} else if (tl.fault == TL_ALLOC_SECURE) {
		p->attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
		p->u.tmem.buf_ptr = SC_SECURE_PA;
	} else if (tl.fault == TL_ALLOC_OUTSIDE || sc_reserved) {
		/* Reserved: the static pool, contiguous, as Linux answers it. */
		p->attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
		p->u.tmem.buf_ptr = tl.fault == TL_ALLOC_OUTSIDE ? sc_pa(shm_pages[0]) : sc_data_pa(0);
	} else {
		/* Dynamic: a page list (last entry of a list page: the next one). */
		memset(shm_list, 0, sizeof(shm_list));
		for (uint32_t i = 0; i < TL_SHM_PAGES; i++)
			shm_list[i] = sc_pa(shm_pages[i]);
		p->attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
		p->u.tmem.buf_ptr = sc_pa(shm_list);
	}
}

static void serve_free(struct optee_msg_arg *a)
{
	struct optee_msg_param *p = &a->params[0];

	note('F');
	a->ret = TEE_SUCCESS;
	if (a->num_params != 1 || p->attr != OPTEE_MSG_ATTR_TYPE_VALUE_INPUT ||
	    p->u.value.a != OPTEE_RPC_SHM_TYPE_APPL || !tl.cookie || p->u.value.b != tl.cookie) {
		tl_err("SHM_FREE not of the APPL cookie handed out");
		return;
	}
	tl.cookie = 0;
	tl.outstanding--;
}

/* The second call's p1 must name the buffer as this mode's Linux expects. */
static bool names_buffer(const struct optee_msg_param *p)
{
	if (sc_reserved || tl.fault == TL_ALLOC_OUTSIDE)
		return p->attr == OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT && p->u.tmem.shm_ref == tl.cookie &&
		       p->u.tmem.buf_ptr == sc_data_pa(0);
	return p->attr == OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT && p->u.rmem.shm_ref == tl.cookie &&
	       p->u.rmem.offs == 0;
}

static void serve_load(struct optee_msg_arg *a)
{
	struct optee_msg_param *p = a->params;
	bool query = p[1].attr == OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT && !p[1].u.tmem.buf_ptr &&
		     !p[1].u.tmem.shm_ref;

	note(query ? 'Q' : 'L');
	if (a->num_params != 2 || p[0].attr != OPTEE_MSG_ATTR_TYPE_VALUE_INPUT) {
		tl_err("LOAD_TA not of 2 params with p0 VALUE_INPUT");
		a->ret = TEE_ERROR_BAD_PARAMETERS;
		return;
	}
	if (!tl.img || memcmp(p[0].u.octets, tl.uuid, 16)) {
		a->ret = TEE_ERROR_ITEM_NOT_FOUND;
		return;
	}
	if (query) {
		a->ret = tl.fault == TL_SIZE_GARBAGE_RET ? 0x12345u : TEE_SUCCESS;
		p[1].u.tmem.size = tl.fault == TL_SIZE_HUGE ? 2u << 20 :
				   tl.fault == TL_SIZE_ZERO ? 0 : tl.size;
		return;
	}
	if (!names_buffer(&p[1])) {
		tl_err("LOAD_TA p1 does not name the APPL buffer (attr/cookie/address)");
		a->ret = TEE_ERROR_BAD_PARAMETERS;
		return;
	}
	if (tl.fault == TL_LOAD_FAILS) {
		a->ret = TEE_ERROR_ITEM_NOT_FOUND;
		return;
	}
	if (tl.fault == TL_GREW || p[1].u.tmem.size < tl.size) {
		a->ret = TEE_ERROR_SHORT_BUFFER;
		p[1].u.tmem.size = tl.size + 8;
		return;
	}
	uint8_t *buf = shm_buffer();
	memcpy(buf, tl.img, tl.size);
	if (tl.fault == TL_FLIP_BYTE)
		buf[tl.size - 100] ^= 0x10;
	if (tl.fault == TL_ENCRYPTED)
		buf[4] = 2;
	a->ret = TEE_SUCCESS;
	p[1].u.tmem.size = tl.fault == TL_SHRANK ? tl.size - 4 : tl.size;
}

static bool tl_hook(struct optee_msg_arg *a)
{
	switch (a->cmd) {
	case OPTEE_RPC_CMD_LOAD_TA: serve_load(a); return true;
	case OPTEE_RPC_CMD_SHM_ALLOC: serve_alloc(a); return true;
	case OPTEE_RPC_CMD_SHM_FREE: serve_free(a); return true;
	default: return false;
	}
}

static void serve(const uint8_t *img, const uint8_t *end, const uint8_t *uuid, enum tl_fault f)
{
	memset(&tl, 0, sizeof(tl));
	tl.img = img;
	tl.size = (uint32_t)(end - img);
	tl.uuid = uuid;
	tl.fault = f;
}

/* OPEN_SESSION of uuid with the supplicant as configured; checks the code,
 * origin TEE, the RPC sequence and that every APPL buffer came back. */
static void open_case(const char *id, const char *what, const uint8_t *uuid, uint32_t want,
		      const char *want_order)
{
	struct sc_rpc rpc;
	struct optee_msg_arg *a = sc_arg(0, OPTEE_MSG_CMD_OPEN_SESSION, 2);

	a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, uuid, 16);
	a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memset(&rpc, 0, sizeof(rpc));
	uint32_t a0 = sc_call(a, &rpc);
	const char *extra = NULL;
	if (tl.err[0])
		extra = SC_DETAIL("supplicant side: %s (sequence %s)", tl.err, tl.order);
	else if (strcmp(tl.order, want_order))
		extra = SC_DETAIL("LOAD_TA sequence \"%s\", expected \"%s\"", tl.order, want_order);
	else if (tl.outstanding)
		extra = SC_DETAIL("%u APPL buffer(s) never freed", tl.outstanding);
	else if (rpc.err[0])
		extra = SC_DETAIL("RPC: %s", rpc.err);
	else if (a->session && want != TEE_SUCCESS)
		extra = "session set";
	else if (want == TEE_SUCCESS && !a->session)
		extra = "no session";
	sc_expect_call(id, what, a0, a, want, SC_ORIGIN_TEE, extra);
	if (a->session && sc_close(3, a->session))
		ns_printf("taload: CLOSE of session 0x%x failed\n", a->session);
}

#define IMG(x) img_##x, img_##x##_end

static void good_cases(void)
{
	serve(IMG(good), uuid_u, TL_OK);
	open_case("ns.taload.good_pss", "a PSS-signed image (firmware's key) is fetched (size, APPL alloc, load, free), verified and run: a session",
		  uuid_u, TEE_SUCCESS, "QALF");
	serve(IMG(pkcs1), uuid_u, TL_OK);
	open_case("ns.taload.good_pkcs1", "a PKCS#1 v1.5-signed image is verified and run: a session",
		  uuid_u, TEE_SUCCESS, "QALF");
}

static void missing_cases(void)
{
	serve(NULL, NULL, uuid_u, TL_OK);
	open_case("ns.taload.not_found", "the supplicant has no such TA (ITEM_NOT_FOUND to the size query): ITEM_NOT_FOUND, origin TEE, no alloc",
		  uuid_u, TEE_ERROR_ITEM_NOT_FOUND, "Q");
	serve(IMG(good), uuid_u, TL_LOAD_FAILS);
	open_case("ns.taload.gone_between_calls", "the file vanishes between the calls (ITEM_NOT_FOUND on the load): ITEM_NOT_FOUND, buffer freed",
		  uuid_u, TEE_ERROR_ITEM_NOT_FOUND, "QALF");
}

static void bad_image_cases(void)
{
	serve(IMG(wrongkey), uuid_u, TL_OK);
	open_case("ns.taload.wrong_key", "an image signed with another key: SECURITY", uuid_u,
		  TEE_ERROR_SECURITY, "QALF");
	serve(IMG(good), uuid_u, TL_FLIP_BYTE);
	open_case("ns.taload.tampered", "the good image with one ELF bit flipped: SECURITY", uuid_u,
		  TEE_ERROR_SECURITY, "QALF");
	serve(IMG(uuid_v), uuid_u, TL_OK);
	open_case("ns.taload.uuid_mismatch", "asked for U, served an image signed for V: SECURITY", uuid_u,
		  TEE_ERROR_SECURITY, "QALF");
	serve(IMG(uuid_v), uuid_v, TL_OK);
	open_case("ns.taload.ta_head_mismatch", "signed for V, asked for V, but its ta_head names U: SECURITY", uuid_v,
		  TEE_ERROR_SECURITY, "QALF");
	serve(IMG(good), uuid_u, TL_ENCRYPTED);
	open_case("ns.taload.encrypted", "an encrypted TA (img_type 2): NOT_SUPPORTED", uuid_u,
		  TEE_ERROR_NOT_SUPPORTED, "QALF");
	serve(IMG(wx), uuid_u, TL_OK);
	open_case("ns.taload.wx_segment", "a correctly signed ELF with a W+X segment: BAD_FORMAT", uuid_u,
		  TEE_ERROR_BAD_FORMAT, "QALF");
}

static void protocol_cases(void)
{
	serve(IMG(good), uuid_u, TL_SIZE_GARBAGE_RET);
	open_case("ns.taload.size_garbage_ret", "size query answered with ret 0x12345: COMMUNICATION, no alloc",
		  uuid_u, TEE_ERROR_COMMUNICATION, "Q");
	serve(IMG(good), uuid_u, TL_SIZE_HUGE);
	open_case("ns.taload.size_huge", "size query answers 2 MiB (over the 1 MiB limit): OUT_OF_MEMORY, no alloc",
		  uuid_u, TEE_ERROR_OUT_OF_MEMORY, "Q");
	serve(IMG(good), uuid_u, TL_SIZE_ZERO);
	open_case("ns.taload.size_zero", "size query answers 0: COMMUNICATION, no alloc", uuid_u,
		  TEE_ERROR_COMMUNICATION, "Q");
	serve(IMG(good), uuid_u, TL_ALLOC_OOM);
	open_case("ns.taload.alloc_oom", "SHM_ALLOC answered OUT_OF_MEMORY: OUT_OF_MEMORY, nothing to free",
		  uuid_u, TEE_ERROR_OUT_OF_MEMORY, "QA");
	serve(IMG(good), uuid_u, TL_ALLOC_SECURE);
	open_case("ns.taload.alloc_secure", "SHM_ALLOC answered with secure RAM: COMMUNICATION, the cookie freed, no load",
		  uuid_u, TEE_ERROR_COMMUNICATION, "QAF");
	serve(IMG(good), uuid_u, TL_ALLOC_BAD_ATTR);
	open_case("ns.taload.alloc_bad_attr", "SHM_ALLOC answered with a value param: COMMUNICATION, freed",
		  uuid_u, TEE_ERROR_COMMUNICATION, "QAF");
	serve(IMG(good), uuid_u, TL_ALLOC_SHORT);
	open_case("ns.taload.alloc_short", "SHM_ALLOC answered with a buffer one byte short: COMMUNICATION, freed",
		  uuid_u, TEE_ERROR_COMMUNICATION, "QAF");
	if (sc_reserved) {
		serve(IMG(good), uuid_u, TL_ALLOC_OUTSIDE);
		open_case("ns.taload.alloc_outside_carveout", "reserved mode: a contiguous buffer outside the carve-out: COMMUNICATION, freed",
			  uuid_u, TEE_ERROR_COMMUNICATION, "QAF");
	}
	serve(IMG(good), uuid_u, TL_GREW);
	open_case("ns.taload.size_grew", "the image grew between the calls (SHORT_BUFFER): COMMUNICATION, freed",
		  uuid_u, TEE_ERROR_COMMUNICATION, "QALF");
	serve(IMG(good), uuid_u, TL_SHRANK);
	open_case("ns.taload.size_shrank", "the image shrank between the calls: COMMUNICATION, freed",
		  uuid_u, TEE_ERROR_COMMUNICATION, "QALF");
}

void ns_payload_run(void)
{
	sc_init();
	sc_cmd_hook = tl_hook;
	good_cases();
	missing_cases();
	bad_image_cases();
	protocol_cases();
	/* After every refusal the TEE still serves: a good load, and a
	 * built-in service. */
	serve(IMG(good), uuid_u, TL_OK);
	open_case("ns.taload.good_again", "after all the refusals the good image verifies and runs again", uuid_u,
		  TEE_SUCCESS, "QALF");
	uint32_t s = 0, ret = sc_open(2, sc_uuid_test, &s);
	ns_case("ns.taload.builtin_still_served", "OPEN/CLOSE of the built-in test service still work", ret == 0 && s &&
		sc_close(2, s) == 0, "open ret 0x%08x session 0x%x", ret, s);
	ns_case("ns.taload.rpc_buffers_returned", "every RPC arg buffer ALLOCated was FREEd", sc_rpcbufs_in_use() == 0,
		"%u still out", sc_rpcbufs_in_use());
}
