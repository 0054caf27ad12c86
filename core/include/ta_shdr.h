/*
 * The signed TA header (core/ta/ta_shdr.c): OP-TEE's .ta format
 * (ta-abi.md B), bootstrap type. Pure C over a copy in secure memory, also
 * built on the host (unit tier, fuzz harnesses).
 */
#ifndef TA_SHDR_H
#define TA_SHDR_H
#include <stddef.h>
#include <stdint.h>
#include <crypto.h>
#include <ta_image.h>

#define SHDR_MAGIC              0x4f545348u
#define SHDR_TA                 0u	/* legacy: no UUID signed: refused */
#define SHDR_BOOTSTRAP_TA       1u
#define SHDR_ENCRYPTED_TA       2u	/* refused: NOT_SUPPORTED */
#define SHDR_SUBKEY             3u	/* refused: NOT_SUPPORTED */
#define TEE_ALG_RSASSA_PKCS1_V1_5_SHA256     0x70004830u
#define TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256 0x70414930u
#define SHDR_SIZE               20u
#define SHDR_BOOTSTRAP_SIZE     20u
#define SHDR_MIN_SIG            256u	/* RSA-2048 */
#define SHDR_MAX_SIG            512u	/* RSA-4096 */

/* Checks a signature over a SHA-256 digest: crypto_ta_key_verify() in the
 * firmware (the built-in key), a known test key on the host. */
typedef int (*ta_shdr_verify_fn)(enum crypto_rsa_algo algo,
				 const uint8_t digest[CRYPTO_SHA256_SIZE],
				 const uint8_t *sig, size_t sig_len);

struct ta_shdr_info {
	uint32_t algo;
	uint32_t ta_version;
	uint32_t elf_off;	/* the ELF: img[elf_off .. elf_off + elf_size) */
	uint32_t elf_size;
};

/*
 * Checks img[0..size): magic, type, algorithm, sizes (the file is exactly
 * the headers + img_size), the SHA-256 digest over shdr | bootstrap header |
 * ELF, the signature over that digest (verify), and the signed UUID against
 * uuid (RFC 4122 octets). TEE_SUCCESS, TEE_ERROR_SECURITY, or
 * TEE_ERROR_NOT_SUPPORTED (encrypted, subkey or legacy images); one log line
 * names any refusal.
 */
uint32_t ta_shdr_check(const uint8_t *img, size_t size, const uint8_t uuid[16],
		       ta_shdr_verify_fn verify, struct ta_shdr_info *info);

/* ta_shdr_check() then ta_elf_load() of the ELF, and ta_head's UUID must be
 * the signed one (TEE_ERROR_SECURITY otherwise). ta_image_load() is this
 * with the built-in key. */
uint32_t ta_image_verify_load(const uint8_t *img, size_t size, const uint8_t uuid[16],
			      ta_shdr_verify_fn verify, uint32_t load_va, struct ta_image *out);
#endif
