/* Log lines on the secure UART, one CPU at a time. */
#include <stdarg.h>
#include <console.h>
#include <spinlock.h>
#include <uart.h>
#include <platform.h>

static unsigned int console_lock;

void console_init(void)
{
	pl011_init(SECURE_UART_BASE);
}

void console_putc(char c)
{
	if (c == '\n')
		pl011_putc(SECURE_UART_BASE, '\r');
	pl011_putc(SECURE_UART_BASE, c);
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}

void log_vmsg(const char *fmt, va_list ap)
{
	char line[256];

	mt_vsnprintf(line, sizeof(line), fmt, ap);
	cpu_spin_lock(&console_lock);
	console_puts(line);
	console_putc('\n');
	cpu_spin_unlock(&console_lock);
}

void log_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(fmt, ap);
	va_end(ap);
}
