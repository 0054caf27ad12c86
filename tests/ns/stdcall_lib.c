/* Payload "stdcall": the driver half — memory, the CALL_WITH_ARG/RPC loop,
 * write-back checking, session and shm helpers. */
#include "stdcall.h"

const uint8_t sc_uuid_devenum[16] = { 0x70, 0x11, 0xa6, 0x88, 0xdd, 0xde, 0x40, 0x53,
				      0xa5, 0xa9, 0x7b, 0x3c, 0x4d, 0xdf, 0x13, 0xb8 };
const uint8_t sc_uuid_rng[16] = { 0xab, 0x7a, 0x61, 0x7c, 0xb8, 0xe7, 0x4d, 0x8f,
				  0x83, 0x01, 0xd0, 0x9b, 0x61, 0x03, 0x6b, 0x64 };
const uint8_t sc_uuid_hello[16] = { 0xa1, 0x89, 0xa4, 0x8a, 0x63, 0xac, 0x46, 0xb4,
				    0xad, 0x0f, 0xb0, 0xda, 0x7c, 0x39, 0xca, 0x81 };
const uint8_t sc_uuid_test[16] = { 0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
				   0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0xa2 };
const uint8_t sc_uuid_tk[16] = { 0xf0, 0x4a, 0x0f, 0xe7, 0x1f, 0x5d, 0x4b, 0x9b,
				   0xab, 0xf7, 0x61, 0x9b, 0x85, 0xb4, 0xce, 0x8c };

bool sc_reserved;
uint32_t sc_pool_base;
uint32_t sc_thread_count;
char sc_last_err[120];
bool (*sc_cmd_hook)(struct optee_msg_arg *a);

static uint8_t dyn_pool[SC_POOL_SIZE] __attribute__((aligned(4096)));
uint8_t sc_pages[SC_NPAGES][SC_PAGE] __attribute__((aligned(4096)));
uint64_t sc_lists[2][SC_PAGE / 8] __attribute__((aligned(4096)));

void sc_init(void)
{
	struct smc_regs r;

	sc_reserved = ns_shm_mode() == NS_SHM_RESERVED;
	if (sc_reserved) {
		if (smc4(OPTEE_SMC_GET_SHM_CONFIG, 0, 0, 0, &r) == OPTEE_SMC_RETURN_OK && r.r[2] >= SC_POOL_SIZE)
			sc_pool_base = r.r[1];
		else
			sc_pool_base = (ns_info.ram_end ? ns_info.ram_end : 0x80000000u) - SC_RESERVED_SIZE;
	} else {
		sc_pool_base = (uint32_t)dyn_pool;
	}
	memset((void *)sc_pool_base, 0, SC_POOL_SIZE);
	sc_thread_count = smc4(OPTEE_SMC_GET_THREAD_COUNT, 0, 0, 0, &r) == OPTEE_SMC_RETURN_OK ? r.r[1] : 0;
	ns_printf("stdcall: %s mode, pool at 0x%08x, %u secure threads\n", sc_reserved ? "reserved" : "dynamic",
		  sc_pool_base, sc_thread_count);
}

struct optee_msg_arg *sc_arg(unsigned slot, uint32_t cmd, uint32_t num_params)
{
	struct optee_msg_arg *a = sc_pool_ptr(SC_ARG_OFF + (slot % SC_ARG_SLOTS) * SC_ARG_SLOT_SIZE);
	memset(a, 0, SC_ARG_SLOT_SIZE);
	a->cmd = cmd;
	a->num_params = num_params;
	a->ret = SC_BAD_RET;
	a->ret_origin = SC_BAD_RET;
	return a;
}

/* ---- RPC buffers --------------------------------------------------------- */

struct rpcbuf {
	bool used;
	uint32_t pa;
	uint32_t cookie_hi, cookie_lo;
};
static struct rpcbuf rpcbufs[SC_RPCBUF_SLOTS];
static uint32_t cookie_gen;

