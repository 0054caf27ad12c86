// SPDX-License-Identifier: BSD-2-Clause
/*
 * teec_tests: the GP TEE Client API (mintee libteec) against mintee's
 * services, run inside Linux on the real firmware.
 *
 *   teec_tests [-l] [-S] [-n CYCLES] [CASE...]
 *     -l         list the cases and exit
 *     -S         no summary line (when a runner prints its own)
 *     -n CYCLES  open/invoke/close cycles of linux.teec.stress (default 1000)
 *     CASE       run only these (names without the linux.teec. prefix)
 *
 * Output: one line per case,
 *   PASS linux.teec.<name>: <what>[ (<detail>)]
 *   FAIL linux.teec.<name>: <what> (<why>)
 *   SKIP linux.teec.<name>: <what> (<why>)
 * then "N passed, N failed" (", N skipped" when some were). Exit status 1 if
 * a case failed. Each case runs in its own process with a time limit, so a
 * crash or a hang is reported as that case's failure.
 *
 * What the cases expect of the secure side:
 *   hello-world (built-in) a189a48a-63ac-46b4-ad0f-b0da7c39ca81
 *     cmd 0: p0 VALUE_INOUT, a += 1;  cmd 1: p0 VALUE_INOUT, a -= 1
 *   test service 5ce0c432-0ab0-40e5-a056-782ca0e6aba2 (core/pta/test.c)
 *     cmd 0 no-op (any parameters)
 *     cmd 1 echo: p0 MEMREF_INPUT copied to p1 MEMREF_OUTPUT, p1 size = p0
 *           size; p1 too small (or NULL) -> TEEC_ERROR_SHORT_BUFFER with p1
 *           size = p0 size
 *     cmd 2 sum: p0, p1 VALUE_INPUT, p2 VALUE_OUTPUT a = p0.a+p0.b+p1.a+p1.b
 *     cmd 3 RPC: p0 VALUE_OUTPUT = GET_TIME from the normal world (a = s,
 *           b = ns)
 *     cmd 4 busy: p0 VALUE_INPUT a = milliseconds (<= 10000), p1
 *           VALUE_OUTPUT a = foreign interrupts taken; TEEC_SUCCESS (or
 *           TEEC_ERROR_CANCEL, should it ever honour cancellation)
 *     cmd 5 stats: p0 VALUE_OUTPUT a = open sessions, b = registered shm
 *           objects; p1 VALUE_OUTPUT a = threads in use (counting this call)
 *     cmds 20/21/22 secure storage PUT/GET/DEL: p0 MEMREF_INPUT object id, p1
 *           MEMREF_INPUT data (PUT) or MEMREF_OUTPUT (GET), p2 VALUE_INPUT a =
 *           stand-in TA 0 or 1 (core/include/storage_test.h); files under
 *           the supplicant's FS root, /<uuid>/ (docs/secure-storage.md)
 *   RNG ab7a617c-b8e7-4d8f-8301-d09b61036b64: cmd 0 p0 MEMREF_INOUT (the
 *     INOUT memref cases use it)
 *   unknown UUIDs: TEEC_ERROR_ITEM_NOT_FOUND, origin TEEC_ORIGIN_TEE
 *   all services accept logins PUBLIC, USER and GROUP
 *
 * The expectations on the library are those of OP-TEE's libteec (ta-abi.md
 * I.3), so the cases pass against upstream's libteec.so.1 as well. The one
 * exception is linux.teec.crash_refusals: calls with which upstream's
 * library dereferences NULL, and mintee's refuses; with the environment
 * variable TEEC_TESTS_UPSTREAM=1 it is skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tee_client_api.h"
#include "case_runner.h"
#include "teec_util.h"

#define CMD_NOOP   0
#define CMD_ECHO   1
#define CMD_SUM    2
#define CMD_RPC    3
#define CMD_BUSY   4
#define CMD_STATS  5
#define CMD_ST_PUT 20
#define CMD_ST_GET 21
#define CMD_ST_DEL 22

#define HELLO_INC  0
#define HELLO_DEC  1

#define UUID_UNKNOWN "d0e5a5ed-7e57-4a11-8000-00000000dead"

static unsigned int stress_cycles = 1000;

static const char *rs(TEEC_Result r)
{
	return teec_result_str(r);
}

static const char *os(uint32_t o)
{
	return teec_origin_str(o);
}

static void uuid_of(const char *s, TEEC_UUID *u)
{
	if (teec_uuid_parse(s, u))
		abort();
}

/* A context and a session to one service, closed by close_all(). */
struct conn {
	TEEC_Context ctx;
	TEEC_Session sess;
	bool have_ctx, have_sess;
};

/* Opens ctx + session; on failure sets msg and returns false. */
static bool connect_to(struct conn *c, const char *uuid_str, uint32_t login,
		       const void *data)
{
	TEEC_UUID uuid;
	TEEC_Result res;
	uint32_t origin = 0;

	memset(c, 0, sizeof(*c));
	uuid_of(uuid_str, &uuid);
	res = TEEC_InitializeContext(NULL, &c->ctx);
	if (res != TEEC_SUCCESS) {
		FAIL("TEEC_InitializeContext: %s", rs(res));
		return false;
	}
	c->have_ctx = true;
	res = TEEC_OpenSession(&c->ctx, &c->sess, &uuid, login, data, NULL,
			       &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("TEEC_OpenSession %s: %s, origin %s", uuid_str, rs(res),
		     os(origin));
		return false;
	}
	c->have_sess = true;
	return true;
}

static void close_all(struct conn *c)
{
	if (c->have_sess)
		TEEC_CloseSession(&c->sess);
	if (c->have_ctx)
		TEEC_FinalizeContext(&c->ctx);
	c->have_sess = c->have_ctx = false;
}

static TEEC_Result invoke(struct conn *c, uint32_t cmd, TEEC_Operation *op,
			  uint32_t *origin)
{
	*origin = 0;
	return TEEC_InvokeCommand(&c->sess, cmd, op, origin);
}

/* --------------------------------------------------------------- stats */

struct stats {
	uint32_t sessions, shm, threads;
};

static TEEC_Result stats_on(struct conn *c, struct stats *st)
{
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result res;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_VALUE_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	res = invoke(c, CMD_STATS, &op, &origin);
	if (res == TEEC_SUCCESS) {
		st->sessions = op.params[0].value.a;
		st->shm = op.params[0].value.b;
		st->threads = op.params[1].value.a;
	} else {
		FAIL("stats (cmd 5): %s, origin %s", rs(res), os(origin));
	}
	return res;
}

/* Stats seen from a fresh context + session (both counted in them). */
static bool stats_fresh(struct stats *st)
{
	struct conn c;
	bool ok;

	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL)) {
		close_all(&c);
		return false;
	}
	ok = stats_on(&c, st) == TEEC_SUCCESS;
	close_all(&c);
	return ok;
}

/* Two equal readings in a row: kernel-side TEE users may be busy at boot. */
static bool stats_stable(struct stats *st)
{
	struct stats prev;
	int n;

	if (!stats_fresh(&prev))
		return false;
	for (n = 0; n < 20; n++) {
		if (!stats_fresh(st))
			return false;
		if (!memcmp(st, &prev, sizeof(prev)))
			return true;
		prev = *st;
		sleep_ms(100);
	}
	return true;
}

/* Waits (5 s at most) for the figures to come back to base. */
static bool stats_back_to(const struct stats *base, struct stats *st)
{
	int n;

	for (n = 0; n < 50; n++) {
		if (!stats_fresh(st))
			return false;
		if (st->sessions == base->sessions && st->shm == base->shm &&
		    st->threads <= base->threads)
			return true;
		sleep_ms(100);
	}
	return false;
}

#define STATS_FMT "sessions %" PRIu32 ", shm %" PRIu32 ", threads %" PRIu32
#define STATS_ARGS(s) (s).sessions, (s).shm, (s).threads

/* --------------------------------------------------------------- cases */

