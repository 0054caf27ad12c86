// SPDX-License-Identifier: BSD-2-Clause
/*
 * mintee's libteec header as the ARM32 compiler lays it out: every size,
 * offset, constant and prototype test_teec_abi.sh compares with upstream's
 * recorded values. Compiled with arm-linux-gnueabihf-gcc -S only (never
 * run): each ABI() leaves a line "@ABI <name> <value>" in the assembly.
 */
#include <stddef.h>

#include "tee_client_api.h"
#include "tee_client_api_extensions.h"

#define ABI(name, val) \
	__asm__ volatile("\n@ABI " name " %c0" : : "i"((unsigned long)(val)))
#define SIZE(T) ABI("sizeof " #T, sizeof(T))
#define OFF(T, f) ABI("offsetof " #T "." #f, offsetof(T, f))
#define CONST(c) ABI("value " #c, c)
#define PROTO(fn, type) \
	ABI("prototype " #fn, __builtin_types_compatible_p(__typeof__(&fn), type))

void teec_abi(void);

void teec_abi(void)
{
	SIZE(TEEC_Context);
	OFF(TEEC_Context, fd);
	OFF(TEEC_Context, reg_mem);
	OFF(TEEC_Context, memref_null);
	SIZE(TEEC_UUID);
	OFF(TEEC_UUID, timeLow);
	OFF(TEEC_UUID, timeMid);
	OFF(TEEC_UUID, timeHiAndVersion);
	OFF(TEEC_UUID, clockSeqAndNode);
	SIZE(TEEC_SharedMemory);
	OFF(TEEC_SharedMemory, buffer);
	OFF(TEEC_SharedMemory, size);
	OFF(TEEC_SharedMemory, flags);
	OFF(TEEC_SharedMemory, id);
	OFF(TEEC_SharedMemory, alloced_size);
	OFF(TEEC_SharedMemory, shadow_buffer);
	OFF(TEEC_SharedMemory, registered_fd);
	OFF(TEEC_SharedMemory, internal);
	SIZE(TEEC_TempMemoryReference);
	OFF(TEEC_TempMemoryReference, buffer);
	OFF(TEEC_TempMemoryReference, size);
	SIZE(TEEC_RegisteredMemoryReference);
	OFF(TEEC_RegisteredMemoryReference, parent);
	OFF(TEEC_RegisteredMemoryReference, size);
	OFF(TEEC_RegisteredMemoryReference, offset);
	SIZE(TEEC_Value);
	OFF(TEEC_Value, a);
	OFF(TEEC_Value, b);
	SIZE(TEEC_Parameter);
	SIZE(TEEC_Session);
	OFF(TEEC_Session, ctx);
	OFF(TEEC_Session, session_id);
	SIZE(TEEC_Operation);
	OFF(TEEC_Operation, started);
	OFF(TEEC_Operation, paramTypes);
	OFF(TEEC_Operation, params);
	OFF(TEEC_Operation, session);

	CONST(TEEC_CONFIG_PAYLOAD_REF_COUNT);
	CONST(TEEC_NONE);
	CONST(TEEC_VALUE_INPUT);
	CONST(TEEC_VALUE_OUTPUT);
	CONST(TEEC_VALUE_INOUT);
	CONST(TEEC_MEMREF_TEMP_INPUT);
	CONST(TEEC_MEMREF_TEMP_OUTPUT);
	CONST(TEEC_MEMREF_TEMP_INOUT);
	CONST(TEEC_MEMREF_WHOLE);
	CONST(TEEC_MEMREF_PARTIAL_INPUT);
	CONST(TEEC_MEMREF_PARTIAL_OUTPUT);
	CONST(TEEC_MEMREF_PARTIAL_INOUT);
	CONST(TEEC_MEM_INPUT);
	CONST(TEEC_MEM_OUTPUT);
	CONST(TEEC_LOGIN_PUBLIC);
	CONST(TEEC_LOGIN_USER);
	CONST(TEEC_LOGIN_GROUP);
	CONST(TEEC_LOGIN_APPLICATION);
	CONST(TEEC_LOGIN_USER_APPLICATION);
	CONST(TEEC_LOGIN_GROUP_APPLICATION);
	CONST(TEEC_PARAM_TYPES(1, 2, 3, 0xf));
	CONST(TEEC_ORIGIN_API);
	CONST(TEEC_ORIGIN_COMMS);
	CONST(TEEC_ORIGIN_TEE);
	CONST(TEEC_ORIGIN_TRUSTED_APP);

	PROTO(TEEC_InitializeContext, TEEC_Result (*)(const char *, TEEC_Context *));
	PROTO(TEEC_FinalizeContext, void (*)(TEEC_Context *));
	PROTO(TEEC_OpenSession, TEEC_Result (*)(TEEC_Context *, TEEC_Session *,
		const TEEC_UUID *, uint32_t, const void *, TEEC_Operation *, uint32_t *));
	PROTO(TEEC_CloseSession, void (*)(TEEC_Session *));
	PROTO(TEEC_InvokeCommand, TEEC_Result (*)(TEEC_Session *, uint32_t,
		TEEC_Operation *, uint32_t *));
	PROTO(TEEC_RegisterSharedMemory, TEEC_Result (*)(TEEC_Context *, TEEC_SharedMemory *));
	PROTO(TEEC_AllocateSharedMemory, TEEC_Result (*)(TEEC_Context *, TEEC_SharedMemory *));
	PROTO(TEEC_ReleaseSharedMemory, void (*)(TEEC_SharedMemory *));
	PROTO(TEEC_RequestCancellation, void (*)(TEEC_Operation *));
	PROTO(TEEC_RegisterSharedMemoryFileDescriptor,
	      TEEC_Result (*)(TEEC_Context *, TEEC_SharedMemory *, int));
}
