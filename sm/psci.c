/*
 * PSCI 1.0 for the normal world. CPU_ON posts the entry point to the target's
 * mailbox; the target picks it up whenever it reaches the pen, so a CPU_ON
 * may come before the target has even run (qemu-virt.md, -icount).
 *
 * The mailboxes live in RAM that reset does not clear (a warm reset keeps
 * RAM), and a secondary reaches the pen long before the primary could clear
 * them. So a secondary coming from reset first waits for the primary's word
 * that the mailboxes are clean: a secure SGI (psci_init). Its pending state
 * is hardware state, cleared by reset, so no stale value can pass for it. A
 * CPU coming back from CPU_OFF skips that gate: the mailboxes were cleared
 * in this boot.
 */
#include <arm.h>
#include <cache.h>
#include <console.h>
#include <core_mmu.h>
#include <platform.h>
#include <power.h>
#include <psci.h>
#include <sm.h>
#include <gic.h>
#include <spinlock.h>
#include <thread.h>

#define PSCI_PEN_SGI 15	/* "mailboxes initialised", primary to secondaries */

enum psci_cpu_state { CPU_STATE_OFF, CPU_STATE_ON_PENDING, CPU_STATE_ON };

/* Read by CPUs that may still run with the MMU off: one cache line each,
 * cleaned after every write. Not zeroed by the reset code: the primary
 * clears it in psci_init(). */
struct psci_mailbox {
	volatile uint32_t entry;       /* 0 = nothing posted */
	volatile uint32_t context_id;
	volatile uint32_t from_off;    /* set by CPU_OFF on its way to the pen */
	uint32_t pad[13];
};

static struct psci_mailbox mailbox[CFG_MAX_CPUS]
	__attribute__((aligned(64), section(".nozi.psci_mailbox")));
static enum psci_cpu_state cpu_state[CFG_MAX_CPUS];
static unsigned int psci_ncpus = 1;
static unsigned int psci_lock;

void psci_init(unsigned int ncpus)
{
	unsigned int i;

	psci_ncpus = ncpus > CFG_MAX_CPUS ? CFG_MAX_CPUS : ncpus;
	for (i = 0; i < CFG_MAX_CPUS; i++) {
		cpu_state[i] = i ? CPU_STATE_OFF : CPU_STATE_ON;
		mailbox[i].entry = 0;
		mailbox[i].from_off = 0;
	}
	dcache_clean_range(mailbox, sizeof(mailbox));
	dsb();
	gic_sgi_to_others(PSCI_PEN_SGI);	/* the mailboxes are clean: open the pen */
	sev();
}

/* A secondary from reset: no mailbox is trusted before psci_init() said so. */
static void psci_pen_gate(struct psci_mailbox *mb)
{
	dcache_inv_range(mb, sizeof(*mb));
	if (mb->from_off) {
		mb->from_off = 0;
		dcache_clean_range(mb, sizeof(*mb));
		return;
	}
	while (!gic_sgi_take(PSCI_PEN_SGI))
		wfe();
}

void psci_pen_wait(unsigned int cpu, uint32_t *entry, uint32_t *context_id)
{
	struct psci_mailbox *mb = &mailbox[cpu];

	psci_pen_gate(mb);
	for (;;) {
		dcache_inv_range(mb, sizeof(*mb));
		if (mb->entry)
			break;
		wfe();
	}
	*entry = mb->entry;
	*context_id = mb->context_id;
	mb->entry = 0;
	dcache_clean_range(mb, sizeof(*mb));
}

void psci_cpu_is_on(unsigned int cpu)
{
	cpu_spin_lock(&psci_lock);
	cpu_state[cpu] = CPU_STATE_ON;
	cpu_spin_unlock(&psci_lock);
}

static int target_cpu(uint32_t mpidr)
{
	if (mpidr & ~MPIDR_AFF0_MASK & 0x00ffffffu)
		return -1;
	if ((mpidr & MPIDR_AFF0_MASK) >= psci_ncpus)
		return -1;
	return mpidr & MPIDR_AFF0_MASK;
}

