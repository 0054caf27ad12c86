/*
 * The TA heap: TEE_Malloc and friends over ta_heap[TA_DATA_SIZE], which
 * user_ta_header.c puts in the TA's .bss (so it is part of the image the
 * loader lays out; no syscall grows it). First fit over a list of blocks in
 * address order, each with an 8-byte header; neighbours merge when freed.
 * An exhausted heap returns NULL (GP); the TA decides whether that is fatal.
 */
#include <string.h>
#include <tee_internal_api.h>

extern uint8_t ta_heap[];
extern const size_t ta_heap_size;

struct blk {
	uint32_t size;		/* bytes after the header */
	uint32_t used;
};

#define HDR sizeof(struct blk)
#define ALIGN8(x) (((x) + 7u) & ~7u)

static bool heap_ready;

static struct blk *first(void)
{
	struct blk *b = (struct blk *)ta_heap;

	if (!heap_ready) {
		b->size = (uint32_t)(ta_heap_size & ~7u) - HDR;
		b->used = 0;
		heap_ready = true;
	}
	return b;
}

static struct blk *next(struct blk *b)
{
	uint8_t *n = (uint8_t *)b + HDR + b->size;

	return n < ta_heap + (ta_heap_size & ~7u) ? (struct blk *)n : NULL;
}

void *TEE_Malloc(size_t size, uint32_t hint)
{
	uint32_t want = ALIGN8(size ? size : 1);

	if (size > ta_heap_size)
		return NULL;
	for (struct blk *b = first(); b; b = next(b)) {
		if (b->used || b->size < want)
			continue;
		if (b->size >= want + HDR + 8) {	/* split */
			struct blk *rest = (struct blk *)((uint8_t *)b + HDR + want);

			rest->size = b->size - want - HDR;
			rest->used = 0;
			b->size = want;
		}
		b->used = 1;
		if (hint == TEE_MALLOC_FILL_ZERO)
			memset(b + 1, 0, b->size);
		return b + 1;
	}
	return NULL;
}

void TEE_Free(void *p)
{
	struct blk *b, *n;

	if (!p)
		return;
	b = (struct blk *)p - 1;
	if ((uint8_t *)b < ta_heap || (uint8_t *)b >= ta_heap + ta_heap_size || !b->used)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);	/* not ours: GP says panic */
	b->used = 0;
	/* Merge every run of free blocks (one pass over the heap). */
	for (b = first(); b; b = next(b))
		while (!b->used && (n = next(b)) && !n->used)
			b->size += HDR + n->size;
}

void *TEE_Realloc(void *p, size_t size)
{
	struct blk *b = p ? (struct blk *)p - 1 : NULL;
	void *q;

	if (b && b->size >= size)
		return p;
	q = TEE_Malloc(size, TEE_MALLOC_FILL_ZERO);
	if (q && b) {
		memcpy(q, p, b->size);
		TEE_Free(p);
	}
	return q;
}
