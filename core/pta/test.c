/*
 * Test and benchmark service (5ce0c432-0ab0-40e5-a056-782ca0e6aba2), built
 * only with CFG_TEST_PTA=1 (the ns and linux test tiers, make bench): BUSY
 * holds a secure thread for up to 10 s and STATS shows every client's
 * counts, which a shipped TEE must not offer.
 *   0 NOOP      no params
 *   1 ECHO      p0 memref in -> p1 memref out (size = p0 size; SHORT_BUFFER)
 *   2 SUM       p0, p1 value in: p2.a = p0.a + p0.b + p1.a + p1.b (value out)
 *   3 RPC       p0 value out = GET_TIME from the normal world (an RPC round trip)
 *   4 BUSY      p0 value in a = milliseconds to spin with foreign interrupts
 *               unmasked; p1 value out a = foreign interrupts taken (approx.)
 *   5 STATS     p0 value out a = open sessions, b = registered shm;
 *               p1 value out a = threads in use (the caller's included)
 *   6 INC4      p0..p3 memref inout: every byte += 1 (the memref limits)
 *   7 TA_STATS  p0 value out a = TA pool bytes in use, b = user-TA instances
 *   20-22       secure storage PUT/GET/DEL (storage_test.h, test_storage.c)
 */
#include <string.h>
#include <arm.h>
#include <ns_shm.h>
#include <pta.h>
#include <rpc.h>
#include <storage_test.h>
#include <ta_pool.h>
#include <ta_runtime.h>
#include <thread_pool.h>

enum { CMD_NOOP, CMD_ECHO, CMD_SUM, CMD_RPC, CMD_BUSY, CMD_STATS, CMD_INC4, CMD_TA_STATS };

#define T(a, b, c, d) TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
				      TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)

static uint64_t read_cntpct(void)
{
	uint32_t lo, hi;

	__asm__ volatile("mrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint32_t read_cntfrq(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
	return v;
}

static uint32_t test_echo(union tee_param p[TEE_NUM_PARAMS])
{
	size_t n = p[0].memref.size;

	if (!p[1].memref.buffer || p[1].memref.size < n) {
		p[1].memref.size = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (n)
		memcpy(p[1].memref.buffer, p[0].memref.buffer, n);
	p[1].memref.size = n;
	return TEE_SUCCESS;
}

static uint32_t test_busy(union tee_param p[TEE_NUM_PARAMS])
{
	uint64_t end = read_cntpct() + (uint64_t)p[0].value.a * (read_cntfrq() / 1000);
	uint32_t state = thread_unmask_foreign_intr();
	uint64_t last = read_cntpct(), now;
	uint32_t gaps = 0;

	/* A jump in the counter means the thread was suspended meanwhile. */
	while ((now = read_cntpct()) < end) {
		gaps += now - last > read_cntfrq() / 1000;
		last = now;
	}
	thread_restore_foreign_intr(state);
	p[1].value.a = gaps;
	return TEE_SUCCESS;
}

static uint32_t test_inc4(union tee_param p[TEE_NUM_PARAMS])
{
	unsigned int i;
	size_t k;

	for (i = 0; i < TEE_NUM_PARAMS; i++) {
		uint8_t *b = p[i].memref.buffer;

		for (k = 0; b && k < p[i].memref.size; k++)
			b[k]++;
	}
	return TEE_SUCCESS;
}

static uint32_t test_invoke(struct pta_session *s, uint32_t cmd, uint32_t ptypes,
			    union tee_param p[TEE_NUM_PARAMS])
{
	(void)s;
	switch (cmd) {
	case CMD_NOOP:
		return TEE_SUCCESS;
	case CMD_ECHO:
		if (ptypes != T(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE) || !p[0].memref.buffer)
			return TEE_ERROR_BAD_PARAMETERS;
		return test_echo(p);
	case CMD_SUM:
		if (ptypes != T(VALUE_INPUT, VALUE_INPUT, VALUE_OUTPUT, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		p[2].value.a = p[0].value.a + p[0].value.b + p[1].value.a + p[1].value.b;
		p[2].value.b = 0;
		return TEE_SUCCESS;
	case CMD_RPC:
		if (ptypes != T(VALUE_OUTPUT, NONE, NONE, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		return rpc_get_time(&p[0].value.a, &p[0].value.b);
	case CMD_BUSY:
		if (ptypes != T(VALUE_INPUT, VALUE_OUTPUT, NONE, NONE) || p[0].value.a > 10000)
			return TEE_ERROR_BAD_PARAMETERS;
		return test_busy(p);
	case CMD_STATS:
		if (ptypes != T(VALUE_OUTPUT, VALUE_OUTPUT, NONE, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		p[0].value.a = session_count();
		p[0].value.b = ns_shm_count();
		p[1].value.a = thread_count_in_use();
		p[1].value.b = thread_get_count();
		return TEE_SUCCESS;
	case CMD_INC4:
		return test_inc4(p);
	case CMD_TA_STATS:
		p[0].value.a = ta_pool_used();
		p[0].value.b = ta_instance_count();
		return TEE_SUCCESS;
	case STORAGE_TEST_CMD_PUT:
	case STORAGE_TEST_CMD_GET:
	case STORAGE_TEST_CMD_DEL:
		return storage_test_invoke(cmd, p);
	default:
		return TEE_ERROR_NOT_IMPLEMENTED;
	}
}

static const struct pta_cmd test_cmds[] = {
	{ CMD_NOOP, T(NONE, NONE, NONE, NONE) },
	{ CMD_ECHO, T(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE) },
	{ CMD_SUM, T(VALUE_INPUT, VALUE_INPUT, VALUE_OUTPUT, NONE) },
	{ CMD_RPC, T(VALUE_OUTPUT, NONE, NONE, NONE) },
	{ CMD_BUSY, T(VALUE_INPUT, VALUE_OUTPUT, NONE, NONE) },
	{ CMD_STATS, T(VALUE_OUTPUT, VALUE_OUTPUT, NONE, NONE) },
	{ CMD_INC4, T(MEMREF_INOUT, MEMREF_INOUT, MEMREF_INOUT, MEMREF_INOUT) },
	{ CMD_TA_STATS, T(VALUE_OUTPUT, NONE, NONE, NONE) },
	{ STORAGE_TEST_CMD_PUT, STORAGE_TEST_TYPES_PUT },
	{ STORAGE_TEST_CMD_GET, STORAGE_TEST_TYPES_GET },
	{ STORAGE_TEST_CMD_DEL, STORAGE_TEST_TYPES_DEL },
};

const struct pta pta_test = {
	.name = "test",
	.uuid = { 0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
		  0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0xa2 },
	.flags = PTA_FLAG_CONCURRENT,
	PTA_CMDS(test_cmds),
	.invoke = test_invoke,
};
