/*
 * Fast-call dispatch and decoding (thread/entry_fast.c, thread/thread.c) and
 * NS address checks (mm/ns_mem.c), on the host.
 */
#include <string.h>
#include <optee_smc.h>
#include <thread.h>
#include <core_mmu.h>
#include "fake_arch.h"
#include "unit_test.h"

/* Stand-ins for entry_std.c / thread_pool.c. */
static uint32_t caps = OPTEE_SMC_SEC_CAP_DYNAMIC_SHM;
uint32_t thread_sec_caps(void) { return caps; }
uint32_t thread_rpc_param_count(void) { return 0; }
unsigned int thread_std_fn_count(void) { return 4; }
unsigned int thread_get_count(void) { return 3; }
void thread_init(unsigned int n) { (void)n; }

static struct thread_smc_args call(uint32_t a0, uint32_t a1)
{
	struct thread_smc_args a = { a0, a1, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777 };

	thread_handle_fast_smc(&a);
	return a;
}

static void test_calls_uid(void)
{
	struct thread_smc_args a = call(OPTEE_SMC_CALLS_UID, 0);

	UT_EQ(a.a0, 0x384fb3e0);
	UT_EQ(a.a1, 0xe7f811e3);
	UT_EQ(a.a2, 0xaf630002);
	UT_EQ(a.a3, 0xa5d5c51b);
	UT_EQ(a.a4, 0x4444);
}

static void test_revisions(void)
{
	struct thread_smc_args a = call(OPTEE_SMC_CALLS_REVISION, 0);

	UT_EQ(a.a0, 2);
	UT_EQ(a.a1, 0);
	a = call(OPTEE_SMC_GET_OS_REVISION, 0);
	UT_EQ(a.a0, MINTEE_VERSION_MAJOR);
	UT_EQ(a.a1, MINTEE_VERSION_MINOR);
	UT_EQ(a.a2, MINTEE_BUILD_ID);
	a = call(OPTEE_SMC_GET_OS_UUID, 0);
	UT_EQ(a.a0, 0x486178e0);
	UT_EQ(a.a3, 0xa5d5c51b);
}

static void test_calls_count(void)
{
	/* 3 API + 8 Trusted OS fast calls + 4 yielding ones. */
	UT_EQ(call(OPTEE_SMC_CALLS_COUNT, 0).a0, 15);
}

static void test_capabilities(void)
{
	struct thread_smc_args a = call(OPTEE_SMC_EXCHANGE_CAPABILITIES,
					OPTEE_SMC_NSEC_CAP_UNIPROCESSOR);

	UT_EQ(a.a0, 0);
	UT_EQ(a.a1, OPTEE_SMC_SEC_CAP_DYNAMIC_SHM);
	UT_EQ(a.a2, 0);
	UT_EQ(a.a3, 0);
	UT_EQ(call(OPTEE_SMC_EXCHANGE_CAPABILITIES, 2).a0, OPTEE_SMC_RETURN_ENOTAVAIL);
}

static void test_shm_calls(void)
{
	UT_EQ(call(OPTEE_SMC_GET_SHM_CONFIG, 0).a0, OPTEE_SMC_RETURN_ENOTAVAIL); /* dynamic */
	UT_EQ(call(OPTEE_SMC_DISABLE_SHM_CACHE, 0).a0, OPTEE_SMC_RETURN_ENOTAVAIL);
	UT_EQ(call(OPTEE_SMC_ENABLE_SHM_CACHE, 0).a0, OPTEE_SMC_RETURN_OK);
	UT_EQ(call(OPTEE_SMC_GET_THREAD_COUNT, 0).a1, 3);
	UT_EQ(call(OPTEE_SMC_L2CC_MUTEX, 3).a0, OPTEE_SMC_RETURN_ENOTAVAIL);
	UT_EQ(call(OPTEE_SMC_L2CC_MUTEX, 4).a0, OPTEE_SMC_RETURN_EBADCMD);
}

