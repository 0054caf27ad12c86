/* Host stand-in for core/ta/ta_store.c in tests that drive the message
 * layer without the RPC machinery: every UUID no built-in service answers
 * is missing, as with a tee-supplicant that has no TAs. */
#include <stdint.h>
#include <optee_msg.h>
#include <ta_store.h>

uint32_t ta_store_open_placeholder(const uint8_t uuid[16])
{
	(void)uuid;
	return TEE_ERROR_ITEM_NOT_FOUND;
}
