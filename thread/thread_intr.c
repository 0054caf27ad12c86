/* Foreign interrupts (the normal world's) while a secure thread runs: the
 * thread leaves with RPC FOREIGN_INTR and the interrupt stays pending for
 * the normal world to take. */
#include <arm.h>
#include <console.h>
#include <optee_smc.h>
#include <thread_pool.h>

/* IRQ taken while a thread ran with foreign interrupts unmasked. */
void thread_foreign_intr(void)
{
	uint32_t rv[THREAD_RPC_NUM_ARGS] = {
		OPTEE_SMC_RETURN_RPC_PREFIX | OPTEE_SMC_RPC_FUNC_FOREIGN_INTR, 0, 0, 0
	};

	if (!thread_get_current()) {
		log_msg("thread: IRQ outside a thread");
		return;
	}
	thread_rpc(rv);
}

uint32_t thread_unmask_foreign_intr(void)
{
	uint32_t cpsr = read_cpsr();

	__asm__ volatile("cpsie i" ::: "memory");
	return cpsr & CPSR_I;
}

void thread_restore_foreign_intr(uint32_t state)
{
	if (state & CPSR_I)
		__asm__ volatile("cpsid i" ::: "memory");
}
