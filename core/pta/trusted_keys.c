/*
 * Trusted keys (f04a0fe7-1f5d-4b9b-abf7-619b85b4ce8c), the service Linux's
 * trusted_tee.c binds to: it seals the kernel's key material under a key
 * derived from the device secret, so that only this device (this build's
 * device secret) can unseal it again.
 *
 *   0 GET_RANDOM  p0 memref out: filled with DRBG bytes (1..512)
 *   1 SEAL        p0 memref in key (32..128 bytes) -> p1 memref out blob
 *                 (SHORT_BUFFER with the size needed when p1 is too small)
 *   2 UNSEAL      p0 memref in blob -> p1 memref out key
 * p2, p3 NONE. Only the REE kernel login may open a session (ACCESS_DENIED
 * for any other: user space must not seal or unseal with the device key).
 *
 * Blob (README "Trusted keys"), all of it authenticated:
 *   version (1 byte, 1) | nonce (12) | ciphertext (key length) | tag (16)
 * ChaCha20-Poly1305 under HKDF(device secret, "trusted keys"), a fresh
 * random nonce per blob, the 13-byte header (version, nonce) as associated
 * data.
 */
#include <string.h>
#include <console.h>
#include <crypto.h>
#include <drbg.h>
#include <huk.h>
#include <pta.h>
#include <trusted_keys.h>

#define T(a, b, c, d) TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
				      TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)

