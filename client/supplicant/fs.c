// SPDX-License-Identifier: BSD-2-Clause
/*
 * tee-supplicant: OPTEE_RPC_CMD_FS, the secure world's files in the normal
 * world's file system (ta-abi.md G.1, G.2; docs/secure-storage.md). Files
 * live under the FS root (--fs-parent-path, default /var/lib/tee), created
 * 0700 on the first request. What the secure world writes is already
 * encrypted and authenticated; this file only keeps upstream's semantics,
 * so that mintee works with upstream's supplicant and OP-TEE with ours,
 * and refuses what would leave the root or touch descriptors it does not own.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tee_client_api.h"
#include "ta_load.h"
#include "fs.h"

#define FS_OPEN     0
#define FS_CREATE   1
#define FS_CLOSE    2
#define FS_READ     3
#define FS_WRITE    4
#define FS_TRUNCATE 5
#define FS_REMOVE   6
#define FS_RENAME   7
#define FS_OPENDIR  8
#define FS_CLOSEDIR 9
#define FS_READDIR  10

#define FS_MAX_FDS  64	/* open files at once */
#define FS_MAX_DIRS 16
#define FS_NAME_MAX 255	/* upstream's PATH_MAX for the relative path */

static const char *fs_root = SUPP_FS_PARENT_PATH;
static int root_fd = -1;
static int fds[FS_MAX_FDS];	/* fd + 1 of files opened here; 0 free */
static DIR *dirs[FS_MAX_DIRS];

void supp_fs_set_root(const char *path)
{
	fs_root = path;
}

static uint32_t type_of(const struct tee_ioctl_param *p)
{
	return (uint32_t)(p->attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK);
}

static bool is_value_in(const struct tee_ioctl_param *p)
{
	return type_of(p) == TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT ||
	       type_of(p) == TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
}

static bool is_value_out(const struct tee_ioctl_param *p)
{
	return type_of(p) == TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT ||
	       type_of(p) == TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
}

static bool is_memref(const struct tee_ioctl_param *p, bool out)
{
	uint32_t t = type_of(p);

	return t == TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT ||
	       t == (out ? TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT
			 : TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT);
}

/* A memref mapped: bytes [a, a + b) of shm object c, one of ours. */
struct mref {
	uint8_t *map;
	size_t map_len;
	uint8_t *ptr;
	size_t len;
};

static uint32_t mref_map(const struct tee_ioctl_param *p, struct mref *m)
{
	uint64_t shm_size = 0;
	int fd = supp_shm_lookup((int64_t)p->c, &shm_size);

	if (fd < 0 || p->a > shm_size || p->b > shm_size - p->a)
		return TEEC_ERROR_BAD_PARAMETERS;
	m->map_len = shm_size ? shm_size : 1;
	m->map = mmap(NULL, m->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m->map == MAP_FAILED)
		return TEEC_ERROR_OUT_OF_MEMORY;
	m->ptr = m->map + p->a;
	m->len = p->b;
	return TEEC_SUCCESS;
}

static void mref_unmap(struct mref *m)
{
	munmap(m->map, m->map_len);
}

/* The name in a memref as a path relative to the root: NUL inside the
 * memref, leading '/' dropped (OP-TEE sends "/dirf.db"), no ".." parts. */
static uint32_t get_name(const struct tee_ioctl_param *p, char *out)
{
	struct mref m;
	const char *s;
	uint32_t res = mref_map(p, &m);

	if (res)
		return res;
	s = memchr(m.ptr, 0, m.len) ? (const char *)m.ptr : NULL;
	while (s && *s == '/')
		s++;
	if (!s || !*s || strlen(s) > FS_NAME_MAX - 3 || !strcmp(s, "..") ||
	    !strncmp(s, "../", 3) || strstr(s, "/../") ||
	    (strlen(s) >= 3 && !strcmp(s + strlen(s) - 3, "/..")))
		res = TEEC_ERROR_BAD_PARAMETERS;
	else
		snprintf(out, FS_NAME_MAX + 1, "./%s", s);
	mref_unmap(&m);
	return res;
}

