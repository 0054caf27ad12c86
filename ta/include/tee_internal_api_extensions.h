/* OP-TEE's extensions to the Internal Core API that mintee offers. TAs
 * written for OP-TEE include this header; what it declares is in the
 * README's API table. */
#ifndef TEE_INTERNAL_API_EXTENSIONS_H
#define TEE_INTERNAL_API_EXTENSIONS_H
#include <tee_api_types.h>

/* Not offered yet: returns TEE_ERROR_NOT_SUPPORTED (supplicant plugins). */
TEE_Result tee_invoke_supp_plugin(const TEE_UUID *uuid, uint32_t cmd, uint32_t sub_cmd,
				  void *buf, size_t len, size_t *outlen);
#endif
