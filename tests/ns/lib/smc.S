/* SMC helpers of the test payloads. */
#include "ns_layout.h"

	.syntax unified
	.arm
	.arch_extension sec
	.text

/* void smc_call(struct smc_regs *r);
 * In:  r0 = r (8 words: r0..r7 for the smc). NS SVC mode, any IRQ state.
 * Does: loads r0-r7 from *r, smc #0, stores r0-r7 into *r. The pointer is
 *      reloaded from the stack after the smc, so only sp has to survive it
 *      for the results to land in *r (whether r4-r12 survive is the
 *      business of ns_regs_probe_smc, not of this helper).
 * Out: r0-r3, r12 clobbered; r4-r11 restored from the stack (AAPCS). */
	.global	smc_call
	.type	smc_call, %function
smc_call:
	push	{r0, r4-r11, lr}		@ 10 words: sp stays 8-byte aligned
	ldm	r0, {r0-r7}
	smc	#0
	ldr	r12, [sp]
	stm	r12, {r0-r7}
	pop	{r0, r4-r11, pc}
	.size	smc_call, . - smc_call

/* Register-preservation probe.
 *   void ns_regs_probe_smc(struct ns_regs_probe *p);
 *   void ns_regs_probe_nop(struct ns_regs_probe *p);
 * In:  r0 = p; NS SVC mode with IRQ and FIQ masked (they stay masked: the
 *      banked sp of every mode holds a pattern while the probe runs).
 * Does: saves the payload's sp in p->saved_sp and p in TPIDRURW (banked per
 *      security state, so the only place that survives the smc without a
 *      register); loads p->set into USR/SYS sp,lr; ABT, UND, IRQ, FIQ
 *      sp,lr,spsr; FIQ r8-r12; SVC spsr; applies p->set.cpsr to
 *      APSR.NZCVQ/GE; records CPSR in p->cpsr_before; loads r4-r12 and SVC
 *      sp,lr from p->set, r0-r3 from p->args; issues smc #0 (nop in the
 *      _nop variant); then parks r0 in TPIDRPRW, stores r0-r3 into p->res
 *      and every register listed above, plus CPSR, into p->got.
 *      TPIDRURW/TPIDRPRW are restored afterwards.
 * Out: SVC sp restored from p->saved_sp, ABT/UND/IRQ/FIQ sp reset to the
 *      payload's stacks (their lr/spsr are left with whatever came back);
 *      r0-r3, r12 clobbered, r4-r11 restored (AAPCS). Flags clobbered. */
	.macro	probe name, insn
	.global	\name
	.type	\name, %function
