/* Secure User mode, assembly half: entering, leaving, and the kernel entries
 * from user mode (syscalls, faults, foreign interrupts). See thread_user.h. */
#include <arm.h>
#include <thread_user.h>

	.arm
	.text

/* Saves the user registers into the frame at sp (r0-r12, pc and cpsr already
 * pushed): usr_sp, usr_lr, pad. Clobbers r0, r1. */
.macro save_usr_sp_lr
	sub	sp, sp, #12
	cps	#CPSR_MODE_SYS
	mov	r0, sp
	mov	r1, lr
	cps	#CPSR_MODE_SVC
	stm	sp, {r0, r1}
.endm

/*
 * uint32_t thread_enter_user(const uint32_t a[4], uint32_t usp, uint32_t entry,
 *                            uint32_t *exit_sp)
 * Entry: Secure SVC on a thread's stack, IRQ masked. Saves r4-r11 and lr
 *        below a pad word, stores that sp into *exit_sp, and enters user mode
 *        at entry (bit 0: Thumb) with sp_usr = usp, lr_usr = 0, r0-r3 = a[],
 *        r4-r12 zero (no kernel value reaches the TA), IRQ unmasked (foreign
 *        interrupts), FIQ masked as in the rest of the secure world.
 * Exit:  returns code when a handler calls thread_unwind_user(*exit_sp, code).
 */
	.global thread_enter_user
	.type thread_enter_user, %function
thread_enter_user:
	push	{r3-r11, lr}		/* r3: pad, keeps sp 8-aligned */
	str	sp, [r3]
	cps	#CPSR_MODE_SYS
	mov	sp, r1
	mov	lr, #0
	cps	#CPSR_MODE_SVC
	mov	r1, #(CPSR_MODE_USR | CPSR_F)	/* IRQ open, FIQ (secure, unused) closed */
	tst	r2, #1
	orrne	r1, r1, #CPSR_T
	bic	lr, r2, #1
	msr	spsr_fsxc, r1
	ldm	r0, {r0-r3}
	mov	r4, #0
	mov	r5, #0
	mov	r6, #0
	mov	r7, #0
	mov	r8, #0
	mov	r9, #0
	mov	r10, #0
	mov	r11, #0
	mov	r12, #0
	movs	pc, lr
	.size thread_enter_user, . - thread_enter_user

/*
 * void thread_unwind_user(uint32_t exit_sp, uint32_t code)
 * Entry: Secure SVC on the same thread's stack, IRQ masked; exit_sp as
 *        stored by thread_enter_user. Returns code from that call.
 */
	.global thread_unwind_user
	.type thread_unwind_user, %function
thread_unwind_user:
	mov	sp, r0
	mov	r0, r1
	pop	{r3-r11, pc}
	.size thread_unwind_user, . - thread_unwind_user

/*
 * thread_user_svc_entry: from vec_svc when the svc came from user mode.
 * Entry: Secure SVC, IRQ masked, lr_svc = return address, spsr_svc = the
 *        user's CPSR, sp = the kernel stack (8-aligned, as the user call
 *        left it). Builds struct thread_user_regs, calls
 *        thread_user_svc(regs) and returns to user mode with the (possibly
 *        changed) registers.
 */
	.global thread_user_svc_entry
	.type thread_user_svc_entry, %function
thread_user_svc_entry:
	srsdb	sp!, #CPSR_MODE_SVC
	push	{r0-r12}
	save_usr_sp_lr
	mov	r0, sp
	bl	thread_user_svc
	b	thread_user_return
	.size thread_user_svc_entry, . - thread_user_svc_entry

/*
 * thread_user_return: back to user mode from the struct thread_user_regs at
 * sp (Secure SVC, IRQ masked).
 */
	.global thread_user_return
	.type thread_user_return, %function
thread_user_return:
	ldm	sp, {r0, r1}
	cps	#CPSR_MODE_SYS
	mov	sp, r0
	mov	lr, r1
	cps	#CPSR_MODE_SVC
	add	sp, sp, #12
	pop	{r0-r12}
	rfeia	sp!
	.size thread_user_return, . - thread_user_return

/*
 * thread_user_fault_entry: from the undef/abort vectors when the exception
 * came from user mode.
 * Entry: Secure SVC, IRQ masked, {r0-r12, pc, cpsr} of the user pushed on the
 *        kernel stack (pc = the faulting instruction), r0 = kind
 *        (THREAD_USER_FAULT_*). Calls thread_user_fault(regs, kind): never
 *        returns (the user call is unwound).
 */
	.global thread_user_fault_entry
	.type thread_user_fault_entry, %function
thread_user_fault_entry:
	mov	r4, r0
	save_usr_sp_lr
	mov	r0, sp
	mov	r1, r4
	bl	thread_user_fault
	b	.
	.size thread_user_fault_entry, . - thread_user_fault_entry

/*
 * thread_user_irq_entry: from thread_irq_entry for an IRQ taken in user mode.
 * Entry: Secure SVC, IRQ masked, {r0-r12, pc, cpsr} of the user pushed on the
 *        kernel stack. The thread goes to the normal world with RPC
 *        FOREIGN_INTR and comes back to user mode when resumed.
 */
	.global thread_user_irq_entry
	.type thread_user_irq_entry, %function
thread_user_irq_entry:
	save_usr_sp_lr
	mov	r0, sp
	bl	thread_user_foreign_intr
	b	thread_user_return
	.size thread_user_irq_entry, . - thread_user_irq_entry
