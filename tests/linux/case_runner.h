/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the in-Linux test programs (teec_tests, tee_raw_tests) share: the case
 * runner and a few helpers. Each case runs in its own child process within
 * its time limit and prints one line,
 *   PASS <tier>.<name>: <what>[ (<detail>)]
 *   FAIL <tier>.<name>: <what> (<why>)
 *   SKIP <tier>.<name>: <what> (<why>)
 * then "N passed, N failed" (", N skipped" when some were).
 *
 *   PROG [-l] [-S] [-n N] [CASE...]
 *     -l    list the cases and exit
 *     -S    no summary line (when a runner prints its own)
 *     -n N  sets the suite's *n (iterations, cycles: see the program)
 *     CASE  run only these (names without the tier prefix)
 */
#ifndef CASE_RUNNER_H
#define CASE_RUNNER_H

#include <stddef.h>
#include <stdint.h>

enum { R_PASS, R_FAIL, R_SKIP };

struct tcase {
	const char *name;
	const char *what;
	int (*fn)(void); /* R_PASS, R_FAIL or R_SKIP; details in msg */
	unsigned int timeout_s;
};

struct tsuite {
	const char *prog;   /* "teec_tests", for messages */
	const char *tier;   /* "linux.teec", the prefix of each line */
	const char *n_name; /* what -n sets, for the usage line */
	unsigned int *n;
	const struct tcase *cases;
	unsigned int ncases;
	void (*before)(void); /* after the arguments, before any case; or NULL */
};

/* What a case reports: a detail for PASS, the reason for FAIL/SKIP. */
extern char msg[512];

/* Fills msg, returns r. */
__attribute__((format(printf, 2, 3))) int result(int r, const char *fmt, ...);
#define FAIL(...) result(R_FAIL, __VA_ARGS__)

uint64_t now_ms(void);
void sleep_ms(unsigned int ms);

/* Test data: a byte pattern that differs with seed and position. */
void fill(uint8_t *p, size_t n, unsigned int seed);
/* Index of the first byte of p[0..n) that is not c, or n. */
size_t first_not(const uint8_t *p, size_t n, uint8_t c);

/* Parses the arguments, runs the cases; the exit status of the program. */
int tsuite_main(const struct tsuite *s, int argc, char *argv[]);

#endif
