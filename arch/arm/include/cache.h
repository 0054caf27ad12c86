#ifndef CACHE_H
#define CACHE_H
#include <stddef.h>
/* Data cache maintenance to the point of coherency, by address range. */
void dcache_clean_range(void *va, size_t len);
void dcache_inv_range(void *va, size_t len);
void dcache_clean_inv_range(void *va, size_t len);
void icache_inv_all(void);
void tlb_inv_all(void);
#endif
