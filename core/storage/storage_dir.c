/*
 * A TA's files (docs/secure-storage.md "Files", "Updates"): reading and
 * checking its directory, one atomic commit per change (new files beside
 * the old, a rename to switch, then clean-up), and the clean-up of leftovers
 * when the storage is first used in a boot. Every file is normal-world
 * input: sizes are bounded before anything is allocated, and nothing is used
 * before it authenticates.
 */
#include <stdlib.h>
#include <string.h>
#include <console.h>
#include <storage_priv.h>

#define DIR_FILE "dirf.db"
#define TMP_FILE "dirf.tmp"

static const struct storage_fs *fs;

void sdir_set_fs(const struct storage_fs *f)
{
	fs = f;
}

static char *hex(char *s, const uint8_t *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		*s++ = digits[b[i] >> 4];
		*s++ = digits[b[i] & 15];
	}
	*s = 0;
	return s;
}

/* The TA's folder: its UUID, lower case, 8-4-4-4-12 (37 bytes with the NUL). */
static void uuid_str(const uint8_t u[16], char *s)
{
	static const uint8_t groups[] = { 4, 2, 2, 2, 6 };

	for (unsigned int g = 0; g < sizeof(groups); g++) {
		s = hex(s, u, groups[g]);
		u += groups[g];
		if (g < sizeof(groups) - 1)
			*s++ = '-';
	}
}

/*
 * "/<uuid>/<leaf>" (leaf at most 12 bytes: fits STORAGE_FS_NAME_MAX). The
 * leading '/' is what OP-TEE sends: every supplicant version joins it to its
 * root correctly (older ones concatenate "root/" and the name).
 */
static void path(const struct storage_ta *ta, const char *leaf, char out[STORAGE_FS_NAME_MAX])
{
	const char *end = memchr(leaf, 0, STORAGE_FS_NAME_MAX - 39);
	size_t n = end ? (size_t)(end - leaf) : STORAGE_FS_NAME_MAX - 39;

	out[0] = '/';
	uuid_str(ta->uuid, out + 1);
	out[37] = '/';
	memcpy(out + 38, leaf, n);
	out[38 + n] = 0;
}

/* o<file number, 8 hex digits> */
static void obj_leaf(uint32_t fileno, char leaf[12])
{
	uint8_t be[4] = { fileno >> 24, fileno >> 16, fileno >> 8, fileno };

	leaf[0] = 'o';
	hex(leaf + 1, be, 4);
}

static void obj_path(const struct storage_ta *ta, uint32_t fileno, char out[STORAGE_FS_NAME_MAX])
{
	char leaf[12];

	obj_leaf(fileno, leaf);
	path(ta, leaf, out);
}

/* What a failed FS operation means to a TA. */
static uint32_t fs_error(uint32_t res)
{
	if (res == TEE_ERROR_STORAGE_NO_SPACE || res == TEE_ERROR_OUT_OF_MEMORY)
		return res;
	return TEE_ERROR_STORAGE_NOT_AVAILABLE;
}

/*
 * Reads a whole file of at most max bytes into a new buffer. One byte more
 * is asked for, so a file that grew is seen. ITEM_NOT_FOUND passes through;
 * a longer file is CORRUPT_OBJECT.
 */
