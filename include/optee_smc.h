/* OP-TEE SMC ABI constants (facts from optee-abi.md; our own spelling).
 * Shared by the firmware, the host unit tests and the NS test payloads. */
#ifndef OPTEE_SMC_H
#define OPTEE_SMC_H

#define OPTEE_SMC_FAST_CALL            0x80000000u
#define OPTEE_SMC_64                   0x40000000u
#define OPTEE_SMC_OWNER_SHIFT          24
#define OPTEE_SMC_OWNER_MASK           0x3fu
#define OPTEE_SMC_OWNER_ARCH           0
#define OPTEE_SMC_OWNER_STANDARD       4
#define OPTEE_SMC_OWNER_TRUSTED_OS     50
#define OPTEE_SMC_OWNER_TRUSTED_OS_API 63

#define OPTEE_SMC_FUNC(id)             ((id) & 0xffffu)
#define OPTEE_SMC_OWNER(id)            (((id) >> OPTEE_SMC_OWNER_SHIFT) & OPTEE_SMC_OWNER_MASK)
#define OPTEE_SMC_IS_FAST(id)          (((id) & OPTEE_SMC_FAST_CALL) != 0)

/* Generic Trusted OS API queries (owner 63). */
#define OPTEE_SMC_CALLS_COUNT          0xBF00FF00u
#define OPTEE_SMC_CALLS_UID            0xBF00FF01u
#define OPTEE_SMC_CALLS_REVISION       0xBF00FF03u

/* Trusted OS fast calls (owner 50). */
#define OPTEE_SMC_GET_OS_UUID          0xB2000000u
#define OPTEE_SMC_GET_OS_REVISION      0xB2000001u
#define OPTEE_SMC_GET_SHM_CONFIG       0xB2000007u
#define OPTEE_SMC_L2CC_MUTEX           0xB2000008u
#define OPTEE_SMC_EXCHANGE_CAPABILITIES 0xB2000009u
#define OPTEE_SMC_DISABLE_SHM_CACHE    0xB200000Au
#define OPTEE_SMC_ENABLE_SHM_CACHE     0xB200000Bu
#define OPTEE_SMC_BOOT_SECONDARY       0xB200000Cu
#define OPTEE_SMC_GET_THREAD_COUNT     0xB200000Fu

/* Trusted OS yielding ("std") calls (owner 50). */
#define OPTEE_SMC_RETURN_FROM_RPC      0x32000003u
#define OPTEE_SMC_CALL_WITH_ARG        0x32000004u
#define OPTEE_SMC_CALL_WITH_RPC_ARG    0x32000012u
#define OPTEE_SMC_CALL_WITH_REGD_ARG   0x32000013u

/* Arm architecture calls (owner 0). */
#define SMCCC_VERSION                  0x80000000u
#define SMCCC_ARCH_FEATURES            0x80000001u
#define SMCCC_ARCH_WORKAROUND_1        0x80008000u
#define SMCCC_VERSION_1_1              0x00010001u
#define SMCCC_RET_NOT_SUPPORTED        0xFFFFFFFFu

/* Return codes in a0. */
#define OPTEE_SMC_RETURN_OK            0x0u
#define OPTEE_SMC_RETURN_ETHREAD_LIMIT 0x1u
#define OPTEE_SMC_RETURN_EBUSY         0x2u
#define OPTEE_SMC_RETURN_ERESUME       0x3u
#define OPTEE_SMC_RETURN_EBADADDR      0x4u
#define OPTEE_SMC_RETURN_EBADCMD       0x5u
#define OPTEE_SMC_RETURN_ENOMEM        0x6u
#define OPTEE_SMC_RETURN_ENOTAVAIL     0x7u
#define OPTEE_SMC_RETURN_UNKNOWN_FUNCTION 0xFFFFFFFFu

