/*
 * The TA memory pool: the secure RAM that user TAs' images, stacks, heaps and
 * translation tables come from, apart from the core's heap so that no TA can
 * starve the message layer (and the core's allocations cannot starve TAs).
 * Allocations are whole pages, physically contiguous (the core maps secure
 * RAM flat, so they are contiguous for the core too), page-aligned and
 * zeroed.
 */
#ifndef TA_POOL_H
#define TA_POOL_H
#include <stddef.h>

#define TA_POOL_SIZE      (6u * 1024 * 1024)
#define TA_POOL_PAGE_SIZE 4096u

/* NULL when bytes is 0 or no run of free pages is long enough. */
void *ta_pool_alloc(size_t bytes);
/* p and bytes exactly as allocated (bytes is rounded up the same way). */
void ta_pool_free(void *p, size_t bytes);
/* Bytes in use (whole pages): after every instance is gone, back to 0. */
size_t ta_pool_used(void);
#endif
