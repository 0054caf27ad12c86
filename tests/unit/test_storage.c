/*
 * Secure storage (core/storage/) on the host, over an in-memory file system
 * with tee-supplicant's semantics (test_storage_fs.c), the real crypto layer,
 * DRBG and device-key derivation: GP round trips and every error, the data
 * stream, sharing rules, two TAs with one object id, capacity, ciphertext
 * only on disk, tampering (every byte of every file, swaps, deletions, old
 * copies, another device key), and power cuts after each FS operation of
 * every kind of update: after a "reboot" the storage holds the old or the
 * new state, never anything else, and no leftover files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <crypto.h>
#include <drbg.h>
#include <storage.h>
#include "fake_arch.h"
#include "test_storage_fs.h"
#include "unit_test.h"

static uint8_t huk_a[32], huk_b[32];
static const uint8_t *huk_now = huk_a;
const uint8_t *huk_secret(void) { return huk_now; }

static const uint8_t ta_a[16] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
				  0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00 };
static const uint8_t ta_b[16] = { 0x8a, 0xaa, 0xf2, 0x00, 0x24, 0x50, 0x11, 0xe4,
				  0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b };
#define DIR_A "/11223344-5566-7788-99aa-bbccddeeff00/"
#define DIR_B "/8aaaf200-2450-11e4-abe2-0002a5d5c51b/"
#define PRIV  TEE_STORAGE_PRIVATE
#define RD    TEE_DATA_FLAG_ACCESS_READ
#define WR    TEE_DATA_FLAG_ACCESS_WRITE
#define META  TEE_DATA_FLAG_ACCESS_WRITE_META
#define SR    TEE_DATA_FLAG_SHARE_READ
#define SW    TEE_DATA_FLAG_SHARE_WRITE
#define OVR   TEE_DATA_FLAG_OVERWRITE

static void reboot(void)
{
	ffs_reset_counters();
	storage_init(&fake_fs);
}

static void fresh(void)
{
	huk_now = huk_a;
	ffs_format();
	storage_init(&fake_fs);
}

static uint32_t put(const uint8_t *ta, const char *id, const void *data, size_t len)
{
	struct storage_handle *h;
	uint32_t res = storage_create(ta, PRIV, id, strlen(id), RD | WR | OVR, data, len, &h);

	if (!res)
		storage_close(h);
	return res;
}

static uint32_t puts_(const uint8_t *ta, const char *id, const char *s)
{
	return put(ta, id, s, strlen(s));
}

/* Reads the whole object into buf (cap bytes); *len its size. */
static uint32_t get(const uint8_t *ta, const char *id, void *buf, size_t cap, size_t *len)
{
	struct storage_handle *h;
	uint32_t res = storage_open(ta, PRIV, id, strlen(id), RD, &h);

	if (res)
		return res;
	res = storage_read(h, buf, cap, len);
	storage_close(h);
	return res;
}

static bool has(const uint8_t *ta, const char *id, const char *s)
{
	char buf[512];
	size_t n;

	return !get(ta, id, buf, sizeof(buf), &n) && n == strlen(s) && !memcmp(buf, s, n);
}

static uint32_t get_res(const uint8_t *ta, const char *id)
{
	char buf[512];
	size_t n;

	return get(ta, id, buf, sizeof(buf), &n);
}

static unsigned int files_in(const char *dir)
{
	struct ffs_file *f[1];

	return ffs_list(dir, f, 0);
}

/* ------------------------------------------------------------- round trips */

static void test_roundtrip(void)
{
	uint8_t big[STORAGE_MAX_DATA], back[STORAGE_MAX_DATA];
	size_t n;

	fresh();
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7 + 3);
	UT_EQ(puts_(ta_a, "greeting", "hello, world"), TEE_SUCCESS);
	UT_EQ(put(ta_a, "big", big, sizeof(big)), TEE_SUCCESS);
	UT_EQ(put(ta_a, "", "x", 1), TEE_SUCCESS);	/* the empty id is an id */
	UT_EQ(put(ta_a, "empty", NULL, 0), TEE_SUCCESS);
	UT_ASSERT(has(ta_a, "greeting", "hello, world"));
	reboot();
	UT_ASSERT(has(ta_a, "greeting", "hello, world"));
	UT_ASSERT(has(ta_a, "", "x"));
	UT_ASSERT(has(ta_a, "empty", ""));
	UT_EQ(get(ta_a, "big", back, sizeof(back), &n), TEE_SUCCESS);
	UT_EQ(n, sizeof(big));
	UT_ASSERT(!memcmp(big, back, n));
	UT_EQ(files_in(DIR_A), 5);	/* dirf.db and four objects: nothing left over */
	UT_ASSERT(ffs_find(DIR_A "dirf.db"));
}

static void test_private_ree_same_store(void)
{
	struct storage_handle *h;

	fresh();
	UT_EQ(puts_(ta_a, "k", "v"), TEE_SUCCESS);
	UT_EQ(storage_open(ta_a, TEE_STORAGE_PRIVATE_REE, "k", 1, RD, &h), TEE_SUCCESS);
	storage_close(h);
	UT_EQ(storage_open(ta_a, 0x80000100u /* RPMB */, "k", 1, RD, &h),
	      TEE_ERROR_ITEM_NOT_FOUND);
	UT_EQ(storage_open(ta_a, 0, "k", 1, RD, &h), TEE_ERROR_ITEM_NOT_FOUND);
}

/* --------------------------------------------------------------- GP errors */

