/*
 * Random bytes for a client, from the core's DRBG (TEE_GenerateRandom): one
 * MEMREF_OUTPUT parameter, filled in full. The bytes are drawn into the TA's
 * own heap first, so a client never sees a partly written buffer.
 */
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>
#include <random_ta.h>

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t __maybe_unused param_types,
				    TEE_Param __maybe_unused params[4],
				    void __maybe_unused **sess_ctx)
{
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void __maybe_unused *sess_ctx)
{
}

static TEE_Result generate(uint32_t param_types, TEE_Param params[4])
{
	void *buf;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT, TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	buf = TEE_Malloc(params[0].memref.size, TEE_MALLOC_NO_FILL);
	if (!buf)
		return TEE_ERROR_OUT_OF_MEMORY;
	TEE_GenerateRandom(buf, params[0].memref.size);
	TEE_MemMove(params[0].memref.buffer, buf, params[0].memref.size);
	TEE_Free(buf);
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void __maybe_unused *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types, TEE_Param params[4])
{
	if (cmd_id == TA_RANDOM_CMD_GENERATE)
		return generate(param_types, params);
	return TEE_ERROR_BAD_PARAMETERS;
}
