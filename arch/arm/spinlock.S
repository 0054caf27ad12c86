	.arm
	.text
/*
 * void cpu_spin_lock(unsigned int *lock)
 * Entry: any secure mode, r0 = lock word. Clobbers r1, r2. Waits with wfe.
 */
	.global cpu_spin_lock
	.type cpu_spin_lock, %function
cpu_spin_lock:
	mov	r2, #1
1:	ldrex	r1, [r0]
	cmp	r1, #0
	wfene
	bne	1b
	strex	r1, r2, [r0]
	cmp	r1, #0
	bne	1b
	dmb
	bx	lr
	.size cpu_spin_lock, . - cpu_spin_lock

/*
 * void cpu_spin_unlock(unsigned int *lock)
 * Entry: r0 = lock word held by this CPU. Clobbers r1.
 */
	.global cpu_spin_unlock
	.type cpu_spin_unlock, %function
cpu_spin_unlock:
	dmb
	mov	r1, #0
	str	r1, [r0]
	dsb
	sev
	bx	lr
	.size cpu_spin_unlock, . - cpu_spin_unlock
