/*
 * Normal-world buffers for RPC payloads (OPTEE_RPC_CMD_SHM_ALLOC/FREE,
 * ta-abi.md A.5). The answer is hostile: its type, size and address are
 * checked like any NS input before the buffer is used, and anything that is
 * not usable is given back at once.
 */
#include <stdlib.h>
#include <string.h>
#include <optee_msg.h>
#include <console.h>
#include <core_mmu.h>
#include <mintee_config.h>
#include <ns_io.h>
#include <ns_shm.h>
#include <rpc.h>

static void free_cookie(uint32_t type, uint64_t cookie)
{
	struct optee_msg_param p;

	memset(&p, 0, sizeof(p));
	p.attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	p.u.value.a = type;
	p.u.value.b = cookie;
	/* Linux answers SUCCESS whatever happened (ta-abi.md A.5): nothing to check. */
	rpc_cmd(OPTEE_RPC_CMD_SHM_FREE, 1, &p);
}

static uint32_t locate(const struct optee_msg_param *p, struct rpc_shm *shm)
{
	uint64_t pa = p->u.tmem.buf_ptr;
	uint32_t res;

	if (p->attr & OPTEE_MSG_ATTR_NONCONTIG) {
		res = ns_pagelist_parse(pa, shm->size, &shm->buf);
		if (res)
			return res;
		shm->noncontig = true;
		return TEE_SUCCESS;
	}
	if (!pa || pa & 7 || !(IS_ENABLED_SHM_RESERVED ? core_ns_range_in_shm(pa, shm->size)
						       : core_ns_range_ok(pa, shm->size))) {
		log_reject("rpc: SHM_ALLOC answered with unusable buffer 0x%llx+0x%x", pa,
			   (unsigned)shm->size);
		return TEE_ERROR_COMMUNICATION;
	}
	shm->pa = pa;
	return TEE_SUCCESS;
}

uint32_t rpc_shm_alloc(uint32_t type, uint32_t size, struct rpc_shm *shm)
{
	const uint64_t ok_attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	struct optee_msg_param p;
	uint32_t res;

	memset(shm, 0, sizeof(*shm));
	memset(&p, 0, sizeof(p));
	p.attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	p.u.value.a = type;
	p.u.value.b = size;
	p.u.value.c = 8;	/* alignment */
	res = rpc_cmd(OPTEE_RPC_CMD_SHM_ALLOC, 1, &p);
	if (res) {
		log_reject("rpc: SHM_ALLOC of %u bytes (type %u) answered 0x%x", (unsigned)size,
			   (unsigned)type, (unsigned)res);
		return res == TEE_ERROR_OUT_OF_MEMORY ? res : TEE_ERROR_OUT_OF_MEMORY;
	}
	shm->type = type;
	shm->cookie = p.u.tmem.shm_ref;
	shm->size = size;
	if ((p.attr & ~(uint64_t)OPTEE_MSG_ATTR_NONCONTIG) != ok_attr || p.u.tmem.size < size) {
		log_reject("rpc: SHM_ALLOC answered attr 0x%llx size 0x%llx for 0x%x bytes",
			   p.attr, p.u.tmem.size, (unsigned)size);
		res = TEE_ERROR_COMMUNICATION;
	} else {
		res = locate(&p, shm);
	}
	if (res) {
		free_cookie(type, shm->cookie);	/* give back whatever it was */
		memset(shm, 0, sizeof(*shm));
	}
	return res;
}

void rpc_shm_free(struct rpc_shm *shm)
{
	free_cookie(shm->type, shm->cookie);
	if (shm->noncontig)
		free(shm->buf.pages);
	memset(shm, 0, sizeof(*shm));
}

void rpc_shm_param(const struct rpc_shm *shm, uint32_t tmem_type, struct optee_msg_param *p)
{
	memset(p, 0, sizeof(*p));
	if (shm->noncontig) {
		/* Registered with the driver: named by its cookie (RMEM). */
		p->attr = tmem_type - OPTEE_MSG_ATTR_TYPE_TMEM_INPUT + OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
		p->u.rmem.offs = 0;
		p->u.rmem.size = shm->size;
		p->u.rmem.shm_ref = shm->cookie;
	} else {
		p->attr = tmem_type;
		p->u.tmem.buf_ptr = shm->pa;
		p->u.tmem.size = shm->size;
		p->u.tmem.shm_ref = shm->cookie;
	}
}

uint32_t rpc_shm_read(const struct rpc_shm *shm, uint32_t offs, void *dst, uint32_t len)
{
	if (offs > shm->size || len > shm->size - offs)
		return TEE_ERROR_BAD_PARAMETERS;
	if (shm->noncontig)
		ns_buf_read(&shm->buf, offs, dst, len);
	else
		ns_read(dst, shm->pa + offs, len);
	return TEE_SUCCESS;
}

uint32_t rpc_shm_write(const struct rpc_shm *shm, uint32_t offs, const void *src, uint32_t len)
{
	if (offs > shm->size || len > shm->size - offs)
		return TEE_ERROR_BAD_PARAMETERS;
	if (shm->noncontig)
		ns_buf_write(&shm->buf, offs, src, len);
	else
		ns_write(shm->pa + offs, src, len);
	return TEE_SUCCESS;
}