static uint32_t tk_open(struct pta_session *s, uint32_t ptypes, union tee_param p[TEE_NUM_PARAMS])
{
	(void)p;
	if (s->login != OPTEE_MSG_LOGIN_REE_KERNEL) {
		log_reject("trusted keys: session refused to login 0x%x (REE kernel only)",
			   s->login);
		return TEE_ERROR_ACCESS_DENIED;
	}
	if (ptypes != T(NONE, NONE, NONE, NONE)) {
		log_reject("trusted keys: OPEN_SESSION with params 0x%x", ptypes);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	return TEE_SUCCESS;
}

static uint32_t tk_get_random(uint32_t ptypes, union tee_param p[TEE_NUM_PARAMS])
{
	if (ptypes != T(MEMREF_OUTPUT, NONE, NONE, NONE) || !p[0].memref.buffer ||
	    !p[0].memref.size || p[0].memref.size > TK_MAX_RANDOM) {
		log_reject("trusted keys: GET_RANDOM: bad params (types 0x%x, %u bytes)", ptypes,
			   (unsigned int)p[0].memref.size);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	drbg_generate(p[0].memref.buffer, p[0].memref.size);
	return TEE_SUCCESS;
}

static uint32_t tk_seal_cmd(uint32_t ptypes, union tee_param p[TEE_NUM_PARAMS])
{
	size_t key_len = p[0].memref.size, need;
	uint32_t res;

	if (ptypes != T(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE) || !p[0].memref.buffer ||
	    key_len < TK_MIN_KEY || key_len > TK_MAX_KEY) {
		log_reject("trusted keys: SEAL: bad params (types 0x%x, key of %u bytes)", ptypes,
			   (unsigned int)key_len);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	need = TK_BLOB_SIZE(key_len);
	if (!p[1].memref.buffer || p[1].memref.size < need) {
		p[1].memref.size = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	res = tk_seal(p[0].memref.buffer, key_len, p[1].memref.buffer);
	if (!res)
		p[1].memref.size = need;
	return res;
}

static uint32_t tk_unseal_cmd(uint32_t ptypes, union tee_param p[TEE_NUM_PARAMS])
{
	size_t blob_len = p[0].memref.size, key_len;
	uint32_t res;

	if (ptypes != T(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE) || !p[0].memref.buffer ||
	    blob_len < TK_BLOB_SIZE(TK_MIN_KEY) || blob_len > TK_BLOB_SIZE(TK_MAX_KEY)) {
		log_reject("trusted keys: UNSEAL: bad params (types 0x%x, blob of %u bytes)", ptypes,
			   (unsigned int)blob_len);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	key_len = blob_len - TK_BLOB_OVERHEAD;
	if (!p[1].memref.buffer || p[1].memref.size < key_len) {
		p[1].memref.size = key_len;
		return TEE_ERROR_SHORT_BUFFER;
	}
	res = tk_unseal(p[0].memref.buffer, blob_len, p[1].memref.buffer);
	if (res == TEE_ERROR_BAD_FORMAT)
		log_reject("trusted keys: UNSEAL: unknown blob version %u",
			   ((const uint8_t *)p[0].memref.buffer)[0]);
	else if (res == TEE_ERROR_MAC_INVALID)
		log_reject("trusted keys: UNSEAL: blob fails authentication (altered, or sealed "
			   "under another device key)");
	if (!res)
		p[1].memref.size = key_len;
	return res;
}

/* Seals key_len bytes of key into blob (TK_BLOB_SIZE(key_len) bytes). */
uint32_t tk_seal(const void *key, size_t key_len, uint8_t *blob)
{
	uint8_t k[CRYPTO_AEAD_KEY_SIZE];
	int ret;

	blob[0] = TK_BLOB_VERSION;
	drbg_generate(blob + 1, TK_NONCE_SIZE);
	if (huk_derive_key(HUK_TRUSTED_KEYS, NULL, 0, k, sizeof(k)))
		return TEE_ERROR_GENERIC;
	ret = crypto_aead_seal(k, blob + 1, blob, TK_HEADER_SIZE, key, key_len,
			       blob + TK_HEADER_SIZE, blob + TK_HEADER_SIZE + key_len);
	crypto_wipe(k, sizeof(k));
	return ret ? TEE_ERROR_GENERIC : TEE_SUCCESS;
}

/* Unseals a blob of blob_len bytes into key (blob_len - TK_BLOB_OVERHEAD
 * bytes): BAD_FORMAT for an unknown version, MAC_INVALID when it does not
 * authenticate under this device's key (key then zeroed). */
uint32_t tk_unseal(const uint8_t *blob, size_t blob_len, void *key)
{
	size_t key_len = blob_len - TK_BLOB_OVERHEAD;
	uint8_t k[CRYPTO_AEAD_KEY_SIZE];
	int ret;

	if (blob[0] != TK_BLOB_VERSION)
		return TEE_ERROR_BAD_FORMAT;
	if (huk_derive_key(HUK_TRUSTED_KEYS, NULL, 0, k, sizeof(k)))
		return TEE_ERROR_GENERIC;
	ret = crypto_aead_open(k, blob + 1, blob, TK_HEADER_SIZE, blob + TK_HEADER_SIZE, key_len,
			       blob + TK_HEADER_SIZE + key_len, key);
	crypto_wipe(k, sizeof(k));
	if (ret == CRYPTO_ERR_AUTH)
		return TEE_ERROR_MAC_INVALID;
	return ret ? TEE_ERROR_GENERIC : TEE_SUCCESS;
}

static uint32_t tk_invoke(struct pta_session *s, uint32_t cmd, uint32_t ptypes,
			  union tee_param p[TEE_NUM_PARAMS])
{
	(void)s;
	switch (cmd) {
	case TK_CMD_GET_RANDOM:
		return tk_get_random(ptypes, p);
	case TK_CMD_SEAL:
		return tk_seal_cmd(ptypes, p);
	case TK_CMD_UNSEAL:
		return tk_unseal_cmd(ptypes, p);
	default:
		log_reject("trusted keys: unknown command %u", cmd);
		return TEE_ERROR_NOT_IMPLEMENTED;
	}
}

static const struct pta_cmd tk_cmds[] = {
	{ TK_CMD_GET_RANDOM, T(MEMREF_OUTPUT, NONE, NONE, NONE) },
	{ TK_CMD_SEAL, T(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE) },
	{ TK_CMD_UNSEAL, T(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE) },
};

const struct pta pta_trusted_keys = {
	.name = "trusted keys",
	.uuid = { 0xf0, 0x4a, 0x0f, 0xe7, 0x1f, 0x5d, 0x4b, 0x9b,
		  0xab, 0xf7, 0x61, 0x9b, 0x85, 0xb4, 0xce, 0x8c },
	.flags = PTA_FLAG_DEVICE_ENUM | PTA_FLAG_CONCURRENT | PTA_FLAG_SECRET_PARAMS,
	PTA_CMDS(tk_cmds),
	.open = tk_open,
	.invoke = tk_invoke,
};
