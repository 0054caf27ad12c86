/*
 * The firmware's FS transport (core/storage/storage_rpc.c) on the host: its
 * requests as tee-supplicant receives them (OPTEE_RPC_CMD_FS, the param
 * layouts of ta-abi.md G.1, names and data in APPL buffers), answered by the
 * in-memory FS of test_storage_fs.c through stand-ins of rpc_cmd() and the
 * rpc_shm_*() buffers; then answers that lie (sizes beyond what was asked,
 * 64-bit handles, codes outside the GP range, names without their NUL):
 * each is an error, never an overrun, and every buffer is given back.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <crypto.h>
#include <drbg.h>
#include <rpc.h>
#include <storage.h>
#include <storage_fs.h>
#include "fake_arch.h"
#include "test_storage_fs.h"
#include "unit_test.h"

static uint8_t huk[32];
const uint8_t *huk_secret(void) { return huk; }

/* ------------------------------------------------- rpc stand-ins */

static unsigned int allocs, frees, requests, bad_shape;
static bool lie_size, lie_handle, lie_code, lie_nonul;

uint32_t rpc_shm_alloc(uint32_t type, uint32_t size, struct rpc_shm *shm)
{
	memset(shm, 0, sizeof(*shm));
	if (type != OPTEE_RPC_SHM_TYPE_APPL)
		bad_shape++;	/* the supplicant sees only APPL buffers */
	shm->type = type;
	shm->size = size;
	shm->pa = (uint64_t)(uintptr_t)calloc(1, size ? size : 1);
	shm->cookie = ++allocs;
	return TEE_SUCCESS;
}

void rpc_shm_free(struct rpc_shm *shm)
{
	free((void *)(uintptr_t)shm->pa);
	frees++;
	memset(shm, 0, sizeof(*shm));
}

void rpc_shm_param(const struct rpc_shm *shm, uint32_t tmem_type, struct optee_msg_param *p)
{
	memset(p, 0, sizeof(*p));
	p->attr = tmem_type;
	p->u.tmem.buf_ptr = shm->pa;
	p->u.tmem.size = shm->size;
	p->u.tmem.shm_ref = shm->cookie;
}

uint32_t rpc_shm_read(const struct rpc_shm *shm, uint32_t offs, void *dst, uint32_t len)
{
	if (offs > shm->size || len > shm->size - offs)
		return TEE_ERROR_BAD_PARAMETERS;
	memcpy(dst, (uint8_t *)(uintptr_t)shm->pa + offs, len);
	return TEE_SUCCESS;
}

uint32_t rpc_shm_write(const struct rpc_shm *shm, uint32_t offs, const void *src, uint32_t len)
{
	if (offs > shm->size || len > shm->size - offs)
		return TEE_ERROR_BAD_PARAMETERS;
	memcpy((uint8_t *)(uintptr_t)shm->pa + offs, src, len);
	return TEE_SUCCESS;
}

static void *buf_of(const struct optee_msg_param *p)
{
	return (void *)(uintptr_t)p->u.tmem.buf_ptr;
}

/* A name memref: NUL-terminated within its size (what the supplicant checks). */
static const char *name_of(const struct optee_msg_param *p)
{
	const char *s = buf_of(p);

	if (p->attr != OPTEE_MSG_ATTR_TYPE_TMEM_INPUT || !p->u.tmem.size ||
	    s[p->u.tmem.size - 1])
		bad_shape++;
	return s;
}

static bool shape(uint32_t num, uint32_t want, const struct optee_msg_param *p)
{
	if (num != want || p[0].attr != OPTEE_MSG_ATTR_TYPE_VALUE_INPUT)
		bad_shape++;
	return num == want;
}

