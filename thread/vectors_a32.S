/*
 * Exception vectors of the secure OS (VBAR_S): an IRQ is a foreign interrupt
 * for the thread that runs (thread_a32.S); a syscall or fault from a TA in
 * user mode goes to thread_user_a32.S; every other exception becomes a fault
 * report (kernel/panic.c).
 */
#include <arm.h>
#include <platform.h>
#include <stacks.h>
#include <ta_mmu.h>
#include <thread_user.h>

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

/*
 * An exception from Secure User mode belongs to the TA that runs: it goes to
 * thread_user_a32.S on the thread's SVC stack (valid whenever user mode
 * runs). The test uses this mode's banked sp as its only scratch register,
 * as fault_entry does; user mode never needs it.
 */
.macro user_fault_check adj, kind
	mrs	sp, spsr
	and	sp, sp, #CPSR_MODE_MASK
	cmp	sp, #CPSR_MODE_USR
	bne	1f
	sub	lr, lr, #\adj
	srsdb	sp!, #CPSR_MODE_SVC
	cps	#CPSR_MODE_SVC
	push	{r0-r12}
	mov	r0, #\kind
	b	thread_user_fault_entry
1:
.endm

/* void panic_exception(uint32_t *frame, unsigned int kind) never returns. */
vec_undef:	user_fault_check 4, THREAD_USER_FAULT_UNDEF
		fault_entry CPSR_MODE_UND, 4, 1
/*
 * svc: only TAs make syscalls. From user mode lr lies in the user window,
 * whose pages the core cannot execute (PXN), so the test needs no scratch
 * register and never touches sp first (sp_svc is the normal world's during a
 * fast call in Monitor mode).
 */
vec_svc:	cmp	lr, #TA_USER_VA_BASE
		bls	vec_svc_bad
		cmp	lr, #TA_USER_VA_END
		bls	thread_user_svc_entry
vec_svc_bad:	fault_entry CPSR_MODE_SVC, 4, 2
vec_pabt:	user_fault_check 4, THREAD_USER_FAULT_PABT
		fault_entry CPSR_MODE_ABT, 4, 3
vec_dabt:	user_fault_check 8, THREAD_USER_FAULT_DABT
		fault_entry CPSR_MODE_ABT, 8, 4
vec_irq:	b	thread_irq_entry	/* a foreign interrupt (thread_a32.S) */
vec_fiq:	fault_entry CPSR_MODE_FIQ, 4, 6
vec_bad:	fault_entry CPSR_MODE_SVC, 0, 0

