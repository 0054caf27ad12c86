/*
 * A minimal TA image for the loader's unit tests (never run): a ta_head
 * exported as a dynamic symbol, initialised pointers (R_ARM_RELATIVE
 * relocations), read-only data and a bss. Built with the secure-world
 * toolchain as an ARM ET_DYN (-pie), as OP-TEE's dev kit links TAs.
 */
#include <stdint.h>

struct ta_head {
	uint32_t time_low;
	uint16_t time_mid, time_hi;
	uint8_t clock_seq_node[8];
	uint32_t stack_size;
	uint32_t flags;
	uint64_t depr_entry;
};

/* UUID 5ce0c432-0ab0-40e5-a056-782ca0e6ab01, SINGLE_INSTANCE | MULTI_SESSION */
__attribute__((section(".ta_head"), used)) const struct ta_head ta_head = {
	0x5ce0c432, 0x0ab0, 0x40e5, { 0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0x01 },
	4096, 0xc, 0xffffffffffffffffull
};

int counter = 5;
int *ptrs[3] = { &counter, 0, &counter };
const char *msg = "hello";
char big[10000];

int __ta_entry(int x)
{
	big[x] = 1;
	return *ptrs[x & 1] + msg[0] + counter + big[x / 2];
}
