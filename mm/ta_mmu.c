/*
 * User address spaces (ta_mmu.h). Short descriptors, as the core's tables:
 * user pages are small pages, non-global (nG), Normal WB shareable, secure;
 * the window's first-level entries are PXN, so the core can never execute a
 * user page.
 *
 * TLB rules:
 *  - a CPU that switches its window to another address space rewrites its own
 *    first-level entries, then invalidates its own TLB (TLBIALL: also any
 *    walk-cache copy of the old first-level entries);
 *  - a page unmapped from an address space is invalidated by VA and ASID on
 *    every CPU (inner shareable), since another CPU may still have this
 *    address space in its window;
 *  - a destroyed address space is removed from every CPU's window, and its
 *    ASID invalidated on every CPU before the tables go back to the pool, so
 *    a reused ASID or table page never meets a stale entry.
 */
#include <string.h>
#include <arm.h>
#include <cache.h>
#include <console.h>
#include <core_mmu.h>
#include <platform.h>
#include <spinlock.h>
#include <ta_mmu.h>
#include <ta_pool.h>

#define PAGE            4096u
#define SECTION_SHIFT   20
#define WIN_SECTIONS    (TA_USER_VA_SIZE >> SECTION_SHIFT)
#define CHUNK_SHIFT     22		/* one pool page of tables maps 4 MiB */

#define L1_TYPE_TABLE   0x1u
#define L1_PXN          (1u << 2)

#define L2_TYPE_SMALL   0x2u
#define L2_XN           (1u << 0)
#define L2_B            (1u << 2)
#define L2_C            (1u << 3)
#define L2_AP0          (1u << 4)
#define L2_AP1          (1u << 5)
#define L2_TEX1         (1u << 6)
#define L2_APX          (1u << 9)
#define L2_S            (1u << 10)
#define L2_NG           (1u << 11)
#define L2_USER_NORMAL  (L2_TYPE_SMALL | L2_TEX1 | L2_C | L2_B | L2_S | L2_NG | L2_AP0 | L2_AP1)

/* The address space each CPU's window shows; guarded by win_lock so that
 * ta_mmu_as_destroy() can take an address space out of every window. */
static struct ta_mmu_as *win_as[CFG_MAX_CPUS];
static unsigned int win_lock;

static inline void tlbi_all_local(void)
{
	__asm__ volatile("dsb ishst; mcr p15, 0, %0, c8, c7, 0; dsb; isb" :: "r"(0) : "memory");
}

static inline void tlbi_asid_is(uint32_t asid)
{
	__asm__ volatile("dsb ishst; mcr p15, 0, %0, c8, c3, 2; dsb ish; isb" :: "r"(asid) : "memory");
}

static inline void tlbi_mva_asid_is(uint32_t va, uint32_t asid)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c3, 1" :: "r"((va & ~(PAGE - 1)) | asid) : "memory");
}

/* TLBIMVAAIS: every ASID, every CPU, walk caches included. */
static inline void tlbi_mva_all_asid_is(uint32_t va)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c3, 3" :: "r"(va & ~(PAGE - 1)) : "memory");
}

static inline void write_contextidr(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 1; isb" :: "r"(v) : "memory");
}

bool ta_mmu_as_init(struct ta_mmu_as *as, uint8_t asid)
{
	memset(as, 0, sizeof(*as));
	if (!asid)
		return false;
	as->asid = asid;
	/* Whoever had this ASID before is gone; make sure no CPU remembers it. */
	tlbi_asid_is(asid);
	return true;
}

static uint32_t l1_entry(const struct ta_mmu_as *as, unsigned int section)
{
	uint32_t *chunk = as ? as->l2[section >> (CHUNK_SHIFT - SECTION_SHIFT)] : NULL;

	if (!chunk)
		return 0;
	return (uint32_t)&chunk[(section & 3) * 256] | L1_PXN | L1_TYPE_TABLE;
}

static void install(unsigned int cpu, struct ta_mmu_as *as)
{
	uint32_t *l1 = core_mmu_user_l1(cpu);

	for (unsigned int i = 0; i < WIN_SECTIONS; i++)
		l1[i] = l1_entry(as, i);
	win_as[cpu] = as;
}

void ta_mmu_activate(struct ta_mmu_as *as)
{
	unsigned int cpu = get_core_pos();

	if (win_as[cpu] == as)
		return;		/* the common case: the same TA again */
	cpu_spin_lock(&win_lock);
	install(cpu, as);
	cpu_spin_unlock(&win_lock);
	write_contextidr(as ? as->asid : 0);
	tlbi_all_local();
}

