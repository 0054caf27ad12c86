// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host test of mintee's libteec and tee-supplicant against the emulated TEE
 * driver of fake_tee.c. Built and run by `make client-check`.
 *
 * Output: "PASS|FAIL client.<name>: <what>[ (<why>)]" per case, then
 * "N passed, N failed".
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fake_tee.h"
#include "tee_client_api.h"

int tee_supplicant_main(int argc, char *argv[]);

static char devdir[256];
static char why[512];
static int npass, nfail;

#define CHECK(cond, ...) do {						\
		if (!(cond)) {						\
			snprintf(why, sizeof(why), __VA_ARGS__);	\
			return false;					\
		}							\
	} while (0)

static const TEEC_UUID uuid_hello = {
	0x8aaaf200, 0x2450, 0x11e4,
	{ 0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b } };
static const TEEC_UUID uuid_test = {
	0x5ce0c432, 0x0ab0, 0x40e5,
	{ 0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0xa2 } };
static const TEEC_UUID uuid_unknown = {
	0x12345678, 0x1234, 0x4234, { 0x80, 1, 2, 3, 4, 5, 6, 7 } };

/* Modes: REG_MEM and MEMREF_NULL on (dynamic shm) or off (reserved). */
static const char *mode_name(void)
{
	return fake.reg_mem ? "dynamic" : "reserved";
}

static bool open_test(TEEC_Context *ctx, TEEC_Session *s,
		      const TEEC_UUID *u)
{
	uint32_t origin;

	if (TEEC_InitializeContext(NULL, ctx) != TEEC_SUCCESS)
		return false;
	if (TEEC_OpenSession(ctx, s, u, TEEC_LOGIN_PUBLIC, NULL, NULL,
			     &origin) != TEEC_SUCCESS) {
		TEEC_FinalizeContext(ctx);
		return false;
	}
	return true;
}

static void close_test(TEEC_Context *ctx, TEEC_Session *s)
{
	TEEC_CloseSession(s);
	TEEC_FinalizeContext(ctx);
}

/* ------------------------------------------------------------- cases */

static bool t_param_macros(void)
{
	uint32_t t = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_MEMREF_TEMP_INOUT,
				      TEEC_MEMREF_PARTIAL_OUTPUT,
				      TEEC_MEMREF_WHOLE);

	CHECK(t == 0xce71, "TEEC_PARAM_TYPES = 0x%x", t);
	CHECK(TEEC_PARAM_TYPE_GET(t, 0) == TEEC_VALUE_INPUT &&
	      TEEC_PARAM_TYPE_GET(t, 1) == TEEC_MEMREF_TEMP_INOUT &&
	      TEEC_PARAM_TYPE_GET(t, 2) == TEEC_MEMREF_PARTIAL_OUTPUT &&
	      TEEC_PARAM_TYPE_GET(t, 3) == TEEC_MEMREF_WHOLE,
	      "TEEC_PARAM_TYPE_GET");
	CHECK(TEEC_PARAM_TYPES(0, 0, 0, 0) == 0, "all NONE");
	CHECK(TEEC_PARAM_TYPE_GET(0xffff, 3) == 0xf, "nibble 3");
	CHECK(TEEC_CONFIG_PAYLOAD_REF_COUNT == 4, "payload count");
	CHECK(sizeof(TEEC_Result) == 4 && TEEC_ERROR_SHORT_BUFFER == 0xFFFF0010 &&
	      TEEC_ORIGIN_TRUSTED_APP == 4 && TEEC_LOGIN_GROUP_APPLICATION == 6 &&
	      TEEC_ERROR_STORAGE_NOT_AVAILABLE == 0xF0100003 &&
	      TEEC_ERROR_TARGET_DEAD == 0xFFFF3024, "constants");
	return true;
}

