/*
 * Sessions from a TA to another TA or to a built-in service
 * (MTA_SYS_*_TA_SESSION). The callee runs on the same thread, nested: its
 * entry point is entered from inside the caller's syscall. Parameters are
 * copied out of the caller's memory into secure bounce buffers (as a
 * normal-world client's are), so the callee never sees the caller's pages,
 * and copied back after the call. Session handles are per instance: a TA
 * can only use the sessions it opened, and they are closed when it ends.
 */
#include <stdlib.h>
#include <string.h>
#include <console.h>
#include <mintee_ta_abi.h>
#include <optee_msg.h>
#include <ta_runtime.h>
#include <ta_syscall.h>


_Static_assert(TA_MAX_CHILD_SESSIONS == MTA_MAX_TA_SESSIONS, "mintee_ta_abi.h");

/* The caller's params, copied in. */
struct xparams {
	struct mta_params up;		/* as the caller gave them */
	union tee_param p[TEE_NUM_PARAMS];
	uint32_t given[TEE_NUM_PARAMS];	/* memref sizes given */
};

static bool is_memref(uint32_t t)
{
	return t >= TEE_PARAM_TYPE_MEMREF_INPUT && t <= TEE_PARAM_TYPE_MEMREF_INOUT;
}

static void xparams_free(struct xparams *x)
{
	for (unsigned int i = 0; i < TEE_NUM_PARAMS; i++)
		if (is_memref(TEE_PARAM_TYPE_GET(x->up.types, i)))
			free(x->p[i].memref.buffer);
}

static uint32_t memref_in(const struct ta_call *call, uint32_t t, uint32_t va, uint32_t size,
			  union tee_param *p)
{
	uint32_t attr = t == TEE_PARAM_TYPE_MEMREF_INPUT ? TA_MMU_R : TA_MMU_R | TA_MMU_W;

	p->memref.size = size;
	p->memref.buffer = NULL;
	if (!va)
		return TEE_SUCCESS;	/* NULL memref or size query */
	if (size > MTA_MAX_TA_MEMREF)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (!ta_user_ok(call, va, size, attr))
		return TEE_ERROR_ACCESS_DENIED;
	p->memref.buffer = malloc(size ? size : 1);
	if (!p->memref.buffer)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (t != TEE_PARAM_TYPE_MEMREF_OUTPUT)
		memcpy(p->memref.buffer, (const void *)va, size);
	return TEE_SUCCESS;
}

static uint32_t xparams_in(const struct ta_call *call, uint32_t uva, struct xparams *x)
{
	uint32_t res = TEE_SUCCESS;

	memset(x, 0, sizeof(*x));
	if (!uva)
		return TEE_SUCCESS;
	if (!ta_user_ok(call, uva, sizeof(x->up), TA_MMU_R | TA_MMU_W))
		return TEE_ERROR_ACCESS_DENIED;
	memcpy(&x->up, (const void *)uva, sizeof(x->up));	/* one read */
	x->up.types &= 0xffff;
	for (unsigned int i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(x->up.types, i), va = x->up.vals[2 * i],
			 b = x->up.vals[2 * i + 1];

		if (t == 4 || t > TEE_PARAM_TYPE_MEMREF_INOUT) {
			x->up.types &= ~(0xfu << (4 * i));	/* nothing to free */
			res = TEE_ERROR_BAD_PARAMETERS;
		} else if (is_memref(t)) {
			x->given[i] = b;
			if (!res)
				res = memref_in(call, t, va, b, &x->p[i]);
			else
				x->up.types &= ~(0xfu << (4 * i));
		} else {
			x->p[i].value.a = va;
			x->p[i].value.b = b;
		}
	}
	if (res)
		xparams_free(x);
	return res;
}

