/*
 * A user TA's image as the loader (core/ta/ta_load.c, ta_elf.c) hands it to
 * the runtime (core/ta/): verified, copied out of the normal world, laid out
 * and relocated in pages of the TA pool (mm/ta_pool.h), ready to be mapped at
 * load_va in the TA's address space.
 */
#ifndef TA_IMAGE_H
#define TA_IMAGE_H
#include <stddef.h>
#include <stdint.h>

#define TA_SEG_R  0x1u
#define TA_SEG_W  0x2u
#define TA_SEG_X  0x4u
#define TA_MAX_SEGS 8

#ifndef TEE_ERROR_SECURITY
#define TEE_ERROR_SECURITY 0xFFFF000Fu
#endif

/* One mapping: pages [va, va + size) of the image, relative to load_va. */
struct ta_seg {
	uint32_t va;		/* page aligned */
	uint32_t size;		/* whole pages */
	uint32_t flags;		/* TA_SEG_*: never both W and X */
};

/* struct ta_head as the TA carries it (OP-TEE's layout, ta-abi.md C.2). */
struct ta_head_info {
	uint8_t uuid[16];	/* RFC 4122 octet order (converted from the native TEE_UUID) */
	uint32_t stack_size;
	uint32_t flags;		/* TA_FLAG_* */
};

struct ta_image {
	uint8_t *mem;		/* ta_pool pages: span bytes, the image laid out from va 0 */
	uint32_t span;		/* whole pages */
	uint32_t load_va;	/* what the relocations were applied for */
	uint32_t entry;		/* e_entry, relative to load_va */
	uint32_t ta_head_off;	/* where ta_head lies, relative to load_va */
	uint32_t nsegs;
	struct ta_seg seg[TA_MAX_SEGS];
	struct ta_head_info head;
	uint32_t ta_version;	/* from the signed bootstrap header */
};

/*
 * Checks the signed image img[0..size) (already copied into secure memory:
 * the caller never looks at the normal world's copy again) for the UUID asked
 * for (16 octets, RFC 4122 order), then lays out and relocates its ELF for
 * load_va. Returns TEE_SUCCESS, or TEE_ERROR_SECURITY (header, digest,
 * signature, UUID), TEE_ERROR_BAD_FORMAT (ELF), TEE_ERROR_NOT_SUPPORTED
 * (encrypted or subkey images), TEE_ERROR_OUT_OF_MEMORY (pool).
 */
uint32_t ta_image_load(const uint8_t *img, size_t size, const uint8_t uuid[16],
		       uint32_t load_va, struct ta_image *out);
/* Gives the pages back to the TA pool (and clears them). */
void ta_image_free(struct ta_image *image);
#endif
