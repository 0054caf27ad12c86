/* Host fuzzer: the TA ELF loader (core/ta/ta_elf.c) with the real TA pool
 * (mm/ta_pool.c). The input is the ELF, in a buffer of exactly its size so
 * that ASan sees any read past it. Oracle besides ASan/UBSan: an accepted
 * image has 1..TA_MAX_SEGS page-aligned segments inside its span, none W+X,
 * ta_head and the entry inside the span, and the pool holds exactly the
 * span until ta_image_free() gives it all back.
 *
 * Registered in tests/fuzz/fuzz.mk:
 *   FUZZ_HOST += ta_elf
 *   fuzz_ta_elf_SRCS := tests/fuzz/host/fuzz_ta_elf.c core/ta/ta_elf.c mm/ta_pool.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <optee_msg.h>
#include <ta_elf.h>
#include <ta_pool.h>
#include "host.h"

#define FUZZ_LOAD_VA 0x00100000u

static void fail(const char *why)
{
	fprintf(stderr, "fuzz_ta_elf: accepted image: %s\n", why);
	abort();
}

static void check_image(const struct ta_image *img)
{
	if (!img->mem || !img->span || img->span % 4096 || img->span > TA_ELF_MAX_SPAN)
		fail("span");
	if (ta_pool_used() != img->span)
		fail("pool use != span");
	if (!img->nsegs || img->nsegs > TA_MAX_SEGS)
		fail("segment count");
	for (uint32_t i = 0; i < img->nsegs; i++) {
		const struct ta_seg *s = &img->seg[i];
		if (s->va % 4096 || !s->size || s->size % 4096 || (uint64_t)s->va + s->size > img->span)
			fail("segment outside the span");
		if ((s->flags & TA_SEG_W) && (s->flags & TA_SEG_X))
			fail("W+X segment");
		if (i && s->va < img->seg[i - 1].va + img->seg[i - 1].size)
			fail("overlapping segments");
	}
	if ((uint64_t)img->ta_head_off + 32 > img->span || img->entry >= img->span)
		fail("ta_head or entry outside the span");
	if (!img->head.stack_size || img->head.stack_size % 8 || (img->head.flags & ~TA_FLAGS_MASK))
		fail("ta_head values");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *elf = malloc(size ? size : 1);
	struct ta_image img;

	if (!elf)
		return 0;
	memcpy(elf, data, size);
	if (ta_elf_load(elf, size, FUZZ_LOAD_VA, &img) == TEE_SUCCESS) {
		check_image(&img);
		/* Touch every byte of the image: its pages are really there. */
		volatile uint8_t sum = 0;
		for (uint32_t i = 0; i < img.span; i += 64)
			sum += img.mem[i];
		(void)sum;
		ta_image_free(&img);
	} else if (img.mem) {
		fail("refused image with memory left in out");
	}
	if (ta_pool_used()) {
		fprintf(stderr, "fuzz_ta_elf: %zu pool bytes leaked\n", ta_pool_used());
		abort();
	}
	free(elf);
	return 0;
}
