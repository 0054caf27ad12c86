/* Host fuzzer: the TA ELF loader (core/ta/ta_elf.c) over TA-pool pages
 * (mm/ta_pool.c). The input is the ELF as the store hands it over (already
 * a secure copy): an exact-size heap block, so ASan sees every read past
 * its end. Oracles besides ASan/UBSan: an accepted image keeps the
 * loader's promises (span within the limit, segments page aligned inside
 * the span and never both writable and executable, the entry in an
 * executable segment, ta_head inside the image); a refused one holds no
 * memory; and the pool is empty again after every input. Seeds: the unit
 * tier's test TAs (fuzz.mk). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <optee_msg.h>
#include <ta_elf.h>
#include <ta_image.h>
#include <ta_pool.h>
#include "host.h"

#define LOAD_VA 0x00200000u

static void fail(const char *why, const struct ta_image *img)
{
	fprintf(stderr, "fuzz: accepted image breaks a promise: %s (span 0x%x, %u segments, entry 0x%x, ta_head 0x%x)\n",
		why, img->span, img->nsegs, img->entry, img->ta_head_off);
	abort();
}

static void check_image(const struct ta_image *img)
{
	bool entry_ok = false;

	if (!img->mem || !img->span || img->span > TA_ELF_MAX_SPAN || img->span % TA_POOL_PAGE_SIZE)
		fail("span", img);
	if (!img->nsegs || img->nsegs > TA_MAX_SEGS)
		fail("segment count", img);
	for (uint32_t i = 0; i < img->nsegs; i++) {
		const struct ta_seg *s = &img->seg[i];
		if (s->va % TA_POOL_PAGE_SIZE || !s->size || s->size % TA_POOL_PAGE_SIZE || s->va > img->span ||
		    s->size > img->span - s->va)
			fail("segment outside the span", img);
		if ((s->flags & TA_SEG_W) && (s->flags & TA_SEG_X))
			fail("segment both writable and executable", img);
		if ((s->flags & TA_SEG_X) && img->entry >= s->va && img->entry < s->va + s->size)
			entry_ok = true;
	}
	if (!entry_ok)
		fail("entry outside every executable segment", img);
	if (img->ta_head_off > img->span || img->span - img->ta_head_off < 16)
		fail("ta_head outside the image", img);
	if (img->head.stack_size > TA_ELF_MAX_STACK)
		fail("stack size", img);
	/* the laid-out image is readable to its last byte */
	volatile uint8_t last = img->mem[img->span - 1];
	(void)last;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *elf = malloc(size ? size : 1);
	struct ta_image img;

	memcpy(elf, data, size);
	memset(&img, 0xa5, sizeof(img));
	if (ta_elf_load(elf, size, LOAD_VA, &img) == TEE_SUCCESS) {
		check_image(&img);
		ta_image_free(&img);
	} else if (img.mem) {
		fprintf(stderr, "fuzz: a refused image still holds memory (mem %p)\n", (void *)img.mem);
		abort();
	}
	if (ta_pool_used()) {
		fprintf(stderr, "fuzz: %zu bytes of the TA pool left in use after the input\n", ta_pool_used());
		abort();
	}
	free(elf);
	return 0;
}