/* Back into the caller's memory: its address space is the window again. */
static void xparams_out(const struct ta_call *call, uint32_t uva, struct xparams *x, uint32_t res)
{
	struct mta_params *up = (struct mta_params *)uva;

	ta_mmu_activate(&call->inst->as);
	for (unsigned int i = 0; uva && i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(x->up.types, i), size = x->p[i].memref.size;

		if (t == TEE_PARAM_TYPE_VALUE_OUTPUT || t == TEE_PARAM_TYPE_VALUE_INOUT) {
			up->vals[2 * i] = x->p[i].value.a;
			up->vals[2 * i + 1] = x->p[i].value.b;
		}
		if (t != TEE_PARAM_TYPE_MEMREF_OUTPUT && t != TEE_PARAM_TYPE_MEMREF_INOUT)
			continue;
		/* The caller's pages were checked writable, and its mappings
		 * cannot change while it waits in this syscall. */
		if (res == TEE_SUCCESS && x->p[i].memref.buffer)
			memcpy((void *)x->up.vals[2 * i], x->p[i].memref.buffer,
			       size < x->given[i] ? size : x->given[i]);
		if (res == TEE_SUCCESS || res == TEE_ERROR_SHORT_BUFFER)
			up->vals[2 * i + 1] = size;
	}
	xparams_free(x);
}

static unsigned int call_depth(void)
{
	unsigned int n = 0;

	for (struct thread_user_ctx *uc = thread_user_current(); uc; uc = uc->prev)
		n++;
	return n;
}

static bool put_u32(const struct ta_call *call, uint32_t va, uint32_t v)
{
	if (!va)
		return true;
	ta_mmu_activate(&call->inst->as);
	if (!ta_user_ok(call, va, 4, TA_MMU_W))
		return false;
	memcpy((void *)va, &v, 4);
	return true;
}

/* What a built-in service declared for cmd (OPEN_SESSION when open), as
 * core/msg.c checks it for the normal world; user TAs check their own. */
static uint32_t declared(const struct pta *pta, bool open, uint32_t cmd, uint32_t ptypes)
{
	uint32_t want = pta->open_ptypes;
	size_t i;

	if (pta->flags & PTA_FLAG_USER_TA)
		return TEE_SUCCESS;
	if (!open) {
		for (i = 0; i < pta->num_cmds && pta->cmds[i].cmd != cmd; i++)
			;
		if (i == pta->num_cmds)
			return TEE_ERROR_NOT_IMPLEMENTED;
		want = pta->cmds[i].ptypes;
	}
	return ptypes == want ? TEE_SUCCESS : TEE_ERROR_BAD_PARAMETERS;
}

/* A built-in service, opened as core/msg.c opens one. */
static uint32_t open_pta(const struct pta *pta, const uint8_t caller[16], struct xparams *x,
			 uint32_t *id, uint32_t *origin)
{
	struct pta_session *s;
	uint32_t res = declared(pta, true, 0, x->up.types);

	*origin = TEE_ORIGIN_TRUSTED_APP;
	if (res)
		return res;
	*origin = TEE_ORIGIN_TEE;
	s = session_create(pta, TEE_LOGIN_TRUSTED_APP, caller);
	if (!s)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = pta->open ? pta->open(s, x->up.types, x->p) : TEE_SUCCESS;
	*origin = TEE_ORIGIN_TRUSTED_APP;
	if (res) {
		session_destroy(s);
		return res;
	}
	*id = s->id;
	session_opened(s);
	return TEE_SUCCESS;
}

static int free_child(const struct ta_instance *inst)
{
	for (int i = 0; i < TA_MAX_CHILD_SESSIONS; i++)
		if (!inst->child[i])
			return i;
	return -1;
}

