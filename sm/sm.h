/* The secure monitor: per-CPU context and the C half of the SMC entry. */
#ifndef SM_H
#define SM_H

#include <platform.h>

#define SM_MON_STACK_SIZE       1024

/* Offsets used by sm_a32.S. sm.c checks each against
 * the structures below with _Static_assert. */
#define SM_FRAME_SIZE           60      /* r0-r12, mon_lr, mon_spsr */
#define SM_UNBANKED_SIZE        88
#define SM_CTX_FRAME_OFFSET     SM_MON_STACK_SIZE
#define SM_CTX_MON_SP_OFFSET    (SM_CTX_FRAME_OFFSET + SM_FRAME_SIZE)
#define SM_CTX_SIZE             (SM_CTX_MON_SP_OFFSET + 2 * SM_UNBANKED_SIZE + SM_FRAME_SIZE + 8)


#ifndef __ASSEMBLY__
#include <stdint.h>
#include <arm.h>

/* What sm_smc_entry pushes: r0-r12 of the caller, then its return state. */
struct sm_frame {
	uint32_t r[13];
	uint32_t mon_lr;
	uint32_t mon_spsr;
};

/* One world's copy of the mode-banked registers that TrustZone does not bank. */
struct sm_unbanked_regs {
	uint32_t usr_sp, usr_lr;
	uint32_t irq_spsr, irq_sp, irq_lr;
	uint32_t fiq_spsr, fiq_r8, fiq_r9, fiq_r10, fiq_r11, fiq_r12, fiq_sp, fiq_lr;
	uint32_t svc_spsr, svc_sp, svc_lr;
	uint32_t abt_spsr, abt_sp, abt_lr;
	uint32_t und_spsr, und_sp, und_lr;
};

/*
 * Per-CPU monitor context. The monitor stack ends where the frame starts, and
 * sp_mon rests at the end of the frame: the SMC entry pushes straight into it.
 */
struct sm_ctx {
	uint8_t mon_stack[SM_MON_STACK_SIZE];
	struct sm_frame frame;
	struct sm_unbanked_regs nsec_ub;   /* NS banked regs while secure SVC runs */
	struct sm_unbanked_regs sec_ub;    /* secure banked regs to install on entry */
	struct sm_frame nsec_frame;        /* NS r0-r12/lr/spsr while secure SVC runs */
	uint32_t nsec_saved;               /* nsec_ub/nsec_frame hold live NS state */
	uint32_t nsec_pmcr;                /* the normal world's PMCR while secure code runs */
} __attribute__((aligned(8)));

extern struct sm_ctx sm_ctx[CFG_MAX_CPUS];

/* Cortex-A15 ACTLR bit 0: ICIALLU also invalidates the BTB (Spectre v2). */
#define ACTLR_A15_IBE  (1u << 0)
/* PMCR.DP: the cycle counter stops where event counting is prohibited,
 * which in Secure state it is unless SDER allows it (SDER = 0). */
#define PMCR_DP        (1u << 5)
/* PMCR's writable bits (E, P, C, D, X, DP): clear = the reset state. */
#define PMCR_RW_MASK   0x3fu
DEFINE_CP15_ACCESSORS(pmcr, 0, c9, c12, 0)
DEFINE_CP15_ACCESSORS(sder, 0, c1, c1, 1)

/* C halves of sm_smc_entry; frame = the registers pushed on entry. */
void sm_from_nsec(struct sm_frame *frame);
void sm_from_sec(struct sm_frame *frame);

/* sm_a32.S */
void sm_save_unbanked_regs(struct sm_unbanked_regs *ub);
void sm_restore_unbanked_regs(const struct sm_unbanked_regs *ub);
void sm_vect_table(void);

/* Per-CPU monitor set-up: MVBAR, NSACR, SCR. */
void sm_init_cpu(void);
/* Record the secure side's banked registers (called once per CPU before its
 * first exit), with the SVC stack of the secure entry points. */
void sm_set_sec_entry_state(uint32_t svc_sp);
/* Prepare the first entry of the normal world on this CPU. */
void sm_set_nsec_entry(uint32_t pc, uint32_t spsr, uint32_t r0, uint32_t r1, uint32_t r2);
/* Leave the secure world for the prepared NS entry (smc ENTRY_DONE). */
void __attribute__((noreturn)) sm_enter_nsec(void);

struct sm_ctx *sm_get_ctx(void);
#endif
#endif
