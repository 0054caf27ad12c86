/*
 * Client parameters of OPEN_SESSION / INVOKE_COMMAND, in three steps:
 *  1. decode: attrs to GP parameter types and sizes, limits checked; nothing
 *     is allocated, so the caller can hold the types against what the
 *     service declared before any memory is spent;
 *  2. locate: each memref's NS memory (carve-out or NS RAM, registered shm
 *     or a page list) is checked;
 *  3. bounce: contents are copied into the calling thread's bounce area
 *     (thread_bounce_alloc), so the normal world cannot change what a
 *     service reads. Output-only buffers start zeroed: nothing of an earlier
 *     call can leak back.
 * All NS reads and writes go through mm/ns_io.h.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <console.h>
#include <core_mmu.h>
#include <mintee_config.h>
#include <msg_param.h>
#include <ns_io.h>
#include <thread_pool.h>

_Static_assert(MSG_MAX_CALL_MEMREF_BYTES <= THREAD_BOUNCE_SIZE,
	       "a call's memrefs fit its thread's bounce area");
_Static_assert(TEE_NUM_PARAMS * 8 <= THREAD_BOUNCE_SLACK, "room for rounding");

static bool attr_is_tmem(uint32_t t)
{
	return t >= OPTEE_MSG_ATTR_TYPE_TMEM_INPUT && t <= OPTEE_MSG_ATTR_TYPE_TMEM_INOUT;
}

static bool attr_is_rmem(uint32_t t)
{
	return t >= OPTEE_MSG_ATTR_TYPE_RMEM_INPUT && t <= OPTEE_MSG_ATTR_TYPE_RMEM_INOUT;
}

static bool contig_ok(uint64_t pa, uint64_t size)
{
	uint64_t len = size ? size : 1;

	if (IS_ENABLED_SHM_RESERVED)
		return core_ns_range_in_shm(pa, len);
	return core_ns_range_ok(pa, len);
}

/* Step 1 for one param: its GP type, nothing else. */
static uint32_t decode_type(const struct optee_msg_param *in, uint32_t *ptype)
{
	uint32_t type = in->attr & OPTEE_MSG_ATTR_TYPE_MASK;

	if (in->attr & ~(uint64_t)(OPTEE_MSG_ATTR_TYPE_MASK | OPTEE_MSG_ATTR_NONCONTIG)) {
		log_reject("msg: param attr 0x%llx has unexpected flags", in->attr);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (type <= OPTEE_MSG_ATTR_TYPE_VALUE_INOUT) {
		*ptype = type;	/* NONE and VALUE_* have the GP numbers */
		return TEE_SUCCESS;
	}
	if (!attr_is_tmem(type) && !attr_is_rmem(type)) {
		log_reject("msg: param type 0x%x unknown", type);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	*ptype = TEE_PARAM_TYPE_MEMREF_INPUT + (type & 3) - 1;
	return TEE_SUCCESS;
}

uint32_t msg_params_decode(const struct optee_msg_param *in, unsigned int n, uint32_t *ptypes)
{
	uint64_t total = 0, size;
	uint32_t res, t;
	unsigned int i;

	*ptypes = 0;
	if (n > TEE_NUM_PARAMS) {
		log_reject("msg: %u client params, at most %u", n, TEE_NUM_PARAMS);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	for (i = 0; i < n; i++) {
		res = decode_type(&in[i], &t);
		if (res)
			return res;
		*ptypes |= t << (4 * i);
		if (t < TEE_PARAM_TYPE_MEMREF_INPUT)
			continue;
		size = in[i].u.tmem.size;	/* same offset in rmem */
		if (size > MSG_MAX_MEMREF_SIZE || (total += size) > MSG_MAX_CALL_MEMREF_BYTES) {
			log_reject("msg: memref %u of %llu bytes exceeds the limits (%u per memref, %u per call)",
				   i, size, MSG_MAX_MEMREF_SIZE, MSG_MAX_CALL_MEMREF_BYTES);
			return TEE_ERROR_OUT_OF_MEMORY;
		}
	}
	return TEE_SUCCESS;
}

static uint32_t locate_tmem(const struct optee_msg_param *in, struct msg_memref *m)
{
	uint64_t pa = in->u.tmem.buf_ptr, size = in->u.tmem.size;
	uint32_t res;

	if (in->attr & OPTEE_MSG_ATTR_NONCONTIG) {
		m->buf = malloc(sizeof(*m->buf));	/* <= 1 KiB with the page array */
		if (!m->buf)
			return TEE_ERROR_OUT_OF_MEMORY;
		res = ns_pagelist_parse(pa, size, m->buf);
		if (res) {
			free(m->buf);
			m->buf = NULL;
			return res;
		}
		m->kind = MEMREF_SCATTERED;
		m->own_pages = true;
		return TEE_SUCCESS;
	}
	if (!pa) {
		m->kind = MEMREF_NULL;
		return TEE_SUCCESS;
	}
	if (!contig_ok(pa, size)) {
		log_reject("msg: tmem 0x%llx+0x%llx is not usable NS memory", pa, size);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	m->kind = MEMREF_CONTIG;
	m->pa = pa;
	return TEE_SUCCESS;
}

static uint32_t locate_rmem(const struct optee_msg_param *in, struct msg_memref *m)
{
	uint64_t offs = in->u.rmem.offs, size = in->u.rmem.size;
	struct ns_buf *buf = ns_shm_get(in->u.rmem.shm_ref);

	if (!buf) {
		log_reject("msg: rmem cookie 0x%llx is not registered", in->u.rmem.shm_ref);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	m->buf = buf;		/* the reference msg_params_release() gives back */
	m->has_ref = true;
	if (offs > buf->size || size > buf->size - offs) {
		log_reject("msg: rmem 0x%llx+0x%llx outside its registration of 0x%x bytes", offs, size,
			buf->size);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	m->kind = MEMREF_SCATTERED;
	m->offs = (uint32_t)offs;
	return TEE_SUCCESS;
}

static void memref_read(const struct msg_memref *m, void *dst)
{
	if (m->kind == MEMREF_CONTIG)
		ns_read(dst, m->pa, m->size);
	else if (m->kind == MEMREF_SCATTERED)
		ns_buf_read(m->buf, m->offs, dst, m->size);
}

static void memref_write(const struct msg_memref *m, const void *src, uint32_t len)
{
	if (m->kind == MEMREF_CONTIG)
		ns_write(m->pa, src, len);
	else if (m->kind == MEMREF_SCATTERED)
		ns_buf_write(m->buf, m->offs, src, len);
}

/* Steps 2 and 3 for one memref of GP type ptype. */
static uint32_t memref_in(const struct optee_msg_param *in, uint32_t ptype, union tee_param *p,
			  struct msg_memref *m)
{
	uint32_t type = in->attr & OPTEE_MSG_ATTR_TYPE_MASK, res;

	memset(m, 0, sizeof(*m));
	m->size = (uint32_t)in->u.tmem.size;	/* checked by msg_params_decode() */
	p->memref.buffer = NULL;
	p->memref.size = m->size;
	res = attr_is_tmem(type) ? locate_tmem(in, m) : locate_rmem(in, m);
	if (res || m->kind == MEMREF_NULL)
		return res;
	p->memref.buffer = thread_bounce_alloc(m->size);
	if (!p->memref.buffer)
		return TEE_ERROR_OUT_OF_MEMORY;	/* not reached: the limits fit the area */
	if (ptype == TEE_PARAM_TYPE_MEMREF_OUTPUT)
		memset(p->memref.buffer, 0, m->size);
	else
		memref_read(m, p->memref.buffer);
	return TEE_SUCCESS;
}

/* memset that the compiler keeps although nothing reads the bytes again (the
 * barrier makes them "used"), as Linux's memzero_explicit. */
static void wipe(void *p, size_t n)
{
	memset(p, 0, n);
	__asm__ volatile("" : : "r"(p) : "memory");
}

void msg_params_release(struct msg_params *mp)
{
	unsigned int i;

	for (i = 0; i < mp->n; i++) {
		struct msg_memref *m = &mp->mem[i];

		if (TEE_PARAM_TYPE_GET(mp->ptypes, i) < TEE_PARAM_TYPE_MEMREF_INPUT)
			continue;
		/* The bounce area keeps its bytes until a later call: key material
		 * must not stay there. */
		if (mp->wipe && mp->p[i].memref.buffer)
			wipe(mp->p[i].memref.buffer, m->size);
		if (m->own_pages) {
			free(m->buf->pages);
			free(m->buf);
		}
		if (m->has_ref)
			ns_shm_put(m->buf);
	}
	mp->n = 0;
	mp->ptypes = 0;
}

/* Only memref params use mp->mem[i]; it is cleared when one is met. A failing
 * memref still counts in n so that release undoes what it took. */
uint32_t msg_params_in(const struct optee_msg_param *in, unsigned int n, uint32_t ptypes,
		       struct msg_params *mp)
{
	uint32_t res = TEE_SUCCESS, t;
	unsigned int i;

	mp->ptypes = ptypes;
	mp->n = 0;
	for (i = 0; i < n && !res; i++) {
		t = TEE_PARAM_TYPE_GET(ptypes, i);
		mp->n = i + 1;
		if (t >= TEE_PARAM_TYPE_MEMREF_INPUT) {
			res = memref_in(&in[i], t, &mp->p[i], &mp->mem[i]);
		} else {
			mp->p[i].value.a = (uint32_t)in[i].u.value.a;
			mp->p[i].value.b = (uint32_t)in[i].u.value.b;
		}
	}
	if (res)
		msg_params_release(mp);
	return res;
}

static void memref_out(struct msg_memref *m, union tee_param *p, uint64_t ns_param,
		       uint32_t *res)
{
	size_t size = p->memref.size;

	if (*res == TEE_SUCCESS && size > m->size) {
		log_reject("msg: service returned %u bytes in a %u-byte memref", (unsigned)size, m->size);
		*res = TEE_ERROR_GENERIC;
		return;
	}
	if (*res == TEE_SUCCESS && p->memref.buffer)
		memref_write(m, p->memref.buffer, size);
	if (*res == TEE_SUCCESS || *res == TEE_ERROR_SHORT_BUFFER)
		ns_write_u64(ns_param + offsetof(struct optee_msg_param, u.tmem.size), size);
}

void msg_params_out(struct msg_params *mp, uint64_t ns_params, uint32_t *res)
{
	uint64_t ns_param;
	unsigned int i;

	for (i = 0; i < mp->n; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(mp->ptypes, i);

		ns_param = ns_params + i * sizeof(struct optee_msg_param);
		if (t == TEE_PARAM_TYPE_VALUE_OUTPUT || t == TEE_PARAM_TYPE_VALUE_INOUT) {
			ns_write_u64(ns_param + offsetof(struct optee_msg_param, u.value.a),
				     mp->p[i].value.a);
			ns_write_u64(ns_param + offsetof(struct optee_msg_param, u.value.b),
				     mp->p[i].value.b);
		} else if (t == TEE_PARAM_TYPE_MEMREF_OUTPUT || t == TEE_PARAM_TYPE_MEMREF_INOUT) {
			memref_out(&mp->mem[i], &mp->p[i], ns_param, res);
		}
	}
	msg_params_release(mp);
}
