/*
 * The GP TEE Internal Core API, as much of it as mintee's TA library has so
 * far (issue 12 grows it into the dev kit). GP/OP-TEE names and values.
 */
#ifndef TEE_INTERNAL_API_H
#define TEE_INTERNAL_API_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t TEE_Result;

typedef struct {
	uint32_t timeLow;
	uint16_t timeMid;
	uint16_t timeHiAndVersion;
	uint8_t clockSeqAndNode[8];
} TEE_UUID;

typedef union {
	struct { void *buffer; size_t size; } memref;
	struct { uint32_t a, b; } value;
} TEE_Param;

typedef struct {
	uint32_t seconds;
	uint32_t millis;
} TEE_Time;

#define TEE_SUCCESS                  0x00000000u
#define TEE_ERROR_GENERIC            0xFFFF0000u
#define TEE_ERROR_ACCESS_DENIED      0xFFFF0001u
#define TEE_ERROR_CANCEL             0xFFFF0002u
#define TEE_ERROR_BAD_FORMAT         0xFFFF0005u
#define TEE_ERROR_BAD_PARAMETERS     0xFFFF0006u
#define TEE_ERROR_BAD_STATE          0xFFFF0007u
#define TEE_ERROR_ITEM_NOT_FOUND     0xFFFF0008u
#define TEE_ERROR_NOT_IMPLEMENTED    0xFFFF0009u
#define TEE_ERROR_NOT_SUPPORTED      0xFFFF000Au
#define TEE_ERROR_OUT_OF_MEMORY      0xFFFF000Cu
#define TEE_ERROR_BUSY               0xFFFF000Du
#define TEE_ERROR_SHORT_BUFFER       0xFFFF0010u
#define TEE_ERROR_TARGET_DEAD        0xFFFF3024u

#define TEE_PARAM_TYPE_NONE          0
#define TEE_PARAM_TYPE_VALUE_INPUT   1
#define TEE_PARAM_TYPE_VALUE_OUTPUT  2
#define TEE_PARAM_TYPE_VALUE_INOUT   3
#define TEE_PARAM_TYPE_MEMREF_INPUT  5
#define TEE_PARAM_TYPE_MEMREF_OUTPUT 6
#define TEE_PARAM_TYPE_MEMREF_INOUT  7
#define TEE_PARAM_TYPES(t0, t1, t2, t3) \
	((t0) | ((t1) << 4) | ((t2) << 8) | ((t3) << 12))
#define TEE_PARAM_TYPE_GET(t, i) (((t) >> ((i) * 4)) & 0xF)
#define TEE_NUM_PARAMS 4

#define TEE_MEMORY_ACCESS_READ      0x00000001u
#define TEE_MEMORY_ACCESS_WRITE     0x00000002u
#define TEE_MEMORY_ACCESS_ANY_OWNER 0x00000004u

typedef struct {
	uint32_t login;
	TEE_UUID uuid;
} TEE_Identity;

typedef uint32_t TEE_PropSetHandle;
#define TEE_PROPSET_CURRENT_TA         ((TEE_PropSetHandle)0xFFFFFFFF)
#define TEE_PROPSET_CURRENT_CLIENT     ((TEE_PropSetHandle)0xFFFFFFFE)
#define TEE_PROPSET_TEE_IMPLEMENTATION ((TEE_PropSetHandle)0xFFFFFFFD)

#define TEE_LOGIN_PUBLIC      0x00000000u
#define TEE_LOGIN_TRUSTED_APP 0xF0000000u

typedef struct __TEE_TASessionHandle *TEE_TASessionHandle;
#define TEE_HANDLE_NULL 0
#define TEE_TIMEOUT_INFINITE 0xFFFFFFFFu
#define TEE_ORIGIN_API         1u
#define TEE_ORIGIN_COMMS       2u
#define TEE_ORIGIN_TEE         3u
#define TEE_ORIGIN_TRUSTED_APP 4u

/* The entry points a TA defines. */
TEE_Result TA_CreateEntryPoint(void);
void TA_DestroyEntryPoint(void);
TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes, TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext);
void TA_CloseSessionEntryPoint(void *sessionContext);
TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID,
				      uint32_t paramTypes, TEE_Param params[TEE_NUM_PARAMS]);

void TEE_Panic(TEE_Result panicCode) __attribute__((noreturn));

/* The TA heap: TA_DATA_SIZE bytes in the TA's .bss (ta/lib/tee_malloc.c). */
#define TEE_MALLOC_FILL_ZERO 0x00000000u
#define TEE_MALLOC_NO_FILL   0x00000001u
void *TEE_Malloc(size_t size, uint32_t hint);
void *TEE_Realloc(void *buffer, size_t newSize);
void TEE_Free(void *buffer);
void TEE_GenerateRandom(void *randomBuffer, size_t randomBufferLen);
void TEE_GetSystemTime(TEE_Time *time);
TEE_Result TEE_GetREETime(TEE_Time *time);
TEE_Result TEE_CheckMemoryAccessRights(uint32_t accessFlags, void *buffer, size_t size);
TEE_Result TEE_Wait(uint32_t timeout);
bool TEE_GetCancellationFlag(void);
bool TEE_MaskCancellation(void);
bool TEE_UnmaskCancellation(void);
TEE_Result TEE_GetPropertyAsString(TEE_PropSetHandle set, const char *name, char *value,
				   size_t *valueLen);
TEE_Result TEE_GetPropertyAsBool(TEE_PropSetHandle set, const char *name, bool *value);
TEE_Result TEE_GetPropertyAsU32(TEE_PropSetHandle set, const char *name, uint32_t *value);
TEE_Result TEE_GetPropertyAsUUID(TEE_PropSetHandle set, const char *name, TEE_UUID *value);
TEE_Result TEE_GetPropertyAsIdentity(TEE_PropSetHandle set, const char *name,
				     TEE_Identity *value);

/* Sessions to other TAs and built-in services. The cancellation timeout is
 * not supported yet (ignored). */
TEE_Result TEE_OpenTASession(const TEE_UUID *destination, uint32_t cancellationRequestTimeout,
			     uint32_t paramTypes, TEE_Param params[TEE_NUM_PARAMS],
			     TEE_TASessionHandle *session, uint32_t *returnOrigin);
TEE_Result TEE_InvokeTACommand(TEE_TASessionHandle session, uint32_t cancellationRequestTimeout,
			       uint32_t commandID, uint32_t paramTypes,
			       TEE_Param params[TEE_NUM_PARAMS], uint32_t *returnOrigin);
void TEE_CloseTASession(TEE_TASessionHandle session);

/* Trace: one line on the secure console ("TA <uuid>: ..."). */
void trace_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define IMSG(...) trace_printf(__VA_ARGS__)
#define EMSG(...) trace_printf(__VA_ARGS__)
#define DMSG(...) trace_printf(__VA_ARGS__)
#endif
