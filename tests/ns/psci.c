/*
 * Payload "psci": PSCI 1.0 as the normal world sees it: versions and
 * features, every error code CPU_ON/AFFINITY_INFO/CPU_SUSPEND owe a bad
 * argument, a secondary CPU's entry state (ARM and Thumb entry, context id),
 * CPU_OFF and CPU_ON again, and standby woken by an interrupt.
 * Needs -smp 2 or more (tests/ns/run.sh boots with 2).
 */
#include "ns.h"
#include "optee_smc.h"

const char ns_payload_name[] = "psci";

#define GICD_BASE        0x08000000u
#define GICC_BASE        0x08010000u
#define VTIMER_ID        27u

struct cpu1_report {
	volatile uint32_t seen;         /* increments on every entry */
	volatile uint32_t r0, cpsr, sctlr;
	volatile uint32_t which;        /* 1: ARM entry ran, 2: Thumb entry ran */
	volatile uint32_t off_returned; /* CPU_OFF came back: a bug */
};
static struct cpu1_report rep;
uint8_t psci_cpu1_stack[4096] __attribute__((aligned(16)));
void psci_cpu1_arm_entry(void);
void psci_cpu1_thumb_entry(void);
void psci_cpu1_main(uint32_t r0, uint32_t cpsr, uint32_t which);

/* CPU1 entry points (ARM and Thumb): NS SVC, IRQ/FIQ masked, MMU off,
 * r0 = context id. Record the state, then CPU_OFF. (MRS reads CPSR.T as 0,
 * so Thumb state shows as the Thumb entry having run at all: in ARM state
 * its encodings would not reach psci_cpu1_main with which = 2.) */
__asm__(".text\n"
	".arm\n"
	".global psci_cpu1_arm_entry\n"
	"psci_cpu1_arm_entry:\n"
	"	mrs	r1, cpsr\n"
	"	mov	r2, #1\n"
	"	ldr	sp, =psci_cpu1_stack + 4096\n"
	"	bl	psci_cpu1_main\n"
	"	b	.\n"
	".ltorg\n"
	".thumb\n"
	".thumb_func\n"
	".global psci_cpu1_thumb_entry\n"
	"psci_cpu1_thumb_entry:\n"
	"	mrs	r1, cpsr\n"
	"	ldr	r2, =psci_cpu1_stack + 4096\n"
	"	mov	sp, r2\n"
	"	ldr	r3, =psci_cpu1_main\n"
	"	movs	r2, #2\n"
	"	blx	r3\n"
	"	b	.\n"
	".ltorg\n"
	".arm\n");

void psci_cpu1_main(uint32_t r0, uint32_t cpsr, uint32_t which)
{
	rep.which = which;
	rep.r0 = r0;
	rep.cpsr = cpsr;
	rep.sctlr = ns_read_sctlr();
	__asm__ volatile("dsb" ::: "memory");
	rep.seen++;
	__asm__ volatile("dsb\n\tsev" ::: "memory");
	smc4(PSCI_CPU_OFF, 0, 0, 0, NULL);
	rep.off_returned = 1;
	for (;;)
		__asm__ volatile("wfe");
}

static int32_t psci(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3)
{
	return (int32_t)smc4(fid, a1, a2, a3, NULL);
}

static void expect(const char *id, const char *what, int32_t got, int32_t want)
{
	ns_case(id, what, got == want, "got %d, expected %d", got, want);
}

static bool wait_seen(uint32_t count)
{
	for (uint32_t i = 0; i < 50000000u; i++) {
		__asm__ volatile("" ::: "memory");
		if (rep.seen >= count)
			return true;
	}
	return false;
}

static bool wait_off(void)
{
	for (uint32_t i = 0; i < 1000000u; i++)
		if (psci(PSCI_AFFINITY_INFO, 1, 0, 0) == PSCI_AFFINITY_OFF)
			return true;
	return false;
}

