/*
 * Register snapshots for fault reports (kernel/panic.c): the caller's own
 * registers, and sp/lr of another mode.
 */
#include <arm.h>

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
	str	sp, [r0, #FAULT_REGS_SP]
	str	lr, [r0, #FAULT_REGS_LR]
	str	lr, [r0, #FAULT_REGS_PC]
	mrs	r1, cpsr
	str	r1, [r0, #FAULT_REGS_CPSR]
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
