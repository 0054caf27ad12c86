/*
 * User address spaces of TA instances (mm/ta_mmu.c).
 *
 * Every TA instance sees the same user window, [TA_USER_VA_BASE,
 * TA_USER_VA_END), mapped by its own second-level tables (from the TA pool);
 * nothing else is mapped at PL0. Each CPU translates with its own copy of
 * the core's first-level table (core_mmu.c), whose window entries are pointed
 * at the instance's tables when a thread is about to run that instance in
 * user mode on that CPU (ta_mmu_activate). User pages are non-global, tagged
 * with the instance's ASID; the core's mappings are global.
 *
 * Layout of the window (ta_instance.c uses it):
 *   0x20000000  guard page (never mapped)
 *   0x20001000  user stack, up to TA_USER_STACK_MAX; the stack grows down
 *               towards the guard page
 *   0x20100000  the TA image (TA_USER_LOAD_VA), at most 6 MiB
 *   0x20c00000  memref parameters of the call in progress, 4 MiB
 */
#ifndef TA_MMU_H
#define TA_MMU_H

#define TA_USER_VA_BASE     0x20000000u
#define TA_USER_VA_SIZE     0x01000000u	/* 16 MiB: 16 first-level entries */
#define TA_USER_VA_END      (TA_USER_VA_BASE + TA_USER_VA_SIZE)
#define TA_USER_STACK_BASE  (TA_USER_VA_BASE + 0x1000u)
#define TA_USER_STACK_MAX   (0x00100000u - 0x2000u)
#define TA_USER_LOAD_VA     (TA_USER_VA_BASE + 0x00100000u)
#define TA_USER_IMAGE_MAX   0x00600000u
#define TA_USER_PARAM_VA    (TA_USER_VA_BASE + 0x00c00000u)
#define TA_USER_PARAM_SIZE  0x00400000u

/* Attributes of a user mapping. */
#define TA_MMU_R 0x1u
#define TA_MMU_W 0x2u
#define TA_MMU_X 0x4u

/* Regions of an address space, for the access checks of syscalls. */
#define TA_MMU_MAX_REGIONS 16

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>

struct ta_mmu_region {
	uint32_t va, size, attr;	/* size 0: free slot */
};

struct ta_mmu_as {
	uint8_t asid;			/* 1..255 */
	uint32_t *l2[TA_USER_VA_SIZE >> 22];	/* one pool page = 4 tables per 4 MiB */
	struct ta_mmu_region reg[TA_MMU_MAX_REGIONS];
};

/* An empty address space with this ASID (1..TA_MMU_MAX_ASID); its stale TLB
 * entries are invalidated on every CPU. OUT_OF_MEMORY-style false when the
 * pool is short. */
#define TA_MMU_MAX_ASID 255
bool ta_mmu_as_init(struct ta_mmu_as *as, uint8_t asid);
/* Unmaps everything, gives the tables back and makes sure no CPU still
 * translates through them. */
void ta_mmu_as_destroy(struct ta_mmu_as *as);
/* Maps the pages [va, va + size) of the window to the secure pages at pa
 * (page aligned, not both W and X). false: outside the window, overlapping an
 * existing region, no region slot or no pool page for a table. */
bool ta_mmu_map(struct ta_mmu_as *as, uint32_t va, uint32_t size, void *pa, uint32_t attr);
/* Removes the region that starts at va (TLB entries invalidated on every CPU). */
void ta_mmu_unmap(struct ta_mmu_as *as, uint32_t va);
/* true when the user may access [va, va + len) with attr (TA_MMU_R/W):
 * every byte inside regions that have them; len 0 is fine, wrapping is not. */
bool ta_mmu_check_access(const struct ta_mmu_as *as, uint32_t va, uint32_t len, uint32_t attr);
/* Makes this CPU translate the window through as (NULL: nothing mapped). */
void ta_mmu_activate(struct ta_mmu_as *as);
#endif
#endif
