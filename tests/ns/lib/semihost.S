/* Semihosting exit (QEMU -semihosting-config enable=on,target=native). */
#include "ns_layout.h"

	.syntax unified
	.arm
	.text

/* void ns_semihost_exit(uint32_t reason) __attribute__((noreturn));
 * In:  r0 = ADP reason: SEMIHOST_EXIT_OK (0x20026) → QEMU exits 0,
 *      anything else (SEMIHOST_EXIT_ERROR 0x20024) → QEMU exits 1.
 *      Any privileged mode, ARM state.
 * Out: does not return (spins if semihosting is off). */
	.global	ns_semihost_exit
	.type	ns_semihost_exit, %function
ns_semihost_exit:
	mov	r1, r0
	mov	r0, #SEMIHOST_SYS_EXIT
	svc	0x123456
1:	wfi
	b	1b
	.size	ns_semihost_exit, . - ns_semihost_exit
