/*
 * The trusted-keys service (core/pta/trusted_keys.c) and the device-key
 * derivation (core/huk.c) on the host, with the real crypto layer and DRBG:
 * the kernel's parameter layout, seal/unseal round trips of every key size,
 * every tampered byte, another device key, the login rule, bad parameters,
 * and a known answer for the derivation (salt, label and format pinned).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <crypto.h>
#include <drbg.h>
#include <huk.h>
#include <optee_msg.h>
#include <pta.h>
#include <trusted_keys.h>
#include "fake_arch.h"
#include "unit_test.h"

extern const struct pta pta_trusted_keys;

/* The device secret, switchable: "device A" = 00 01 .. 1f, "device B" = ff .. e0. */
static uint8_t huk_a[32], huk_b[32];
static const uint8_t *huk_now = huk_a;
const uint8_t *huk_secret(void) { return huk_now; }

#define T(a, b, c, d) TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
				      TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)
#define SEAL_TYPES T(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE)

static struct pta_session sess = { .id = 1, .login = OPTEE_MSG_LOGIN_REE_KERNEL };

static uint32_t call(uint32_t cmd, uint32_t types, void *in, size_t in_len, void *out, size_t *out_len)
{
	union tee_param p[TEE_NUM_PARAMS];
	uint32_t res;

	memset(p, 0, sizeof(p));
	p[0].memref.buffer = in;
	p[0].memref.size = in_len;
	p[1].memref.buffer = out;
	p[1].memref.size = *out_len;
	res = pta_trusted_keys.invoke(&sess, cmd, types, p);
	*out_len = p[1].memref.size;
	return res;
}

static uint32_t seal(const uint8_t *key, size_t len, uint8_t *blob, size_t *blob_len)
{
	return call(TK_CMD_SEAL, SEAL_TYPES, (void *)key, len, blob, blob_len);
}

static uint32_t unseal(uint8_t *blob, size_t len, uint8_t *key, size_t *key_len)
{
	return call(TK_CMD_UNSEAL, SEAL_TYPES, blob, len, key, key_len);
}

/* The DRBG (core/drbg.c) from its zero state seeded with "unit test seed":
 * key ^= seed, key = ChaCha20 block 0; each request: next key = block 0, output
 * from block 1. Expected values computed with pyca/cryptography's ChaCha20. */
static void test_drbg_kat(void)
{
	static const uint8_t want64[64] = {
		0x98, 0xd9, 0x8e, 0x5c, 0x46, 0xf4, 0x34, 0xd2, 0xe4, 0x0f, 0x65, 0x93, 0xd4, 0x49,
		0x86, 0xba, 0xdb, 0x44, 0x25, 0x88, 0x74, 0x40, 0x47, 0x5c, 0x9d, 0x39, 0x60, 0x0f,
		0x37, 0x33, 0x01, 0x70, 0x43, 0x6d, 0x54, 0x64, 0xa8, 0x8e, 0x0c, 0xfb, 0x2e, 0xfc,
		0xea, 0xd5, 0xb1, 0x76, 0xf1, 0x61, 0xd9, 0xb0, 0x1b, 0xa4, 0x7f, 0x25, 0x6a, 0xdd,
		0x27, 0xbc, 0x31, 0xcb, 0x93, 0x0d, 0xe7, 0x15 };
	static const uint8_t want16[16] = {
		0x7c, 0xa3, 0x82, 0x32, 0x48, 0x70, 0xcb, 0xbe, 0xe8, 0x93, 0xf3, 0x25, 0xad, 0x31,
		0xab, 0x7c };
	uint8_t out[64];

	drbg_generate(out, 64);
	UT_ASSERT(!memcmp(out, want64, 64));
	drbg_generate(out, 16);
	UT_ASSERT(!memcmp(out, want16, 16));	/* the key moved on */
}

