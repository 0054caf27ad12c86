/*
 * The user-mode ABI between a TA (ta/, the TA library) and mintee's core
 * (core/ta/): entry arguments and syscalls. mintee's own, not OP-TEE's: TAs
 * built with OP-TEE's kit do not run on it. Included by both sides; includes
 * nothing.
 *
 * Entry: the core enters the TA's ELF entry point (ARM or Thumb) in Secure
 * User mode with
 *   r0 = MTA_FUNC_*, r1 = the session context (what OPEN_SESSION returned
 *   through MTA_SYS_RETURN; 0 for OPEN, CREATE, DESTROY),
 *   r2 = struct mta_params * (on the user stack, right above sp),
 *   r3 = the command id (INVOKE_COMMAND), sp = 8-byte aligned.
 * The entry never returns: it ends with MTA_SYS_RETURN(result, context).
 * Memref buffers are mapped for the call only (input read-only); the TA
 * reports the size it wants back in vals[2n + 1] (larger than given with
 * TEE_ERROR_SHORT_BUFFER), and OUTPUT/INOUT values in vals[2n], vals[2n + 1].
 *
 * Syscalls: svc #0, number in r7, arguments in r0-r5, result (a TEE_Result
 * unless said) in r0; r1-r12, sp and lr are preserved. Every pointer is
 * checked against the TA's own mappings. An unknown number kills the TA.
 *
 * VFP/NEON: not available to TAs (build them -mfloat-abi=soft): a VFP
 * instruction is an undefined instruction and kills the TA.
 */
#ifndef MINTEE_TA_ABI_H
#define MINTEE_TA_ABI_H

#define MTA_FUNC_OPEN_SESSION   0
#define MTA_FUNC_CLOSE_SESSION  1
#define MTA_FUNC_INVOKE_COMMAND 2
#define MTA_FUNC_CREATE         3	/* TA_CreateEntryPoint */
#define MTA_FUNC_DESTROY        4	/* TA_DestroyEntryPoint */

/* (result, session context): ends the entry point. */
#define MTA_SYS_RETURN          0
/* (const char *buf, size_t len): one line on the secure console. */
#define MTA_SYS_LOG             1
/* (uint32_t code): TEE_Panic. The instance dies. */
#define MTA_SYS_PANIC           2
/* (void *buf, size_t len): random bytes from the core's DRBG. */
#define MTA_SYS_GET_RANDOM      3
/* (uint32_t which, struct mta_time *t): MTA_TIME_SYSTEM (secure counter since
 * boot) or MTA_TIME_REE (the normal world's wall clock, by RPC). */
#define MTA_SYS_GET_TIME        4
/* (uint32_t flags, const void *buf, size_t len): TEE_SUCCESS when the TA
 * may access [buf, buf + len) as flags say (MTA_ACCESS_*), else
 * TEE_ERROR_ACCESS_DENIED. */
#define MTA_SYS_CHECK_ACCESS    5
/* (uint32_t ms): TEE_Wait. TEE_SUCCESS, or TEE_ERROR_CANCEL when the call
 * is cancelled (and cancellation unmasked). */
#define MTA_SYS_WAIT            6
/* (): r0 = 1 when the call is cancelled and cancellation unmasked, else 0. */
#define MTA_SYS_GET_CANCEL_FLAG 7
/* (): masks (resp. unmasks) cancellation; r0 = 1 if it was masked before.
 * Every entry point starts masked (GP). */
#define MTA_SYS_MASK_CANCEL     8
#define MTA_SYS_UNMASK_CANCEL   9
/* (uint32_t propset, const char *name, size_t name_len, void *buf,
 *  uint32_t *len, uint32_t *type): a property of the TA, the client or the
 * TEE (MTA_PROPSET_*). *len: in, buf's size; out, the value's size (with
 * TEE_ERROR_SHORT_BUFFER when larger than given). *type: MTA_PROP_TYPE_*.
 * Values: BOOL and U32 as uint32_t, UUID as TEE_UUID, IDENTITY as
 * {uint32_t login; TEE_UUID uuid}, STRING NUL-terminated. ITEM_NOT_FOUND for
 * an unknown name. */
#define MTA_SYS_GET_PROPERTY    10
/* (const TEE_UUID *uuid, struct mta_params *params, uint32_t *origin,
 *  uint32_t *session): opens a session to another TA or a built-in service;
 * the callee sees login TEE_LOGIN_TRUSTED_APP and this TA's UUID. params:
 * as at entry, buffers in this TA's memory; sizes and output values are
 * written back. *origin: TEE_ORIGIN_*; *session: a handle of this instance
 * (at most MTA_MAX_TA_SESSIONS at once). */
