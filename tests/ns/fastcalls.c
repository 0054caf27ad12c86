/* Payload "fast": entry state, every fast call the firmware answers, the
 * shared-memory mode, and unknown function ids of every owner. */
#include "ns.h"
#include "cases.h"
#include "optee_smc.h"

#ifndef MINTEE_BUILD_ID
#error "build with -DMINTEE_BUILD_ID=0x<id> (tests/ns/ns.mk passes the top Makefile's BUILD_ID)"
#endif

const char ns_payload_name[] = "fast";

#define SHM_BITS (OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM | OPTEE_SMC_SEC_CAP_DYNAMIC_SHM)
#define SEC_CAP_ASYNC_NOTIF (1u << 5)
#define RESERVED_SHM_SIZE 0x200000u

static void generic_calls(void)
{
	struct smc_regs r;

	static const uint32_t uid[4] = { OPTEE_MSG_UID_0, OPTEE_MSG_UID_1, OPTEE_MSG_UID_2, OPTEE_MSG_UID_3 };
	smc4(OPTEE_SMC_CALLS_UID, 0, 0, 0, &r);
	ns_expect_regs("ns.fast.calls_uid", "CALLS_UID 0xbf00ff01 returns the OP-TEE API UID 384fb3e0-e7f8-11e3-af63-0002a5d5c51b",
		       &r, uid, 0xf, NULL);

	static const uint32_t rev[2] = { OPTEE_MSG_REVISION_MAJOR, OPTEE_MSG_REVISION_MINOR };
	smc4(OPTEE_SMC_CALLS_REVISION, 0, 0, 0, &r);
	ns_expect_regs("ns.fast.calls_revision", "CALLS_REVISION 0xbf00ff03 returns 2.0", &r, rev, 0x3, NULL);

	smc4(OPTEE_SMC_CALLS_COUNT, 0, 0, 0, &r);
	ns_expect_eq("ns.fast.calls_count", "CALLS_COUNT 0xbf00ff00 returns 15", r.r[0], 15);

	static const uint32_t os_uuid[4] = { OPTEE_OS_UUID_0, OPTEE_OS_UUID_1, OPTEE_OS_UUID_2, OPTEE_OS_UUID_3 };
	smc4(OPTEE_SMC_GET_OS_UUID, 0, 0, 0, &r);
	ns_expect_regs("ns.fast.os_uuid", "GET_OS_UUID 0xb2000000 returns 486178e0-e7f8-11e3-bc5e-0002a5d5c51b",
		       &r, os_uuid, 0xf, NULL);

	static const uint32_t os_rev[3] = { 0, 1, MINTEE_BUILD_ID };
	smc4(OPTEE_SMC_GET_OS_REVISION, 0, 0, 0, &r);
	ns_expect_regs("ns.fast.os_revision", "GET_OS_REVISION 0xb2000001 returns 0.1 and the build id of this tree",
		       &r, os_rev, 0x7, NULL);

	uint32_t threads = ns_info.cpus > 2 ? (uint32_t)ns_info.cpus : 2;
	uint32_t want_threads[2] = { OPTEE_SMC_RETURN_OK, threads };
	smc4(OPTEE_SMC_GET_THREAD_COUNT, 0, 0, 0, &r);
	if (ns_info.cpus <= 0)
		ns_fail("ns.fast.thread_count", "GET_THREAD_COUNT 0xb200000f returns max(2, CPUs in the DTB)",
			"no cpu@ nodes under /cpus in the DTB at r2");
	else
		ns_expect_regs("ns.fast.thread_count", "GET_THREAD_COUNT 0xb200000f returns max(2, CPUs in the DTB)",
			       &r, want_threads, 0x3, NULL);
}

/* ns.mode.*: the firmware's shared-memory mode is the one the runner built. */
static void mode_cases(void)
{
	enum ns_shm_mode want = ns_info.expected_shm, have = ns_firmware_shm_mode();

	ns_case("ns.mode.bootargs", "the runner's expected mode arrives as ns.shm= in /chosen/bootargs",
		want != NS_SHM_UNKNOWN, "bootargs \"%s\"", ns_info.bootargs);
	ns_case("ns.mode.matches", "EXCHANGE_CAPABILITIES reports the shared-memory mode the runner expects",
		want != NS_SHM_UNKNOWN && want == have, "firmware reports %s, runner expects %s",
		ns_shm_mode_name(have), ns_shm_mode_name(want));
}