static void version_cases(void)
{
	static const uint32_t implemented[] = {
		PSCI_VERSION, PSCI_CPU_SUSPEND, PSCI_CPU_OFF, PSCI_CPU_ON, PSCI_AFFINITY_INFO,
		PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_FEATURES,
	};
	bool ok = true;

	expect("ns.psci.version", "PSCI_VERSION is 1.0", psci(PSCI_VERSION, 0, 0, 0),
	       PSCI_VERSION_1_0);
	for (unsigned i = 0; i < NS_ARRAY_SIZE(implemented); i++)
		ok &= psci(PSCI_FEATURES, implemented[i], 0, 0) == PSCI_RET_SUCCESS;
	ns_case("ns.psci.features", "PSCI_FEATURES answers 0 for each of the nine implemented functions",
		ok, "one answered otherwise");
	expect("ns.psci.features_smccc_version",
	       "PSCI_FEATURES(SMCCC_VERSION 0x80000000) is 0: Linux then uses SMCCC 1.1",
	       psci(PSCI_FEATURES, SMCCC_VERSION, 0, 0), PSCI_RET_SUCCESS);
	expect("ns.psci.features_smccc_arch_features", "PSCI_FEATURES(SMCCC_ARCH_FEATURES 0x80000001) is 0",
	       psci(PSCI_FEATURES, SMCCC_ARCH_FEATURES, 0, 0), PSCI_RET_SUCCESS);
	expect("ns.psci.features_unknown", "PSCI_FEATURES of MIGRATE (0x84000005) is NOT_SUPPORTED",
	       psci(PSCI_FEATURES, 0x84000005u, 0, 0), PSCI_RET_NOT_SUPPORTED);
	expect("ns.psci.unknown_fid", "an unimplemented PSCI function (SYSTEM_SUSPEND 0x8400000e) is NOT_SUPPORTED",
	       psci(0x8400000eu, 0, 0, 0), PSCI_RET_NOT_SUPPORTED);
	expect("ns.psci.smc64", "SMC64 CPU_ON (0xc4000003) is not taken as PSCI: NOT_SUPPORTED",
	       psci(0xc4000003u, 1, 0x42000000u, 0), PSCI_RET_NOT_SUPPORTED);
	expect("ns.psci.migrate_info_type", "MIGRATE_INFO_TYPE: 2 (no trusted OS migration)",
	       psci(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), PSCI_MIGRATE_TOS_NOT_PRESENT);
}

static void bad_argument_cases(void)
{
	uint32_t entry = (uint32_t)psci_cpu1_arm_entry;

	expect("ns.psci.affinity_self", "AFFINITY_INFO of CPU0 is ON", psci(PSCI_AFFINITY_INFO, 0, 0, 0),
	       PSCI_AFFINITY_ON);
	expect("ns.psci.affinity_cpu1_off", "AFFINITY_INFO of CPU1 before any CPU_ON is OFF",
	       psci(PSCI_AFFINITY_INFO, 1, 0, 0), PSCI_AFFINITY_OFF);
	expect("ns.psci.affinity_bad_level", "AFFINITY_INFO at level 1 is INVALID_PARAMETERS",
	       psci(PSCI_AFFINITY_INFO, 0, 1, 0), PSCI_RET_INVALID_PARAMETERS);
	expect("ns.psci.affinity_bad_target", "AFFINITY_INFO of a CPU that does not exist is INVALID_PARAMETERS",
	       psci(PSCI_AFFINITY_INFO, 7, 0, 0), PSCI_RET_INVALID_PARAMETERS);
	expect("ns.psci.cpu_on_bad_target", "CPU_ON of MPIDR 5 (no such CPU) is INVALID_PARAMETERS",
	       psci(PSCI_CPU_ON, 5, entry, 0), PSCI_RET_INVALID_PARAMETERS);
	expect("ns.psci.cpu_on_bad_affinity", "CPU_ON of MPIDR 0x101 (cluster 1) is INVALID_PARAMETERS",
	       psci(PSCI_CPU_ON, 0x101, entry, 0), PSCI_RET_INVALID_PARAMETERS);
	expect("ns.psci.cpu_on_secure_entry", "CPU_ON with the entry in secure RAM is INVALID_ADDRESS",
	       psci(PSCI_CPU_ON, 1, 0x0e000000u, 0), PSCI_RET_INVALID_ADDRESS);
	expect("ns.psci.cpu_on_null_entry", "CPU_ON with entry 0 is INVALID_ADDRESS",
	       psci(PSCI_CPU_ON, 1, 0, 0), PSCI_RET_INVALID_ADDRESS);
	expect("ns.psci.cpu_on_self", "CPU_ON of the calling CPU is ALREADY_ON", psci(PSCI_CPU_ON, 0, entry, 0),
	       PSCI_RET_ALREADY_ON);
	expect("ns.psci.suspend_powerdown", "CPU_SUSPEND of a power-down state is INVALID_PARAMETERS",
	       psci(PSCI_CPU_SUSPEND, 1u << 16, entry, 0), PSCI_RET_INVALID_PARAMETERS);
}

