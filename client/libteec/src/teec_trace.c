// SPDX-License-Identifier: BSD-2-Clause
/*
 * The trace helpers OP-TEE's libteec exports next to the GP API. Programs
 * of optee_client import them from libteec.so.1 (Debian's tee-supplicant
 * does, through its EMSG/IMSG/DMSG macros, which filter by level before they
 * call in), so a replacement library must provide them with the same
 * prototypes:
 *
 *   _dprintf(function, line, level, prefix, fmt, ...)
 *       one message on stdout; with a function name it is preceded by
 *       "<LEVEL> [<tid>] <prefix>:<function>:<line>: "
 *   dump_buffer(name, buffer, length)
 *       a hex and ASCII dump on stderr, 16 bytes a line
 *
 * They are not declared in the public headers (upstream neither).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

void _dprintf(const char *function, int line, int level, const char *prefix,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void dump_buffer(const char *bname, const uint8_t *buffer, size_t blen);

/* Level numbers of optee_client's teec_trace.h: 1 error .. 4 flow. */
static const char *const level_names[] = { "", "ERR", "INF", "DBG", "FLW" };

void _dprintf(const char *function, int line, int level, const char *prefix,
	      const char *fmt, ...)
{
	char msg[512];
	size_t n = 0;
	va_list ap;
	int r;

	if (function) {
		const char *lv = level >= 0 && level < 5 ? level_names[level] : "";

		r = snprintf(msg, sizeof(msg), "%s [%ld] %s:%s:%d: ", lv,
			     (long)syscall(SYS_gettid), prefix ? prefix : "",
			     function, line);
		if (r < 0)
			return;
		n = (size_t)r < sizeof(msg) ? (size_t)r : sizeof(msg) - 1;
	}
	va_start(ap, fmt);
	r = vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	va_end(ap);
	if (r < 0)
		return;
	fputs(msg, stdout);
	fflush(stdout);
}

void dump_buffer(const char *bname, const uint8_t *buffer, size_t blen)
{
	size_t off, i;

	fprintf(stderr, "#### %s\n", bname ? bname : "");
	for (off = 0; buffer && off < blen; off += 16) {
		for (i = 0; i < 16; i++) {
			if (off + i < blen)
				fprintf(stderr, "%02x ", buffer[off + i]);
			else
				fputs("   ", stderr);
			if (i == 7)
				fputc(' ', stderr);
		}
		fputs(" |", stderr);
		for (i = 0; i < 16 && off + i < blen; i++)
			fputc(isprint(buffer[off + i]) ? buffer[off + i] : '.',
			      stderr);
		fputs("|\n", stderr);
	}
}