static void test_smccc(void)
{
	UT_EQ(call(SMCCC_VERSION, 0).a0, SMCCC_VERSION_1_1);
	UT_EQ(call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_FEATURES).a0, 0);
	UT_EQ(call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1).a0, 0);	/* ICIALLU on every entry */
	UT_EQ(call(SMCCC_ARCH_FEATURES, 0x80003fff).a0, SMCCC_RET_NOT_SUPPORTED);
}

static void test_unknown_ids(void)
{
	static const uint32_t ids[] = {
		0xB2000002, 0xB2000010, 0xB20000FF, 0xB2001000, 0xB2010000, 0xBF00FF02,
		0xBF00FF04, 0xBF000000, 0xC2000001, 0xFF00FF01, 0x81000000, 0x83000000,
		0xB1000000, 0xB3000000, 0x80000002, 0xBF01FF01,
	};
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct thread_smc_args a = call(ids[i], 0x1111);

		UT_EQ(a.a0, OPTEE_SMC_RETURN_UNKNOWN_FUNCTION);
		UT_EQ(a.a1, 0x1111);	/* nothing but a0 changes */
		UT_EQ(a.a3, 0x3333);
	}
}

static void test_unknown_logged_once(void)
{
	fake_log_clear();
	call(0xB200000E, 0);
	call(0xB200000E, 0);
	call(0xB200000E, 0);
	UT_EQ(fake_log_lines, 1);
	UT_ASSERT(strstr(fake_log, "0xb200000e") != NULL);
	call(0xB200000D, 0);
	UT_EQ(fake_log_lines, 2);
}

static void test_ns_ranges(void)
{
	core_ns_mem_init(0x40000000, 0x40000000);
	fake_shm_pa = 0x7fe00000;
	fake_shm_size = 0x200000;
	UT_ASSERT(core_ns_range_ok(0x40000000, 32));
	UT_ASSERT(core_ns_range_ok(0x7fffffe0, 32));
	UT_ASSERT(!core_ns_range_ok(0x7ffffff0, 32));		/* crosses the end */
	UT_ASSERT(!core_ns_range_ok(0x3ffffff8, 16));		/* starts below */
	UT_ASSERT(!core_ns_range_ok(0x0e000000, 32));		/* secure RAM */
	UT_ASSERT(!core_ns_range_ok(0x40000000, 0));		/* empty */
	UT_ASSERT(!core_ns_range_ok(0xfffffffffffffff8ull, 16));	/* wraps */
	UT_ASSERT(!core_ns_range_ok(0x40000000, 0xffffffffffffffffull));
	UT_ASSERT(core_ns_range_in_shm(0x7fe00000, 0x200000));
	UT_ASSERT(!core_ns_range_in_shm(0x7fdffff8, 16));
	UT_ASSERT(!core_ns_range_in_shm(0x48000000, 32));
}

int main(void)
{
	UT_RUN("fast", calls_uid, "CALLS_UID answers the OP-TEE API UID, a4-a7 untouched");
	UT_RUN("fast", revisions, "CALLS_REVISION 2.0, GET_OS_REVISION with the build id, GET_OS_UUID");
	UT_RUN("fast", calls_count, "CALLS_COUNT counts the implemented functions");
	UT_RUN("fast", capabilities, "EXCHANGE_CAPABILITIES: caps, unknown NS caps refused");
	UT_RUN("fast", shm_calls, "shm config/cache, thread count, L2CC_MUTEX sub-commands");
	UT_RUN("fast", smccc, "SMCCC_VERSION and ARCH_FEATURES");
	UT_RUN("fast", unknown_ids, "unknown ids of every owner, SMC64 and bad bits 23:16");
	UT_RUN("fast", unknown_logged_once, "an unknown id is logged once, naming its value");
	UT_RUN("mm", ns_ranges, "NS RAM and carve-out range checks: bounds, wrap, empty");
	return UT_DONE();
}
