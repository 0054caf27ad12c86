/*
 * The message layer: one optee_msg_arg from the normal world. The header
 * and params are copied into secure memory once; only the copy is trusted.
 * ret_origin is TRUSTED_APP once a service has answered (success included,
 * as GP and OP-TEE have it), TEE when the call stopped before.
 * Results go back field by field: ret, ret_origin, session, and per param
 * only sizes and output values (optee-abi.md §6.6). Every NS access goes
 * through mm/ns_io.h: the arg struct may sit at any address a registration
 * allows, and nothing here assumes its alignment.
 */
#include <stddef.h>
#include <string.h>
#include <optee_msg.h>
#include <optee_smc.h>
#include <console.h>
#include <core_mmu.h>
#include <msg.h>
#include <msg_param.h>
#include <ns_io.h>
#include <ns_shm.h>
#include <pta.h>
#include <ta_runtime.h>
#include <thread_pool.h>

#define MSG_MAX_PARAMS 6

struct msg_call {
	struct optee_msg_arg hdr;
	struct optee_msg_param params[MSG_MAX_PARAMS];
	uint64_t pa;            /* the NS arg struct */
	uint32_t origin;
};

/* What the service declared for cmd (OPEN_SESSION when open): a mismatch
 * is the service's answer, given before anything is allocated or copied. */
