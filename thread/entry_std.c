/*
 * Yielding calls, entered in Secure SVC from thread_std_smc_entry. Every
 * address from the normal world is checked here before the message layer
 * sees it.
 */
#include <optee_smc.h>
#include <optee_msg.h>
#include <mintee_config.h>
#include <console.h>
#include <core_mmu.h>
#include <msg.h>
#include <thread.h>

uint32_t thread_sec_caps(void)
{
	/* MEMREF_NULL: a memref with no buffer is a size query (msg_param.c). */
	return OPTEE_SMC_SEC_CAP_MEMREF_NULL |
	       (IS_ENABLED_SHM_RESERVED ? OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM
					: OPTEE_SMC_SEC_CAP_DYNAMIC_SHM);
}

uint32_t thread_rpc_param_count(void)
{
	return 0;
}

/* RETURN_FROM_RPC, CALL_WITH_ARG, CALL_WITH_RPC_ARG, CALL_WITH_REGD_ARG */
unsigned int thread_std_fn_count(void)
{
	return 4;
}

/* The arg struct must be 8-byte aligned NS memory; with the static pool it
 * must lie in the carve-out, as the driver only ever puts it there. */
static bool arg_pa_ok(uint64_t pa, uint64_t len)
{
	if (pa & 7)
		return false;
	if (IS_ENABLED_SHM_RESERVED)
		return core_ns_range_in_shm(pa, len);
	return core_ns_range_ok(pa, len);
}

static void std_call_with_arg(struct thread_smc_args *a)
{
	uint64_t pa = ((uint64_t)a->a1 << 32) | a->a2;

	if (!arg_pa_ok(pa, OPTEE_MSG_GET_ARG_SIZE(0))) {
		log_reject("std: CALL_WITH_ARG refused: arg at 0x%llx is not usable NS memory",
			(unsigned long long)pa);
		a->a0 = OPTEE_SMC_RETURN_EBADADDR;
		return;
	}
	a->a0 = msg_handle_call(pa, arg_pa_ok);
}

void thread_handle_std_smc(struct thread_smc_args *a)
{
	switch (a->a0) {
	case OPTEE_SMC_CALL_WITH_ARG:
		std_call_with_arg(a);
		break;
	case OPTEE_SMC_RETURN_FROM_RPC:
		log_reject("std: RETURN_FROM_RPC for thread 0x%x: no such suspended thread", a->a3);
		a->a0 = OPTEE_SMC_RETURN_ERESUME;
		break;
	case OPTEE_SMC_CALL_WITH_RPC_ARG:
	case OPTEE_SMC_CALL_WITH_REGD_ARG:
		log_reject("std: 0x%08x used but RPC_ARG is not offered", a->a0);
		a->a0 = OPTEE_SMC_RETURN_EBADCMD;
		break;
	default:
		thread_log_unknown_fid("std", a->a0);
		a->a0 = OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
		break;
	}
}