/* mkdir -p of the root, then a directory fd on it. */
static uint32_t open_root(void)
{
	char path[4096];

	if (root_fd >= 0)
		return TEEC_SUCCESS;
	if (strlen(fs_root) >= sizeof(path))
		return TEEC_ERROR_STORAGE_NOT_AVAILABLE;
	strcpy(path, fs_root);
	for (char *s = path + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		mkdir(path, 0700);
		*s = '/';
	}
	mkdir(path, 0700);
	root_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return root_fd < 0 ? TEEC_ERROR_STORAGE_NOT_AVAILABLE : TEEC_SUCCESS;
}

static uint32_t errno_res(int err)
{
	switch (err) {
	case ENOENT:
		return TEEC_ERROR_ITEM_NOT_FOUND;
	case ENOSPC:
		return TEE_ERROR_STORAGE_NO_SPACE;
	default:
		return TEEC_ERROR_GENERIC;
	}
}

/* Creates the (at most two) missing parent folders of path ("./a/b/f"), 0700. */
static void make_parents(const char *path)
{
	char dir[FS_NAME_MAX + 1];
	char *parent, *grand;

	snprintf(dir, sizeof(dir), "%s", path);
	parent = strrchr(dir, '/');
	if (!parent || parent == dir + 1)	/* directly in the root */
		return;
	*parent = 0;
	grand = strrchr(dir, '/');
	if (grand && grand != dir + 1) {
		*grand = 0;
		mkdirat(root_fd, dir, 0700);
		*grand = '/';
	}
	mkdirat(root_fd, dir, 0700);
}

static int fd_slot(int fd)
{
	for (int i = 0; i < FS_MAX_FDS; i++)
		if (!fds[i]) {
			fds[i] = fd + 1;
			return 0;
		}
	return -1;
}

static bool fd_ours(uint64_t fd)
{
	for (int i = 0; i < FS_MAX_FDS; i++)
		if (fds[i] && (uint64_t)(fds[i] - 1) == fd)
			return true;
	return false;
}