static bool t_context_scan(void)
{
	TEEC_Context ctx;
	char path[300];

	CHECK(TEEC_InitializeContext(NULL, &ctx) == TEEC_SUCCESS,
	      "init failed");
	CHECK(ctx.reg_mem == fake.reg_mem && ctx.memref_null == fake.memref_null,
	      "caps reg_mem %d memref_null %d", ctx.reg_mem, ctx.memref_null);
	TEEC_FinalizeContext(&ctx);
	CHECK(ctx.fd == -1, "fd not reset");
	/* NULL skips tee0, which is no GP TEE, and takes tee1. */
	CHECK(TEEC_InitializeContext(NULL, &ctx) == TEEC_SUCCESS &&
	      fake_dev_index(ctx.fd) == 1, "NULL: device %d",
	      fake_dev_index(ctx.fd));
	TEEC_FinalizeContext(&ctx);
	/* Upstream's names: NULL any GP TEE, "optee-tz" OP-TEE only. */
	fake.other_gp = true;
	if (TEEC_InitializeContext(NULL, &ctx) != TEEC_SUCCESS ||
	    fake_dev_index(ctx.fd) != 0) {
		fake.other_gp = false;
		CHECK(false, "NULL with a GP tee0: not tee0");
	}
	TEEC_FinalizeContext(&ctx);
	if (TEEC_InitializeContext("optee-tz", &ctx) != TEEC_SUCCESS ||
	    fake_dev_index(ctx.fd) != 1) {
		fake.other_gp = false;
		CHECK(false, "\"optee-tz\": not the OP-TEE device");
	}
	fake.other_gp = false;
	TEEC_FinalizeContext(&ctx);
	/* Any other name is refused, paths included. */
	snprintf(path, sizeof(path), "%s/tee1", devdir);
	CHECK(TEEC_InitializeContext(path, &ctx) == TEEC_ERROR_ITEM_NOT_FOUND,
	      "a device path accepted");
	CHECK(TEEC_InitializeContext("", &ctx) == TEEC_ERROR_ITEM_NOT_FOUND,
	      "empty name accepted");
	CHECK(TEEC_InitializeContext("tee1", &ctx) == TEEC_ERROR_ITEM_NOT_FOUND,
	      "other name accepted");
	CHECK(TEEC_InitializeContext(NULL, NULL) == TEEC_ERROR_BAD_PARAMETERS,
	      "NULL context");
	return true;
}

