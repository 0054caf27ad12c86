/* Compile-time checks: the C structures match the offsets the .S files use. */
#include "ns.h"

#define CHECK(type, field, off) \
	_Static_assert(offsetof(type, field) == (off), #type "." #field " != " #off)

CHECK(struct smc_regs, r, 0);
_Static_assert(sizeof(struct smc_regs) == SMC_REGS_SIZE, "smc_regs size");

CHECK(struct ns_bank, r4_r12, BANK_R4);
CHECK(struct ns_bank, usr_sp, BANK_USR_SP);
CHECK(struct ns_bank, usr_lr, BANK_USR_LR);
CHECK(struct ns_bank, svc_sp, BANK_SVC_SP);
CHECK(struct ns_bank, svc_lr, BANK_SVC_LR);
CHECK(struct ns_bank, svc_spsr, BANK_SVC_SPSR);
CHECK(struct ns_bank, abt_sp, BANK_ABT_SP);
CHECK(struct ns_bank, abt_lr, BANK_ABT_LR);
CHECK(struct ns_bank, abt_spsr, BANK_ABT_SPSR);
CHECK(struct ns_bank, und_sp, BANK_UND_SP);
CHECK(struct ns_bank, und_lr, BANK_UND_LR);
CHECK(struct ns_bank, und_spsr, BANK_UND_SPSR);
CHECK(struct ns_bank, irq_sp, BANK_IRQ_SP);
CHECK(struct ns_bank, irq_lr, BANK_IRQ_LR);
CHECK(struct ns_bank, irq_spsr, BANK_IRQ_SPSR);
CHECK(struct ns_bank, fiq_sp, BANK_FIQ_SP);
CHECK(struct ns_bank, fiq_lr, BANK_FIQ_LR);
CHECK(struct ns_bank, fiq_spsr, BANK_FIQ_SPSR);
CHECK(struct ns_bank, fiq_r8_r12, BANK_FIQ_R8);
CHECK(struct ns_bank, cpsr, BANK_CPSR);
_Static_assert(sizeof(struct ns_bank) == BANK_SIZE, "ns_bank size");

CHECK(struct ns_regs_probe, args, PROBE_ARGS);
CHECK(struct ns_regs_probe, res, PROBE_RES);
CHECK(struct ns_regs_probe, set, PROBE_SET);
CHECK(struct ns_regs_probe, got, PROBE_GOT);
CHECK(struct ns_regs_probe, cpsr_before, PROBE_CPSR_BEFORE);
CHECK(struct ns_regs_probe, saved_sp, PROBE_SAVED_SP);
CHECK(struct ns_regs_probe, saved_tpidrurw, PROBE_SAVED_TPIDRURW);
CHECK(struct ns_regs_probe, saved_tpidrprw, PROBE_SAVED_TPIDRPRW);
_Static_assert(sizeof(struct ns_regs_probe) == PROBE_SIZE, "ns_regs_probe size");

CHECK(struct ns_exc_frame, spsr, FRAME_SPSR);
CHECK(struct ns_exc_frame, pad, FRAME_PAD);
CHECK(struct ns_exc_frame, r, FRAME_R0);
CHECK(struct ns_exc_frame, pc, FRAME_PC);
_Static_assert(sizeof(struct ns_exc_frame) == FRAME_SIZE, "ns_exc_frame size");

CHECK(struct ns_entry_state, r0, ENTRY_R0);
CHECK(struct ns_entry_state, r1, ENTRY_R1);
CHECK(struct ns_entry_state, r2, ENTRY_R2);
CHECK(struct ns_entry_state, cpsr, ENTRY_CPSR);
CHECK(struct ns_entry_state, sctlr, ENTRY_SCTLR);
_Static_assert(sizeof(struct ns_entry_state) == ENTRY_SIZE, "ns_entry_state size");

CHECK(struct ns_fault, resume_pc, FAULT_RESUME_PC);