static uint32_t read_file(const char *name, uint32_t max, uint8_t **buf, uint32_t *len)
{
	uint32_t fd, res, n = max + 1;
	uint8_t *b;

	res = fs->open(fs->ctx, name, false, &fd);
	if (res)
		return res == TEE_ERROR_ITEM_NOT_FOUND ? res : fs_error(res);
	b = malloc(n);
	if (!b) {
		fs->close(fs->ctx, fd);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	res = fs->read(fs->ctx, fd, 0, b, &n);
	fs->close(fs->ctx, fd);
	if (!res && n > max)
		res = TEE_ERROR_CORRUPT_OBJECT;
	if (res) {
		free(b);
		return res == TEE_ERROR_CORRUPT_OBJECT ? res : fs_error(res);
	}
	*buf = b;
	*len = n;
	return TEE_SUCCESS;
}

/* CREATE (truncating), WRITE, CLOSE. */
static uint32_t write_file(const char *name, const uint8_t *buf, uint32_t len)
{
	uint32_t fd, res, res2;

	res = fs->open(fs->ctx, name, true, &fd);
	if (res)
		return fs_error(res);
	res = fs->write(fs->ctx, fd, 0, buf, len);
	res2 = fs->close(fs->ctx, fd);
	if (!res)
		res = res2;
	return res ? fs_error(res) : TEE_SUCCESS;
}

static bool listed(const struct storage_dir *d, const char *name)
{
	char leaf[12];

	if (!strcmp(name, DIR_FILE))
		return true;
	for (uint32_t i = 0; i < d->count; i++) {
		obj_leaf(d->e[i].fileno, leaf);
		if (!strcmp(name, leaf))
			return true;
	}
	return false;
}

/*
 * Walks the TA's folder: removes every file d does not list (leftovers of
 * an interrupted commit), or, with d NULL (no directory), counts the files
 * other than dirf.tmp. Errors end the walk quietly: a leftover costs space
 * only.
 */
static uint32_t sweep(const struct storage_ta *ta, const struct storage_dir *d)
{
	char u[38], name[STORAGE_FS_NAME_MAX], full[STORAGE_FS_NAME_MAX];
	uint32_t dh, strays = 0;

	u[0] = '/';
	uuid_str(ta->uuid, u + 1);
	if (fs->opendir(fs->ctx, u, &dh))
		return 0;
	while (!fs->readdir(fs->ctx, dh, name, sizeof(name))) {
		name[sizeof(name) - 1] = 0;
		if (d ? listed(d, name) : !strcmp(name, TMP_FILE))
			continue;
		strays++;
		if (d) {
			path(ta, name, full);
			fs->remove(fs->ctx, full);
		}
	}
	fs->closedir(fs->ctx, dh);
	return strays;
}

static void set_empty(struct storage_dir *d)
{
	memset(d, 0, sizeof(*d));
}

/* No dirf.db: a fresh TA, unless object files are there (tampering). */
static uint32_t mount_without_dir(struct storage_ta *ta)
{
	char name[STORAGE_FS_NAME_MAX];

	if (sweep(ta, NULL)) {
		log_reject("storage: object files without a directory: storage corrupt");
		ta->state = STA_CORRUPT;
		return TEE_ERROR_CORRUPT_OBJECT;
	}
	path(ta, TMP_FILE, name);
	fs->remove(fs->ctx, name); /* an interrupted first commit, if any */
	set_empty(ta->dir);
	ta->on_disk = false;
	ta->state = STA_MOUNTED;
	return TEE_SUCCESS;
}

uint32_t sdir_mount(struct storage_ta *ta)
{
	char name[STORAGE_FS_NAME_MAX];
	uint8_t *buf;
	uint32_t len, res;

	if (ta->state == STA_MOUNTED)
		return TEE_SUCCESS;
	if (ta->state == STA_CORRUPT)
		return TEE_ERROR_CORRUPT_OBJECT;
	path(ta, DIR_FILE, name);
	res = read_file(name, SFMT_DIR_MAX_FILE, &buf, &len);
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		return mount_without_dir(ta);
	if (!res) {
		res = sfmt_dir_open(ta->key, ta->uuid, buf, len, ta->dir);
		crypto_wipe(buf, len);
		free(buf);
	}
	if (res == TEE_ERROR_CORRUPT_OBJECT) {
		log_reject("storage: directory file fails its checks: storage corrupt");
		ta->state = STA_CORRUPT;
	}
	if (res)
		return res;
	ta->on_disk = true;
	ta->state = STA_MOUNTED;
	sweep(ta, ta->dir);
	return TEE_SUCCESS;
}

struct storage_entry *sdir_find(struct storage_dir *d, const void *id, size_t id_len)
{
	for (uint32_t i = 0; i < d->count; i++)
		if (d->e[i].id_len == id_len && !memcmp(d->e[i].id, id, id_len))
			return &d->e[i];
	return NULL;
}

/* Writes d as dirf.tmp and renames it over dirf.db. *unsure: the rename
 * failed, so the disk may hold either directory. */
static uint32_t switch_dir(struct storage_ta *ta, const struct storage_dir *d, bool *unsure)
{
	char tmp[STORAGE_FS_NAME_MAX], db[STORAGE_FS_NAME_MAX];
	size_t len = sfmt_dir_size(d);
	uint8_t *buf = malloc(len);
	uint32_t res;

	if (!buf)
		return TEE_ERROR_OUT_OF_MEMORY;
	path(ta, TMP_FILE, tmp);
	path(ta, DIR_FILE, db);
	res = sfmt_dir_seal(ta->key, ta->uuid, d, buf);
	if (!res)
		res = write_file(tmp, buf, (uint32_t)len);
	free(buf);
	if (res) {
		fs->remove(fs->ctx, tmp);
		return res;
	}
	res = fs->rename(fs->ctx, tmp, db, true);
	if (res) {
		*unsure = true;
		return fs_error(res);
	}
	return TEE_SUCCESS;
}

/* The first commit of a TA lays down an empty directory first, so that
 * object files without one can only mean tampering. */
static uint32_t ensure_dir(struct storage_ta *ta, bool *unsure)
{
	uint32_t res;

	if (ta->on_disk)
		return TEE_SUCCESS;
	res = switch_dir(ta, ta->dir, unsure);
	if (!res)
		ta->on_disk = true;
	return res;
}

/* Seals and writes the object version described by e (fileno set). */
static uint32_t write_obj(struct storage_ta *ta, struct storage_entry *e,
			  const struct storage_objhdr *oh, const uint8_t *data)
{
	char name[STORAGE_FS_NAME_MAX];
	struct storage_objref ref = { ta->uuid, e->id, e->id_len, e->fileno };
	size_t len = sfmt_obj_size(oh->data_size);
	uint8_t *buf = malloc(len);
	uint32_t res;

	if (!buf)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = sfmt_obj_seal(ta->key, &ref, oh, data, buf);
	if (!res) {
		crypto_sha256(buf, len, e->hash);
		e->data_size = oh->data_size;
		obj_path(ta, e->fileno, name);
		res = write_file(name, buf, (uint32_t)len);
		if (res)
			fs->remove(fs->ctx, name);
	}
	free(buf);
	return res;
}

uint32_t sdir_commit(struct storage_ta *ta, struct storage_dir *nd, int idx,
		     const struct storage_objhdr *oh, const uint8_t *data, uint32_t old_fileno)
{
	char name[STORAGE_FS_NAME_MAX];
	bool unsure = false;
	uint32_t res, new_fileno = UINT32_MAX;

	res = ensure_dir(ta, &unsure);
	if (!res && data) {
		if (nd->next_fileno == UINT32_MAX)
			return TEE_ERROR_STORAGE_NO_SPACE; /* 2^32 - 1 writes */
		new_fileno = nd->e[idx].fileno = nd->next_fileno++;
		res = write_obj(ta, &nd->e[idx], oh, data);
		if (res)
			new_fileno = UINT32_MAX; /* already removed */
	}
	if (!res) {
		nd->generation = ta->dir->generation + 1;
		res = switch_dir(ta, nd, &unsure);
	}
	if (res) {
		if (unsure)
			ta->state = STA_UNMOUNTED; /* follow the disk, whichever it holds */
		else if (new_fileno != UINT32_MAX) {
			obj_path(ta, new_fileno, name);
			fs->remove(fs->ctx, name);
		}
		return res;
	}
	free(ta->dir);
	ta->dir = nd;
	if (old_fileno != UINT32_MAX) {
		obj_path(ta, old_fileno, name);
		fs->remove(fs->ctx, name); /* a failure leaves garbage for the next mount */
	}
	return TEE_SUCCESS;
}

uint32_t sdir_load_obj(struct storage_ta *ta, const struct storage_entry *e,
		       struct storage_objhdr *oh, uint8_t **data_out)
{
	char name[STORAGE_FS_NAME_MAX];
	struct storage_objref ref = { ta->uuid, e->id, e->id_len, e->fileno };
	uint8_t hash[CRYPTO_SHA256_SIZE], *buf, *data;
	const uint8_t *plain;
	uint32_t len, res;

	obj_path(ta, e->fileno, name);
	res = read_file(name, (uint32_t)sfmt_obj_size(e->data_size), &buf, &len);
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		res = TEE_ERROR_CORRUPT_OBJECT; /* listed, so it was deleted */
	if (res)
		goto out_log;
	crypto_sha256(buf, len, hash);
	if (len != sfmt_obj_size(e->data_size) || crypto_memcmp_ct(hash, e->hash, sizeof(hash)))
		res = TEE_ERROR_CORRUPT_OBJECT;
	else
		res = sfmt_obj_open(ta->key, &ref, buf, len, oh, &plain);
	if (!res && oh->data_size != e->data_size)
		res = TEE_ERROR_CORRUPT_OBJECT;
	data = res ? NULL : malloc(oh->data_size ? oh->data_size : 1);
	if (!res && !data)
		res = TEE_ERROR_OUT_OF_MEMORY;
	if (!res) {
		memcpy(data, plain, oh->data_size);
		*data_out = data;
	}
	crypto_wipe(buf, len);
	free(buf);
out_log:
	if (res == TEE_ERROR_CORRUPT_OBJECT)
		log_reject("storage: object file %s fails its checks", name);
	return res;
}