static bool t_open_session(void)
{
	static const uint8_t want[16] = {
		0x8a, 0xaa, 0xf2, 0x00, 0x24, 0x50, 0x11, 0xe4,
		0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b };
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin = 0;
	gid_t gid = getegid(), other = getegid() + 1;
	TEEC_Result res;

	CHECK(TEEC_InitializeContext(NULL, &ctx) == TEEC_SUCCESS, "init");
	res = TEEC_OpenSession(&ctx, &s, &uuid_hello, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	CHECK(res == TEEC_SUCCESS && origin == TEEC_ORIGIN_TRUSTED_APP,
	      "open: 0x%x origin %u", res, origin);
	CHECK(!memcmp(fake.last_uuid, want, 16), "UUID octets on the wire");
	CHECK(fake.sessions == 1, "sessions %u", fake.sessions);
	TEEC_CloseSession(&s);
	CHECK(fake.sessions == 0, "close: sessions %u", fake.sessions);
	CHECK(s.ctx == NULL, "session not cleared");
	TEEC_CloseSession(&s); /* harmless twice */

	res = TEEC_OpenSession(&ctx, &s, &uuid_hello, TEEC_LOGIN_GROUP, &gid,
			       NULL, &origin);
	CHECK(res == TEEC_SUCCESS && fake.last_login == TEEC_LOGIN_GROUP,
	      "group login: 0x%x", res);
	CHECK(!memcmp(fake.last_clnt_uuid, &gid, sizeof(gid)),
	      "gid not in the client UUID field");
	TEEC_CloseSession(&s);
	res = TEEC_OpenSession(&ctx, &s, &uuid_hello, TEEC_LOGIN_GROUP, &other,
			       NULL, &origin);
	/* EPERM from the kernel: GENERIC (upstream's errno mapping). */
	CHECK(res == TEEC_ERROR_GENERIC && origin == TEEC_ORIGIN_COMMS,
	      "foreign group: 0x%x origin %u", res, origin);
	res = TEEC_OpenSession(&ctx, &s, &uuid_hello, TEEC_LOGIN_USER, NULL,
			       NULL, &origin);
	CHECK(res == TEEC_SUCCESS && fake.last_login == TEEC_LOGIN_USER,
	      "user login");
	TEEC_CloseSession(&s);

	res = TEEC_OpenSession(&ctx, &s, &uuid_unknown, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	CHECK(res == TEEC_ERROR_ITEM_NOT_FOUND && origin == TEEC_ORIGIN_TEE,
	      "unknown UUID: 0x%x origin %u", res, origin);
	/* Every login goes to the kernel, which refuses these (EINVAL). */
	res = TEEC_OpenSession(&ctx, &s, &uuid_hello,
			       TEEC_LOGIN_USER_APPLICATION, NULL, NULL, &origin);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_COMMS,
	      "application login: 0x%x origin %u", res, origin);
	res = TEEC_OpenSession(&ctx, &s, &uuid_hello, 0x77, NULL, NULL,
			       &origin);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_COMMS,
	      "unknown login: 0x%x origin %u", res, origin);
	res = TEEC_OpenSession(&ctx, &s, NULL, TEEC_LOGIN_PUBLIC, NULL, NULL,
			       &origin);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_API,
	      "NULL destination");
	res = TEEC_OpenSession(&ctx, &s, &uuid_hello, TEEC_LOGIN_GROUP, NULL,
			       NULL, &origin);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_API,
	      "group without gid");
	res = TEEC_OpenSession(NULL, &s, &uuid_hello, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_API,
	      "NULL context");
	fake.fail_errno = ENOMEM;
	res = TEEC_OpenSession(&ctx, &s, &uuid_hello, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	CHECK(res == TEEC_ERROR_OUT_OF_MEMORY && origin == TEEC_ORIGIN_COMMS,
	      "ENOMEM: 0x%x origin %u", res, origin);
	fake.fail_errno = EIO;
	res = TEEC_OpenSession(&ctx, &s, &uuid_hello, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	CHECK(res == TEEC_ERROR_GENERIC && origin == TEEC_ORIGIN_COMMS,
	      "EIO: 0x%x origin %u", res, origin);
	CHECK(fake.sessions == 0, "sessions left: %u", fake.sessions);
	TEEC_FinalizeContext(&ctx);
	return true;
}

static bool t_values(void)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result res;

	CHECK(open_test(&ctx, &s, &uuid_hello), "open hello");
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, 0, 0, 0);
	op.params[0].value.a = 41;
	op.started = 0x5ca1ab1e; /* the library leaves it alone */
	res = TEEC_InvokeCommand(&s, 0, &op, &origin);
	CHECK(res == TEEC_SUCCESS && op.params[0].value.a == 42 &&
	      origin == TEEC_ORIGIN_TRUSTED_APP && op.started == 0x5ca1ab1e &&
	      op.session == &s, "inc: 0x%x a=%u started 0x%x", res,
	      op.params[0].value.a, op.started);
	res = TEEC_InvokeCommand(&s, 1, &op, &origin);
	CHECK(res == TEEC_SUCCESS && op.params[0].value.a == 41, "dec");
	close_test(&ctx, &s);

	CHECK(open_test(&ctx, &s, &uuid_test), "open test");
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_INPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE);
	op.params[0].value.a = 1000;
	op.params[0].value.b = 200;
	op.params[1].value.a = 30;
	op.params[1].value.b = 4;
	res = TEEC_InvokeCommand(&s, 2, &op, &origin);
	CHECK(res == TEEC_SUCCESS && op.params[2].value.a == 1234,
	      "sum: 0x%x %u", res, op.params[2].value.a);
	CHECK(fake.last_attr[0] == 1 && fake.last_attr[1] == 1 &&
	      fake.last_attr[2] == 2 && fake.last_attr[3] == 0, "value attrs");
	res = TEEC_InvokeCommand(&s, 9, NULL, &origin);
	CHECK(res == TEEC_ERROR_NOT_SUPPORTED && origin == TEEC_ORIGIN_TRUSTED_APP,
	      "unknown command: 0x%x origin %u", res, origin);
	close_test(&ctx, &s);
	return true;
}

static void fill(uint8_t *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 13 + seed);
}

