/*
 * The crypto layer's set-up, its own heap, its locks, and the symmetric
 * primitives: thin calls into mbedTLS 2.28 (built from Debian's source
 * package, lib/crypto/crypto.mk).
 */
#include <string.h>
#include <crypto.h>
#include "mbedtls/chacha20.h"
#include "mbedtls/chachapoly.h"
#include "mbedtls/gcm.h"
#include "mbedtls/hkdf.h"
#include "mbedtls/md.h"
#include "mbedtls/memory_buffer_alloc.h"
#include "mbedtls/platform.h"
#include "mbedtls/platform_util.h"
#include "mbedtls/sha256.h"
#include "mbedtls/threading.h"

/*
 * mbedTLS's heap. Sized for the largest user, an RSA-4096 verification
 * (10,312 bytes at its peak in the unit tier, README "Crypto layer"), with
 * room for four CPUs at once; only RSA and the MD contexts of HMAC/HKDF
 * allocate, the AEADs and SHA-256 work on the caller's stack. 48 KiB of
 * secure RAM, not zeroed at reset (memory_buffer_alloc_init clears it).
 */
#define CRYPTO_HEAP_SIZE (48u * 1024)

#ifdef MINTEE_CRYPTO_HOST
static unsigned char crypto_heap[CRYPTO_HEAP_SIZE] __attribute__((aligned(8)));
#else
static unsigned char crypto_heap[CRYPTO_HEAP_SIZE]
	__attribute__((aligned(8), section(".nozi.crypto_heap")));
#endif
static int crypto_ready;

static void mutex_init(mbedtls_threading_mutex_t *m)
{
	m->lock = 0;
	m->valid = 1;
}

static void mutex_free(mbedtls_threading_mutex_t *m)
{
	m->valid = 0;
}

static int mutex_lock(mbedtls_threading_mutex_t *m)
{
	if (!m->valid)
		return MBEDTLS_ERR_THREADING_BAD_INPUT_DATA;
	while (__atomic_exchange_n(&m->lock, 1u, __ATOMIC_ACQUIRE))
		;
	return 0;
}

static int mutex_unlock(mbedtls_threading_mutex_t *m)
{
	if (!m->valid)
		return MBEDTLS_ERR_THREADING_BAD_INPUT_DATA;
	__atomic_store_n(&m->lock, 0u, __ATOMIC_RELEASE);
	return 0;
}

/*
 * The heap is set up on the first allocation, not at boot: its set-up clears
 * all 48 KiB (about 21,000 instructions), and the boot path (the DRBG) never
 * allocates. Until then mbedTLS's calloc/free are these two.
 */
static unsigned int heap_lock;
static int heap_ready;

static void heap_init_once(void)
{
	while (__atomic_exchange_n(&heap_lock, 1u, __ATOMIC_ACQUIRE))
		;
	if (!heap_ready) {
		mbedtls_memory_buffer_alloc_init(crypto_heap, sizeof(crypto_heap));
		__atomic_store_n(&heap_ready, 1, __ATOMIC_RELEASE);
	}
	__atomic_store_n(&heap_lock, 0u, __ATOMIC_RELEASE);
}

static void *lazy_calloc(size_t n, size_t size)
{
	heap_init_once();	/* installs the buffer allocator's own calloc/free */
	return mbedtls_calloc(n, size);
}

static void lazy_free(void *p)
{
	if (p)		/* nothing can have been allocated before the heap existed */
		__builtin_trap();
}

void crypto_init(void)
{
	if (crypto_ready)
		return;
	mbedtls_threading_set_alt(mutex_init, mutex_free, mutex_lock, mutex_unlock);
	mbedtls_platform_set_calloc_free(lazy_calloc, lazy_free);
	crypto_ready = 1;
}

void crypto_heap_stats(struct crypto_heap_stats *st)
{
	heap_init_once();
	st->size = CRYPTO_HEAP_SIZE;
	st->used = st->peak = 0;
#ifdef MBEDTLS_MEMORY_DEBUG
	{
		size_t blocks;

		mbedtls_memory_buffer_alloc_cur_get(&st->used, &blocks);
		mbedtls_memory_buffer_alloc_max_get(&st->peak, &blocks);
	}
#endif
}

void crypto_wipe(void *p, size_t len)
{
	mbedtls_platform_zeroize(p, len);
}

int crypto_memcmp_ct(const void *a, const void *b, size_t len)
{
	const volatile uint8_t *x = a, *y = b;
	uint8_t d = 0;
	size_t i;

	for (i = 0; i < len; i++)
		d |= x[i] ^ y[i];
	return d != 0;
}

/* mbedTLS error -> ours. */
static int map_err(int ret)
{
	switch (ret) {
	case 0:
		return CRYPTO_OK;
	case MBEDTLS_ERR_MD_ALLOC_FAILED:
		return CRYPTO_ERR_NO_MEMORY;
	case MBEDTLS_ERR_MD_BAD_INPUT_DATA:
	case MBEDTLS_ERR_HKDF_BAD_INPUT_DATA:
	case MBEDTLS_ERR_CHACHAPOLY_BAD_STATE:
	case MBEDTLS_ERR_GCM_BAD_INPUT:
		return CRYPTO_ERR_BAD_INPUT;
	case MBEDTLS_ERR_CHACHAPOLY_AUTH_FAILED:
	case MBEDTLS_ERR_GCM_AUTH_FAILED:
		return CRYPTO_ERR_AUTH;
	default:
		return CRYPTO_ERR_INTERNAL;
	}
}

