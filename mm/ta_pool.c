/* The TA memory pool (ta_pool.h): first fit over a bitmap of 4 KiB pages. */
#include <stdint.h>
#include <string.h>
#include <console.h>
#include <spinlock.h>
#include <ta_pool.h>

#define POOL_PAGES (TA_POOL_SIZE / TA_POOL_PAGE_SIZE)

static uint8_t pool[TA_POOL_SIZE] __attribute__((aligned(TA_POOL_PAGE_SIZE), section(".nozi.ta_pool")));
static uint32_t pool_map[POOL_PAGES / 32];	/* bit set: page in use */
static size_t pool_used_pages;
static unsigned int pool_lock;

static int page_used(size_t i)
{
	return (pool_map[i / 32] >> (i % 32)) & 1;
}

static void mark(size_t first, size_t n, int used)
{
	for (size_t i = first; i < first + n; i++) {
		if (used)
			pool_map[i / 32] |= 1u << (i % 32);
		else
			pool_map[i / 32] &= ~(1u << (i % 32));
	}
}

/* First run of n free pages, or POOL_PAGES. */
static size_t find_run(size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < POOL_PAGES; i++) {
		run = page_used(i) ? 0 : run + 1;
		if (run == n)
			return i + 1 - n;
	}
	return POOL_PAGES;
}

static size_t pages_of(size_t bytes)
{
	return bytes / TA_POOL_PAGE_SIZE + !!(bytes % TA_POOL_PAGE_SIZE);
}

void *ta_pool_alloc(size_t bytes)
{
	size_t n, first;

	if (!bytes || bytes > TA_POOL_SIZE)
		return NULL;
	n = pages_of(bytes);
	cpu_spin_lock(&pool_lock);
	first = find_run(n);
	if (first < POOL_PAGES) {
		mark(first, n, 1);
		pool_used_pages += n;
	}
	cpu_spin_unlock(&pool_lock);
	if (first == POOL_PAGES)
		return NULL;
	memset(pool + first * TA_POOL_PAGE_SIZE, 0, n * TA_POOL_PAGE_SIZE);
	return pool + first * TA_POOL_PAGE_SIZE;
}

void ta_pool_free(void *p, size_t bytes)
{
	uintptr_t off = (uintptr_t)p - (uintptr_t)pool;
	size_t n = pages_of(bytes);

	if (!p)
		return;
	if (off % TA_POOL_PAGE_SIZE || off >= TA_POOL_SIZE || n > POOL_PAGES - off / TA_POOL_PAGE_SIZE) {
		log_msg("ta_pool: free of %p (%u bytes) outside the pool ignored", p, (unsigned)bytes);
		return;
	}
	/* No stale secrets for the next owner. */
	memset(p, 0, n * TA_POOL_PAGE_SIZE);
	cpu_spin_lock(&pool_lock);
	mark(off / TA_POOL_PAGE_SIZE, n, 0);
	pool_used_pages -= n;
	cpu_spin_unlock(&pool_lock);
}

size_t ta_pool_used(void)
{
	return pool_used_pages * TA_POOL_PAGE_SIZE;
}