static uint32_t check_declared(struct msg_call *c, const struct pta *pta, bool open,
			       uint32_t ptypes)
{
	uint32_t want = pta->open_ptypes;
	size_t i;

	if (pta->flags & PTA_FLAG_USER_TA)
		return TEE_SUCCESS;	/* a user TA: its entry points check */
	c->origin = TEE_ORIGIN_TRUSTED_APP;
	if (!open) {
		for (i = 0; i < pta->num_cmds && pta->cmds[i].cmd != c->hdr.func; i++)
			;
		if (i == pta->num_cmds)
			return TEE_ERROR_NOT_IMPLEMENTED;
		want = pta->cmds[i].ptypes;
	}
	if (ptypes != want) {
		log_reject("msg: %s %s: param types 0x%04x, the service takes 0x%04x", pta->name,
			   open ? "OPEN_SESSION" : "INVOKE", ptypes, want);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	c->origin = TEE_ORIGIN_TEE;
	return TEE_SUCCESS;
}

/* OPEN_SESSION of a user TA: the same params, sessions in the same table.
 * The TA's own entry point checks the parameter types (GP). */
static uint32_t open_user_ta(struct msg_call *c, const uint8_t uuid[16])
{
	struct optee_msg_param *p = c->params;
	struct msg_params mp;
	uint32_t id = 0, res, ptypes;

	res = msg_params_decode(p + 2, c->hdr.num_params - 2, &ptypes);
	if (!res)
		res = msg_params_in(p + 2, c->hdr.num_params - 2, ptypes, &mp);
	if (res)
		return res;
	res = ta_open_session(uuid, (uint32_t)p[1].u.value.c, p[1].u.octets, mp.ptypes, mp.p,
			      &id, &c->origin);
	msg_params_out(&mp, c->pa + OPTEE_MSG_GET_ARG_SIZE(2), &res);
	if (res && id)
		session_close(id);	/* opened, but the results could not go back */
	else if (!res)
		ns_write_u32(c->pa + offsetof(struct optee_msg_arg, session), id);
	return res;
}

/* TEE_LOGIN_TRUSTED_APP is the TEE's to give (a TA opening a session, with
 * its own UUID as the client's): a normal-world client claiming it could
 * pass for any TA. Other logins are the services' to judge. */
static bool login_ok(const struct optee_msg_param *p1)
{
	return (uint32_t)p1->u.value.c != TEE_LOGIN_TRUSTED_APP;
}

static uint32_t open_session(struct msg_call *c)
{
	const uint64_t meta_in = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	struct optee_msg_param *p = c->params;
	const struct pta *pta;
	struct pta_session *s;
	struct msg_params mp;
	uint32_t res, ptypes;
	uint8_t uuid[16];

	if (c->hdr.num_params < 2 || p[0].attr != meta_in || p[1].attr != meta_in) {
		log_reject("msg: OPEN_SESSION without its two meta params");
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (!login_ok(&p[1])) {
		log_reject("msg: OPEN_SESSION with login 0x%x", (uint32_t)p[1].u.value.c);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	memcpy(uuid, p[0].u.octets, sizeof(uuid));
	pta = pta_find(uuid);
	if (!pta)	/* no built-in service has this UUID: a user TA (core/ta) */
		return open_user_ta(c, uuid);
	res = msg_params_decode(p + 2, c->hdr.num_params - 2, &ptypes);
	if (!res)
		res = check_declared(c, pta, true, ptypes);
	if (res)
		return res;
	s = session_create(pta, (uint32_t)p[1].u.value.c, p[1].u.octets);
	if (!s) {
		log_reject("msg: OPEN_SESSION: session table full");
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	mp.wipe = pta->flags & PTA_FLAG_SECRET_PARAMS;
	res = msg_params_in(p + 2, c->hdr.num_params - 2, ptypes, &mp);
	if (res) {
		session_destroy(s);
		return res;
	}
	res = pta->open ? pta->open(s, mp.ptypes, mp.p) : TEE_SUCCESS;
	c->origin = TEE_ORIGIN_TRUSTED_APP;	/* the service answered (GP) */
	msg_params_out(&mp, c->pa + OPTEE_MSG_GET_ARG_SIZE(2), &res);
	if (res) {
		session_destroy(s);
		return res;
	}
	ns_write_u32(c->pa + offsetof(struct optee_msg_arg, session), s->id);
	session_opened(s);
	return TEE_SUCCESS;
}

static uint32_t invoke_command(struct msg_call *c)
{
	struct pta_session *s;
	struct msg_params mp;
	uint32_t res, ptypes;

	s = session_get_ns(c->hdr.session, false, &res);
	if (!s) {
		log_reject("msg: INVOKE on session 0x%x: %s", c->hdr.session,
			res == TEE_ERROR_BUSY ? "busy" : "no such session");
		return res;
	}
	mp.wipe = s->pta->flags & PTA_FLAG_SECRET_PARAMS;
	res = msg_params_decode(c->params, c->hdr.num_params, &ptypes);
	if (!res && !(s->pta->flags & PTA_FLAG_USER_TA))	/* a TA checks its own */
		res = check_declared(c, s->pta, false, ptypes);
	if (!res)
		res = msg_params_in(c->params, c->hdr.num_params, ptypes, &mp);
	if (!res) {
		res = s->pta->invoke(s, c->hdr.func, mp.ptypes, mp.p);
		/* The service answered (GP), unless a user TA is dead (E.3). */
		c->origin = (s->pta->flags & PTA_FLAG_USER_TA) && res == TEE_ERROR_TARGET_DEAD ?
			    TEE_ORIGIN_TEE : TEE_ORIGIN_TRUSTED_APP;
		msg_params_out(&mp, c->pa + OPTEE_MSG_GET_ARG_SIZE(0), &res);
	}
	session_put(s);
	return res;
}

static uint32_t close_session(struct msg_call *c)
{
	uint32_t res = session_close_ns(c->hdr.session);

	if (res)
		log_reject("msg: CLOSE of session 0x%x: no such session", c->hdr.session);
	return res;
}

/* CANCEL: user TAs see it (cancellation flag, TEE_Wait); built-in services
 * run to completion. GP: SUCCESS whatever the session. */
static uint32_t cancel(struct msg_call *c)
{
	session_cancel(c->hdr.session);
	return TEE_SUCCESS;
}

static uint32_t register_shm(struct msg_call *c)
{
	const struct optee_msg_param *p = c->params;
	uint32_t type = p->attr & OPTEE_MSG_ATTR_TYPE_MASK;

	if (c->hdr.num_params != 1 || !(p->attr & OPTEE_MSG_ATTR_NONCONTIG) ||
	    type < OPTEE_MSG_ATTR_TYPE_TMEM_INPUT || type > OPTEE_MSG_ATTR_TYPE_TMEM_INOUT) {
		log_reject("msg: REGISTER_SHM wants one NONCONTIG tmem param");
		return TEE_ERROR_BAD_PARAMETERS;
	}
	return ns_shm_register(p->u.tmem.shm_ref, p->u.tmem.buf_ptr, p->u.tmem.size);
}

static uint32_t unregister_shm(struct msg_call *c)
{
	const struct optee_msg_param *p = c->params;
	uint32_t type = p->attr & OPTEE_MSG_ATTR_TYPE_MASK;

	if (c->hdr.num_params != 1 || type < OPTEE_MSG_ATTR_TYPE_RMEM_INPUT ||
	    type > OPTEE_MSG_ATTR_TYPE_RMEM_INOUT) {
		log_reject("msg: UNREGISTER_SHM wants one rmem param");
		return TEE_ERROR_BAD_PARAMETERS;
	}
	return ns_shm_unregister(p->u.rmem.shm_ref);
}

static bool dispatch(struct msg_call *c, uint32_t *res)
{
	switch (c->hdr.cmd) {
	case OPTEE_MSG_CMD_OPEN_SESSION: *res = open_session(c); break;
	case OPTEE_MSG_CMD_INVOKE_COMMAND: *res = invoke_command(c); break;
	case OPTEE_MSG_CMD_CLOSE_SESSION: *res = close_session(c); break;
	case OPTEE_MSG_CMD_CANCEL: *res = cancel(c); break;
	case OPTEE_MSG_CMD_REGISTER_SHM: *res = register_shm(c); break;
	case OPTEE_MSG_CMD_UNREGISTER_SHM: *res = unregister_shm(c); break;
	default:
		return false;
	}
	return true;
}

uint32_t msg_handle_call(uint64_t arg_pa, uint64_t room, bool rpc_arg)
{
	struct msg_call c;	/* not zeroed: every field used is set first */
	uint64_t need;
	uint32_t res;

	if (room < sizeof(c.hdr))
		return OPTEE_SMC_RETURN_EBADADDR;
	c.pa = arg_pa;
	c.origin = TEE_ORIGIN_TEE;
	ns_read(&c.hdr, arg_pa, sizeof(c.hdr));
	need = OPTEE_MSG_GET_ARG_SIZE(c.hdr.num_params) +
	       (rpc_arg ? OPTEE_MSG_GET_ARG_SIZE(THREAD_RPC_MAX_NUM_PARAMS) : 0);
	if (c.hdr.num_params > MSG_MAX_PARAMS || need > room) {
		log_reject("msg: bad arg struct at 0x%llx (num_params %u, %llu bytes usable)",
			   arg_pa, c.hdr.num_params, room);
		return OPTEE_SMC_RETURN_EBADADDR;
	}
	ns_read(c.params, arg_pa + OPTEE_MSG_GET_ARG_SIZE(0), c.hdr.num_params * sizeof(c.params[0]));
	thread_set_rpc_arg(rpc_arg ? arg_pa + OPTEE_MSG_GET_ARG_SIZE(c.hdr.num_params) : 0);
	if (!dispatch(&c, &res)) {
		log_reject("msg: unknown cmd %u", c.hdr.cmd);
		return OPTEE_SMC_RETURN_EBADCMD;
	}
	ns_write_u32(arg_pa + offsetof(struct optee_msg_arg, ret), res);
	ns_write_u32(arg_pa + offsetof(struct optee_msg_arg, ret_origin), c.origin);
	return OPTEE_SMC_RETURN_OK;
}
