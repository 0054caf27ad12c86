/* Host fuzzer: the signed .ta parser and the whole image path
 * (core/ta/ta_shdr.c, then core/ta/ta_elf.c, mm/ta_pool.c).
 *
 * Input: byte 0 = flags (bit 0: make the stored digest match, bit 1: the
 * signature "verifies"), bytes 1..16 = the UUID asked for, the rest = the
 * image, in a buffer of exactly its size. So that random inputs get past the
 * digest and the signature to the UUID, size and ELF checks, this harness
 * links stand-ins for the crypto layer: a FAKE digest (a cheap mix, NOT
 * SHA-256; fuzzing only, never in the firmware) that it can write into the
 * image itself, and a verify callback the input controls. The real digest and
 * signature checks are covered by tests/unit/test_ta_shdr.c against vectors.
 * Oracle besides ASan/UBSan: success only with the requested UUID in the
 * bootstrap header and in ta_head, headers + img_size == size, and the pool
 * back at 0 after ta_image_free().
 *
 * Registered in tests/fuzz/fuzz.mk:
 *   FUZZ_HOST += ta_shdr
 *   fuzz_ta_shdr_SRCS := tests/fuzz/host/fuzz_ta_shdr.c core/ta/ta_shdr.c core/ta/ta_elf.c \
 *   	mm/ta_pool.c
 * (with -Ilib/crypto/include, already in FW_CPPFLAGS; no mbedTLS object).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <optee_msg.h>
#include <crypto.h>
#include <ta_elf.h>
#include <ta_pool.h>
#include <ta_shdr.h>
#include "host.h"

/* ---- crypto stand-ins (fuzzing only: NOT a hash) ---------------------- */

_Static_assert(sizeof(struct crypto_sha256_ctx) >= 40, "room for the fake state");

void crypto_sha256_init(struct crypto_sha256_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
}

void crypto_sha256_update(struct crypto_sha256_ctx *ctx, const void *data, size_t len)
{
	uint8_t *st = (uint8_t *)ctx->opaque;	/* 32 lanes + a 64-bit position */
	uint64_t pos;
	const uint8_t *p = data;

	memcpy(&pos, st + 32, sizeof(pos));
	for (size_t i = 0; i < len; i++, pos++)
		st[pos % 32] = (uint8_t)(st[pos % 32] * 31 + p[i] + (pos >> 5));
	memcpy(st + 32, &pos, sizeof(pos));
}

void crypto_sha256_final(struct crypto_sha256_ctx *ctx, uint8_t out[CRYPTO_SHA256_SIZE])
{
	memcpy(out, ctx->opaque, CRYPTO_SHA256_SIZE);
}

int crypto_memcmp_ct(const void *a, const void *b, size_t len)
{
	return memcmp(a, b, len) != 0;
}

static int verify_ok;

static int fake_verify(enum crypto_rsa_algo algo, const uint8_t digest[CRYPTO_SHA256_SIZE],
		       const uint8_t *sig, size_t sig_len)
{
	(void)algo;
	(void)digest;
	(void)sig;
	if (sig_len < SHDR_MIN_SIG || sig_len > SHDR_MAX_SIG)
		abort();	/* the parser promised a checked size */
	return verify_ok ? CRYPTO_OK : CRYPTO_ERR_VERIFY;
}

/* ---- harness ---------------------------------------------------------- */

/* Writes the fake digest of shdr | bootstrap | ELF into the image, when its
 * sizes make that possible. */
static void fix_digest(uint8_t *img, size_t size)
{
	struct crypto_sha256_ctx c;
	uint32_t img_size;
	uint16_t sig_size;
	uint64_t elf_off;

	if (size < SHDR_SIZE)
		return;
	memcpy(&img_size, img + 8, 4);
	memcpy(&sig_size, img + 18, 2);
	elf_off = SHDR_SIZE + 32ull + sig_size + SHDR_BOOTSTRAP_SIZE;
	if (elf_off + img_size != size)
		return;
	crypto_sha256_init(&c);
	crypto_sha256_update(&c, img, SHDR_SIZE);
	crypto_sha256_update(&c, img + elf_off - SHDR_BOOTSTRAP_SIZE, SHDR_BOOTSTRAP_SIZE);
	crypto_sha256_update(&c, img + elf_off, img_size);
	crypto_sha256_final(&c, img + SHDR_SIZE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ta_image out;
	uint8_t uuid[16], flags, *img;
	size_t n;
	uint32_t res;

	if (size < 17)
		return 0;
	flags = data[0];
	memcpy(uuid, data + 1, 16);
	n = size - 17;
	img = malloc(n ? n : 1);
	if (!img)
		return 0;
	memcpy(img, data + 17, n);
	if (flags & 1)
		fix_digest(img, n);
	verify_ok = flags & 2;
	res = ta_image_verify_load(img, n, uuid, fake_verify, 0x00100000u, &out);
	if (res == TEE_SUCCESS) {
		struct ta_shdr_info info;
		if (ta_shdr_check(img, n, uuid, fake_verify, &info) != TEE_SUCCESS ||
		    (uint64_t)info.elf_off + info.elf_size != n ||
		    memcmp(img + info.elf_off - SHDR_BOOTSTRAP_SIZE, uuid, 16) ||
		    memcmp(out.head.uuid, uuid, 16) || !verify_ok) {
			fprintf(stderr, "fuzz_ta_shdr: accepted an image it should not have\n");
			abort();
		}
		ta_image_free(&out);
	} else if (out.mem) {
		abort();
	}
	if (ta_pool_used()) {
		fprintf(stderr, "fuzz_ta_shdr: %zu pool bytes leaked\n", ta_pool_used());
		abort();
	}
	free(img);
	return 0;
}
