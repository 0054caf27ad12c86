/*
 * The C half of the monitor: who gets the SMC, and which registers must be
 * swapped for it.
 *
 * Fast calls (r0 bit 31 set) run to completion in Monitor mode on this CPU's
 * monitor stack with every exception masked. Monitor mode is always Secure,
 * and it uses none of the mode-banked registers of SVC/ABT/UND/IRQ/FIQ/USR,
 * so the normal world's copies stay live in the hardware untouched: a fast
 * call needs no banked-register swap and no SCR.NS flip, only the frame that
 * sm_smc_entry pushed (r0-r12, lr_mon, spsr_mon).
 *
 * Yielding calls run in Secure SVC with the secure side's stacks: here the
 * monitor saves the NS frame and banked registers, installs the secure ones,
 * clears SCR.NS and enters thread_vector_table.std_smc. The secure side comes
 * back with smc CALL_DONE and sm_from_sec() undoes all of it bit-exactly.
 */
#include <stddef.h>
#include <string.h>
#include <arm.h>
#include <sm.h>
#include <psci.h>
#include <thread.h>
#include <console.h>
#include <panic.h>

_Static_assert(sizeof(struct sm_frame) == SM_FRAME_SIZE, "sm_frame");
_Static_assert(offsetof(struct sm_frame, mon_lr) == 52, "srsdb layout");
_Static_assert(offsetof(struct sm_frame, mon_spsr) == 56, "srsdb layout");
_Static_assert(sizeof(struct sm_unbanked_regs) == SM_UNBANKED_SIZE, "sm_unbanked_regs");
_Static_assert(offsetof(struct sm_unbanked_regs, irq_spsr) == 8, "save order");
_Static_assert(offsetof(struct sm_unbanked_regs, fiq_spsr) == 20, "save order");
_Static_assert(offsetof(struct sm_unbanked_regs, svc_spsr) == 52, "save order");
_Static_assert(offsetof(struct sm_unbanked_regs, abt_spsr) == 64, "save order");
_Static_assert(offsetof(struct sm_unbanked_regs, und_spsr) == 76, "save order");
_Static_assert(offsetof(struct sm_ctx, frame) == SM_CTX_FRAME_OFFSET, "sm_ctx.frame");
_Static_assert(offsetof(struct sm_ctx, nsec_ub) == SM_CTX_MON_SP_OFFSET, "sp_mon rest");
_Static_assert(sizeof(struct sm_ctx) == SM_CTX_SIZE, "sm_ctx size");
_Static_assert(offsetof(struct sm_frame, r) == 0 &&
	       sizeof(struct thread_smc_args) == 8 * sizeof(uint32_t),
	       "the frame's r0-r7 double as struct thread_smc_args");

struct sm_ctx sm_ctx[CFG_MAX_CPUS] __attribute__((section(".nozi.sm_ctx")));

struct sm_ctx *sm_get_ctx(void)
{
	return &sm_ctx[get_core_pos()];
}

/* The frame sm_smc_entry pushed is always this CPU's sm_ctx.frame. */
static struct sm_ctx *sm_ctx_of(struct sm_frame *frame)
{
	return (struct sm_ctx *)((uint8_t *)frame - offsetof(struct sm_ctx, frame));
}

/*
 * The normal world's cycle counter must not count secure execution (it
 * would time the secure world). PMCR is not banked: keep the normal world's
 * value, and run the secure side with PMCR.DP set, which stops PMCCNTR
 * where counting is prohibited: everywhere in Secure state, SDER being 0.
 * No ISB: the exception return that ends the call synchronises.
 */
static void sm_pmu_enter(struct sm_ctx *ctx)
{
	uint32_t pmcr = read_pmcr();

	ctx->nsec_pmcr = pmcr;
	write_pmcr(pmcr | PMCR_DP);
}

static void sm_pmu_exit(struct sm_ctx *ctx)
{
	write_pmcr(ctx->nsec_pmcr);
}

/* Out of line: keeps the fast path free of the register saves this needs. */
static void __attribute__((noinline)) sm_enter_std(struct sm_ctx *ctx, struct sm_frame *frame)
{
	/* SCR.NS first: with it set, leaving Monitor mode for the banked-register
	 * swap would enter the Non-secure world. */
	write_scr(SCR_SEC_VALUE);
	isb();
	ctx->nsec_frame = *frame;
	sm_save_unbanked_regs(&ctx->nsec_ub);
	sm_restore_unbanked_regs(&ctx->sec_ub);
	ctx->nsec_saved = 1;
	/* r0-r7 stay the caller's: they are the std entry's arguments. */
	frame->mon_lr = (uint32_t)(uintptr_t)thread_vector_table.std_smc;
	frame->mon_spsr = CPSR_MODE_SVC | CPSR_A | CPSR_I | CPSR_F;
}