static int t_context(void)
{
	TEEC_Context a, b;
	TEEC_Result res;

	res = TEEC_InitializeContext(NULL, &a);
	if (res != TEEC_SUCCESS)
		return FAIL("TEEC_InitializeContext: %s", rs(res));
	/* A second, independent connection at the same time. */
	res = TEEC_InitializeContext(NULL, &b);
	if (res != TEEC_SUCCESS) {
		TEEC_FinalizeContext(&a);
		return FAIL("second TEEC_InitializeContext: %s", rs(res));
	}
	TEEC_FinalizeContext(&b);
	TEEC_FinalizeContext(&a);
	/* Names: "optee-tz" (OP-TEE in TrustZone); nothing else. */
	res = TEEC_InitializeContext("optee-tz", &a);
	if (res != TEEC_SUCCESS)
		return FAIL("TEEC_InitializeContext(\"optee-tz\"): %s", rs(res));
	TEEC_FinalizeContext(&a);
	{
		static const char *const refused[] = { "/dev/tee0", "", "optee",
						       "/dev/no-such-tee" };
		unsigned int i;

		for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
			res = TEEC_InitializeContext(refused[i], &a);
			if (res == TEEC_SUCCESS)
				TEEC_FinalizeContext(&a);
			if (res != TEEC_ERROR_ITEM_NOT_FOUND)
				return FAIL("name \"%s\": %s, want TEEC_ERROR_ITEM_NOT_FOUND",
					    refused[i], rs(res));
		}
	}
	res = TEEC_InitializeContext(NULL, &a);
	if (res != TEEC_SUCCESS)
		return FAIL("TEEC_InitializeContext after finalize: %s", rs(res));
	TEEC_FinalizeContext(&a);
	return result(R_PASS, "reg_mem %d, memref_null %d", a.reg_mem,
		      a.memref_null);
}

static int t_hello_open_close(void)
{
	struct conn c;
	bool ok = connect_to(&c, MINTEE_UUID_HELLO_PTA, TEEC_LOGIN_PUBLIC,
			     NULL);

	close_all(&c);
	return ok ? R_PASS : R_FAIL;
}

static int hello_step(struct conn *c, uint32_t cmd, uint32_t in,
		      uint32_t want)
{
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = in;
	op.started = 0x5ca1ab1e;
	res = invoke(c, cmd, &op, &origin);
	if (res != TEEC_SUCCESS)
		return FAIL("cmd %" PRIu32 " on %" PRIu32 ": %s, origin %s",
			    cmd, in, rs(res), os(origin));
	if (origin != TEEC_ORIGIN_TRUSTED_APP)
		return FAIL("success with origin %s", os(origin));
	if (op.params[0].value.a != want)
		return FAIL("cmd %" PRIu32 " on %" PRIu32 " gave %" PRIu32
			    ", want %" PRIu32, cmd, in, op.params[0].value.a,
			    want);
	if (op.started != 0x5ca1ab1e)
		return FAIL("operation.started changed to 0x%" PRIx32
			    " (the library must leave it alone)", op.started);
	return R_PASS;
}

static int t_hello_inc_dec(void)
{
	struct conn c;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_HELLO_PTA, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	if (hello_step(&c, HELLO_INC, 41, 42) != R_PASS ||
	    hello_step(&c, HELLO_DEC, 42, 41) != R_PASS ||
	    hello_step(&c, HELLO_INC, 0xffffffffu, 0) != R_PASS ||
	    hello_step(&c, HELLO_DEC, 0, 0xffffffffu) != R_PASS)
		goto out;
	r = result(R_PASS, "41 -> 42 -> 41, wraps at 2^32");
out:
	close_all(&c);
	return r;
}

static int t_login_methods(void)
{
	gid_t gid = getegid();
	struct conn c;
	uint32_t origin;
	TEEC_UUID uuid;
	TEEC_Result res;

	char why[sizeof(msg)];

	if (!connect_to(&c, MINTEE_UUID_HELLO_PTA, TEEC_LOGIN_USER, NULL)) {
		close_all(&c);
		snprintf(why, sizeof(why), "%s", msg);
		return FAIL("LOGIN_USER: %s", why);
	}
	close_all(&c);
	if (!connect_to(&c, MINTEE_UUID_HELLO_PTA, TEEC_LOGIN_GROUP, &gid)) {
		close_all(&c);
		snprintf(why, sizeof(why), "%s", msg);
		return FAIL("LOGIN_GROUP: %s", why);
	}
	close_all(&c);

	/*
	 * The library passes every login to the kernel, which computes no
	 * APPLICATION identity and refuses unknown methods: EINVAL, which
	 * the library reports as BAD_PARAMETERS from COMMS (as upstream's).
	 */
	uuid_of(MINTEE_UUID_HELLO_PTA, &uuid);
	if (TEEC_InitializeContext(NULL, &c.ctx) != TEEC_SUCCESS)
		return FAIL("TEEC_InitializeContext");
	{
		static const uint32_t refused[] = {
			TEEC_LOGIN_APPLICATION, TEEC_LOGIN_USER_APPLICATION,
			TEEC_LOGIN_GROUP_APPLICATION, 0x77 };
		unsigned int i;

		for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
			origin = 0;
			res = TEEC_OpenSession(&c.ctx, &c.sess, &uuid,
					       refused[i],
					       refused[i] == TEEC_LOGIN_GROUP_APPLICATION ?
					       &gid : NULL, NULL, &origin);
			if (res == TEEC_SUCCESS)
				TEEC_CloseSession(&c.sess);
			if (res != TEEC_ERROR_BAD_PARAMETERS ||
			    origin != TEEC_ORIGIN_COMMS) {
				TEEC_FinalizeContext(&c.ctx);
				return FAIL("login 0x%" PRIx32 ": %s, origin %s; want TEEC_ERROR_BAD_PARAMETERS from COMMS",
					    refused[i], rs(res), os(origin));
			}
		}
	}
	TEEC_FinalizeContext(&c.ctx);
	return result(R_PASS, "PUBLIC, USER, GROUP %u accepted; APPLICATION logins and 0x77 refused by the kernel",
		      (unsigned int)gid);
}

static int t_unknown_uuid(void)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_UUID uuid;
	TEEC_Result res;
	uint32_t origin = 0;

	uuid_of(UUID_UNKNOWN, &uuid);
	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		return FAIL("TEEC_InitializeContext: %s", rs(res));
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res == TEEC_SUCCESS)
		TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	if (res != TEEC_ERROR_ITEM_NOT_FOUND || origin != TEEC_ORIGIN_TEE)
		return FAIL("%s, origin %s; want TEEC_ERROR_ITEM_NOT_FOUND, TEEC_ORIGIN_TEE",
			    rs(res), os(origin));
	return R_PASS;
}

static int t_noop(void)
{
	struct conn c;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	/* No operation at all, then an all-NONE one. */
	res = invoke(&c, CMD_NOOP, NULL, &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("NULL operation: %s, origin %s", rs(res), os(origin));
		goto out;
	}
	memset(&op, 0, sizeof(op));
	res = invoke(&c, CMD_NOOP, &op, &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("all-NONE operation: %s, origin %s", rs(res), os(origin));
		goto out;
	}
	r = R_PASS;
out:
	close_all(&c);
	return r;
}

static int t_value_sum(void)
{
	struct conn c;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_INPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE);
	op.params[0].value.a = 1000;
	op.params[0].value.b = 200;
	op.params[1].value.a = 30;
	op.params[1].value.b = 4;
	op.params[2].value.a = 0xdeadbeef;
	res = invoke(&c, CMD_SUM, &op, &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("%s, origin %s", rs(res), os(origin));
		goto out;
	}
	if (op.params[2].value.a != 1234) {
		FAIL("p2.a = %" PRIu32 ", want 1234", op.params[2].value.a);
		goto out;
	}
	/* Inputs are not written back. */
	if (op.params[0].value.a != 1000 || op.params[1].value.b != 4) {
		FAIL("VALUE_INPUT parameters changed");
		goto out;
	}
	r = result(R_PASS, "1000+200+30+4 = 1234");
out:
	close_all(&c);
	return r;
}

/*
 * cmd 1 with temporary memrefs of the given types; out_len may be smaller
 * than in_len (then SHORT_BUFFER is expected). Guard bytes around the
 * output buffer must stay untouched.
 */
