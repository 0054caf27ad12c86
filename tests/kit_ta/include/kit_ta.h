#ifndef KIT_TA_H
#define KIT_TA_H
#include <stdint.h>

#define KIT_TA_UUID { 0x6b69745f, 0x7461, 0x4f6d, \
		      { 0x8e, 0x74, 0x65, 0x65, 0x73, 0x74, 0x74, 0x61 } }

/* Commands; p0 is VALUE_INOUT in each. */
#define KIT_TA_CMD_INC       0	/* a += 1 */
#define KIT_TA_CMD_FLAGS     1	/* a = CFG_ define, b = per-file + per-dir cflags */
#define KIT_TA_CMD_HEAP      2	/* a = 1 when TEE_Malloc/Realloc/Free behave */
#define KIT_TA_CMD_SNPRINTF  3	/* a = strlen(snprintf("%u-%u", a, b)) */
#define KIT_TA_CMD_PROPS     4	/* a = the U32 extension property, b = 1 if the string one matches */
#define KIT_TA_CMD_RANDOM    5	/* a = 1 when 32 random bytes are not all zero */
#define KIT_TA_CMD_INSTANCE  6	/* a = 1 when TEE_SetInstanceData/GetInstanceData agree */
#define KIT_TA_CMD_PROPS2    7	/* a = KIT_TA_PROPS2_ALL when U64, binary blocks and the
				 * enumerators behave; b = properties of the current TA */
#define KIT_TA_PROPS2_ALL    0x3f
#define KIT_TA_CMD_BAD_ENUM  8	/* TEE_GetPropertyName on a handle that is no enumerator:
				 * GP says panic, so the call ends TARGET_DEAD */
#define KIT_TA_CMD_TIME      9	/* a = 1 when 1000 TEE_GetSystemTime readings never go back,
				 * b = 1 when TEE_Wait(20) lets at least 20 ms pass */

uint32_t kit_util_flag(void);
#endif