static void cpu_on_cases(void)
{
	int32_t r, again;

	r = psci(PSCI_CPU_ON, 1, (uint32_t)psci_cpu1_arm_entry, 0x5eed0001u);
	again = psci(PSCI_CPU_ON, 1, (uint32_t)psci_cpu1_arm_entry, 0);
	expect("ns.psci.cpu_on", "CPU_ON of CPU1 succeeds", r, PSCI_RET_SUCCESS);
	ns_case("ns.psci.cpu_on_twice", "a second CPU_ON of CPU1 right away is ON_PENDING or ALREADY_ON",
		again == PSCI_RET_ON_PENDING || again == PSCI_RET_ALREADY_ON, "got %d", again);
	ns_case("ns.psci.cpu1_runs", "CPU1 reaches its entry point", wait_seen(1), "never arrived");
	ns_case("ns.psci.cpu1_entry_state", "CPU1 enters in NS SVC, ARM state, IRQ/FIQ masked, MMU off, r0 = context id",
		rep.which == 1 && rep.r0 == 0x5eed0001u && (rep.cpsr & 0x1f) == 0x13 &&
		(rep.cpsr & 0xc0) == 0xc0 && !(rep.sctlr & 1u),
		"r0 0x%08x cpsr 0x%08x sctlr 0x%08x", rep.r0, rep.cpsr, rep.sctlr);
	ns_case("ns.psci.cpu_off", "CPU1's CPU_OFF takes it OFF (AFFINITY_INFO) and does not return",
		wait_off() && !rep.off_returned, "still %d, returned %u", psci(PSCI_AFFINITY_INFO, 1, 0, 0),
		rep.off_returned);

	r = psci(PSCI_CPU_ON, 1, (uint32_t)psci_cpu1_thumb_entry, 0x5eed0002u);
	expect("ns.psci.cpu_on_again", "CPU_ON of CPU1 after its CPU_OFF succeeds, with a Thumb entry point",
	       r, PSCI_RET_SUCCESS);
	ns_case("ns.psci.thumb_entry", "CPU1 runs the Thumb entry (odd address) in Thumb state with the new context id, NS SVC, MMU off",
		wait_seen(2) && rep.which == 2 && rep.r0 == 0x5eed0002u && (rep.cpsr & 0x1f) == 0x13 &&
		!(rep.sctlr & 1u),
		"seen %u which %u r0 0x%08x cpsr 0x%08x sctlr 0x%08x", rep.seen, rep.which, rep.r0, rep.cpsr,
		rep.sctlr);
	ns_case("ns.psci.cpu_off_again", "and goes OFF again", wait_off(), "AFFINITY_INFO %d",
		psci(PSCI_AFFINITY_INFO, 1, 0, 0));
}

static void vtimer(uint32_t ctl, uint32_t ticks)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 0\n\tmcr p15, 0, %1, c14, c3, 1\n\tisb"
			 : : "r"(ticks), "r"(ctl) : "memory");
}

/* Standby: the CPU waits for an interrupt in the monitor; the NS virtual
 * timer (PPI 27, Group 1, IRQs masked in CPSR) wakes it. */
static void suspend_case(void)
{
	volatile uint32_t *gicd = (volatile uint32_t *)GICD_BASE;
	volatile uint32_t *gicc = (volatile uint32_t *)GICC_BASE;
	uint32_t iar;
	int32_t r;

	gicd[0] |= 1u;                          /* GICD_CTLR: Group 1 */
	gicd[0x400 / 4 + VTIMER_ID / 4] = 0x80808080u;  /* priorities of 24-27 */
	gicd[0x100 / 4] = 1u << VTIMER_ID;      /* ISENABLER0 */
	gicc[0] |= 1u;                          /* GICC_CTLR: Group 1 */
	vtimer(1, 62500);                       /* ENABLE, ~1 ms */
	r = psci(PSCI_CPU_SUSPEND, 0, 0, 0);
	iar = gicc[0x0c / 4];   /* before the timer is stopped: its PPI is level */
	vtimer(0, 0);
	if ((iar & 0x3ff) < 1020)
		gicc[0x10 / 4] = iar;
	gicd[0x180 / 4] = 1u << VTIMER_ID;      /* ICENABLER0 */
	ns_case("ns.psci.suspend_standby", "CPU_SUSPEND standby returns SUCCESS once the NS timer interrupt is pending",
		r == PSCI_RET_SUCCESS && (iar & 0x3ff) == VTIMER_ID, "got %d, IAR id %u", r, iar & 0x3ff);
}

void ns_payload_run(void)
{
	version_cases();
	bad_argument_cases();
	if (ns_info.cpus < 2) {
		ns_fail("ns.psci.smp", "the PSCI CPU cases need -smp 2 or more", "%d CPU(s)", ns_info.cpus);
		return;
	}
	cpu_on_cases();
	suspend_case();
}