uint32_t ta_sys_open_ta_session(struct ta_call *call, const uint32_t a[6])
{
	uint32_t res, id = 0, origin = TEE_ORIGIN_TEE;
	uint8_t native[16], uuid[16];
	const struct pta *pta;
	struct xparams x;
	int slot;

	if (!ta_user_ok(call, a[0], 16, TA_MMU_R) || (a[2] && !ta_user_ok(call, a[2], 4, TA_MMU_W)) ||
	    !ta_user_ok(call, a[3], 4, TA_MMU_W))
		return TEE_ERROR_ACCESS_DENIED;
	memcpy(native, (const void *)a[0], 16);
	/* TEE_UUID (native) -> RFC 4122 octets */
	uuid[0] = native[3]; uuid[1] = native[2]; uuid[2] = native[1]; uuid[3] = native[0];
	uuid[4] = native[5]; uuid[5] = native[4]; uuid[6] = native[7]; uuid[7] = native[6];
	memcpy(uuid + 8, native + 8, 8);
	slot = free_child(call->inst);
	if (slot < 0 || call_depth() >= MTA_MAX_CALL_DEPTH)
		res = slot < 0 ? TEE_ERROR_OUT_OF_MEMORY : TEE_ERROR_BUSY;
	else
		res = xparams_in(call, a[1], &x);
	if (slot < 0 || call_depth() >= MTA_MAX_CALL_DEPTH || res) {
		put_u32(call, a[2], origin);
		return res;
	}
	pta = pta_find(uuid);
	if (pta)
		res = open_pta(pta, call->inst->uuid, &x, &id, &origin);
	else
		res = ta_open_session(uuid, TEE_LOGIN_TRUSTED_APP, call->inst->uuid, x.up.types, x.p,
				      &id, &origin);
	xparams_out(call, a[1], &x, res);
	if (!res)
		call->inst->child[slot] = id;
	put_u32(call, a[2], origin);
	put_u32(call, a[3], res ? 0 : (uint32_t)slot + 1);
	return res;
}

uint32_t ta_sys_invoke_ta_command(struct ta_call *call, const uint32_t a[6])
{
	uint32_t res, id = a[0] - 1 < TA_MAX_CHILD_SESSIONS ? call->inst->child[a[0] - 1] : 0;
	uint32_t origin = TEE_ORIGIN_TEE;
	struct pta_session *s;
	struct xparams x;

	if (a[3] && !ta_user_ok(call, a[3], 4, TA_MMU_W))
		return TEE_ERROR_ACCESS_DENIED;
	if (!id)
		return TEE_ERROR_BAD_PARAMETERS;
	res = call_depth() >= MTA_MAX_CALL_DEPTH ? TEE_ERROR_BUSY : xparams_in(call, a[2], &x);
	if (res) {
		put_u32(call, a[3], origin);
		return res;
	}
	s = session_get(id, false, &res);
	if (s && (res = declared(s->pta, false, a[1], x.up.types)) != TEE_SUCCESS)
		origin = TEE_ORIGIN_TRUSTED_APP;	/* the service's answer, as msg.c has it */
	else if (s) {
		res = s->pta->invoke(s, a[1], x.up.types, x.p);
		/* A dead callee is the TEE's verdict, not the callee's answer. */
		origin = res == TEE_ERROR_TARGET_DEAD ? TEE_ORIGIN_TEE : TEE_ORIGIN_TRUSTED_APP;
	}
	if (s)
		session_put(s);
	xparams_out(call, a[2], &x, res);
	put_u32(call, a[3], origin);
	return res;
}

uint32_t ta_sys_close_ta_session(struct ta_call *call, const uint32_t a[6])
{
	uint32_t i = a[0] - 1;

	if (i >= TA_MAX_CHILD_SESSIONS || !call->inst->child[i])
		return TEE_ERROR_BAD_PARAMETERS;
	session_close(call->inst->child[i]);
	call->inst->child[i] = 0;
	ta_mmu_activate(&call->inst->as);	/* the callee may have run */
	return TEE_SUCCESS;
}

void ta_close_children(struct ta_instance *inst)
{
	for (unsigned int i = 0; i < TA_MAX_CHILD_SESSIONS; i++) {
		if (inst->child[i])
			session_close(inst->child[i]);
		inst->child[i] = 0;
	}
}