/* OPEN, CREATE: p0 value, p1 name, p2 value out (a = fd). */
static uint32_t fs_open(uint32_t n, struct tee_ioctl_param *p, bool create)
{
	char name[FS_NAME_MAX + 1];
	uint32_t res;
	int fd;

	if (n != 3 || !is_memref(&p[1], false) || !is_value_out(&p[2]))
		return TEEC_ERROR_BAD_PARAMETERS;
	res = get_name(&p[1], name);
	if (res)
		return res;
	if (create) {
		const int fl = O_RDWR | O_CREAT | O_TRUNC | O_SYNC | O_CLOEXEC;

		fd = openat(root_fd, name, fl, 0600);
		if (fd < 0 && errno == ENOENT) {
			make_parents(name);
			fd = openat(root_fd, name, fl, 0600);
		}
	} else {
		fd = openat(root_fd, name, O_RDWR | O_SYNC | O_CLOEXEC);
		if (fd < 0 && errno != ENOENT)
			fd = openat(root_fd, name, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return errno_res(errno);
	if (fd_slot(fd)) {
		close(fd);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	p[2].a = (uint64_t)fd;
	return TEEC_SUCCESS;
}

static uint32_t fs_close(uint32_t n, struct tee_ioctl_param *p)
{
	if (n != 1 || !fd_ours(p[0].b))
		return TEEC_ERROR_BAD_PARAMETERS;
	for (int i = 0; i < FS_MAX_FDS; i++)
		if (fds[i] && (uint64_t)(fds[i] - 1) == p[0].b)
			fds[i] = 0;
	return close((int)p[0].b) ? TEEC_ERROR_GENERIC : TEEC_SUCCESS;
}

/* READ: p0 b = fd, c = offset; p1 memref out; p1.b = bytes read. */
static uint32_t fs_read(uint32_t n, struct tee_ioctl_param *p)
{
	struct mref m;
	size_t got = 0;
	uint32_t res;

	if (n != 2 || !is_memref(&p[1], true) || !fd_ours(p[0].b))
		return TEEC_ERROR_BAD_PARAMETERS;
	res = mref_map(&p[1], &m);
	if (res)
		return res;
	while (got < m.len) {
		ssize_t r = pread((int)p[0].b, m.ptr + got, m.len - got, (off_t)(p[0].c + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			res = TEEC_ERROR_GENERIC;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	mref_unmap(&m);
	if (!res)
		p[1].b = got;
	return res;
}

/* WRITE: p0 b = fd, c = offset; p1 memref in. */
static uint32_t fs_write(uint32_t n, struct tee_ioctl_param *p)
{
	struct mref m;
	size_t done = 0;
	uint32_t res;

	if (n != 2 || !is_memref(&p[1], false) || !fd_ours(p[0].b))
		return TEEC_ERROR_BAD_PARAMETERS;
	res = mref_map(&p[1], &m);
	if (res)
		return res;
	while (done < m.len) {
		ssize_t w = pwrite((int)p[0].b, m.ptr + done, m.len - done, (off_t)(p[0].c + done));

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			res = w < 0 ? errno_res(errno) : TEEC_ERROR_GENERIC;
			break;
		}
		done += (size_t)w;
	}
	mref_unmap(&m);
	return res;
}

static uint32_t fs_truncate(uint32_t n, struct tee_ioctl_param *p)
{
	if (n != 1 || !fd_ours(p[0].b))
		return TEEC_ERROR_BAD_PARAMETERS;
	return ftruncate((int)p[0].b, (off_t)p[0].c) ? errno_res(errno) : TEEC_SUCCESS;
}

/* REMOVE: p1 name. Then the emptied parent folder goes too (never the root). */
static uint32_t fs_remove(uint32_t n, struct tee_ioctl_param *p)
{
	char name[FS_NAME_MAX + 1];
	char *slash;
	uint32_t res;

	if (n != 2 || !is_memref(&p[1], false))
		return TEEC_ERROR_BAD_PARAMETERS;
	res = get_name(&p[1], name);
	if (res)
		return res;
	if (unlinkat(root_fd, name, 0))
		return errno_res(errno);
	slash = strrchr(name, '/');
	if (slash && slash != name + 1) {
		*slash = 0;
		unlinkat(root_fd, name, AT_REMOVEDIR);	/* fails unless empty */
	}
	return TEEC_SUCCESS;
}

/* RENAME: p0 b = overwrite; p1 old, p2 new. Unlike upstream, a failure is
 * reported whatever errno says (upstream answers SUCCESS for most). */
static uint32_t fs_rename(uint32_t n, struct tee_ioctl_param *p)
{
	char from[FS_NAME_MAX + 1], to[FS_NAME_MAX + 1];
	uint32_t res;

	if (n != 3 || !is_memref(&p[1], false) || !is_memref(&p[2], false))
		return TEEC_ERROR_BAD_PARAMETERS;
	res = get_name(&p[1], from);
	if (!res)
		res = get_name(&p[2], to);
	if (res)
		return res;
	if (!renameat2(root_fd, from, root_fd, to, p[0].b ? 0 : RENAME_NOREPLACE))
		return TEEC_SUCCESS;
	return errno == EEXIST ? TEEC_ERROR_ACCESS_CONFLICT : errno_res(errno);
}

static bool dir_empty(DIR *d)
{
	struct dirent *e;
	long pos = telldir(d);
	bool empty = true;

	while (empty && (e = readdir(d)))
		empty = e->d_name[0] == '.';
	seekdir(d, pos);
	return empty;
}

/* OPENDIR: p1 name; p2 value out (a = handle). Missing or empty: ITEM_NOT_FOUND. */
static uint32_t fs_opendir(uint32_t n, struct tee_ioctl_param *p)
{
	char name[FS_NAME_MAX + 1];
	uint32_t res;
	DIR *d;
	int fd;

	if (n != 3 || !is_memref(&p[1], false) || !is_value_out(&p[2]))
		return TEEC_ERROR_BAD_PARAMETERS;
	res = get_name(&p[1], name);
	if (res)
		return res;
	fd = openat(root_fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	d = fd < 0 ? NULL : fdopendir(fd);
	if (!d) {
		if (fd >= 0)
			close(fd);
		return TEEC_ERROR_ITEM_NOT_FOUND;
	}
	if (dir_empty(d)) {
		closedir(d);
		return TEEC_ERROR_ITEM_NOT_FOUND;
	}
	for (int i = 0; i < FS_MAX_DIRS; i++)
		if (!dirs[i]) {
			dirs[i] = d;
			p[2].a = (uint64_t)i;
			return TEEC_SUCCESS;
		}
	closedir(d);
	return TEEC_ERROR_OUT_OF_MEMORY;
}

static DIR *dir_of(uint64_t h)
{
	return h < FS_MAX_DIRS ? dirs[h] : NULL;
}

static uint32_t fs_closedir(uint32_t n, struct tee_ioctl_param *p)
{
	if (n != 1 || !dir_of(p[0].b))
		return TEEC_ERROR_BAD_PARAMETERS;
	closedir(dirs[p[0].b]);
	dirs[p[0].b] = NULL;
	return TEEC_SUCCESS;
}

/* READDIR: p0 b = handle; p1 memref out: the next name not starting with
 * '.', NUL included (p1.b = its size); too small: SHORT_BUFFER with the
 * size, and the entry stays next; the end: ITEM_NOT_FOUND. */
static uint32_t fs_readdir(uint32_t n, struct tee_ioctl_param *p)
{
	DIR *d = n == 2 ? dir_of(p[0].b) : NULL;
	struct dirent *e;
	struct mref m;
	uint32_t res;
	long pos;
	size_t len;

	if (!d || !is_memref(&p[1], true))
		return TEEC_ERROR_BAD_PARAMETERS;
	do {
		pos = telldir(d);
		e = readdir(d);
	} while (e && e->d_name[0] == '.');
	if (!e)
		return TEEC_ERROR_ITEM_NOT_FOUND;
	len = strlen(e->d_name) + 1;
	res = mref_map(&p[1], &m);
	if (res)
		return res;
	if (len > m.len) {
		seekdir(d, pos);
		res = TEEC_ERROR_SHORT_BUFFER;
	} else {
		memcpy(m.ptr, e->d_name, len);
	}
	mref_unmap(&m);
	p[1].b = len;
	return res;
}

uint32_t supp_fs(uint32_t num_params, struct tee_ioctl_param *p)
{
	uint32_t res;

	if (!num_params || !is_value_in(&p[0]))
		return TEEC_ERROR_BAD_PARAMETERS;
	res = open_root();
	if (res)
		return res;
	switch (p[0].a) {
	case FS_OPEN:
		return fs_open(num_params, p, false);
	case FS_CREATE:
		return fs_open(num_params, p, true);
	case FS_CLOSE:
		return fs_close(num_params, p);
	case FS_READ:
		return fs_read(num_params, p);
	case FS_WRITE:
		return fs_write(num_params, p);
	case FS_TRUNCATE:
		return fs_truncate(num_params, p);
	case FS_REMOVE:
		return fs_remove(num_params, p);
	case FS_RENAME:
		return fs_rename(num_params, p);
	case FS_OPENDIR:
		return fs_opendir(num_params, p);
	case FS_CLOSEDIR:
		return fs_closedir(num_params, p);
	case FS_READDIR:
		return fs_readdir(num_params, p);
	default:
		return TEEC_ERROR_BAD_PARAMETERS;
	}
}
