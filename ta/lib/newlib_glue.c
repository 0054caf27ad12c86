/*
 * What newlib's libc needs from its host, for TAs: memory for malloc comes
 * from ta_heap (the TA_DATA_SIZE pool that user_ta_header.c reserves in
 * .bss); there are no files, so every file call fails; exit and abort end
 * the TA with TEE_Panic. Nothing here enters the core except TEE_Panic.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <tee_internal_api.h>
#include <user_ta_header.h>

#undef errno
extern int errno;

static size_t heap_brk;

void *_sbrk(ptrdiff_t incr)
{
	size_t old = heap_brk;

	if (incr < 0 || (size_t)incr > ta_heap_size - heap_brk) {
		errno = ENOMEM;
		return (void *)-1;
	}
	heap_brk += (size_t)incr;
	return ta_heap + old;
}

int _write(int fd, const void *buf, size_t n)
{
	(void)fd;
	(void)buf;
	(void)n;
	errno = EBADF;
	return -1;
}

int _read(int fd, void *buf, size_t n)
{
	(void)fd;
	(void)buf;
	(void)n;
	errno = EBADF;
	return -1;
}

int _close(int fd)
{
	(void)fd;
	errno = EBADF;
	return -1;
}

int _fstat(int fd, struct stat *st)
{
	(void)fd;
	(void)st;
	errno = EBADF;
	return -1;
}

int _isatty(int fd)
{
	(void)fd;
	return 0;
}

int _lseek(int fd, int off, int whence)
{
	(void)fd;
	(void)off;
	(void)whence;
	errno = EBADF;
	return -1;
}

int _getpid(void)
{
	return 1;
}

int _kill(int pid, int sig)
{
	(void)pid;
	(void)sig;
	TEE_Panic(TEE_ERROR_GENERIC);
}

void _exit(int status)
{
	TEE_Panic((TEE_Result)status);
}
