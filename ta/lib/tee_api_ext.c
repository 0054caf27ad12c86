/* OP-TEE's extensions (tee_internal_api_extensions.h) that mintee offers so
 * far: declared so that TAs written for OP-TEE build; what is not served
 * answers NOT_SUPPORTED, as OP-TEE does for a missing plugin. */
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

TEE_Result tee_invoke_supp_plugin(const TEE_UUID *uuid, uint32_t cmd, uint32_t sub_cmd,
				  void *buf, size_t len, size_t *outlen)
{
	(void)uuid;
	(void)cmd;
	(void)sub_cmd;
	(void)buf;
	(void)len;
	(void)outlen;
	return TEE_ERROR_NOT_SUPPORTED;
}