static int echo_temp(struct conn *c, uint32_t tin, uint32_t tout,
		     size_t in_len, size_t out_len)
{
	const size_t guard = 16;
	uint8_t *in = malloc(in_len), *out = malloc(out_len + 2 * guard);
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	size_t bad;
	int r = R_FAIL;

	if (!in || !out) {
		FAIL("out of memory");
		goto out;
	}
	fill(in, in_len, 3);
	memset(out, 0xa5, out_len + 2 * guard);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(tin, tout, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = in;
	op.params[0].tmpref.size = in_len;
	op.params[1].tmpref.buffer = out + guard;
	op.params[1].tmpref.size = out_len;
	res = invoke(c, CMD_ECHO, &op, &origin);
	if (out_len < in_len) {
		if (res != TEEC_ERROR_SHORT_BUFFER) {
			FAIL("%zu bytes into %zu: %s, origin %s; want TEEC_ERROR_SHORT_BUFFER",
			     in_len, out_len, rs(res), os(origin));
			goto out;
		}
		if (op.params[1].tmpref.size != in_len) {
			FAIL("SHORT_BUFFER reported size %zu, want %zu",
			     op.params[1].tmpref.size, in_len);
			goto out;
		}
		bad = first_not(out, out_len + 2 * guard, 0xa5);
		if (bad != out_len + 2 * guard) {
			FAIL("SHORT_BUFFER: output buffer written (byte %zu)",
			     bad);
			goto out;
		}
		r = R_PASS;
		goto out;
	}
	if (res != TEEC_SUCCESS) {
		FAIL("echo %zu bytes: %s, origin %s", in_len, rs(res),
		     os(origin));
		goto out;
	}
	if (op.params[1].tmpref.size != in_len) {
		FAIL("output size %zu, want %zu", op.params[1].tmpref.size,
		     in_len);
		goto out;
	}
	if (memcmp(out + guard, in, in_len)) {
		FAIL("echoed data differs");
		goto out;
	}
	if (first_not(out, guard, 0xa5) != guard ||
	    first_not(out + guard + in_len, out_len - in_len + guard, 0xa5) !=
		    out_len - in_len + guard) {
		FAIL("bytes outside the output written");
		goto out;
	}
	if (op.params[0].tmpref.size != in_len) {
		FAIL("input size changed to %zu", op.params[0].tmpref.size);
		goto out;
	}
	r = R_PASS;
out:
	free(in);
	free(out);
	return r;
}

static int t_memref_temp(void)
{
	static const size_t sizes[] = { 1, 100, 4096, 4097, 3 * 4096 + 123 };
	struct conn c;
	unsigned int i;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (echo_temp(&c, TEEC_MEMREF_TEMP_INPUT,
			      TEEC_MEMREF_TEMP_OUTPUT, sizes[i],
			      sizes[i] + 8) != R_PASS)
			goto out;
	r = result(R_PASS, "TEMP_INPUT -> TEMP_OUTPUT, 1..12411 bytes");
out:
	close_all(&c);
	return r;
}

static int t_short_buffer(void)
{
	struct conn c;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	if (echo_temp(&c, TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT, 64,
		      16) != R_PASS)
		goto out;
	r = result(R_PASS, "64 bytes into 16: SHORT_BUFFER, size 64");
out:
	close_all(&c);
	return r;
}

/* Output memref with a NULL buffer: a size query. */
static int t_size_query(void)
{
	uint8_t in[64];
	struct conn c;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	fill(in, sizeof(in), 9);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].tmpref.buffer = in;
	op.params[0].tmpref.size = sizeof(in);
	op.params[1].tmpref.buffer = NULL;
	op.params[1].tmpref.size = 0;
	res = invoke(&c, CMD_ECHO, &op, &origin);
	if (res != TEEC_ERROR_SHORT_BUFFER ||
	    op.params[1].tmpref.size != sizeof(in)) {
		FAIL("%s, origin %s, size %zu; want TEEC_ERROR_SHORT_BUFFER, size %zu",
		     rs(res), os(origin), op.params[1].tmpref.size, sizeof(in));
		goto out;
	}
	r = result(R_PASS, "%s", c.ctx.memref_null ?
		   "NULL memref passed to the TEE (MEMREF_NULL)" :
		   "no MEMREF_NULL: passed as an empty buffer");
out:
	close_all(&c);
	return r;
}

/* cmd 1 between two shared memory blocks, whole or partial. */
static int echo_shm(struct conn *c, TEEC_SharedMemory *src, size_t soff,
		    TEEC_SharedMemory *dst, size_t doff, size_t len,
		    bool whole)
{
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	uint8_t *s = src->buffer, *d = dst->buffer;
	size_t bad;

	fill(s, src->size, 11);
	memset(d, 0x5a, dst->size);
	memset(&op, 0, sizeof(op));
	if (whole) {
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE,
						 TEEC_MEMREF_WHOLE, TEEC_NONE,
						 TEEC_NONE);
		len = src->size;
		soff = doff = 0;
	} else {
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT,
						 TEEC_MEMREF_PARTIAL_OUTPUT,
						 TEEC_NONE, TEEC_NONE);
	}
	op.params[0].memref.parent = src;
	op.params[0].memref.offset = soff;
	op.params[0].memref.size = len;
	op.params[1].memref.parent = dst;
	op.params[1].memref.offset = doff;
	op.params[1].memref.size = whole ? dst->size : len;
	res = invoke(c, CMD_ECHO, &op, &origin);
	if (res != TEEC_SUCCESS)
		return FAIL("%s echo of %zu bytes: %s, origin %s",
			    whole ? "WHOLE" : "PARTIAL", len, rs(res),
			    os(origin));
	if (op.params[1].memref.size != len)
		return FAIL("output size %zu, want %zu",
			    op.params[1].memref.size, len);
	if (memcmp(d + doff, s + soff, len))
		return FAIL("echoed data differs");
	bad = first_not(d, doff, 0x5a);
	if (bad != doff)
		return FAIL("byte %zu before the output range written", bad);
	bad = first_not(d + doff + len, dst->size - doff - len, 0x5a);
	if (bad != dst->size - doff - len)
		return FAIL("byte %zu after the output range written",
			    doff + len + bad);
	return R_PASS;
}

static const char *shm_path(const TEEC_SharedMemory *shm)
{
	return shm->shadow_buffer ? "shadow" : "registered";
}

static int t_memref_whole(void)
{
	TEEC_SharedMemory a, b;
	struct conn c;
	TEEC_Result res;
	int r = R_FAIL, have = 0;

	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.size = b.size = 5000;
	a.flags = TEEC_MEM_INPUT;   /* WHOLE -> MEMREF_INPUT */
	b.flags = TEEC_MEM_OUTPUT;  /* WHOLE -> MEMREF_OUTPUT */
	res = TEEC_AllocateSharedMemory(&c.ctx, &a);
	if (res != TEEC_SUCCESS) {
		FAIL("TEEC_AllocateSharedMemory: %s", rs(res));
		goto out;
	}
	have = 1;
	res = TEEC_AllocateSharedMemory(&c.ctx, &b);
	if (res != TEEC_SUCCESS) {
		FAIL("TEEC_AllocateSharedMemory: %s", rs(res));
		goto out;
	}
	have = 2;
	if (echo_shm(&c, &a, 0, &b, 0, 0, true) != R_PASS)
		goto out;
	r = result(R_PASS, "allocated blocks, 5000 bytes");
out:
	if (have > 1)
		TEEC_ReleaseSharedMemory(&b);
	if (have > 0)
		TEEC_ReleaseSharedMemory(&a);
	close_all(&c);
	return r;
}

/*
 * Application buffers (unaligned, spanning pages) registered, partial
 * references at offsets that cross page boundaries.
 */
static int t_memref_partial(void)
{
	const size_t size = 3 * 4096 + 100;
	uint8_t *ba = malloc(size + 64), *bb = malloc(size + 64);
	TEEC_SharedMemory a, b;
	struct conn c;
	TEEC_Result res;
	int r = R_FAIL, have = 0;

	if (!ba || !bb) {
		FAIL("out of memory");
		goto out_free;
	}
	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.buffer = ba + 13;
	b.buffer = bb + 29;
	a.size = b.size = size;
	a.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	b.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	res = TEEC_RegisterSharedMemory(&c.ctx, &a);
	if (res != TEEC_SUCCESS) {
		FAIL("TEEC_RegisterSharedMemory: %s", rs(res));
		goto out;
	}
	have = 1;
	res = TEEC_RegisterSharedMemory(&c.ctx, &b);
	if (res != TEEC_SUCCESS) {
		FAIL("TEEC_RegisterSharedMemory: %s", rs(res));
		goto out;
	}
	have = 2;
	if (echo_shm(&c, &a, 4000, &b, 123, 300, false) != R_PASS ||
	    echo_shm(&c, &a, 0, &b, 4096 * 2 + 7, 4096, false) != R_PASS ||
	    echo_shm(&c, &a, size - 1, &b, size - 1, 1, false) != R_PASS)
		goto out;
	r = result(R_PASS, "registered buffers (%s), offsets 0..%zu",
		   shm_path(&a), size - 1);
out:
	if (have > 1)
		TEEC_ReleaseSharedMemory(&b);
	if (have > 0)
		TEEC_ReleaseSharedMemory(&a);
	close_all(&c);
out_free:
	free(ba);
	free(bb);
	return r;
}

