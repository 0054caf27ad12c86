/* The TA's header (ta-abi.md C.2, C.3): what the loader reads from the ELF's
 * `ta_head` dynamic symbol. */
#ifndef USER_TA_HEADER_H
#define USER_TA_HEADER_H
#include <stdint.h>
#include <tee_internal_api.h>

#define TA_FLAG_SINGLE_INSTANCE     (1u << 2)
#define TA_FLAG_MULTI_SESSION       (1u << 3)
#define TA_FLAG_INSTANCE_KEEP_ALIVE (1u << 4)

struct ta_head {
	TEE_UUID uuid;
	uint32_t stack_size;
	uint32_t flags;
	uint64_t depr_entry;	/* always UINT64_MAX */
};
_Static_assert(sizeof(struct ta_head) == 32, "ta-abi.md C.2");

extern const struct ta_head ta_head;
#endif