static bool t_tmpref(void)
{
	uint8_t in[5000], out[6000];
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result res;
	unsigned int shm_before;

	CHECK(open_test(&ctx, &s, &uuid_test), "open test");
	shm_before = fake.shm;
	fill(in, sizeof(in), 1);
	memset(out, 0xee, sizeof(out));
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT, 0, 0);
	op.params[0].tmpref.buffer = in;
	op.params[0].tmpref.size = sizeof(in);
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = sizeof(out);
	res = TEEC_InvokeCommand(&s, 1, &op, &origin);
	CHECK(res == TEEC_SUCCESS, "echo: 0x%x", res);
	CHECK(op.params[1].tmpref.size == sizeof(in), "size %zu",
	      op.params[1].tmpref.size);
	CHECK(!memcmp(in, out, sizeof(in)) && out[sizeof(in)] == 0xee,
	      "data");
	CHECK(fake.last_attr[0] == 5 && fake.last_attr[1] == 6, "memref attrs");
	CHECK(fake.shm == shm_before, "temporary shm left: %u", fake.shm);

	/* Too small: SHORT_BUFFER with the size needed, buffer untouched. */
	memset(out, 0xee, sizeof(out));
	op.params[1].tmpref.size = 100;
	res = TEEC_InvokeCommand(&s, 1, &op, &origin);
	CHECK(res == TEEC_ERROR_SHORT_BUFFER && origin == TEEC_ORIGIN_TRUSTED_APP,
	      "short: 0x%x", res);
	CHECK(op.params[1].tmpref.size == sizeof(in), "short size %zu",
	      op.params[1].tmpref.size);
	CHECK(out[0] == 0xee && out[99] == 0xee, "short: data copied");

	/* NULL output: a size query. */
	op.params[1].tmpref.buffer = NULL;
	op.params[1].tmpref.size = 0;
	res = TEEC_InvokeCommand(&s, 1, &op, &origin);
	CHECK(res == TEEC_ERROR_SHORT_BUFFER &&
	      op.params[1].tmpref.size == sizeof(in), "size query: 0x%x %zu",
	      res, op.params[1].tmpref.size);
	CHECK(fake.memref_null ? fake.last_c[1] == TEE_MEMREF_NULL :
				 fake.last_c[1] != TEE_MEMREF_NULL,
	      "NULL memref encoding");

	/* INOUT both ways, and zero-length input. */
	fill(in, 64, 7);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT,
					 TEEC_MEMREF_TEMP_INOUT, 0, 0);
	op.params[0].tmpref.buffer = in;
	op.params[0].tmpref.size = 64;
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = 64;
	res = TEEC_InvokeCommand(&s, 1, &op, &origin);
	CHECK(res == TEEC_SUCCESS && !memcmp(in, out, 64) &&
	      fake.last_attr[0] == 7 && fake.last_attr[1] == 7, "inout");
	op.params[0].tmpref.size = 0;
	res = TEEC_InvokeCommand(&s, 1, &op, &origin);
	CHECK(res == TEEC_SUCCESS && op.params[1].tmpref.size == 0,
	      "empty input: 0x%x %zu", res, op.params[1].tmpref.size);
	CHECK(fake.shm == shm_before, "temporary shm left: %u", fake.shm);
	close_test(&ctx, &s);
	return true;
}

