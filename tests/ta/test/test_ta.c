/*
 * The test TA: every command of test_ta.h. Built ARM, soft-float, -pie, as
 * tests/ta/ta.mk says; runs in Secure User mode under mintee.
 */
#include <stdint.h>
#include <string.h>
#include <tee_internal_api.h>
#include <utee_syscalls.h>
#include <test_ta.h>
#include <user_ta_header.h>

static uint32_t creates, sessions, invokes;
/* "bx lr" in .data: executing it must fault (data is XN). */
static uint32_t data_code[2] = { 0xe12fff1e, 0xe12fff1e };

TEE_Result TA_CreateEntryPoint(void)
{
	creates++;
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	IMSG("test TA: destroy after %u invokes", (unsigned)invokes);
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t ptypes, TEE_Param p[4], void **ctx)
{
	(void)ptypes;
	(void)p;
	sessions++;
	*ctx = (void *)(0x5e550000u + sessions);
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *ctx)
{
	(void)ctx;
	sessions--;
}

/* Deeper than any stack: ends in the guard page (depth keeps the compiler
 * from seeing an endless recursion). */
static uint32_t recurse(volatile uint32_t *prev, uint32_t depth)
{
	volatile uint32_t frame[64];

	frame[0] = prev ? prev[0] + 1 : 0;
	if (!depth)
		return frame[0];
	return recurse(frame, depth - 1) + frame[1];
}

static TEE_Result short_buffer(TEE_Param *p)
{
	if (p->memref.size < 64) {
		p->memref.size = 64;
		return TEE_ERROR_SHORT_BUFFER;
	}
	for (unsigned int i = 0; i < 64; i++)
		((uint8_t *)p->memref.buffer)[i] = (uint8_t)i;
	p->memref.size = 64;
	return TEE_SUCCESS;
}

static TEE_Result time_cmd(uint32_t cmd, TEE_Param *p)
{
	TEE_Time t = { 0, 0 };
	TEE_Result res = TEE_SUCCESS;

	if (cmd == TEST_TA_CMD_SYSTEM_TIME)
		TEE_GetSystemTime(&t);
	else
		TEE_GetREETime(&t);	/* GP: panics if the REE clock fails */
	p->value.a = t.seconds;
	p->value.b = t.millis;
	return res;
}

