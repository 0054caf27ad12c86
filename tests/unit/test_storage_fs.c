/*
 * The fake file system of the storage tests: a table of named files with
 * the semantics of upstream tee-supplicant over POSIX (open/create/read/
 * write/remove/rename/opendir/readdir as in ta-abi.md G.1), and the hooks
 * the tests need: a power cut after the Nth operation (later ones fail; a
 * WRITE at the cut may be torn), a RENAME that happens but reports failure,
 * a space limit, snapshots.
 */
#include <stdlib.h>
#include <string.h>
#include <optee_msg.h>
#include <storage.h>
#include "test_storage_fs.h"

#define FFS_MAX_FDS  16
#define FFS_MAX_DIRS 4

struct ffs_file ffs_files[FFS_MAX_FILES];
long ffs_ops, ffs_cut_after = -1, ffs_space = -1;
bool ffs_torn, ffs_rename_lies;

static int fds[FFS_MAX_FDS];		/* file index + 1; 0 free */
static struct {
	bool used;
	char prefix[STORAGE_FS_NAME_MAX];
	unsigned int next;
} dirs[FFS_MAX_DIRS];

struct ffs_snap {
	struct ffs_file f[FFS_MAX_FILES];
};

void ffs_reset_counters(void)
{
	ffs_ops = 0;
	ffs_cut_after = -1;
	ffs_torn = ffs_rename_lies = false;
	memset(fds, 0, sizeof(fds));
	memset(dirs, 0, sizeof(dirs));
}

void ffs_remove(struct ffs_file *f)
{
	free(f->data);
	memset(f, 0, sizeof(*f));
}

void ffs_format(void)
{
	for (unsigned int i = 0; i < FFS_MAX_FILES; i++)
		if (ffs_files[i].used)
			ffs_remove(&ffs_files[i]);
	ffs_space = -1;
	ffs_reset_counters();
}

struct ffs_file *ffs_find(const char *name)
{
	for (unsigned int i = 0; i < FFS_MAX_FILES; i++)
		if (ffs_files[i].used && !strcmp(ffs_files[i].name, name))
			return &ffs_files[i];
	return NULL;
}

unsigned int ffs_list(const char *prefix, struct ffs_file **out, unsigned int max)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < FFS_MAX_FILES; i++)
		if (ffs_files[i].used && !strncmp(ffs_files[i].name, prefix, strlen(prefix))) {
			if (n < max)
				out[n] = &ffs_files[i];
			n++;
		}
	return n;
}

static long used_bytes(void)
{
	long n = 0;

	for (unsigned int i = 0; i < FFS_MAX_FILES; i++)
		if (ffs_files[i].used)
			n += ffs_files[i].len;
	return n;
}

static struct ffs_file *new_file(const char *name)
{
	for (unsigned int i = 0; i < FFS_MAX_FILES; i++)
		if (!ffs_files[i].used) {
			ffs_files[i].used = true;
			strncpy(ffs_files[i].name, name, STORAGE_FS_NAME_MAX - 1);
			return &ffs_files[i];
		}
	return NULL;
}

void ffs_put(const char *name, const uint8_t *data, uint32_t len)
{
	struct ffs_file *f = ffs_find(name);

	if (!f)
		f = new_file(name);
	free(f->data);
	f->data = malloc(len ? len : 1);
	memcpy(f->data, data, len);
	f->len = len;
}

/* Counts the operation; false once the power is cut. */
static bool powered(void)
{
	if (ffs_cut_after >= 0 && ffs_ops >= ffs_cut_after)
		return false;
	ffs_ops++;
	return true;
}

static struct ffs_file *fd_file(uint32_t fd)
{
	if (fd >= FFS_MAX_FDS || !fds[fd])
		return NULL;
	return ffs_files[fds[fd] - 1].used ? &ffs_files[fds[fd] - 1] : NULL;
}

static uint32_t f_open(void *ctx, const char *name, bool create, uint32_t *fd)
{
	struct ffs_file *f;

	(void)ctx;
	if (!powered())
		return TEE_ERROR_GENERIC;
	f = ffs_find(name);
	if (!f && !create)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (!f)
		f = new_file(name);
	if (!f)
		return TEE_ERROR_STORAGE_NO_SPACE;
	if (create) {
		free(f->data);
		f->data = NULL;
		f->len = 0;
	}
	for (uint32_t i = 0; i < FFS_MAX_FDS; i++)
		if (!fds[i]) {
			fds[i] = (int)(f - ffs_files) + 1;
			*fd = i;
			return TEE_SUCCESS;
		}
	return TEE_ERROR_GENERIC;
}

static uint32_t f_close(void *ctx, uint32_t fd)
{
	(void)ctx;
	if (!powered())
		return TEE_ERROR_GENERIC;
	if (fd >= FFS_MAX_FDS || !fds[fd])
		return TEE_ERROR_GENERIC;
	fds[fd] = 0;
	return TEE_SUCCESS;
}

static uint32_t f_read(void *ctx, uint32_t fd, uint32_t offs, void *buf, uint32_t *len)
{
	struct ffs_file *f = fd_file(fd);
	uint32_t n = 0;

	(void)ctx;
	if (!powered())
		return TEE_ERROR_GENERIC;
	if (!f)
		return TEE_ERROR_GENERIC;
	if (offs < f->len)
		n = f->len - offs < *len ? f->len - offs : *len;
	memcpy(buf, f->data + offs, n);
	*len = n;
	return TEE_SUCCESS;
}

static void do_write(struct ffs_file *f, uint32_t offs, const void *buf, uint32_t len)
{
	if (offs + len > f->len) {
		f->data = realloc(f->data, offs + len);
		memset(f->data + f->len, 0, offs + len - f->len);
		f->len = offs + len;
	}
	memcpy(f->data + offs, buf, len);
}

