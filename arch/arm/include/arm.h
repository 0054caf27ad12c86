/* ARMv7-A architecture definitions and CP15 accessors. */
#ifndef ARM_H
#define ARM_H

#define CPSR_MODE_USR   0x10
#define CPSR_MODE_FIQ   0x11
#define CPSR_MODE_IRQ   0x12
#define CPSR_MODE_SVC   0x13
#define CPSR_MODE_MON   0x16
#define CPSR_MODE_ABT   0x17
#define CPSR_MODE_UND   0x1b
#define CPSR_MODE_SYS   0x1f
#define CPSR_MODE_MASK  0x1f
#define CPSR_T          (1u << 5)
#define CPSR_F          (1u << 6)
#define CPSR_I          (1u << 7)
#define CPSR_A          (1u << 8)

#define SCR_NS          (1u << 0)
#define SCR_IRQ         (1u << 1)
#define SCR_FIQ         (1u << 2)
#define SCR_EA          (1u << 3)
#define SCR_FW          (1u << 4)
#define SCR_AW          (1u << 5)
/* SCR while the normal world runs / while the secure world runs. */
#define SCR_NSEC_VALUE  (SCR_NS | SCR_FW | SCR_AW)
#define SCR_SEC_VALUE   (SCR_FW | SCR_AW)

#define SCTLR_M         (1u << 0)
#define SCTLR_A         (1u << 1)
#define SCTLR_C         (1u << 2)
#define SCTLR_Z         (1u << 11)
#define SCTLR_I         (1u << 12)
#define SCTLR_V         (1u << 13)
#define SCTLR_WXN       (1u << 19)
#define SCTLR_TRE       (1u << 28)
#define SCTLR_AFE       (1u << 29)

/* Cortex-A15 SCTLR at reset: MMU, caches and alignment checks off. */
#define SCTLR_NS_RESET_VALUE 0x00c50078u

#define NSACR_CP10      (1u << 10)
#define NSACR_CP11      (1u << 11)
#define NSACR_NS_SMP    (1u << 18)
#define ACTLR_SMP       (1u << 6)

#define MPIDR_AFF0_MASK 0xffu

/* struct fault_regs, for regs.S */
#define FAULT_REGS_SP   52
#define FAULT_REGS_LR   56
#define FAULT_REGS_PC   60
#define FAULT_REGS_CPSR 64

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdint.h>

/* Registers of an interrupted (faulting) mode, as a fault report shows them. */
struct fault_regs {
	uint32_t r[13];
	uint32_t sp, lr, pc, cpsr;
};
_Static_assert(offsetof(struct fault_regs, sp) == FAULT_REGS_SP, "regs.S");
_Static_assert(offsetof(struct fault_regs, lr) == FAULT_REGS_LR, "regs.S");
_Static_assert(offsetof(struct fault_regs, pc) == FAULT_REGS_PC, "regs.S");
_Static_assert(offsetof(struct fault_regs, cpsr) == FAULT_REGS_CPSR, "regs.S");

/* regs.S: snapshot of the caller's r0-r12, sp, lr (pc = lr) and CPSR. */
void arch_save_regs(struct fault_regs *regs);
/* regs.S: sp and lr of another mode of the current world (usr is read as sys). */
void arch_read_banked_sp_lr(uint32_t mode, uint32_t out[2]);

#define DEFINE_CP15_ACCESSORS(name, op1, crn, crm, op2)                          \
	static inline uint32_t read_##name(void)                                 \
	{                                                                        \
		uint32_t v;                                                      \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
				 : "=r"(v));                                     \
		return v;                                                        \
	}                                                                        \
	static inline void write_##name(uint32_t v)                              \
	{                                                                        \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
				 : : "r"(v) : "memory");                         \
	}

DEFINE_CP15_ACCESSORS(midr, 0, c0, c0, 0)
DEFINE_CP15_ACCESSORS(mpidr, 0, c0, c0, 5)
DEFINE_CP15_ACCESSORS(sctlr, 0, c1, c0, 0)
DEFINE_CP15_ACCESSORS(actlr, 0, c1, c0, 1)
DEFINE_CP15_ACCESSORS(scr, 0, c1, c1, 0)
DEFINE_CP15_ACCESSORS(nsacr, 0, c1, c1, 2)
DEFINE_CP15_ACCESSORS(ttbr0, 0, c2, c0, 0)
DEFINE_CP15_ACCESSORS(ttbcr, 0, c2, c0, 2)
DEFINE_CP15_ACCESSORS(dacr, 0, c3, c0, 0)
DEFINE_CP15_ACCESSORS(dfsr, 0, c5, c0, 0)
DEFINE_CP15_ACCESSORS(ifsr, 0, c5, c0, 1)
DEFINE_CP15_ACCESSORS(dfar, 0, c6, c0, 0)
DEFINE_CP15_ACCESSORS(ifar, 0, c6, c0, 2)
DEFINE_CP15_ACCESSORS(vbar, 0, c12, c0, 0)
DEFINE_CP15_ACCESSORS(mvbar, 0, c12, c0, 1)
DEFINE_CP15_ACCESSORS(tpidrprw, 0, c13, c0, 4)

static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static inline void dmb(void) { __asm__ volatile("dmb" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("sev" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

static inline uint32_t read_cpsr(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}

static inline unsigned int get_core_pos(void)
{
	return read_mpidr() & MPIDR_AFF0_MASK;
}

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write16(uintptr_t addr, uint16_t v)
{
	*(volatile uint16_t *)addr = v;
}

static inline uint8_t mmio_read8(uintptr_t addr)
{
	return *(volatile uint8_t *)addr;
}
#endif /* __ASSEMBLY__ */
#endif
