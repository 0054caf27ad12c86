/*
 * Boot-cost probe: the first normal-world instruction reads the virtual
 * counter. Under -icount shift=4 the counter ticks once per guest instruction
 * from reset (CNTVOFF = 0: no EL2), so the value is the number of
 * instructions the firmware ran before handing over (tools/bench.sh).
 * Prints "BOOTCOST <hex>" on UART0 and exits through semihosting.
 */
	.arm
	.arch armv7-a
	.global _start
_start:
	mrrc	p15, 1, r4, r5, c14	/* CNTVCT: r4 = low, r5 = high */
	ldr	r6, =0x09000000		/* UART0 data register */
	adr	r7, prefix
1:	ldrb	r0, [r7], #1
	cmp	r0, #0
	strne	r0, [r6]
	bne	1b
	mov	r8, #28			/* 8 hex digits of the low word */
2:	lsr	r0, r4, r8
	and	r0, r0, #15
	cmp	r0, #10
	addlo	r0, r0, #'0'
	addhs	r0, r0, #('a' - 10)
	str	r0, [r6]
	subs	r8, r8, #4
	bpl	2b
	mov	r0, #'\n'
	str	r0, [r6]
	mov	r0, #0x18		/* SYS_EXIT */
	ldr	r1, =0x20026		/* ADP_Stopped_ApplicationExit */
	svc	0x123456
	b	.
prefix:
	.asciz	"BOOTCOST 0x"