void ta_mmu_as_destroy(struct ta_mmu_as *as)
{
	cpu_spin_lock(&win_lock);
	for (unsigned int cpu = 0; cpu < CFG_MAX_CPUS; cpu++)
		if (win_as[cpu] == as)
			install(cpu, NULL);
	cpu_spin_unlock(&win_lock);
	/* Walk caches of the old first-level entries, then the pages. */
	__asm__ volatile("dsb ishst" ::: "memory");
	for (uint32_t va = TA_USER_VA_BASE; va < TA_USER_VA_END; va += 1u << SECTION_SHIFT)
		tlbi_mva_all_asid_is(va);
	tlbi_asid_is(as->asid);
	for (unsigned int i = 0; i < TA_USER_VA_SIZE >> CHUNK_SHIFT; i++)
		ta_pool_free(as->l2[i], PAGE);
	memset(as, 0, sizeof(*as));
}

static uint32_t *pte(struct ta_mmu_as *as, uint32_t va)
{
	uint32_t off = va - TA_USER_VA_BASE;

	return &as->l2[off >> CHUNK_SHIFT][(off >> 12) & 1023];
}

static bool overlaps(const struct ta_mmu_as *as, uint32_t va, uint32_t size)
{
	for (unsigned int i = 0; i < TA_MMU_MAX_REGIONS; i++) {
		const struct ta_mmu_region *r = &as->reg[i];

		if (r->size && va < r->va + r->size && r->va < va + size)
			return true;
	}
	return false;
}

static struct ta_mmu_region *free_region(struct ta_mmu_as *as)
{
	for (unsigned int i = 0; i < TA_MMU_MAX_REGIONS; i++)
		if (!as->reg[i].size)
			return &as->reg[i];
	return NULL;
}

/* Second-level tables for [va, va + size), from the pool as needed. */
static bool tables_for(struct ta_mmu_as *as, uint32_t va, uint32_t size)
{
	for (uint32_t c = (va - TA_USER_VA_BASE) >> CHUNK_SHIFT;
	     c <= (va + size - 1 - TA_USER_VA_BASE) >> CHUNK_SHIFT; c++) {
		if (!as->l2[c] && !(as->l2[c] = ta_pool_alloc(PAGE)))
			return false;
	}
	/* Table pages appear in every window showing as on its next walk: the
	 * zeroed pages must be visible to the walkers first. */
	__asm__ volatile("dsb ishst" ::: "memory");
	return true;
}

static void refresh_windows(struct ta_mmu_as *as)
{
	cpu_spin_lock(&win_lock);
	for (unsigned int cpu = 0; cpu < CFG_MAX_CPUS; cpu++)
		if (win_as[cpu] == as)
			install(cpu, as);
	cpu_spin_unlock(&win_lock);
}

bool ta_mmu_map(struct ta_mmu_as *as, uint32_t va, uint32_t size, void *pa, uint32_t attr)
{
	uint32_t desc = L2_USER_NORMAL, p = (uint32_t)pa;
	struct ta_mmu_region *r;

	if (!size || va % PAGE || size % PAGE || p % PAGE || va < TA_USER_VA_BASE ||
	    size > TA_USER_VA_END - va || ((attr & TA_MMU_W) && (attr & TA_MMU_X)) ||
	    !(attr & TA_MMU_R) || overlaps(as, va, size))
		return false;
	r = free_region(as);
	if (!r || !tables_for(as, va, size))
		return false;
	if (!(attr & TA_MMU_W))
		desc |= L2_APX;
	if (!(attr & TA_MMU_X))
		desc |= L2_XN;
	for (uint32_t o = 0; o < size; o += PAGE)
		*pte(as, va + o) = (p + o) | desc;
	*r = (struct ta_mmu_region){ va, size, attr };
	__asm__ volatile("dsb ishst" ::: "memory");
	refresh_windows(as);
	return true;
}

void ta_mmu_unmap(struct ta_mmu_as *as, uint32_t va)
{
	for (unsigned int i = 0; i < TA_MMU_MAX_REGIONS; i++) {
		struct ta_mmu_region *r = &as->reg[i];

		if (!r->size || r->va != va)
			continue;
		for (uint32_t o = 0; o < r->size; o += PAGE)
			*pte(as, va + o) = 0;
		__asm__ volatile("dsb ishst" ::: "memory");
		for (uint32_t o = 0; o < r->size; o += PAGE)
			tlbi_mva_asid_is(va + o, as->asid);
		__asm__ volatile("dsb ish; isb" ::: "memory");
		r->size = 0;
		return;
	}
}

bool ta_mmu_check_access(const struct ta_mmu_as *as, uint32_t va, uint32_t len, uint32_t attr)
{
	if (len - 1 > UINT32_MAX - va && len)
		return false;	/* wraps */
	/* Regions never overlap: walk from region to adjacent region. */
	while (len) {
		const struct ta_mmu_region *hit = NULL;
		uint32_t room;

		for (unsigned int i = 0; i < TA_MMU_MAX_REGIONS && !hit; i++) {
			const struct ta_mmu_region *r = &as->reg[i];

			if (r->size && va >= r->va && va - r->va < r->size)
				hit = r;
		}
		if (!hit || (hit->attr & attr) != attr)
			return false;
		room = hit->va + hit->size - va;
		if (room >= len)
			return true;
		va += room;
		len -= room;
	}
	return true;
}
