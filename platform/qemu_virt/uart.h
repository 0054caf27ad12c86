#ifndef UART_H
#define UART_H
#include <stdint.h>
void pl011_init(uintptr_t base);
void pl011_putc(uintptr_t base, char c);
#endif
