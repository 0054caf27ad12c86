/*
 * Boot sequence. The primary initialises the secure world, loads what QEMU
 * offers through fw_cfg, patches the DTB and enters the normal world; the
 * secondaries wait in the holding pen for PSCI CPU_ON.
 */
#include <string.h>
#include <arm.h>
#include <cache.h>
#include <console.h>
#include <core_mmu.h>
#include <crypto.h>
#include <dt.h>
#include <entropy.h>
#include <fw_cfg.h>
#include <gic.h>
#include <libfdt.h>
#include <mintee_config.h>
#include <msg.h>
#include <ta_runtime.h>
#include <panic.h>
#include <platform.h>
#include <psci.h>
#include <sm.h>
#include <stacks.h>
#include <storage.h>
#include <storage_fs.h>
#include <thread.h>

#define NS_ENTRY_SPSR (CPSR_MODE_SVC | CPSR_A | CPSR_I | CPSR_F)
#define DEFAULT_BOOTARGS "console=ttyAMA0"

void boot_primary(void) __attribute__((noreturn));
void boot_secondary(unsigned int cpu) __attribute__((noreturn));
extern const uint8_t thread_excp_vect[];

struct ns_images {
	uint32_t kernel_size;
	uint32_t initrd_size;
	char cmdline[1024];
};

static void __attribute__((noreturn)) park(void)
{
	for (;;)
		wfi();
}

static void init_secure_cpu(void)
{
	write_vbar((uint32_t)thread_excp_vect);
	write_tpidrprw(stack_tmp_top(get_core_pos()));	/* thread_a32.S */
	sm_init_cpu();
	gic_init_cpu();
}

static void print_banner(const struct dt_ns_info *info)
{
	const struct core_mmu_region *r;
	size_t n, i;

	log_msg("mintee " MINTEE_VERSION_STRING " (build %08x), CFG_SHM=" CFG_SHM_NAME,
		(unsigned int)MINTEE_BUILD_ID);
	log_msg("cpus %u, secure threads %u", info->ncpus, thread_get_count());
	log_msg("memory map:");
	r = core_mmu_get_map(&n);
	for (i = 0; i < n; i++)
		log_msg("  %-14s 0x%08x-0x%08x %s", r[i].name, r[i].pa, r[i].pa + r[i].size - 1,
			r[i].attr);
	log_msg("shared memory: %s", IS_ENABLED_SHM_RESERVED ?
		"reserved carve-out (static pool, GET_SHM_CONFIG)" :
		"dynamic (REGISTER_SHM page lists)");
}

static uint32_t ns_ram_end(const struct dt_ns_info *info)
{
	return (uint32_t)(info->mem_base + info->mem_size);
}

/* Kernel to NS_KERNEL_ADDR, initrd to NS_INITRD_ADDR, command line. */
static bool load_ns_images(const struct dt_ns_info *info, struct ns_images *img)
{
	uint32_t initrd_room = ns_ram_end(info) - SHM_CARVEOUT_SIZE - NS_INITRD_ADDR;
	uint32_t len;

	img->kernel_size = fw_cfg_read_u32(FW_CFG_KERNEL_SIZE);
	if (!img->kernel_size) {
		log_msg("boot: no normal-world image (no -kernel): parking the boot CPU");
		return false;
	}
	if (img->kernel_size > NS_KERNEL_MAX_SIZE) {
		log_msg("boot: kernel of %u bytes exceeds the %u bytes below the DTB",
			img->kernel_size, NS_KERNEL_MAX_SIZE);
		return false;
	}
	if (fw_cfg_dma_read(FW_CFG_KERNEL_DATA, NS_KERNEL_ADDR, img->kernel_size)) {
		log_msg("boot: fw_cfg DMA of the kernel failed");
		return false;
	}
	img->initrd_size = fw_cfg_read_u32(FW_CFG_INITRD_SIZE);
	if (img->initrd_size > initrd_room) {
		log_msg("boot: initrd of %u bytes does not fit (%u): dropped",
			img->initrd_size, initrd_room);
		img->initrd_size = 0;
	}
	if (img->initrd_size &&
	    fw_cfg_dma_read(FW_CFG_INITRD_DATA, NS_INITRD_ADDR, img->initrd_size)) {
		log_msg("boot: fw_cfg DMA of the initrd failed: dropped");
		img->initrd_size = 0;
	}
	len = fw_cfg_read_u32(FW_CFG_CMDLINE_SIZE);
	if (len > sizeof(img->cmdline) - 1) {
		log_msg("boot: command line of %u bytes truncated", len);
		len = sizeof(img->cmdline) - 1;
	}
	fw_cfg_read_bytes(FW_CFG_CMDLINE_DATA, img->cmdline, len);
	img->cmdline[len] = '\0';
	if (!img->cmdline[0])
		strcpy(img->cmdline, DEFAULT_BOOTARGS);
	log_msg("boot: kernel %u bytes at 0x%08x, initrd %u bytes at 0x%08x",
		img->kernel_size, NS_KERNEL_ADDR, img->initrd_size, NS_INITRD_ADDR);
	log_msg("boot: bootargs \"%s\"", img->cmdline);
	return true;
}

