/* ta_head and the heap from the TA's user_ta_header_defines.h (found
 * through -I of the TA's own directory), as OP-TEE's kit builds them. */
#include <user_ta_header.h>
#include <user_ta_header_defines.h>

/* The TA's framework needs room of its own on the stack (entry, params). */
#define TA_FRAMEWORK_STACK_SIZE 2048

__attribute__((section(".ta_head"), used))
const struct ta_head ta_head = {
	.uuid = TA_UUID,
	.stack_size = TA_STACK_SIZE + TA_FRAMEWORK_STACK_SIZE,
	.flags = TA_FLAGS,
	.depr_entry = UINT64_MAX,
};

/* The heap (tee_malloc.c): in .bss, zeroed by the loader. */
#ifndef TA_DATA_SIZE
#define TA_DATA_SIZE (32 * 1024)
#endif
uint8_t ta_heap[TA_DATA_SIZE] __attribute__((aligned(8)));
const size_t ta_heap_size = TA_DATA_SIZE;
