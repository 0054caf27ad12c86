/* A minimal formatter for the secure console: no allocation, no floats. */
#include <stdint.h>
#include <stdbool.h>
#include <mt_printf.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void out_c(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_num(struct out *o, unsigned long long v, unsigned int base,
		    bool upper, bool neg, int width, char pad)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	if (v >> 32) {
		do {
			tmp[n++] = digits[v % base];
			v /= base;
		} while (v);
	} else {
		/* 32-bit values (nearly all): no call into libgcc's 64-bit division. */
		uint32_t w = (uint32_t)v;

		do {
			tmp[n++] = digits[base == 16 ? (w & 15) : (w % 10)];
			w = base == 16 ? w >> 4 : w / 10;
		} while (w);
	}
	if (neg)
		tmp[n++] = '-';
	while (width-- > n)
		out_c(o, pad);
	while (n)
		out_c(o, tmp[--n]);
}

static unsigned long long arg_unsigned(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long arg_signed(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, long long);
	if (lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

/* width < 0: left-justified in -width columns. */
static void out_str(struct out *o, const char *s, int width)
{
	int n = 0, left = width < 0;

	if (!s)
		s = "(null)";
	while (s[n])
		n++;
	if (left)
		width = -width;
	while (!left && width-- > n)
		out_c(o, ' ');
	while (*s)
		out_c(o, *s++);
	while (left && width-- > n)
		out_c(o, ' ');
}

static const char *out_conv(struct out *o, const char *f, va_list *ap)
{
	char pad = ' ';
	int width = 0, lng = 0, left = 0;
	long long sv;

	if (*f == '-') {
		left = 1;
		f++;
	}
	if (*f == '0')
		pad = '0';
	while (*f >= '0' && *f <= '9')
		width = width * 10 + (*f++ - '0');
	while (*f == 'l') {
		lng++;
		f++;
	}
	switch (*f) {
	case 'd':
	case 'i':
		sv = arg_signed(ap, lng);
		out_num(o, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv,
			10, false, sv < 0, width, pad);
		break;
	case 'u':
		out_num(o, arg_unsigned(ap, lng), 10, false, false, width, pad);
		break;
	case 'x':
	case 'X':
		out_num(o, arg_unsigned(ap, lng), 16, *f == 'X', false, width, pad);
		break;
	case 'p':
		out_c(o, '0');
		out_c(o, 'x');
		out_num(o, (uintptr_t)va_arg(*ap, void *), 16, false, false, 8, '0');
		break;
	case 's':
		out_str(o, va_arg(*ap, const char *), left ? -width : width);
		break;
	case 'c':
		out_c(o, (char)va_arg(*ap, int));
		break;
	case '\0':
		return f;
	default:
		out_c(o, *f);
		break;
	}
	return f + 1;
}

int mt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		if (*fmt != '%') {
			out_c(&o, *fmt++);
			continue;
		}
		fmt = out_conv(&o, fmt + 1, &aq);
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int mt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
