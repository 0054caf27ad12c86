/* Exception vectors of the test payloads (installed in the NS VBAR by crt0). */
#include "ns_layout.h"

	.syntax unified
	.arm

	.section .vectors, "ax"
	.align	5
	.global	ns_vectors
ns_vectors:
	b	ns_vec_reset
	b	ns_vec_undef
	b	ns_vec_svc
	b	ns_vec_pabt
	b	ns_vec_dabt
	b	ns_vec_hyp
	b	ns_vec_irq
	b	ns_vec_fiq

/* Every vector: reload the mode's own stack (a test may have filled the banked
 * sp with a pattern), make lr the address of the faulting (or, for undef and
 * svc, the next) instruction, then build a struct ns_exc_frame and call
 *   void ns_exception(uint32_t type, struct ns_exc_frame *frame)
 * in C, in the exception mode, with IRQ/FIQ masked and an 8-byte aligned sp.
 * C may change frame->r[] and frame->pc; the vector returns to frame->pc with
 * CPSR = frame->spsr. Not reentrant: one stack per mode, no nesting. */
	.macro	vector name, type, stack, lradj
\name:
	ldr	sp, =\stack
	sub	lr, lr, #\lradj
	push	{r0-r12, lr}
	mrs	r0, spsr
	sub	sp, sp, #(FRAME_R0 - FRAME_SPSR)
	str	r0, [sp, #FRAME_SPSR]
	mov	r0, #\type
	mov	r1, sp
	bl	ns_exception
	ldr	r0, [sp, #FRAME_SPSR]
	msr	spsr_fsxc, r0
	add	sp, sp, #FRAME_R0
	ldm	sp!, {r0-r12, pc}^
	.endm

	.text
	/* undef: lr = faulting + 4 (ARM); keep lr - 4 = the instruction. */
	vector	ns_vec_undef, NS_EXC_UNDEF, __und_stack_top, 4
	/* svc: lr = svc + 4; frame->pc = the svc instruction itself. */
	vector	ns_vec_svc,   NS_EXC_SVC,   __svc_exc_stack_top, 4
	vector	ns_vec_pabt,  NS_EXC_PABT,  __abt_stack_top, 4
	vector	ns_vec_dabt,  NS_EXC_DABT,  __abt_stack_top, 8
	vector	ns_vec_irq,   NS_EXC_IRQ,   __irq_stack_top, 4
	vector	ns_vec_fiq,   NS_EXC_FIQ,   __fiq_stack_top, 4
	vector	ns_vec_reset, NS_EXC_RESET, __abt_stack_top, 0
	vector	ns_vec_hyp,   NS_EXC_HYP,   __abt_stack_top, 0

/* void ns_exec_at(uint32_t addr);
 * In:  r0 = address to branch to (expected to raise a prefetch abort), SVC.
 * Sets ns_fault.resume_pc to the instruction after the branch, so the
 * prefetch-abort handler (armed with ns_expect_fault()) resumes there.
 * Out: returns normally; r0-r3, r12 clobbered (AAPCS). */
	.global	ns_exec_at
	.type	ns_exec_at, %function
ns_exec_at:
	push	{r4, lr}
	ldr	r1, =ns_fault
	adr	r2, 1f
	str	r2, [r1, #FAULT_RESUME_PC]
	blx	r0
1:	pop	{r4, pc}
	.size	ns_exec_at, . - ns_exec_at

	.ltorg
