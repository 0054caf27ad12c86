/*
 * Exception vectors of the secure OS (VBAR_S): an IRQ is a foreign interrupt
 * for the thread that runs (thread_a32.S); every other exception becomes a
 * fault report (kernel/panic.c).
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
 * panic_exception() reads sp and lr of the interrupted mode with
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
	bl	panic_exception
	b	.
.endm

	.balign 32
	.global thread_excp_vect
thread_excp_vect:
	b	vec_bad
	b	vec_undef
	b	vec_svc
	b	vec_pabt
	b	vec_dabt
	b	vec_bad
	b	vec_irq
	b	vec_fiq

/* void panic_exception(uint32_t *frame, unsigned int kind) never returns. */
vec_undef:	fault_entry CPSR_MODE_UND, 4, 1
vec_svc:	fault_entry CPSR_MODE_SVC, 4, 2
vec_pabt:	fault_entry CPSR_MODE_ABT, 4, 3
vec_dabt:	fault_entry CPSR_MODE_ABT, 8, 4
vec_irq:	b	thread_irq_entry	/* a foreign interrupt (thread_a32.S) */
vec_fiq:	fault_entry CPSR_MODE_FIQ, 4, 6
vec_bad:	fault_entry CPSR_MODE_SVC, 0, 0