/*
 * INOUT memrefs of a registered block (PARTIAL_INOUT at an offset, WHOLE of
 * an INPUT|OUTPUT block) into the RNG service, which wants MEMREF_INOUT:
 * random bytes land in the range, nothing outside it changes.
 */
static int rng_into(struct conn *c, TEEC_SharedMemory *shm, uint32_t type,
		    size_t offs, size_t len)
{
	uint8_t *b = shm->buffer;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	size_t got, bad;

	memset(b, 0, shm->size);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(type, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = shm;
	op.params[0].memref.offset = offs;
	op.params[0].memref.size = len;
	res = invoke(c, 0, &op, &origin);
	if (res != TEEC_SUCCESS)
		return FAIL("%s: %s, origin %s",
			    type == TEEC_MEMREF_WHOLE ? "WHOLE" : "PARTIAL_INOUT",
			    rs(res), os(origin));
	got = op.params[0].memref.size;
	if (!got || got > len)
		return FAIL("%zu bytes returned for %zu", got, len);
	if (got >= 8 && first_not(b + offs, got, 0) == got)
		return FAIL("%zu zero bytes", got);
	bad = first_not(b, offs, 0);
	if (bad != offs)
		return FAIL("byte %zu before the range written", bad);
	bad = first_not(b + offs + got, shm->size - offs - got, 0);
	if (bad != shm->size - offs - got)
		return FAIL("byte %zu after the range written",
			    offs + got + bad);
	return R_PASS;
}

static int t_memref_inout(void)
{
	uint8_t buf[3000];
	TEEC_SharedMemory a, w;
	struct conn c;
	TEEC_Result res;
	int r = R_FAIL, have = 0;

	if (!connect_to(&c, MINTEE_UUID_RNG, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	memset(&a, 0, sizeof(a));
	a.buffer = buf;
	a.size = sizeof(buf);
	a.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	res = TEEC_RegisterSharedMemory(&c.ctx, &a);
	if (res != TEEC_SUCCESS) {
		FAIL("TEEC_RegisterSharedMemory: %s", rs(res));
		goto out;
	}
	have = 1;
	if (rng_into(&c, &a, TEEC_MEMREF_PARTIAL_INOUT, 1000, 48) != R_PASS ||
	    rng_into(&c, &a, TEEC_MEMREF_PARTIAL_INOUT, 2990, 10) != R_PASS)
		goto out;
	memset(&w, 0, sizeof(w));
	w.size = 512;
	w.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT; /* WHOLE -> MEMREF_INOUT */
	res = TEEC_AllocateSharedMemory(&c.ctx, &w);
	if (res != TEEC_SUCCESS) {
		FAIL("TEEC_AllocateSharedMemory: %s", rs(res));
		goto out;
	}
	have = 2;
	if (rng_into(&c, &w, TEEC_MEMREF_WHOLE, 0, w.size) != R_PASS)
		goto out;
	r = result(R_PASS, "PARTIAL_INOUT of a %s block, WHOLE of an allocated one",
		   shm_path(&a));
out:
	if (have > 1)
		TEEC_ReleaseSharedMemory(&w);
	if (have)
		TEEC_ReleaseSharedMemory(&a);
	close_all(&c);
	return r;
}

/*
 * Which way application memory reaches the TEE: registered in place when the
 * driver offers REG_MEM (dynamic shared memory), shadow copies otherwise
 * (reserved pool). Read-only memory cannot be pinned for writing and takes
 * the shadow way in either mode.
 */
static int t_shm_paths(void)
{
	static const uint8_t ro_data[256] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	uint8_t *heap = malloc(8192);
	TEEC_SharedMemory reg, ro, alloc, out;
	struct conn c;
	TEEC_Result res;
	int r = R_FAIL, n = 0;
	bool want_shadow;

	if (!heap)
		return FAIL("out of memory");
	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	want_shadow = !c.ctx.reg_mem;
	memset(&reg, 0, sizeof(reg));
	memset(&ro, 0, sizeof(ro));
	memset(&alloc, 0, sizeof(alloc));
	memset(&out, 0, sizeof(out));
	reg.buffer = heap;
	reg.size = 8192;
	reg.flags = TEEC_MEM_INPUT;
	res = TEEC_RegisterSharedMemory(&c.ctx, &reg);
	if (res != TEEC_SUCCESS) {
		FAIL("register heap buffer: %s", rs(res));
		goto out;
	}
	n = 1;
	if ((reg.shadow_buffer != NULL) != want_shadow) {
		FAIL("heap buffer took the %s path with reg_mem %d",
		     shm_path(&reg), c.ctx.reg_mem);
		goto out;
	}
	ro.buffer = (void *)ro_data;
	ro.size = sizeof(ro_data);
	ro.flags = TEEC_MEM_INPUT;
	res = TEEC_RegisterSharedMemory(&c.ctx, &ro);
	if (res != TEEC_SUCCESS) {
		FAIL("register read-only buffer: %s", rs(res));
		goto out;
	}
	n = 2;
	alloc.size = 8192;
	alloc.flags = TEEC_MEM_INPUT;
	res = TEEC_AllocateSharedMemory(&c.ctx, &alloc);
	if (res != TEEC_SUCCESS) {
		FAIL("allocate: %s", rs(res));
		goto out;
	}
	n = 3;
	out.size = 8192;
	out.flags = TEEC_MEM_OUTPUT;
	res = TEEC_AllocateSharedMemory(&c.ctx, &out);
	if (res != TEEC_SUCCESS) {
		FAIL("allocate: %s", rs(res));
		goto out;
	}
	n = 4;
	if (echo_shm(&c, &reg, 0, &out, 0, 0, true) != R_PASS ||
	    echo_shm(&c, &alloc, 0, &out, 0, 0, true) != R_PASS)
		goto out;
	/* read-only data: compare without rewriting it */
	{
		TEEC_Operation op;
		uint32_t origin;

		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE,
						 TEEC_MEMREF_WHOLE, TEEC_NONE,
						 TEEC_NONE);
		op.params[0].memref.parent = &ro;
		op.params[1].memref.parent = &out;
		res = invoke(&c, CMD_ECHO, &op, &origin);
		if (res != TEEC_SUCCESS ||
		    op.params[1].memref.size != sizeof(ro_data) ||
		    memcmp(out.buffer, ro_data, sizeof(ro_data))) {
			FAIL("read-only buffer echo: %s, origin %s", rs(res),
			     os(origin));
			goto out;
		}
	}
	r = result(R_PASS, "path: %s; application buffer %s, read-only buffer %s",
		   c.ctx.reg_mem ? "REG_MEM, buffers registered in place (dynamic shm)" :
				   "shadow buffers from TEE_IOC_SHM_ALLOC (reserved shm)",
		   shm_path(&reg), shm_path(&ro));
out:
	if (n > 3)
		TEEC_ReleaseSharedMemory(&out);
	if (n > 2)
		TEEC_ReleaseSharedMemory(&alloc);
	if (n > 1)
		TEEC_ReleaseSharedMemory(&ro);
	if (n > 0)
		TEEC_ReleaseSharedMemory(&reg);
	close_all(&c);
	free(heap);
	return r;
}

/* cmd 3: the service asks the normal world for the time (an RPC). */
static int t_rpc(void)
{
	struct timespec ts;
	struct conn c;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	int64_t diff;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	res = invoke(&c, CMD_RPC, &op, &origin);
	clock_gettime(CLOCK_REALTIME, &ts);
	if (res != TEEC_SUCCESS) {
		FAIL("%s, origin %s", rs(res), os(origin));
		goto out;
	}
	diff = (int64_t)ts.tv_sec - (int64_t)op.params[0].value.a;
	if (diff < -2 || diff > 10 || op.params[0].value.b >= 1000000000u) {
		FAIL("GET_TIME %" PRIu32 ".%09" PRIu32 " s, Linux says %lld s",
		     op.params[0].value.a, op.params[0].value.b,
		     (long long)ts.tv_sec);
		goto out;
	}
	r = result(R_PASS, "GET_TIME %" PRIu32 ".%09" PRIu32 " s",
		   op.params[0].value.a, op.params[0].value.b);
out:
	close_all(&c);
	return r;
}

/* The stats move with sessions (and with registrations when REG_MEM). */
static int t_stats(void)
{
	struct conn extra[3];
	struct stats base, st;
	TEEC_SharedMemory shm;
	TEEC_Context ctx;
	bool reg;
	int i, r = R_FAIL, n = 0;

	if (!stats_stable(&base))
		return R_FAIL;
	if (base.sessions < 1 || base.threads < 1)
		return FAIL("implausible " STATS_FMT, STATS_ARGS(base));
	for (n = 0; n < 3; n++)
		if (!connect_to(&extra[n], MINTEE_UUID_HELLO_PTA,
				TEEC_LOGIN_PUBLIC, NULL)) {
			close_all(&extra[n]);
			goto out;
		}
	if (!stats_fresh(&st))
		goto out;
	if (st.sessions != base.sessions + 3) {
		FAIL("3 more sessions: %" PRIu32 " -> %" PRIu32,
		     base.sessions, st.sessions);
		goto out;
	}
	for (i = 0; i < 3; i++)
		close_all(&extra[i]);
	n = 0;
	if (!stats_back_to(&base, &st)) {
		FAIL("after closing them: " STATS_FMT ", was " STATS_FMT,
		     STATS_ARGS(st), STATS_ARGS(base));
		goto out;
	}

	if (TEEC_InitializeContext(NULL, &ctx) != TEEC_SUCCESS) {
		FAIL("TEEC_InitializeContext");
		goto out;
	}
	reg = ctx.reg_mem;
	memset(&shm, 0, sizeof(shm));
	shm.size = 4096;
	shm.flags = TEEC_MEM_INPUT;
	if (TEEC_AllocateSharedMemory(&ctx, &shm) != TEEC_SUCCESS) {
		TEEC_FinalizeContext(&ctx);
		FAIL("TEEC_AllocateSharedMemory");
		goto out;
	}
	i = stats_fresh(&st);
	TEEC_ReleaseSharedMemory(&shm);
	TEEC_FinalizeContext(&ctx);
	if (!i)
		goto out;
	/* Only REGISTER_SHM'ed blocks are the secure world's to count. */
	if (reg && st.shm != base.shm + 1) {
		FAIL("one more registered block: shm %" PRIu32 " -> %" PRIu32,
		     base.shm, st.shm);
		goto out;
	}
	if (!stats_back_to(&base, &st)) {
		FAIL("after releasing it: " STATS_FMT ", was " STATS_FMT,
		     STATS_ARGS(st), STATS_ARGS(base));
		goto out;
	}
	r = result(R_PASS, "baseline " STATS_FMT, STATS_ARGS(base));
out:
	while (n-- > 0)
		close_all(&extra[n]);
	return r;
}

static int t_stress(void)
{
	struct stats base, st;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_UUID uuid;
	TEEC_Result res;
	uint32_t origin;
	uint8_t in[64], out[64];
	uint64_t t0;
	unsigned int i;

	if (!stats_stable(&base))
		return R_FAIL;
	uuid_of(MINTEE_UUID_TEST, &uuid);
	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		return FAIL("TEEC_InitializeContext: %s", rs(res));
	fill(in, sizeof(in), 5);
	t0 = now_ms();
	for (i = 0; i < stress_cycles; i++) {
		TEEC_Operation op;
		TEEC_SharedMemory shm;

		res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC,
				       NULL, NULL, &origin);
		if (res != TEEC_SUCCESS) {
			TEEC_FinalizeContext(&ctx);
			return FAIL("cycle %u: open: %s, origin %s", i,
				    rs(res), os(origin));
		}
		memset(&op, 0, sizeof(op));
		memset(out, 0, sizeof(out));
		memset(&shm, 0, sizeof(shm));
		if (i % 2) {
			/* temporary memrefs: a registration each way */
			op.paramTypes = TEEC_PARAM_TYPES(
				TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT,
				TEEC_NONE, TEEC_NONE);
			op.params[0].tmpref.buffer = in;
			op.params[0].tmpref.size = sizeof(in);
			op.params[1].tmpref.buffer = out;
			op.params[1].tmpref.size = sizeof(out);
		} else {
			/* a registered block, released right after */
			shm.buffer = out;
			shm.size = sizeof(out);
			shm.flags = TEEC_MEM_OUTPUT;
			res = TEEC_RegisterSharedMemory(&ctx, &shm);
			if (res != TEEC_SUCCESS) {
				TEEC_CloseSession(&sess);
				TEEC_FinalizeContext(&ctx);
				return FAIL("cycle %u: register: %s", i,
					    rs(res));
			}
			op.paramTypes = TEEC_PARAM_TYPES(
				TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_WHOLE,
				TEEC_NONE, TEEC_NONE);
			op.params[0].tmpref.buffer = in;
			op.params[0].tmpref.size = sizeof(in);
			op.params[1].memref.parent = &shm;
		}
		res = TEEC_InvokeCommand(&sess, CMD_ECHO, &op, &origin);
		if (!(i % 2))
			TEEC_ReleaseSharedMemory(&shm);
		TEEC_CloseSession(&sess);
		if (res != TEEC_SUCCESS || memcmp(in, out, sizeof(in))) {
			TEEC_FinalizeContext(&ctx);
			return FAIL("cycle %u: echo: %s, origin %s%s", i,
				    rs(res), os(origin),
				    res == TEEC_SUCCESS ? ", data differs" : "");
		}
	}
	TEEC_FinalizeContext(&ctx);
	t0 = now_ms() - t0;
	if (!stats_back_to(&base, &st))
		return FAIL("after %u cycles: " STATS_FMT ", was " STATS_FMT,
			    stress_cycles, STATS_ARGS(st), STATS_ARGS(base));
	return result(R_PASS, "%u cycles in %" PRIu64 " ms, no leak: " STATS_FMT,
		      stress_cycles, t0, STATS_ARGS(st));
}

/* Busy command run by a helper thread, for cancellation. */
struct busy_call {
	struct conn *c;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	uint64_t ms;
	int done;
};

static void *busy_thread(void *arg)
{
	struct busy_call *b = arg;
	uint64_t t0 = now_ms();

	b->res = TEEC_InvokeCommand(&b->c->sess, CMD_BUSY, &b->op, &b->origin);
	b->ms = now_ms() - t0;
	__atomic_store_n(&b->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static int t_cancel_before_start(void)
{
	struct conn c;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	/*
	 * An operation that was never invoked names no session: the
	 * request goes nowhere, and the operation then runs normally
	 * (upstream's behaviour; the library does not use started).
	 */
	memset(&op, 0, sizeof(op));
	TEEC_RequestCancellation(&op);
	origin = 0;
	res = TEEC_InvokeCommand(&c.sess, CMD_NOOP, &op, &origin);
	if (res != TEEC_SUCCESS || origin != TEEC_ORIGIN_TRUSTED_APP) {
		FAIL("%s, origin %s; want TEEC_SUCCESS from the service",
		     rs(res), os(origin));
		goto out;
	}
	if (op.session != &c.sess || op.started != 0) {
		FAIL("after the call: operation.session %p (want %p), started %" PRIu32,
		     (void *)op.session, (void *)&c.sess, op.started);
		goto out;
	}
	/* Cancelling it now (nothing running) leaves the session usable. */
	TEEC_RequestCancellation(&op);
	memset(&op, 0, sizeof(op));
	res = invoke(&c, CMD_NOOP, &op, &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("next call: %s, origin %s", rs(res), os(origin));
		goto out;
	}
	r = R_PASS;
out:
	close_all(&c);
	return r;
}

static int t_cancel_running(void)
{
	struct busy_call b;
	struct conn c;
	pthread_t th;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	memset(&b, 0, sizeof(b));
	b.c = &c;
	b.op.started = 0;
	b.op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT,
					   TEEC_NONE, TEEC_NONE);
	b.op.params[0].value.a = 2000;
	if (pthread_create(&th, NULL, busy_thread, &b)) {
		FAIL("pthread_create");
		goto out;
	}
	/*
	 * Wait for TEEC_InvokeCommand to record the session in the operation
	 * (what a cancellation addresses), then for the call to be in the TEE.
	 */
	while (!__atomic_load_n(&b.op.session, __ATOMIC_SEQ_CST) &&
	       !__atomic_load_n(&b.done, __ATOMIC_SEQ_CST))
		sleep_ms(10);
	sleep_ms(300);
	TEEC_RequestCancellation(&b.op);
	pthread_join(th, NULL);
	/*
	 * Cancellation is a hint (GP): the command may end either way, and the
	 * session must keep working.
	 */
	if (b.res == TEEC_ERROR_CANCEL) {
		result(R_PASS, "cancelled after %" PRIu64 " ms, origin %s",
		       b.ms, os(b.origin));
	} else if (b.res == TEEC_SUCCESS) {
		result(R_PASS, "not cancelled (the service does not honour it): ran %" PRIu64
		       " ms, %" PRIu32 " foreign interrupts taken",
		       b.ms, b.op.params[1].value.a);
	} else {
		FAIL("busy command: %s, origin %s", rs(b.res), os(b.origin));
		goto out;
	}
	if (invoke(&c, CMD_NOOP, NULL, &b.origin) != TEEC_SUCCESS) {
		FAIL("session unusable after the cancellation");
		goto out;
	}
	r = R_PASS;
out:
	close_all(&c);
	return r;
}

/*
 * A client killed while the TEE runs its command leaves no session, shared
 * memory or thread behind: Linux closes the session (and unregisters the
 * memory) when the dead process's file descriptors go.
 */
static int t_kill_mid_call(void)
{
	struct stats base, st;
	struct pollfd pfd;
	int pipefd[2], status = 0, n;
	bool returned = false;
	uint64_t t0;
	pid_t pid;
	char ch;

	if (!stats_stable(&base))
		return R_FAIL;
	if (pipe(pipefd))
		return FAIL("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		return FAIL("fork: %s", strerror(errno));
	if (pid == 0) {
		TEEC_SharedMemory shm;
		TEEC_Operation op;
		struct conn c;

		close(pipefd[0]);
		if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
			_exit(3);
		memset(&shm, 0, sizeof(shm));
		shm.size = 8192;
		shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
		if (TEEC_AllocateSharedMemory(&c.ctx, &shm) != TEEC_SUCCESS)
			_exit(4);
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
						 TEEC_VALUE_OUTPUT, TEEC_NONE,
						 TEEC_NONE);
		op.params[0].value.a = 3000;
		if (write(pipefd[1], "s", 1) != 1)
			_exit(5);
		TEEC_InvokeCommand(&c.sess, CMD_BUSY, &op, NULL);
		if (write(pipefd[1], "r", 1) != 1)
			_exit(5);
		for (;;)
			pause(); /* keep everything open until killed */
	}
	close(pipefd[1]);
	pfd.fd = pipefd[0];
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 20000) != 1 || read(pipefd[0], &ch, 1) != 1 ||
	    ch != 's') {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		close(pipefd[0]);
		if (WIFEXITED(status))
			return FAIL("child could not start its call (exit %d)",
				    WEXITSTATUS(status));
		return FAIL("child did not start its call");
	}
	sleep_ms(500);
	kill(pid, SIGKILL);
	/* Linux lets the process die once the secure call has returned. */
	t0 = now_ms();
	while ((n = waitpid(pid, &status, WNOHANG)) == 0 &&
	       now_ms() - t0 < 60000)
		sleep_ms(50);
	if (n != pid) {
		close(pipefd[0]);
		return FAIL("killed child still alive after 60 s");
	}
	pfd.revents = 0;
	if (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN) &&
	    read(pipefd[0], &ch, 1) == 1 && ch == 'r')
		returned = true;
	close(pipefd[0]);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		return FAIL("child ended with status 0x%x", status);
	if (!stats_back_to(&base, &st))
		return FAIL("after the kill: " STATS_FMT ", was " STATS_FMT,
			    STATS_ARGS(st), STATS_ARGS(base));
	return result(R_PASS, "%s; " STATS_FMT,
		      returned ? "call had returned before the kill took effect" :
				 "killed during the call",
		      STATS_ARGS(st));
}

