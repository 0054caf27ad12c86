/* The TA's ELF entry point (include/mintee_ta_abi.h: r0 = function,
 * r1 = session context, r2 = struct mta_params *, r3 = command; sp set up
 * by the core). The C half never returns: it ends with MTA_SYS_RETURN. */
	.arm
	.section .text.__ta_entry, "ax"
	.global __ta_entry
	.type __ta_entry, %function
__ta_entry:
	mov	fp, #0			/* the outermost frame */
	mov	lr, #0
	bl	__ta_entry_c
	udf	#0
	.size __ta_entry, . - __ta_entry
