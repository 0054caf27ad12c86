/* Requests from a secure thread to the normal world (RPC). */
#ifndef RPC_H
#define RPC_H
#include <stdbool.h>
#include <stdint.h>
#include <optee_msg.h>
#include <ns_shm.h>

/*
 * One RPC command with num_params (<= THREAD_RPC_MAX_NUM_PARAMS) params: in
 * the caller's RPC arg struct (RPC_ARG), else in one obtained with RPC ALLOC
 * and given back with RPC FREE. The params are copied in, and the normal
 * world's answer copied back over them once: hostile, for the caller to
 * check. Returns the answer's ret (or the ALLOC failure).
 */
uint32_t rpc_cmd(uint32_t cmd, uint32_t num_params, struct optee_msg_param *params);

/* OPTEE_RPC_CMD_GET_TIME. TEE result. */
uint32_t rpc_get_time(uint32_t *seconds, uint32_t *nanoseconds);
/* OPTEE_RPC_CMD_SUSPEND: the normal world sleeps ms (interruptibly). */
uint32_t rpc_suspend(uint32_t ms);

/*
 * A normal-world buffer from OPTEE_RPC_CMD_SHM_ALLOC (rpc_shm.c): contiguous
 * (static pool: a PA, inside the carve-out in reserved mode) or a page list
 * (dynamic shm). size is what was asked for; every page was checked to lie
 * in NS RAM.
 */
struct rpc_shm {
	uint32_t type;		/* OPTEE_RPC_SHM_TYPE_* */
	uint64_t cookie;	/* the shm_ref to name it by */
	uint32_t size;
	bool noncontig;
	uint64_t pa;		/* contiguous */
	struct ns_buf buf;	/* noncontig: pages malloc'd */
};
uint32_t rpc_shm_alloc(uint32_t type, uint32_t size, struct rpc_shm *shm);
/* OPTEE_RPC_CMD_SHM_FREE; also releases the page array. */
void rpc_shm_free(struct rpc_shm *shm);
/* Sets p to a memref of the whole buffer (TMEM or RMEM) of type dir
 * (OPTEE_MSG_ATTR_TYPE_*MEM_OUTPUT etc. given as TMEM_*: RMEM derived). */
void rpc_shm_param(const struct rpc_shm *shm, uint32_t tmem_type, struct optee_msg_param *p);
/* Copies bytes [offs, offs + len) of the buffer into secure memory (checked). */
uint32_t rpc_shm_read(const struct rpc_shm *shm, uint32_t offs, void *dst, uint32_t len);
/* Copies len bytes from secure memory into the buffer at offs (checked). */
uint32_t rpc_shm_write(const struct rpc_shm *shm, uint32_t offs, const void *src, uint32_t len);
#endif