static bool t_registered(void)
{
	const size_t size = 3 * 4096 + 100;
	uint8_t *ba = malloc(size + 64), *bb = malloc(size + 64);
	TEEC_SharedMemory a, b;
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result res;
	size_t i;
	bool ok = false;

	if (!ba || !bb || !open_test(&ctx, &s, &uuid_test)) {
		free(ba);
		free(bb);
		CHECK(false, "setup");
	}
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.buffer = ba + 13;
	b.buffer = bb + 29;
	a.size = b.size = size;
	a.flags = b.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (TEEC_RegisterSharedMemory(&ctx, &a) != TEEC_SUCCESS ||
	    TEEC_RegisterSharedMemory(&ctx, &b) != TEEC_SUCCESS) {
		snprintf(why, sizeof(why), "register");
		goto out;
	}
	if ((a.shadow_buffer != NULL) == fake.reg_mem) {
		snprintf(why, sizeof(why), "%s mode took the %s path",
			 mode_name(), a.shadow_buffer ? "shadow" : "register");
		goto out;
	}
	if (fake.registered != (fake.reg_mem ? 2u : 0u)) {
		snprintf(why, sizeof(why), "registered %u", fake.registered);
		goto out;
	}
	fill(a.buffer, size, 3);
	memset(b.buffer, 0x5a, size);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT,
					 TEEC_MEMREF_PARTIAL_OUTPUT, 0, 0);
	op.params[0].memref.parent = &a;
	op.params[0].memref.offset = 4000;
	op.params[0].memref.size = 300;
	op.params[1].memref.parent = &b;
	op.params[1].memref.offset = 123;
	op.params[1].memref.size = 400;
	res = TEEC_InvokeCommand(&s, 1, &op, &origin);
	if (res != TEEC_SUCCESS || op.params[1].memref.size != 300 ||
	    memcmp((uint8_t *)b.buffer + 123, (uint8_t *)a.buffer + 4000, 300)) {
		snprintf(why, sizeof(why), "partial echo: 0x%x size %zu", res,
			 op.params[1].memref.size);
		goto out;
	}
	for (i = 0; i < size; i++)
		if ((i < 123 || i >= 423) && ((uint8_t *)b.buffer)[i] != 0x5a) {
			snprintf(why, sizeof(why), "byte %zu outside written", i);
			goto out;
		}
	if (fake.last_attr[0] != 5 || fake.last_attr[1] != 6 ||
	    fake.last_c[0] != (uint64_t)a.id) {
		snprintf(why, sizeof(why), "partial attrs/ids");
		goto out;
	}

	/* WHOLE follows the block's flags: INPUT|OUTPUT -> INOUT. */
	fill(a.buffer, size, 9);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_MEMREF_WHOLE,
					 0, 0);
	op.params[0].memref.parent = &a;
	op.params[1].memref.parent = &b;
	res = TEEC_InvokeCommand(&s, 1, &op, &origin);
	if (res != TEEC_SUCCESS || op.params[1].memref.size != size ||
	    memcmp(a.buffer, b.buffer, size) || fake.last_attr[0] != 7) {
		snprintf(why, sizeof(why), "whole echo: 0x%x", res);
		goto out;
	}

	/* Direction not allowed by the block, range outside it. */
	a.flags = TEEC_MEM_INPUT;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_OUTPUT, 0, 0, 0);
	op.params[0].memref.parent = &a;
	op.params[0].memref.size = 1;
	origin = 0;
	res = TEEC_InvokeCommand(&s, 0, &op, &origin);
	if (res != TEEC_ERROR_BAD_PARAMETERS || origin != TEEC_ORIGIN_API) {
		snprintf(why, sizeof(why), "output on input block: 0x%x", res);
		goto out;
	}
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, 0, 0, 0);
	op.params[0].memref.offset = size;
	op.params[0].memref.size = 1;
	res = TEEC_InvokeCommand(&s, 0, &op, &origin);
	if (res != TEEC_ERROR_BAD_PARAMETERS || origin != TEEC_ORIGIN_API) {
		snprintf(why, sizeof(why), "range: 0x%x", res);
		goto out;
	}
	op.params[0].memref.offset = 0;
	op.params[0].memref.size = size;
	res = TEEC_InvokeCommand(&s, 0, &op, &origin);
	if (res != TEEC_SUCCESS) {
		snprintf(why, sizeof(why), "full range refused: 0x%x", res);
		goto out;
	}
	ok = true;
out:
	TEEC_ReleaseSharedMemory(&a);
	TEEC_ReleaseSharedMemory(&b);
	/* Upstream clears buffer on release, registered memory included. */
	if (ok && (fake.shm != 0 || a.buffer != NULL || a.id != -1)) {
		snprintf(why, sizeof(why), "release: shm %u", fake.shm);
		ok = false;
	}
	close_test(&ctx, &s);
	free(ba);
	free(bb);
	return ok;
}

static bool t_allocated(void)
{
	TEEC_SharedMemory m, z;
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result res;
	size_t i;

	CHECK(open_test(&ctx, &s, &uuid_test), "open");
	memset(&m, 0, sizeof(m));
	m.size = 10000;
	m.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	CHECK(TEEC_AllocateSharedMemory(&ctx, &m) == TEEC_SUCCESS, "allocate");
	CHECK(m.buffer && !m.shadow_buffer, "buffer %p shadow %p", m.buffer,
	      m.shadow_buffer);
	CHECK(fake.registered == (fake.reg_mem ? 1u : 0u), "registered %u",
	      fake.registered);
	for (i = 0; i < m.size; i++)
		CHECK(!((uint8_t *)m.buffer)[i], "not zeroed");
	fill(m.buffer, 5000, 4);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT,
					 TEEC_MEMREF_PARTIAL_OUTPUT, 0, 0);
	op.params[0].memref.parent = &m;
	op.params[0].memref.size = 5000;
	op.params[1].memref.parent = &m;
	op.params[1].memref.offset = 5000;
	op.params[1].memref.size = 5000;
	res = TEEC_InvokeCommand(&s, 1, &op, &origin);
	CHECK(res == TEEC_SUCCESS && !memcmp(m.buffer, (uint8_t *)m.buffer + 5000,
					     5000), "echo in one block: 0x%x", res);

	/* Zero-size blocks are valid. */
	memset(&z, 0, sizeof(z));
	z.flags = TEEC_MEM_OUTPUT;
	CHECK(TEEC_AllocateSharedMemory(&ctx, &z) == TEEC_SUCCESS, "size 0");
	TEEC_ReleaseSharedMemory(&z);
	TEEC_ReleaseSharedMemory(&m);
	CHECK(m.buffer == NULL && m.id == -1, "allocated block not cleared");
	TEEC_ReleaseSharedMemory(&m); /* harmless twice */
	CHECK(fake.shm == 0, "shm left: %u", fake.shm);

	memset(&m, 0, sizeof(m));
	m.size = 16;
	m.flags = 0;
	CHECK(TEEC_AllocateSharedMemory(&ctx, &m) == TEEC_ERROR_BAD_PARAMETERS,
	      "flags 0");
	m.flags = 8;
	CHECK(TEEC_RegisterSharedMemory(&ctx, &m) == TEEC_ERROR_BAD_PARAMETERS,
	      "flags 8");
	m.flags = TEEC_MEM_INPUT;
	m.buffer = NULL;
	CHECK(TEEC_RegisterSharedMemory(&ctx, &m) == TEEC_ERROR_BAD_PARAMETERS,
	      "NULL buffer");
	CHECK(TEEC_AllocateSharedMemory(NULL, &m) == TEEC_ERROR_BAD_PARAMETERS,
	      "NULL context");
	close_test(&ctx, &s);
	return true;
}

