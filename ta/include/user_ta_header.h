/*
 * What the dev kit builds into every TA from its user_ta_header_defines.h
 * (src/user_ta_header.c): the TA header the loader reads, and the property
 * table of the current TA. Layouts as OP-TEE's (ta-abi.md C.2-C.4).
 */
#ifndef USER_TA_HEADER_H
#define USER_TA_HEADER_H
#include <tee_api_types.h>

#define TA_FLAG_SINGLE_INSTANCE        (1u << 2)
#define TA_FLAG_MULTI_SESSION          (1u << 3)
#define TA_FLAG_INSTANCE_KEEP_ALIVE    (1u << 4)
#define TA_FLAG_SECURE_DATA_PATH       (1u << 5)
#define TA_FLAG_CACHE_MAINTENANCE      (1u << 7)
#define TA_FLAG_CONCURRENT             (1u << 8)
#define TA_FLAG_DEVICE_ENUM            (1u << 9)
#define TA_FLAG_DEVICE_ENUM_SUPP       (1u << 10)
#define TA_FLAG_DONT_CLOSE_HANDLE_ON_CORRUPT_OBJECT (1u << 11)
#define TA_FLAG_DEVICE_ENUM_TEE_STORAGE_PRIVATE (1u << 12)
#define TA_FLAG_INSTANCE_KEEP_CRASHED  (1u << 13)
/* Deprecated, kept so that old TAs build: they mean nothing. */
#define TA_FLAG_USER_MODE              0
#define TA_FLAG_EXEC_DDR               0
#define TA_FLAG_REMAP_SUPPORT          0
#define TA_FLAGS_MASK                  0x3fffu

/* Stack the runtime itself needs on top of TA_STACK_SIZE. */
#define TA_FRAMEWORK_STACK_SIZE 2048

struct ta_head {
	TEE_UUID uuid;
	uint32_t stack_size;
	uint32_t flags;
	uint64_t depr_entry;	/* always ~0: no legacy entry */
};
_Static_assert(sizeof(struct ta_head) == 32, "ta-abi.md C.2");

enum user_ta_prop_type {
	USER_TA_PROP_TYPE_BOOL,		/* bool */
	USER_TA_PROP_TYPE_U32,		/* uint32_t */
	USER_TA_PROP_TYPE_UUID,		/* TEE_UUID */
	USER_TA_PROP_TYPE_IDENTITY,	/* TEE_Identity */
	USER_TA_PROP_TYPE_STRING,	/* zero-terminated string of char */
	USER_TA_PROP_TYPE_BINARY_BLOCK,	/* zero-terminated base64 string */
	USER_TA_PROP_TYPE_U64,		/* uint64_t */
	USER_TA_PROP_TYPE_INVALID,
};

struct user_ta_property {
	const char *name;
	enum user_ta_prop_type type;
	const void *value;
};

extern const struct ta_head ta_head;
extern const struct user_ta_property ta_props[];
extern const size_t ta_num_props;
/* The TEE_Malloc pool: TA_DATA_SIZE bytes in the TA's .bss. */
extern uint8_t ta_heap[];
extern const size_t ta_heap_size;
#endif
