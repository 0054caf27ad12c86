/* Host fuzzer: secure storage's on-disk parsers (core/storage/storage_fmt.c),
 * the directory and object files as tee-supplicant hands them back. The
 * AEAD is replaced by an identity "cipher" whose tag is 16 zero bytes, so
 * that the fuzzer reaches the decoders with bodies that pass authentication:
 * the decoders are checked as if the attacker held the key. Oracles besides
 * ASan/UBSan: an accepted directory keeps every bound (count, id lengths,
 * file numbers below the counter, distinct ids and files), and sealing it
 * again and opening the result gives the same directory. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <crypto.h>
#include <drbg.h>
#include <storage_priv.h>
#include "host.h"

static const uint8_t zero_tag[CRYPTO_AEAD_TAG_SIZE];

int crypto_aead_seal(const uint8_t key[CRYPTO_AEAD_KEY_SIZE],
		     const uint8_t nonce[CRYPTO_AEAD_NONCE_SIZE], const void *ad, size_t ad_len,
		     const void *pt, size_t len, void *ct, uint8_t tag[CRYPTO_AEAD_TAG_SIZE])
{
	(void)key, (void)nonce, (void)ad, (void)ad_len;
	memmove(ct, pt, len);
	memset(tag, 0, CRYPTO_AEAD_TAG_SIZE);
	return CRYPTO_OK;
}

int crypto_aead_open(const uint8_t key[CRYPTO_AEAD_KEY_SIZE],
		     const uint8_t nonce[CRYPTO_AEAD_NONCE_SIZE], const void *ad, size_t ad_len,
		     const void *ct, size_t len, const uint8_t tag[CRYPTO_AEAD_TAG_SIZE], void *pt)
{
	(void)key, (void)nonce, (void)ad, (void)ad_len;
	if (memcmp(tag, zero_tag, sizeof(zero_tag)))
		return CRYPTO_ERR_AUTH;
	memmove(pt, ct, len);
	return CRYPTO_OK;
}

void drbg_generate(void *out, size_t len)
{
	memset(out, 0x5a, len);
}

static void fail(const char *what)
{
	fprintf(stderr, "fuzz: %s\n", what);
	abort();
}

static void check_dir(const struct storage_dir *d)
{
	if (d->count > STORAGE_MAX_OBJECTS)
		fail("directory with too many entries accepted");
	for (uint32_t i = 0; i < d->count; i++) {
		if (d->e[i].id_len > TEE_OBJECT_ID_MAX_LEN || d->e[i].fileno >= d->next_fileno ||
		    d->e[i].data_size > STORAGE_MAX_DATA)
			fail("directory entry out of bounds accepted");
		for (uint32_t j = 0; j < i; j++)
			if (d->e[i].fileno == d->e[j].fileno ||
			    (d->e[i].id_len == d->e[j].id_len &&
			     !memcmp(d->e[i].id, d->e[j].id, d->e[i].id_len)))
				fail("directory with a repeated id or file accepted");
	}
}

static void fuzz_dir(const uint8_t key[32], const uint8_t uuid[16], uint8_t *buf, size_t len)
{
	static struct storage_dir d, again;
	uint8_t *re;
	size_t n;

	if (sfmt_dir_open(key, uuid, buf, len, &d))
		return;
	check_dir(&d);
	n = sfmt_dir_size(&d);
	re = malloc(n);
	if (sfmt_dir_seal(key, uuid, &d, re) || sfmt_dir_open(key, uuid, re, n, &again))
		fail("an accepted directory does not survive sealing again");
	if (again.count != d.count || again.next_fileno != d.next_fileno ||
	    again.generation != d.generation || memcmp(again.e, d.e, d.count * sizeof(d.e[0])))
		fail("a directory changed through sealing again");
	free(re);
}

static void fuzz_obj(const uint8_t key[32], const uint8_t uuid[16], uint8_t *buf, size_t len,
		     uint32_t fileno)
{
	struct storage_objref ref = { uuid, (const uint8_t *)"fuzz", 4, fileno };
	struct storage_objhdr oh;
	const uint8_t *data;

	if (sfmt_obj_open(key, &ref, buf, len, &oh, &data))
		return;
	if (oh.data_size > STORAGE_MAX_DATA || len != sfmt_obj_size(oh.data_size) ||
	    data + oh.data_size != buf + len - CRYPTO_AEAD_TAG_SIZE)
		fail("an object's data size does not match its file");
}

/*
 * Input: byte 0 (bit 0: object file, else directory; bit 1: the rest is a
 * body, wrapped here in a valid header and tag, so that most inputs reach
 * the decoder), bytes 1-4 the object's file number, then the file or body.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t key[32], uuid[16];
	bool obj, wrap;
	size_t hdr, len;
	uint8_t *buf;

	if (size < 5 || size > SFMT_DIR_MAX_FILE + 64)
		return 0;
	obj = data[0] & 1;
	wrap = data[0] & 2;
	hdr = obj ? SFMT_OBJ_HDR : SFMT_DIR_HDR;
	len = size - 5 + (wrap ? hdr + CRYPTO_AEAD_TAG_SIZE : 0);
	buf = malloc(len);	/* exactly the file: ASan sees every overread */
	if (wrap) {
		memset(buf, 0, hdr);
		memcpy(buf, obj ? "MTSO" : "MTSD", 4);
		buf[4] = SFMT_VERSION;
		memcpy(buf + hdr, data + 5, size - 5);
		memset(buf + len - CRYPTO_AEAD_TAG_SIZE, 0, CRYPTO_AEAD_TAG_SIZE);
	} else {
		memcpy(buf, data + 5, size - 5);
	}
	if (obj)
		fuzz_obj(key, uuid, buf, len,
			 data[1] | (uint32_t)data[2] << 8 | (uint32_t)data[3] << 16 |
				 (uint32_t)data[4] << 24);
	else
		fuzz_dir(key, uuid, buf, len);
	free(buf);
	return 0;
}
