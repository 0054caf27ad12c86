/*
 * Reset: every CPU of -smp N starts here at 0x0 at the same time, in Secure
 * SVC with the MMU and caches off. Each sets its stacks; CPU 0 initialises
 * .data/.bss and boots, the others wait in the holding pen (boot.c).
 */
#include <arm.h>
#include <platform.h>

	.arm
	.section .text.reset, "ax"
	.global _start
/* Early vector table at 0x0 (SCTLR.V = 0, VBAR = 0 at reset): until VBAR is
 * set, any exception just parks the CPU where gdb can see it. */
_start:
	b	reset
	b	.		/* undef */
	b	.		/* svc */
	b	.		/* prefetch abort */
	b	.		/* data abort */
	b	.		/* reserved */
	b	.		/* irq */
	b	.		/* fiq */

/*
 * void reset(void)
 * Entry: Secure SVC, A/I/F masked, MMU off. r0-r12 undefined.
 * Sets this CPU's secure stacks (sm_init_stacks). Then CPU 0 copies .data,
 * zeroes .bss and calls boot_primary(); the others call boot_secondary(n).
 * Neither returns.
 */
reset:
	cpsid	aif
	mrc	p15, 0, r4, c0, c0, 5
	and	r4, r4, #MPIDR_AFF0_MASK
	cmp	r4, #CFG_MAX_CPUS
	bhs	park
	mov	r0, r4
	bl	sm_init_stacks		/* returns in Secure SVC */

	cmp	r4, #0
	movne	r0, r4
	bne	boot_secondary

	ldr	r0, =__data_start
	ldr	r1, =__data_load
	ldr	r2, =__data_end
1:	cmp	r0, r2
	ldrlo	r3, [r1], #4
	strlo	r3, [r0], #4
	blo	1b

	ldr	r0, =__bss_start
	ldr	r2, =__bss_end
	mov	r3, #0
2:	cmp	r0, r2
	strlo	r3, [r0], #4
	blo	2b

	b	boot_primary

park:
	wfi
	b	park