/* Ways to die; returns only if the TA survived (a test failure). */
static TEE_Result die(uint32_t cmd, TEE_Param *p)
{
	switch (cmd) {
	case TEST_TA_CMD_READ:
		p[0].value.a = *(volatile uint32_t *)p[0].value.a;
		return TEE_SUCCESS;
	case TEST_TA_CMD_WRITE:
		*(volatile uint32_t *)p[0].value.a = p[0].value.b;
		return TEE_SUCCESS;
	case TEST_TA_CMD_EXEC:
		((void (*)(void))p[0].value.a)();
		return TEE_SUCCESS;
	case TEST_TA_CMD_WRITE_TEXT:
		*(volatile uint32_t *)(uintptr_t)&TA_CreateEntryPoint = 0;
		return TEE_SUCCESS;
	case TEST_TA_CMD_EXEC_DATA:
		((void (*)(void))(uintptr_t)data_code)();
		return TEE_SUCCESS;
	case TEST_TA_CMD_UNDEF:
		__asm__ volatile("udf #0x42");
		return TEE_SUCCESS;
	case TEST_TA_CMD_STACK_OVF:
		return recurse(NULL, 1u << 20);
	case TEST_TA_CMD_PANIC:
		TEE_Panic(TEST_TA_PANIC_CODE);
	case TEST_TA_CMD_BAD_SYSCALL:
		return _utee_syscall(99, 0, 0);
	case TEST_TA_CMD_VFP: {
		uint32_t v;

		__asm__ volatile(".fpu vfpv3\n vmrs %0, fpscr" : "=r"(v));
		return v;
	}
	case TEST_TA_CMD_WRITE_INPUT:
		((volatile uint8_t *)p[0].memref.buffer)[0] = 1;
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

static uint32_t check_props(void)
{
	uint32_t ok = 0, type = 0, len = 2;
	TEE_UUID id;
	bool single;
	char desc[32];
	size_t n = sizeof(desc);

	if (!TEE_GetPropertyAsUUID(TEE_PROPSET_CURRENT_TA, "gpd.ta.appID", &id) &&
	    !memcmp(&id, &ta_head.uuid, sizeof(id)))
		ok |= TEST_TA_PROP_APPID;
	if (!TEE_GetPropertyAsBool(TEE_PROPSET_CURRENT_TA, "gpd.ta.singleInstance", &single) &&
	    single == !!(ta_head.flags & TA_FLAG_SINGLE_INSTANCE))
		ok |= TEST_TA_PROP_SINGLE;
	if (!TEE_GetPropertyAsString(TEE_PROPSET_TEE_IMPLEMENTATION, "gpd.tee.description", desc, &n) &&
	    !memcmp(desc, "mintee", 6))
		ok |= TEST_TA_PROP_TEE_DESC;
	if (TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA, "gpd.ta.noSuchThing", &type) ==
	    TEE_ERROR_ITEM_NOT_FOUND)
		ok |= TEST_TA_PROP_UNKNOWN;
	if (_utee_get_property(MTA_PROPSET_TEE_IMPLEMENTATION, "gpd.tee.apiversion", 18, desc, &len,
			       &type) == TEE_ERROR_SHORT_BUFFER && len == 6)
		ok |= TEST_TA_PROP_SHORT;
	len = sizeof(desc);
	if (_utee_get_property(MTA_PROPSET_CURRENT_TA, (const char *)0x0e000000, 12, desc, &len, &type) ==
	    TEE_ERROR_ACCESS_DENIED)
		ok |= TEST_TA_PROP_BAD_PTR;
	return ok;
}

static TEE_Result props(TEE_Param p[4])
{
	TEE_Identity who;
	TEE_Result res = TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT, "gpd.client.identity", &who);

	p[0].value.a = who.login;
	p[0].value.b = who.uuid.timeLow;
	p[1].value.a = check_props();
	p[1].value.b = 0;
	return res;
}

static TEE_UUID variant(uint8_t id)
{
	TEE_UUID u = ta_head.uuid;

	u.clockSeqAndNode[7] = id;
	return u;
}

static TEE_Result call_pta(TEE_Param *out)
{
	static const TEE_UUID hello = { 0xa189a48a, 0x63ac, 0x46b4,
					{ 0xad, 0x0f, 0xb0, 0xda, 0x7c, 0x39, 0xca, 0x81 } };
	TEE_TASessionHandle s;
	TEE_Param q[4];
	uint32_t origin;
	TEE_Result res = TEE_OpenTASession(&hello, TEE_TIMEOUT_INFINITE, 0, NULL, &s, &origin);

	out->value.b = res;
	if (res)
		return TEE_SUCCESS;
	q[0].value.a = 41;
	q[0].value.b = 0;
	res = TEE_InvokeTACommand(s, TEE_TIMEOUT_INFINITE, 0,
				  TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, 0, 0, 0), q, &origin);
	out->value.a = res ? res : q[0].value.a;
	TEE_CloseTASession(s);
	return TEE_SUCCESS;
}

