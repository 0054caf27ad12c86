/*
 * The message layer: one optee_msg_arg from the normal world. The header
 * and params are copied into secure memory once; only the copy is trusted.
 * ret_origin is TRUSTED_APP once a service has answered (success included,
 * as GP and OP-TEE have it), TEE when the call stopped before.
 * Results go back field by field: ret, ret_origin, session, and per param
 * only sizes and output values (optee-abi.md §6.6).
 */
#include <string.h>
#include <optee_msg.h>
#include <optee_smc.h>
#include <console.h>
#include <core_mmu.h>
#include <msg.h>
#include <msg_param.h>
#include <ns_shm.h>
#include <pta.h>
#include <ta_runtime.h>
#include <thread_pool.h>

#define MSG_MAX_PARAMS 6

struct msg_call {
	struct optee_msg_arg hdr;
	struct optee_msg_param params[MSG_MAX_PARAMS];
	volatile struct optee_msg_arg *ns;
	uint32_t origin;
};

/* OPEN_SESSION of a user TA: the same params, sessions in the same table. */
static uint32_t open_user_ta(struct msg_call *c, const uint8_t uuid[16])
{
	struct optee_msg_param *p = c->params;
	struct msg_params mp;
	uint32_t id = 0, res;

	res = msg_params_in(p + 2, c->hdr.num_params - 2, &mp);
	if (res)
		return res;
	res = ta_open_session(uuid, (uint32_t)p[1].u.value.c, p[1].u.octets, mp.ptypes, mp.p,
			      &id, &c->origin);
	msg_params_out(&mp, p + 2, c->ns->params + 2, &res);
	if (res && id)
		session_close(id);	/* opened, but the results could not go back */
	else if (!res)
		c->ns->session = id;
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
	uint8_t uuid[16];
	uint32_t res;

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
	res = msg_params_in(p + 2, c->hdr.num_params - 2, &mp);
	if (res)
		return res;
	s = session_create(pta, (uint32_t)p[1].u.value.c, p[1].u.octets);
	if (!s) {
		log_reject("msg: OPEN_SESSION: session table full");
		msg_params_release(&mp);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	res = pta->open ? pta->open(s, mp.ptypes, mp.p) : TEE_SUCCESS;
	c->origin = TEE_ORIGIN_TRUSTED_APP;	/* the service answered (GP) */
	msg_params_out(&mp, p + 2, c->ns->params + 2, &res);
	if (res) {
		session_destroy(s);
		return res;
	}
	c->ns->session = s->id;
	session_opened(s);
	return TEE_SUCCESS;
}

static uint32_t invoke_command(struct msg_call *c)
{
	struct pta_session *s;
	struct msg_params mp;
	uint32_t res;

	s = session_get_ns(c->hdr.session, false, &res);
	if (!s) {
		log_reject("msg: INVOKE on session 0x%x: %s", c->hdr.session,
			res == TEE_ERROR_BUSY ? "busy" : "no such session");
		return res;
	}
	res = msg_params_in(c->params, c->hdr.num_params, &mp);
	if (!res) {
		res = s->pta->invoke(s, c->hdr.func, mp.ptypes, mp.p);
		/* The service answered (GP), unless a user TA is dead (E.3). */
		c->origin = (s->pta->flags & PTA_FLAG_USER_TA) && res == TEE_ERROR_TARGET_DEAD ?
			    TEE_ORIGIN_TEE : TEE_ORIGIN_TRUSTED_APP;
		msg_params_out(&mp, c->params, c->ns->params, &res);
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
	c.ns = core_ns_pa2va(arg_pa);
	c.origin = TEE_ORIGIN_TEE;
	memcpy(&c.hdr, (const void *)c.ns, sizeof(c.hdr));
	need = OPTEE_MSG_GET_ARG_SIZE(c.hdr.num_params) +
	       (rpc_arg ? OPTEE_MSG_GET_ARG_SIZE(THREAD_RPC_MAX_NUM_PARAMS) : 0);
	if (c.hdr.num_params > MSG_MAX_PARAMS || need > room) {
		log_reject("msg: bad arg struct at 0x%llx (num_params %u, %llu bytes usable)",
			   arg_pa, c.hdr.num_params, room);
		return OPTEE_SMC_RETURN_EBADADDR;
	}
	memcpy(c.params, (const void *)c.ns->params, c.hdr.num_params * sizeof(c.params[0]));
	thread_set_rpc_arg(rpc_arg ? arg_pa + OPTEE_MSG_GET_ARG_SIZE(c.hdr.num_params) : 0);
	if (!dispatch(&c, &res)) {
		log_reject("msg: unknown cmd %u", c.hdr.cmd);
		return OPTEE_SMC_RETURN_EBADCMD;
	}
	c.ns->ret = res;
	c.ns->ret_origin = c.origin;
	return OPTEE_SMC_RETURN_OK;
}
