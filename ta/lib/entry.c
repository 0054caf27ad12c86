/* The C half of the TA's entry: GP entry points from the core's calls. */
#include <string.h>
#include <tee_internal_api.h>
#include <utee_syscalls.h>

void __ta_entry_c(uint32_t func, uint32_t ctx, struct mta_params *up, uint32_t cmd)
	__attribute__((noreturn));

static void params_from(const struct mta_params *up, TEE_Param p[TEE_NUM_PARAMS])
{
	for (unsigned int i = 0; i < TEE_NUM_PARAMS; i++) {
		p[i].value.a = up->vals[2 * i];
		p[i].value.b = up->vals[2 * i + 1];
	}
}

static void params_to(const TEE_Param p[TEE_NUM_PARAMS], struct mta_params *up)
{
	for (unsigned int i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(up->types, i);

		if (t == TEE_PARAM_TYPE_VALUE_OUTPUT || t == TEE_PARAM_TYPE_VALUE_INOUT) {
			up->vals[2 * i] = p[i].value.a;
			up->vals[2 * i + 1] = p[i].value.b;
		} else if (t == TEE_PARAM_TYPE_MEMREF_OUTPUT || t == TEE_PARAM_TYPE_MEMREF_INOUT) {
			up->vals[2 * i + 1] = p[i].memref.size;
		}
	}
}

void __ta_entry_c(uint32_t func, uint32_t ctx, struct mta_params *up, uint32_t cmd)
{
	TEE_Param p[TEE_NUM_PARAMS];
	void *sess = (void *)ctx;
	TEE_Result res = TEE_SUCCESS;

	params_from(up, p);
	switch (func) {
	case MTA_FUNC_CREATE:
		res = TA_CreateEntryPoint();
		break;
	case MTA_FUNC_DESTROY:
		TA_DestroyEntryPoint();
		break;
	case MTA_FUNC_OPEN_SESSION:
		res = TA_OpenSessionEntryPoint(up->types, p, &sess);
		break;
	case MTA_FUNC_CLOSE_SESSION:
		TA_CloseSessionEntryPoint(sess);
		break;
	case MTA_FUNC_INVOKE_COMMAND:
		res = TA_InvokeCommandEntryPoint(sess, cmd, up->types, p);
		break;
	default:
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	}
	params_to(p, up);
	_utee_return(res, (uint32_t)sess);
}
