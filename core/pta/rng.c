/* RNG service (ab7a617c-b8e7-4d8f-8301-d09b61036b64) for Linux's optee-rng:
 * bytes from the secure DRBG (core/drbg.c). */
#include <drbg.h>
#include <pta.h>

#define PTA_CMD_GET_ENTROPY  0
#define PTA_CMD_GET_RNG_INFO 1
#define RNG_MAX_REQUEST      4096

static uint32_t rng_invoke(struct pta_session *s, uint32_t cmd, uint32_t ptypes,
			   union tee_param p[TEE_NUM_PARAMS])
{
	(void)s;
	switch (cmd) {
	case PTA_CMD_GET_ENTROPY:
		if (ptypes != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INOUT, TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) ||
		    !p[0].memref.buffer)
			return TEE_ERROR_BAD_PARAMETERS;
		if (p[0].memref.size > RNG_MAX_REQUEST)
			return TEE_ERROR_NOT_SUPPORTED;
		drbg_generate(p[0].memref.buffer, p[0].memref.size);
		return TEE_SUCCESS;
	case PTA_CMD_GET_RNG_INFO:
		if (ptypes != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_OUTPUT, TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		p[0].value.a = 0;	/* no rate limit */
		p[0].value.b = 0;	/* quality unknown: a DRBG, not a noise source */
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_NOT_IMPLEMENTED;
	}
}

static const struct pta_cmd rng_cmds[] = {
	{ PTA_CMD_GET_ENTROPY, TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INOUT, TEE_PARAM_TYPE_NONE,
					       TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) },
	{ PTA_CMD_GET_RNG_INFO, TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_OUTPUT, TEE_PARAM_TYPE_NONE,
						TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) },
};

const struct pta pta_rng = {
	.name = "rng",
	.uuid = { 0xab, 0x7a, 0x61, 0x7c, 0xb8, 0xe7, 0x4d, 0x8f,
		  0x83, 0x01, 0xd0, 0x9b, 0x61, 0x03, 0x6b, 0x64 },
	.flags = PTA_FLAG_DEVICE_ENUM | PTA_FLAG_CONCURRENT,
	PTA_CMDS(rng_cmds),
	.invoke = rng_invoke,
};
