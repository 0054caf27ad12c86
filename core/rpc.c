/*
 * RPC commands. Without RPC_ARG the argument struct for the normal world is
 * obtained with RPC ALLOC, used with RPC CMD and given back with RPC FREE.
 * The normal world's answers are checked like any other NS input, and the
 * struct is written and read through mm/ns_io.h like every NS access.
 */
#include <stddef.h>
#include <string.h>
#include <optee_msg.h>
#include <optee_smc.h>
#include <console.h>
#include <core_mmu.h>
#include <mintee_config.h>
#include <ns_io.h>
#include <rpc.h>
#include <thread_pool.h>

struct rpc_buf {
	uint64_t pa;
	uint32_t cookie_hi, cookie_lo;
};

static void rpc_call(uint32_t func, const struct rpc_buf *b)
{
	uint32_t rv[THREAD_RPC_NUM_ARGS] = {
		OPTEE_SMC_RETURN_RPC_PREFIX | func, b->cookie_hi, b->cookie_lo, 0
	};

	thread_rpc(rv);
}

static uint32_t rpc_alloc(uint32_t size, struct rpc_buf *b)
{
	uint32_t rv[THREAD_RPC_NUM_ARGS] = {
		OPTEE_SMC_RETURN_RPC_PREFIX | OPTEE_SMC_RPC_FUNC_ALLOC, size, 0, 0
	};
	bool ok;

	thread_rpc(rv);
	b->pa = ((uint64_t)rv[0] << 32) | rv[1];
	b->cookie_hi = rv[2];
	b->cookie_lo = rv[3];
	if (!b->pa)
		return TEE_ERROR_OUT_OF_MEMORY;
	ok = !(b->pa & 7) && (IS_ENABLED_SHM_RESERVED ? core_ns_range_in_shm(b->pa, size)
						       : core_ns_range_ok(b->pa, size));
	if (!ok) {
		log_reject("rpc: ALLOC answered with unusable address 0x%llx", b->pa);
		rpc_call(OPTEE_SMC_RPC_FUNC_FREE, b);	/* give the buffer back */
		return TEE_ERROR_COMMUNICATION;
	}
	return TEE_SUCCESS;
}

uint32_t rpc_cmd(uint32_t cmd, uint32_t num_params, struct optee_msg_param *params)
{
	struct rpc_buf b = { 0, 0, 0 };
	struct optee_msg_arg hdr;
	uint64_t params_pa;
	bool own = false;
	uint32_t res;

	if (num_params > THREAD_RPC_MAX_NUM_PARAMS)
		return TEE_ERROR_BAD_PARAMETERS;
	/* With RPC_ARG the caller gave us the struct: no ALLOC/FREE round trips. */
	b.pa = thread_get_rpc_arg();
	if (!b.pa) {
		res = rpc_alloc(OPTEE_MSG_GET_ARG_SIZE(num_params), &b);
		if (res)
			return res;
		own = true;
	}
	memset(&hdr, 0, sizeof(hdr));
	hdr.cmd = cmd;
	hdr.ret = TEE_ERROR_GENERIC;
	hdr.num_params = num_params;
	params_pa = b.pa + OPTEE_MSG_GET_ARG_SIZE(0);
	ns_write(b.pa, &hdr, OPTEE_MSG_GET_ARG_SIZE(0));
	ns_write(params_pa, params, num_params * sizeof(*params));
	rpc_call(OPTEE_SMC_RPC_FUNC_CMD, &b);
	/* One read of the answer into secure memory; the caller checks it. */
	res = ns_read_u32(b.pa + offsetof(struct optee_msg_arg, ret));
	ns_read(params, params_pa, num_params * sizeof(*params));
	if (own)
		rpc_call(OPTEE_SMC_RPC_FUNC_FREE, &b);
	return res;
}

uint32_t rpc_get_time(uint32_t *seconds, uint32_t *nanoseconds)
{
	struct optee_msg_param p;
	uint32_t res;

	memset(&p, 0, sizeof(p));
	p.attr = OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT;
	res = rpc_cmd(OPTEE_RPC_CMD_GET_TIME, 1, &p);
	if (!res && p.attr != OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT)
		res = TEE_ERROR_COMMUNICATION;
	*seconds = (uint32_t)p.u.value.a;
	*nanoseconds = (uint32_t)p.u.value.b;
	return res;
}

uint32_t rpc_suspend(uint32_t ms)
{
	struct optee_msg_param p;

	memset(&p, 0, sizeof(p));
	p.attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	p.u.value.a = ms;
	return rpc_cmd(OPTEE_RPC_CMD_SUSPEND, 1, &p);
}