static uint32_t call_ta_checks(TEE_TASessionHandle s, uint32_t *first)
{
	uint8_t buf[300];
	uint32_t ok = 0, origin;
	TEE_Param q[4];
	TEE_Result res;

	q[0].value.a = 41;
	res = TEE_InvokeTACommand(s, TEE_TIMEOUT_INFINITE, TEST_TA_CMD_INC,
				  TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, 0, 0, 0), q, &origin);
	if (!res && q[0].value.a == 42)
		ok |= TEST_TA_CALL_VALUE;
	else if (!*first)
		*first = res ? res : 1;
	for (unsigned int i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)i;
	q[0].memref.buffer = buf;
	q[0].memref.size = sizeof(buf);
	res = TEE_InvokeTACommand(s, TEE_TIMEOUT_INFINITE, TEST_TA_CMD_MEMREF_INC,
				  TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INOUT, 0, 0, 0), q, &origin);
	if (!res && buf[0] == 1 && buf[299] == (uint8_t)300)
		ok |= TEST_TA_CALL_MEMREF;
	else if (!*first)
		*first = res ? res : 2;
	res = TEE_InvokeTACommand(s, TEE_TIMEOUT_INFINITE, TEST_TA_CMD_PROPS,
				  TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_OUTPUT, TEE_PARAM_TYPE_VALUE_OUTPUT, 0, 0),
				  q, &origin);
	if (!res && q[0].value.a == TEE_LOGIN_TRUSTED_APP && q[0].value.b == ta_head.uuid.timeLow)
		ok |= TEST_TA_CALL_IDENTITY;
	else if (!*first)
		*first = res ? res : q[0].value.a;
	return ok;
}

static TEE_Result call_ta(TEE_Param p[4])
{
	TEE_UUID callee = variant((uint8_t)p[0].value.a);
	TEE_TASessionHandle s;
	uint32_t origin, ok = 0, first = 0;
	TEE_Result res = TEE_OpenTASession(&callee, TEE_TIMEOUT_INFINITE, 0, NULL, &s, &origin);

	if (!res) {
		ok |= TEST_TA_CALL_OPEN;
		ok |= call_ta_checks(s, &first);
		TEE_CloseTASession(s);
		if (TEE_InvokeTACommand(s, TEE_TIMEOUT_INFINITE, 0, 0, NULL, &origin) ==
		    TEE_ERROR_BAD_PARAMETERS)
			ok |= TEST_TA_CALL_CLOSE;
	} else {
		first = res;
	}
	p[1].value.a = ok;
	p[1].value.b = first;
	return TEE_SUCCESS;
}

static TEE_Result call_dead(TEE_Param p[4])
{
	TEE_UUID callee = variant(0x10);
	TEE_TASessionHandle s;
	uint32_t origin = 0;
	TEE_Param q[4];
	TEE_Result res = TEE_OpenTASession(&callee, TEE_TIMEOUT_INFINITE, 0, NULL, &s, &origin);

	if (res) {
		p[0].value.a = res;
		p[0].value.b = 0;
		return TEE_SUCCESS;
	}
	q[0].value.a = 0x0e000000;
	q[0].value.b = 0;
	res = TEE_InvokeTACommand(s, TEE_TIMEOUT_INFINITE, TEST_TA_CMD_READ,
				  TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, 0, 0, 0), q, &origin);
	p[0].value.a = res;
	p[0].value.b = origin;
	TEE_CloseTASession(s);
	return call_pta(&p[1]) ? TEE_ERROR_GENERIC : TEE_SUCCESS;
}

/* A chain of TA-to-TA calls, each callee freshly loaded (kernel stack at
 * depth, mbedTLS included). */
static TEE_Result chain(TEE_Param p[4])
{
	TEE_UUID callee = variant(0x10);
	TEE_TASessionHandle s;
	uint32_t origin;
	TEE_Param q[4];
	TEE_Result res;

	if (!p[0].value.a)
		return TEE_SUCCESS;
	res = TEE_OpenTASession(&callee, TEE_TIMEOUT_INFINITE, 0, NULL, &s, &origin);
	if (!res) {
		q[0].value.a = p[0].value.a - 1;
		q[0].value.b = 0;
		res = TEE_InvokeTACommand(s, TEE_TIMEOUT_INFINITE, TEST_TA_CMD_CHAIN,
					  TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, 0, 0, 0), q, &origin);
		if (!res)
			res = q[0].value.a;
		TEE_CloseTASession(s);
	}
	p[0].value.a = res;
	return TEE_SUCCESS;
}

#define HEAP_MAX_BLOCKS 4096

static uint32_t heap_round(uint32_t size, void **blk)
{
	uint32_t n = 0;

	while (n < HEAP_MAX_BLOCKS && (blk[n] = TEE_Malloc(size, TEE_MALLOC_NO_FILL)) != NULL) {
		memset(blk[n], (int)(n & 0xff), size);
		n++;
	}
	return n;
}