static void capabilities_case(const char *id, const char *what, uint32_t nsec, uint32_t shm_bit)
{
	struct smc_regs r;
	smc4(OPTEE_SMC_EXCHANGE_CAPABILITIES, nsec, 0, 0, &r);
	/* Later work adds MEMREF_NULL and RPC_ARG: only the shared-memory bits
	 * are checked in a1; a3 is the RPC parameter count once RPC_ARG is
	 * offered, a2 the notification maximum once ASYNC_NOTIF is. */
	uint32_t exp[4] = { OPTEE_SMC_RETURN_OK, shm_bit, 0, 0 };
	uint32_t and_mask[4] = { 0xffffffffu, SHM_BITS, 0xffffffffu, 0xffffffffu };
	struct smc_regs c = r;
	if (r.r[1] & SEC_CAP_ASYNC_NOTIF)
		c.r[2] = 0;
	if ((r.r[1] & OPTEE_SMC_SEC_CAP_RPC_ARG) && (r.r[3] & 0xff))
		c.r[3] = 0;
	ns_expect_regs(id, what, &c, exp, 0xf, and_mask);
}

static void shm_cases(void)
{
	enum ns_shm_mode mode = ns_shm_mode();
	bool reserved = mode == NS_SHM_RESERVED;
	uint32_t shm_bit = reserved ? OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM : OPTEE_SMC_SEC_CAP_DYNAMIC_SHM;
	struct smc_regs r;

	capabilities_case("ns.fast.caps_smp",
			  reserved ? "EXCHANGE_CAPABILITIES(a1=0) returns OK, HAVE_RESERVED_SHM only, a2 = a3 = 0"
				   : "EXCHANGE_CAPABILITIES(a1=0) returns OK, DYNAMIC_SHM only, a2 = a3 = 0",
			  0, shm_bit);
	capabilities_case("ns.fast.caps_up",
			  reserved ? "EXCHANGE_CAPABILITIES(a1=UNIPROCESSOR) returns OK, HAVE_RESERVED_SHM only"
				   : "EXCHANGE_CAPABILITIES(a1=UNIPROCESSOR) returns OK, DYNAMIC_SHM only",
			  OPTEE_SMC_NSEC_CAP_UNIPROCESSOR, shm_bit);
	ns_expect_eq("ns.fast.caps_unknown_nsec", "EXCHANGE_CAPABILITIES with an unknown NSEC bit (0x2) returns ENOTAVAIL",
		     smc4(OPTEE_SMC_EXCHANGE_CAPABILITIES, 0x2, 0, 0, NULL), OPTEE_SMC_RETURN_ENOTAVAIL);

	smc4(OPTEE_SMC_GET_SHM_CONFIG, 0, 0, 0, &r);
	if (reserved) {
		if (!ns_info.ram_end) {
			ns_fail("ns.fast.shm_config", "GET_SHM_CONFIG returns the 2 MiB carve-out at the end of NS RAM, cached",
				"no /memory reg in the DTB");
		} else {
			uint32_t exp[4] = { OPTEE_SMC_RETURN_OK, ns_info.ram_end - RESERVED_SHM_SIZE, RESERVED_SHM_SIZE,
					    OPTEE_SMC_SHM_CACHED };
			ns_expect_regs("ns.fast.shm_config",
				       "GET_SHM_CONFIG returns the 2 MiB carve-out at the end of NS RAM, cached", &r, exp, 0xf, NULL);
		}
	} else {
		ns_expect_eq("ns.fast.shm_config", "GET_SHM_CONFIG returns ENOTAVAIL with dynamic shared memory",
			     r.r[0], OPTEE_SMC_RETURN_ENOTAVAIL);
	}

	ns_expect_eq("ns.fast.disable_shm_cache", "DISABLE_SHM_CACHE returns ENOTAVAIL (nothing cached)",
		     smc4(OPTEE_SMC_DISABLE_SHM_CACHE, 0, 0, 0, NULL), OPTEE_SMC_RETURN_ENOTAVAIL);
	ns_expect_eq("ns.fast.enable_shm_cache", "ENABLE_SHM_CACHE returns OK",
		     smc4(OPTEE_SMC_ENABLE_SHM_CACHE, 0, 0, 0, NULL), OPTEE_SMC_RETURN_OK);
	ns_expect_eq("ns.fast.disable_shm_cache_again", "DISABLE_SHM_CACHE after ENABLE still returns ENOTAVAIL",
		     smc4(OPTEE_SMC_DISABLE_SHM_CACHE, 0, 0, 0, NULL), OPTEE_SMC_RETURN_ENOTAVAIL);
}

