/* Secure console (the secure UART, QEMU's serial1). */
#ifndef CONSOLE_H
#define CONSOLE_H
#include <stdarg.h>
#include <stddef.h>

void console_init(void);
void console_putc(char c);
void console_puts(const char *s);
/* One log line: formats, appends a newline, prints atomically w.r.t. other CPUs. */
void log_msg(const char *fmt, ...);
void log_vmsg(const char *fmt, va_list ap);

/* A small formatter: %d %u %x %X %p %s %c %%, flags 0 and width, l and ll. */
int mt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int mt_snprintf(char *buf, size_t size, const char *fmt, ...);
#endif