static TEE_Result heap(TEE_Param p[4])
{
	static void *blk[HEAP_MAX_BLOCKS];
	uint32_t size = p[0].value.a ? p[0].value.a : 1, n1, n2, ok = 1;

	n1 = heap_round(size, blk);
	for (uint32_t i = 0; i < n1; i++)
		ok &= ((uint8_t *)blk[i])[size - 1] == (uint8_t)i;
	for (uint32_t i = 0; i < n1; i++)
		TEE_Free(blk[i]);
	n2 = heap_round(size, blk);
	for (uint32_t i = 0; i < n2; i++)
		TEE_Free(blk[i]);
	p[0].value.a = n1;
	p[0].value.b = ok && n1 == n2 && n1 > 0 && TEE_Malloc(16 * 1024 + 1, 0) == NULL;
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *ctx, uint32_t cmd, uint32_t ptypes, TEE_Param p[4])
{
	(void)ctx;
	(void)ptypes;
	invokes++;
	switch (cmd) {
	case TEST_TA_CMD_NOP:
		return TEE_SUCCESS;
	case TEST_TA_CMD_INC:
		p[0].value.a++;
		p[0].value.b = invokes;
		return TEE_SUCCESS;
	case TEST_TA_CMD_MEMREF_INC:
		for (size_t i = 0; i < p[0].memref.size; i++)
			((uint8_t *)p[0].memref.buffer)[i]++;
		return TEE_SUCCESS;
	case TEST_TA_CMD_SHORT_BUFFER:
		return short_buffer(&p[0]);
	case TEST_TA_CMD_LOG:
		IMSG("test TA says %u", (unsigned)p[0].value.a);
		return TEE_SUCCESS;
	case TEST_TA_CMD_RANDOM:
		TEE_GenerateRandom(p[0].memref.buffer, p[0].memref.size);
		return TEE_SUCCESS;
	case TEST_TA_CMD_SYSTEM_TIME:
	case TEST_TA_CMD_REE_TIME:
		return time_cmd(cmd, &p[0]);
	case TEST_TA_CMD_CHECK_ACCESS:
		return TEE_CheckMemoryAccessRights(p[0].value.b, (void *)p[0].value.a, 4);
	case TEST_TA_CMD_SPIN:
		for (volatile uint32_t i = 0; i < (p[0].value.a << 20); i++)
			;
		return TEE_SUCCESS;
	case TEST_TA_CMD_RANDOM_BAD:
		p[0].value.a = _utee_get_random((void *)p[0].value.a, 16);
		return TEE_SUCCESS;
	case TEST_TA_CMD_LOG_BAD:
		p[0].value.a = _utee_log((void *)p[0].value.a, 16);
		return TEE_SUCCESS;
	case TEST_TA_CMD_WAIT:
		if (p[0].value.b)
			TEE_UnmaskCancellation();
		p[0].value.a = TEE_Wait(p[0].value.a);
		p[0].value.b = TEE_GetCancellationFlag();
		return TEE_SUCCESS;
	case TEST_TA_CMD_PROPS:
		return props(p);
	case TEST_TA_CMD_SPIN_FOREVER:
		for (;;)
			__asm__ volatile("" ::: "memory");
	case TEST_TA_CMD_CALL_PTA:
		return call_pta(&p[0]);
	case TEST_TA_CMD_CALL_TA:
		return call_ta(p);
	case TEST_TA_CMD_CALL_DEAD:
		return call_dead(p);
	case TEST_TA_CMD_CHAIN:
		return chain(p);
	case TEST_TA_CMD_HEAP:
		return heap(p);
	case TEST_TA_CMD_HEAP_PANIC:
		while (TEE_Malloc(256, 0))
			;
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	case TEST_TA_CMD_COUNTS:
		p[0].value.a = creates;
		p[0].value.b = sessions;
		return TEE_SUCCESS;
	default:
		return die(cmd, p);
	}
}
