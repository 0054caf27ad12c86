#ifndef PANIC_H
#define PANIC_H
#include <stdint.h>
#include <arm.h>

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

/* The secure exception vectors (thread/vectors_a32.S) report a fault with
 * frame = {r0-r12, pc, cpsr} of the faulting mode; kind as enum fault_kind. */
void __attribute__((noreturn)) panic_exception(uint32_t *frame, unsigned int kind);

/* CFG_TEST_FAULT != 0: a deliberate fault for the fault-report test, called
 * right before the first entry to the normal world (core/boot.c). */
#if CFG_TEST_FAULT
void test_fault_point(void);
#else
static inline void test_fault_point(void) {}
#endif
#endif
