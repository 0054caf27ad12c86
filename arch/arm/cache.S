/* Cache and TLB maintenance. Cortex-A15 lines are 64 bytes. */
	.arm
	.text
#define LINE 64

/* Loop helper: r0 = va, r1 = len; op = the CP15 c7 operation. */
.macro dcache_range crm
	add	r1, r0, r1
	bic	r0, r0, #(LINE - 1)
1:	cmp	r0, r1
	bhs	2f
	mcr	p15, 0, r0, c7, \crm, 1
	add	r0, r0, #LINE
	b	1b
2:	dsb
	bx	lr
.endm

/* void dcache_clean_range(void *va, size_t len): DCCMVAC. Clobbers r0, r1. */
	.global dcache_clean_range
	.type dcache_clean_range, %function
dcache_clean_range:
	dcache_range c10
	.size dcache_clean_range, . - dcache_clean_range

/* void dcache_inv_range(void *va, size_t len): DCIMVAC. Clobbers r0, r1. */
	.global dcache_inv_range
	.type dcache_inv_range, %function
dcache_inv_range:
	dcache_range c6
	.size dcache_inv_range, . - dcache_inv_range

/* void dcache_clean_inv_range(void *va, size_t len): DCCIMVAC. Clobbers r0, r1. */
	.global dcache_clean_inv_range
	.type dcache_clean_inv_range, %function
dcache_clean_inv_range:
	dcache_range c14
	.size dcache_clean_inv_range, . - dcache_clean_inv_range

/* void icache_inv_all(void): ICIALLUIS + BPIALLIS. Clobbers r0. */
	.global icache_inv_all
	.type icache_inv_all, %function
icache_inv_all:
	mov	r0, #0
	mcr	p15, 0, r0, c7, c1, 0
	mcr	p15, 0, r0, c7, c1, 6
	dsb
	isb
	bx	lr
	.size icache_inv_all, . - icache_inv_all

/* void tlb_inv_all(void): TLBIALLIS. Clobbers r0. */
	.global tlb_inv_all
	.type tlb_inv_all, %function
tlb_inv_all:
	mov	r0, #0
	dsb
	mcr	p15, 0, r0, c8, c3, 0
	dsb
	isb
	bx	lr
	.size tlb_inv_all, . - tlb_inv_all
