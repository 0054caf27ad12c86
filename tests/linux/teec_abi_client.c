// SPDX-License-Identifier: BSD-2-Clause
/*
 * teec_abi_client: a GP client built the way a program compiled against
 * OP-TEE's own tee_client_api.h (optee_client 3.19, Debian's
 * optee-client-dev) is, run against mintee's libteec.so.1.
 *
 * It does not include mintee's header. The structs below are a copy of
 * upstream's ARM32 layout as recorded in docs (ta-abi.md I.2: sizes 8, 8,
 * 32, 60, 12; every field at upstream's offset), written out here, so a
 * library that writes past them or reads its own fields from elsewhere is
 * caught. Every struct the library is handed sits between two canaries;
 * after each call the canaries must be intact.
 *
 *   teec_abi_client [-S]      -S: no summary line (the tier's runner counts)
 *
 * Output: PASS/FAIL linux.teec_abi.<case>: ... lines, then "N passed, N
 * failed".
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------- upstream's layout (ARM32) */

typedef uint32_t up_result;

typedef struct {
	int fd;
	bool reg_mem;
	bool memref_null;
} up_context;

typedef struct {
	uint32_t timeLow;
	uint16_t timeMid;
	uint16_t timeHiAndVersion;
	uint8_t clockSeqAndNode[8];
} up_uuid;

typedef struct {
	void *buffer;
	size_t size;
	uint32_t flags;
	int id;
	size_t alloced_size;
	void *shadow_buffer;
	int registered_fd;
	union {
		bool dummy;
		uint8_t flags;
	} internal;
} up_shm;

typedef struct {
	void *buffer;
	size_t size;
} up_tmpref;

typedef struct {
	up_shm *parent;
	size_t size;
	size_t offset;
} up_memref;

typedef struct {
	uint32_t a;
	uint32_t b;
} up_value;

typedef union {
	up_tmpref tmpref;
	up_memref memref;
	up_value value;
} up_param;

typedef struct {
	up_context *ctx;
	uint32_t session_id;
} up_session;

typedef struct {
	uint32_t started;
	uint32_t paramTypes;
	up_param params[4];
	up_session *session;
} up_operation;

#if defined(__arm__)
_Static_assert(sizeof(up_context) == 8, "TEEC_Context");
_Static_assert(sizeof(up_session) == 8, "TEEC_Session");
_Static_assert(sizeof(up_shm) == 32, "TEEC_SharedMemory");
_Static_assert(sizeof(up_operation) == 60, "TEEC_Operation");
_Static_assert(sizeof(up_param) == 12, "TEEC_Parameter");
_Static_assert(offsetof(up_operation, session) == 56, "TEEC_Operation.session");
_Static_assert(offsetof(up_shm, registered_fd) == 24, "registered_fd");
#endif

/* The exported functions, under upstream's names and prototypes. */
up_result TEEC_InitializeContext(const char *name, up_context *ctx);
void TEEC_FinalizeContext(up_context *ctx);
up_result TEEC_OpenSession(up_context *ctx, up_session *s,
			   const up_uuid *dest, uint32_t method,
			   const void *data, up_operation *op,
			   uint32_t *origin);
void TEEC_CloseSession(up_session *s);
up_result TEEC_InvokeCommand(up_session *s, uint32_t cmd, up_operation *op,
			     uint32_t *origin);
up_result TEEC_RegisterSharedMemory(up_context *ctx, up_shm *shm);
up_result TEEC_AllocateSharedMemory(up_context *ctx, up_shm *shm);
void TEEC_ReleaseSharedMemory(up_shm *shm);
void TEEC_RequestCancellation(up_operation *op);

#define NONE          0x0
#define VALUE_INPUT   0x1
#define VALUE_OUTPUT  0x2
#define VALUE_INOUT   0x3
#define TEMP_INPUT    0x5
#define TEMP_OUTPUT   0x6
#define MEMREF_WHOLE  0xC
#define PARTIAL_INPUT 0xD
#define PARTIAL_OUTPUT 0xE
#define MEM_INPUT     0x1
#define MEM_OUTPUT    0x2
#define TYPES(a, b, c, d) ((a) | (b) << 4 | (c) << 8 | (d) << 12)

/* hello world and the test service (tests/linux/teec_tests.c). */
static const up_uuid uuid_hello = { 0xa189a48a, 0x63ac, 0x46b4,
	{ 0xad, 0x0f, 0xb0, 0xda, 0x7c, 0x39, 0xca, 0x81 } };
static const up_uuid uuid_test = { 0x5ce0c432, 0x0ab0, 0x40e5,
	{ 0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0xa2 } };
#define CMD_ECHO 1
#define CMD_SUM  2

/* --------------------------------------------------------- canaries */

#define CANARY_WORDS 4
#define CANARY 0xca4a7a11u

/* T between two canaries. */
typedef uint8_t bytes64[64];

