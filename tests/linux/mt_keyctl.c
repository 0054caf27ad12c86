/*
 * mt-keyctl: the few keyctl(1) commands the Linux tier uses, straight on the
 * add_key(2)/keyctl(2) system calls, for an initramfs without keyutils.
 * Same arguments and output as keyutils' keyctl for these commands:
 *
 *   mt-keyctl add TYPE DESC DATA KEYRING   prints the new key's id
 *   mt-keyctl pipe ID                      the payload, raw
 *   mt-keyctl print ID                     the payload and a newline
 *   mt-keyctl unlink ID [KEYRING]          (default @s, as keyctl)
 *   mt-keyctl update ID DATA
 * KEYRING: @t @p @s @u @us, or a number. Errors: "<cmd>: <strerror>", exit 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KEY_SPEC_THREAD_KEYRING       -1
#define KEY_SPEC_PROCESS_KEYRING      -2
#define KEY_SPEC_SESSION_KEYRING      -3
#define KEY_SPEC_USER_KEYRING         -4
#define KEY_SPEC_USER_SESSION_KEYRING -5
#define KEYCTL_UPDATE 2
#define KEYCTL_UNLINK 9
#define KEYCTL_READ   11

static long ring(const char *s)
{
	static const struct { const char *n; long v; } names[] = {
		{ "@t", KEY_SPEC_THREAD_KEYRING }, { "@p", KEY_SPEC_PROCESS_KEYRING },
		{ "@s", KEY_SPEC_SESSION_KEYRING }, { "@u", KEY_SPEC_USER_KEYRING },
		{ "@us", KEY_SPEC_USER_SESSION_KEYRING },
	};
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].n))
			return names[i].v;
	return strtol(s, NULL, 0);
}

static int fail(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	return 1;
}

static int read_key(long id, int newline)
{
	long n = syscall(SYS_keyctl, KEYCTL_READ, id, NULL, 0);
	char *buf;

	if (n < 0)
		return fail("keyctl_read");
	buf = malloc(n + 1);
	if (!buf)
		return fail("malloc");
	n = syscall(SYS_keyctl, KEYCTL_READ, id, buf, n);
	if (n < 0)
		return fail("keyctl_read");
	fwrite(buf, 1, n, stdout);
	if (newline)
		putchar('\n');
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	long r;

	if (argc == 6 && !strcmp(argv[1], "add")) {
		r = syscall(SYS_add_key, argv[2], argv[3], argv[4], strlen(argv[4]), ring(argv[5]));
		if (r < 0)
			return fail("add_key");
		printf("%ld\n", r);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "pipe"))
		return read_key(strtol(argv[2], NULL, 0), 0);
	if (argc == 3 && !strcmp(argv[1], "print"))
		return read_key(strtol(argv[2], NULL, 0), 1);
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "unlink")) {
		r = syscall(SYS_keyctl, KEYCTL_UNLINK, strtol(argv[2], NULL, 0),
			    argc == 4 ? ring(argv[3]) : KEY_SPEC_SESSION_KEYRING);
		return r < 0 ? fail("keyctl_unlink") : 0;
	}
	if (argc == 4 && !strcmp(argv[1], "update")) {
		r = syscall(SYS_keyctl, KEYCTL_UPDATE, strtol(argv[2], NULL, 0), argv[3],
			    strlen(argv[3]));
		return r < 0 ? fail("keyctl_update") : 0;
	}
	fprintf(stderr, "usage: mt-keyctl add TYPE DESC DATA KEYRING | pipe ID | print ID |"
		" unlink ID [KEYRING] | update ID DATA\n");
	return 2;
}
