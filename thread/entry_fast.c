/*
 * Fast calls: table-driven. fast_services[] is indexed by bits 30:24 of the
 * function id (SMC64 flag + owner); every slot holds a service, and every
 * service slot holds a handler, so an unknown id always lands in
 * fast_unknown().
 */
#include <stddef.h>
#include <optee_smc.h>
#include <thread.h>
#include <core_mmu.h>
#include <mintee_config.h>
#include <console.h>

struct fast_service {
	uint16_t first_fn;
	uint16_t count;
	const thread_smc_handler_t *handlers;
};

static void fast_unknown(struct thread_smc_args *a)
{
	thread_log_unknown_fid("fast", a->a0);
	a->a0 = OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
}

static void fast_calls_count(struct thread_smc_args *a);

static void fast_calls_uid(struct thread_smc_args *a)
{
	a->a0 = OPTEE_MSG_UID_0;
	a->a1 = OPTEE_MSG_UID_1;
	a->a2 = OPTEE_MSG_UID_2;
	a->a3 = OPTEE_MSG_UID_3;
}

static void fast_calls_revision(struct thread_smc_args *a)
{
	a->a0 = OPTEE_MSG_REVISION_MAJOR;
	a->a1 = OPTEE_MSG_REVISION_MINOR;
}

static void fast_get_os_uuid(struct thread_smc_args *a)
{
	a->a0 = OPTEE_OS_UUID_0;
	a->a1 = OPTEE_OS_UUID_1;
	a->a2 = OPTEE_OS_UUID_2;
	a->a3 = OPTEE_OS_UUID_3;
}

static void fast_get_os_revision(struct thread_smc_args *a)
{
	a->a0 = MINTEE_VERSION_MAJOR;
	a->a1 = MINTEE_VERSION_MINOR;
	a->a2 = MINTEE_BUILD_ID;
}

static void fast_get_shm_config(struct thread_smc_args *a)
{
	uint64_t pa, size;

	if (!IS_ENABLED_SHM_RESERVED || !core_mmu_get_shm_carveout(&pa, &size)) {
		a->a0 = OPTEE_SMC_RETURN_ENOTAVAIL;
		return;
	}
	a->a0 = OPTEE_SMC_RETURN_OK;
	a->a1 = (uint32_t)pa;
	a->a2 = (uint32_t)size;
	a->a3 = OPTEE_SMC_SHM_CACHED;
}

/* There is no PL310 on this platform: every sub-command is "not available". */
static void fast_l2cc_mutex(struct thread_smc_args *a)
{
	if (a->a1 > OPTEE_SMC_L2CC_MUTEX_DISABLE) {
		log_reject("fast: L2CC_MUTEX bad sub-command %u", a->a1);
		a->a0 = OPTEE_SMC_RETURN_EBADCMD;
		return;
	}
	a->a0 = OPTEE_SMC_RETURN_ENOTAVAIL;
}

static void fast_exchange_capabilities(struct thread_smc_args *a)
{
	if (a->a1 & ~OPTEE_SMC_NSEC_CAP_UNIPROCESSOR) {
		log_reject("fast: EXCHANGE_CAPABILITIES unknown NS caps 0x%x", a->a1);
		a->a0 = OPTEE_SMC_RETURN_ENOTAVAIL;
		return;
	}
	a->a0 = OPTEE_SMC_RETURN_OK;
	a->a1 = thread_sec_caps();
	a->a2 = 0;
	a->a3 = thread_rpc_param_count();
}

/* Nothing is ever cached: the drain loop ends at once. */
static void fast_disable_shm_cache(struct thread_smc_args *a)
{
	a->a0 = OPTEE_SMC_RETURN_ENOTAVAIL;
}

static void fast_enable_shm_cache(struct thread_smc_args *a)
{
	a->a0 = OPTEE_SMC_RETURN_OK;
}

static void fast_get_thread_count(struct thread_smc_args *a)
{
	a->a0 = OPTEE_SMC_RETURN_OK;
	a->a1 = thread_get_count();
}

static void smccc_version(struct thread_smc_args *a)
{
	a->a0 = SMCCC_VERSION_1_1;
}