/* ------------------------------------------------------------- SHA-256 */

_Static_assert(sizeof(mbedtls_sha256_context) <= sizeof(struct crypto_sha256_ctx),
	       "crypto_sha256_ctx too small");
_Static_assert(_Alignof(mbedtls_sha256_context) <= _Alignof(struct crypto_sha256_ctx),
	       "crypto_sha256_ctx misaligned");

int crypto_sha256(const void *data, size_t len, uint8_t out[CRYPTO_SHA256_SIZE])
{
	return map_err(mbedtls_sha256_ret(data, len, out, 0));
}

void crypto_sha256_init(struct crypto_sha256_ctx *ctx)
{
	mbedtls_sha256_context *c = (mbedtls_sha256_context *)ctx;

	mbedtls_sha256_init(c);
	mbedtls_sha256_starts_ret(c, 0);	/* cannot fail in software */
}

void crypto_sha256_update(struct crypto_sha256_ctx *ctx, const void *data, size_t len)
{
	mbedtls_sha256_update_ret((mbedtls_sha256_context *)ctx, data, len);
}

void crypto_sha256_final(struct crypto_sha256_ctx *ctx, uint8_t out[CRYPTO_SHA256_SIZE])
{
	mbedtls_sha256_context *c = (mbedtls_sha256_context *)ctx;

	mbedtls_sha256_finish_ret(c, out);
	mbedtls_sha256_free(c);		/* zeroizes */
}

/* --------------------------------------------------------- HMAC, HKDF */

static const mbedtls_md_info_t *sha256_info(void)
{
	return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
}

int crypto_hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
		       uint8_t out[CRYPTO_SHA256_SIZE])
{
	return map_err(mbedtls_md_hmac(sha256_info(), key, key_len, data, len, out));
}

int crypto_hkdf_sha256(const void *salt, size_t salt_len, const void *ikm, size_t ikm_len,
		       const void *info, size_t info_len, void *out, size_t out_len)
{
	if (!out_len)
		return CRYPTO_ERR_BAD_INPUT;
	return map_err(mbedtls_hkdf(sha256_info(), salt, salt_len, ikm, ikm_len, info, info_len,
				    out, out_len));
}

/* ---------------------------------------------- ChaCha20(-Poly1305) */

int crypto_aead_seal(const uint8_t key[CRYPTO_AEAD_KEY_SIZE],
		     const uint8_t nonce[CRYPTO_AEAD_NONCE_SIZE], const void *ad, size_t ad_len,
		     const void *pt, size_t len, void *ct, uint8_t tag[CRYPTO_AEAD_TAG_SIZE])
{
	mbedtls_chachapoly_context c;
	int ret;

	mbedtls_chachapoly_init(&c);
	ret = mbedtls_chachapoly_setkey(&c, key);
	if (!ret)
		ret = mbedtls_chachapoly_encrypt_and_tag(&c, len, nonce, ad, ad_len, pt, ct, tag);
	mbedtls_chachapoly_free(&c);
	return map_err(ret);
}

int crypto_aead_open(const uint8_t key[CRYPTO_AEAD_KEY_SIZE],
		     const uint8_t nonce[CRYPTO_AEAD_NONCE_SIZE], const void *ad, size_t ad_len,
		     const void *ct, size_t len, const uint8_t tag[CRYPTO_AEAD_TAG_SIZE], void *pt)
{
	mbedtls_chachapoly_context c;
	int ret;

	mbedtls_chachapoly_init(&c);
	ret = mbedtls_chachapoly_setkey(&c, key);
	if (!ret)	/* checks the tag before it decrypts */
		ret = mbedtls_chachapoly_auth_decrypt(&c, len, nonce, ad, ad_len, tag, ct, pt);
	mbedtls_chachapoly_free(&c);
	return map_err(ret);
}

int crypto_chacha20_stream(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
			   void *out, size_t len)
{
	memset(out, 0, len);
	return map_err(mbedtls_chacha20_crypt(key, nonce, counter, len, out, out));
}

/* --------------------------------------------------------- AES-GCM */

int crypto_aes_gcm_seal(const uint8_t key[32], const uint8_t iv[12], const void *ad,
			size_t ad_len, const void *pt, size_t len, void *ct, uint8_t tag[16])
{
	mbedtls_gcm_context c;
	int ret;

	mbedtls_gcm_init(&c);
	ret = mbedtls_gcm_setkey(&c, MBEDTLS_CIPHER_ID_AES, key, 256);
	if (!ret)
		ret = mbedtls_gcm_crypt_and_tag(&c, MBEDTLS_GCM_ENCRYPT, len, iv, 12, ad, ad_len,
						pt, ct, 16, tag);
	mbedtls_gcm_free(&c);
	return map_err(ret);
}

int crypto_aes_gcm_open(const uint8_t key[32], const uint8_t iv[12], const void *ad,
			size_t ad_len, const void *ct, size_t len, const uint8_t tag[16], void *pt)
{
	mbedtls_gcm_context c;
	int ret;

	mbedtls_gcm_init(&c);
	ret = mbedtls_gcm_setkey(&c, MBEDTLS_CIPHER_ID_AES, key, 256);
	if (!ret)
		ret = mbedtls_gcm_auth_decrypt(&c, len, iv, 12, ad, ad_len, tag, 16, ct, pt);
	mbedtls_gcm_free(&c);
	return map_err(ret);
}