static bool t_bad_params(void)
{
	static const uint32_t bad[] = { 4, 8, 9, 0xa, 0xb };
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	TEEC_SharedMemory unset;
	uint32_t origin;
	TEEC_Result res;
	unsigned int i, invokes;

	CHECK(open_test(&ctx, &s, &uuid_test), "open");
	invokes = fake.invokes;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(0, 0, bad[i], 0);
		origin = 0;
		res = TEEC_InvokeCommand(&s, 0, &op, &origin);
		CHECK(res == TEEC_ERROR_BAD_PARAMETERS &&
		      origin == TEEC_ORIGIN_API, "type 0x%x: 0x%x", bad[i], res);
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, 0, 0, 0);
	res = TEEC_InvokeCommand(&s, 0, &op, &origin);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_API,
	      "NULL parent");
	memset(&op.params[0], 0, sizeof(op.params[0]));
	op.paramTypes = TEEC_PARAM_TYPES(0, 0, 0, TEEC_MEMREF_TEMP_INPUT);
	op.params[3].tmpref.size = 4; /* NULL with a size */
	res = TEEC_InvokeCommand(&s, 0, &op, &origin);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_API,
	      "NULL temporary memref with a size");
	res = TEEC_InvokeCommand(NULL, 0, NULL, &origin);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_API,
	      "NULL session");
	CHECK(fake.invokes == invokes, "a refused call reached the TEE");
	/*
	 * A never-shared parent (id 0 of a zeroed struct, as upstream: the
	 * kernel refuses it), and nibbles beyond p3, which are ignored.
	 */
	memset(&unset, 0, sizeof(unset));
	unset.id = 12345;
	unset.flags = TEEC_MEM_INPUT;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, 0, 0, 0);
	op.params[0].memref.parent = &unset;
	res = TEEC_InvokeCommand(&s, 0, &op, &origin);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_COMMS,
	      "unshared parent: 0x%x origin %u", res, origin);
	op.paramTypes = 0x10000;
	res = TEEC_InvokeCommand(&s, 0, &op, &origin);
	CHECK(res == TEEC_SUCCESS, "fifth parameter nibble: 0x%x", res);
	fake.fail_errno = EINVAL;
	res = TEEC_InvokeCommand(&s, 0, NULL, &origin);
	CHECK(res == TEEC_ERROR_BAD_PARAMETERS && origin == TEEC_ORIGIN_COMMS,
	      "ioctl EINVAL: 0x%x origin %u", res, origin);
	fake.fail_errno = EIO;
	res = TEEC_InvokeCommand(&s, 0, NULL, &origin);
	CHECK(res == TEEC_ERROR_GENERIC && origin == TEEC_ORIGIN_COMMS,
	      "ioctl EIO: 0x%x origin %u", res, origin);
	close_test(&ctx, &s);
	CHECK(fake.shm == 0 && fake.sessions == 0, "leak");
	return true;
}

struct busy {
	TEEC_Session *s;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	int done;
};

