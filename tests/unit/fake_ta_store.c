/* Host stand-in for the user-TA runtime (core/ta) in tests that drive the
 * message layer without it: every UUID no built-in service answers is
 * missing, as with a tee-supplicant that has no TAs. */
#include <stdint.h>
#include <optee_msg.h>
#include <ta_runtime.h>

uint32_t ta_open_session(const uint8_t uuid[16], uint32_t login, const uint8_t client[16],
			 uint32_t ptypes, union tee_param p[TEE_NUM_PARAMS], uint32_t *id,
			 uint32_t *origin)
{
	(void)uuid; (void)login; (void)client; (void)ptypes; (void)p; (void)id; (void)origin;
	return TEE_ERROR_ITEM_NOT_FOUND;
}
