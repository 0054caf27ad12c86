/* The built-in counter (a189a48a-63ac-46b4-ad0f-b0da7c39ca81): the commands of
 * OP-TEE's hello world example, answered without a TA, for the tests that
 * need a service that is always there. The hello world UUID itself
 * (8aaaf200-2450-11e4-abe2-0002a5d5c51b) belongs to the hello world TA
 * (ta/examples/hello_world), loaded by tee-supplicant. */
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
	.name = "hello world (built-in)",
	.uuid = { 0xa1, 0x89, 0xa4, 0x8a, 0x63, 0xac, 0x46, 0xb4,
		  0xad, 0x0f, 0xb0, 0xda, 0x7c, 0x39, 0xca, 0x81 },
	PTA_CMDS(hello_cmds),
	.invoke = hello_invoke,
};
