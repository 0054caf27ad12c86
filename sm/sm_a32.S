/*
 * Monitor vectors and the assembly half of the SMC path. Thin on purpose: the
 * decisions live in sm_from_nsec()/sm_from_sec() (sm.c).
 */
#include <arm.h>
#include <sm.h>
#include <thread.h>
#include <stacks.h>

	.arm
	.arch_extension sec
	.section .text.sm_vect, "ax"
	.balign 32
	.global sm_vect_table
/* Installed in MVBAR on every CPU. Only SMC is expected here. */
sm_vect_table:
	b	sm_bad_vector		/* reset (not used) */
	b	sm_bad_vector		/* undef in Monitor mode */
	b	sm_smc_entry		/* SMC */
	b	sm_pabt_entry		/* prefetch abort in Monitor mode */
	b	sm_dabt_entry		/* data abort in Monitor mode */
	b	sm_bad_vector		/* reserved */
	b	sm_bad_vector		/* IRQ (SCR.IRQ is 0: never routed here) */
	b	sm_bad_vector		/* FIQ (SCR.FIQ is 0: never routed here) */

/*
 * void sm_smc_entry(void)
 * Entry: Monitor mode, IRQ/FIQ/A masked, r0-r7 = SMC arguments of the
 *        caller, lr_mon = return address, spsr_mon = caller's CPSR,
 *        sp_mon = end of this CPU's sm_ctx.frame (parked there at boot).
 *        From the normal world the branch predictor is invalidated first.
 * Exit:  rfe to the world and mode that sm_from_*() left in the frame, with
 *        r0-r12 from the frame. sp_mon is back at its parking place.
 */
	.global sm_smc_entry
	.type sm_smc_entry, %function
sm_smc_entry:
	srsdb	sp!, #CPSR_MODE_MON	/* frame.mon_lr, frame.mon_spsr */
	push	{r0-r12}		/* frame.r[0..12] */
	mov	r0, sp
	mrc	p15, 0, r1, c1, c1, 0	/* SCR: which world called? */
	tst	r1, #SCR_NS
	beq	1f
	/* Spectre v2: the normal world may have trained the branch predictor
	 * for what follows (sm_from_nsec, the fast-call tables, the std
	 * entry all branch indirectly). On Cortex-A15 only ICIALLU reaches
	 * the BTB, and only with ACTLR.IBE set (sm_init_cpu); BPIALL is a
	 * no-op there. */
	mcr	p15, 0, r0, c7, c5, 0	/* ICIALLU */
	isb
	bl	sm_from_nsec
	pop	{r0-r12}
	rfeia	sp!
1:	bl	sm_from_sec
	pop	{r0-r12}
	rfeia	sp!
	.size sm_smc_entry, . - sm_smc_entry

sm_pabt_entry:
	sub	lr, lr, #4
	srsdb	sp!, #CPSR_MODE_MON
	push	{r0-r12}
	mov	r0, sp
	mov	r1, #1
	bl	sm_mon_abort
	b	.
sm_dabt_entry:
	sub	lr, lr, #8
	srsdb	sp!, #CPSR_MODE_MON
	push	{r0-r12}
	mov	r0, sp
	mov	r1, #2
	bl	sm_mon_abort
	b	.
sm_bad_vector:
	srsdb	sp!, #CPSR_MODE_MON
	push	{r0-r12}
	mov	r0, sp
	mov	r1, #0
	bl	sm_mon_abort
	b	.

/*
 * void sm_save_unbanked_regs(struct sm_unbanked_regs *ub)
 * Entry: Monitor mode, exceptions masked, r0 = save area (layout of
 *        struct sm_unbanked_regs). Clobbers r0-r2. Returns in Monitor mode.
 */
	.text
	.global sm_save_unbanked_regs
	.type sm_save_unbanked_regs, %function
sm_save_unbanked_regs:
	mrs	r2, cpsr
	cps	#CPSR_MODE_SYS
	stm	r0!, {sp, lr}
	cps	#CPSR_MODE_IRQ
	mrs	r1, spsr
	stm	r0!, {r1, sp, lr}
	cps	#CPSR_MODE_FIQ
	mrs	r1, spsr
	stm	r0!, {r1, r8-r12, sp, lr}
	cps	#CPSR_MODE_SVC
	mrs	r1, spsr
	stm	r0!, {r1, sp, lr}
	cps	#CPSR_MODE_ABT
	mrs	r1, spsr
	stm	r0!, {r1, sp, lr}
	cps	#CPSR_MODE_UND
	mrs	r1, spsr
	stm	r0!, {r1, sp, lr}
	msr	cpsr_c, r2
	bx	lr
	.size sm_save_unbanked_regs, . - sm_save_unbanked_regs

