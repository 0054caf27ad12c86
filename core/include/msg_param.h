/* Conversion between optee_msg_param and the services' tee_param. */
#ifndef MSG_PARAM_H
#define MSG_PARAM_H
#include <stdbool.h>
#include <stdint.h>
#include <optee_msg.h>
#include <pta.h>
#include <ns_shm.h>

/* Where one memref's bytes live in the normal world. */
struct msg_memref {
	enum { MEMREF_NONE, MEMREF_NULL, MEMREF_CONTIG, MEMREF_SCATTERED } kind;
	uint64_t pa;            /* MEMREF_CONTIG */
	struct ns_buf *buf;     /* MEMREF_SCATTERED: registered or parsed list */
	uint32_t offs;          /* into buf */
	uint32_t size;          /* as given */
	bool has_ref;           /* buf is a registration to put back */
	bool own_pages;         /* buf parsed for this call: free it */
};

struct msg_params {
	bool wipe;              /* set by the caller: wipe bounce buffers on release */
	unsigned int n;
	uint32_t ptypes;
	union tee_param p[TEE_NUM_PARAMS];
	struct msg_memref mem[TEE_NUM_PARAMS];
};

/* Limits of a call's memrefs: each, and all together (the bounce area of
 * one thread, thread_pool.h). Beyond them: TEE_ERROR_OUT_OF_MEMORY. */
#define MSG_MAX_MEMREF_SIZE        (1024u * 1024u)
#define MSG_MAX_CALL_MEMREF_BYTES  (1024u * 1024u)

/* The GP parameter types of n (<= 4) client params, their attrs and the
 * size limits checked; allocates nothing. A TEE result (origin TEE). */
uint32_t msg_params_decode(const struct optee_msg_param *in, unsigned int n, uint32_t *ptypes);
/* After msg_params_decode(in, n, &ptypes) succeeded and the service accepted
 * ptypes: locates every memref and copies it into the calling thread's
 * bounce area. A TEE result (origin TEE on failure). */
uint32_t msg_params_in(const struct optee_msg_param *in, unsigned int n, uint32_t ptypes,
		       struct msg_params *mp);
/* Writes sizes, output values and (when res is SUCCESS) output bytes back to
 * the NS params at PA ns_params; gives back everything msg_params_in took. */
void msg_params_out(struct msg_params *mp, uint64_t ns_params, uint32_t *res);
/* Frees what msg_params_in took, writing nothing back. */
void msg_params_release(struct msg_params *mp);
#endif
