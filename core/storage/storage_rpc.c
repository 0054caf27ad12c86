/*
 * Secure storage's file operations as OPTEE_RPC_CMD_FS requests to
 * tee-supplicant, with the parameter layouts it checks (ta-abi.md G.1).
 * Names and data travel in APPL buffers (the only ones the supplicant can
 * touch, A.3), allocated per request and given back on every path. Every
 * answer is hostile: sizes are bounded by what was asked, handles are
 * 32-bit, names are cut at the buffer's end; the files themselves are
 * authenticated above this layer.
 */
#include <string.h>
#include <optee_msg.h>
#include <console.h>
#include <rpc.h>
#include <storage.h>
#include <storage_fs.h>

static void value_in(struct optee_msg_param *p, uint32_t op, uint64_t b, uint64_t c)
{
	memset(p, 0, sizeof(*p));
	p->attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	p->u.value.a = op;
	p->u.value.b = b;
	p->u.value.c = c;
}

/* The supplicant's GP codes pass on; anything else is garbage. */
static uint32_t answer(uint32_t res)
{
	if (res && res < TEE_ERROR_GENERIC && res != TEE_ERROR_STORAGE_NOT_AVAILABLE) {
		log_reject("storage: FS request answered 0x%x", (unsigned)res);
		return TEE_ERROR_COMMUNICATION;
	}
	return res;
}

/* An APPL buffer holding name with its NUL, as an input memref in p. */
static uint32_t name_param(const char *name, struct rpc_shm *shm, struct optee_msg_param *p)
{
	const char *end = memchr(name, 0, STORAGE_FS_NAME_MAX - 1);
	uint32_t len = (uint32_t)(end ? end - name : STORAGE_FS_NAME_MAX - 1) + 1;
	uint32_t res = rpc_shm_alloc(OPTEE_RPC_SHM_TYPE_APPL, len, shm);

	if (res)
		return res;
	res = rpc_shm_write(shm, 0, name, len - 1);
	if (!res)
		res = rpc_shm_write(shm, len - 1, "", 1);
	if (res) {
		rpc_shm_free(shm);
		return res;
	}
	rpc_shm_param(shm, OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, p);
	return TEE_SUCCESS;
}

/* A 32-bit handle from a VALUE_OUTPUT answer. */
static uint32_t handle_out(const struct optee_msg_param *p, uint32_t *h)
{
	if (p->u.value.a > UINT32_MAX) {
		log_reject("storage: FS handle 0x%llx out of range", p->u.value.a);
		return TEE_ERROR_COMMUNICATION;
	}
	*h = (uint32_t)p->u.value.a;
	return TEE_SUCCESS;
}

/* Requests of the shape value + name (+ value out): OPEN, CREATE, REMOVE,
 * OPENDIR. */
static uint32_t named(uint32_t op, const char *name, uint32_t *out)
{
	struct optee_msg_param p[3];
	struct rpc_shm shm;
	uint32_t res;

	value_in(&p[0], op, 0, 0);
	res = name_param(name, &shm, &p[1]);
	if (res)
		return res;
	memset(&p[2], 0, sizeof(p[2]));
	p[2].attr = OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT;
	res = answer(rpc_cmd(OPTEE_RPC_CMD_FS, out ? 3 : 2, p));
	rpc_shm_free(&shm);
	if (!res && out)
		res = handle_out(&p[2], out);
	return res;
}

static uint32_t rpc_open(void *ctx, const char *name, bool create, uint32_t *fd)
{
	(void)ctx;
	return named(create ? OPTEE_RPC_FS_CREATE : OPTEE_RPC_FS_OPEN, name, fd);
}

static uint32_t by_handle(uint32_t op, uint32_t h)
{
	struct optee_msg_param p;

	value_in(&p, op, h, 0);
	return answer(rpc_cmd(OPTEE_RPC_CMD_FS, 1, &p));
}

static uint32_t rpc_close(void *ctx, uint32_t fd)
{
	(void)ctx;
	return by_handle(OPTEE_RPC_FS_CLOSE, fd);
}

/* READ and READDIR: an output buffer of *len bytes; *len becomes the size
 * answered, which may not exceed it. */