/*
 * void sm_restore_unbanked_regs(const struct sm_unbanked_regs *ub)
 * Entry: Monitor mode, exceptions masked, r0 = saved registers.
 *        Clobbers r0-r2. Returns in Monitor mode.
 */
	.global sm_restore_unbanked_regs
	.type sm_restore_unbanked_regs, %function
sm_restore_unbanked_regs:
	mrs	r2, cpsr
	cps	#CPSR_MODE_SYS
	ldm	r0!, {sp, lr}
	cps	#CPSR_MODE_IRQ
	ldm	r0!, {r1, sp, lr}
	msr	spsr_fsxc, r1
	cps	#CPSR_MODE_FIQ
	ldm	r0!, {r1, r8-r12, sp, lr}
	msr	spsr_fsxc, r1
	cps	#CPSR_MODE_SVC
	ldm	r0!, {r1, sp, lr}
	msr	spsr_fsxc, r1
	cps	#CPSR_MODE_ABT
	ldm	r0!, {r1, sp, lr}
	msr	spsr_fsxc, r1
	cps	#CPSR_MODE_UND
	ldm	r0!, {r1, sp, lr}
	msr	spsr_fsxc, r1
	msr	cpsr_c, r2
	bx	lr
	.size sm_restore_unbanked_regs, . - sm_restore_unbanked_regs

/*
 * void sm_enter_nsec(void)
 * Entry: Secure SVC (boot or PSCI CPU_ON path), after sm_set_nsec_entry().
 * Traps to the monitor with ENTRY_DONE; sm_from_sec() installs the prepared
 * NS entry state. Does not return.
 */
	.global sm_enter_nsec
	.type sm_enter_nsec, %function
sm_enter_nsec:
	ldr	r0, =TEESMC_OPTEED_RETURN_ENTRY_DONE
	smc	#0
	b	.
	.size sm_enter_nsec, . - sm_enter_nsec

/*
 * void sm_init_stacks(unsigned int cpu)
 * Entry: Secure Monitor or SVC mode, A/I/F masked, r0 = this CPU's index
 *        (< CFG_MAX_CPUS), lr = return address.
 * Exit:  Secure SVC mode, r0 preserved, r1-r3 clobbered:
 *        sp_mon = end of sm_ctx[cpu].frame (the SMC entry pushes into it),
 *        sp_abt/und/irq/fiq = top of stack_exc[cpu] (fault reports),
 *        sp_svc = top of stack_tmp[cpu] (boot, std-call entry).
 * The one place that sets a CPU's secure stacks: at reset (core/entry_a32.S)
 * and when a CPU goes back to the pen (sm_cpu_off_to_pen), where the banked
 * sp still hold the normal world's values.
 */
	.global sm_init_stacks
	.type sm_init_stacks, %function
sm_init_stacks:
	mov	r3, lr			/* lr is banked: keep it across cps */
	ldr	r1, =sm_ctx
	ldr	r2, =SM_CTX_SIZE
	mla	r1, r0, r2, r1
	ldr	r2, =SM_CTX_MON_SP_OFFSET
	add	r1, r1, r2
	cps	#CPSR_MODE_MON
	mov	sp, r1

	ldr	r1, =stack_exc
	add	r2, r0, #1
	mov	lr, #STACK_EXC_SIZE
	mla	r1, r2, lr, r1
	cps	#CPSR_MODE_ABT
	mov	sp, r1
	cps	#CPSR_MODE_UND
	mov	sp, r1
	cps	#CPSR_MODE_IRQ
	mov	sp, r1
	cps	#CPSR_MODE_FIQ
	mov	sp, r1

	ldr	r1, =stack_tmp
	add	r2, r0, #1
	mov	lr, #STACK_TMP_SIZE
	mla	r1, r2, lr, r1
	cps	#CPSR_MODE_SVC
	mov	sp, r1
	bx	r3
	.size sm_init_stacks, . - sm_init_stacks

/*
 * void sm_cpu_off_to_pen(unsigned int cpu)
 * Entry: Monitor mode (PSCI CPU_OFF), r0 = this CPU's index.
 * Sets SCR for the secure world, resets every secure stack of this CPU
 * (sm_init_stacks) and continues in Secure SVC in boot_secondary(cpu), which
 * waits in the holding pen for the next CPU_ON. Does not return.
 */
	.global sm_cpu_off_to_pen
	.type sm_cpu_off_to_pen, %function
sm_cpu_off_to_pen:
	mov	r3, #SCR_SEC_VALUE
	mcr	p15, 0, r3, c1, c1, 0
	isb
	bl	sm_init_stacks
	b	boot_secondary
	.size sm_cpu_off_to_pen, . - sm_cpu_off_to_pen
