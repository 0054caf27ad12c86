/*
 * Hello world, as a user TA: one VALUE_INOUT parameter, incremented or
 * decremented. Each session gets its own instance (TA_FLAGS 0).
 */
#include <inttypes.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>
#include <hello_world_ta.h>

#define VALUE_INOUT_ONLY TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, TEE_PARAM_TYPE_NONE, \
					 TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE)

TEE_Result TA_CreateEntryPoint(void)
{
	DMSG("hello world: instance created");
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	DMSG("hello world: instance destroyed");
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types, TEE_Param __maybe_unused params[4],
				    void __maybe_unused **sess_ctx)
{
	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	IMSG("Hello World!");
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void __maybe_unused *sess_ctx)
{
	IMSG("Goodbye!");
}

TEE_Result TA_InvokeCommandEntryPoint(void __maybe_unused *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types, TEE_Param params[4])
{
	if (param_types != VALUE_INOUT_ONLY)
		return TEE_ERROR_BAD_PARAMETERS;
	switch (cmd_id) {
	case TA_HELLO_WORLD_CMD_INC_VALUE:
		IMSG("value %" PRIu32 " + 1", params[0].value.a);
		params[0].value.a++;
		return TEE_SUCCESS;
	case TA_HELLO_WORLD_CMD_DEC_VALUE:
		IMSG("value %" PRIu32 " - 1", params[0].value.a);
		params[0].value.a--;
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}