static void test_huk_kat(void)
{
	uint8_t k[32], k2[32], uuid[16] = { 1 };
	static const uint8_t want[32] = {	/* HKDF-SHA256(salt "mintee device key v1",
						 * IKM 00..1f, info "trusted keys\0"), by Python */
		0x0e, 0xdb, 0x57, 0xb4, 0x92, 0xd0, 0xd2, 0xa1, 0xe2, 0x38, 0xdc, 0xbb, 0xaa, 0xc5,
		0x93, 0x8d, 0xe8, 0x9f, 0x03, 0x84, 0xec, 0x61, 0xfb, 0x86, 0xb3, 0x74, 0x89, 0xdd,
		0x79, 0x61, 0xe9, 0x33 };

	UT_EQ(huk_derive_key(HUK_TRUSTED_KEYS, NULL, 0, k, 32), 0);
	UT_ASSERT(!memcmp(k, want, 32));
	/* Every purpose its own key; the context counts; out of range refused. */
	UT_EQ(huk_derive_key(HUK_SECURE_STORAGE, NULL, 0, k2, 32), 0);
	UT_ASSERT(memcmp(k, k2, 32));
	UT_EQ(huk_derive_key(HUK_TA_UNIQUE, uuid, 16, k, 32), 0);
	UT_ASSERT(memcmp(k, k2, 32));
	uuid[15] = 1;
	UT_EQ(huk_derive_key(HUK_TA_UNIQUE, uuid, 16, k2, 32), 0);
	UT_ASSERT(memcmp(k, k2, 32));
	UT_EQ(huk_derive_key((enum huk_purpose)3, NULL, 0, k, 32), -1);
	UT_EQ(huk_derive_key(HUK_TA_UNIQUE, uuid, 65, k, 32), -1);
	UT_EQ(huk_derive_key(HUK_TA_UNIQUE, NULL, 4, k, 32), -1);
	/* Another device secret, another key. */
	huk_now = huk_b;
	UT_EQ(huk_derive_key(HUK_TRUSTED_KEYS, NULL, 0, k, 32), 0);
	huk_now = huk_a;
	UT_ASSERT(memcmp(k, want, 32));
}

static void test_login(void)
{
	static const uint32_t refused[] = { 0, 1, 2, 4, 5, 6, 0x80000001u, 0xffffffffu };
	union tee_param p[TEE_NUM_PARAMS];
	struct pta_session s = { .id = 2 };
	size_t i;

	memset(p, 0, sizeof(p));
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		s.login = refused[i];
		UT_EQ(pta_trusted_keys.open(&s, 0, p), TEE_ERROR_ACCESS_DENIED);
	}
	UT_ASSERT(strstr(fake_log, "trusted keys: session refused to login"));
	s.login = OPTEE_MSG_LOGIN_REE_KERNEL;
	UT_EQ(pta_trusted_keys.open(&s, 0, p), TEE_SUCCESS);
	UT_EQ(pta_trusted_keys.open(&s, T(VALUE_INPUT, NONE, NONE, NONE), p),
	      TEE_ERROR_BAD_PARAMETERS);
	UT_ASSERT(pta_trusted_keys.flags & PTA_FLAG_DEVICE_ENUM);
}

static void test_roundtrip_sizes(void)
{
	uint8_t key[TK_MAX_KEY], blob[512], out[129];
	size_t len, blob_len, out_len;

	for (len = TK_MIN_KEY; len <= TK_MAX_KEY; len++) {
		drbg_generate(key, len);
		blob_len = sizeof(blob);
		UT_EQ(seal(key, len, blob, &blob_len), TEE_SUCCESS);
		UT_EQ(blob_len, len + 29);
		UT_EQ(blob[0], TK_BLOB_VERSION);
		UT_ASSERT(memcmp(blob + TK_HEADER_SIZE, key, len));	/* not in the clear */
		out_len = sizeof(out);
		memset(out, 0, sizeof(out));
		UT_EQ(unseal(blob, blob_len, out, &out_len), TEE_SUCCESS);
		UT_EQ(out_len, len);
		UT_ASSERT(!memcmp(out, key, len));
	}
}

static void test_fresh_nonce(void)
{
	uint8_t key[32] = { 7 }, b1[61], b2[61];
	size_t n1 = sizeof(b1), n2 = sizeof(b2);

	UT_EQ(seal(key, 32, b1, &n1), TEE_SUCCESS);
	UT_EQ(seal(key, 32, b2, &n2), TEE_SUCCESS);
	UT_ASSERT(memcmp(b1 + 1, b2 + 1, 12));		/* new nonce */
	UT_ASSERT(memcmp(b1 + 13, b2 + 13, 48));	/* so new ciphertext and tag */
}

