/* The trusted-keys service (core/pta/trusted_keys.c): its commands, limits
 * and blob format, shared with the unit tier. */
#ifndef TRUSTED_KEYS_H
#define TRUSTED_KEYS_H
#include <stddef.h>
#include <stdint.h>

#define TK_CMD_GET_RANDOM 0
#define TK_CMD_SEAL       1
#define TK_CMD_UNSEAL     2

/* The kernel's limits (security/keys/trusted-keys): keys of 32..128 bytes,
 * blobs of at most 512; GET_RANDOM up to 512 bytes. */
#define TK_MIN_KEY        32
#define TK_MAX_KEY        128
#define TK_MAX_RANDOM     512

#define TK_BLOB_VERSION   1
#define TK_NONCE_SIZE     12
#define TK_TAG_SIZE       16
#define TK_HEADER_SIZE    (1 + TK_NONCE_SIZE)
#define TK_BLOB_OVERHEAD  (TK_HEADER_SIZE + TK_TAG_SIZE)	/* 29 */
#define TK_BLOB_SIZE(key_len) ((key_len) + TK_BLOB_OVERHEAD)

uint32_t tk_seal(const void *key, size_t key_len, uint8_t *blob);
uint32_t tk_unseal(const uint8_t *blob, size_t blob_len, void *key);
#endif
