#ifndef PANIC_H
#define PANIC_H
#include <stdint.h>

/* Registers of the interrupted (faulting) mode, as a fault report shows them. */
struct fault_regs {
	uint32_t r[13];
	uint32_t sp, lr, pc, cpsr;
};

/*
 * Stops this CPU after a report on the secure console: mode, fault status and
 * address, registers, a symbolized backtrace. The first CPU to panic reports;
 * the others park when they next enter the secure world
 * (panic_park_if_panicked()).
 */
void __attribute__((noreturn)) panic(const char *fmt, ...);
/* Fault report from an exception frame: regs = r0-r12, pc/cpsr of the fault. */
void __attribute__((noreturn)) panic_frame(const char *what, const uint32_t regs[13],
					   uint32_t pc, uint32_t cpsr);
/* 0: nobody panicked; else 1 + the CPU that reports. */
extern uint32_t panic_cpu;
void __attribute__((noreturn)) panic_park_cpu(void);
/* Parks this CPU for good if another one has panicked. Called on the way into
 * the secure world (monitor entry), so it is kept to a load and a branch. */
static inline void panic_park_if_panicked(void)
{
	if (__builtin_expect(__atomic_load_n(&panic_cpu, __ATOMIC_RELAXED) != 0, 0))
		panic_park_cpu();
}

/* Name of the function holding addr and addr's offset in it, from the table
 * embedded at link time (tools/mksymtab.py); NULL if unknown. */
const char *symtab_lookup(uint32_t addr, uint32_t *offset);

/* arch/arm/vectors.S */
/* Snapshot of the caller's r0-r12, sp, lr (pc = lr) and CPSR. */
void arch_save_regs(struct fault_regs *regs);
/* sp and lr of another mode of the current world (usr is read as sys). */
void arch_read_banked_sp_lr(uint32_t mode, uint32_t out[2]);

/* CFG_TEST_FAULT != 0: a deliberate fault for the fault-report test, called
 * right before the first entry to the normal world (core/boot.c). */
#if CFG_TEST_FAULT
void test_fault_point(void);
#else
static inline void test_fault_point(void) {}
#endif
#endif