static void test_id_length(void)
{
	char id[TEE_OBJECT_ID_MAX_LEN + 1];
	struct storage_handle *h;

	fresh();
	memset(id, 'i', sizeof(id));
	UT_EQ(storage_create(ta_a, PRIV, id, 65, RD, "", 0, &h), TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(storage_open(ta_a, PRIV, id, 65, RD, &h), TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(storage_create(ta_a, PRIV, id, 64, RD | META, "d", 1, &h), TEE_SUCCESS);
	UT_EQ(storage_rename(h, id, 65), TEE_ERROR_BAD_PARAMETERS);
	storage_close(h);
	reboot();
	UT_EQ(storage_open(ta_a, PRIV, id, 64, RD, &h), TEE_SUCCESS);
	storage_close(h);
	UT_EQ(storage_open(ta_a, PRIV, id, 63, RD, &h), TEE_ERROR_ITEM_NOT_FOUND);
}

static void test_bad_flags(void)
{
	struct storage_handle *h;

	fresh();
	UT_EQ(storage_create(ta_a, PRIV, "a", 1, RD | 0x8, "", 0, &h), TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(storage_create(ta_a, PRIV, "a", 1, RD | 0x10000, "", 0, &h),
	      TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(puts_(ta_a, "a", "v"), TEE_SUCCESS);
	UT_EQ(storage_open(ta_a, PRIV, "a", 1, RD | OVR, &h), TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(storage_open(ta_a, PRIV, "a", 1, 0x40, &h), TEE_ERROR_BAD_PARAMETERS);
}

static void test_not_found(void)
{
	struct storage_handle *h;

	fresh();
	UT_EQ(storage_open(ta_a, PRIV, "nope", 4, RD, &h), TEE_ERROR_ITEM_NOT_FOUND);
	UT_EQ(files_in(DIR_A), 0);	/* looking creates nothing */
	UT_EQ(puts_(ta_a, "yes", "1"), TEE_SUCCESS);
	UT_EQ(storage_open(ta_a, PRIV, "nope", 4, RD, &h), TEE_ERROR_ITEM_NOT_FOUND);
	UT_EQ(storage_open(ta_a, PRIV, "ye", 2, RD, &h), TEE_ERROR_ITEM_NOT_FOUND);
}

static void test_create_existing(void)
{
	struct storage_handle *h, *h2;

	fresh();
	UT_EQ(puts_(ta_a, "a", "old"), TEE_SUCCESS);
	UT_EQ(storage_create(ta_a, PRIV, "a", 1, RD, "new", 3, &h), TEE_ERROR_ACCESS_CONFLICT);
	UT_ASSERT(has(ta_a, "a", "old"));
	UT_EQ(storage_open(ta_a, PRIV, "a", 1, RD | SR, &h), TEE_SUCCESS);
	UT_EQ(storage_create(ta_a, PRIV, "a", 1, RD | OVR, "new", 3, &h2),
	      TEE_ERROR_ACCESS_CONFLICT);	/* open: cannot be replaced */
	storage_close(h);
	UT_EQ(storage_create(ta_a, PRIV, "a", 1, RD | OVR, "new", 3, &h2), TEE_SUCCESS);
	storage_close(h2);
	reboot();
	UT_ASSERT(has(ta_a, "a", "new"));
	UT_EQ(files_in(DIR_A), 2);	/* the replaced version is gone */
}

static void test_access_rights(void)
{
	struct storage_handle *h;
	char buf[8];
	size_t n;

	fresh();
	UT_EQ(puts_(ta_a, "a", "data"), TEE_SUCCESS);
	UT_EQ(storage_open(ta_a, PRIV, "a", 1, 0, &h), TEE_SUCCESS);	/* no access: allowed */
	UT_EQ(storage_read(h, buf, sizeof(buf), &n), TEE_ERROR_ACCESS_CONFLICT);
	UT_EQ(storage_write(h, "x", 1), TEE_ERROR_ACCESS_CONFLICT);
	UT_EQ(storage_truncate(h, 0), TEE_ERROR_ACCESS_CONFLICT);
	UT_EQ(storage_rename(h, "b", 1), TEE_ERROR_ACCESS_CONFLICT);
	UT_EQ(storage_close_and_delete(h), TEE_ERROR_ACCESS_CONFLICT);	/* and closed */
	UT_EQ(storage_open(ta_a, PRIV, "a", 1, WR, &h), TEE_SUCCESS);	/* so this is alone */
	UT_EQ(storage_read(h, buf, sizeof(buf), &n), TEE_ERROR_ACCESS_CONFLICT);
	storage_close(h);
	UT_ASSERT(has(ta_a, "a", "data"));
}

/* ------------------------------------------------------------- data stream */

static void test_stream(void)
{
	struct storage_handle *h;
	struct storage_info info;
	char buf[64];
	size_t n;

	fresh();
	UT_EQ(storage_create(ta_a, PRIV, "s", 1, RD | WR, "0123456789", 10, &h), TEE_SUCCESS);
	storage_get_info(h, &info);
	UT_EQ(info.obj_type, TEE_TYPE_DATA);
	UT_EQ(info.data_size, 10);
	UT_EQ(info.data_pos, 0);
	UT_EQ(info.handle_flags, RD | WR | TEE_HANDLE_FLAG_PERSISTENT | TEE_HANDLE_FLAG_INITIALIZED);
	UT_EQ(storage_read(h, buf, 4, &n), TEE_SUCCESS);
	UT_EQ(n, 4);
	UT_ASSERT(!memcmp(buf, "0123", 4));
	UT_EQ(storage_write(h, "ab", 2), TEE_SUCCESS);	/* at 4 */
	UT_EQ(storage_seek(h, 0, TEE_DATA_SEEK_CUR), TEE_SUCCESS);
	storage_get_info(h, &info);
	UT_EQ(info.data_pos, 6);
	UT_EQ(storage_seek(h, -3, TEE_DATA_SEEK_END), TEE_SUCCESS);
	UT_EQ(storage_read(h, buf, sizeof(buf), &n), TEE_SUCCESS);
	UT_EQ(n, 3);
	UT_ASSERT(!memcmp(buf, "789", 3));
	UT_EQ(storage_read(h, buf, sizeof(buf), &n), TEE_SUCCESS);	/* at the end */
	UT_EQ(n, 0);
	UT_EQ(storage_seek(h, 14, TEE_DATA_SEEK_SET), TEE_SUCCESS);	/* beyond the end */
	UT_EQ(storage_read(h, buf, sizeof(buf), &n), TEE_SUCCESS);
	UT_EQ(n, 0);
	UT_EQ(storage_write(h, "Z", 1), TEE_SUCCESS);	/* the gap becomes zeros */
	storage_get_info(h, &info);
	UT_EQ(info.data_size, 15);
	UT_EQ(info.data_pos, 15);
	UT_EQ(storage_seek(h, -100, TEE_DATA_SEEK_CUR), TEE_SUCCESS);	/* clamps to 0 */
	storage_get_info(h, &info);
	UT_EQ(info.data_pos, 0);
	UT_EQ(storage_read(h, buf, sizeof(buf), &n), TEE_SUCCESS);
	UT_EQ(n, 15);
	UT_ASSERT(!memcmp(buf, "0123ab6789\0\0\0\0Z", 15));
	UT_EQ(storage_seek(h, 0, 3), TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(storage_truncate(h, 3), TEE_SUCCESS);	/* position stays at 15 */
	storage_get_info(h, &info);
	UT_EQ(info.data_size, 3);
	UT_EQ(info.data_pos, 15);
	UT_EQ(storage_truncate(h, 5), TEE_SUCCESS);	/* grows with zeros */
	storage_close(h);
	reboot();
	UT_EQ(get(ta_a, "s", buf, sizeof(buf), &n), TEE_SUCCESS);
	UT_EQ(n, 5);
	UT_ASSERT(!memcmp(buf, "012\0\0", 5));
}

static void test_overflow(void)
{
	struct storage_handle *h;
	struct storage_info info;

	fresh();
	UT_EQ(storage_create(ta_a, PRIV, "o", 1, RD | WR, "", 0, &h), TEE_SUCCESS);
	UT_EQ(storage_seek(h, INT32_MAX, TEE_DATA_SEEK_SET), TEE_SUCCESS);
	UT_EQ(storage_seek(h, INT32_MAX, TEE_DATA_SEEK_CUR), TEE_SUCCESS);	/* 2^32 - 2 */
	UT_EQ(storage_write(h, "ab", 2), TEE_ERROR_OVERFLOW);
	UT_EQ(storage_seek(h, 1, TEE_DATA_SEEK_CUR), TEE_SUCCESS);		/* the maximum */
	UT_EQ(storage_seek(h, 1, TEE_DATA_SEEK_CUR), TEE_ERROR_OVERFLOW);
	storage_get_info(h, &info);
	UT_EQ(info.data_pos, TEE_DATA_MAX_POSITION);	/* unchanged by the failure */
	UT_EQ(storage_seek(h, STORAGE_MAX_DATA, TEE_DATA_SEEK_SET), TEE_SUCCESS);
	UT_EQ(storage_write(h, "a", 1), TEE_ERROR_STORAGE_NO_SPACE);
	UT_EQ(storage_truncate(h, STORAGE_MAX_DATA + 1), TEE_ERROR_STORAGE_NO_SPACE);
	UT_EQ(storage_truncate(h, STORAGE_MAX_DATA), TEE_SUCCESS);
	storage_close(h);
}

/* ---------------------------------------------------------------- sharing */

static void test_sharing(void)
{
	static const struct { uint32_t a, b; bool ok; } cases[] = {
		{ RD | SR, RD | SR, true },
		{ RD, RD | SR, false },
		{ RD | SR, RD, false },
		{ RD | SR, 0, false },		/* the second must share read too */
		{ RD | SR, SR, true },
		{ WR | SW, WR | SW, true },
		{ WR | SW, WR, false },
		{ RD | SR | SW, WR | SR | SW, true },
		{ RD | SR, WR | SR, false },
		{ WR | SW | SR, RD | SR, false },	/* a writer needs the reader to share write */
		{ 0, 0, true },
		{ META, 0, false },
		{ 0, META, false },
		{ META | SR | SW, META | SR | SW, false },
		{ RD | SR | SW, META | SR | SW, false },
	};
	struct storage_handle *h1, *h2;

	fresh();
	UT_EQ(puts_(ta_a, "s", "v"), TEE_SUCCESS);
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		UT_EQ(storage_open(ta_a, PRIV, "s", 1, cases[i].a, &h1), TEE_SUCCESS);
		uint32_t res = storage_open(ta_a, PRIV, "s", 1, cases[i].b, &h2);

		if (res != (cases[i].ok ? TEE_SUCCESS : TEE_ERROR_ACCESS_CONFLICT))
			printf("    case %u: 0x%x then 0x%x gave 0x%x\n", i, cases[i].a, cases[i].b,
			       res);
		UT_EQ(res, cases[i].ok ? TEE_SUCCESS : TEE_ERROR_ACCESS_CONFLICT);
		if (!res)
			storage_close(h2);
		storage_close(h1);
	}
}

static void test_shared_view(void)
{
	struct storage_handle *w, *r;
	char buf[16];
	size_t n;

	fresh();
	UT_EQ(puts_(ta_a, "s", "before"), TEE_SUCCESS);
	UT_EQ(storage_open(ta_a, PRIV, "s", 1, RD | SR | SW, &r), TEE_SUCCESS);
	UT_EQ(storage_open(ta_a, PRIV, "s", 1, WR | SR | SW, &w), TEE_SUCCESS);
	UT_EQ(storage_write(w, "AFTER!", 6), TEE_SUCCESS);
	UT_EQ(storage_read(r, buf, sizeof(buf), &n), TEE_SUCCESS);	/* own position 0 */
	UT_EQ(n, 6);
	UT_ASSERT(!memcmp(buf, "AFTER!", 6));
	storage_close(w);
	storage_close(r);
}

/* --------------------------------------------------- rename, delete, enum */

static void test_rename(void)
{
	struct storage_handle *h;

	fresh();
	UT_EQ(puts_(ta_a, "a", "A"), TEE_SUCCESS);
	UT_EQ(puts_(ta_a, "b", "B"), TEE_SUCCESS);
	UT_EQ(storage_open(ta_a, PRIV, "a", 1, RD | META, &h), TEE_SUCCESS);
	UT_EQ(storage_rename(h, "b", 1), TEE_ERROR_ACCESS_CONFLICT);
	UT_EQ(storage_rename(h, "a", 1), TEE_ERROR_ACCESS_CONFLICT);	/* itself exists too */
	UT_EQ(storage_rename(h, "c", 1), TEE_SUCCESS);
	storage_close(h);
	reboot();
	UT_EQ(get_res(ta_a, "a"), TEE_ERROR_ITEM_NOT_FOUND);
	UT_ASSERT(has(ta_a, "c", "A"));
	UT_ASSERT(has(ta_a, "b", "B"));
	UT_EQ(files_in(DIR_A), 3);
}

static void test_delete(void)
{
	struct storage_handle *h;

	fresh();
	UT_EQ(puts_(ta_a, "a", "A"), TEE_SUCCESS);
	UT_EQ(puts_(ta_a, "b", "B"), TEE_SUCCESS);
	UT_EQ(storage_open(ta_a, PRIV, "a", 1, META, &h), TEE_SUCCESS);
	UT_EQ(storage_close_and_delete(h), TEE_SUCCESS);
	UT_EQ(get_res(ta_a, "a"), TEE_ERROR_ITEM_NOT_FOUND);
	reboot();
	UT_EQ(get_res(ta_a, "a"), TEE_ERROR_ITEM_NOT_FOUND);
	UT_ASSERT(has(ta_a, "b", "B"));
	UT_EQ(files_in(DIR_A), 2);
	UT_EQ(puts_(ta_a, "a", "again"), TEE_SUCCESS);	/* the id is free again */
	UT_ASSERT(has(ta_a, "a", "again"));
}

static void test_enum(void)
{
	static const char *ids[] = { "one", "two", "three" };
	struct storage_info info;
	bool seen[3] = { false };
	char id[TEE_OBJECT_ID_MAX_LEN];
	size_t len = sizeof(id);
	uint32_t pos = 0;

	fresh();
	UT_EQ(storage_enum_next(ta_a, PRIV, &pos, id, &len, &info), TEE_ERROR_ITEM_NOT_FOUND);
	for (unsigned int i = 0; i < 3; i++)
		UT_EQ(puts_(ta_a, ids[i], ids[i]), TEE_SUCCESS);
	UT_EQ(puts_(ta_b, "other", "x"), TEE_SUCCESS);
	reboot();
	for (unsigned int k = 0; k < 3; k++) {
		len = sizeof(id);
		UT_EQ(storage_enum_next(ta_a, PRIV, &pos, id, &len, &info), TEE_SUCCESS);
		for (unsigned int i = 0; i < 3; i++)
			if (len == strlen(ids[i]) && !memcmp(id, ids[i], len)) {
				UT_ASSERT(!seen[i]);
				seen[i] = true;
				UT_EQ(info.data_size, strlen(ids[i]));
			}
	}
	UT_ASSERT(seen[0] && seen[1] && seen[2]);
	len = sizeof(id);
	UT_EQ(storage_enum_next(ta_a, PRIV, &pos, id, &len, &info), TEE_ERROR_ITEM_NOT_FOUND);
	pos = 0;
	len = 10;
	UT_EQ(storage_enum_next(ta_a, PRIV, &pos, id, &len, &info), TEE_ERROR_SHORT_BUFFER);
	len = sizeof(id);
	UT_EQ(storage_enum_next(ta_a, 7, &pos, id, &len, &info), TEE_ERROR_ITEM_NOT_FOUND);
}

/* ------------------------------------------------------- isolation, keys */

static void test_two_tas(void)
{
	fresh();
	UT_EQ(puts_(ta_a, "same", "belongs to A"), TEE_SUCCESS);
	UT_EQ(get_res(ta_b, "same"), TEE_ERROR_ITEM_NOT_FOUND);
	UT_EQ(puts_(ta_b, "same", "belongs to B"), TEE_SUCCESS);
	reboot();
	UT_ASSERT(has(ta_a, "same", "belongs to A"));
	UT_ASSERT(has(ta_b, "same", "belongs to B"));
	UT_EQ(files_in(DIR_A), 2);
	UT_EQ(files_in(DIR_B), 2);
}

/* B's folder replaced by a copy of A's (same object id): B cannot read A's data. */
static void test_cross_ta_copy(void)
{
	struct ffs_file *fa[4];
	char name[STORAGE_FS_NAME_MAX];
	unsigned int n;

	fresh();
	UT_EQ(puts_(ta_a, "same", "A secret"), TEE_SUCCESS);
	UT_EQ(puts_(ta_b, "same", "B"), TEE_SUCCESS);
	n = ffs_list(DIR_A, fa, 4);
	UT_EQ(n, 2);
	/* A's object file under B's file name of its object: fails B's hash and key. */
	struct ffs_file *fb[4];
	UT_EQ(ffs_list(DIR_B, fb, 4), 2);
	for (unsigned int i = 0; i < 2; i++)
		if (!strstr(fb[i]->name, "dirf"))
			for (unsigned int j = 0; j < 2; j++)
				if (!strstr(fa[j]->name, "dirf"))
					ffs_put(fb[i]->name, fa[j]->data, fa[j]->len);
	reboot();
	UT_EQ(get_res(ta_b, "same"), TEE_ERROR_CORRUPT_OBJECT);
	UT_ASSERT(has(ta_a, "same", "A secret"));
	/* A's whole folder copied over B's: B's directory fails under B's key. */
	for (unsigned int j = 0; j < 2; j++) {
		snprintf(name, sizeof(name), DIR_B "%s", fa[j]->name + strlen(DIR_A));
		ffs_put(name, fa[j]->data, fa[j]->len);
	}
	reboot();
	UT_EQ(get_res(ta_b, "same"), TEE_ERROR_CORRUPT_OBJECT);
	UT_EQ(puts_(ta_b, "new", "x"), TEE_ERROR_CORRUPT_OBJECT);	/* all of B's storage */
	UT_ASSERT(has(ta_a, "same", "A secret"));
}

static void test_other_device_key(void)
{
	fresh();
	UT_EQ(puts_(ta_a, "k", "v"), TEE_SUCCESS);
	huk_now = huk_b;
	reboot();
	UT_EQ(get_res(ta_a, "k"), TEE_ERROR_CORRUPT_OBJECT);
	huk_now = huk_a;
	reboot();
	UT_ASSERT(has(ta_a, "k", "v"));
}

static bool contains(const uint8_t *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(hay + i, needle, k))
			return true;
	return false;
}

static void test_ciphertext_only(void)
{
	struct ffs_file *f[8];
	unsigned int n;

	fresh();
	UT_EQ(puts_(ta_a, "my-object-id", "plaintext-marker-0123456789"), TEE_SUCCESS);
	n = ffs_list("", f, 8);
	UT_EQ(n, 2);
	for (unsigned int i = 0; i < n; i++) {
		UT_ASSERT(!contains(f[i]->data, f[i]->len, "plaintext-marker"));
		UT_ASSERT(!contains(f[i]->data, f[i]->len, "my-object-id"));
	}
	/* Rewriting the same data gives different bytes (fresh nonce). */
	struct ffs_snap *s = ffs_snapshot();
	uint32_t len0;
	const uint8_t *old = ffs_snap_file(s, DIR_A "o00000000", &len0);
	UT_ASSERT(old);
	UT_EQ(puts_(ta_a, "my-object-id", "plaintext-marker-0123456789"), TEE_SUCCESS);
	UT_ASSERT(!ffs_find(DIR_A "o00000000"));	/* a new file number */
	struct ffs_file *nf = ffs_find(DIR_A "o00000001");
	UT_ASSERT(nf && nf->len == len0);
	UT_ASSERT(memcmp(nf->data + 8, old + 8, 12));	/* nonces differ */
	ffs_snap_free(s);
}

/* ----------------------------------------------------------------- capacity */

static void test_capacity(void)
{
	char id[8];
	struct storage_handle *h;
	static uint8_t big[STORAGE_MAX_DATA + 1];

	fresh();
	for (unsigned int i = 0; i < STORAGE_MAX_OBJECTS; i++) {
		snprintf(id, sizeof(id), "o%u", i);
		UT_EQ(puts_(ta_a, id, id), TEE_SUCCESS);
	}
	UT_EQ(puts_(ta_a, "one more", "x"), TEE_ERROR_STORAGE_NO_SPACE);
	UT_EQ(puts_(ta_a, "o7", "replacing is fine"), TEE_SUCCESS);
	UT_EQ(puts_(ta_b, "other TA", "has room"), TEE_SUCCESS);
	UT_EQ(storage_create(ta_b, PRIV, "big", 3, WR, big, sizeof(big), &h),
	      TEE_ERROR_STORAGE_NO_SPACE);
	reboot();
	UT_ASSERT(has(ta_a, "o63", "o63"));
	UT_ASSERT(has(ta_a, "o7", "replacing is fine"));
	UT_EQ(get_res(ta_a, "one more"), TEE_ERROR_ITEM_NOT_FOUND);
}

static void test_fs_full(void)
{
	struct storage_handle *h;
	static uint8_t data[8192];

	fresh();
	UT_EQ(puts_(ta_a, "a", "small"), TEE_SUCCESS);
	ffs_space = 4096;
	UT_EQ(put(ta_a, "b", data, sizeof(data)), TEE_ERROR_STORAGE_NO_SPACE);
	UT_EQ(storage_open(ta_a, PRIV, "a", 1, RD | WR, &h), TEE_SUCCESS);
	UT_EQ(storage_write(h, data, sizeof(data)), TEE_ERROR_STORAGE_NO_SPACE);
	storage_close(h);
	ffs_space = -1;
	reboot();
	UT_ASSERT(has(ta_a, "a", "small"));
	UT_EQ(get_res(ta_a, "b"), TEE_ERROR_ITEM_NOT_FOUND);
	UT_EQ(files_in(DIR_A), 2);
}

/* ---------------------------------------------------------------- tampering */

/* Three objects and their files. */
static void tamper_setup(void)
{
	fresh();
	puts_(ta_a, "x", "xxxx");
	puts_(ta_a, "y", "yyyyyyyy");
	puts_(ta_a, "z", "zz");
	reboot();
}

static bool all_intact(void)
{
	return has(ta_a, "x", "xxxx") && has(ta_a, "y", "yyyyyyyy") && has(ta_a, "z", "zz");
}

/* After a change to a file: each object reads back intact or CORRUPT, at
 * least one is CORRUPT, and nothing else is ever returned. */
static bool detected(void)
{
	static const char *ids[] = { "x", "y", "z" }, *vals[] = { "xxxx", "yyyyyyyy", "zz" };
	unsigned int corrupt = 0;

	reboot();
	for (unsigned int i = 0; i < 3; i++) {
		char buf[64];
		size_t n;
		uint32_t res = get(ta_a, ids[i], buf, sizeof(buf), &n);

		if (res == TEE_ERROR_CORRUPT_OBJECT)
			corrupt++;
		else if (res || n != strlen(vals[i]) || memcmp(buf, vals[i], n))
			return false;
	}
	return corrupt > 0;
}

static void test_tamper_each_byte(void)
{
	struct ffs_file *f[8];
	char names[8][STORAGE_FS_NAME_MAX];
	unsigned int n, cases = 0;

	tamper_setup();
	n = ffs_list(DIR_A, f, 8);
	UT_EQ(n, 4);
	for (unsigned int i = 0; i < n; i++)
		strcpy(names[i], f[i]->name);
	for (unsigned int i = 0; i < n; i++) {
		struct ffs_file *t = ffs_find(names[i]);
		uint32_t len = t->len;

		for (uint32_t b = 0; b < len; b++) {
			t->data[b] ^= 0x01 << (b % 8);
			if (!detected()) {
				printf("    %s byte %u not detected\n", names[i], b);
				UT_ASSERT(0);
			}
			t = ffs_find(names[i]);
			t->data[b] ^= 0x01 << (b % 8);
			cases++;
		}
		/* Truncated by one byte, to nothing, and one byte longer. */
		uint8_t *keep = malloc(len + 1);
		memcpy(keep, t->data, len);
		keep[len] = 0;
		ffs_put(names[i], keep, len - 1);
		UT_ASSERT(detected());
		ffs_put(names[i], keep, 0);
		UT_ASSERT(detected());
		ffs_put(names[i], keep, len + 1);
		UT_ASSERT(detected());
		ffs_put(names[i], keep, len);
		free(keep);
		cases += 3;
	}
	reboot();
	UT_ASSERT(all_intact());
	printf("    %u tampered files, every one detected\n", cases);
}

static void test_tamper_swap(void)
{
	struct ffs_file *x, *y;
	uint8_t *d;
	uint32_t l;

	tamper_setup();
	x = ffs_find(DIR_A "o00000000");	/* "x" */
	y = ffs_find(DIR_A "o00000001");	/* "y" */
	UT_ASSERT(x && y);
	d = x->data;
	l = x->len;
	x->data = y->data;
	x->len = y->len;
	y->data = d;
	y->len = l;
	reboot();
	UT_EQ(get_res(ta_a, "x"), TEE_ERROR_CORRUPT_OBJECT);
	UT_EQ(get_res(ta_a, "y"), TEE_ERROR_CORRUPT_OBJECT);
	UT_ASSERT(has(ta_a, "z", "zz"));
}

static void test_tamper_delete(void)
{
	tamper_setup();
	ffs_remove(ffs_find(DIR_A "o00000001"));
	reboot();
	UT_EQ(get_res(ta_a, "y"), TEE_ERROR_CORRUPT_OBJECT);	/* listed: not "not found" */
	UT_ASSERT(has(ta_a, "x", "xxxx"));
	/* The directory deleted, objects left: the storage is corrupt, not empty. */
	ffs_remove(ffs_find(DIR_A "dirf.db"));
	reboot();
	UT_EQ(get_res(ta_a, "x"), TEE_ERROR_CORRUPT_OBJECT);
	UT_EQ(puts_(ta_a, "w", "w"), TEE_ERROR_CORRUPT_OBJECT);
}

static void test_tamper_old_copy(void)
{
	struct ffs_snap *s;
	const uint8_t *old;
	uint32_t len;

	tamper_setup();
	s = ffs_snapshot();
	UT_EQ(puts_(ta_a, "y", "Y2"), TEE_SUCCESS);	/* y: o00000001 -> o00000003 */
	/* The old file under its old name (an orphan: swept at mount) and
	 * under the new name. */
	old = ffs_snap_file(s, DIR_A "o00000001", &len);
	UT_ASSERT(old);
	ffs_put(DIR_A "o00000003", old, len);
	reboot();
	UT_EQ(get_res(ta_a, "y"), TEE_ERROR_CORRUPT_OBJECT);
	/* Old directory alone: it lists y's old file, which was cleaned up. */
	ffs_restore(s);
	reboot();
	UT_EQ(puts_(ta_a, "y", "Y2"), TEE_SUCCESS);
	old = ffs_snap_file(s, DIR_A "dirf.db", &len);
	ffs_put(DIR_A "dirf.db", old, len);
	reboot();
	UT_EQ(get_res(ta_a, "y"), TEE_ERROR_CORRUPT_OBJECT);
	UT_ASSERT(has(ta_a, "x", "xxxx"));
	ffs_snap_free(s);
}

/* A corrupt object reads as CORRUPT_OBJECT, but the TA can still get rid of
 * it: open with WRITE_META alone (the file is not read) and delete, or create
 * over it; renaming needs the data and fails. */
static void test_corrupt_deletable(void)
{
	struct storage_handle *h, *h2;
	struct storage_info info;

	tamper_setup();
	ffs_find(DIR_A "o00000000")->data[30] ^= 1;	/* "x" */
	ffs_find(DIR_A "o00000001")->data[30] ^= 1;	/* "y" */
	reboot();
	UT_EQ(storage_open(ta_a, PRIV, "x", 1, RD, &h), TEE_ERROR_CORRUPT_OBJECT);
	UT_EQ(storage_open(ta_a, PRIV, "x", 1, META, &h), TEE_SUCCESS);
	storage_get_info(h, &info);
	UT_EQ(info.data_size, 4);	/* from the directory */
	UT_EQ(storage_rename(h, "x2", 2), TEE_ERROR_CORRUPT_OBJECT);
	UT_EQ(storage_close_and_delete(h), TEE_SUCCESS);
	UT_EQ(get_res(ta_a, "x"), TEE_ERROR_ITEM_NOT_FOUND);
	UT_ASSERT(!ffs_find(DIR_A "o00000000"));
	UT_EQ(puts_(ta_a, "y", "new y"), TEE_SUCCESS);	/* create over the corrupt one */
	UT_ASSERT(has(ta_a, "y", "new y"));
	/* A handle without data access first, then one with: the second reads. */
	UT_EQ(storage_open(ta_a, PRIV, "z", 1, SR, &h), TEE_SUCCESS);
	UT_EQ(storage_open(ta_a, PRIV, "z", 1, RD | SR, &h2), TEE_SUCCESS);
	char buf[8];
	size_t n;
	UT_EQ(storage_read(h2, buf, sizeof(buf), &n), TEE_SUCCESS);
	UT_EQ(n, 2);
	UT_ASSERT(!memcmp(buf, "zz", 2));
	storage_close(h2);
	storage_close(h);
	reboot();
	UT_ASSERT(has(ta_a, "y", "new y") && has(ta_a, "z", "zz"));
	UT_EQ(files_in(DIR_A), 3);
}

/* Within a boot the directory is never re-read: an old copy put back has no
 * effect until the next boot. */
static void test_replay_within_boot(void)
{
	struct ffs_snap *s;
	const uint8_t *old;
	uint32_t len;

	tamper_setup();
	UT_ASSERT(has(ta_a, "x", "xxxx"));	/* mounted */
	s = ffs_snapshot();
	UT_EQ(puts_(ta_a, "x", "X2"), TEE_SUCCESS);
	old = ffs_snap_file(s, DIR_A "dirf.db", &len);
	ffs_put(DIR_A "dirf.db", old, len);
	old = ffs_snap_file(s, DIR_A "o00000000", &len);
	ffs_put(DIR_A "o00000000", old, len);
	UT_ASSERT(has(ta_a, "x", "X2"));
	ffs_snap_free(s);
}

/* The documented limit: the whole folder put back as it was is accepted. */
static void test_whole_rollback_limit(void)
{
	struct ffs_snap *s;

	tamper_setup();
	s = ffs_snapshot();
	UT_EQ(puts_(ta_a, "x", "X2"), TEE_SUCCESS);
	ffs_restore(s);
	reboot();
	UT_ASSERT(has(ta_a, "x", "xxxx"));	/* rolled back: not detectable without RPMB */
	ffs_snap_free(s);
}

static void test_sweep_leftovers(void)
{
	tamper_setup();
	ffs_put(DIR_A "o000000ff", (const uint8_t *)"junk", 4);
	ffs_put(DIR_A "dirf.tmp", (const uint8_t *)"junk", 4);
	ffs_put(DIR_A "unrelated", (const uint8_t *)"junk", 4);
	reboot();
	UT_ASSERT(all_intact());
	UT_EQ(files_in(DIR_A), 4);
	UT_ASSERT(!ffs_find(DIR_A "dirf.tmp"));
}

/* ----------------------------------------------------------- power cuts */

struct kv {
	const char *id, *val;
};

struct scenario {
	const char *name;
	struct kv old[3], new_[3];	/* id NULL ends */
	uint32_t (*op)(void);
};

static uint32_t op_create_new(void) { return puts_(ta_a, "b", "bee"); }
static uint32_t op_create_first(void) { return puts_(ta_a, "a", "first"); }
static uint32_t op_overwrite(void) { return puts_(ta_a, "a", "AAAAAAAAAAAA"); }

static uint32_t with_handle(uint32_t flags, uint32_t (*f)(struct storage_handle *))
{
	struct storage_handle *h;
	uint32_t res = storage_open(ta_a, PRIV, "a", 1, flags, &h);

	if (res)
		return res;
	res = f(h);
	if (f != storage_close_and_delete)
		storage_close(h);
	return res;
}

static uint32_t do_write(struct storage_handle *h)
{
	storage_seek(h, 2, TEE_DATA_SEEK_SET);
	return storage_write(h, "LLO!", 4);
}

static uint32_t do_truncate(struct storage_handle *h) { return storage_truncate(h, 2); }
static uint32_t do_rename(struct storage_handle *h) { return storage_rename(h, "c", 1); }
static uint32_t op_write(void) { return with_handle(WR, do_write); }
static uint32_t op_truncate(void) { return with_handle(WR, do_truncate); }
static uint32_t op_rename(void) { return with_handle(META, do_rename); }
static uint32_t op_delete(void) { return with_handle(META, storage_close_and_delete); }

static const struct scenario scenarios[] = {
	{ "first object of a TA", { { NULL } }, { { "a", "first" } }, op_create_first },
	{ "create", { { "a", "hello" } }, { { "a", "hello" }, { "b", "bee" } }, op_create_new },
	{ "create over", { { "a", "hello" } }, { { "a", "AAAAAAAAAAAA" } }, op_overwrite },
	{ "write", { { "a", "hello" } }, { { "a", "heLLO!" } }, op_write },
	{ "truncate", { { "a", "hello" } }, { { "a", "he" } }, op_truncate },
	{ "rename", { { "a", "hello" }, { "b", "B" } }, { { "c", "hello" }, { "b", "B" } },
	  op_rename },
	{ "delete", { { "a", "hello" }, { "b", "B" } }, { { "b", "B" } }, op_delete },
};

/* Does TA A hold exactly the objects of kv (and no stray file)? */
static bool state_is(const struct kv *kv)
{
	unsigned int n = 0;
	char id[TEE_OBJECT_ID_MAX_LEN];
	struct storage_info info;
	size_t len = sizeof(id);
	uint32_t pos = 0;

	for (; n < 3 && kv[n].id; n++)
		if (!has(ta_a, kv[n].id, kv[n].val))
			return false;
	while (!storage_enum_next(ta_a, PRIV, &pos, id, &len, &info))
		len = sizeof(id);
	if (pos != n)
		return false;
	/* dirf.db and one file per object, or nothing at all for an empty TA */
	return files_in(DIR_A) == n + 1 || (!n && !files_in(DIR_A));
}

static void setup_state(const struct kv *kv)
{
	fresh();
	for (unsigned int i = 0; i < 3 && kv[i].id; i++)
		puts_(ta_a, kv[i].id, kv[i].val);
	reboot();
}

/* Returns the number of FS operations of the uncut run, or -1. */
static long cut_scenario(const struct scenario *sc, unsigned int *olds, unsigned int *news)
{
	struct ffs_snap *s;
	long total;

	setup_state(sc->old);
	s = ffs_snapshot();
	if (sc->op())
		return -1;
	total = ffs_ops;
	reboot();
	if (!state_is(sc->new_))
		return -1;
	for (long k = 0; k <= total; k++)
		for (int torn = 0; torn < 2; torn++) {
			ffs_restore(s);
			reboot();
			ffs_cut_after = k;
			ffs_torn = torn;
			uint32_t res = sc->op();
			reboot();	/* power back */
			if (state_is(sc->old))
				(*olds)++;
			else if (state_is(sc->new_))
				(*news)++;
			else {
				printf("    %s: cut after %ld operations (torn %d, op 0x%x): neither old nor new\n",
				       sc->name, k, torn, res);
				ffs_snap_free(s);
				return -1;
			}
			if (k == total && !state_is(sc->new_))
				return -1;
			if (puts_(ta_a, "later", "works") || !has(ta_a, "later", "works"))
				return -1;	/* still usable */
		}
	ffs_snap_free(s);
	return total;
}

static void test_power_cuts(void)
{
	for (unsigned int i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		unsigned int olds = 0, news = 0;
		long ops = cut_scenario(&scenarios[i], &olds, &news);

		if (ops < 0)
			printf("    scenario %s failed\n", scenarios[i].name);
		UT_ASSERT(ops > 0);
		UT_ASSERT(olds > 0 && news > 0);
		printf("    %-20s %2ld FS operations, %2u cuts left the old state, %2u the new\n",
		       scenarios[i].name, ops, olds, news);
	}
}

/* The switch reports failure but happened: memory follows the disk, so what
 * the TA sees in this boot is what it sees after the next. */
static void test_rename_outcome_unknown(void)
{
	struct storage_handle *h;

	setup_state((const struct kv[]){ { "a", "hello" }, { NULL } });
	UT_EQ(storage_open(ta_a, PRIV, "a", 1, RD | WR, &h), TEE_SUCCESS);
	ffs_rename_lies = true;
	UT_EQ(storage_write(h, "J", 1), TEE_ERROR_STORAGE_NOT_AVAILABLE);
	ffs_rename_lies = false;
	storage_close(h);
	UT_ASSERT(has(ta_a, "a", "Jello"));	/* the disk's state, read again */
	reboot();
	UT_ASSERT(has(ta_a, "a", "Jello"));
	UT_EQ(files_in(DIR_A), 2);
	/* The same with the handle kept: its next write commits from its data. */
	UT_EQ(storage_open(ta_a, PRIV, "a", 1, RD | WR, &h), TEE_SUCCESS);
	ffs_rename_lies = true;
	UT_EQ(storage_write(h, "M", 1), TEE_ERROR_STORAGE_NOT_AVAILABLE);
	ffs_rename_lies = false;
	UT_EQ(storage_seek(h, 0, TEE_DATA_SEEK_SET), TEE_SUCCESS);
	UT_EQ(storage_write(h, "Y", 1), TEE_SUCCESS);	/* "Yello" */
	storage_close(h);
	UT_ASSERT(has(ta_a, "a", "Yello"));
	reboot();
	UT_ASSERT(has(ta_a, "a", "Yello"));
	UT_EQ(files_in(DIR_A), 2);
}

/* After a whole-folder rollback (accepted), file numbers are used again; a
 * copy of the rolled-back-over file then authenticates under its name, and
 * only the directory's hash tells it apart. */
static void test_tamper_reused_fileno(void)
{
	struct ffs_snap *s, *later;
	const uint8_t *f;
	uint32_t len;

	tamper_setup();
	s = ffs_snapshot();
	UT_EQ(puts_(ta_a, "y", "Y2"), TEE_SUCCESS);
	later = ffs_snapshot();
	ffs_restore(s);
	reboot();
	UT_EQ(puts_(ta_a, "y", "Y3"), TEE_SUCCESS);	/* the same file number as Y2 */
	f = ffs_snap_file(later, DIR_A "o00000003", &len);
	UT_ASSERT(f && ffs_find(DIR_A "o00000003"));
	ffs_put(DIR_A "o00000003", f, len);
	reboot();
	UT_EQ(get_res(ta_a, "y"), TEE_ERROR_CORRUPT_OBJECT);
	ffs_snap_free(s);
	ffs_snap_free(later);
}

static void test_fs_errors(void)
{
	struct storage_handle *h;

	fresh();
	UT_EQ(puts_(ta_a, "a", "v"), TEE_SUCCESS);
	reboot();
	ffs_cut_after = 0;	/* no supplicant answering */
	UT_EQ(storage_open(ta_a, PRIV, "a", 1, RD, &h), TEE_ERROR_STORAGE_NOT_AVAILABLE);
	ffs_cut_after = -1;	/* it comes back: nothing was lost */
	UT_ASSERT(has(ta_a, "a", "v"));
}

int main(void)
{
	for (unsigned int i = 0; i < 32; i++) {
		huk_a[i] = (uint8_t)i;
		huk_b[i] = (uint8_t)(0xff - i);
	}
	crypto_init();
	drbg_seed("storage unit test", 17);
	UT_RUN("storage", roundtrip, "objects up to 256 KiB, the empty id, empty data, across a reboot");
	UT_RUN("storage", private_ree_same_store, "PRIVATE and PRIVATE_REE are one store; other ids: ITEM_NOT_FOUND");
	UT_RUN("storage", id_length, "ids of 64 bytes work, 65: BAD_PARAMETERS (create, open, rename)");
	UT_RUN("storage", bad_flags, "unknown flag bits, OVERWRITE on open: BAD_PARAMETERS");
	UT_RUN("storage", not_found, "a missing object: ITEM_NOT_FOUND, and looking writes nothing");
	UT_RUN("storage", create_existing, "create over: ACCESS_CONFLICT without OVERWRITE or while open");
	UT_RUN("storage", access_rights, "read/write/truncate/rename/delete without their access: ACCESS_CONFLICT");
	UT_RUN("storage", stream, "read, write, seek (SET/CUR/END, clamp at 0), gaps of zeros, truncate, info");
	UT_RUN("storage", overflow, "positions beyond 2^32-1: OVERFLOW; data beyond 256 KiB: STORAGE_NO_SPACE");
	UT_RUN("storage", sharing, "GP sharing rules, 15 pairs of open flags");
	UT_RUN("storage", shared_view, "two handles of one object see each other's writes");
	UT_RUN("storage", rename, "rename: onto an existing id ACCESS_CONFLICT; persists");
	UT_RUN("storage", delete, "close-and-delete removes object and file; the id is free again");
	UT_RUN("storage", enum, "enumeration lists a TA's objects only, then ITEM_NOT_FOUND");
	UT_RUN("storage", two_tas, "two TAs with one object id see two objects in two folders");
	UT_RUN("storage", cross_ta_copy, "another TA's files copied in: CORRUPT_OBJECT, never its data");
	UT_RUN("storage", other_device_key, "another device key: CORRUPT_OBJECT; the right one reads again");
	UT_RUN("storage", ciphertext_only, "no plaintext data or id on disk; fresh nonce and file per write");
	UT_RUN("storage", capacity, "64 objects per TA, then STORAGE_NO_SPACE; 256 KiB per object");
	UT_RUN("storage", fs_full, "the supplicant's NO_SPACE passes on and leaves the old state");
	UT_RUN("storage", tamper_each_byte, "every flipped byte, truncation and extension of every file detected");
	UT_RUN("storage", tamper_swap, "two object files swapped: both CORRUPT_OBJECT");
	UT_RUN("storage", tamper_delete, "a deleted object file or directory: CORRUPT_OBJECT, not ITEM_NOT_FOUND");
	UT_RUN("storage", tamper_old_copy, "an old copy of an object file or of the directory: detected");
	UT_RUN("storage", corrupt_deletable, "a corrupt object: reads refused, but WRITE_META-only open, delete and create-over work");
	UT_RUN("storage", tamper_reused_fileno, "a valid file of the same name and id but another version: its hash");
	UT_RUN("storage", replay_within_boot, "old files put back during a boot have no effect");
	UT_RUN("storage", whole_rollback_limit, "whole-folder rollback is accepted (the documented limit)");
	UT_RUN("storage", sweep_leftovers, "files the directory does not list are removed at mount");
	UT_RUN("storage", power_cuts, "a cut after every FS operation of every update: old or new, no leftovers");
	UT_RUN("storage", rename_outcome_unknown, "a switch that fails but happened: memory follows the disk");
	UT_RUN("storage", fs_errors, "no supplicant: STORAGE_NOT_AVAILABLE, and nothing lost");
	return UT_DONE();
}
