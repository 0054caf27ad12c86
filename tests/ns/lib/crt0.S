/* Entry of every normal-world test payload (linked first, at 0x42000000). */
#include "ns_layout.h"

	.syntax unified
	.arm

/* _start: entered by the firmware like a Linux kernel.
 * In:  NS SVC mode (expected; recorded, not trusted), IRQ/FIQ masked, MMU off,
 *      r0 = 0, r1 = machine number (0xffffffff), r2 = DTB address. No stack.
 * Does: records r0-r2, CPSR and SCTLR in ns_entry (struct ns_entry_state,
 *      in .data so the bss clear keeps it), gives ABT, UND, IRQ, FIQ and SVC
 *      their stacks (symbols from ns.ld), points VBAR at ns_vectors, clears
 *      .bss, then calls main(r0, r1, r2) in SVC mode with IRQ/FIQ masked.
 * Out: never returns; if main returns, exits through semihosting with
 *      its r0 as the reason: main returns the reason code. */
	.section .text.boot, "ax"
	.global _start
_start:
	mrs	r4, cpsr
	mrc	p15, 0, r5, c1, c0, 0		@ SCTLR
	ldr	r6, =ns_entry
	str	r0, [r6, #ENTRY_R0]
	str	r1, [r6, #ENTRY_R1]
	str	r2, [r6, #ENTRY_R2]
	str	r4, [r6, #ENTRY_CPSR]
	str	r5, [r6, #ENTRY_SCTLR]

	/* Banked stacks of the exception modes, then back to SVC. */
	cpsid	if, #NS_MODE_ABT
	ldr	sp, =__abt_stack_top
	cpsid	if, #NS_MODE_UND
	ldr	sp, =__und_stack_top
	cpsid	if, #NS_MODE_IRQ
	ldr	sp, =__irq_stack_top
	cpsid	if, #NS_MODE_FIQ
	ldr	sp, =__fiq_stack_top
	cpsid	if, #NS_MODE_SVC
	ldr	sp, =__svc_stack_top

	/* Exceptions go to our own table: VBAR, with SCTLR.V (high vectors)
	 * and SCTLR.TE (Thumb exceptions) clear. */
	ldr	r4, =ns_vectors
	mcr	p15, 0, r4, c12, c0, 0
	mrc	p15, 0, r4, c1, c0, 0
	bic	r4, r4, #(1 << 13)		@ V
	bic	r4, r4, #(1 << 30)		@ TE
	mcr	p15, 0, r4, c1, c0, 0
	isb

	/* Clear .bss (r0-r2 still hold the entry values). */
	ldr	r4, =__bss_start
	ldr	r5, =__bss_end
	mov	r6, #0
1:	cmp	r4, r5
	strlo	r6, [r4], #4
	blo	1b

	bl	main
	bl	ns_semihost_exit
2:	b	2b

	.ltorg

	.data
	.align	2
	.global	ns_entry
ns_entry:
	.space	ENTRY_SIZE
