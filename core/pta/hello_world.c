/* Hello world (OP-TEE example UUID 8aaaf200-2450-11e4-abe2-0002a5d5c51b). */
#include <pta.h>

#define CMD_INC_VALUE 0
#define CMD_DEC_VALUE 1

static uint32_t hello_invoke(struct pta_session *s, uint32_t cmd, uint32_t ptypes,
			     union tee_param p[TEE_NUM_PARAMS])
{
	(void)s;
	if (ptypes != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, TEE_PARAM_TYPE_NONE,
				      TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (cmd) {
	case CMD_INC_VALUE:
		p[0].value.a++;
		return TEE_SUCCESS;
	case CMD_DEC_VALUE:
		p[0].value.a--;
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_NOT_IMPLEMENTED;
	}
}

#define VALUE_INOUT TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, TEE_PARAM_TYPE_NONE, \
				    TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE)

static const struct pta_cmd hello_cmds[] = {
	{ CMD_INC_VALUE, VALUE_INOUT },
	{ CMD_DEC_VALUE, VALUE_INOUT },
};

const struct pta pta_hello_world = {
	.name = "hello world",
	.uuid = { 0x8a, 0xaa, 0xf2, 0x00, 0x24, 0x50, 0x11, 0xe4,
		  0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b },
	PTA_CMDS(hello_cmds),
	.invoke = hello_invoke,
};