/* Every byte of every blob size's first and last key, every bit of it. */
static void test_tamper_every_byte(void)
{
	uint8_t key[TK_MAX_KEY], blob[512], out[129];
	static const size_t sizes[] = { 32, 64, 128 };
	size_t s, i, blob_len, out_len;
	unsigned int bit;
	uint32_t res;

	for (s = 0; s < 3; s++) {
		drbg_generate(key, sizes[s]);
		blob_len = sizeof(blob);
		UT_EQ(seal(key, sizes[s], blob, &blob_len), TEE_SUCCESS);
		for (i = 0; i < blob_len; i++) {
			for (bit = 0; bit < 8; bit++) {
				blob[i] ^= (uint8_t)(1u << bit);
				out_len = sizeof(out);
				memset(out, 0x5a, sizeof(out));
				res = unseal(blob, blob_len, out, &out_len);
				blob[i] ^= (uint8_t)(1u << bit);
				UT_EQ(res, i == 0 ? TEE_ERROR_BAD_FORMAT : TEE_ERROR_MAC_INVALID);
				UT_ASSERT(i == 0 || out[0] == 0);	/* no plaintext left */
			}
		}
		/* Truncated and extended blobs. */
		out_len = sizeof(out);
		UT_EQ(unseal(blob, blob_len - 1, out, &out_len),
		      sizes[s] == TK_MIN_KEY ? TEE_ERROR_BAD_PARAMETERS : TEE_ERROR_MAC_INVALID);
		blob[blob_len] = 0;
		out_len = sizeof(out);
		UT_EQ(unseal(blob, blob_len + 1, out, &out_len),
		      sizes[s] == TK_MAX_KEY ? TEE_ERROR_BAD_PARAMETERS : TEE_ERROR_MAC_INVALID);
		out_len = sizeof(out);
		UT_EQ(unseal(blob, blob_len, out, &out_len), TEE_SUCCESS);
		UT_ASSERT(!memcmp(out, key, sizes[s]));
	}
	UT_ASSERT(strstr(fake_log, "blob fails authentication"));
	UT_ASSERT(strstr(fake_log, "unknown blob version"));
}

static void test_other_device(void)
{
	uint8_t key[32], blob[61], out[129];
	size_t blob_len = sizeof(blob), out_len = sizeof(out);

	drbg_generate(key, sizeof(key));
	huk_now = huk_b;
	UT_EQ(seal(key, 32, blob, &blob_len), TEE_SUCCESS);
	UT_EQ(unseal(blob, blob_len, out, &out_len), TEE_SUCCESS);
	huk_now = huk_a;
	out_len = sizeof(out);
	UT_EQ(unseal(blob, blob_len, out, &out_len), TEE_ERROR_MAC_INVALID);
	huk_now = huk_b;
	out_len = sizeof(out);
	UT_EQ(unseal(blob, blob_len, out, &out_len), TEE_SUCCESS);
	UT_ASSERT(!memcmp(out, key, 32));
	huk_now = huk_a;
}

static void test_short_buffers(void)
{
	uint8_t key[64] = { 1 }, blob[512], out[129];
	size_t n;

	n = 0;
	UT_EQ(call(TK_CMD_SEAL, SEAL_TYPES, key, 64, NULL, &n), TEE_ERROR_SHORT_BUFFER);
	UT_EQ(n, 93);
	n = 92;
	UT_EQ(seal(key, 64, blob, &n), TEE_ERROR_SHORT_BUFFER);
	UT_EQ(n, 93);
	n = 93;
	UT_EQ(seal(key, 64, blob, &n), TEE_SUCCESS);
	UT_EQ(n, 93);
	n = 63;
	UT_EQ(unseal(blob, 93, out, &n), TEE_ERROR_SHORT_BUFFER);
	UT_EQ(n, 64);
	n = 0;
	UT_EQ(call(TK_CMD_UNSEAL, SEAL_TYPES, blob, 93, NULL, &n), TEE_ERROR_SHORT_BUFFER);
	UT_EQ(n, 64);
	n = 64;
	UT_EQ(unseal(blob, 93, out, &n), TEE_SUCCESS);
	UT_ASSERT(!memcmp(out, key, 64));
}