/* ARCH_WORKAROUND_1 (Spectre v2) is implemented, and effective: every
 * entry from the normal world invalidates the branch predictor (ICIALLU with
 * ACTLR.IBE, sm_a32.S), so the call itself is answered by the monitor with
 * nothing more to do. WORKAROUND_2/3 (SSB, BHB) are not claimed. */
static void smccc_arch_features(struct thread_smc_args *a)
{
	if (a->a1 == SMCCC_VERSION || a->a1 == SMCCC_ARCH_FEATURES ||
	    a->a1 == SMCCC_ARCH_WORKAROUND_1)
		a->a0 = 0;
	else
		a->a0 = SMCCC_RET_NOT_SUPPORTED;
}

/* Owner 50, function numbers 0..15. */
static const thread_smc_handler_t tos_fast_handlers[16] = {
	[0 ... 15] = fast_unknown,
	[OPTEE_SMC_FUNC(OPTEE_SMC_GET_OS_UUID)] = fast_get_os_uuid,
	[OPTEE_SMC_FUNC(OPTEE_SMC_GET_OS_REVISION)] = fast_get_os_revision,
	[OPTEE_SMC_FUNC(OPTEE_SMC_GET_SHM_CONFIG)] = fast_get_shm_config,
	[OPTEE_SMC_FUNC(OPTEE_SMC_L2CC_MUTEX)] = fast_l2cc_mutex,
	[OPTEE_SMC_FUNC(OPTEE_SMC_EXCHANGE_CAPABILITIES)] = fast_exchange_capabilities,
	[OPTEE_SMC_FUNC(OPTEE_SMC_DISABLE_SHM_CACHE)] = fast_disable_shm_cache,
	[OPTEE_SMC_FUNC(OPTEE_SMC_ENABLE_SHM_CACHE)] = fast_enable_shm_cache,
	[OPTEE_SMC_FUNC(OPTEE_SMC_GET_THREAD_COUNT)] = fast_get_thread_count,
};

/* Owner 63, function numbers 0xFF00..0xFF03. */
static const thread_smc_handler_t api_fast_handlers[4] = {
	fast_calls_count, fast_calls_uid, fast_unknown, fast_calls_revision,
};

/* Owner 0 (Arm architecture), function numbers 0..1. */
static const thread_smc_handler_t arch_fast_handlers[2] = {
	smccc_version, smccc_arch_features,
};

static const thread_smc_handler_t unknown_handlers[1] = { fast_unknown };

static const struct fast_service svc_unknown = { 0, 0, unknown_handlers };
static const struct fast_service svc_tos = { 0, 16, tos_fast_handlers };
static const struct fast_service svc_api = { 0xFF00, 4, api_fast_handlers };
static const struct fast_service svc_arch = { 0, 2, arch_fast_handlers };

/* Index: bits 30:24 of the id (SMC64 flag and owner). SMC64 ids all land in
 * svc_unknown: this is an AArch32-only firmware. */
static const struct fast_service *const fast_services[128] = {
	[0 ... 127] = &svc_unknown,
	[OPTEE_SMC_OWNER_ARCH] = &svc_arch,
	[OPTEE_SMC_OWNER_TRUSTED_OS] = &svc_tos,
	[OPTEE_SMC_OWNER_TRUSTED_OS_API] = &svc_api,
};

/* Counts the implemented owner-50/63 functions (fast and yielding). */
static void fast_calls_count(struct thread_smc_args *a)
{
	unsigned int n = 0, i;

	for (i = 0; i < 16; i++)
		n += tos_fast_handlers[i] != fast_unknown;
	for (i = 0; i < 4; i++)
		n += api_fast_handlers[i] != fast_unknown;
	a->a0 = n + thread_std_fn_count();
}

void thread_handle_fast_smc(struct thread_smc_args *a)
{
	uint32_t fid = a->a0;
	const struct fast_service *svc = fast_services[(fid >> 24) & 0x7f];
	uint32_t idx = (fid & 0x00ffffffu) - svc->first_fn;

	/* bits 23:16 must be zero: they make idx out of range. */
	if (idx < svc->count)
		svc->handlers[idx](a);
	else
		fast_unknown(a);
}