\name:
	push	{r4-r12, lr}
	str	sp, [r0, #PROBE_SAVED_SP]
	mrc	p15, 0, r1, c13, c0, 2
	str	r1, [r0, #PROBE_SAVED_TPIDRURW]
	mrc	p15, 0, r1, c13, c0, 4
	str	r1, [r0, #PROBE_SAVED_TPIDRPRW]
	mcr	p15, 0, r0, c13, c0, 2

	cpsid	if, #NS_MODE_SYS
	ldr	sp, [r0, #PROBE_SET + BANK_USR_SP]
	ldr	lr, [r0, #PROBE_SET + BANK_USR_LR]
	fill_mode NS_MODE_ABT, BANK_ABT_SP, BANK_ABT_LR, BANK_ABT_SPSR
	fill_mode NS_MODE_UND, BANK_UND_SP, BANK_UND_LR, BANK_UND_SPSR
	fill_mode NS_MODE_IRQ, BANK_IRQ_SP, BANK_IRQ_LR, BANK_IRQ_SPSR
	fill_mode NS_MODE_FIQ, BANK_FIQ_SP, BANK_FIQ_LR, BANK_FIQ_SPSR
	add	r1, r0, #(PROBE_SET + BANK_FIQ_R8)
	ldm	r1, {r8-r12}
	cpsid	if, #NS_MODE_SVC
	ldr	r1, [r0, #PROBE_SET + BANK_SVC_SPSR]
	msr	spsr_fsxc, r1

	ldr	r1, [r0, #PROBE_SET + BANK_CPSR]
	msr	APSR_nzcvqg, r1
	mrs	r1, cpsr
	str	r1, [r0, #PROBE_CPSR_BEFORE]
	add	r1, r0, #(PROBE_SET + BANK_R4)
	ldm	r1, {r4-r12}
	ldr	sp, [r0, #PROBE_SET + BANK_SVC_SP]
	ldr	lr, [r0, #PROBE_SET + BANK_SVC_LR]
	ldr	r1, [r0, #PROBE_ARGS + 4]
	ldr	r2, [r0, #PROBE_ARGS + 8]
	ldr	r3, [r0, #PROBE_ARGS + 12]
	ldr	r0, [r0, #PROBE_ARGS + 0]
	\insn
	/* Nothing below may touch the flags before the CPSR is recorded. */
	mcr	p15, 0, r0, c13, c0, 4		@ park result r0
	mrc	p15, 0, r0, c13, c0, 2		@ r0 = p
	str	r1, [r0, #PROBE_RES + 4]
	str	r2, [r0, #PROBE_RES + 8]
	str	r3, [r0, #PROBE_RES + 12]
	mrc	p15, 0, r1, c13, c0, 4
	str	r1, [r0, #PROBE_RES + 0]
	mrs	r1, cpsr
	str	r1, [r0, #PROBE_GOT + BANK_CPSR]
	add	r1, r0, #(PROBE_GOT + BANK_R4)
	stm	r1, {r4-r12}
	str	sp, [r0, #PROBE_GOT + BANK_SVC_SP]
	str	lr, [r0, #PROBE_GOT + BANK_SVC_LR]
	mrs	r1, spsr
	str	r1, [r0, #PROBE_GOT + BANK_SVC_SPSR]

	cpsid	if, #NS_MODE_SYS
	str	sp, [r0, #PROBE_GOT + BANK_USR_SP]
	str	lr, [r0, #PROBE_GOT + BANK_USR_LR]
	dump_mode NS_MODE_ABT, BANK_ABT_SP, BANK_ABT_LR, BANK_ABT_SPSR, __abt_stack_top
	dump_mode NS_MODE_UND, BANK_UND_SP, BANK_UND_LR, BANK_UND_SPSR, __und_stack_top
	dump_mode NS_MODE_IRQ, BANK_IRQ_SP, BANK_IRQ_LR, BANK_IRQ_SPSR, __irq_stack_top
	dump_mode NS_MODE_FIQ, BANK_FIQ_SP, BANK_FIQ_LR, BANK_FIQ_SPSR, __fiq_stack_top
	add	r1, r0, #(PROBE_GOT + BANK_FIQ_R8)
	stm	r1, {r8-r12}
	cpsid	if, #NS_MODE_SVC

	ldr	r1, [r0, #PROBE_SAVED_TPIDRURW]
	mcr	p15, 0, r1, c13, c0, 2
	ldr	r1, [r0, #PROBE_SAVED_TPIDRPRW]
	mcr	p15, 0, r1, c13, c0, 4
	ldr	sp, [r0, #PROBE_SAVED_SP]
	pop	{r4-r12, pc}
	.size	\name, . - \name
	.endm

	/* Switch to mode (IRQ/FIQ masked) and load its sp, lr, spsr from p->set.
	 * r0 = p, r1 scratch. */
	.macro	fill_mode mode, sp_off, lr_off, spsr_off
	cpsid	if, #\mode
	ldr	sp, [r0, #PROBE_SET + \sp_off]
	ldr	lr, [r0, #PROBE_SET + \lr_off]
	ldr	r1, [r0, #PROBE_SET + \spsr_off]
	msr	spsr_fsxc, r1
	.endm

	/* Switch to mode, store its sp, lr, spsr into p->got, then give it back
	 * its stack. r0 = p, r1 scratch. */
	.macro	dump_mode mode, sp_off, lr_off, spsr_off, stack
	cpsid	if, #\mode
	str	sp, [r0, #PROBE_GOT + \sp_off]
	str	lr, [r0, #PROBE_GOT + \lr_off]
	mrs	r1, spsr
	str	r1, [r0, #PROBE_GOT + \spsr_off]
	ldr	sp, =\stack
	.endm

	probe	ns_regs_probe_smc, "smc #0"
	probe	ns_regs_probe_nop, "nop"

	.ltorg
