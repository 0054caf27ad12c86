/* PL011 UART0 output and a minimal printf for the test payloads. */
#include "ns.h"

#define UART0_BASE  0x09000000u
#define UART_DR     0x00u
#define UART_FR     0x18u
#define UART_FR_TXFF (1u << 5)

static inline uint32_t mmio_read(uint32_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write(uint32_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

void ns_putc(char c)
{
	while (mmio_read(UART0_BASE + UART_FR) & UART_FR_TXFF)
		;
	mmio_write(UART0_BASE + UART_DR, (uint8_t)c);
}

void ns_puts(const char *s)
{
	while (*s)
		ns_putc(*s++);
}

/* Output sink: either the UART or a bounded buffer. */
struct sink {
	char *buf;
	size_t size;
	size_t len;
};

static void sink_put(struct sink *k, char c)
{
	if (!k->buf)
		ns_putc(c);
	else if (k->len + 1 < k->size)
		k->buf[k->len] = c;
	k->len++;
}

static void put_num(struct sink *k, uint32_t v, unsigned base, bool neg, unsigned width, char pad, bool left)
{
	char tmp[12];
	unsigned n = 0;

	do {
		unsigned d = v % base;
		tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	unsigned len = n;
	for (unsigned i = len; !left && i < width; i++)
		sink_put(k, pad);
	while (n)
		sink_put(k, tmp[--n]);
	for (unsigned i = len; left && i < width; i++)
		sink_put(k, ' ');
}

/* Supports %% %c %s %d %i %u %x %p with an optional '0' or '-' flag and width,
 * and the 'l' length modifier (ignored: long is 32 bits here). */
static int format(struct sink *k, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			sink_put(k, *fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		bool left = false;
		unsigned width = 0;
		for (;; fmt++) {
			if (*fmt == '0')
				pad = '0';
			else if (*fmt == '-')
				left = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned)(*fmt++ - '0');
		while (*fmt == 'l')
			fmt++;
		switch (*fmt) {
		case '%':
			sink_put(k, '%');
			break;
		case 'c':
			sink_put(k, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			size_t len = strlen(s);
			for (size_t i = len; !left && i < width; i++)
				sink_put(k, ' ');
			while (*s)
				sink_put(k, *s++);
			for (size_t i = len; left && i < width; i++)
				sink_put(k, ' ');
			break;
		}
		case 'd':
		case 'i': {
			int32_t v = va_arg(ap, int32_t);
			put_num(k, v < 0 ? 0u - (uint32_t)v : (uint32_t)v, 10, v < 0, width, pad, left);
			break;
		}
		case 'u':
			put_num(k, va_arg(ap, uint32_t), 10, false, width, pad, left);
			break;
		case 'x':
			put_num(k, va_arg(ap, uint32_t), 16, false, width, pad, left);
			break;
		case 'p':
			sink_put(k, '0');
			sink_put(k, 'x');
			put_num(k, (uint32_t)va_arg(ap, void *), 16, false, 8, '0', false);
			break;
		case '\0':
			return (int)k->len;
		default:
			sink_put(k, '%');
			sink_put(k, *fmt);
			break;
		}
	}
	return (int)k->len;
}

int ns_vprintf(const char *fmt, va_list ap)
{
	struct sink k = { 0 };
	return format(&k, fmt, ap);
}

int ns_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = ns_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int ns_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink k = { .buf = buf, .size = size };
	int n = format(&k, fmt, ap);
	if (size)
		buf[k.len < size ? k.len : size - 1] = '\0';
	return n;
}

int ns_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = ns_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void ns_exit_ok(void)
{
	ns_semihost_exit(SEMIHOST_EXIT_OK);
}

void ns_exit_error(const char *why)
{
	ns_printf("ns: internal error: %s\n", why);
	ns_semihost_exit(SEMIHOST_EXIT_ERROR);
}
