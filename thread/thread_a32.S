/* Secure SVC entry of yielding calls. */
#include <arm.h>
#include <sm.h>

	.arm
	.arch_extension sec
	.text
/*
 * void thread_std_smc_entry(void)
 * Entry: Secure SVC by exception return from the monitor, A/I/F masked,
 *        r0-r7 = a0-a7 of the normal world's SMC, sp = this CPU's secure
 *        SVC stack (installed from sm_ctx.sec_ub), SCR.NS = 0.
 * Exit:  smc CALL_DONE with r1-r4 = a0-a3 for the normal world; never
 *        returns here.
 */
	.global thread_std_smc_entry
	.type thread_std_smc_entry, %function
thread_std_smc_entry:
	push	{r0-r7}			/* struct thread_smc_args */
	mov	r0, sp
	bl	thread_handle_std_smc
	pop	{r1-r4}			/* a0-a3 */
	add	sp, sp, #16
	ldr	r0, =TEESMC_OPTEED_RETURN_CALL_DONE
	smc	#0
	b	.
	.size thread_std_smc_entry, . - thread_std_smc_entry