#define MTA_SYS_OPEN_TA_SESSION 11
/* (uint32_t session, uint32_t cmd, struct mta_params *params, uint32_t *origin) */
#define MTA_SYS_INVOKE_TA_COMMAND 12
/* (uint32_t session) */
#define MTA_SYS_CLOSE_TA_SESSION 13
/*
 * Persistent objects (core/storage/, docs/secure-storage.md), the TA's own
 * only. h: an object handle of this instance, 1..MTA_MAX_OBJECTS, closed
 * when the instance ends. Results as GP says for the matching TEE_ function
 * (BAD_PARAMETERS, ACCESS_CONFLICT for a right the handle lacks: the
 * library panics on those); a bad pointer is ACCESS_DENIED.
 */
/* (uint32_t storage, const void *id, size_t id_len, uint32_t flags, uint32_t *h) */
#define MTA_SYS_STORAGE_OPEN    14
/* (uint32_t storage, const void *id, size_t id_len, uint32_t flags,
 *  const struct mta_data *initial, uint32_t *h): h may be NULL (created and closed) */
#define MTA_SYS_STORAGE_CREATE  15
/* (uint32_t h) */
#define MTA_SYS_STORAGE_CLOSE   16
/* (uint32_t h, void *buf, size_t len, uint32_t *count) */
#define MTA_SYS_STORAGE_READ    17
/* (uint32_t h, const void *buf, size_t len) */
#define MTA_SYS_STORAGE_WRITE   18
/* (uint32_t h, uint32_t size) */
#define MTA_SYS_STORAGE_TRUNCATE 19
/* (uint32_t h, int32_t offset, uint32_t whence) */
#define MTA_SYS_STORAGE_SEEK    20
/* (uint32_t h, const void *id, size_t id_len) */
#define MTA_SYS_STORAGE_RENAME  21
/* (uint32_t h): close and delete; h is closed whatever the result */
#define MTA_SYS_STORAGE_DELETE  22
/* (uint32_t h, struct mta_obj_info *info) */
#define MTA_SYS_STORAGE_INFO    23
/* (uint32_t storage, uint32_t *pos, void *id, uint32_t *id_len,
 *  struct mta_obj_info *info): the object at *pos (0 first), *pos advances;
 * ITEM_NOT_FOUND after the last. *id_len: in, room (at least 64); out, length. */
#define MTA_SYS_STORAGE_ENUM    24
#define MTA_SYS_COUNT           25

#define MTA_MAX_OBJECTS 16

#define MTA_MAX_TA_SESSIONS 8
/* Calls from TA to TA nest at most this deep (the thread's kernel stack). */
#define MTA_MAX_CALL_DEPTH 3
/* Largest memref passed from TA to TA. */
#define MTA_MAX_TA_MEMREF (256u * 1024)

#define MTA_PROPSET_CURRENT_TA     0xFFFFFFFFu	/* = TEE_PROPSET_CURRENT_TA */
#define MTA_PROPSET_CURRENT_CLIENT 0xFFFFFFFEu
#define MTA_PROPSET_TEE_IMPLEMENTATION 0xFFFFFFFDu

#define MTA_PROP_TYPE_BOOL     0	/* OP-TEE's USER_TA_PROP_TYPE_* numbers */
#define MTA_PROP_TYPE_U32      1
#define MTA_PROP_TYPE_UUID     2
#define MTA_PROP_TYPE_IDENTITY 3
#define MTA_PROP_TYPE_STRING   4

#define MTA_TIME_SYSTEM 0
#define MTA_TIME_REE    1

#define MTA_ACCESS_READ  0x1u	/* = TEE_MEMORY_ACCESS_READ */
#define MTA_ACCESS_WRITE 0x2u	/* = TEE_MEMORY_ACCESS_WRITE */
#define MTA_ACCESS_ANY_OWNER 0x4u	/* = TEE_MEMORY_ACCESS_ANY_OWNER */

#ifndef __ASSEMBLY__
#include <stdint.h>
/* Entry parameters: types = TEE_PARAM_TYPES(...); for param n, vals[2n] is
 * value.a or the buffer's address, vals[2n + 1] value.b or its size. */
struct mta_params {
	uint32_t types;
	uint32_t vals[8];
};

struct mta_time {
	uint32_t seconds;
	uint32_t millis;
};

struct mta_data {
	const void *buf;
	uint32_t len;
};

/* TEE_ObjectInfo of a persistent data object. */
struct mta_obj_info {
	uint32_t type;
	uint32_t usage;
	uint32_t data_size;
	uint32_t data_pos;
	uint32_t handle_flags;
};
#endif
#endif
