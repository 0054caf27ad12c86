/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Minimal harness for host unit tests. One test binary = one suite:
 *
 *	static void test_foo(void) { UT_ASSERT(x == 1); UT_EQ(y, 2); }
 *	int main(int argc, char **argv)
 *	{
 *		UT_RUN("dt", foo, "what foo checks");
 *		return UT_DONE();
 *	}
 *
 * prints "PASS unit.dt.foo: what foo checks" (or FAIL, after the failing
 * checks with file:line) and UT_DONE() the closing "N passed, N failed",
 * returning the exit status. A failed check ends its test case; so does a
 * fault, reported as a failure.
 */
#ifndef UNIT_TEST_H
#define UNIT_TEST_H

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static unsigned int ut_passed, ut_failed;
static int ut_case_failed;

/*
 * A fault (SIGSEGV, SIGBUS, SIGFPE, SIGILL) inside a case fails that case and
 * the next ones still run. Outside a case the default action kills the
 * binary. Needs POSIX (sigsetjmp): unit.mk builds with -D_DEFAULT_SOURCE.
 */
static sigjmp_buf ut_fault_jmp;
static volatile sig_atomic_t ut_armed, ut_fault_sig;

static void ut_on_fault(int sig)
{
	if (!ut_armed) {
		signal(sig, SIG_DFL);	/* the faulting access repeats: dies */
		return;
	}
	ut_armed = 0;
	ut_fault_sig = sig;
	siglongjmp(ut_fault_jmp, 1);
}

static inline void ut_catch_faults(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL };
	static int installed;
	struct sigaction sa;
	unsigned int i;

	if (installed)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ut_on_fault;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	installed = 1;
}

static inline void ut_fail(const char *file, int line, const char *what)
{
	printf("    %s:%d: %s\n", file, line, what);
	ut_case_failed = 1;
}

#define UT_ASSERT(cond) do {						\
	if (!(cond)) {							\
		ut_fail(__FILE__, __LINE__, "failed: " #cond);		\
		return;							\
	}								\
} while (0)

/* Integer equality, showing both values on failure. */
#define UT_EQ(a, b) do {						\
	unsigned long long ut_a_ = (unsigned long long)(a);		\
	unsigned long long ut_b_ = (unsigned long long)(b);		\
	if (ut_a_ != ut_b_) {						\
		printf("    %s:%d: %s == %s: 0x%llx != 0x%llx\n",	\
		       __FILE__, __LINE__, #a, #b, ut_a_, ut_b_);	\
		ut_case_failed = 1;					\
		return;							\
	}								\
} while (0)

/* Marks the case failed with a message, without leaving it. */
#define UT_NOTE_FAIL(msg) ut_fail(__FILE__, __LINE__, (msg))

#define UT_RUN(suite, name, what) do {					\
	ut_case_failed = 0;						\
	ut_catch_faults();						\
	if (!sigsetjmp(ut_fault_jmp, 1)) {				\
		ut_armed = 1;						\
		test_##name();						\
	} else {							\
		printf("    fault: signal %d (%s) during the case\n",	\
		       (int)ut_fault_sig, strsignal(ut_fault_sig));	\
		ut_case_failed = 1;					\
	}								\
	ut_armed = 0;							\
	printf("%s unit.%s.%s: %s\n", ut_case_failed ? "FAIL" : "PASS",	\
	       (suite), #name, (what));					\
	if (ut_case_failed)						\
		ut_failed++;						\
	else								\
		ut_passed++;						\
	fflush(stdout);							\
} while (0)

#define UT_DONE() (printf("%u passed, %u failed\n", ut_passed, ut_failed), \
		   ut_failed ? 1 : 0)

#endif /* UNIT_TEST_H */
