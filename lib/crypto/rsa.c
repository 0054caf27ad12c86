/*
 * RSA signature verification (PKCS#1 v1.5 and PSS over SHA-256) with mbedTLS,
 * for TA images and anything else signed by the build's key.
 */
#include <crypto.h>
#include "mbedtls/bignum.h"
#include "mbedtls/md.h"
#include "mbedtls/pk.h"
#include "mbedtls/rsa.h"

#define PSS_SALT_LEN 32	/* = the SHA-256 length, as OP-TEE's sign_encrypt.py */

static int verify_ctx(mbedtls_rsa_context *rsa, enum crypto_rsa_algo algo,
		      const uint8_t digest[CRYPTO_SHA256_SIZE], const uint8_t *sig, size_t sig_len)
{
	size_t bits = mbedtls_mpi_bitlen(&rsa->N);
	int ret;

	if (bits < CRYPTO_RSA_MIN_BITS || bits > CRYPTO_RSA_MAX_BITS ||
	    mbedtls_mpi_cmp_int(&rsa->E, 65537) || sig_len != mbedtls_rsa_get_len(rsa) || !sig ||
	    !digest)
		return CRYPTO_ERR_BAD_INPUT;
	switch (algo) {
	case CRYPTO_RSA_PKCS1_V15_SHA256:
		ret = mbedtls_rsa_rsassa_pkcs1_v15_verify(rsa, NULL, NULL, MBEDTLS_RSA_PUBLIC,
							  MBEDTLS_MD_SHA256, CRYPTO_SHA256_SIZE,
							  digest, sig);
		break;
	case CRYPTO_RSA_PSS_SHA256:
		ret = mbedtls_rsa_rsassa_pss_verify_ext(rsa, NULL, NULL, MBEDTLS_RSA_PUBLIC,
							MBEDTLS_MD_SHA256, CRYPTO_SHA256_SIZE,
							digest, MBEDTLS_MD_SHA256, PSS_SALT_LEN,
							sig);
		break;
	default:
		return CRYPTO_ERR_BAD_INPUT;
	}
	switch (ret) {
	case 0:
		return CRYPTO_OK;
	case MBEDTLS_ERR_MPI_ALLOC_FAILED:
		return CRYPTO_ERR_NO_MEMORY;
	case MBEDTLS_ERR_RSA_BAD_INPUT_DATA:
		return CRYPTO_ERR_BAD_INPUT;
	default:	/* VERIFY_FAILED, INVALID_PADDING, PUBLIC_FAILED (sig >= n) */
		return CRYPTO_ERR_VERIFY;
	}
}

int crypto_rsa_verify(const uint8_t *n, size_t n_len, uint32_t e, enum crypto_rsa_algo algo,
		      const uint8_t digest[CRYPTO_SHA256_SIZE], const uint8_t *sig,
		      size_t sig_len)
{
	const uint8_t e_be[4] = { e >> 24, e >> 16, e >> 8, e };
	mbedtls_rsa_context rsa;
	int ret;

	if (!n || n_len > CRYPTO_RSA_MAX_BITS / 8)
		return CRYPTO_ERR_BAD_INPUT;
	mbedtls_rsa_init(&rsa, MBEDTLS_RSA_PKCS_V15, 0);
	ret = mbedtls_rsa_import_raw(&rsa, n, n_len, NULL, 0, NULL, 0, NULL, 0, e_be,
				     sizeof(e_be));
	if (!ret)
		ret = mbedtls_rsa_complete(&rsa);
	if (!ret)
		ret = verify_ctx(&rsa, algo, digest, sig, sig_len);
	else
		ret = ret == MBEDTLS_ERR_MPI_ALLOC_FAILED ? CRYPTO_ERR_NO_MEMORY :
		      CRYPTO_ERR_BAD_INPUT;
	mbedtls_rsa_free(&rsa);
	return ret;
}

int crypto_rsa_verify_spki(const uint8_t *der, size_t der_len, enum crypto_rsa_algo algo,
			   const uint8_t digest[CRYPTO_SHA256_SIZE], const uint8_t *sig,
			   size_t sig_len)
{
	mbedtls_pk_context pk;
	int ret;

	if (!der || !der_len)
		return CRYPTO_ERR_BAD_INPUT;
	mbedtls_pk_init(&pk);
	ret = mbedtls_pk_parse_public_key(&pk, der, der_len);
	if (ret)
		ret = ret == MBEDTLS_ERR_PK_ALLOC_FAILED ? CRYPTO_ERR_NO_MEMORY :
		      CRYPTO_ERR_BAD_INPUT;
	else if (mbedtls_pk_get_type(&pk) != MBEDTLS_PK_RSA)
		ret = CRYPTO_ERR_BAD_INPUT;
	else
		ret = verify_ctx(mbedtls_pk_rsa(pk), algo, digest, sig, sig_len);
	mbedtls_pk_free(&pk);
	return ret;
}
