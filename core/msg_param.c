/*
 * Client parameters of OPEN_SESSION / INVOKE_COMMAND. Values pass through;
 * memrefs are located (carve-out or NS RAM, registered shm or a page list),
 * checked, and copied into secure bounce buffers for the service.
 */
#include <stdlib.h>
#include <string.h>
#include <console.h>
#include <core_mmu.h>
#include <crypto.h>
#include <mintee_config.h>
#include <msg_param.h>

#define MSG_MAX_MEMREF_SIZE (1024u * 1024u)

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

static uint32_t locate_tmem(const struct optee_msg_param *in, struct msg_memref *m)
{
	uint64_t pa = in->u.tmem.buf_ptr, size = in->u.tmem.size;
	uint32_t res;

	if (in->attr & OPTEE_MSG_ATTR_NONCONTIG) {
		m->buf = malloc(sizeof(*m->buf));
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
		memcpy(dst, core_ns_pa2va(m->pa), m->size);
	else if (m->kind == MEMREF_SCATTERED)
		ns_buf_read(m->buf, m->offs, dst, m->size);
}

static void memref_write(const struct msg_memref *m, const void *src, uint32_t len)
{
	if (m->kind == MEMREF_CONTIG)
		memcpy(core_ns_pa2va(m->pa), src, len);
	else if (m->kind == MEMREF_SCATTERED)
		ns_buf_write(m->buf, m->offs, src, len);
}

static uint32_t memref_in(const struct optee_msg_param *in, uint32_t type, union tee_param *p,
			  struct msg_memref *m)
{
	uint64_t size = in->u.tmem.size;	/* same offset in tmem and rmem */
	uint32_t res;

	if (size > MSG_MAX_MEMREF_SIZE) {
		log_reject("msg: memref of %llu bytes exceeds the %u-byte limit", size,
			MSG_MAX_MEMREF_SIZE);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	m->size = (uint32_t)size;
	res = attr_is_tmem(type) ? locate_tmem(in, m) : locate_rmem(in, m);
	if (res)
		return res;
	p->memref.size = m->size;
	p->memref.buffer = NULL;
	if (m->kind == MEMREF_NULL)
		return TEE_SUCCESS;
	p->memref.buffer = calloc(1, m->size ? m->size : 1);
	if (!p->memref.buffer)
		return TEE_ERROR_OUT_OF_MEMORY;
	if ((type & 3) != 2)	/* INPUT or INOUT */
		memref_read(m, p->memref.buffer);
	return TEE_SUCCESS;
}

static uint32_t param_in(const struct optee_msg_param *in, union tee_param *p,
			 struct msg_memref *m, uint32_t *ptype)
{
	uint32_t type = in->attr & OPTEE_MSG_ATTR_TYPE_MASK;

	if (in->attr & ~(uint64_t)(OPTEE_MSG_ATTR_TYPE_MASK | OPTEE_MSG_ATTR_NONCONTIG)) {
		log_reject("msg: param attr 0x%llx has unexpected flags", in->attr);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (type == OPTEE_MSG_ATTR_TYPE_NONE) {
		*ptype = TEE_PARAM_TYPE_NONE;
		return TEE_SUCCESS;
	}
	if (type <= OPTEE_MSG_ATTR_TYPE_VALUE_INOUT) {
		*ptype = type;
		p->value.a = (uint32_t)in->u.value.a;
		p->value.b = (uint32_t)in->u.value.b;
		return TEE_SUCCESS;
	}
	if (!attr_is_tmem(type) && !attr_is_rmem(type)) {
		log_reject("msg: param type 0x%x unknown", type);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	*ptype = TEE_PARAM_TYPE_MEMREF_INPUT + (type & 3) - 1;
	memset(m, 0, sizeof(*m));
	p->memref.buffer = NULL;
	return memref_in(in, type, p, m);
}

void msg_params_release(struct msg_params *mp)
{
	unsigned int i;

	for (i = 0; i < mp->n; i++) {
		struct msg_memref *m = &mp->mem[i];

		if (TEE_PARAM_TYPE_GET(mp->ptypes, i) < TEE_PARAM_TYPE_MEMREF_INPUT)
			continue;
		if (mp->wipe && mp->p[i].memref.buffer)
			crypto_wipe(mp->p[i].memref.buffer, m->size);
		free(mp->p[i].memref.buffer);
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
 * memref still counts in ptypes so that release undoes what it took. */
uint32_t msg_params_in(const struct optee_msg_param *in, unsigned int n, struct msg_params *mp)
{
	uint32_t res = TEE_SUCCESS, t;
	unsigned int i;

	mp->n = 0;
	mp->ptypes = 0;
	if (n > TEE_NUM_PARAMS) {
		log_reject("msg: %u client params, at most %u", n, TEE_NUM_PARAMS);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	for (i = 0; i < n && !res; i++) {
		t = TEE_PARAM_TYPE_NONE;
		res = param_in(&in[i], &mp->p[i], &mp->mem[i], &t);
		mp->ptypes |= t << (4 * i);
		mp->n = i + 1;
	}
	if (res)
		msg_params_release(mp);
	return res;
}

static void memref_out(struct msg_memref *m, union tee_param *p,
		       volatile struct optee_msg_param *ns, uint32_t *res)
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
		ns->u.tmem.size = size;		/* same offset in rmem */
}

void msg_params_out(struct msg_params *mp, const struct optee_msg_param *in,
		    volatile struct optee_msg_param *ns_out, uint32_t *res)
{
	unsigned int i;

	for (i = 0; i < mp->n; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(mp->ptypes, i);

		(void)in;
		if (t == TEE_PARAM_TYPE_VALUE_OUTPUT || t == TEE_PARAM_TYPE_VALUE_INOUT) {
			ns_out[i].u.value.a = mp->p[i].value.a;
			ns_out[i].u.value.b = mp->p[i].value.b;
		} else if (t == TEE_PARAM_TYPE_MEMREF_OUTPUT || t == TEE_PARAM_TYPE_MEMREF_INOUT) {
			memref_out(&mp->mem[i], &mp->p[i], &ns_out[i], res);
		}
	}
	msg_params_release(mp);
}
