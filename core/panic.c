/* Panics and secure-world fault reports. */
#include <stdarg.h>
#include <arm.h>
#include <console.h>
#include <panic.h>

static const char *mode_name(uint32_t cpsr)
{
	switch (cpsr & CPSR_MODE_MASK) {
	case CPSR_MODE_USR: return "usr";
	case CPSR_MODE_FIQ: return "fiq";
	case CPSR_MODE_IRQ: return "irq";
	case CPSR_MODE_SVC: return "svc";
	case CPSR_MODE_MON: return "mon";
	case CPSR_MODE_ABT: return "abt";
	case CPSR_MODE_UND: return "und";
	case CPSR_MODE_SYS: return "sys";
	default: return "???";
	}
}

static void __attribute__((noreturn)) panic_halt(void)
{
	__asm__ volatile("cpsid aif");
	for (;;)
		wfi();
}

void panic(const char *fmt, ...)
{
	char line[200];
	va_list ap;

	va_start(ap, fmt);
	mt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	console_puts("\nPANIC (cpu");
	console_putc('0' + get_core_pos());
	console_puts("): ");
	console_puts(line);
	console_putc('\n');
	panic_halt();
}

void panic_frame(const char *what, const uint32_t regs[13], uint32_t pc, uint32_t cpsr)
{
	char line[120];
	unsigned int i;

	mt_snprintf(line, sizeof(line), "\nFAULT (cpu%u): %s in %s mode, pc 0x%08x cpsr 0x%08x\n",
		    get_core_pos(), what, mode_name(cpsr), pc, cpsr);
	console_puts(line);
	mt_snprintf(line, sizeof(line), " DFSR 0x%08x DFAR 0x%08x IFSR 0x%08x IFAR 0x%08x\n",
		    read_dfsr(), read_dfar(), read_ifsr(), read_ifar());
	console_puts(line);
	for (i = 0; i < 13; i++) {
		mt_snprintf(line, sizeof(line), " r%02u 0x%08x%s", i, regs[i], (i % 4 == 3) ? "\n" : "");
		console_puts(line);
	}
	console_putc('\n');
	panic_halt();
}

void arch_fault(uint32_t *frame, unsigned int kind)
{
	static const char *const names[] = {
		"unexpected vector", "undefined instruction", "unexpected svc",
		"prefetch abort", "data abort", "unexpected irq", "unexpected fiq",
	};

	panic_frame(names[kind < 7 ? kind : 0], frame, frame[13], frame[14]);
}
