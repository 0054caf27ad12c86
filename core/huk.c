/*
 * Key derivation from the device secret: HKDF-SHA256 (RFC 5869) with
 *   salt = "mintee device key v1"
 *   IKM  = the 32-byte device secret (secure flash, read in place)
 *   info = the purpose's label, a 0 byte, then the context
 * The secret is read in place; the only copy is the one that passes through
 * mbedTLS's HMAC/SHA-256 state, which mbedTLS zeroizes when it frees it.
 */
#include <string.h>
#include <crypto.h>
#include <huk.h>

#define HUK_SALT "mintee device key v1"
#define HUK_MAX_CONTEXT 64

static const char *const huk_labels[] = {
	[HUK_TRUSTED_KEYS] = "trusted keys",
	[HUK_SECURE_STORAGE] = "secure storage",
	[HUK_TA_UNIQUE] = "TA unique key",
};

int huk_derive_key(enum huk_purpose purpose, const void *context, size_t context_len,
		   void *out, size_t out_len)
{
	uint8_t info[32 + HUK_MAX_CONTEXT];
	size_t label_len;
	int ret;

	if ((unsigned int)purpose >= sizeof(huk_labels) / sizeof(huk_labels[0]) ||
	    context_len > HUK_MAX_CONTEXT || (context_len && !context))
		return -1;
	label_len = strlen(huk_labels[purpose]) + 1;	/* with its 0 byte */
	memcpy(info, huk_labels[purpose], label_len);
	if (context_len)
		memcpy(info + label_len, context, context_len);
	ret = crypto_hkdf_sha256(HUK_SALT, sizeof(HUK_SALT) - 1, huk_secret(), HUK_SIZE, info,
				 label_len + context_len, out, out_len);
	crypto_wipe(info, sizeof(info));
	return ret ? -1 : 0;
}