static uint32_t serve(uint32_t num, struct optee_msg_param *p)
{
	const struct storage_fs *f = &fake_fs;
	uint32_t h = 0, len, res;

	switch (p[0].u.value.a) {
	case OPTEE_RPC_FS_OPEN:
	case OPTEE_RPC_FS_CREATE:
	case OPTEE_RPC_FS_OPENDIR:
		if (!shape(num, 3, p) || p[2].attr != OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT)
			return TEE_ERROR_BAD_PARAMETERS;
		res = p[0].u.value.a == OPTEE_RPC_FS_OPENDIR
			      ? f->opendir(NULL, name_of(&p[1]), &h)
			      : f->open(NULL, name_of(&p[1]), p[0].u.value.a == OPTEE_RPC_FS_CREATE, &h);
		p[2].u.value.a = lie_handle ? (uint64_t)h | 1ull << 40 : h;
		return res;
	case OPTEE_RPC_FS_CLOSE:
	case OPTEE_RPC_FS_CLOSEDIR:
		shape(num, 1, p);
		return p[0].u.value.a == OPTEE_RPC_FS_CLOSE ? f->close(NULL, (uint32_t)p[0].u.value.b)
							    : f->closedir(NULL, (uint32_t)p[0].u.value.b);
	case OPTEE_RPC_FS_READ:
	case OPTEE_RPC_FS_READDIR:
		shape(num, 2, p);
		if (p[1].attr != OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT)
			bad_shape++;
		len = (uint32_t)p[1].u.tmem.size;
		if (p[0].u.value.a == OPTEE_RPC_FS_READ) {
			res = f->read(NULL, (uint32_t)p[0].u.value.b, (uint32_t)p[0].u.value.c,
				      buf_of(&p[1]), &len);
		} else {
			res = f->readdir(NULL, (uint32_t)p[0].u.value.b, buf_of(&p[1]), len);
			len = res ? len : (uint32_t)strlen(buf_of(&p[1])) + 1;
			if (!res && lie_nonul)
				memset(buf_of(&p[1]), 'x', p[1].u.tmem.size);
		}
		p[1].u.tmem.size = lie_size ? p[1].u.tmem.size + 4096 : len;
		return res;
	case OPTEE_RPC_FS_WRITE:
		shape(num, 2, p);
		if (p[1].attr != OPTEE_MSG_ATTR_TYPE_TMEM_INPUT)
			bad_shape++;
		return f->write(NULL, (uint32_t)p[0].u.value.b, (uint32_t)p[0].u.value.c,
				buf_of(&p[1]), (uint32_t)p[1].u.tmem.size);
	case OPTEE_RPC_FS_REMOVE:
		shape(num, 2, p);
		return f->remove(NULL, name_of(&p[1]));
	case OPTEE_RPC_FS_RENAME:
		shape(num, 3, p);
		return f->rename(NULL, name_of(&p[1]), name_of(&p[2]), p[0].u.value.b != 0);
	default:
		bad_shape++;
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

uint32_t rpc_cmd(uint32_t cmd, uint32_t num_params, struct optee_msg_param *params)
{
	uint32_t res;

	requests++;
	if (cmd != OPTEE_RPC_CMD_FS || num_params > 4) {
		bad_shape++;
		return TEE_ERROR_BAD_PARAMETERS;
	}
	res = serve(num_params, params);
	return lie_code ? 0x1234 : res;
}

/* ------------------------------------------------------------- cases */

static const uint8_t ta[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

static void reset(void)
{
	lie_size = lie_handle = lie_code = lie_nonul = false;
	allocs = frees = requests = bad_shape = 0;
	ffs_format();
	storage_init(&storage_rpc_fs);
}

static uint32_t put(const char *id, const void *d, size_t n)
{
	struct storage_handle *h;
	uint32_t res = storage_create(ta, TEE_STORAGE_PRIVATE, id, strlen(id),
				      TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_OVERWRITE, d, n, &h);

	if (!res)
		storage_close(h);
	return res;
}

static uint32_t get(const char *id, void *d, size_t cap, size_t *n)
{
	struct storage_handle *h;
	uint32_t res = storage_open(ta, TEE_STORAGE_PRIVATE, id, strlen(id),
				    TEE_DATA_FLAG_ACCESS_READ, &h);

	if (res)
		return res;
	res = storage_read(h, d, cap, n);
	storage_close(h);
	return res;
}

static void test_roundtrip(void)
{
	static uint8_t big[STORAGE_MAX_DATA], back[STORAGE_MAX_DATA];
	size_t n;

	reset();
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i ^ (i >> 8));
	UT_EQ(put("small", "abc", 3), TEE_SUCCESS);
	UT_EQ(put("big", big, sizeof(big)), TEE_SUCCESS);
	storage_init(&storage_rpc_fs);	/* reboot: everything read back over the RPCs */
	ffs_reset_counters();
	UT_EQ(get("big", back, sizeof(back), &n), TEE_SUCCESS);
	UT_EQ(n, sizeof(big));
	UT_ASSERT(!memcmp(big, back, n));
	UT_EQ(get("small", back, sizeof(back), &n), TEE_SUCCESS);
	UT_EQ(n, 3);
	UT_ASSERT(ffs_find("/01020304-0506-0708-090a-0b0c0d0e0f10/dirf.db"));
	UT_EQ(bad_shape, 0);
	UT_ASSERT(requests > 20);
	UT_EQ(allocs, frees);
}

static void test_lies(void)
{
	static const struct { bool *knob; const char *what; } lies[] = {
		{ &lie_size, "read sizes beyond the buffer" },
		{ &lie_handle, "handles beyond 32 bits" },
		{ &lie_code, "a code outside the GP range" },
		{ &lie_nonul, "readdir names without a NUL" },
	};
	uint8_t back[64];
	size_t n;

	for (unsigned int i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		reset();
		UT_EQ(put("k", "value", 5), TEE_SUCCESS);
		UT_EQ(put("k2", "other", 5), TEE_SUCCESS);
		ffs_put("/01020304-0506-0708-090a-0b0c0d0e0f10/stray", (const uint8_t *)"s", 1);
		storage_init(&storage_rpc_fs);
		*lies[i].knob = true;
		uint32_t res = get("k", back, sizeof(back), &n);

		*lies[i].knob = false;
		/* readdir lies hit only the sweep: leftovers stay, the data is right. */
		if (lies[i].knob == &lie_nonul) {
			UT_EQ(res, TEE_SUCCESS);
			UT_ASSERT(n == 5 && !memcmp(back, "value", 5));
		} else if (res != TEE_ERROR_COMMUNICATION && res != TEE_ERROR_STORAGE_NOT_AVAILABLE) {
			printf("    %s: 0x%x\n", lies[i].what, res);
			UT_ASSERT(0);
		}
		UT_EQ(allocs, frees);
		/* The truth again: nothing was lost. */
		storage_init(&storage_rpc_fs);
		UT_EQ(get("k", back, sizeof(back), &n), TEE_SUCCESS);
		UT_ASSERT(n == 5 && !memcmp(back, "value", 5));
		UT_EQ(bad_shape, 0);
	}
}

int main(void)
{
	for (int i = 0; i < 32; i++)
		huk[i] = (uint8_t)(100 + i);
	crypto_init();
	drbg_seed("rpc test", 8);
	UT_RUN("storage_rpc", roundtrip, "objects up to 256 KiB through OPTEE_RPC_CMD_FS: the supplicant's layouts, APPL buffers, all given back");
	UT_RUN("storage_rpc", lies, "oversized reads, 64-bit handles, non-GP codes: errors, no overrun, nothing lost; names without NUL cut");
	return UT_DONE();
}
