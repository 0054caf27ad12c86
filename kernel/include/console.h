/* Secure console (the secure UART, QEMU's serial1). */
#ifndef CONSOLE_H
#define CONSOLE_H
#include <stdarg.h>
#include <stddef.h>
#include <mt_printf.h>

void console_init(void);
void console_putc(char c);
void console_puts(const char *s);
/* One log line: formats, appends a newline, prints atomically w.r.t. other CPUs. */
void log_msg(const char *fmt, ...);
void log_vmsg(const char *fmt, va_list ap);

/*
 * A rejected normal-world input: logged at its 1st, 2nd, 4th, 8th, ...
 * occurrence (per call site) with the count, so a flood of bad calls costs a
 * handful of lines and the firmware keeps serving at full speed.
 */
#define log_reject(fmt, ...)							\
	do {									\
		static unsigned int log_n_;					\
		unsigned int log_c_ = __atomic_add_fetch(&log_n_, 1, __ATOMIC_RELAXED); \
		if (!(log_c_ & (log_c_ - 1)))					\
			log_msg(fmt " [#%u]", ##__VA_ARGS__, log_c_);		\
	} while (0)
#endif