static uint32_t f_write(void *ctx, uint32_t fd, uint32_t offs, const void *buf, uint32_t len)
{
	struct ffs_file *f = fd_file(fd);

	(void)ctx;
	if (!powered()) {
		if (ffs_torn && f && len) {
			ffs_torn = false;
			do_write(f, offs, buf, len / 2);
		}
		return TEE_ERROR_GENERIC;
	}
	if (!f)
		return TEE_ERROR_GENERIC;
	if (ffs_space >= 0 && used_bytes() + len > ffs_space)
		return TEE_ERROR_STORAGE_NO_SPACE;
	do_write(f, offs, buf, len);
	return TEE_SUCCESS;
}

static uint32_t f_remove(void *ctx, const char *name)
{
	struct ffs_file *f;

	(void)ctx;
	if (!powered())
		return TEE_ERROR_GENERIC;
	f = ffs_find(name);
	if (!f)
		return TEE_ERROR_ITEM_NOT_FOUND;
	ffs_remove(f);
	return TEE_SUCCESS;
}

static uint32_t f_rename(void *ctx, const char *from, const char *to, bool overwrite)
{
	struct ffs_file *f, *t;

	(void)ctx;
	if (!powered())
		return TEE_ERROR_GENERIC;
	f = ffs_find(from);
	t = ffs_find(to);
	if (!f)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (t && !overwrite)
		return TEE_ERROR_ACCESS_CONFLICT;
	if (t && t != f)
		ffs_remove(t);
	strncpy(f->name, to, STORAGE_FS_NAME_MAX - 1);
	return ffs_rename_lies ? TEE_ERROR_GENERIC : TEE_SUCCESS;
}

/* Is files[i] directly inside dir prefix ("<dir>/")? */
static const char *leaf_in(unsigned int i, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *leaf;

	if (!ffs_files[i].used || strncmp(ffs_files[i].name, prefix, n))
		return NULL;
	leaf = ffs_files[i].name + n;
	return strchr(leaf, '/') ? NULL : leaf;
}

static uint32_t f_opendir(void *ctx, const char *name, uint32_t *dh)
{
	char prefix[STORAGE_FS_NAME_MAX];
	bool any = false;

	(void)ctx;
	if (!powered())
		return TEE_ERROR_GENERIC;
	strncpy(prefix, name, sizeof(prefix) - 2);
	prefix[sizeof(prefix) - 2] = 0;
	strcat(prefix, "/");
	for (unsigned int i = 0; i < FFS_MAX_FILES && !any; i++)
		any = leaf_in(i, prefix) != NULL;
	if (!any)
		return TEE_ERROR_ITEM_NOT_FOUND;	/* upstream: missing or empty */
	for (uint32_t d = 0; d < FFS_MAX_DIRS; d++)
		if (!dirs[d].used) {
			dirs[d].used = true;
			strcpy(dirs[d].prefix, prefix);
			dirs[d].next = 0;
			*dh = d;
			return TEE_SUCCESS;
		}
	return TEE_ERROR_GENERIC;
}

static uint32_t f_readdir(void *ctx, uint32_t dh, char *name, uint32_t size)
{
	(void)ctx;
	if (!powered())
		return TEE_ERROR_GENERIC;
	if (dh >= FFS_MAX_DIRS || !dirs[dh].used)
		return TEE_ERROR_GENERIC;
	while (dirs[dh].next < FFS_MAX_FILES) {
		const char *leaf = leaf_in(dirs[dh].next++, dirs[dh].prefix);

		if (!leaf)
			continue;
		if (strlen(leaf) + 1 > size)
			return TEE_ERROR_SHORT_BUFFER;
		strcpy(name, leaf);
		return TEE_SUCCESS;
	}
	return TEE_ERROR_ITEM_NOT_FOUND;
}

static uint32_t f_closedir(void *ctx, uint32_t dh)
{
	(void)ctx;
	if (!powered())
		return TEE_ERROR_GENERIC;
	if (dh >= FFS_MAX_DIRS || !dirs[dh].used)
		return TEE_ERROR_GENERIC;
	dirs[dh].used = false;
	return TEE_SUCCESS;
}

const struct storage_fs fake_fs = {
	.open = f_open, .close = f_close, .read = f_read, .write = f_write,
	.remove = f_remove, .rename = f_rename, .opendir = f_opendir,
	.readdir = f_readdir, .closedir = f_closedir,
};

struct ffs_snap *ffs_snapshot(void)
{
	struct ffs_snap *s = calloc(1, sizeof(*s));

	for (unsigned int i = 0; i < FFS_MAX_FILES; i++) {
		s->f[i] = ffs_files[i];
		if (ffs_files[i].used) {
			s->f[i].data = malloc(ffs_files[i].len + 1);
			memcpy(s->f[i].data, ffs_files[i].data, ffs_files[i].len);
		}
	}
	return s;
}

void ffs_restore(const struct ffs_snap *s)
{
	ffs_format();
	for (unsigned int i = 0; i < FFS_MAX_FILES; i++)
		if (s->f[i].used)
			ffs_put(s->f[i].name, s->f[i].data, s->f[i].len);
}

void ffs_snap_free(struct ffs_snap *s)
{
	for (unsigned int i = 0; i < FFS_MAX_FILES; i++)
		free(s->f[i].data);
	free(s);
}

const uint8_t *ffs_snap_file(const struct ffs_snap *s, const char *name, uint32_t *len)
{
	for (unsigned int i = 0; i < FFS_MAX_FILES; i++)
		if (s->f[i].used && !strcmp(s->f[i].name, name)) {
			*len = s->f[i].len;
			return s->f[i].data;
		}
	return NULL;
}