static bool prepare_ns_dtb(const struct ns_images *img)
{
	struct dt_patch p = { .bootargs = img->cmdline };
	void *dtb = (void *)NS_DTB_ADDR;
	int rc;

	if (img->initrd_size) {
		p.initrd_start = NS_INITRD_ADDR;
		p.initrd_end = NS_INITRD_ADDR + img->initrd_size;
	}
	p.reserve_shm = IS_ENABLED_SHM_RESERVED;
	core_mmu_get_shm_carveout(&p.shm_pa, &p.shm_size);
	rc = dt_copy_open(dtb, NS_DTB_MAX_SIZE, (const void *)NS_DTB_QEMU_ADDR);
	if (!rc) {
		entropy_take_dt_seeds(dtb, (void *)NS_DTB_QEMU_ADDR);
		rc = dt_patch_for_ns(dtb, &p, log_msg);
	}
	if (rc) {
		log_msg("boot: DTB patching failed: %s", fdt_strerror(rc));
		return false;
	}
	dcache_clean_range(dtb, fdt_totalsize(dtb));
	log_msg("boot: DTB at 0x%08x, %u bytes (packed)", NS_DTB_ADDR, fdt_totalsize(dtb));
	return true;
}

static void log_ns_entry(uint32_t pc, uint32_t cpsr, uint32_t r0, uint32_t r1, uint32_t r2)
{
	log_msg("ns entry: cpu%u pc 0x%08x cpsr 0x%08x r0 0x%08x r1 0x%08x r2 0x%08x",
		get_core_pos(), pc, cpsr, r0, r1, r2);
}

static void __attribute__((noreturn)) enter_ns(uint32_t pc, uint32_t spsr,
					       uint32_t r0, uint32_t r1, uint32_t r2)
{
	log_ns_entry(pc, spsr, r0, r1, r2);
	sm_set_sec_entry_state(stack_tmp_top(get_core_pos()));
	sm_set_nsec_entry(pc, spsr, r0, r1, r2);
	sm_enter_nsec();
}

static void read_platform(struct dt_ns_info *info)
{
	/* MMU still off: libfdt and newlib only make aligned accesses here
	 * (-mno-unaligned-access, ARMv4T newlib). */
	if (dt_read_ns_info((const void *)NS_DTB_QEMU_ADDR, info)) {
		info->mem_base = NS_RAM_BASE;
		info->mem_size = 0x08000000u;	/* 128 MiB: QEMU's smallest default */
		info->ncpus = 1;
	}
	if (info->ncpus > CFG_MAX_CPUS)
		info->ncpus = CFG_MAX_CPUS;
}

void boot_primary(void)
{
	static struct ns_images img;
	struct dt_ns_info info;

	read_platform(&info);
	core_init_mmu_map((uint32_t)info.mem_base, (uint32_t)info.mem_size);
	console_init();
	crypto_init();	/* the DRBG runs on it, from the DTB patching on */
	storage_init(&storage_rpc_fs);
	thread_init(info.ncpus);
	thread_set_std_call_handler(msg_handle_call);
	ta_runtime_init();	/* syscalls and faults of user TAs */
	psci_init(info.ncpus);
	init_secure_cpu();
	gic_init_dist();
	print_banner(&info);
	if (!fw_cfg_present()) {
		log_msg("boot: no fw_cfg device: no normal-world image");
		park();
	}
	if (!load_ns_images(&info, &img) || !prepare_ns_dtb(&img))
		park();
	test_fault_point();
	enter_ns(NS_KERNEL_ADDR, NS_ENTRY_SPSR, 0, 0xffffffffu, NS_DTB_ADDR);
}

/* Reached from reset (MMU off) and from PSCI CPU_OFF (MMU on). */
void boot_secondary(unsigned int cpu)
{
	uint32_t entry, context_id, spsr = NS_ENTRY_SPSR;

	psci_pen_wait(cpu, &entry, &context_id);
	core_mmu_enable_cpu();
	init_secure_cpu();
	psci_cpu_is_on(cpu);
	thread_vector_table.cpu_on(entry, context_id);
	if (entry & 1)
		spsr |= CPSR_T;
	enter_ns(entry & ~1u, spsr, context_id, 0, 0);
}
