/*
 * The on-disk format of secure storage (docs/secure-storage.md): sealing
 * and opening object and directory files. Everything read is checked: a
 * file is authenticated before it is decoded, and the decoded body is
 * checked field by field.
 */
#include <string.h>
#include <drbg.h>
#include <storage_priv.h>

#define SFMT_OBJ_MAGIC "MTSO"
#define SFMT_DIR_MAGIC "MTSD"
#define SFMT_AD_MAX    (SFMT_DIR_HDR + 3 + 16 + 8 + TEE_OBJECT_ID_MAX_LEN)

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint64_t get64(const uint8_t *p)
{
	return get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* AD = the file's header ‖ label ‖ TA UUID ‖ (objects) fileno, id length, id. */
static size_t make_ad(uint8_t *ad, const uint8_t *hdr, size_t hdr_len, const char *label,
		      const uint8_t uuid[16], const struct storage_objref *ref)
{
	size_t n = hdr_len;

	memcpy(ad, hdr, hdr_len);
	memcpy(ad + n, label, 3);
	n += 3;
	memcpy(ad + n, uuid, 16);
	n += 16;
	if (ref) {
		put32(ad + n, ref->fileno);
		put32(ad + n + 4, ref->id_len);
		memcpy(ad + n + 8, ref->id, ref->id_len);
		n += 8 + ref->id_len;
	}
	return n;
}

size_t sfmt_dir_size(const struct storage_dir *d)
{
	return SFMT_DIR_HDR + SFMT_DIR_BODY_HDR + SFMT_DIR_ENTRY * (size_t)d->count +
	       CRYPTO_AEAD_TAG_SIZE;
}

static void encode_entry(uint8_t *p, const struct storage_entry *e)
{
	put32(p, e->id_len);
	put32(p + 4, e->fileno);
	put32(p + 8, e->data_size);
	memcpy(p + 12, e->hash, sizeof(e->hash));
	memset(p + 44, 0, TEE_OBJECT_ID_MAX_LEN);
	memcpy(p + 44, e->id, e->id_len);
}

uint32_t sfmt_dir_seal(const uint8_t key[32], const uint8_t uuid[16], const struct storage_dir *d,
		       uint8_t *buf)
{
	uint8_t ad[SFMT_AD_MAX];
	size_t body = SFMT_DIR_BODY_HDR + SFMT_DIR_ENTRY * (size_t)d->count;
	uint8_t *p = buf + SFMT_DIR_HDR;

	memcpy(buf, SFMT_DIR_MAGIC, 4);
	put32(buf + 4, SFMT_VERSION);
	put64(buf + 8, d->generation);
	drbg_generate(buf + 16, CRYPTO_AEAD_NONCE_SIZE);
	put32(p, d->next_fileno);
	put32(p + 4, d->count);
	for (uint32_t i = 0; i < d->count; i++)
		encode_entry(p + SFMT_DIR_BODY_HDR + SFMT_DIR_ENTRY * i, &d->e[i]);
	if (crypto_aead_seal(key, buf + 16, ad, make_ad(ad, buf, SFMT_DIR_HDR, "dir", uuid, NULL),
			     p, body, p, p + body))
		return TEE_ERROR_GENERIC;
	return TEE_SUCCESS;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;

	while (n--)
		acc |= *p++;
	return !acc;
}

static uint32_t decode_entry(const uint8_t *p, struct storage_entry *e)
{
	e->id_len = get32(p);
	e->fileno = get32(p + 4);
	e->data_size = get32(p + 8);
	memcpy(e->hash, p + 12, sizeof(e->hash));
	if (e->id_len > TEE_OBJECT_ID_MAX_LEN || e->data_size > STORAGE_MAX_DATA ||
	    !all_zero(p + 44 + e->id_len, TEE_OBJECT_ID_MAX_LEN - e->id_len))
		return TEE_ERROR_CORRUPT_OBJECT;
	memset(e->id, 0, sizeof(e->id));
	memcpy(e->id, p + 44, e->id_len);
	return TEE_SUCCESS;
}

/* No two entries name one id or one file. */
static bool entries_distinct(const struct storage_dir *d)
{
	for (uint32_t i = 0; i < d->count; i++)
		for (uint32_t j = i + 1; j < d->count; j++)
			if (d->e[i].fileno == d->e[j].fileno ||
			    (d->e[i].id_len == d->e[j].id_len &&
			     !memcmp(d->e[i].id, d->e[j].id, d->e[i].id_len)))
				return false;
	return true;
}

uint32_t sfmt_dir_decode(const uint8_t *body, size_t len, struct storage_dir *d)
{
	if (len < SFMT_DIR_BODY_HDR)
		return TEE_ERROR_CORRUPT_OBJECT;
	d->next_fileno = get32(body);
	d->count = get32(body + 4);
	if (d->count > STORAGE_MAX_OBJECTS ||
	    len != SFMT_DIR_BODY_HDR + SFMT_DIR_ENTRY * (size_t)d->count)
		return TEE_ERROR_CORRUPT_OBJECT;
	for (uint32_t i = 0; i < d->count; i++) {
		struct storage_entry *e = &d->e[i];

		if (decode_entry(body + SFMT_DIR_BODY_HDR + SFMT_DIR_ENTRY * i, e) ||
		    e->fileno >= d->next_fileno)
			return TEE_ERROR_CORRUPT_OBJECT;
	}
	return entries_distinct(d) ? TEE_SUCCESS : TEE_ERROR_CORRUPT_OBJECT;
}

uint32_t sfmt_dir_open(const uint8_t key[32], const uint8_t uuid[16], uint8_t *buf, size_t len,
		       struct storage_dir *d)
{
	uint8_t ad[SFMT_AD_MAX];
	size_t body;

	if (len < SFMT_DIR_HDR + SFMT_DIR_BODY_HDR + CRYPTO_AEAD_TAG_SIZE ||
	    len > SFMT_DIR_MAX_FILE || memcmp(buf, SFMT_DIR_MAGIC, 4) ||
	    get32(buf + 4) != SFMT_VERSION)
		return TEE_ERROR_CORRUPT_OBJECT;
	body = len - SFMT_DIR_HDR - CRYPTO_AEAD_TAG_SIZE;
	if (crypto_aead_open(key, buf + 16, ad, make_ad(ad, buf, SFMT_DIR_HDR, "dir", uuid, NULL),
			     buf + SFMT_DIR_HDR, body, buf + SFMT_DIR_HDR + body,
			     buf + SFMT_DIR_HDR))
		return TEE_ERROR_CORRUPT_OBJECT;
	d->generation = get64(buf + 8);
	return sfmt_dir_decode(buf + SFMT_DIR_HDR, body, d);
}

uint32_t sfmt_obj_seal(const uint8_t key[32], const struct storage_objref *ref,
		       const struct storage_objhdr *oh, const void *data, uint8_t *buf)
{
	uint8_t ad[SFMT_AD_MAX];
	size_t body = SFMT_OBJ_BODY_HDR + (size_t)oh->data_size;
	uint8_t *p = buf + SFMT_OBJ_HDR;

	memcpy(buf, SFMT_OBJ_MAGIC, 4);
	put32(buf + 4, SFMT_VERSION);
	drbg_generate(buf + 8, CRYPTO_AEAD_NONCE_SIZE);
	put32(p, oh->obj_type);
	put32(p + 4, oh->obj_usage);
	put32(p + 8, 0); /* attribute bytes: none in version 1 */
	put32(p + 12, oh->data_size);
	memcpy(p + SFMT_OBJ_BODY_HDR, data, oh->data_size);
	if (crypto_aead_seal(key, buf + 8, ad,
			     make_ad(ad, buf, SFMT_OBJ_HDR, "obj", ref->uuid, ref), p, body, p,
			     p + body))
		return TEE_ERROR_GENERIC;
	return TEE_SUCCESS;
}

uint32_t sfmt_obj_decode(const uint8_t *body, size_t len, struct storage_objhdr *oh)
{
	if (len < SFMT_OBJ_BODY_HDR)
		return TEE_ERROR_CORRUPT_OBJECT;
	oh->obj_type = get32(body);
	oh->obj_usage = get32(body + 4);
	oh->data_size = get32(body + 12);
	if (oh->obj_type != TEE_TYPE_DATA || get32(body + 8) != 0 ||
	    oh->data_size > STORAGE_MAX_DATA || len - SFMT_OBJ_BODY_HDR != oh->data_size)
		return TEE_ERROR_CORRUPT_OBJECT;
	return TEE_SUCCESS;
}

uint32_t sfmt_obj_open(const uint8_t key[32], const struct storage_objref *ref, uint8_t *buf,
		       size_t len, struct storage_objhdr *oh, const uint8_t **data)
{
	uint8_t ad[SFMT_AD_MAX];
	size_t body;

	if (len < SFMT_OBJ_OVERHEAD || len > sfmt_obj_size(STORAGE_MAX_DATA) ||
	    memcmp(buf, SFMT_OBJ_MAGIC, 4) || get32(buf + 4) != SFMT_VERSION)
		return TEE_ERROR_CORRUPT_OBJECT;
	body = len - SFMT_OBJ_HDR - CRYPTO_AEAD_TAG_SIZE;
	if (crypto_aead_open(
		    key, buf + 8, ad, make_ad(ad, buf, SFMT_OBJ_HDR, "obj", ref->uuid, ref),
		    buf + SFMT_OBJ_HDR, body, buf + SFMT_OBJ_HDR + body, buf + SFMT_OBJ_HDR))
		return TEE_ERROR_CORRUPT_OBJECT;
	*data = buf + SFMT_OBJ_HDR + SFMT_OBJ_BODY_HDR;
	return sfmt_obj_decode(buf + SFMT_OBJ_HDR, body, oh);
}
