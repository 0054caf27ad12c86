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

/* Checks and converts n (<= 4) client params; memref contents are copied
 * into secure bounce buffers. Returns a TEE result (origin TEE on failure). */
uint32_t msg_params_in(const struct optee_msg_param *in, unsigned int n, struct msg_params *mp);
/* Writes sizes, output values and (when res is SUCCESS) output bytes back to
 * the NS params at ns_out; frees everything msg_params_in took. */
void msg_params_out(struct msg_params *mp, const struct optee_msg_param *in,
		    volatile struct optee_msg_param *ns_out, uint32_t *res);
/* Frees what msg_params_in took, writing nothing back. */
void msg_params_release(struct msg_params *mp);
#endif
