/*
 * Short-descriptor tables, identity mapped, TEX remap off:
 *   flash: text RX, rodata RO+XN (4 KiB pages in one L2 table)
 *   secure RAM: RW+XN sections; devices: Device+XN sections, Secure
 *   NS RAM: Normal WB, RW+XN, NS=1 sections (the carve-out included)
 */
#include <stdint.h>
#include <string.h>
#include <arm.h>
#include <cache.h>
#include <core_mmu.h>
#include <platform.h>
#include <ta_mmu.h>

#define SECTION_SHIFT   20
#define SECTION_SIZE    (1u << SECTION_SHIFT)
#define SMALL_PAGE_SIZE 4096u

#define L1_TYPE_TABLE   0x1u
#define L1_TYPE_SECTION 0x2u
#define L1_SEC_B        (1u << 2)
#define L1_SEC_C        (1u << 3)
#define L1_SEC_XN       (1u << 4)
#define L1_SEC_AP_PL1   (1u << 10)          /* AP[1:0] = 01 */
#define L1_SEC_TEX1     (1u << 12)          /* TEX = 001 */
#define L1_SEC_APX      (1u << 15)
#define L1_SEC_S        (1u << 16)
#define L1_SEC_NS       (1u << 19)

#define L2_TYPE_SMALL   0x2u
#define L2_XN           (1u << 0)
#define L2_B            (1u << 2)
#define L2_C            (1u << 3)
#define L2_AP_PL1       (1u << 4)
#define L2_TEX1         (1u << 6)
#define L2_APX          (1u << 9)
#define L2_S            (1u << 10)

#define SEC_NORMAL_RW   (L1_TYPE_SECTION | L1_SEC_TEX1 | L1_SEC_C | L1_SEC_B | L1_SEC_S | \
			 L1_SEC_AP_PL1 | L1_SEC_XN)
#define SEC_DEVICE      (L1_TYPE_SECTION | L1_SEC_B | L1_SEC_AP_PL1 | L1_SEC_XN)
#define PAGE_NORMAL     (L2_TYPE_SMALL | L2_TEX1 | L2_C | L2_B | L2_S | L2_AP_PL1)

/* TTBR0 walk attributes: inner/outer WB-WA, shareable. */
#define TTBR_ATTRS      ((1u << 6) | (1u << 3) | (1u << 1))

static uint32_t l1_table[4096] __attribute__((aligned(16384), section(".nozi.mmu.l1")));
static uint32_t l2_flash[256] __attribute__((aligned(1024), section(".nozi.mmu.l2")));
/*
 * What each CPU translates with: a copy of l1_table whose user-window
 * entries (TA_USER_VA_BASE..END, empty in l1_table) point at the second-level
 * tables of the TA instance that CPU runs (ta_mmu.c). Per CPU, so that two
 * CPUs can run two TAs at once without any entry of the core changing.
 */
static uint32_t l1_cpu[CFG_MAX_CPUS][4096] __attribute__((aligned(16384), section(".nozi.mmu.l1")));

extern const uint8_t __text_start[], __text_end[], __rodata_start[], __rodata_end[];

#define MAX_REGIONS 8
static struct core_mmu_region regions[MAX_REGIONS];
static size_t num_regions;
static uint64_t shm_pa, shm_size;

static void add_region(const char *name, uint32_t pa, uint32_t size, const char *attr)
{
	if (num_regions < MAX_REGIONS)
		regions[num_regions++] = (struct core_mmu_region){ name, pa, size, attr };
}

static void map_sections(uint32_t pa, uint32_t size, uint32_t attrs)
{
	uint32_t idx;

	for (idx = pa >> SECTION_SHIFT; size; idx++, size -= SECTION_SIZE)
		l1_table[idx] = (idx << SECTION_SHIFT) | attrs;
}

static void map_pages(uint32_t start, uint32_t end, uint32_t attrs)
{
	uint32_t pa;

	for (pa = start; pa < end; pa += SMALL_PAGE_SIZE)
		l2_flash[(pa & (SECTION_SIZE - 1)) / SMALL_PAGE_SIZE] = pa | attrs;
}

