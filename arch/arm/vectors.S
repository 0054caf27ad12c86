/*
 * Exception vectors of the secure OS (VBAR_S): faults become reports
 * (core/panic.c), and the register snapshots those reports need.
 */
#include <arm.h>
#include <platform.h>
#include <stacks.h>

	.arm
	.section .text.vectors, "ax"

/*
 * Push a frame {r0-r12, pc, cpsr} like the monitor's and report it.
 * adj = how far lr is past the faulting instruction.
 *
 * The handler never trusts this mode's banked sp: during a fast call the CPU
 * runs in Monitor mode with the normal world's banked registers still live
 * (sm.c), so a fault there would push onto the normal world's sp_abt/sp_und
 * (unmapped here: an endless abort loop, or a write into NS memory). It
 * takes this CPU's fault stack (the top of stack_exc[cpu]) instead, with sp
 * as its only scratch register, r0-r12 being what the report shows. A fault
 * report never returns, so nothing on that stack is needed again.
 * arch_fault() reads sp and lr of the interrupted mode with
 * arch_read_banked_sp_lr().
 */
.macro fault_entry mode, adj, kind
	sub	lr, lr, #\adj
	mrc	p15, 0, sp, c0, c0, 5		/* MPIDR */
	and	sp, sp, #MPIDR_AFF0_MASK	/* < CFG_MAX_CPUS: reset parks the others */
	ldr	sp, [pc, sp, lsl #2]		/* the table right after the b */
	b	1f
	.set	.Lcpu, 1
	.rept	CFG_MAX_CPUS
	.word	stack_exc + .Lcpu * STACK_EXC_SIZE
	.set	.Lcpu, .Lcpu + 1
	.endr
1:	srsdb	sp!, #\mode
	push	{r0-r12}
	mov	r0, sp
	mov	r1, #\kind
	bl	arch_fault
	b	.
.endm

	.balign 32
	.global arch_excp_vect
arch_excp_vect:
	b	vec_bad
	b	vec_undef
	b	vec_svc
	b	vec_pabt
	b	vec_dabt
	b	vec_bad
	b	vec_irq
	b	vec_fiq

/* void arch_fault(uint32_t *frame, unsigned int kind) never returns. */
vec_undef:	fault_entry CPSR_MODE_UND, 4, 1
vec_svc:	fault_entry CPSR_MODE_SVC, 4, 2
vec_pabt:	fault_entry CPSR_MODE_ABT, 4, 3
vec_dabt:	fault_entry CPSR_MODE_ABT, 8, 4
vec_irq:	b	thread_irq_entry	/* a foreign interrupt (thread_a32.S) */
vec_fiq:	fault_entry CPSR_MODE_FIQ, 4, 6
vec_bad:	fault_entry CPSR_MODE_SVC, 0, 0

	.text
/*
 * void arch_save_regs(struct fault_regs *regs)
 * Entry: any Secure PL1 mode, r0 = where to store {r0-r12, sp, lr, pc, cpsr}.
 * Stores the caller's registers as they are at the call: sp is the caller's,
 * lr and pc both hold the return address (so that the caller is frame 0 of
 * a backtrace). Clobbers r1. Returns in the same mode.
 */
	.global arch_save_regs
	.type arch_save_regs, %function
arch_save_regs:
	stm	r0, {r0-r12}
	str	sp, [r0, #52]
	str	lr, [r0, #56]
	str	lr, [r0, #60]
	mrs	r1, cpsr
	str	r1, [r0, #64]
	bx	lr
	.size arch_save_regs, . - arch_save_regs

/*
 * void arch_read_banked_sp_lr(uint32_t mode, uint32_t out[2])
 * Entry: a Secure PL1 mode other than `mode`, IRQ/FIQ masked (exception
 *        handler), r0 = a valid CPSR mode, r1 = out. usr is read as sys.
 * Exit:  out[0] = sp, out[1] = lr of that mode; back in the calling mode.
 *        Clobbers r0-r3, r12. Must not be used from Monitor mode with
 *        SCR.NS = 1: the switch would land in the normal world.
 */
	.global arch_read_banked_sp_lr
	.type arch_read_banked_sp_lr, %function
arch_read_banked_sp_lr:
	mrs	r2, cpsr
	and	r0, r0, #CPSR_MODE_MASK
	cmp	r0, #CPSR_MODE_USR
	moveq	r0, #CPSR_MODE_SYS
	bic	r3, r2, #CPSR_MODE_MASK
	orr	r3, r3, r0
	msr	cpsr_c, r3
	isb
	mov	r12, sp
	str	r12, [r1]
	str	lr, [r1, #4]
	msr	cpsr_c, r2
	isb
	bx	lr
	.size arch_read_banked_sp_lr, . - arch_read_banked_sp_lr
