/*
 * The TA ELF loader (core/ta/ta_elf.c): pure C over a buffer in secure
 * memory, also built on the host (unit tier, fuzz harnesses).
 *
 * Accepted: ARM ELF32 little-endian ET_DYN (position-independent) with
 * R_ARM_RELATIVE relocations through PT_DYNAMIC (DT_REL/DT_RELSZ), as OP-TEE's
 * dev kit links TAs (-pie). Fixed-address ET_EXEC is refused: one format, one
 * path to check. Every offset, size and address read from the file is checked
 * against the file and against the image's span before use.
 */
#ifndef TA_ELF_H
#define TA_ELF_H
#include <stddef.h>
#include <stdint.h>
#include <ta_image.h>

/* Largest image span (all PT_LOADs, bss included) accepted: a quarter of
 * the TA pool, so that images cannot starve instances. */
#define TA_ELF_MAX_SPAN   (1536u * 1024)
/* Most program headers / dynamic entries / relocations looked at. */
#define TA_ELF_MAX_PHDRS  16u
#define TA_ELF_MAX_DYN    256u
#define TA_ELF_MAX_RELS   65536u
/* Largest ta_head.stack_size accepted. */
#define TA_ELF_MAX_STACK  (256u * 1024)

/* struct ta_head flags (ta-abi.md C.3). */
#ifndef TA_FLAG_SINGLE_INSTANCE
#define TA_FLAG_SINGLE_INSTANCE     0x4u
#define TA_FLAG_MULTI_SESSION       0x8u
#define TA_FLAG_INSTANCE_KEEP_ALIVE 0x10u
#define TA_FLAG_CONCURRENT          0x100u
#define TA_FLAGS_MASK               0x3FFFu
#endif

/*
 * Lays out elf[0..size) in TA-pool pages, zeroes the bss, applies the
 * relocations for load_va (page aligned; [load_va, load_va + span) must not
 * wrap) and fills out (all fields but ta_version). TEE_SUCCESS,
 * TEE_ERROR_BAD_FORMAT (any check; one log line names it) or
 * TEE_ERROR_OUT_OF_MEMORY. On failure nothing is held and out->mem is NULL.
 */
uint32_t ta_elf_load(const uint8_t *elf, size_t size, uint32_t load_va, struct ta_image *out);
#endif
