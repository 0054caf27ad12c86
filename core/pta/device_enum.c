/*
 * Device enumeration (7011a688-ddde-4053-a5a9-7b3c4ddf13b8), as Linux's
 * optee driver drives it: a size query with a NULL memref answered with
 * SHORT_BUFFER and the size needed, then the real call.
 */
#include <string.h>
#include <pta.h>

#define PTA_CMD_GET_DEVICES      0
#define PTA_CMD_GET_DEVICES_SUPP 1

static uint32_t list_devices(uint32_t ptypes, union tee_param p[TEE_NUM_PARAMS], uint32_t flag)
{
	size_t need = 0, i;
	uint8_t *out = p[0].memref.buffer;

	if (ptypes != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT, TEE_PARAM_TYPE_NONE,
				      TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < pta_table_count; i++)
		need += (pta_table[i]->flags & flag) ? 16 : 0;
	if (!out || p[0].memref.size < need) {
		p[0].memref.size = need;
		return need ? TEE_ERROR_SHORT_BUFFER : TEE_SUCCESS;
	}
	for (i = 0; i < pta_table_count; i++) {
		if (pta_table[i]->flags & flag) {
			memcpy(out, pta_table[i]->uuid, 16);
			out += 16;
		}
	}
	p[0].memref.size = need;
	return TEE_SUCCESS;
}

static uint32_t device_enum_invoke(struct pta_session *s, uint32_t cmd, uint32_t ptypes,
				   union tee_param p[TEE_NUM_PARAMS])
{
	(void)s;
	switch (cmd) {
	case PTA_CMD_GET_DEVICES:
		return list_devices(ptypes, p, PTA_FLAG_DEVICE_ENUM);
	case PTA_CMD_GET_DEVICES_SUPP:
		/* No service needs tee-supplicant: always the empty list. */
		return list_devices(ptypes, p, 0);
	default:
		return TEE_ERROR_NOT_IMPLEMENTED;
	}
}

#define MEMREF_OUT TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT, TEE_PARAM_TYPE_NONE, \
				   TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE)

static const struct pta_cmd device_enum_cmds[] = {
	{ PTA_CMD_GET_DEVICES, MEMREF_OUT },
	{ PTA_CMD_GET_DEVICES_SUPP, MEMREF_OUT },
};

const struct pta pta_device_enum = {
	.name = "device enumeration",
	.uuid = { 0x70, 0x11, 0xa6, 0x88, 0xdd, 0xde, 0x40, 0x53,
		  0xa5, 0xa9, 0x7b, 0x3c, 0x4d, 0xdf, 0x13, 0xb8 },
	.flags = PTA_FLAG_CONCURRENT,
	PTA_CMDS(device_enum_cmds),
	.invoke = device_enum_invoke,
};