/* Entered with the branch predictor already invalidated (sm_smc_entry). */
void sm_from_nsec(struct sm_frame *frame)
{
	struct sm_ctx *ctx = sm_ctx_of(frame);
	uint32_t fid = frame->r[0];

	panic_park_if_panicked();
	sm_pmu_enter(ctx);
	if (fid & OPTEE_SMC_FAST_CALL) {
		if (fid == SMCCC_ARCH_WORKAROUND_1)	/* done on entry: nothing left */
			frame->r[0] = 0;
		else if (((fid >> 24) & 0x7f) == OPTEE_SMC_OWNER_STANDARD) /* SMC32 PSCI */
			sm_psci_handler((struct thread_smc_args *)frame);
		else
			thread_vector_table.fast_smc((struct thread_smc_args *)frame);
		sm_pmu_exit(ctx);
		return;
	}
	sm_enter_std(ctx, frame);
}

static void sm_return_to_nsec(struct sm_ctx *ctx, struct sm_frame *frame,
			      const uint32_t res[4])
{
	*frame = ctx->nsec_frame;
	if (res)
		memcpy(frame->r, res, 4 * sizeof(uint32_t));
	sm_restore_unbanked_regs(&ctx->nsec_ub);
	sm_pmu_exit(ctx);
	ctx->nsec_saved = 0;
	/* Last: the exception return that follows synchronises the change. */
	write_scr(SCR_NSEC_VALUE);
}

void sm_from_sec(struct sm_frame *frame)
{
	struct sm_ctx *ctx = sm_ctx_of(frame);
	uint32_t res[4];

	panic_park_if_panicked();
	switch (frame->r[0]) {
	case TEESMC_OPTEED_RETURN_CALL_DONE:
		if (!ctx->nsec_saved)
			panic("sm: CALL_DONE without a pending NS call");
		res[0] = frame->r[1];
		res[1] = frame->r[2];
		res[2] = frame->r[3];
		res[3] = frame->r[4];
		sm_return_to_nsec(ctx, frame, res);
		return;
	case TEESMC_OPTEED_RETURN_ENTRY_DONE:
		sm_return_to_nsec(ctx, frame, NULL);
		/* A CPU coming back from CPU_OFF must look freshly reset to the
		 * normal world: its NS SCTLR (banked; SCR.NS is now 1) still has
		 * the MMU and caches on from before. */
		isb();	/* the SCR.NS=1 write must select the NS bank first */
		write_sctlr(SCTLR_NS_RESET_VALUE);
		isb();
		return;
	default:
		panic("sm: unexpected smc 0x%08x from the secure world", frame->r[0]);
	}
}

void sm_set_nsec_entry(uint32_t pc, uint32_t spsr, uint32_t r0, uint32_t r1, uint32_t r2)
{
	struct sm_ctx *ctx = sm_get_ctx();

	memset(&ctx->nsec_frame, 0, sizeof(ctx->nsec_frame));
	memset(&ctx->nsec_ub, 0, sizeof(ctx->nsec_ub));
	ctx->nsec_frame.r[0] = r0;
	ctx->nsec_frame.r[1] = r1;
	ctx->nsec_frame.r[2] = r2;
	ctx->nsec_frame.mon_lr = pc;
	ctx->nsec_frame.mon_spsr = spsr;
	ctx->nsec_pmcr = read_pmcr() & ~PMCR_RW_MASK;	/* as at reset */
	ctx->nsec_saved = 1;
}

void sm_set_sec_entry_state(uint32_t svc_sp)
{
	struct sm_ctx *ctx = sm_get_ctx();

	/* Captures the ABT/UND/IRQ/FIQ stacks set by the reset code. The save
	 * routine returns to the mode it was called from (here Secure SVC). */
	sm_save_unbanked_regs(&ctx->sec_ub);
	ctx->sec_ub.svc_sp = svc_sp;
	ctx->sec_ub.svc_lr = 0;
	ctx->sec_ub.svc_spsr = 0;
}

/* Per CPU, at boot and after each CPU_ON. ACTLR is writable from Secure PL1
 * only (NSACR gives the normal world just the SMP bit), so IBE has to be set
 * here: Linux checks it ("firmware did not set auxiliary control register
 * IBE bit"). SDER = 0: no secure non-invasive debug, so the PMU counts
 * nothing in Secure state once PMCR.DP is set. */
void sm_init_cpu(void)
{
	write_mvbar((uint32_t)(uintptr_t)sm_vect_table);
	write_nsacr(NSACR_CP10 | NSACR_CP11 | NSACR_NS_SMP);
	write_actlr(read_actlr() | ACTLR_SMP | ACTLR_A15_IBE);
	write_sder(0);
	write_pmcr(read_pmcr() | PMCR_DP);
	write_scr(SCR_SEC_VALUE);
	isb();
}

void sm_mon_abort(struct sm_frame *frame, unsigned int kind)
{
	static const char *const names[] = { "unexpected vector", "prefetch abort", "data abort" };

	panic_frame(names[kind < 3 ? kind : 0], frame->r, frame->mon_lr, frame->mon_spsr);
}
