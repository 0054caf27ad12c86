/* A small formatter: %d %u %x %X %p %s %c %%, flags 0 and width, l and ll.
 * No allocation, no floats; snprintf semantics for the return value. */
#ifndef MT_PRINTF_H
#define MT_PRINTF_H
#include <stdarg.h>
#include <stddef.h>

int mt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int mt_snprintf(char *buf, size_t size, const char *fmt, ...);
#endif
