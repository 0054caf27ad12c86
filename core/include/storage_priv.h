/* Secure storage internals, for core/storage/ only (docs/secure-storage.md). */
#ifndef STORAGE_PRIV_H
#define STORAGE_PRIV_H
#include <stdint.h>
#include <crypto.h>
#include <storage.h>
#include <storage_fs.h>

#define SFMT_VERSION      1u
#define SFMT_OBJ_HDR      20u /* magic, version, nonce */
#define SFMT_OBJ_BODY_HDR 16u /* type, usage, attribute bytes, data size */
#define SFMT_OBJ_OVERHEAD (SFMT_OBJ_HDR + SFMT_OBJ_BODY_HDR + CRYPTO_AEAD_TAG_SIZE)
#define SFMT_DIR_HDR      28u /* magic, version, generation, nonce */
#define SFMT_DIR_BODY_HDR 8u  /* next file number, count */
#define SFMT_DIR_ENTRY    108u
#define SFMT_DIR_MAX_FILE                                                          \
	(SFMT_DIR_HDR + SFMT_DIR_BODY_HDR + SFMT_DIR_ENTRY * STORAGE_MAX_OBJECTS + \
	 CRYPTO_AEAD_TAG_SIZE)

/* One object as the directory lists it. */
struct storage_entry {
	uint32_t id_len;
	uint32_t fileno; /* its file: o<fileno, 8 hex digits> */
	uint32_t data_size;
	uint8_t hash[CRYPTO_SHA256_SIZE]; /* SHA-256 of that whole file */
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
};

struct storage_dir {
	uint64_t generation;
	uint32_t next_fileno; /* never reused */
	uint32_t count;
	struct storage_entry e[STORAGE_MAX_OBJECTS];
};

/* The plaintext head of an object file's body. */
struct storage_objhdr {
	uint32_t obj_type;
	uint32_t obj_usage;
	uint32_t data_size;
};

/* What binds an object file to its place (the AD). */
struct storage_objref {
	const uint8_t *uuid;
	const uint8_t *id;
	uint32_t id_len;
	uint32_t fileno;
};

/* storage_fmt.c: encode and seal, open and decode. buf is the whole file. */
size_t sfmt_dir_size(const struct storage_dir *d);
uint32_t sfmt_dir_seal(const uint8_t key[32], const uint8_t uuid[16], const struct storage_dir *d,
		       uint8_t *buf);
/* Authenticates and decrypts buf in place, then decodes: TEE_SUCCESS or
 * TEE_ERROR_CORRUPT_OBJECT. */
uint32_t sfmt_dir_open(const uint8_t key[32], const uint8_t uuid[16], uint8_t *buf, size_t len,
		       struct storage_dir *d);
/* The decoder of an authenticated plaintext body (the fuzzer's target). */
uint32_t sfmt_dir_decode(const uint8_t *body, size_t len, struct storage_dir *d);

static inline size_t sfmt_obj_size(uint32_t data_size)
{
	return SFMT_OBJ_OVERHEAD + (size_t)data_size;
}
uint32_t sfmt_obj_seal(const uint8_t key[32], const struct storage_objref *ref,
		       const struct storage_objhdr *oh, const void *data, uint8_t *buf);
/* In place; *data points into buf on success. */
uint32_t sfmt_obj_open(const uint8_t key[32], const struct storage_objref *ref, uint8_t *buf,
		       size_t len, struct storage_objhdr *oh, const uint8_t **data);
uint32_t sfmt_obj_decode(const uint8_t *body, size_t len, struct storage_objhdr *oh);

/* storage_dir.c: a TA's files. */
enum storage_ta_state {
	STA_UNMOUNTED, /* read dirf.db before the next operation */
	STA_MOUNTED,
	STA_CORRUPT, /* the directory failed its checks */
};

struct storage_obj;

struct storage_ta {
	uint8_t uuid[16];
	uint8_t key[CRYPTO_AEAD_KEY_SIZE];
	enum storage_ta_state state;
	bool on_disk;             /* dirf.db exists */
	struct storage_dir *dir;  /* the committed directory */
	struct storage_obj *objs; /* open objects */
};

void sdir_set_fs(const struct storage_fs *fs);
/* Mounts if needed: TEE_SUCCESS, CORRUPT_OBJECT, STORAGE_NOT_AVAILABLE, ... */
uint32_t sdir_mount(struct storage_ta *ta);
struct storage_entry *sdir_find(struct storage_dir *d, const void *id, size_t id_len);
/*
 * One atomic update (docs "Updates"): nd becomes the directory; if data is
 * not NULL, a new file for the object at nd->e[idx] is written first (its
 * fileno, hash and size are filled in here). old_fileno (or UINT32_MAX) is
 * removed after the switch. On success ta->dir = nd (the old one freed); on
 * failure the caller still owns nd.
 */
uint32_t sdir_commit(struct storage_ta *ta, struct storage_dir *nd, int idx,
		     const struct storage_objhdr *oh, const uint8_t *data, uint32_t old_fileno);
/* Reads and checks the object's file: data (malloc'd, *data_out) and head. */
uint32_t sdir_load_obj(struct storage_ta *ta, const struct storage_entry *e,
		       struct storage_objhdr *oh, uint8_t **data_out);
#endif
