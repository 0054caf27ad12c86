// SPDX-License-Identifier: BSD-2-Clause
/* The case runner of the in-Linux test programs: see case_runner.h. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "case_runner.h"

char msg[512];

int result(int r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return r;
}

uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

void fill(uint8_t *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 7 + seed + (i >> 8));
}

size_t first_not(const uint8_t *p, size_t n, uint8_t c)
{
	size_t i;

	for (i = 0; i < n && p[i] == c; i++)
		;
	return i;
}

static void print_line(const struct tsuite *s, int r, const struct tcase *t, const char *detail)
{
	static const char *const tag[] = { "PASS", "FAIL", "SKIP" };

	if (r == R_PASS && !*detail)
		printf("PASS %s.%s: %s\n", s->tier, t->name, t->what);
	else if (r == R_FAIL && !*detail)
		printf("FAIL %s.%s: %s (failed)\n", s->tier, t->name, t->what);
	else
		printf("%s %s.%s: %s (%s)\n", tag[r], s->tier, t->name, t->what, detail);
	fflush(stdout);
}

/* Why a child that did not report R_PASS/R_FAIL/R_SKIP ended. */
static int child_failed(const struct tsuite *s, const struct tcase *t, int status)
{
	if (WIFSIGNALED(status))
		snprintf(msg, sizeof(msg), "crashed: signal %d", WTERMSIG(status));
	else
		snprintf(msg, sizeof(msg), "exit status %d", WEXITSTATUS(status));
	print_line(s, R_FAIL, t, msg);
	return R_FAIL;
}

/* Runs one case in a child process, within its time limit. */
static int run_case(const struct tsuite *s, const struct tcase *t)
{
	uint64_t t0, limit = (uint64_t)t->timeout_s * 1000;
	int status, r;
	pid_t pid, w;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		snprintf(msg, sizeof(msg), "fork: %s", strerror(errno));
		print_line(s, R_FAIL, t, msg);
		return R_FAIL;
	}
	if (pid == 0) {
		msg[0] = '\0';
		r = t->fn();
		print_line(s, r, t, msg);
		_exit(r);
	}
	t0 = now_ms();
	while ((w = waitpid(pid, &status, WNOHANG)) == 0) {
		if (now_ms() - t0 > limit) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			snprintf(msg, sizeof(msg), "timeout after %u s", t->timeout_s);
			print_line(s, R_FAIL, t, msg);
			return R_FAIL;
		}
		sleep_ms(20);
	}
	if (w < 0) {
		snprintf(msg, sizeof(msg), "waitpid: %s", strerror(errno));
		print_line(s, R_FAIL, t, msg);
		return R_FAIL;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) <= R_SKIP)
		return WEXITSTATUS(status);
	return child_failed(s, t, status);
}

static void usage(const struct tsuite *s, FILE *f)
{
	fprintf(f, "usage: %s [-l] [-S] [-n %s] [CASE...]\n", s->prog, s->n_name);
}

static bool selected(const struct tcase *t, int argc, char *argv[])
{
	int a;

	for (a = optind; a < argc; a++)
		if (!strcmp(argv[a], t->name))
			return true;
	return optind == argc; /* no names: all */
}

/* Every name given is a case: 0, else 2 (after saying which is not). */
static int check_names(const struct tsuite *s, int argc, char *argv[])
{
	unsigned int i;
	int a;

	for (a = optind; a < argc; a++) {
		for (i = 0; i < s->ncases && strcmp(argv[a], s->cases[i].name); i++)
			;
		if (i == s->ncases) {
			fprintf(stderr, "%s: no case '%s' (-l lists them)\n", s->prog, argv[a]);
			return 2;
		}
	}
	return 0;
}

/* The options: -1 to go on, else the exit status. */
static int parse_options(const struct tsuite *s, int argc, char *argv[], bool *summary)
{
	unsigned int i;
	int opt;

	while ((opt = getopt(argc, argv, "lSn:h")) != -1) {
		switch (opt) {
		case 'l':
			for (i = 0; i < s->ncases; i++)
				printf("%-22s %s\n", s->cases[i].name, s->cases[i].what);
			return 0;
		case 'S':
			*summary = false;
			break;
		case 'n':
			*s->n = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'h':
			usage(s, stdout);
			return 0;
		default:
			usage(s, stderr);
			return 2;
		}
	}
	return check_names(s, argc, argv) ? 2 : -1;
}

int tsuite_main(const struct tsuite *s, int argc, char *argv[])
{
	int counts[3] = { 0, 0, 0 };
	bool summary = true;
	unsigned int i;
	int ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	ret = parse_options(s, argc, argv, &summary);
	if (ret >= 0)
		return ret;
	if (s->before)
		s->before();
	for (i = 0; i < s->ncases; i++)
		if (selected(&s->cases[i], argc, argv))
			counts[run_case(s, &s->cases[i])]++;
	if (summary && counts[R_SKIP])
		printf("%d passed, %d failed, %d skipped\n", counts[R_PASS], counts[R_FAIL],
		       counts[R_SKIP]);
	else if (summary)
		printf("%d passed, %d failed\n", counts[R_PASS], counts[R_FAIL]);
	return counts[R_FAIL] ? 1 : 0;
}