#define OPTEE_SMC_RETURN_RPC_PREFIX    0xFFFF0000u
#define OPTEE_SMC_RPC_FUNC_ALLOC       0u
#define OPTEE_SMC_RPC_FUNC_FREE        2u
#define OPTEE_SMC_RPC_FUNC_FOREIGN_INTR 4u
#define OPTEE_SMC_RPC_FUNC_CMD         5u
#define OPTEE_SMC_RETURN_IS_RPC(x) \
	((x) != OPTEE_SMC_RETURN_UNKNOWN_FUNCTION && ((x) & 0xFFFF0000u) == OPTEE_SMC_RETURN_RPC_PREFIX)

/* OP-TEE API UID 384fb3e0-e7f8-11e3-af63-0002a5d5c51b */
#define OPTEE_MSG_UID_0                0x384fb3e0u
#define OPTEE_MSG_UID_1                0xe7f811e3u
#define OPTEE_MSG_UID_2                0xaf630002u
#define OPTEE_MSG_UID_3                0xa5d5c51bu
/* OP-TEE OS UUID 486178e0-e7f8-11e3-bc5e-0002a5d5c51b */
#define OPTEE_OS_UUID_0                0x486178e0u
#define OPTEE_OS_UUID_1                0xe7f811e3u
#define OPTEE_OS_UUID_2                0xbc5e0002u
#define OPTEE_OS_UUID_3                0xa5d5c51bu
#define OPTEE_MSG_REVISION_MAJOR       2u
#define OPTEE_MSG_REVISION_MINOR       0u

/* EXCHANGE_CAPABILITIES bits. */
#define OPTEE_SMC_NSEC_CAP_UNIPROCESSOR    (1u << 0)
#define OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM (1u << 0)
#define OPTEE_SMC_SEC_CAP_UNREGISTERED_SHM (1u << 1)
#define OPTEE_SMC_SEC_CAP_DYNAMIC_SHM      (1u << 2)
#define OPTEE_SMC_SEC_CAP_MEMREF_NULL      (1u << 4)
#define OPTEE_SMC_SEC_CAP_RPC_ARG          (1u << 6)

#define OPTEE_SMC_SHM_CACHED               1u

/* L2CC_MUTEX sub-commands (a1). */
#define OPTEE_SMC_L2CC_MUTEX_GET_ADDR  0u
#define OPTEE_SMC_L2CC_MUTEX_SET_ADDR  1u
#define OPTEE_SMC_L2CC_MUTEX_ENABLE    2u
#define OPTEE_SMC_L2CC_MUTEX_DISABLE   3u

/* PSCI 1.0, SMC32 (owner 4). */
#define PSCI_VERSION                   0x84000000u
#define PSCI_CPU_SUSPEND               0x84000001u
#define PSCI_CPU_OFF                   0x84000002u
#define PSCI_CPU_ON                    0x84000003u
#define PSCI_AFFINITY_INFO             0x84000004u
#define PSCI_MIGRATE_INFO_TYPE         0x84000006u
#define PSCI_SYSTEM_OFF                0x84000008u
#define PSCI_SYSTEM_RESET              0x84000009u
#define PSCI_FEATURES                  0x8400000Au
#define PSCI_VERSION_1_0               0x00010000u
#define PSCI_RET_SUCCESS               0
#define PSCI_RET_NOT_SUPPORTED         (-1)
#define PSCI_RET_INVALID_PARAMETERS    (-2)
#define PSCI_RET_DENIED                (-3)
#define PSCI_RET_ALREADY_ON            (-4)
#define PSCI_RET_ON_PENDING            (-5)
#define PSCI_RET_INTERNAL_FAILURE      (-6)
#define PSCI_RET_NOT_PRESENT           (-7)
#define PSCI_RET_DISABLED              (-8)
#define PSCI_RET_INVALID_ADDRESS       (-9)
#define PSCI_AFFINITY_ON               0
#define PSCI_AFFINITY_OFF              1
#define PSCI_AFFINITY_ON_PENDING       2
#define PSCI_MIGRATE_TOS_NOT_PRESENT   2

#endif