unsigned sc_rpcbufs_in_use(void)
{
	unsigned n = 0;
	for (unsigned i = 0; i < SC_RPCBUF_SLOTS; i++)
		n += rpcbufs[i].used;
	return n;
}

static struct rpcbuf *rpcbuf_find(uint32_t hi, uint32_t lo)
{
	for (unsigned i = 0; i < SC_RPCBUF_SLOTS; i++)
		if (rpcbufs[i].used && rpcbufs[i].cookie_hi == hi && rpcbufs[i].cookie_lo == lo)
			return &rpcbufs[i];
	return NULL;
}

static void rpc_err(struct sc_rpc *rpc, const char *fmt, ...)
{
	if (rpc->err[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	ns_vsnprintf(rpc->err, sizeof(rpc->err), fmt, ap);
	va_end(ap);
}

static void rpc_alloc(struct sc_rpc *rpc, struct smc_regs *n)
{
	uint32_t size = n->r[1];
	struct rpcbuf *b = NULL;

	rpc->n_alloc++;
	rpc->alloc_size = size;
	n->r[1] = 0;
	n->r[2] = 0;
	n->r[4] = 0;
	n->r[5] = 0;
	if (rpc->alloc_answer == SC_ALLOC_NULL)
		return;
	for (unsigned i = 0; i < SC_RPCBUF_SLOTS && !b; i++)
		if (!rpcbufs[i].used)
			b = &rpcbufs[i];
	if (!b || size > SC_PAGE || size == 0) {
		rpc_err(rpc, "ALLOC of %u bytes not served (%s)", size, b ? "bad size" : "no free buffer");
		return;
	}
	b->used = true;
	b->pa = rpc->alloc_answer == SC_ALLOC_SECURE ? SC_SECURE_PA
						      : sc_pool_pa(SC_RPCBUF_OFF + (uint32_t)(b - rpcbufs) * SC_PAGE);
	b->cookie_hi = 0xc00c0000u | (uint32_t)(b - rpcbufs);
	b->cookie_lo = 0x10000000u + ++cookie_gen;
	if (rpc->alloc_answer == SC_ALLOC_OK)
		memset((void *)b->pa, 0xee, SC_PAGE);
	n->r[2] = b->pa;
	n->r[4] = b->cookie_hi;
	n->r[5] = b->cookie_lo;
}

static void rpc_cmd(struct sc_rpc *rpc, const struct smc_regs *r)
{
	struct optee_msg_arg *a;

	rpc->n_cmd++;
	rpc->cmd_a1 = r->r[1];
	rpc->cmd_a2 = r->r[2];
	if (rpc->rpc_struct_pa) {	/* RPC_ARG: Linux uses the struct behind the arg */
		a = (struct optee_msg_arg *)rpc->rpc_struct_pa;
	} else {
		struct rpcbuf *b = rpcbuf_find(r->r[1], r->r[2]);
		if (!b) {
			rpc_err(rpc, "CMD with cookie 0x%08x:%08x that ALLOC did not hand out", r->r[1], r->r[2]);
			return;
		}
		if (b->pa == SC_SECURE_PA) {
			rpc_err(rpc, "CMD on the buffer answered with a secure address");
			return;
		}
		a = (struct optee_msg_arg *)b->pa;
	}
	rpc->cmd_seen[0] = a->cmd;
	rpc->cmd_seen[1] = a->num_params;
	rpc->cmd_seen[2] = (uint32_t)a->params[0].attr;
	if (sc_cmd_hook && sc_cmd_hook(a))
		return;
	if (a->cmd == OPTEE_RPC_CMD_LOAD_TA) {
		a->ret = TEE_ERROR_ITEM_NOT_FOUND;	/* a supplicant with no TAs */
		return;
	}
	if (a->cmd == OPTEE_RPC_CMD_GET_TIME && a->num_params == 1 &&
	    a->params[0].attr == OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT) {
		a->params[0].u.value.a = SC_TIME_S;
		a->params[0].u.value.b = SC_TIME_NS;
		a->ret = rpc->cmd_ret;
	} else {
		rpc_err(rpc, "RPC CMD %u with %u params, p0 attr 0x%x: not GET_TIME", a->cmd, a->num_params,
			(uint32_t)a->params[0].attr);
		a->ret = TEE_ERROR_NOT_IMPLEMENTED;
	}
}

static void rpc_free(struct sc_rpc *rpc, const struct smc_regs *r)
{
	struct rpcbuf *b = rpcbuf_find(r->r[1], r->r[2]);

	rpc->n_free++;
	if (!b) {
		rpc_err(rpc, "FREE of cookie 0x%08x:%08x that is not handed out", r->r[1], r->r[2]);
		return;
	}
	b->used = false;
}

uint32_t sc_start(const struct optee_msg_arg *arg, struct smc_regs *r)
{
	struct smc_regs l;
	if (!r)
		r = &l;
	if (r->r[0] != 0)
		memset(r, 0, sizeof(*r));
	r->r[0] = OPTEE_SMC_CALL_WITH_ARG;
	r->r[1] = 0;
	r->r[2] = sc_pa(arg);
	r->r[3] = 0;
	smc_call(r);
	return r->r[0];
}

uint32_t sc_step(struct smc_regs *r, struct sc_rpc *rpc)
{
	uint32_t func = r->r[0] & 0xffffu;
	struct smc_regs n = { { OPTEE_SMC_RETURN_FROM_RPC, r->r[1], r->r[2], r->r[3], rpc->a4, rpc->a5, 0, 0 } };

	if (!OPTEE_SMC_RETURN_IS_RPC(r->r[0]))
		return r->r[0];
	if (rpc->n_total == 0)
		rpc->thread = r->r[3];
	else if (r->r[3] != rpc->thread)
		rpc_err(rpc, "RPC %u came with thread id %u, earlier ones with %u", rpc->n_total, r->r[3], rpc->thread);
	rpc->n_total++;
	char c = '?';
	switch (func) {
	case OPTEE_SMC_RPC_FUNC_ALLOC:
		c = 'A';
		rpc_alloc(rpc, &n);
		break;
	case OPTEE_SMC_RPC_FUNC_CMD:
		c = 'C';
		rpc_cmd(rpc, r);
		break;
	case OPTEE_SMC_RPC_FUNC_FREE:
		c = 'F';
		rpc_free(rpc, r);
		break;
	case OPTEE_SMC_RPC_FUNC_FOREIGN_INTR:
		c = 'I';
		rpc->n_foreign++;
		if (rpc->on_foreign)
			rpc->on_foreign(rpc);
		break;
	default:
		rpc->n_other++;
		rpc_err(rpc, "unknown RPC 0x%08x", r->r[0]);
		break;
	}
	unsigned len = (unsigned)strlen(rpc->order);
	if (len + 1 < sizeof(rpc->order)) {
		rpc->order[len] = c;
		rpc->order[len + 1] = '\0';
	}
	rpc->a4 = n.r[4];
	rpc->a5 = n.r[5];
	*r = n;
	smc_call(r);
	return r->r[0];
}

uint32_t sc_continue(struct smc_regs *r, struct sc_rpc *rpc)
{
	uint32_t max = rpc->max_rpcs ? rpc->max_rpcs : 64;

	while (OPTEE_SMC_RETURN_IS_RPC(r->r[0])) {
		if (rpc->n_total >= max) {
			rpc_err(rpc, "more than %u RPCs: gave up (thread %u left suspended)", max, r->r[3]);
			return r->r[0];
		}
		sc_step(r, rpc);
	}
	return r->r[0];
}

static struct optee_msg_arg wb_before;
static struct optee_msg_param wb_params[8];

uint32_t sc_call(struct optee_msg_arg *arg, struct sc_rpc *rpc)
{
	return sc_call_fn(OPTEE_SMC_CALL_WITH_ARG, 0, sc_pa(arg), 0, arg, rpc);
}

uint32_t sc_call_fn(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3, struct optee_msg_arg *arg,
		    struct sc_rpc *rpc)
{
	struct sc_rpc local;
	struct smc_regs r;

	memcpy(&wb_before, arg, sizeof(wb_before));
	/* only the params the arg has: it may end right at the end of RAM */
	uint32_t np = arg->num_params < NS_ARRAY_SIZE(wb_params) ? arg->num_params : NS_ARRAY_SIZE(wb_params);
	memset(wb_params, 0, sizeof(wb_params));
	memcpy(wb_params, arg->params, np * sizeof(wb_params[0]));
	if (!rpc) {
		memset(&local, 0, sizeof(local));
		rpc = &local;
	}
	memset(&r, 0, sizeof(r));
	r.r[0] = fid;
	r.r[1] = a1;
	r.r[2] = a2;
	r.r[3] = a3;
	smc_call(&r);
	uint32_t a0 = sc_continue(&r, rpc);
	memcpy(sc_last_err, rpc->err, sizeof(sc_last_err));
	return a0;
}

bool sc_wb_check(const struct optee_msg_arg *arg, char *why, size_t len)
{
	const struct optee_msg_arg *b = &wb_before;

#define WB_FAIL(...) do { ns_snprintf(why, len, __VA_ARGS__); return false; } while (0)
	if (arg->cmd != b->cmd || arg->func != b->func || arg->cancel_id != b->cancel_id || arg->pad != b->pad ||
	    arg->num_params != b->num_params)
		WB_FAIL("header changed: cmd %u func %u cancel %u pad %u num_params %u", arg->cmd, arg->func,
			arg->cancel_id, arg->pad, arg->num_params);
	if (b->cmd != OPTEE_MSG_CMD_OPEN_SESSION && arg->session != b->session)
		WB_FAIL("session changed 0x%08x -> 0x%08x", b->session, arg->session);
	for (unsigned i = 0; i < b->num_params && i < 8; i++) {
		const struct optee_msg_param *o = &wb_params[i], *n = &arg->params[i];
		uint32_t t = (uint32_t)(o->attr & OPTEE_MSG_ATTR_TYPE_MASK);
		if (n->attr != o->attr)
			WB_FAIL("p%u attr 0x%x -> 0x%x", i, (uint32_t)o->attr, (uint32_t)n->attr);
		switch (t) {
		case OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT:
		case OPTEE_MSG_ATTR_TYPE_VALUE_INOUT:
			if (n->u.value.c != o->u.value.c)
				WB_FAIL("p%u value.c changed", i);
			break;
		case OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT:
		case OPTEE_MSG_ATTR_TYPE_RMEM_INOUT:
		case OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT:
		case OPTEE_MSG_ATTR_TYPE_TMEM_INOUT:
			if (n->u.tmem.buf_ptr != o->u.tmem.buf_ptr)
				WB_FAIL("p%u buf_ptr/offs 0x%08x -> 0x%08x", i, (uint32_t)o->u.tmem.buf_ptr,
					(uint32_t)n->u.tmem.buf_ptr);
			if (n->u.tmem.shm_ref != o->u.tmem.shm_ref)
				WB_FAIL("p%u shm_ref 0x%08x -> 0x%08x", i, (uint32_t)o->u.tmem.shm_ref,
					(uint32_t)n->u.tmem.shm_ref);
			break;
		default: /* NONE, inputs: nothing may change */
			if (memcmp(&n->u, &o->u, sizeof(n->u)))
				WB_FAIL("p%u (attr 0x%x, an input) changed: a/offs 0x%08x -> 0x%08x, b/size 0x%08x -> 0x%08x",
					i, t, (uint32_t)o->u.value.a, (uint32_t)n->u.value.a, (uint32_t)o->u.value.b,
					(uint32_t)n->u.value.b);
			break;
		}
	}
#undef WB_FAIL
	if (len)
		why[0] = '\0';
	return true;
}

/* ---- sessions, shm ------------------------------------------------------- */

uint32_t sc_open(unsigned slot, const uint8_t uuid[16], uint32_t *session)
{
	struct optee_msg_arg *a = sc_arg(slot, OPTEE_MSG_CMD_OPEN_SESSION, 2);
	a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, uuid, 16);
	a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a->params[1].u.value.c = OPTEE_MSG_LOGIN_PUBLIC;
	uint32_t a0 = sc_call(a, NULL);
	*session = a->session;
	return a0 ? 0xa0000000u | a0 : a->ret;
}

uint32_t sc_close(unsigned slot, uint32_t session)
{
	struct optee_msg_arg *a = sc_arg(slot, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = session;
	uint32_t a0 = sc_call(a, NULL);
	return a0 ? 0xa0000000u | a0 : a->ret;
}

uint32_t sc_register(unsigned slot, uint64_t cookie, uint32_t list_pa, uint32_t offset, uint32_t size)
{
	struct optee_msg_arg *a = sc_arg(slot, OPTEE_MSG_CMD_REGISTER_SHM, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG, list_pa | offset, size,
	       cookie);
	uint32_t a0 = sc_call(a, NULL);
	return a0 ? 0xa0000000u | a0 : a->ret;
}

uint32_t sc_unregister(unsigned slot, uint64_t cookie)
{
	struct optee_msg_arg *a = sc_arg(slot, OPTEE_MSG_CMD_UNREGISTER_SHM, 1);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0, 0, cookie);
	uint32_t a0 = sc_call(a, NULL);
	return a0 ? 0xa0000000u | a0 : a->ret;
}

/* ---- case helpers ---------------------------------------------------------- */

char sc_detail[160];

bool sc_expect_call(const char *id, const char *what, uint32_t a0, const struct optee_msg_arg *a,
		    uint32_t ret, uint32_t origin, const char *extra)
{
	char wb[120];
	/* GP: a call that reached the service (OPEN_SESSION, INVOKE_COMMAND
	 * succeeding) reports TRUSTED_APP; the cases say TEE for "success". */
	if (origin == SC_ORIGIN_TEE && ret == TEE_SUCCESS &&
	    (a->cmd == OPTEE_MSG_CMD_OPEN_SESSION || a->cmd == OPTEE_MSG_CMD_INVOKE_COMMAND))
		origin = SC_ORIGIN_TA;
	if (a0 != OPTEE_SMC_RETURN_OK)
		return ns_case(id, what, false, "a0 = 0x%08x, expected 0 (ret 0x%08x)", a0, a->ret);
	if (ret != SC_ANY && a->ret != ret)
		return ns_case(id, what, false, "ret 0x%08x origin %u, expected ret 0x%08x", a->ret, a->ret_origin, ret);
	if (origin != SC_ANY && a->ret_origin != origin)
		return ns_case(id, what, false, "ret 0x%08x origin %u, expected origin %u", a->ret, a->ret_origin,
			       origin);
	if (!sc_wb_check(a, wb, sizeof(wb)))
		return ns_case(id, what, false, "write-back: %s", wb);
	if (sc_last_err[0])
		return ns_case(id, what, false, "RPC: %s", sc_last_err);
	return ns_case(id, what, extra == NULL, "%s", extra ? extra : "");
}

struct optee_msg_arg *sc_invoke_arg(uint32_t session, uint32_t func, uint32_t n)
{
	struct optee_msg_arg *a = sc_arg(0, OPTEE_MSG_CMD_INVOKE_COMMAND, n);
	a->session = session;
	a->func = func;
	return a;
}

unsigned sc_rpcbufs_drop(void)
{
	unsigned n = sc_rpcbufs_in_use();
	memset(rpcbufs, 0, sizeof(rpcbufs));
	return n;
}
