/* thread_vector_table and the secure thread pool. */
#include <stdbool.h>
#include <stddef.h>
#include <panic.h>
#include <thread.h>

_Static_assert(offsetof(struct thread_vector_table, std_smc) == 0 * sizeof(void *), "OP-TEE order");
_Static_assert(offsetof(struct thread_vector_table, fast_smc) == 1 * sizeof(void *), "OP-TEE order");
_Static_assert(offsetof(struct thread_vector_table, cpu_on) == 2 * sizeof(void *), "OP-TEE order");
_Static_assert(offsetof(struct thread_vector_table, cpu_off) == 3 * sizeof(void *), "OP-TEE order");
_Static_assert(offsetof(struct thread_vector_table, cpu_resume) == 4 * sizeof(void *), "OP-TEE order");
_Static_assert(offsetof(struct thread_vector_table, cpu_suspend) == 5 * sizeof(void *), "OP-TEE order");
_Static_assert(offsetof(struct thread_vector_table, fiq) == 6 * sizeof(void *), "OP-TEE order");
_Static_assert(offsetof(struct thread_vector_table, system_off) == 7 * sizeof(void *), "OP-TEE order");
_Static_assert(offsetof(struct thread_vector_table, system_reset) == 8 * sizeof(void *), "OP-TEE order");

/* Power-management notifications: the trusted OS keeps no per-CPU state that
 * needs saving, so each one only acknowledges. */
static uint32_t thread_pm_ack(uint32_t a0, uint32_t a1)
{
	(void)a0;
	(void)a1;
	return 0;
}

/* SCR.FIQ is 0 (sm_a32.S): no FIQ reaches the monitor, so nothing calls the
 * fiq slot. It stays for OP-TEE's order and, like every slot, is not NULL. */
static void thread_fiq_unrouted(struct thread_smc_args *args)
{
	(void)args;
	panic("thread_vector_table.fiq called, but FIQs are not routed to the monitor");
}

const struct thread_vector_table thread_vector_table = {
	.std_smc = thread_std_smc_entry,
	.fast_smc = thread_handle_fast_smc,
	.cpu_on = thread_pm_ack,
	.cpu_off = thread_pm_ack,
	.cpu_resume = thread_pm_ack,
	.cpu_suspend = thread_pm_ack,
	.fiq = thread_fiq_unrouted,
	.system_off = thread_pm_ack,
	.system_reset = thread_pm_ack,
};
