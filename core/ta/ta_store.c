/*
 * The LOAD_TA exchange (ta_store.h) as tee-supplicant serves it (ta-abi.md
 * A.2): the supplicant answers a null memref with the file size, fills an
 * APPL buffer it can see, and the buffer is given back on every path once
 * allocated. The image is copied whole into the TA pool before anything in
 * it is looked at, so the normal world cannot change what is checked.
 */
#include <string.h>
#include <optee_msg.h>
#include <console.h>
#include <crypto.h>
#include <rpc.h>
#include <ta_image.h>
#include <ta_pool.h>
#include <ta_shdr.h>
#include <ta_store.h>


static void load_params(const uint8_t uuid[16], struct optee_msg_param p[2])
{
	memset(p, 0, 2 * sizeof(*p));
	p[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(p[0].u.octets, uuid, 16);	/* value.a/b: the octets, in order */
	p[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;	/* null memref: size query */
}

/* The supplicant's error codes pass on (ITEM_NOT_FOUND: no such TA);
 * anything outside the GP error range is garbage. */
static uint32_t supp_error(uint32_t ret)
{
	return ret >= TEE_ERROR_GENERIC ? ret : TEE_ERROR_COMMUNICATION;
}

static uint32_t query_size(const uint8_t uuid[16], uint32_t *size)
{
	struct optee_msg_param p[2];
	uint32_t res;

	load_params(uuid, p);
	res = rpc_cmd(OPTEE_RPC_CMD_LOAD_TA, 2, p);
	/* A null buffer is "too small" as well: both answers carry the size. */
	if (res && res != TEE_ERROR_SHORT_BUFFER) {
		log_reject("ta_store: LOAD_TA size query answered 0x%x", (unsigned)res);
		return supp_error(res);
	}
	if (!p[1].u.tmem.size || p[1].u.tmem.size > TA_STORE_MAX_IMAGE) {
		log_reject("ta_store: image of %llu bytes (1..%u accepted)", p[1].u.tmem.size,
			   TA_STORE_MAX_IMAGE);
		return p[1].u.tmem.size ? TEE_ERROR_OUT_OF_MEMORY : TEE_ERROR_COMMUNICATION;
	}
	*size = (uint32_t)p[1].u.tmem.size;
	return TEE_SUCCESS;
}

/* LOAD_TA into shm, then one copy into dst. */
static uint32_t fetch(const uint8_t uuid[16], const struct rpc_shm *shm, uint8_t *dst)
{
	struct optee_msg_param p[2];
	uint32_t res;

	load_params(uuid, p);
	rpc_shm_param(shm, OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, &p[1]);
	res = rpc_cmd(OPTEE_RPC_CMD_LOAD_TA, 2, p);
	if (res) {
		log_reject("ta_store: LOAD_TA of %u bytes answered 0x%x", (unsigned)shm->size,
			   (unsigned)res);
		return res == TEE_ERROR_SHORT_BUFFER ? TEE_ERROR_COMMUNICATION : supp_error(res);
	}
	/* tmem.size and rmem.size share their place. */
	if (p[1].u.tmem.size != shm->size) {
		log_reject("ta_store: image size changed from %u to %llu between the calls",
			   (unsigned)shm->size, p[1].u.tmem.size);
		return TEE_ERROR_COMMUNICATION;
	}
	return rpc_shm_read(shm, 0, dst, shm->size);
}

uint32_t ta_store_load(const uint8_t uuid[16], uint32_t load_va, struct ta_image *out)
{
	struct rpc_shm shm;
	uint8_t *img;
	uint32_t size = 0, res;

	memset(out, 0, sizeof(*out));
	res = query_size(uuid, &size);
	if (res)
		return res;
	img = ta_pool_alloc(size);
	if (!img) {
		log_reject("ta_store: TA pool cannot hold an image of %u bytes", (unsigned)size);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	res = rpc_shm_alloc(OPTEE_RPC_SHM_TYPE_APPL, size, &shm);
	if (!res) {
		res = fetch(uuid, &shm, img);
		rpc_shm_free(&shm);
	}
	if (!res)
		res = ta_image_load(img, size, uuid, load_va, out);
	ta_pool_free(img, size);
	return res;
}

uint32_t ta_image_load(const uint8_t *img, size_t size, const uint8_t uuid[16],
		       uint32_t load_va, struct ta_image *out)
{
	return ta_image_verify_load(img, size, uuid, crypto_ta_key_verify, load_va, out);
}