static int expect_api_bad(TEEC_Result res, uint32_t origin, const char *what)
{
	if (res != TEEC_ERROR_BAD_PARAMETERS || origin != TEEC_ORIGIN_API)
		return FAIL("%s: %s, origin %s; want TEEC_ERROR_BAD_PARAMETERS from the API",
			    what, rs(res), os(origin));
	return R_PASS;
}

static int t_bad_null(void)
{
	TEEC_Session sess;
	TEEC_UUID uuid;
	TEEC_Result res;
	uint32_t origin = 0;

	uuid_of(MINTEE_UUID_HELLO_PTA, &uuid);
	res = TEEC_InitializeContext(NULL, NULL);
	if (res != TEEC_ERROR_BAD_PARAMETERS)
		return FAIL("TEEC_InitializeContext(NULL, NULL): %s", rs(res));
	res = TEEC_OpenSession(NULL, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (expect_api_bad(res, origin, "TEEC_OpenSession with NULL context"))
		return R_FAIL;
	origin = 0;
	res = TEEC_InvokeCommand(NULL, CMD_NOOP, NULL, &origin);
	if (expect_api_bad(res, origin, "TEEC_InvokeCommand with NULL session"))
		return R_FAIL;
	res = TEEC_AllocateSharedMemory(NULL, NULL);
	if (res != TEEC_ERROR_BAD_PARAMETERS)
		return FAIL("TEEC_AllocateSharedMemory(NULL, NULL): %s",
			    rs(res));
	/* Harmless no-ops. */
	TEEC_CloseSession(NULL);
	TEEC_FinalizeContext(NULL);
	TEEC_ReleaseSharedMemory(NULL);
	TEEC_RequestCancellation(NULL);
	return R_PASS;
}

static int t_bad_params(void)
{
	static const uint32_t bad_types[] = { 4, 8, 9, 0xa, 0xb };
	TEEC_SharedMemory in_only;
	TEEC_Operation op;
	struct conn c;
	TEEC_Result res;
	uint32_t origin;
	gid_t gid = getegid();
	unsigned int i;
	uint8_t buf[64];
	int r = R_FAIL, have = 0;

	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;

	for (i = 0; i < sizeof(bad_types) / sizeof(bad_types[0]); i++) {
		char what[48];

		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, bad_types[i],
						 TEEC_NONE, TEEC_NONE);
		res = invoke(&c, CMD_NOOP, &op, &origin);
		snprintf(what, sizeof(what), "parameter type 0x%" PRIx32,
			 bad_types[i]);
		if (expect_api_bad(res, origin, what))
			goto out;
	}
	/* Nibbles beyond p3 are ignored (upstream reads only four). */
	memset(&op, 0, sizeof(op));
	op.paramTypes = 0x10000;
	res = invoke(&c, CMD_NOOP, &op, &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("paramTypes 0x10000: %s, origin %s; want TEEC_SUCCESS (upper nibbles ignored)",
		     rs(res), os(origin));
		goto out;
	}

	memset(&in_only, 0, sizeof(in_only));
	in_only.buffer = buf;
	in_only.size = sizeof(buf);
	in_only.flags = TEEC_MEM_INPUT;
	res = TEEC_RegisterSharedMemory(&c.ctx, &in_only);
	if (res != TEEC_SUCCESS) {
		FAIL("TEEC_RegisterSharedMemory: %s", rs(res));
		goto out;
	}
	have = 1;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &in_only;
	op.params[0].memref.offset = 60;
	op.params[0].memref.size = 5;
	res = invoke(&c, CMD_NOOP, &op, &origin);
	if (expect_api_bad(res, origin, "PARTIAL beyond the block"))
		goto out;
	op.params[0].memref.offset = (size_t)-4;
	op.params[0].memref.size = 8;
	res = invoke(&c, CMD_NOOP, &op, &origin);
	if (expect_api_bad(res, origin, "PARTIAL offset wrapping around"))
		goto out;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.offset = 0;
	op.params[0].memref.size = 8;
	res = invoke(&c, CMD_NOOP, &op, &origin);
	if (expect_api_bad(res, origin, "PARTIAL_OUTPUT on an input-only block"))
		goto out;

	TEEC_ReleaseSharedMemory(&in_only);
	have = 0;
	{
		TEEC_SharedMemory s;

		memset(&s, 0, sizeof(s));
		s.buffer = buf;
		s.size = sizeof(buf);
		s.flags = 0;
		if (TEEC_RegisterSharedMemory(&c.ctx, &s) !=
		    TEEC_ERROR_BAD_PARAMETERS) {
			FAIL("shared memory with flags 0 accepted");
			goto out;
		}
		s.flags = 0x4;
		if (TEEC_AllocateSharedMemory(&c.ctx, &s) !=
		    TEEC_ERROR_BAD_PARAMETERS) {
			FAIL("shared memory with unknown flags accepted");
			goto out;
		}
		s.flags = TEEC_MEM_INPUT;
		s.buffer = NULL;
		if (TEEC_RegisterSharedMemory(&c.ctx, &s) !=
		    TEEC_ERROR_BAD_PARAMETERS) {
			FAIL("registering a NULL buffer accepted");
			goto out;
		}
	}
	{
		TEEC_Session s;
		TEEC_UUID uuid;

		/* connectionData is ignored for PUBLIC (as upstream). */
		uuid_of(MINTEE_UUID_HELLO_PTA, &uuid);
		origin = 0;
		res = TEEC_OpenSession(&c.ctx, &s, &uuid, TEEC_LOGIN_PUBLIC,
				       &gid, NULL, &origin);
		if (res != TEEC_SUCCESS) {
			FAIL("LOGIN_PUBLIC with data: %s, origin %s; want TEEC_SUCCESS (data ignored)",
			     rs(res), os(origin));
			goto out;
		}
		TEEC_CloseSession(&s);
	}
	/* The session still works after all of that. */
	res = invoke(&c, CMD_NOOP, NULL, &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("no-op afterwards: %s, origin %s", rs(res), os(origin));
		goto out;
	}
	r = R_PASS;
out:
	if (have)
		TEEC_ReleaseSharedMemory(&in_only);
	close_all(&c);
	return r;
}

