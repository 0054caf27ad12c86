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
	syscall _utee_wait, MTA_SYS_WAIT
	syscall _utee_get_cancel_flag, MTA_SYS_GET_CANCEL_FLAG
	syscall _utee_mask_cancel, MTA_SYS_MASK_CANCEL
	syscall _utee_unmask_cancel, MTA_SYS_UNMASK_CANCEL
	syscall _utee_open_ta_session, MTA_SYS_OPEN_TA_SESSION
	syscall _utee_invoke_ta_command, MTA_SYS_INVOKE_TA_COMMAND
	syscall _utee_close_ta_session, MTA_SYS_CLOSE_TA_SESSION
	syscall _utee_storage_close, MTA_SYS_STORAGE_CLOSE
	syscall _utee_storage_read, MTA_SYS_STORAGE_READ
	syscall _utee_storage_write, MTA_SYS_STORAGE_WRITE
	syscall _utee_storage_truncate, MTA_SYS_STORAGE_TRUNCATE
	syscall _utee_storage_seek, MTA_SYS_STORAGE_SEEK
	syscall _utee_storage_rename, MTA_SYS_STORAGE_RENAME
	syscall _utee_storage_delete, MTA_SYS_STORAGE_DELETE
	syscall _utee_storage_info, MTA_SYS_STORAGE_INFO

/* Five or six arguments: the 5th and 6th come on the stack (AAPCS) and go
 * in r4, r5 (with five, r5 is whatever lies above: the core ignores it). */
.macro syscall6 name, nr
	.global \name
	.type \name, %function
\name:
	push	{r4, r5, r7, lr}
	ldr	r4, [sp, #16]
	ldr	r5, [sp, #20]
	mov	r7, #\nr
	svc	#0
	pop	{r4, r5, r7, pc}
	.size \name, . - \name
.endm

	syscall6 _utee_storage_open, MTA_SYS_STORAGE_OPEN
	syscall6 _utee_storage_create, MTA_SYS_STORAGE_CREATE
	syscall6 _utee_storage_enum, MTA_SYS_STORAGE_ENUM

/* Six arguments: the 5th and 6th come on the stack (AAPCS) and go in r4, r5.
 * uint32_t _utee_get_property(set, name, name_len, buf, len *, type *) */
	.global _utee_get_property
	.type _utee_get_property, %function
_utee_get_property:
	push	{r4, r5, r7, lr}
	ldr	r4, [sp, #16]
	ldr	r5, [sp, #20]
	mov	r7, #MTA_SYS_GET_PROPERTY
	svc	#0
	pop	{r4, r5, r7, pc}
	.size _utee_get_property, . - _utee_get_property

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
