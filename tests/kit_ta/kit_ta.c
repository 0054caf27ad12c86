/*
 * The dev kit's out-of-tree test TA: each command exercises something the kit
 * has to get right for TAs written for OP-TEE (sub.mk flags, CFG_ defines,
 * the heap over TA_DATA_SIZE, newlib's snprintf, the property table).
 */
#include <stdio.h>
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>
#include <kit_ta.h>

static const uint32_t instance_marker = 0x1234;

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types, TEE_Param __maybe_unused params[4],
				    void __maybe_unused **sess_ctx)
{
	(void)param_types;
	IMSG("kit TA: session opened");
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void __maybe_unused *sess_ctx)
{
}

static uint32_t heap_ok(void)
{
	uint8_t *p = TEE_Malloc(1000, TEE_MALLOC_FILL_ZERO), *q;
	uint8_t zero[1000] = { 0 };

	if (!p || TEE_MemCompare(p, zero, sizeof(zero)))
		return 0;
	TEE_MemFill(p, 0xa5, 1000);
	q = TEE_Realloc(p, 4000);
	if (!q || q[999] != 0xa5)
		return 0;
	TEE_MemMove(q + 1, q, 10);	/* overlapping */
	q[0] = 1;
	if (q[1] != 0xa5 || q[11] != 0xa5 || TEE_MemCompare(q, q + 1, 1) >= 0)
		return 0;
	TEE_Free(q);
	TEE_Free(NULL);
	if (TEE_Malloc(1, 0x80))	/* an invalid hint: NULL */
		return 0;
	return 1;
}

static uint32_t random_ok(void)
{
	uint8_t buf[32], zero[32] = { 0 };

	TEE_GenerateRandom(buf, sizeof(buf));
	return TEE_MemCompare(buf, zero, sizeof(buf)) != 0;
}

static uint32_t props(uint32_t *match)
{
	uint32_t v = 0;
	char s[32];
	size_t n = sizeof(s);

	*match = TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_TA, "org.mintee.kit_ta.name", s,
					 &n) == TEE_SUCCESS && !strcmp(s, "kit test");
	if (TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA, "org.mintee.kit_ta.number", &v))
		return 0;
	return v;
}

TEE_Result TA_InvokeCommandEntryPoint(void __maybe_unused *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types, TEE_Param params[4])
{
	char buf[32];

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (cmd_id) {
	case KIT_TA_CMD_INC:
		params[0].value.a++;
		return TEE_SUCCESS;
	case KIT_TA_CMD_FLAGS:
		params[0].value.a = CFG_KIT_TA_MAGIC;
		params[0].value.b = KIT_TA_FILE_FLAG * 10 + kit_util_flag();
		return TEE_SUCCESS;
	case KIT_TA_CMD_HEAP:
		params[0].value.a = heap_ok();
		return TEE_SUCCESS;
	case KIT_TA_CMD_SNPRINTF:
		params[0].value.a = (uint32_t)snprintf(buf, sizeof(buf), "%lu-%lu",
						       (unsigned long)params[0].value.a,
						       (unsigned long)params[0].value.b);
		DMSG("kit TA: snprintf gave \"%s\"", buf);
		return TEE_SUCCESS;
	case KIT_TA_CMD_PROPS:
		params[0].value.a = props(&params[0].value.b);
		return TEE_SUCCESS;
	case KIT_TA_CMD_RANDOM:
		params[0].value.a = random_ok();
		return TEE_SUCCESS;
	case KIT_TA_CMD_INSTANCE:
		if (!TEE_GetInstanceData())
			TEE_SetInstanceData(&instance_marker);
		params[0].value.a = TEE_GetInstanceData() == &instance_marker;
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