static void test_bad_params(void)
{
	uint8_t key[200] = { 0 }, blob[600], out[600];
	size_t n;

	n = sizeof(blob);
	UT_EQ(seal(key, 31, blob, &n), TEE_ERROR_BAD_PARAMETERS);
	n = sizeof(blob);
	UT_EQ(seal(key, 129, blob, &n), TEE_ERROR_BAD_PARAMETERS);
	n = sizeof(blob);
	UT_EQ(call(TK_CMD_SEAL, SEAL_TYPES, NULL, 32, blob, &n), TEE_ERROR_BAD_PARAMETERS);
	n = sizeof(blob);
	UT_EQ(call(TK_CMD_SEAL, T(MEMREF_INPUT, MEMREF_INOUT, NONE, NONE), key, 32, blob, &n),
	      TEE_ERROR_BAD_PARAMETERS);
	n = sizeof(blob);
	UT_EQ(call(TK_CMD_SEAL, T(MEMREF_INPUT, MEMREF_OUTPUT, VALUE_INPUT, NONE), key, 32, blob,
		   &n), TEE_ERROR_BAD_PARAMETERS);
	n = sizeof(out);
	UT_EQ(unseal(blob, 60, out, &n), TEE_ERROR_BAD_PARAMETERS);
	n = sizeof(out);
	UT_EQ(unseal(blob, 158, out, &n), TEE_ERROR_BAD_PARAMETERS);
	n = sizeof(out);
	UT_EQ(call(TK_CMD_UNSEAL, T(MEMREF_INOUT, MEMREF_OUTPUT, NONE, NONE), blob, 61, out, &n),
	      TEE_ERROR_BAD_PARAMETERS);
	n = 0;
	UT_EQ(call(TK_CMD_GET_RANDOM, T(MEMREF_OUTPUT, NONE, NONE, NONE), out, 0, NULL, &n),
	      TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(call(TK_CMD_GET_RANDOM, T(MEMREF_OUTPUT, NONE, NONE, NONE), out, 513, NULL, &n),
	      TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(call(TK_CMD_GET_RANDOM, T(MEMREF_OUTPUT, NONE, NONE, NONE), NULL, 32, NULL, &n),
	      TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(call(TK_CMD_GET_RANDOM, T(MEMREF_INOUT, NONE, NONE, NONE), out, 32, NULL, &n),
	      TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(call(3, SEAL_TYPES, key, 32, blob, &n), TEE_ERROR_NOT_IMPLEMENTED);
	UT_EQ(call(0xffffffffu, SEAL_TYPES, key, 32, blob, &n), TEE_ERROR_NOT_IMPLEMENTED);
}

/* A flood of bad calls costs a handful of log lines (1st, 2nd, 4th, ...). */
static void test_log_rate(void)
{
	uint8_t key[32] = { 0 }, blob[64];
	size_t n;
	int i;

	fake_log_clear();
	for (i = 0; i < 1000; i++) {
		n = sizeof(blob);
		UT_EQ(seal(key, 31, blob, &n), TEE_ERROR_BAD_PARAMETERS);
	}
	UT_ASSERT(fake_log_lines <= 10);
	UT_ASSERT(fake_log_lines >= 1);
}

static void test_get_random(void)
{
	uint8_t a[513], b[513];
	size_t n, zero = 0;

	for (n = 1; n <= TK_MAX_RANDOM; n++) {
		memset(a, 0, sizeof(a));
		UT_EQ(call(TK_CMD_GET_RANDOM, T(MEMREF_OUTPUT, NONE, NONE, NONE), a, n, NULL, &zero),
		      TEE_SUCCESS);
		UT_EQ(a[n], 0);
	}
	UT_EQ(call(TK_CMD_GET_RANDOM, T(MEMREF_OUTPUT, NONE, NONE, NONE), b, 512, NULL, &zero),
	      TEE_SUCCESS);
	UT_ASSERT(memcmp(a, b, 512));
}

int main(void)
{
	unsigned int i;

	for (i = 0; i < 32; i++) {
		huk_a[i] = (uint8_t)i;
		huk_b[i] = (uint8_t)(0xff - i);
	}
	crypto_init();
	drbg_seed("unit test seed", 14);
	UT_RUN("trusted_keys", drbg_kat, "DRBG on mbedTLS's ChaCha20: known answer from a known seed, fast key erasure");
	UT_RUN("trusted_keys", huk_kat, "device key: HKDF known answer; purposes, contexts and devices differ");
	UT_RUN("trusted_keys", login, "only the REE kernel login opens a session (ACCESS_DENIED, logged)");
	UT_RUN("trusted_keys", roundtrip_sizes, "SEAL/UNSEAL round trip of every key size 32..128, blob = key + 29");
	UT_RUN("trusted_keys", fresh_nonce, "two seals of one key differ (fresh nonce)");
	UT_RUN("trusted_keys", tamper_every_byte, "every bit of every blob byte changed, truncated, extended: refused");
	UT_RUN("trusted_keys", other_device, "a blob sealed under another device key is refused");
	UT_RUN("trusted_keys", short_buffers, "SEAL/UNSEAL answer SHORT_BUFFER with the size needed");
	UT_RUN("trusted_keys", bad_params, "bad sizes, types, NULL buffers, unknown commands refused");
	UT_RUN("trusted_keys", log_rate, "1000 bad calls: at most 10 log lines");
	UT_RUN("trusted_keys", get_random, "GET_RANDOM of every size 1..512, exact length");
	return UT_DONE();
}
