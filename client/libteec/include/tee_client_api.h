/*
 * mintee libteec: GlobalPlatform TEE Client API 1.0 for Linux's TEE subsystem.
 *
 * A binary drop-in for OP-TEE's libteec.so.1 (optee_client up to 4.1, e.g.
 * Debian bookworm's libteec1 3.19): the same names, values and prototypes,
 * and on every ABI the same struct sizes and field offsets, in the 3.19
 * header form (implementation fields directly in the structs; optee_client
 * 4.2 wrapped the same fields in a member named imp without moving them).
 * The fields marked "implementation defined" belong to the library;
 * applications must not rely on them. tests/unit/teec_abi.c checks the
 * layout against upstream's recorded ARM32 values.
 */
#ifndef TEE_CLIENT_API_H
#define TEE_CLIENT_API_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Parameters per TEEC_Operation. */
#define TEEC_CONFIG_PAYLOAD_REF_COUNT 4

/*
 * Largest shared memory block. The real limit is the kernel's (free memory,
 * or the reserved pool); this API adds none of its own.
 */
#define TEEC_CONFIG_SHAREDMEM_MAX_SIZE ULONG_MAX

/* Parameter types, one nibble each in TEEC_Operation.paramTypes. */
#define TEEC_NONE                   0x00000000
#define TEEC_VALUE_INPUT            0x00000001
#define TEEC_VALUE_OUTPUT           0x00000002
#define TEEC_VALUE_INOUT            0x00000003
#define TEEC_MEMREF_TEMP_INPUT      0x00000005
#define TEEC_MEMREF_TEMP_OUTPUT     0x00000006
#define TEEC_MEMREF_TEMP_INOUT      0x00000007
#define TEEC_MEMREF_WHOLE           0x0000000C
#define TEEC_MEMREF_PARTIAL_INPUT   0x0000000D
#define TEEC_MEMREF_PARTIAL_OUTPUT  0x0000000E
#define TEEC_MEMREF_PARTIAL_INOUT   0x0000000F

/* TEEC_SharedMemory.flags: direction(s) the block may carry data in. */
#define TEEC_MEM_INPUT   0x00000001
#define TEEC_MEM_OUTPUT  0x00000002

/* Return codes (TEEC_Result). */
#define TEEC_SUCCESS                       0x00000000
#define TEEC_ERROR_STORAGE_NOT_AVAILABLE   0xF0100003
#define TEEC_ERROR_GENERIC                 0xFFFF0000
#define TEEC_ERROR_ACCESS_DENIED           0xFFFF0001
#define TEEC_ERROR_CANCEL                  0xFFFF0002
#define TEEC_ERROR_ACCESS_CONFLICT         0xFFFF0003
#define TEEC_ERROR_EXCESS_DATA             0xFFFF0004
#define TEEC_ERROR_BAD_FORMAT              0xFFFF0005
#define TEEC_ERROR_BAD_PARAMETERS          0xFFFF0006
#define TEEC_ERROR_BAD_STATE               0xFFFF0007
#define TEEC_ERROR_ITEM_NOT_FOUND          0xFFFF0008
#define TEEC_ERROR_NOT_IMPLEMENTED         0xFFFF0009
#define TEEC_ERROR_NOT_SUPPORTED           0xFFFF000A
#define TEEC_ERROR_NO_DATA                 0xFFFF000B
#define TEEC_ERROR_OUT_OF_MEMORY           0xFFFF000C
#define TEEC_ERROR_BUSY                    0xFFFF000D
#define TEEC_ERROR_COMMUNICATION           0xFFFF000E
#define TEEC_ERROR_SECURITY                0xFFFF000F
#define TEEC_ERROR_SHORT_BUFFER            0xFFFF0010
#define TEE_ERROR_EXTERNAL_CANCEL          0xFFFF0011
#define TEEC_ERROR_EXTERNAL_CANCEL         0xFFFF0011
#define TEE_ERROR_OVERFLOW                 0xFFFF300F
#define TEE_ERROR_TARGET_DEAD              0xFFFF3024
#define TEEC_ERROR_TARGET_DEAD             0xFFFF3024
#define TEE_ERROR_STORAGE_NO_SPACE         0xFFFF3041
#define TEEC_ERROR_STORAGE_NO_SPACE        0xFFFF3041
#define TEE_ERROR_MAC_INVALID              0xFFFF3071
#define TEE_ERROR_SIGNATURE_INVALID        0xFFFF3072
#define TEE_ERROR_TIME_NOT_SET             0xFFFF5000
#define TEE_ERROR_TIME_NEEDS_RESET         0xFFFF5001

/* Where a result came from (returnOrigin). */
#define TEEC_ORIGIN_API          0x00000001
#define TEEC_ORIGIN_COMMS        0x00000002
#define TEEC_ORIGIN_TEE          0x00000003
#define TEEC_ORIGIN_TRUSTED_APP  0x00000004

/*
 * Login methods for TEEC_OpenSession(). GROUP and GROUP_APPLICATION take a
 * pointer to a gid_t as connectionData. The kernel decides what it accepts:
 * Linux 6.12 computes identities for PUBLIC, USER and GROUP and refuses the
 * APPLICATION variants (TEEC_ERROR_BAD_PARAMETERS, origin TEEC_ORIGIN_COMMS).
 */
