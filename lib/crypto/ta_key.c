/*
 * Verification against the TA-signing public key compiled into the firmware.
 * The key data comes from a file the build generates from TA_SIGN_KEY (or
 * from the key it made once under build/): README "TA signing key".
 */
#include <crypto.h>

/* Generated (tools/crypto/gen_c.py ta-key): big-endian modulus, exponent. */
extern const uint8_t ta_pub_key_n[];
extern const uint32_t ta_pub_key_n_len;
extern const uint32_t ta_pub_key_e;

int crypto_ta_key_verify(enum crypto_rsa_algo algo, const uint8_t digest[CRYPTO_SHA256_SIZE],
			 const uint8_t *sig, size_t sig_len)
{
	return crypto_rsa_verify(ta_pub_key_n, ta_pub_key_n_len, ta_pub_key_e, algo, digest,
				 sig, sig_len);
}

unsigned int crypto_ta_key_bits(void)
{
	return ta_pub_key_n_len * 8;
}