/*
 * Calls with which upstream's libteec dereferences NULL (a NULL memref
 * parent, GROUP login without a gid, a NULL destination): mintee's refuses
 * them with BAD_PARAMETERS from the API, and the session keeps working.
 */
static int t_crash_refusals(void)
{
	TEEC_Operation op;
	TEEC_Session s;
	TEEC_UUID uuid;
	struct conn c;
	TEEC_Result res;
	uint32_t origin;
	int r = R_FAIL;

	if (getenv("TEEC_TESTS_UPSTREAM"))
		return result(R_SKIP, "TEEC_TESTS_UPSTREAM set: upstream's library crashes here");
	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = NULL;
	res = invoke(&c, CMD_NOOP, &op, &origin);
	if (expect_api_bad(res, origin, "MEMREF_WHOLE with NULL parent"))
		goto out;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE,
					 TEEC_MEMREF_PARTIAL_INPUT);
	op.params[3].memref.parent = NULL;
	res = invoke(&c, CMD_NOOP, &op, &origin);
	if (expect_api_bad(res, origin, "MEMREF_PARTIAL_INPUT with NULL parent"))
		goto out;
	uuid_of(MINTEE_UUID_HELLO_PTA, &uuid);
	origin = 0;
	res = TEEC_OpenSession(&c.ctx, &s, &uuid, TEEC_LOGIN_GROUP, NULL, NULL,
			       &origin);
	if (expect_api_bad(res, origin, "LOGIN_GROUP without a gid"))
		goto out;
	origin = 0;
	res = TEEC_OpenSession(&c.ctx, &s, NULL, TEEC_LOGIN_PUBLIC, NULL, NULL,
			       &origin);
	if (expect_api_bad(res, origin, "NULL destination"))
		goto out;
	res = invoke(&c, CMD_NOOP, NULL, &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("no-op afterwards: %s, origin %s", rs(res), os(origin));
		goto out;
	}
	r = R_PASS;