#define GUARDED(T) struct { uint32_t lo[CANARY_WORDS]; T v; uint32_t hi[CANARY_WORDS]; }

static void arm_canary(uint32_t *w)
{
	int i;

	for (i = 0; i < CANARY_WORDS; i++)
		w[i] = CANARY ^ (uint32_t)i;
}

static bool canary_ok(const uint32_t *w)
{
	int i;

	for (i = 0; i < CANARY_WORDS; i++)
		if (w[i] != (CANARY ^ (uint32_t)i))
			return false;
	return true;
}

#define GUARD(g) do { arm_canary((g).lo); arm_canary((g).hi); } while (0)
#define INTACT(g) (canary_ok((g).lo) && canary_ok((g).hi))

static int npass, nfail;
static const char *failed_at;

static void report(const char *id, const char *what, bool ok, const char *why)
{
	if (ok) {
		printf("PASS linux.teec_abi.%s: %s\n", id, what);
		npass++;
	} else {
		printf("FAIL linux.teec_abi.%s: %s (%s)\n", id, what, why);
		nfail++;
	}
	fflush(stdout);
}

/* Checks the canaries of every guarded object after a call. */
#define AFTER(call, ...) do {						\
		if (!failed_at) {					\
			const bool ok_[] = { __VA_ARGS__ };		\
			size_t i_;					\
			for (i_ = 0; i_ < sizeof(ok_) / sizeof(ok_[0]); i_++) \
				if (!ok_[i_])				\
					failed_at = call;		\
		}							\
	} while (0)

