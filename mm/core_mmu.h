/* Secure translation tables and the memory map. */
#ifndef CORE_MMU_H
#define CORE_MMU_H
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

struct core_mmu_region {
	const char *name;
	uint32_t pa;
	uint32_t size;
	const char *attr;
};

/* Builds the tables for the secure world and NS RAM [ns_base, ns_base +
 * ns_size), reserves the shared-memory carve-out (last 2 MiB of NS RAM) and
 * turns the MMU and caches on for this CPU. Primary CPU, once. */
void core_init_mmu_map(uint32_t ns_base, uint32_t ns_size);
/* Turns the MMU and caches on with the tables of core_init_mmu_map(). */
void core_mmu_enable_cpu(void);
/* This CPU's first-level entries of the user window (TA_USER_VA_SIZE >> 20
 * of them), for ta_mmu.c only. */
uint32_t *core_mmu_user_l1(unsigned int cpu);
/* The memory map, for the boot banner. */
const struct core_mmu_region *core_mmu_get_map(size_t *count);

/* The static shared-memory carve-out. */
bool core_mmu_get_shm_carveout(uint64_t *pa, uint64_t *size);

/* NS address checks (ns_mem.c): true when [pa, pa + len) lies in NS RAM
 * (resp. in the carve-out), len > 0 and nothing wraps. */
bool core_ns_range_ok(uint64_t pa, uint64_t len);
bool core_ns_range_in_shm(uint64_t pa, uint64_t len);
void core_ns_mem_init(uint32_t base, uint32_t size);
/* Bytes from pa to the end of NS RAM (resp. of the carve-out); 0 outside. */
uint64_t core_ns_room(uint64_t pa);
uint64_t core_ns_shm_room(uint64_t pa);
/* Identity map: the VA of a checked NS physical address. */
static inline void *core_ns_pa2va(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}
#endif