out:
	close_all(&c);
	return r;
}

/* tee-supplicant is running and holds /dev/teepriv0. */
static int t_supplicant(void)
{
	DIR *proc = opendir("/proc");
	struct dirent *e;
	char path[640], link[64], comm[64];
	int found = 0;

	if (!proc)
		return FAIL("/proc: %s", strerror(errno));
	while (!found && (e = readdir(proc))) {
		DIR *fds;
		struct dirent *f;
		FILE *fp;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fd", e->d_name);
		fds = opendir(path);
		if (!fds)
			continue;
		while ((f = readdir(fds))) {
			ssize_t n;

			snprintf(path, sizeof(path), "/proc/%s/fd/%s",
				 e->d_name, f->d_name);
			n = readlink(path, link, sizeof(link) - 1);
			if (n <= 0)
				continue;
			link[n] = '\0';
			if (strncmp(link, "/dev/teepriv", 12))
				continue;
			snprintf(path, sizeof(path), "/proc/%s/comm",
				 e->d_name);
			comm[0] = '\0';
			fp = fopen(path, "r");
			if (fp) {
				if (!fgets(comm, sizeof(comm), fp))
					comm[0] = '\0';
				fclose(fp);
			}
			comm[strcspn(comm, "\n")] = '\0';
			found = 1;
			result(R_PASS, "pid %s (%s) holds %s", e->d_name,
			       comm, link);
			break;
		}
		closedir(fds);
	}
	closedir(proc);
	if (!found)
		return FAIL("no process holds /dev/teepriv*");
	return R_PASS;
}

/* ----------------------------------------------------------- storage */

/* Where tee-supplicant keeps the files: ours (/var/lib/tee, upstream's
 * default since 4.4) or Debian 3.19's. */
static const char *const storage_roots[] = { "/var/lib/tee", "/var/lib/optee-client/data/tee" };
#define ST_DIR0 "5ce0c432-0ab0-40e5-a056-782ca0e6aba2"

static TEEC_Result st_call(struct conn *c, uint32_t cmd, const char *id, void *data,
			   size_t *len, uint32_t who, uint32_t *origin)
{
	TEEC_Operation op;
	TEEC_Result res;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 cmd == CMD_ST_PUT ? TEEC_MEMREF_TEMP_INPUT :
					 cmd == CMD_ST_GET ? TEEC_MEMREF_TEMP_OUTPUT : TEEC_NONE,
					 TEEC_VALUE_INPUT, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)id;
	op.params[0].tmpref.size = strlen(id);
	if (cmd != CMD_ST_DEL) {
		op.params[1].tmpref.buffer = data;
		op.params[1].tmpref.size = *len;
	}
	op.params[2].value.a = who;
	res = invoke(c, cmd, &op, origin);
	if (len && cmd == CMD_ST_GET)
		*len = op.params[1].tmpref.size;
	return res;
}

/* The folder of stand-in TA 0, in whichever root the supplicant uses. */
static const char *st_folder(char *buf, size_t n)
{
	for (unsigned int i = 0; i < sizeof(storage_roots) / sizeof(storage_roots[0]); i++) {
		snprintf(buf, n, "%s/" ST_DIR0, storage_roots[i]);
		if (!access(buf, F_OK))
			return buf;
	}
	return NULL;
}

static bool file_has(const char *path, const uint8_t *pat, size_t k, size_t *size)
{
	static uint8_t b[1 << 20];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return false;
	n = read(fd, b, sizeof(b));
	close(fd);
	*size = n > 0 ? (size_t)n : 0;
	for (ssize_t i = 0; i + (ssize_t)k <= n; i++)
		if (!memcmp(b + i, pat, k))
			return true;
	return false;
}

/* Flips one byte in the middle of every object file of the folder. */
static unsigned int st_tamper(const char *folder)
{
	char path[512];
	struct dirent *e;
	unsigned int n = 0;
	DIR *d = opendir(folder);

	while (d && (e = readdir(d))) {
		uint8_t byte;
		int fd;

		if (e->d_name[0] != 'o')
			continue;
		snprintf(path, sizeof(path), "%s/%s", folder, e->d_name);
		fd = open(path, O_RDWR);
		if (fd >= 0 && pread(fd, &byte, 1, 40) == 1) {
			byte ^= 0x80;
			n += pwrite(fd, &byte, 1, 40) == 1;
		}
		if (fd >= 0)
			close(fd);
	}
	if (d)
		closedir(d);
	return n;
}

