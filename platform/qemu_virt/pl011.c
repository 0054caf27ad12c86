/* PL011 UART, transmit only. QEMU needs no baud-rate set-up. */
#include <arm.h>
#include <uart.h>

#define UART_DR     0x00
#define UART_FR     0x18
#define UART_CR     0x30
#define UART_FR_TXFF (1u << 5)
#define UART_CR_UARTEN (1u << 0)
#define UART_CR_TXE (1u << 8)

void pl011_init(uintptr_t base)
{
	mmio_write32(base + UART_CR, UART_CR_UARTEN | UART_CR_TXE);
}

void pl011_putc(uintptr_t base, char c)
{
	while (mmio_read32(base + UART_FR) & UART_FR_TXFF)
		;
	mmio_write32(base + UART_DR, (uint8_t)c);
}
