/* Exception vectors of the secure OS (VBAR_S): faults become reports. */
#include <arm.h>

	.arm
	.section .text.vectors, "ax"

/* Push a frame {r0-r12, pc, cpsr} like the monitor's and report it.
 * adj = how far lr is past the faulting instruction. */
.macro fault_entry mode, adj, kind
	sub	lr, lr, #\adj
	srsdb	sp!, #\mode
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
