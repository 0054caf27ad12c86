/*
 * The signed TA header (ta_shdr.h). Field by field with memcpy (the image
 * buffer's alignment is not assumed), sizes added in 64 bits. Checks run
 * cheapest first; the digest and the signature are both required, so their
 * order does not matter for the outcome.
 */
#include <string.h>
#include <optee_msg.h>
#include <console.h>
#include <crypto.h>
#include <ta_elf.h>
#include <ta_shdr.h>

struct shdr {
	uint32_t magic, img_type, img_size, algo;
	uint16_t hash_size, sig_size;
};
_Static_assert(sizeof(struct shdr) == SHDR_SIZE, "struct shdr");

#define REJECT(code, ...)						\
	do {								\
		log_reject("ta_shdr: " __VA_ARGS__);			\
		return (code);						\
	} while (0)

static uint32_t check_type(const struct shdr *h)
{
	if (h->magic != SHDR_MAGIC)
		REJECT(TEE_ERROR_SECURITY, "bad magic 0x%08x", (unsigned)h->magic);
	if (h->img_type == SHDR_ENCRYPTED_TA)
		REJECT(TEE_ERROR_NOT_SUPPORTED,
		       "encrypted TA (img_type 2): not supported, sign it unencrypted");
	if (h->img_type == SHDR_SUBKEY)
		REJECT(TEE_ERROR_NOT_SUPPORTED, "subkey-signed TA (img_type 3): not supported");
	if (h->img_type == SHDR_TA)
		REJECT(TEE_ERROR_NOT_SUPPORTED,
		       "legacy TA (img_type 0, no signed UUID): not supported");
	if (h->img_type != SHDR_BOOTSTRAP_TA)
		REJECT(TEE_ERROR_SECURITY, "unknown img_type %u", (unsigned)h->img_type);
	return TEE_SUCCESS;
}

static uint32_t check_sizes(const struct shdr *h, size_t size, uint32_t *elf_off)
{
	uint64_t total;

	if (h->algo != TEE_ALG_RSASSA_PKCS1_V1_5_SHA256 &&
	    h->algo != TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256)
		REJECT(TEE_ERROR_SECURITY, "algorithm 0x%08x (want RSA PKCS#1 v1.5 or PSS, SHA-256)",
		       (unsigned)h->algo);
	if (h->hash_size != CRYPTO_SHA256_SIZE)
		REJECT(TEE_ERROR_SECURITY, "hash size %u", h->hash_size);
	if (h->sig_size < SHDR_MIN_SIG || h->sig_size > SHDR_MAX_SIG)
		REJECT(TEE_ERROR_SECURITY, "signature size %u (RSA 2048..4096: 256..512)",
		       h->sig_size);
	*elf_off = SHDR_SIZE + h->hash_size + h->sig_size + SHDR_BOOTSTRAP_SIZE;
	total = (uint64_t)*elf_off + h->img_size;
	if (total != size)
		REJECT(TEE_ERROR_SECURITY, "file of %llu bytes, headers say %llu",
		       (unsigned long long)size, (unsigned long long)total);
	return TEE_SUCCESS;
}

static void digest_of(const uint8_t *img, uint32_t boot_off, uint32_t elf_off, uint32_t elf_size,
		      uint8_t out[CRYPTO_SHA256_SIZE])
{
	struct crypto_sha256_ctx ctx;

	crypto_sha256_init(&ctx);
	crypto_sha256_update(&ctx, img, SHDR_SIZE);
	crypto_sha256_update(&ctx, img + boot_off, SHDR_BOOTSTRAP_SIZE);
	crypto_sha256_update(&ctx, img + elf_off, elf_size);
	crypto_sha256_final(&ctx, out);
}

static uint32_t check_crypto(const uint8_t *img, const struct shdr *h, uint32_t elf_off,
			     ta_shdr_verify_fn verify)
{
	uint8_t digest[CRYPTO_SHA256_SIZE];
	uint32_t boot_off = elf_off - SHDR_BOOTSTRAP_SIZE;
	enum crypto_rsa_algo algo = h->algo == TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256 ?
		CRYPTO_RSA_PSS_SHA256 : CRYPTO_RSA_PKCS1_V15_SHA256;
	int rc;

	digest_of(img, boot_off, elf_off, h->img_size, digest);
	if (crypto_memcmp_ct(digest, img + SHDR_SIZE, sizeof(digest)))
		REJECT(TEE_ERROR_SECURITY, "digest mismatch");
	rc = verify(algo, img + SHDR_SIZE, img + SHDR_SIZE + h->hash_size, h->sig_size);
	if (rc)
		REJECT(TEE_ERROR_SECURITY, "signature does not verify (%d)", rc);
	return TEE_SUCCESS;
}

uint32_t ta_shdr_check(const uint8_t *img, size_t size, const uint8_t uuid[16],
		       ta_shdr_verify_fn verify, struct ta_shdr_info *info)
{
	struct shdr h;
	uint32_t elf_off, res;

	memset(info, 0, sizeof(*info));
	if (size < SHDR_SIZE)
		REJECT(TEE_ERROR_SECURITY, "file of %u bytes is shorter than a header",
		       (unsigned)size);
	memcpy(&h, img, sizeof(h));
	res = check_type(&h);
	if (!res)
		res = check_sizes(&h, size, &elf_off);
	if (!res)
		res = check_crypto(img, &h, elf_off, verify);
	if (res)
		return res;
	/* Signed: the bootstrap header can be believed now. */
	if (memcmp(img + elf_off - SHDR_BOOTSTRAP_SIZE, uuid, 16))
		REJECT(TEE_ERROR_SECURITY, "signed for another UUID");
	info->algo = h.algo;
	memcpy(&info->ta_version, img + elf_off - 4, 4);
	info->elf_off = elf_off;
	info->elf_size = h.img_size;
	return TEE_SUCCESS;
}

uint32_t ta_image_verify_load(const uint8_t *img, size_t size, const uint8_t uuid[16],
			      ta_shdr_verify_fn verify, uint32_t load_va, struct ta_image *out)
{
	struct ta_shdr_info info;
	uint32_t res = ta_shdr_check(img, size, uuid, verify, &info);

	memset(out, 0, sizeof(*out));
	if (res)
		return res;
	res = ta_elf_load(img + info.elf_off, info.elf_size, load_va, out);
	if (res)
		return res;
	/* OP-TEE does not compare them; a TA whose ta_head names another UUID
	 * than it was signed for is a build mistake or a splice: refused. */
	if (memcmp(out->head.uuid, uuid, 16)) {
		ta_image_free(out);
		REJECT(TEE_ERROR_SECURITY, "ta_head names another UUID than the signed one");
	}
	out->ta_version = info.ta_version;
	return TEE_SUCCESS;
}