int main(int argc, char *argv[])
{
	GUARDED(up_context) ctx;
	GUARDED(up_session) sess, tsess;
	GUARDED(up_operation) op;
	GUARDED(up_shm) shm_alloc, shm_reg;
	GUARDED(bytes64) in, out;
	uint8_t regbuf[256];
	bool summary = !(argc > 1 && !strcmp(argv[1], "-S"));
	uint32_t origin = 0;
	up_result res;
	char why[160];
	size_t i;

	GUARD(ctx); GUARD(sess); GUARD(tsess); GUARD(op);
	GUARD(shm_alloc); GUARD(shm_reg); GUARD(in); GUARD(out);

	/* Session and values: hello world 41 -> 42. */
	res = TEEC_InitializeContext(NULL, &ctx.v);
	AFTER("TEEC_InitializeContext", INTACT(ctx));
	if (res) {
		snprintf(why, sizeof(why), "TEEC_InitializeContext: 0x%08x", res);
		report("open", "context and session, upstream layout", false, why);
		goto out;
	}
	memset(&op.v, 0, sizeof(op.v));
	res = TEEC_OpenSession(&ctx.v, &sess.v, &uuid_hello, 0, NULL, &op.v,
			       &origin);
	AFTER("TEEC_OpenSession", INTACT(ctx), INTACT(sess), INTACT(op));
	snprintf(why, sizeof(why), "TEEC_OpenSession: 0x%08x origin %u", res,
		 origin);
	report("open", "context and session, upstream layout", !res, why);
	if (res)
		goto out_ctx;

	memset(&op.v, 0, sizeof(op.v));
	op.v.paramTypes = TYPES(VALUE_INOUT, NONE, NONE, NONE);
	op.v.params[0].value.a = 41;
	res = TEEC_InvokeCommand(&sess.v, 0, &op.v, &origin);
	AFTER("TEEC_InvokeCommand", INTACT(sess), INTACT(op));
	snprintf(why, sizeof(why), "0x%08x origin %u, a = %u, session %p", res,
		 origin, op.v.params[0].value.a, (void *)op.v.session);
	report("value", "VALUE_INOUT 41 -> 42; TEEC_Operation.session at offset 56",
	       !res && op.v.params[0].value.a == 42 && op.v.session == &sess.v,
	       why);

	/* Temporary memrefs and values on the test service (echo, sum). */
	res = TEEC_OpenSession(&ctx.v, &tsess.v, &uuid_test, 0, NULL, NULL,
			       &origin);
	AFTER("TEEC_OpenSession (test)", INTACT(ctx), INTACT(tsess));
	if (!res) {
		for (i = 0; i < sizeof(in.v); i++)
			in.v[i] = (uint8_t)(i * 3 + 1);
		memset(out.v, 0, sizeof(out.v));
		memset(&op.v, 0, sizeof(op.v));
		op.v.paramTypes = TYPES(TEMP_INPUT, TEMP_OUTPUT, NONE, NONE);
		op.v.params[0].tmpref.buffer = in.v;
		op.v.params[0].tmpref.size = sizeof(in.v);
		op.v.params[1].tmpref.buffer = out.v;
		op.v.params[1].tmpref.size = sizeof(out.v);
		res = TEEC_InvokeCommand(&tsess.v, CMD_ECHO, &op.v, &origin);
		AFTER("TEEC_InvokeCommand (echo)", INTACT(op), INTACT(in),
		      INTACT(out));
		snprintf(why, sizeof(why), "0x%08x origin %u, size %zu", res,
			 origin, op.v.params[1].tmpref.size);
		report("tmpref", "temporary memrefs in and out",
		       !res && op.v.params[1].tmpref.size == sizeof(in.v) &&
		       !memcmp(in.v, out.v, sizeof(in.v)), why);

		memset(&op.v, 0, sizeof(op.v));
		op.v.paramTypes = TYPES(VALUE_INPUT, VALUE_INPUT, VALUE_OUTPUT,
					NONE);
		op.v.params[0].value.a = 1;
		op.v.params[0].value.b = 2;
		op.v.params[1].value.a = 3;
		op.v.params[1].value.b = 4;
		res = TEEC_InvokeCommand(&tsess.v, CMD_SUM, &op.v, &origin);
		AFTER("TEEC_InvokeCommand (sum)", INTACT(op));
		snprintf(why, sizeof(why), "0x%08x, sum %u", res,
			 op.v.params[2].value.a);
		report("values", "values in params[0..2]",
		       !res && op.v.params[2].value.a == 10, why);
	} else {
		snprintf(why, sizeof(why), "open test service: 0x%08x", res);
		report("tmpref", "temporary memrefs in and out", false, why);
		report("values", "values in params[0..2]", false, why);
	}

	/* Shared memory: an allocated block (WHOLE) and a registered one. */
	memset(&shm_alloc.v, 0, sizeof(shm_alloc.v));
	shm_alloc.v.size = 48;
	shm_alloc.v.flags = MEM_INPUT;	/* WHOLE -> MEMREF_INPUT */
	res = TEEC_AllocateSharedMemory(&ctx.v, &shm_alloc.v);
	AFTER("TEEC_AllocateSharedMemory", INTACT(ctx), INTACT(shm_alloc));
	memset(&shm_reg.v, 0, sizeof(shm_reg.v));
	shm_reg.v.buffer = regbuf;
	shm_reg.v.size = sizeof(regbuf);
	shm_reg.v.flags = MEM_INPUT | MEM_OUTPUT;
	if (!res)
		res = TEEC_RegisterSharedMemory(&ctx.v, &shm_reg.v);
	AFTER("TEEC_RegisterSharedMemory", INTACT(ctx), INTACT(shm_reg));
	if (!res && !tsess.v.ctx)
		res = 0xffff0007; /* the test session did not open */
	if (!res) {
		uint8_t *src = shm_alloc.v.buffer;

		for (i = 0; i < 48; i++)
			src[i] = (uint8_t)(0x40 + i);
		memset(regbuf, 0, sizeof(regbuf));
		memset(&op.v, 0, sizeof(op.v));
		op.v.paramTypes = TYPES(MEMREF_WHOLE, PARTIAL_OUTPUT, NONE,
					NONE);
		op.v.params[0].memref.parent = &shm_alloc.v;
		op.v.params[1].memref.parent = &shm_reg.v;
		op.v.params[1].memref.offset = 100;
		op.v.params[1].memref.size = 64;
		res = TEEC_InvokeCommand(&tsess.v, CMD_ECHO, &op.v, &origin);
		AFTER("TEEC_InvokeCommand (shm)", INTACT(op),
		      INTACT(shm_alloc), INTACT(shm_reg));
		snprintf(why, sizeof(why), "0x%08x origin %u, size %zu", res,
			 origin, op.v.params[1].memref.size);
		report("shm", "allocated (WHOLE) and registered (PARTIAL) shared memory",
		       !res && op.v.params[1].memref.size == 48 &&
		       !memcmp(regbuf + 100, src, 48) && regbuf[99] == 0 &&
		       regbuf[148] == 0, why);
	} else {
		snprintf(why, sizeof(why), "allocate/register: 0x%08x", res);
		report("shm", "allocated (WHOLE) and registered (PARTIAL) shared memory",
		       false, why);
	}
	TEEC_ReleaseSharedMemory(&shm_alloc.v);
	TEEC_ReleaseSharedMemory(&shm_reg.v);
	AFTER("TEEC_ReleaseSharedMemory", INTACT(shm_alloc), INTACT(shm_reg));

	/* A cancellation of the last invoke (nothing running: a no-op). */
	TEEC_RequestCancellation(&op.v);
	AFTER("TEEC_RequestCancellation", INTACT(op));

	if (tsess.v.ctx)
		TEEC_CloseSession(&tsess.v);
	AFTER("TEEC_CloseSession (test)", INTACT(tsess));
	TEEC_CloseSession(&sess.v);
	AFTER("TEEC_CloseSession", INTACT(sess));
out_ctx:
	TEEC_FinalizeContext(&ctx.v);
	AFTER("TEEC_FinalizeContext", INTACT(ctx));
out:
	report("canaries", "no canary hit around any struct after any call",
	       !failed_at, failed_at ? failed_at : "");
	if (summary)
		printf("%d passed, %d failed\n", npass, nfail);
	return nfail ? 1 : 0;
}