static uint32_t read_into(struct optee_msg_param *p0, void *buf, uint32_t *len)
{
	struct optee_msg_param p[2];
	struct rpc_shm shm;
	uint32_t res, n;

	if (!*len)
		return TEE_ERROR_BAD_PARAMETERS;
	res = rpc_shm_alloc(OPTEE_RPC_SHM_TYPE_APPL, *len, &shm);
	if (res)
		return res;
	p[0] = *p0;
	rpc_shm_param(&shm, OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, &p[1]);
	res = answer(rpc_cmd(OPTEE_RPC_CMD_FS, 2, p));
	n = (uint32_t)p[1].u.tmem.size; /* tmem.size and rmem.size share their place */
	if (!res && p[1].u.tmem.size > *len) {
		log_reject("storage: FS answered %llu bytes for %u", p[1].u.tmem.size,
			   (unsigned)*len);
		res = TEE_ERROR_COMMUNICATION;
	}
	if (!res)
		res = rpc_shm_read(&shm, 0, buf, n);
	rpc_shm_free(&shm);
	if (!res)
		*len = n;
	return res;
}

static uint32_t rpc_read(void *ctx, uint32_t fd, uint32_t offs, void *buf, uint32_t *len)
{
	struct optee_msg_param p0;

	(void)ctx;
	value_in(&p0, OPTEE_RPC_FS_READ, fd, offs);
	return read_into(&p0, buf, len);
}

static uint32_t rpc_write(void *ctx, uint32_t fd, uint32_t offs, const void *buf, uint32_t len)
{
	struct optee_msg_param p[2];
	struct rpc_shm shm;
	uint32_t res;

	(void)ctx;
	if (!len)
		return TEE_SUCCESS;
	res = rpc_shm_alloc(OPTEE_RPC_SHM_TYPE_APPL, len, &shm);
	if (res)
		return res;
	res = rpc_shm_write(&shm, 0, buf, len);
	if (!res) {
		value_in(&p[0], OPTEE_RPC_FS_WRITE, fd, offs);
		rpc_shm_param(&shm, OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, &p[1]);
		res = answer(rpc_cmd(OPTEE_RPC_CMD_FS, 2, p));
	}
	rpc_shm_free(&shm);
	return res;
}

static uint32_t rpc_remove(void *ctx, const char *name)
{
	(void)ctx;
	return named(OPTEE_RPC_FS_REMOVE, name, NULL);
}

static uint32_t rpc_rename(void *ctx, const char *from, const char *to, bool overwrite)
{
	struct optee_msg_param p[3];
	struct rpc_shm a, b;
	uint32_t res;

	(void)ctx;
	value_in(&p[0], OPTEE_RPC_FS_RENAME, overwrite, 0);
	res = name_param(from, &a, &p[1]);
	if (res)
		return res;
	res = name_param(to, &b, &p[2]);
	if (!res) {
		res = answer(rpc_cmd(OPTEE_RPC_CMD_FS, 3, p));
		rpc_shm_free(&b);
	}
	rpc_shm_free(&a);
	return res;
}

static uint32_t rpc_opendir(void *ctx, const char *name, uint32_t *dh)
{
	(void)ctx;
	return named(OPTEE_RPC_FS_OPENDIR, name, dh);
}

static uint32_t rpc_readdir(void *ctx, uint32_t dh, char *name, uint32_t size)
{
	struct optee_msg_param p0;
	uint32_t len = size, res;

	(void)ctx;
	value_in(&p0, OPTEE_RPC_FS_READDIR, dh, 0);
	res = read_into(&p0, name, &len);
	if (!res && !len)
		res = TEE_ERROR_COMMUNICATION;
	if (!res)
		name[len - 1] = 0; /* whatever it sent, a string */
	return res;
}

static uint32_t rpc_closedir(void *ctx, uint32_t dh)
{
	(void)ctx;
	return by_handle(OPTEE_RPC_FS_CLOSEDIR, dh);
}

const struct storage_fs storage_rpc_fs = {
	.open = rpc_open,
	.close = rpc_close,
	.read = rpc_read,
	.write = rpc_write,
	.remove = rpc_remove,
	.rename = rpc_rename,
	.opendir = rpc_opendir,
	.readdir = rpc_readdir,
	.closedir = rpc_closedir,
};