static int t_storage(void)
{
	static uint8_t data[3000], back[4000];
	const char *id = "linux-tier object";
	char folder[256], path[512];
	struct dirent *e;
	struct conn c;
	TEEC_Result res;
	uint32_t origin;
	size_t len, size, files = 0;
	DIR *d;
	int r = R_FAIL;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)("PLAINTEXT-MARK"[i % 14]);
	if (!connect_to(&c, MINTEE_UUID_TEST, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	st_call(&c, CMD_ST_DEL, id, NULL, NULL, 0, &origin);	/* from an earlier run */
	st_call(&c, CMD_ST_DEL, id, NULL, NULL, 1, &origin);
	len = sizeof(data);
	res = st_call(&c, CMD_ST_PUT, id, data, &len, 0, &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("PUT: %s, origin %s", rs(res), os(origin));
		goto out;
	}
	len = 5;
	res = st_call(&c, CMD_ST_PUT, id, "other", &len, 1, &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("PUT as the second TA: %s", rs(res));
		goto out;
	}
	len = sizeof(back);
	res = st_call(&c, CMD_ST_GET, id, back, &len, 0, &origin);
	if (res != TEEC_SUCCESS || len != sizeof(data) || memcmp(back, data, len)) {
		FAIL("GET: %s, %zu bytes%s", rs(res), len,
		     res == TEEC_SUCCESS ? " (other data)" : "");
		goto out;
	}
	len = sizeof(back);
	res = st_call(&c, CMD_ST_GET, id, back, &len, 1, &origin);
	if (res != TEEC_SUCCESS || len != 5 || memcmp(back, "other", 5)) {
		FAIL("the second TA's object with the same id: %s, %zu bytes", rs(res), len);
		goto out;
	}
	if (!st_folder(folder, sizeof(folder))) {
		FAIL("no " ST_DIR0 " folder under %s or %s", storage_roots[0], storage_roots[1]);
		goto out;
	}
	d = opendir(folder);
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", folder, e->d_name);
		if (file_has(path, (const uint8_t *)"PLAINTEXT", 9, &size) ||
		    file_has(path, (const uint8_t *)id, strlen(id), &size)) {
			FAIL("%s holds plaintext", path);
			closedir(d);
			goto out;
		}
		files++;
	}
	if (d)
		closedir(d);
	if (files != 2) {
		FAIL("%zu files in %s, expected dirf.db and one object", files, folder);
		goto out;
	}
	if (st_tamper(folder) != 1) {
		FAIL("could not change the object file in %s", folder);
		goto out;
	}
	len = sizeof(back);
	res = st_call(&c, CMD_ST_GET, id, back, &len, 0, &origin);
	if (res != 0xF0100001 /* TEE_ERROR_CORRUPT_OBJECT */) {
		FAIL("GET of a changed file: %s, not CORRUPT_OBJECT", rs(res));
		goto out;
	}
	res = st_call(&c, CMD_ST_DEL, id, NULL, NULL, 0, &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("DEL: %s", rs(res));
		goto out;
	}
	len = sizeof(back);
	res = st_call(&c, CMD_ST_GET, id, back, &len, 0, &origin);
	if (res != TEEC_ERROR_ITEM_NOT_FOUND) {
		FAIL("GET after DEL: %s", rs(res));
		goto out;
	}
	st_call(&c, CMD_ST_DEL, id, NULL, NULL, 1, &origin);
	r = result(R_PASS, "files in %s", folder);
out:
	close_all(&c);
	return r;
}

static int t_rng(void)
{
	uint8_t buf[64];
	struct conn c;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_RNG, TEEC_LOGIN_PUBLIC, NULL))
		goto out;
	memset(buf, 0, sizeof(buf));
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = sizeof(buf);
	res = invoke(&c, 0, &op, &origin);
	if (res != TEEC_SUCCESS) {
		FAIL("GET_ENTROPY: %s, origin %s", rs(res), os(origin));
		goto out;
	}
	if (!op.params[0].tmpref.size ||
	    op.params[0].tmpref.size > sizeof(buf)) {
		FAIL("GET_ENTROPY returned %zu bytes for %zu",
		     op.params[0].tmpref.size, sizeof(buf));
		goto out;
	}
	if (first_not(buf, op.params[0].tmpref.size, 0) ==
	    op.params[0].tmpref.size) {
		FAIL("%zu zero bytes", op.params[0].tmpref.size);
		goto out;
	}
	r = result(R_PASS, "%zu bytes", op.params[0].tmpref.size);
out:
	close_all(&c);
	return r;
}

/* The device-enumeration protocol, as the kernel uses it (if user space may). */
static int t_devenum(void)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	TEEC_UUID uuid;
	TEEC_Result res;
	uint32_t origin = 0;
	uint8_t buf[16 * 16];
	size_t size;
	int r = R_FAIL;

	uuid_of(MINTEE_UUID_DEVICE_ENUM, &uuid);
	if (TEEC_InitializeContext(NULL, &ctx) != TEEC_SUCCESS)
		return FAIL("TEEC_InitializeContext");
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res == TEEC_ERROR_ACCESS_DENIED) {
		TEEC_FinalizeContext(&ctx);
		return result(R_SKIP, "the service only serves the kernel");
	}
	if (res != TEEC_SUCCESS) {
		TEEC_FinalizeContext(&ctx);
		return FAIL("open: %s, origin %s", rs(res), os(origin));
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	res = TEEC_InvokeCommand(&sess, 0, &op, &origin);
	size = op.params[0].tmpref.size;
	if ((res != TEEC_SUCCESS && res != TEEC_ERROR_SHORT_BUFFER) ||
	    size % 16 || size > sizeof(buf)) {
		FAIL("size query: %s, origin %s, size %zu", rs(res),
		     os(origin), size);
		goto out;
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = size;
	res = TEEC_InvokeCommand(&sess, 0, &op, &origin);
	if (res != TEEC_SUCCESS || op.params[0].tmpref.size != size) {
		FAIL("GET_DEVICES: %s, origin %s, size %zu of %zu", rs(res),
		     os(origin), op.params[0].tmpref.size, size);
		goto out;
	}
	r = result(R_PASS, "%zu service(s) listed", size / 16);
out:
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return r;
}

/* ---------------------------------------------------------------- runner */

static const struct tcase cases[] = {
	{ "context", "context initialize/finalize", t_context, 30 },
	{ "supplicant", "tee-supplicant serves /dev/teepriv0", t_supplicant, 30 },
	{ "hello_open_close", "open/close a hello-world session", t_hello_open_close, 30 },
	{ "hello_inc_dec", "hello-world cmd 0/1 with VALUE_INOUT", t_hello_inc_dec, 30 },
	{ "login", "login methods PUBLIC, USER, GROUP", t_login_methods, 30 },
	{ "unknown_uuid", "unknown UUID gives ITEM_NOT_FOUND from the TEE", t_unknown_uuid, 30 },
	{ "noop", "test service no-op", t_noop, 30 },
	{ "value_sum", "VALUE_INPUT x2 -> VALUE_OUTPUT", t_value_sum, 30 },
	{ "memref_temp", "temporary memrefs in and out", t_memref_temp, 60 },
	{ "short_buffer", "SHORT_BUFFER reports the size needed", t_short_buffer, 30 },
	{ "size_query", "NULL output memref as a size query", t_size_query, 30 },
	{ "memref_whole", "MEMREF_WHOLE of allocated blocks", t_memref_whole, 30 },
	{ "memref_partial", "MEMREF_PARTIAL_* of registered buffers", t_memref_partial, 60 },
	{ "memref_inout", "MEMREF_PARTIAL_INOUT and WHOLE (INOUT) of a registered block", t_memref_inout, 30 },
	{ "shm_paths", "shared memory path for the shm mode", t_shm_paths, 60 },
	{ "rpc", "a command that makes an RPC (GET_TIME)", t_rpc, 60 },
	{ "stats", "stats follow sessions and shared memory", t_stats, 60 },
	{ "bad_null", "NULL handles refused by the API", t_bad_null, 30 },
	{ "bad_params", "bad parameters refused by the API", t_bad_params, 30 },
	{ "crash_refusals", "NULL parent, gid, destination refused (upstream crashes)", t_crash_refusals, 30 },
	{ "cancel_before_start", "cancelling a never-invoked operation is a no-op", t_cancel_before_start, 30 },
	{ "cancel_running", "cancellation of a running command", t_cancel_running, 60 },
	{ "rng", "RNG service GET_ENTROPY (MEMREF_TEMP_INOUT)", t_rng, 30 },
	{ "storage", "secure storage through tee-supplicant: round trip, two TAs, ciphertext only, a changed file, delete", t_storage, 120 },
	{ "devenum", "device enumeration from user space", t_devenum, 30 },
	{ "stress", "open/invoke/close cycles leave nothing behind", t_stress, 600 },
	{ "kill_mid_call", "a client killed mid-call leaves nothing behind", t_kill_mid_call, 120 },
};
#define NUM_CASES (sizeof(cases) / sizeof(cases[0]))

int main(int argc, char *argv[])
{
	static const struct tsuite suite = {
		.prog = "teec_tests", .tier = "linux.teec", .n_name = "CYCLES", .n = &stress_cycles,
		.cases = cases, .ncases = NUM_CASES,
	};

	return tsuite_main(&suite, argc, argv);
}
