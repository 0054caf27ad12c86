/*
 * GlobalPlatform persistent objects (TEE_STORAGE_PRIVATE), kept by
 * tee-supplicant in the normal world's file system, encrypted and
 * authenticated per TA (docs/secure-storage.md has the format). This is the
 * core's side of the TA syscalls: callers pass their own TA's UUID and
 * handles they got from here; everything in the files is checked before use.
 *
 * Results are GP TEE results. Not thread-safe yet: a second caller while one
 * operation is under way gets TEE_ERROR_BUSY (storage_lock in storage.c).
 */
#ifndef STORAGE_H
#define STORAGE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <optee_msg.h>

/* GP TEE Internal Core API values (tee_api_defines.h), for the core. */
#define TEE_STORAGE_PRIVATE             0x00000001u
#define TEE_STORAGE_PRIVATE_REE         0x80000000u
#define TEE_DATA_FLAG_ACCESS_READ       0x00000001u
#define TEE_DATA_FLAG_ACCESS_WRITE      0x00000002u
#define TEE_DATA_FLAG_ACCESS_WRITE_META 0x00000004u
#define TEE_DATA_FLAG_SHARE_READ        0x00000010u
#define TEE_DATA_FLAG_SHARE_WRITE       0x00000020u
#define TEE_DATA_FLAG_OVERWRITE         0x00000400u
#define TEE_HANDLE_FLAG_PERSISTENT      0x00010000u
#define TEE_HANDLE_FLAG_INITIALIZED     0x00020000u
#define TEE_DATA_SEEK_SET               0u
#define TEE_DATA_SEEK_CUR               1u
#define TEE_DATA_SEEK_END               2u
#define TEE_DATA_MAX_POSITION           0xFFFFFFFFu
#define TEE_OBJECT_ID_MAX_LEN           64u
#define TEE_TYPE_DATA                   0xA00000BFu
#define TEE_USAGE_DEFAULT               0xFFFFFFFFu
#ifndef TEE_ERROR_ACCESS_CONFLICT
#define TEE_ERROR_ACCESS_CONFLICT  0xFFFF0003u
#define TEE_ERROR_OVERFLOW         0xFFFF300Fu
#define TEE_ERROR_STORAGE_NO_SPACE 0xFFFF3041u
#define TEE_ERROR_CORRUPT_OBJECT   0xF0100001u
#endif

/* Capacity (docs/secure-storage.md "GP semantics"). */
#define STORAGE_MAX_DATA    (256u * 1024) /* data bytes per object */
#define STORAGE_MAX_OBJECTS 64u           /* objects per TA */
#define STORAGE_MAX_TAS     32u           /* TAs with storage in use at once */
#define STORAGE_MAX_HANDLES 64u           /* open handles in all */

struct storage_fs;
struct storage_handle;

/* TEE_ObjectInfo of a persistent data object. */
struct storage_info {
	uint32_t obj_type;
	uint32_t obj_usage;
	uint32_t data_size;
	uint32_t data_pos;
	uint32_t handle_flags;
};

/* The transport (storage_rpc_fs in the firmware, a fake in host tests).
 * Forgets every TA's state (the tests' "reboot"); no handle may be in use. */
void storage_init(const struct storage_fs *fs);

uint32_t storage_open(const uint8_t uuid[16], uint32_t storage_id, const void *id, size_t id_len,
		      uint32_t flags, struct storage_handle **h);
/* data/len: the initial data stream (len <= STORAGE_MAX_DATA). */
uint32_t storage_create(const uint8_t uuid[16], uint32_t storage_id, const void *id, size_t id_len,
			uint32_t flags, const void *data, size_t len, struct storage_handle **h);
void storage_close(struct storage_handle *h);
uint32_t storage_read(struct storage_handle *h, void *buf, size_t len, size_t *count);
uint32_t storage_write(struct storage_handle *h, const void *buf, size_t len);
uint32_t storage_truncate(struct storage_handle *h, size_t size);
uint32_t storage_seek(struct storage_handle *h, int32_t offset, uint32_t whence);
uint32_t storage_rename(struct storage_handle *h, const void *id, size_t id_len);
/* Deletes the object and closes h (also on failure: GP closes it either way). */
uint32_t storage_close_and_delete(struct storage_handle *h);
void storage_get_info(const struct storage_handle *h, struct storage_info *info);

/*
 * Enumeration: the object at position *pos (0 first) of the TA's directory,
 * its id (id_len in: room, at least TEE_OBJECT_ID_MAX_LEN; out: length) and
 * info; *pos advances. TEE_ERROR_ITEM_NOT_FOUND after the last one.
 */
uint32_t storage_enum_next(const uint8_t uuid[16], uint32_t storage_id, uint32_t *pos, void *id,
			   size_t *id_len, struct storage_info *info);
#endif