static int32_t psci_cpu_on(uint32_t mpidr, uint32_t entry, uint32_t context_id)
{
	int cpu = target_cpu(mpidr);
	int32_t ret = PSCI_RET_SUCCESS;

	if (cpu < 0) {
		log_reject("psci: CPU_ON bad target mpidr 0x%x", mpidr);
		return PSCI_RET_INVALID_PARAMETERS;
	}
	if (!core_ns_range_ok(entry & ~1u, 4)) {
		log_reject("psci: CPU_ON entry 0x%x outside NS RAM", entry);
		return PSCI_RET_INVALID_ADDRESS;
	}
	cpu_spin_lock(&psci_lock);
	if (cpu_state[cpu] == CPU_STATE_ON) {
		ret = PSCI_RET_ALREADY_ON;
	} else if (cpu_state[cpu] == CPU_STATE_ON_PENDING) {
		ret = PSCI_RET_ON_PENDING;
	} else {
		cpu_state[cpu] = CPU_STATE_ON_PENDING;
		mailbox[cpu].context_id = context_id;
		mailbox[cpu].entry = entry;
		dcache_clean_range(&mailbox[cpu], sizeof(mailbox[cpu]));
		sev();
	}
	cpu_spin_unlock(&psci_lock);
	return ret;
}

static int32_t psci_affinity_info(uint32_t mpidr, uint32_t level)
{
	int cpu = target_cpu(mpidr);

	if (cpu < 0 || level != 0) {
		log_reject("psci: AFFINITY_INFO bad target 0x%x or level %u", mpidr, level);
		return PSCI_RET_INVALID_PARAMETERS;
	}
	switch (cpu_state[cpu]) {
	case CPU_STATE_ON: return PSCI_AFFINITY_ON;
	case CPU_STATE_ON_PENDING: return PSCI_AFFINITY_ON_PENDING;
	default: return PSCI_AFFINITY_OFF;
	}
}

/* Standby only: power_state.StateType (bit 16) must be 0. */
static int32_t psci_cpu_suspend(uint32_t power_state)
{
	if (power_state & (1u << 16)) {
		log_reject("psci: CPU_SUSPEND power-down state 0x%x not supported", power_state);
		return PSCI_RET_INVALID_PARAMETERS;
	}
	thread_vector_table.cpu_suspend(power_state, 0);
	dsb();
	wfi();
	thread_vector_table.cpu_resume(0, 0);
	return PSCI_RET_SUCCESS;
}

void __attribute__((noreturn)) sm_cpu_off_to_pen(unsigned int cpu);

static void __attribute__((noreturn)) psci_cpu_off(void)
{
	unsigned int cpu = get_core_pos();

	thread_vector_table.cpu_off(0, 0);
	cpu_spin_lock(&psci_lock);
	cpu_state[cpu] = CPU_STATE_OFF;
	cpu_spin_unlock(&psci_lock);
	mailbox[cpu].from_off = 1;
	dcache_clean_range(&mailbox[cpu], sizeof(mailbox[cpu]));
	sm_cpu_off_to_pen(cpu);
}

static int32_t psci_features(uint32_t fid)
{
	switch (fid) {
	case PSCI_VERSION: case PSCI_CPU_SUSPEND: case PSCI_CPU_OFF:
	case PSCI_CPU_ON: case PSCI_AFFINITY_INFO: case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
	case SMCCC_VERSION: case SMCCC_ARCH_FEATURES:	/* Linux then uses SMCCC 1.1 */
		return PSCI_RET_SUCCESS;
	default:
		return PSCI_RET_NOT_SUPPORTED;
	}
}

void sm_psci_handler(struct thread_smc_args *a)
{
	switch (a->a0) {
	case PSCI_VERSION: a->a0 = PSCI_VERSION_1_0; break;
	case PSCI_FEATURES: a->a0 = psci_features(a->a1); break;
	case PSCI_CPU_ON: a->a0 = psci_cpu_on(a->a1, a->a2, a->a3); break;
	case PSCI_CPU_OFF: psci_cpu_off();
	case PSCI_AFFINITY_INFO: a->a0 = psci_affinity_info(a->a1, a->a2); break;
	case PSCI_CPU_SUSPEND: a->a0 = psci_cpu_suspend(a->a1); break;
	case PSCI_MIGRATE_INFO_TYPE: a->a0 = PSCI_MIGRATE_TOS_NOT_PRESENT; break;
	case PSCI_SYSTEM_OFF:
		log_msg("psci: SYSTEM_OFF");
		thread_vector_table.system_off(0, 0);
		platform_system_off();
	case PSCI_SYSTEM_RESET:
		log_msg("psci: SYSTEM_RESET");
		thread_vector_table.system_reset(0, 0);
		platform_system_reset();
	default:
		thread_log_unknown_fid("psci", a->a0);
		a->a0 = (uint32_t)PSCI_RET_NOT_SUPPORTED;
		break;
	}
}
