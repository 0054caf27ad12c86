#ifndef PANIC_H
#define PANIC_H
#include <stdint.h>

void __attribute__((noreturn)) panic(const char *fmt, ...);
/* Fault report from an exception frame: regs = r0-r12, pc/cpsr of the fault. */
void __attribute__((noreturn)) panic_frame(const char *what, const uint32_t regs[13],
					   uint32_t pc, uint32_t cpsr);
#endif