#define TEEC_LOGIN_PUBLIC             0x00000000
#define TEEC_LOGIN_USER               0x00000001
#define TEEC_LOGIN_GROUP              0x00000002
#define TEEC_LOGIN_APPLICATION        0x00000004
#define TEEC_LOGIN_USER_APPLICATION   0x00000005
#define TEEC_LOGIN_GROUP_APPLICATION  0x00000006

/* Packs four parameter types into paramTypes; p0 in the low nibble. */
#define TEEC_PARAM_TYPES(p0, p1, p2, p3) \
	((uint32_t)(p0) | ((uint32_t)(p1) << 4) | ((uint32_t)(p2) << 8) | \
	 ((uint32_t)(p3) << 12))

/* Type of parameter i (0..3) in a packed paramTypes word. */
#define TEEC_PARAM_TYPE_GET(p, i) (((uint32_t)(p) >> ((i) * 4)) & 0xF)

typedef uint32_t TEEC_Result;

/* A connection to one TEE device (/dev/teeN). */
typedef struct {
	/* implementation defined */
	int fd;           /* the open /dev/teeN */
	bool reg_mem;     /* TEE_GEN_CAP_REG_MEM: user memory can be registered */
	bool memref_null; /* TEE_GEN_CAP_MEMREF_NULL: NULL memrefs reach the TEE */
} TEEC_Context;

/* RFC 4122 UUID of a trusted application or service. */
typedef struct {
	uint32_t timeLow;
	uint16_t timeMid;
	uint16_t timeHiAndVersion;
	uint8_t clockSeqAndNode[8];
} TEEC_UUID;

/*
 * A block of memory shared with the TEE. The application fills buffer (for
 * TEEC_RegisterSharedMemory), size and flags; the rest is the library's.
 */
typedef struct {
	void *buffer;
	size_t size;
	uint32_t flags;
	/* implementation defined */
	int id;              /* kernel shm id, -1 when not shared */
	size_t alloced_size; /* bytes registered or mapped */
	void *shadow_buffer; /* the copy the TEE sees, when buffer is not shared itself */
	int registered_fd;   /* kernel shm file descriptor, -1 when none is kept */
	union {
		bool dummy;
		uint8_t flags; /* what the library allocated (see the source) */
	} internal;
} TEEC_SharedMemory;

/* Application memory shared for one operation only. */
typedef struct {
	void *buffer;
	size_t size;
} TEEC_TempMemoryReference;

/* A whole or partial reference into a TEEC_SharedMemory. */
typedef struct {
	TEEC_SharedMemory *parent;
	size_t size;
	size_t offset;
} TEEC_RegisteredMemoryReference;

/* Two 32-bit integers passed by value. */
typedef struct {
	uint32_t a;
	uint32_t b;
} TEEC_Value;

typedef union {
	TEEC_TempMemoryReference tmpref;
	TEEC_RegisteredMemoryReference memref;
	TEEC_Value value;
} TEEC_Parameter;

/* An open session with one trusted application. */
typedef struct {
	/* implementation defined */
	TEEC_Context *ctx;
	uint32_t session_id;
} TEEC_Session;

/*
 * The payload of TEEC_OpenSession / TEEC_InvokeCommand. The library never
 * reads or writes started (as OP-TEE's does not).
 */
typedef struct {
	uint32_t started;
	uint32_t paramTypes;
	TEEC_Parameter params[TEEC_CONFIG_PAYLOAD_REF_COUNT];
	/* implementation defined */
	TEEC_Session *session; /* set by TEEC_InvokeCommand: what a cancellation addresses */
} TEEC_Operation;

/*
 * Connects to the first /dev/tee0../dev/tee9 that is a GlobalPlatform TEE.
 * name NULL: any; "optee-tz": OP-TEE in TrustZone only; any other name:
 * TEEC_ERROR_ITEM_NOT_FOUND.
 */
TEEC_Result TEEC_InitializeContext(const char *name, TEEC_Context *context);

/* Closes the connection; sessions and shared memory must be gone first. */
void TEEC_FinalizeContext(TEEC_Context *context);

TEEC_Result TEEC_OpenSession(TEEC_Context *context, TEEC_Session *session,
			     const TEEC_UUID *destination,
			     uint32_t connectionMethod,
			     const void *connectionData,
			     TEEC_Operation *operation,
			     uint32_t *returnOrigin);

void TEEC_CloseSession(TEEC_Session *session);

TEEC_Result TEEC_InvokeCommand(TEEC_Session *session, uint32_t commandID,
			       TEEC_Operation *operation,
			       uint32_t *returnOrigin);

/* Shares application memory (buffer, size, flags) with the TEE. */
TEEC_Result TEEC_RegisterSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem);

/* Allocates size bytes of shared memory into sharedMem->buffer. */
TEEC_Result TEEC_AllocateSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem);

void TEEC_ReleaseSharedMemory(TEEC_SharedMemory *sharedMemory);

/*
 * Asks the TEE to cancel the command last invoked with operation (on the
 * session TEEC_InvokeCommand recorded in it). An operation that was never
 * invoked, or is being used to open a session, records no session: then
 * nothing is sent. A hint only: the trusted application may finish anyway.
 */
void TEEC_RequestCancellation(TEEC_Operation *operation);

#ifdef __cplusplus
}
#endif

#endif /* TEE_CLIENT_API_H */