static void *busy_thread(void *arg)
{
	struct busy *b = arg;

	b->res = TEEC_InvokeCommand(b->s, 4, &b->op, &b->origin);
	__atomic_store_n(&b->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static bool t_cancel(void)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	struct busy b;
	pthread_t th;
	uint32_t origin;
	TEEC_Result res;
	unsigned int invokes;

	CHECK(open_test(&ctx, &s, &uuid_test), "open");
	/* Never invoked: names no session, nothing is sent; it then runs. */
	invokes = fake.invokes;
	memset(&op, 0, sizeof(op));
	TEEC_RequestCancellation(&op);
	CHECK(fake.cancels == 0, "cancel sent for a never-invoked operation");
	res = TEEC_InvokeCommand(&s, 0, &op, &origin);
	CHECK(res == TEEC_SUCCESS && fake.invokes == invokes + 1 &&
	      op.session == &s && op.started == 0,
	      "never-invoked: 0x%x origin %u", res, origin);

	/* While running: the TEE sees the session and cancel id 0. */
	memset(&b, 0, sizeof(b));
	b.s = &s;
	b.op.paramTypes = 0;
	CHECK(!pthread_create(&th, NULL, busy_thread, &b), "thread");
	while (!__atomic_load_n(&b.op.session, __ATOMIC_SEQ_CST) &&
	       !__atomic_load_n(&b.done, __ATOMIC_SEQ_CST))
		usleep(1000);
	usleep(20000);
	TEEC_RequestCancellation(&b.op);
	pthread_join(th, NULL);
	CHECK(b.res == TEEC_ERROR_CANCEL && b.origin == TEEC_ORIGIN_TRUSTED_APP,
	      "running: 0x%x origin %u", b.res, b.origin);
	CHECK(b.op.session == &s && b.op.started == 0 && fake.cancels == 1,
	      "operation fields / cancels %u", fake.cancels);

	/* The operation can be invoked again. */
	res = TEEC_InvokeCommand(&s, 0, &b.op, &origin);
	CHECK(res == TEEC_SUCCESS, "reuse: 0x%x", res);
	close_test(&ctx, &s);
	return true;
}

/* ------------------------------------------------------- supplicant */

static void supp_req(unsigned int i, uint32_t func, uint32_t num)
{
	fake.supp[i].func = func;
	fake.supp[i].num_params = num;
	if (i + 1 > fake.supp_count)
		fake.supp_count = i + 1;
}

static void supp_value(unsigned int i, unsigned int n, uint64_t attr,
		       uint64_t a, uint64_t b, uint64_t c)
{
	fake.supp[i].params[n].attr = attr;
	fake.supp[i].params[n].a = a;
	fake.supp[i].params[n].b = b;
	fake.supp[i].params[n].c = c;
}

/* SHM_FREE (request 2) names what SHM_ALLOC (request 0) answered. */
static void supp_link(unsigned int i, struct fake_supp_req *r)
{
	if (i == 2)
		r->params[0].b = fake.supp[0].answer[0].c;
}

/* Runs the supplicant on the script; its stderr comes back in log. */
static int run_supplicant(char *log, size_t len)
{
	char dev[300], fsdir[300];
	char *argv[] = { "tee-supplicant", "--fs-parent-path", fsdir, dev, NULL };
	int saved, tmp, rc;
	ssize_t n;
	FILE *f = tmpfile();

	if (!f)
		return -1;
	snprintf(dev, sizeof(dev), "%s/teepriv0", devdir);
	snprintf(fsdir, sizeof(fsdir), "%s/fs", devdir);	/* never the host's /var/lib/tee */
	fflush(stderr);
	saved = dup(2);
	tmp = fileno(f);
	dup2(tmp, 2);
	optind = 1;
	rc = tee_supplicant_main(4, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	lseek(tmp, 0, SEEK_SET);
	n = read(tmp, log, len - 1);
	log[n > 0 ? n : 0] = '\0';
	fclose(f);
	return rc;
}

static bool t_supplicant(void)
{
	char log[4096];
	int rc;
	unsigned int i;

	fake.supp_before = supp_link;
	supp_req(0, 6, 1); /* SHM_ALLOC APPL 5000 */
	supp_value(0, 0, TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT, 0, 5000, 0);
	supp_req(1, 0, 2); /* LOAD_TA */
	supp_value(1, 0, TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT, 1, 2, 3);
	supp_value(1, 1, TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT, 0, 100,
		   (uint64_t)-1);
	supp_req(2, 7, 1); /* SHM_FREE of request 0's block */
	supp_value(2, 0, TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT, 0, 0, 0);
	supp_req(3, 7, 1); /* SHM_FREE of nothing */
	supp_value(3, 0, TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT, 0, 9999, 0);
	supp_req(4, 2, 1); /* FS OPEN with 1 param instead of 3 */
	supp_value(4, 0, TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT, 0, 0, 0);
	supp_req(5, 10, 3); /* SOCKET */
	supp_req(6, 6, 1); /* SHM_ALLOC left for the exit to free */
	supp_value(6, 0, TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT, 0, 1, 0);

	rc = run_supplicant(log, sizeof(log));
	CHECK(rc == 0, "exit status %d; log: %.400s", rc, log);
	CHECK(fake.supp_next == 7, "%u requests answered", fake.supp_next);
	for (i = 0; i < 7; i++)
		CHECK(fake.supp[i].sent_num_params == fake.supp[i].num_params,
		      "request %u: %u params back", i,
		      fake.supp[i].sent_num_params);
	CHECK(fake.supp_recv_offered == 16 && !fake.supp_recv_meta,
	      "RECV offered %u params, meta %d", fake.supp_recv_offered,
	      fake.supp_recv_meta);
	CHECK(fake.supp[0].ret == TEEC_SUCCESS &&
	      fake.supp[0].answer[0].c == fake.supp[2].params[0].b &&
	      fake.supp[0].answer[0].c != 0, "SHM_ALLOC: 0x%x id %llu",
	      fake.supp[0].ret, (unsigned long long)fake.supp[0].answer[0].c);
	/* No /lib/optee_armtz/<uuid>.ta here: ITEM_NOT_FOUND, size untouched. */
	CHECK(fake.supp[1].ret == TEEC_ERROR_ITEM_NOT_FOUND &&
	      fake.supp[1].answer[1].b == 100, "LOAD_TA: 0x%x", fake.supp[1].ret);
	CHECK(fake.supp[2].ret == TEEC_SUCCESS, "SHM_FREE: 0x%x",
	      fake.supp[2].ret);
	CHECK(fake.supp[3].ret == TEEC_ERROR_BAD_PARAMETERS,
	      "SHM_FREE unknown: 0x%x", fake.supp[3].ret);
	CHECK(fake.supp[4].ret == TEEC_ERROR_BAD_PARAMETERS &&
	      fake.supp[5].ret == TEEC_ERROR_NOT_SUPPORTED, "FS 0x%x, SOCKET 0x%x",
	      fake.supp[4].ret, fake.supp[5].ret);
	CHECK(fake.supp[6].ret == TEEC_SUCCESS, "second SHM_ALLOC");
	CHECK(fake.shm == 0, "shm left after exit: %u", fake.shm);
	CHECK(!strstr(log, "unsupported request 2 (FS)") &&
	      strstr(log, "unsupported request 10 (SOCKET)") &&
	      strstr(log, "unknown shm id 9999"), "log lines missing: %.400s", log);
	return true;
}

/* ----------------------------------------------------------- runner */

struct hcase {
	const char *name;
	bool (*fn)(void);
	bool both_modes;
};

static const struct hcase cases[] = {
	{ "param_macros", t_param_macros, false },
	{ "context_scan", t_context_scan, true },
	{ "open_session", t_open_session, false },
	{ "values", t_values, false },
	{ "tmpref", t_tmpref, true },
	{ "registered", t_registered, true },
	{ "allocated", t_allocated, true },
	{ "bad_params", t_bad_params, false },
	{ "cancel", t_cancel, false },
	{ "supplicant", t_supplicant, false },
};

static void run(const struct hcase *c, bool dynamic)
{
	char id[64];
	bool ok;

	fake_tee_reset();
	fake.reg_mem = fake.memref_null = dynamic;
	snprintf(id, sizeof(id), "client.%s%s", c->name,
		 c->both_modes ? (dynamic ? ".dynamic" : ".reserved") : "");
	why[0] = '\0';
	ok = c->fn();
	if (ok && (fake.sessions || fake.shm)) {
		snprintf(why, sizeof(why), "left %u sessions, %u shm",
			 fake.sessions, fake.shm);
		ok = false;
	}
	if (ok) {
		printf("PASS %s\n", id);
		npass++;
	} else {
		printf("FAIL %s (%s)\n", id, why);
		nfail++;
	}
	fflush(stdout);
}

int main(void)
{
	unsigned int i;

	/* The library under test scans FAKE_DEV_DIR/teeN (TEEC_DEV_PATH_FMT). */
	snprintf(devdir, sizeof(devdir), "%s", FAKE_DEV_DIR);
	if (fake_tee_setup(devdir))
		return 1;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run(&cases[i], true);
		if (cases[i].both_modes)
			run(&cases[i], false);
	}
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail ? 1 : 0;
}
