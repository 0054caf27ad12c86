/*
 * Normal-world payload of the gdb tier: one CALLS_UID with known r4-r12,
 * a self-check, then semihosting exit (status 0 = the payload saw the
 * expected UID and r4-r12 unchanged, 1 = not). Linked at 0x42000000 and
 * entered like Linux (NS SVC, MMU off); tests/gdb/*.py stop at its labels.
 */
	.arm
	.arch_extension sec
	.section .text.entry, "ax"
	.global _start
_start:
	ldr	r4, =0xf00d0404		/* r4-r12: rN = 0xf00d0000 | N << 8 | N */
	ldr	r5, =0xf00d0505
	ldr	r6, =0xf00d0606
	ldr	r7, =0xf00d0707
	ldr	r8, =0xf00d0808
	ldr	r9, =0xf00d0909
	ldr	r10, =0xf00d0a0a
	ldr	r11, =0xf00d0b0b
	ldr	r12, =0xf00d0c0c
	ldr	r1, =0x0bad0001		/* overwritten by the UID */
	ldr	r2, =0x0bad0002
	ldr	r3, =0x0bad0003
	ldr	r0, =0xbf00ff01		/* OPTEE_SMC_CALLS_UID */
	.global gdb_smc_calls_uid
gdb_smc_calls_uid:
	smc	#0
	.global gdb_after_smc
gdb_after_smc:
	adr	lr, expected
	ldm	lr, {lr}
	cmp	r0, lr
	bne	bad
	adr	lr, expected + 4
	ldm	lr, {lr}
	cmp	r1, lr
	bne	bad
	adr	lr, expected + 8
	ldm	lr, {lr}
	cmp	r2, lr
	bne	bad
	adr	lr, expected + 12
	ldm	lr, {lr}
	cmp	r3, lr
	bne	bad
	/* r4-r12 against their pattern, r0 = N, r1 = scratch */
	mov	r0, #4
	mov	r1, r4
	bl	check
	mov	r0, #5
	mov	r1, r5
	bl	check
	mov	r0, #6
	mov	r1, r6
	bl	check
	mov	r0, #7
	mov	r1, r7
	bl	check
	mov	r0, #8
	mov	r1, r8
	bl	check
	mov	r0, #9
	mov	r1, r9
	bl	check
	mov	r0, #10
	mov	r1, r10
	bl	check
	mov	r0, #11
	mov	r1, r11
	bl	check
	mov	r0, #12
	mov	r1, r12
	bl	check
	adr	r1, msg_ok
	ldr	r2, =0x20026		/* ADP_Stopped_ApplicationExit: status 0 */
	b	finish
bad:
	adr	r1, msg_bad
	ldr	r2, =0x20023		/* ADP_Stopped_RunTimeErrorUnknown: status 1 */
finish:
	ldr	r3, =0x09000000		/* UART0 data register */
1:	ldrb	r0, [r1], #1
	cmp	r0, #0
	strne	r0, [r3]
	bne	1b
	.global gdb_exit
gdb_exit:
	mov	r0, #0x18		/* SYS_EXIT */
	mov	r1, r2
	svc	0x123456
	b	.

/* check: r0 = N, r1 = the value of rN; returns if rN == 0xf00d0000|N<<8|N. */
check:
	ldr	r2, =0xf00d0000
	orr	r2, r2, r0
	orr	r2, r2, r0, lsl #8
	cmp	r1, r2
	bne	bad
	bx	lr

	.balign 4
expected:
	.word	0x384fb3e0, 0xe7f811e3, 0xaf630002, 0xa5d5c51b
msg_ok:
	.asciz	"gdb payload: CALLS_UID answered, r4-r12 preserved\n"
msg_bad:
	.asciz	"gdb payload: unexpected CALLS_UID result or clobbered r4-r12\n"
	.balign 4
	.ltorg