static void misc_cases(void)
{
	static const char *const l2cc_ids[4] = {
		"ns.fast.l2cc_get_addr", "ns.fast.l2cc_set_addr", "ns.fast.l2cc_enable", "ns.fast.l2cc_disable",
	};
	static const char *const l2cc_what[4] = {
		"L2CC_MUTEX GET_ADDR returns ENOTAVAIL", "L2CC_MUTEX SET_ADDR returns ENOTAVAIL",
		"L2CC_MUTEX ENABLE returns ENOTAVAIL", "L2CC_MUTEX DISABLE returns ENOTAVAIL",
	};
	for (uint32_t i = 0; i < 4; i++)
		ns_expect_eq(l2cc_ids[i], l2cc_what[i], smc4(OPTEE_SMC_L2CC_MUTEX, i, 0x40000000u, 0, NULL),
			     OPTEE_SMC_RETURN_ENOTAVAIL);
	ns_expect_eq("ns.fast.l2cc_bad_cmd", "L2CC_MUTEX with an unknown sub-command (4) returns EBADCMD",
		     smc4(OPTEE_SMC_L2CC_MUTEX, 4, 0, 0, NULL), OPTEE_SMC_RETURN_EBADCMD);

	ns_expect_eq("ns.fast.smccc_version", "SMCCC_VERSION 0x80000000 returns 1.1 (0x10001)",
		     smc4(SMCCC_VERSION, 0, 0, 0, NULL), SMCCC_VERSION_1_1);
	ns_expect_eq("ns.fast.arch_features_version", "SMCCC_ARCH_FEATURES(SMCCC_VERSION) returns 0 (implemented)",
		     smc4(SMCCC_ARCH_FEATURES, SMCCC_VERSION, 0, 0, NULL), 0);
	ns_expect_eq("ns.fast.arch_features_workaround_1",
		     "SMCCC_ARCH_FEATURES(ARCH_WORKAROUND_1) returns 0: every entry invalidates the branch predictor",
		     smc4(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1, 0, 0, NULL), 0);
	ns_expect_eq("ns.fast.arch_workaround_1", "SMCCC_ARCH_WORKAROUND_1 (0x80008000) returns 0",
		     smc4(SMCCC_ARCH_WORKAROUND_1, 0, 0, 0, NULL), 0);
	ns_expect_eq("ns.fast.arch_features_workaround_3",
		     "SMCCC_ARCH_FEATURES(ARCH_WORKAROUND_3 0x80003fff, Spectre-BHB) returns NOT_SUPPORTED (not claimed)",
		     smc4(SMCCC_ARCH_FEATURES, 0x80003fffu, 0, 0, NULL), SMCCC_RET_NOT_SUPPORTED);
	uint32_t actlr;
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 1" : "=r"(actlr));
	/* The firmware sets SMP (bit 6) and IBE (bit 0). QEMU models the A15's
	 * ACTLR as read-as-zero, writes ignored: then neither bit reads back. */
	ns_case("ns.fast.actlr_ibe",
		"ACTLR.IBE (bit 0) reads as set (Linux's Spectre v2 check), or ACTLR reads 0 altogether (QEMU: RAZ/WI)",
		(actlr & 1u) || actlr == 0, "ACTLR 0x%08x: other bits kept, IBE not set", actlr);
}

/* ns.unknown.<id>: UNKNOWN_FUNCTION and every other register untouched. */
static const struct {
	uint32_t id;
	const char *what;
} unknown_ids[] = {
	{ 0xB2000002u, "unused fast Trusted OS function 2" },
	{ 0xB2001000u, "fast Trusted OS function 0x1000" },
	{ 0xB20000FFu, "fast Trusted OS function 0xff" },
	{ 0xBF00FF02u, "Trusted OS API function 0xff02" },
	{ 0x32000099u, "unknown yielding function 0x99" },
	{ 0xC2000001u, "SMC64 Trusted OS call" },
	{ 0x81000000u, "owner 1 (CPU service)" },
	{ 0x82000000u, "owner 2 (SiP)" },
	{ 0x83000000u, "owner 3 (OEM)" },
	{ 0x86000000u, "owner 6 (reserved range 6..49)" },
	{ 0xB1000000u, "owner 49 (trusted application range)" },
	{ 0xB3000000u, "owner 51 (Trusted OS range)" },
	{ 0xBE000000u, "owner 62 (Trusted OS range)" },
	{ 0xB2010000u, "bits 23:16 non-zero" },
	{ 0x80001234u, "unknown Arm architecture call" },
};

static void unknown_cases(void)
{
	static struct ns_regs_probe p;
	for (unsigned i = 0; i < NS_ARRAY_SIZE(unknown_ids); i++) {
		char id[48], what[128];
		uint32_t fid = unknown_ids[i].id;
		ns_snprintf(id, sizeof(id), "ns.unknown.%08x", fid);
		ns_snprintf(what, sizeof(what), "0x%08x (%s) returns UNKNOWN_FUNCTION, r1-r12 and banked registers unchanged",
			    fid, unknown_ids[i].what);
		ns_regs_fill(&p, 0x40 + i);
		p.args[0] = fid;
		p.args[1] = 0x11110000u | i;
		p.args[2] = 0x22220000u | i;
		p.args[3] = 0x33330000u | i;
		ns_regs_probe_smc(&p);
		uint32_t exp[4] = { OPTEE_SMC_RETURN_UNKNOWN_FUNCTION, p.args[1], p.args[2], p.args[3] };
		ns_expect_probe(id, what, &p, exp, 0xf);
	}
}

void ns_payload_run(void)
{
	ns_entry_cases();
	generic_calls();
	mode_cases();
	shm_cases();
	misc_cases();
	unknown_cases();
}
