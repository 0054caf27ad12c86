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
#include <ns_shm.h>
#include <thread_pool.h>
#include <thread.h>

static uint32_t std_call_unregistered(uint64_t arg_pa, uint64_t room, bool rpc_arg)
{
	(void)arg_pa;
	(void)room;
	(void)rpc_arg;
	log_reject("std: no message layer registered");
	return OPTEE_SMC_RETURN_EBADCMD;
}

static thread_std_call_handler_t std_call_handler = std_call_unregistered;

void thread_set_std_call_handler(thread_std_call_handler_t handler)
{
	std_call_handler = handler;
}

uint32_t thread_sec_caps(void)
{
	/* MEMREF_NULL: a memref with no buffer is a size query (msg_param.c).
	 * RPC_ARG: the caller supplies the RPC arg struct behind its own. */
	return OPTEE_SMC_SEC_CAP_MEMREF_NULL | OPTEE_SMC_SEC_CAP_RPC_ARG |
	       (IS_ENABLED_SHM_RESERVED ? OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM
					: OPTEE_SMC_SEC_CAP_DYNAMIC_SHM);
}

uint32_t thread_rpc_param_count(void)
{
	return THREAD_RPC_MAX_NUM_PARAMS;
}

/* RETURN_FROM_RPC, CALL_WITH_ARG, CALL_WITH_RPC_ARG, CALL_WITH_REGD_ARG */
unsigned int thread_std_fn_count(void)
{
	return 4;
}

/*
 * Bytes usable from pa on for an arg struct: it must be 8-byte aligned NS
 * memory; with the static pool it must lie in the carve-out, as the driver
 * only ever puts it there. 0 when pa is not usable.
 */
static uint64_t arg_room(uint64_t pa)
{
	if (pa & 7)
		return 0;
	return IS_ENABLED_SHM_RESERVED ? core_ns_shm_room(pa) : core_ns_room(pa);
}

static void std_call_with_arg(struct thread_smc_args *a, bool rpc_arg)
{
	uint64_t pa = ((uint64_t)a->a1 << 32) | a->a2;
	uint64_t room = arg_room(pa);

	if (room < OPTEE_MSG_GET_ARG_SIZE(0)) {
		log_reject("std: 0x%08x refused: arg at 0x%llx is not usable NS memory", a->a0,
			   (unsigned long long)pa);
		a->a0 = OPTEE_SMC_RETURN_EBADADDR;
		return;
	}
	a->a0 = std_call_handler(pa, room, rpc_arg);
}

/*
 * The arg struct at byte a3 of a registered buffer (a1:a2 = its cookie). The
 * address checked is the one used: the registration's offset in its first
 * page plus a3, which must be 8-byte aligned like any arg struct (a
 * registration at page | 1 with a3 = 0 is refused with EBADADDR). The struct
 * must not cross a page: the pages of a registration are scattered.
 */
static uint64_t regd_arg_pa(const struct ns_buf *buf, uint32_t offs, uint64_t *room)
{
	uint32_t pos = buf->offset + offs;
	uint32_t in_page = OPTEE_MSG_NONCONTIG_PAGE_SIZE - pos % OPTEE_MSG_NONCONTIG_PAGE_SIZE;
	uint64_t pa = buf->pages[pos / OPTEE_MSG_NONCONTIG_PAGE_SIZE] +
		      pos % OPTEE_MSG_NONCONTIG_PAGE_SIZE;

	*room = buf->size - offs < in_page ? buf->size - offs : in_page;
	return pa;
}

static void std_call_with_regd_arg(struct thread_smc_args *a)
{
	uint64_t cookie = ((uint64_t)a->a1 << 32) | a->a2;
	struct ns_buf *buf = ns_shm_get(cookie);
	uint64_t pa = 0, room = 0;

	if (buf && a->a3 < buf->size)
		pa = regd_arg_pa(buf, a->a3, &room);
	if (!buf || a->a3 >= buf->size || (pa & 7) || room < OPTEE_MSG_GET_ARG_SIZE(0)) {
		log_reject("std: CALL_WITH_REGD_ARG refused: cookie 0x%llx offset 0x%x (arg at 0x%llx, %llu bytes in its page)",
			   (unsigned long long)cookie, a->a3, (unsigned long long)pa,
			   (unsigned long long)room);
		if (buf)
			ns_shm_put(buf);
		a->a0 = OPTEE_SMC_RETURN_EBADADDR;
		return;
	}
	a->a0 = std_call_handler(pa, room, true);
	ns_shm_put(buf);
}

void thread_handle_std_smc(struct thread_smc_args *a)
{
	switch (a->a0) {
	case OPTEE_SMC_CALL_WITH_ARG:
		std_call_with_arg(a, false);
		break;
	case OPTEE_SMC_CALL_WITH_RPC_ARG:
		std_call_with_arg(a, true);
		break;
	case OPTEE_SMC_CALL_WITH_REGD_ARG:
		std_call_with_regd_arg(a);
		break;
	default:
		thread_log_unknown_fid("std", a->a0);
		a->a0 = OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
		break;
	}
}
