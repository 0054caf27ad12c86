/*
 * Host stand-in for arch/arm/include/arm.h: the constants of the real header
 * (included with __ASSEMBLY__, which hides its C part), and the CP15
 * accessors, barriers and CPU index as plain C on fake registers
 * (tests/unit/fake_cpu.c), so that the monitor and the thread pool compile
 * and run on the host. Every CP15 write is also appended to fake_cp15_log.
 */
#ifndef FAKE_ARM_H
#define FAKE_ARM_H
#define __ASSEMBLY__
#include_next <arm.h>
#undef __ASSEMBLY__
#include <stddef.h>
#include <stdint.h>

struct fault_regs {
	uint32_t r[13];
	uint32_t sp, lr, pc, cpsr;
};

void fake_cp15_write(const char *name, uint32_t v);

#define DEFINE_CP15_ACCESSORS(name, op1, crn, crm, op2)                          \
	extern uint32_t fake_##name;                                             \
	static inline uint32_t read_##name(void) { return fake_##name; }         \
	static inline void write_##name(uint32_t v)                              \
	{                                                                        \
		fake_##name = v;                                                 \
		fake_cp15_write(#name, v);                                       \
	}

DEFINE_CP15_ACCESSORS(midr, 0, c0, c0, 0)
DEFINE_CP15_ACCESSORS(mpidr, 0, c0, c0, 5)
DEFINE_CP15_ACCESSORS(sctlr, 0, c1, c0, 0)
DEFINE_CP15_ACCESSORS(actlr, 0, c1, c0, 1)
DEFINE_CP15_ACCESSORS(scr, 0, c1, c1, 0)
DEFINE_CP15_ACCESSORS(nsacr, 0, c1, c1, 2)
DEFINE_CP15_ACCESSORS(vbar, 0, c12, c0, 0)
DEFINE_CP15_ACCESSORS(mvbar, 0, c12, c0, 1)
DEFINE_CP15_ACCESSORS(tpidrprw, 0, c13, c0, 4)

/* Barriers and hints count themselves; wfe/wfi call a hook a test may set
 * (e.g. to leave a wait loop with longjmp). */
extern unsigned int fake_isb, fake_dsb, fake_sev, fake_wfe, fake_wfi;
extern void (*fake_wait_hook)(const char *what);
static inline void isb(void) { fake_isb++; }
static inline void dsb(void) { fake_dsb++; }
static inline void dmb(void) { }
static inline void sev(void) { fake_sev++; }
static inline void wfe(void) { fake_wfe++; if (fake_wait_hook) fake_wait_hook("wfe"); }
static inline void wfi(void) { fake_wfi++; if (fake_wait_hook) fake_wait_hook("wfi"); }

extern uint32_t fake_cpsr;
extern unsigned int fake_cpu;
static inline uint32_t read_cpsr(void) { return fake_cpsr; }
static inline unsigned int get_core_pos(void) { return fake_cpu; }
#endif
