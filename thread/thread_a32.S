/* Secure SVC side of yielding calls: entry, thread switch, RPC, resume. */
#include <arm.h>
#include <thread.h>
#include <thread_pool.h>

	.arm
	.arch_extension sec
	.text

/* Secure r0 = CALL_DONE, r1-r4 = a0-a3 for the normal world. */
.macro return_to_ns
	ldr	r0, =TEESMC_OPTEED_RETURN_CALL_DONE
	smc	#0
	b	.
.endm

/* sp = this CPU's tmp stack (TPIDRPRW holds its top). Clobbers r0. */
.macro switch_to_tmp_stack
	mrc	p15, 0, r0, c13, c0, 4
	mov	sp, r0
.endm

/*
 * void thread_std_smc_entry(void)
 * Entry: Secure SVC by exception return from the monitor, A/I/F masked,
 *        r0-r7 = a0-a7 of the normal world's SMC, sp = this CPU's tmp stack,
 *        SCR.NS = 0.
 * Exit:  smc CALL_DONE with r1-r4 = a0-a3, when the call ends without a
 *        thread (refused, ETHREAD_LIMIT, ERESUME). Otherwise the dispatcher
 *        continues in thread_run_std() or thread_resume().
 */
	.global thread_std_smc_entry
	.type thread_std_smc_entry, %function
thread_std_smc_entry:
	push	{r0-r7}			/* struct thread_smc_args */
	mov	r0, sp
	bl	thread_std_smc_dispatch
	pop	{r1-r4}			/* a0-a3 */
	add	sp, sp, #16
	return_to_ns
	.size thread_std_smc_entry, . - thread_std_smc_entry

/*
 * void thread_run_std(struct thread_ctx *t)
 * Entry: Secure SVC on the tmp stack, IRQ masked, r0 = the thread taken for
 *        this call. Runs thread_std_call(t) on t's stack (possibly suspended
 *        and resumed on other CPUs meanwhile), then returns t->args.a0-a3 to
 *        the normal world from whichever CPU it ends on, and frees t.
 */
	.global thread_run_std
	.type thread_run_std, %function
thread_run_std:
	ldr	sp, [r0, #THREAD_CTX_STACK_TOP]
	mov	r4, r0
	bl	thread_std_call
	cpsid	i			/* no foreign interrupt off the thread's stack */
	switch_to_tmp_stack
	add	r0, r4, #THREAD_CTX_ARGS
	ldm	r0, {r5-r8}		/* results, before t can be reused */
	mov	r0, r4
	bl	thread_free
	mov	r1, r5
	mov	r2, r6
	mov	r3, r7
	mov	r4, r8
	return_to_ns
	.size thread_run_std, . - thread_run_std

/*
 * void thread_rpc(uint32_t rv[4])
 * Entry: Secure SVC in a thread (its stack), any I mask; r0 = rv: rv[0] the
 *        RPC code, rv[1], rv[2] = a1, a2.
 * Saves r4-r11, lr and the CPSR on the thread's stack, leaves for the normal
 * world with r1-r4 = code, a1, a2, thread id. Returns (on any CPU) when the
 * normal world calls RETURN_FROM_RPC for this thread; rv then holds a1, a2,
 * a4, a5 of that call (not for FOREIGN_INTR). Clobbers r0-r3, r12.
 */
	.global thread_rpc
	.type thread_rpc, %function
thread_rpc:
	push	{r0, r4-r11, lr}
	mrs	r2, cpsr
	cpsid	i
	sub	sp, sp, #THREAD_RPC_OUT_SIZE	/* smc r1-r4, filled by C */
	mov	r1, sp
	mov	r3, sp
	bl	thread_rpc_prepare	/* (rv, sp, cpsr, out) -> t */
	mov	r9, r0
	ldm	sp, {r5-r8}
	switch_to_tmp_stack		/* the thread's stack is not ours any more */
	mov	r0, r9
	bl	thread_set_suspended
	mov	r1, r5
	mov	r2, r6
	mov	r3, r7
	mov	r4, r8
	return_to_ns
	.size thread_rpc, . - thread_rpc

/*
 * void thread_resume(struct thread_ctx *t)
 * Entry: Secure SVC on a tmp stack, IRQ masked, r0 = a thread suspended in
 *        thread_rpc() and claimed for this CPU. Continues it: thread_rpc()
 *        returns to its caller with the saved I mask.
 */
	.global thread_resume
	.type thread_resume, %function
thread_resume:
	ldr	sp, [r0, #THREAD_CTX_SAVED_SP]
	ldr	r1, [r0, #THREAD_CTX_SAVED_CPSR]
	add	sp, sp, #THREAD_RPC_OUT_SIZE
	pop	{r0, r4-r11, lr}
	msr	cpsr_c, r1
	bx	lr
	.size thread_resume, . - thread_resume

/*
 * void thread_irq_entry(void)
 * Entry: IRQ mode, from a thread in Secure SVC that ran with IRQ unmasked
 *        (or from user mode: continues in thread_user_irq_entry):
 *        an interrupt of the normal world (Group 1). Saves the interrupted
 *        state on the thread's stack, suspends the thread with RPC
 *        FOREIGN_INTR and, once resumed, returns to the interrupted code.
 *        The interrupt stays pending for the normal world to take.
 */
	.global thread_irq_entry
	.type thread_irq_entry, %function
thread_irq_entry:
	sub	lr, lr, #4
	srsdb	sp!, #CPSR_MODE_SVC
	cps	#CPSR_MODE_SVC
	push	{r0-r3, r12, lr}
	ldr	r0, [sp, #28]		/* the interrupted CPSR (srsdb) */
	and	r0, r0, #CPSR_MODE_MASK
	cmp	r0, #CPSR_MODE_USR
	beq	1f
	and	r1, sp, #4		/* AAPCS: 8-byte aligned sp for the C call */
	sub	sp, sp, r1
	push	{r1, r2}
	bl	thread_foreign_intr
	pop	{r1, r2}
	add	sp, sp, r1
	pop	{r0-r3, r12, lr}
	rfeia	sp!
	/* From a TA (Secure User mode): its whole register set is saved, since
	 * another TA may run on this CPU while this thread waits (thread_user_a32.S). */
1:	pop	{r0-r3, r12, lr}
	push	{r0-r12}
	b	thread_user_irq_entry
	.size thread_irq_entry, . - thread_irq_entry