static void map_firmware_image(void)
{
	uint32_t text = (uint32_t)__text_start, text_end = (uint32_t)__text_end;
	uint32_t ro = (uint32_t)__rodata_start, ro_end = (uint32_t)__rodata_end;

	memset(l2_flash, 0, sizeof(l2_flash));
	map_pages(text, text_end, PAGE_NORMAL | L2_APX);
	map_pages(ro, ro_end, PAGE_NORMAL | L2_APX | L2_XN);
	l1_table[SECURE_FLASH_BASE >> SECTION_SHIFT] = (uint32_t)l2_flash | L1_TYPE_TABLE;
	add_region("text", text, text_end - text, "secure RX");
	add_region("rodata", ro, ro_end - ro, "secure RO XN");
}

void core_init_mmu_map(uint32_t ns_base, uint32_t ns_size)
{
	memset(l1_table, 0, sizeof(l1_table));
	map_firmware_image();
	map_sections(SECURE_RAM_BASE, SECURE_RAM_SIZE, SEC_NORMAL_RW);
	add_region("secure RAM", SECURE_RAM_BASE, SECURE_RAM_SIZE, "secure RW XN");
	map_sections(GIC_BASE, SECTION_SIZE, SEC_DEVICE);
	map_sections(DEVICE_WINDOW_BASE, SECTION_SIZE, SEC_DEVICE);
	add_region("GIC", GIC_BASE, SECTION_SIZE, "secure device XN");
	add_region("devices", DEVICE_WINDOW_BASE, SECTION_SIZE,
		   "secure device XN (UARTs, fw_cfg, GPIO)");
	ns_size &= ~(SECTION_SIZE - 1);
	map_sections(ns_base, ns_size, SEC_NORMAL_RW | L1_SEC_NS);
	add_region("NS RAM", ns_base, ns_size, "NS=1 WB RW XN");
	shm_pa = (uint64_t)ns_base + ns_size - SHM_CARVEOUT_SIZE;
	shm_size = SHM_CARVEOUT_SIZE;
	add_region("shm carve-out", (uint32_t)shm_pa, (uint32_t)shm_size, "NS=1 WB, last 2 MiB");
	core_ns_mem_init(ns_base, ns_size);
	/* Nothing of the core lies in the user window (checked: a DT /memory
	 * there would be a board this build does not support). */
	for (uint32_t i = TA_USER_VA_BASE >> SECTION_SHIFT; i < TA_USER_VA_END >> SECTION_SHIFT; i++)
		l1_table[i] = 0;
	for (unsigned int cpu = 0; cpu < CFG_MAX_CPUS; cpu++)
		memcpy(l1_cpu[cpu], l1_table, sizeof(l1_table));
	core_mmu_enable_cpu();
}

void core_mmu_enable_cpu(void)
{
	write_ttbcr(0);
	write_ttbr0((uint32_t)l1_cpu[get_core_pos()] | TTBR_ATTRS);
	write_dacr(0x55555555u);	/* every domain: client */
	isb();
	tlb_inv_all();
	icache_inv_all();
	/* Cortex-A15 invalidates its caches at reset: no set/way loop needed. */
	write_sctlr((read_sctlr() & ~(SCTLR_TRE | SCTLR_AFE | SCTLR_A)) |
		    SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_Z);
	isb();
}

const struct core_mmu_region *core_mmu_get_map(size_t *count)
{
	*count = num_regions;
	return regions;
}

bool core_mmu_get_shm_carveout(uint64_t *pa, uint64_t *size)
{
	if (!shm_size)
		return false;
	*pa = shm_pa;
	*size = shm_size;
	return true;
}

uint32_t *core_mmu_user_l1(unsigned int cpu)
{
	return &l1_cpu[cpu][TA_USER_VA_BASE >> SECTION_SHIFT];
}
