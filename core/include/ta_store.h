/*
 * Where user TAs come from: the normal world's tee-supplicant, through
 * OPTEE_RPC_CMD_LOAD_TA (core/ta/ta_store.c, ta-abi.md A).
 */
#ifndef TA_STORE_H
#define TA_STORE_H
#include <stdint.h>
#include <ta_image.h>

#define OPTEE_RPC_CMD_LOAD_TA 0u
/* Largest signed image accepted (headers + ELF). The whole image is copied
 * into the TA pool before any check, so this bounds that copy. */
#define TA_STORE_MAX_IMAGE (1024u * 1024)

/*
 * Fetches the signed image of the TA uuid (RFC 4122 octets) from the normal
 * world: LOAD_TA with a null memref (size), SHM_ALLOC type APPL, LOAD_TA into
 * it, one copy of the whole image into secure memory, SHM_FREE; then
 * ta_image_load() (signature against the built-in key, ELF laid out for
 * load_va). TEE_SUCCESS or: the supplicant's ITEM_NOT_FOUND /
 * OUT_OF_MEMORY, OUT_OF_MEMORY (too large, pool full, no shm),
 * COMMUNICATION (answers that do not add up), or ta_image_load()'s codes.
 */
uint32_t ta_store_load(const uint8_t uuid[16], uint32_t load_va, struct ta_image *out);

#endif
