/* Syscall stubs: svc #0 with the number in r7 (include/mintee_ta_abi.h). */
#include <mintee_ta_abi.h>

	.arm
	.text

/* Each: uint32_t name(args in r0-r3) -> r0. r7 is callee-saved (AAPCS). */
.macro syscall name, nr
	.global \name
	.type \name, %function
\name:
	push	{r7, lr}
	mov	r7, #\nr
	svc	#0
	pop	{r7, pc}
	.size \name, . - \name
.endm

	syscall _utee_return, MTA_SYS_RETURN
	syscall _utee_log, MTA_SYS_LOG
	syscall _utee_panic, MTA_SYS_PANIC
	syscall _utee_get_random, MTA_SYS_GET_RANDOM
	syscall _utee_get_time, MTA_SYS_GET_TIME
	syscall _utee_check_access, MTA_SYS_CHECK_ACCESS

/* uint32_t _utee_syscall(uint32_t nr, uint32_t a0, uint32_t a1) */
	.global _utee_syscall
	.type _utee_syscall, %function
_utee_syscall:
	push	{r7, lr}
	mov	r7, r0
	mov	r0, r1
	mov	r1, r2
	svc	#0
	pop	{r7, pc}
	.size _utee_syscall, . - _utee_syscall
