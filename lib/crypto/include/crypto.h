/*
 * mintee's crypto layer: a thin interface over mbedTLS 2.28 (lib/crypto/).
 * Nothing else in mintee includes mbedTLS headers. Pure: no logging, no
 * policy; every function is safe to call from several CPUs at once.
 *
 * Return values: CRYPTO_OK (0) or a negative CRYPTO_ERR_*. Buffers may not
 * overlap unless said.
 */
#ifndef CRYPTO_H
#define CRYPTO_H
#include <stddef.h>
#include <stdint.h>

#define CRYPTO_OK             0
#define CRYPTO_ERR_BAD_INPUT  (-1)	/* a size or argument out of range */
#define CRYPTO_ERR_NO_MEMORY  (-2)	/* the layer's own heap is exhausted */
#define CRYPTO_ERR_AUTH       (-3)	/* AEAD tag mismatch: nothing was written */
#define CRYPTO_ERR_VERIFY     (-4)	/* signature does not verify */
#define CRYPTO_ERR_INTERNAL   (-5)	/* anything else mbedTLS reported */

#define CRYPTO_SHA256_SIZE     32
#define CRYPTO_AEAD_KEY_SIZE   32
#define CRYPTO_AEAD_NONCE_SIZE 12
#define CRYPTO_AEAD_TAG_SIZE   16
#define CRYPTO_RSA_MIN_BITS    2048
#define CRYPTO_RSA_MAX_BITS    4096

/* Sets up the layer's heap and locks; once, before any other call. */
void crypto_init(void);

/* Overwrites a buffer in a way the compiler does not drop. */
void crypto_wipe(void *p, size_t len);
/* 0 when equal; the time taken does not depend on the contents. */
int crypto_memcmp_ct(const void *a, const void *b, size_t len);

/* SHA-256 (FIPS 180-4), one shot and streaming. */
int crypto_sha256(const void *data, size_t len, uint8_t out[CRYPTO_SHA256_SIZE]);
struct crypto_sha256_ctx {
	uint64_t opaque[15];	/* an mbedtls_sha256_context (checked in sha.c) */
};
void crypto_sha256_init(struct crypto_sha256_ctx *ctx);
void crypto_sha256_update(struct crypto_sha256_ctx *ctx, const void *data, size_t len);
void crypto_sha256_final(struct crypto_sha256_ctx *ctx, uint8_t out[CRYPTO_SHA256_SIZE]);

/* HMAC-SHA256 (RFC 2104, FIPS 198-1). */
int crypto_hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
		       uint8_t out[CRYPTO_SHA256_SIZE]);
/* HKDF-SHA256 (RFC 5869): extract with salt (may be NULL/0), expand with
 * info into out_len bytes (at most 255 * 32). */
int crypto_hkdf_sha256(const void *salt, size_t salt_len, const void *ikm, size_t ikm_len,
		       const void *info, size_t info_len, void *out, size_t out_len);

/*
 * The AEAD: ChaCha20-Poly1305 (RFC 8439), 256-bit key, 96-bit nonce, 128-bit
 * tag. seal: ct = E(pt), tag over (ad, ct). open: on a tag mismatch returns
 * CRYPTO_ERR_AUTH with pt zeroed, so no unauthenticated plaintext is ever
 * left. ct and pt may be the same buffer.
 */
int crypto_aead_seal(const uint8_t key[CRYPTO_AEAD_KEY_SIZE],
		     const uint8_t nonce[CRYPTO_AEAD_NONCE_SIZE], const void *ad, size_t ad_len,
		     const void *pt, size_t len, void *ct, uint8_t tag[CRYPTO_AEAD_TAG_SIZE]);
int crypto_aead_open(const uint8_t key[CRYPTO_AEAD_KEY_SIZE],
		     const uint8_t nonce[CRYPTO_AEAD_NONCE_SIZE], const void *ad, size_t ad_len,
		     const void *ct, size_t len, const uint8_t tag[CRYPTO_AEAD_TAG_SIZE], void *pt);

/* AES-256-GCM (NIST SP 800-38D), 96-bit IV, 128-bit tag; the same contract
 * as the AEAD above. */
int crypto_aes_gcm_seal(const uint8_t key[32], const uint8_t iv[12], const void *ad,
			size_t ad_len, const void *pt, size_t len, void *ct, uint8_t tag[16]);
int crypto_aes_gcm_open(const uint8_t key[32], const uint8_t iv[12], const void *ad,
			size_t ad_len, const void *ct, size_t len, const uint8_t tag[16], void *pt);

/* ChaCha20 keystream (RFC 8439 block function): len bytes from block
 * `counter` on with a 96-bit nonce. For the DRBG. */
int crypto_chacha20_stream(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
			   void *out, size_t len);

/* RSA signature schemes over a SHA-256 digest. PSS: MGF1-SHA256 and a
 * salt of 32 bytes (the hash length), as OP-TEE's sign_encrypt.py makes them. */
enum crypto_rsa_algo {
	CRYPTO_RSA_PKCS1_V15_SHA256,
	CRYPTO_RSA_PSS_SHA256,
};

/*
 * Verifies sig over digest with the RSA public key (n, e): n big-endian,
 * 2048..4096 bits, e = 65537 only; sig_len must equal the modulus size.
 */
int crypto_rsa_verify(const uint8_t *n, size_t n_len, uint32_t e, enum crypto_rsa_algo algo,
		      const uint8_t digest[CRYPTO_SHA256_SIZE], const uint8_t *sig,
		      size_t sig_len);
/* The same with the key as a DER SubjectPublicKeyInfo (openssl -pubout). */
int crypto_rsa_verify_spki(const uint8_t *der, size_t der_len, enum crypto_rsa_algo algo,
			   const uint8_t digest[CRYPTO_SHA256_SIZE], const uint8_t *sig,
			   size_t sig_len);
/* The same against the TA-signing public key compiled into the firmware
 * (TA_SIGN_KEY, README "TA signing key"). */
int crypto_ta_key_verify(enum crypto_rsa_algo algo, const uint8_t digest[CRYPTO_SHA256_SIZE],
			 const uint8_t *sig, size_t sig_len);
/* That key's modulus size in bits (0 when none is built in). */
unsigned int crypto_ta_key_bits(void);

/* Heap figures of the layer: size, in use now, peak (peak: host build only,
 * 0 in the firmware). */
struct crypto_heap_stats {
	size_t size, used, peak;
};
void crypto_heap_stats(struct crypto_heap_stats *st);
#endif
