/* Payload "fuzz": carrying out one input against the firmware, answering
 * (or not answering) its RPCs, and the per-input oracles:
 *   - a yielding call ends with a documented a0 (OPTEE_SMC_RETURN_*);
 *   - no register the firmware changed holds a secure-RAM address;
 *   - no field the firmware wrote back (ret, origin, session, values,
 *     sizes) holds a secure-RAM address. */
#include "fuzz.h"

char fz_why[160];
uint32_t fz_thread_count;
struct fz_stats fz_stats;

#define WHY(...) (ns_snprintf(fz_why, sizeof(fz_why), __VA_ARGS__), false)

/* ---- sessions the inputs opened ------------------------------------------- */

#define FZ_SESSIONS 64
static struct { uint32_t id, svc; } sessions[FZ_SESSIONS];
static unsigned n_sessions;

void fz_session_note(uint32_t id, uint32_t svc)
{
	unsigned i = n_sessions < FZ_SESSIONS ? n_sessions++ : id % FZ_SESSIONS;

	sessions[i].id = id;
	sessions[i].svc = svc;
}

/* An open session of service svc if there is one, else any. */
uint32_t fz_session_pick(struct fz_rng *g, uint32_t svc)
{
	unsigned start, i;

	if (!n_sessions)
		return 0;
	start = fz_below(g, n_sessions);
	for (i = 0; i < n_sessions; i++)
		if (sessions[(start + i) % n_sessions].svc == svc)
			return sessions[(start + i) % n_sessions].id;
	return sessions[start].id;
}

/* ---- threads left in an RPC ------------------------------------------------ */

struct pending {
	uint32_t tid;
	uint32_t rpc_struct_pa;     /* RPC_ARG calls: the struct behind the arg */
	struct smc_regs last;       /* the RPC as the firmware returned it */
};
static struct pending pending[FZ_MAX_PENDING];
static unsigned n_pending;

static struct pending *pending_find(uint32_t tid)
{
	for (unsigned i = 0; i < n_pending; i++)
		if (pending[i].tid == tid)
			return &pending[i];
	return NULL;
}

static void pending_drop(struct pending *p)
{
	*p = pending[--n_pending];
}

/* ---- memory helpers ------------------------------------------------------ */

static bool ours(uint32_t pa, uint32_t len)
{
	uint64_t end = (uint64_t)pa + len;
	return (pa >= FZ_PG && end <= FZ_PG + FZ_PG_SIZE) || (pa >= fz_co && end <= fz_ram_end);
}

/* Writes as much of [src, src + len) to pa as lies in our zones. */
static void put(uint32_t pa, const void *src, uint32_t len)
{
	uint32_t lim = pa >= FZ_PG && pa < FZ_PG + FZ_PG_SIZE ? FZ_PG + FZ_PG_SIZE
		     : pa >= fz_co && pa < fz_ram_end ? fz_ram_end : 0;

	if (!lim)
		return;
	if (len > lim - pa)
		len = lim - pa;
	memcpy((void *)pa, src, len);
}

static uint32_t list_page(unsigned slot, uint32_t j)
{
	return FZ_PG + FZ_PG_BUFS + ((j * 7 + slot) % 256) * FZ_PAGE;
}

static void build_list(const struct fz_list *l, unsigned slot)
{
	uint64_t *list = (uint64_t *)l->list_pa;

	for (uint32_t j = 0, e = 0; j < l->npages; j++, e++) {
		if (e == 511) {         /* chain to the next list page */
			list[e] = l->chain_bad ? 0x0e001000u : l->list_pa + FZ_PAGE;
			list = (uint64_t *)(l->list_pa + FZ_PAGE);
			e = 0;
		}
		list[e] = j == l->bad_entry ? l->bad_value : list_page(slot, j);
	}
}

/* ---- SMCs and RPCs --------------------------------------------------------- */

/* Every value the payload handed over in its recent SMCs: the firmware may
 * give one back in another register later (an RPC ALLOC answer's cookie
 * comes back with the RPC FREE), which is no leak even when it looks like
 * a secure address. */
#define GIVEN_RING 512
static uint32_t given[GIVEN_RING];
static unsigned given_pos;

static void note_given(const struct smc_regs *r)
{
	for (unsigned i = 1; i < 8; i++)
		if (fz_is_secure(r->r[i])) {
			given[given_pos] = r->r[i];
			given_pos = (given_pos + 1) % GIVEN_RING;
		}
}

static bool was_given(uint32_t v)
{
	for (unsigned i = 0; i < GIVEN_RING; i++)
		if (given[i] == v)
			return true;
	return false;
}

static bool regs_leak(const struct smc_regs *before, const struct smc_regs *after)
{
	for (unsigned i = 0; i < 8; i++) {
		if (after->r[i] == before->r[i] || !fz_is_secure(after->r[i]) || was_given(after->r[i]))
			continue;
		if (before->r[0] == OPTEE_SMC_GET_OS_REVISION && i == 2 && after->r[2] == (uint32_t)MINTEE_BUILD_ID)
			continue;
		return !WHY("r%u = 0x%08x after the SMC (0x%08x before) is a secure-RAM address", i, after->r[i],
			    before->r[i]);
	}
	return false;
}

static bool smc_checked(struct smc_regs *r)
{
	struct smc_regs before = *r;

	note_given(r);
	smc_call(r);
	fz_stats.smcs++;
	return !regs_leak(&before, r);
}

static bool a0_documented(uint32_t a0)
{
	return a0 <= OPTEE_SMC_RETURN_ENOTAVAIL || a0 == OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
}

static uint32_t rpc_buf(uint32_t tid)
{
	return fz_co + FZ_CO_RPC + (tid % 16) * FZ_PAGE;
}

/* Fills *n with an answer to the RPC in *r: the right one, or garbage. */
static void answer(const struct smc_regs *r, struct smc_regs *n, uint32_t rpc_struct_pa, bool garbage,
		   struct fz_rng *g)
{
	uint32_t func = r->r[0] & 0xffff;
	struct optee_msg_arg *a = NULL;

	*n = (struct smc_regs){ { OPTEE_SMC_RETURN_FROM_RPC, r->r[1], r->r[2], r->r[3], 0, 0, 0, 0 } };
	if (garbage) {
		n->r[1] = fz_chance(g, 80) ? 0 : fz_value(g);
		n->r[2] = fz_hostile_addr(g);
		n->r[4] = fz_value(g);
		n->r[5] = fz_value(g);
	}
	if (func == OPTEE_SMC_RPC_FUNC_ALLOC && !garbage) {
		uint32_t pa = r->r[1] <= FZ_PAGE ? rpc_buf(r->r[3]) : 0;
		n->r[1] = 0;
		n->r[2] = pa;
		n->r[4] = 0;
		n->r[5] = pa;           /* the cookie is the address */
	} else if (func == OPTEE_SMC_RPC_FUNC_CMD) {
		uint32_t pa = (r->r[1] | r->r[2]) ? r->r[2] : rpc_struct_pa;
		if (pa && ours(pa, OPTEE_MSG_GET_ARG_SIZE(1)) && !(pa & 7))
			a = (struct optee_msg_arg *)pa;
	}
	if (!a)
		return;
	if (!garbage && a->cmd == OPTEE_RPC_CMD_GET_TIME && a->num_params == 1) {
		a->params[0].u.value.a = 1234;
		a->params[0].u.value.b = 5678;
		a->ret = TEE_SUCCESS;
	} else if (!garbage && a->cmd == 0) {
		a->ret = TEE_ERROR_ITEM_NOT_FOUND;      /* LOAD_TA: a supplicant without TAs */
	} else if (garbage) {
		a->ret = fz_value(g);
		a->num_params = fz_value(g);
		a->params[0].attr = fz_value(g);
		a->params[0].u.value.a = fz_value(g);
	} else {
		a->ret = TEE_ERROR_NOT_IMPLEMENTED;
	}
}

/* Serves RPCs until the call ends or the input decides to leave the thread
 * suspended. r holds the last return. */
static bool serve(struct smc_regs *r, uint32_t rpc_struct_pa, struct fz_rng *g, bool proper_only)
{
	for (unsigned k = 0; OPTEE_SMC_RETURN_IS_RPC(r->r[0]); k++) {
		uint32_t c = fz_below(g, 100);
		struct smc_regs n;

		fz_stats.rpcs++;
		if (!proper_only && (c >= 85 || k >= 32) && n_pending < FZ_MAX_PENDING) {
			struct pending *p = pending_find(r->r[3]);
			if (!p)
				p = &pending[n_pending++];
			p->tid = r->r[3];
			p->rpc_struct_pa = rpc_struct_pa;
			p->last = *r;
			fz_stats.left_pending++;
			return true;    /* "the answer never comes" (until the drain) */
		}
		if ((proper_only && k >= 64) || k >= 256)
			return WHY("thread %u still asks for RPCs after %u answers (last a0 0x%08x)", r->r[3], k,
				   r->r[0]);
		answer(r, &n, rpc_struct_pa, !proper_only && c >= 70, g);
		*r = n;
		if (!smc_checked(r))
			return false;
	}
	if (!a0_documented(r->r[0]))
		return WHY("yielding call ended with a0 = 0x%08x, not an OPTEE_SMC_RETURN_* code", r->r[0]);
	fz_stats.yielding_final[r->r[0] <= 7 ? r->r[0] : 8]++;
	return true;
}

/* A yielding SMC and its RPCs; a thread id reused by a new RPC replaces a
 * stale pending entry. */
static bool yielding(struct smc_regs *r, uint32_t rpc_struct_pa, struct fz_rng *g)
{
	if (!smc_checked(r))
		return false;
	if (OPTEE_SMC_RETURN_IS_RPC(r->r[0])) {
		struct pending *p = pending_find(r->r[3]);
		if (p)
			pending_drop(p);
	}
	return serve(r, rpc_struct_pa, g, false);
}

/* ---- setup calls (not part of the input's hostility) ---------------------- */

static uint32_t setup_call(uint32_t cmd, uint64_t cookie, uint32_t list_pa_off, uint32_t size)
{
	struct optee_msg_arg *a = (struct optee_msg_arg *)(fz_co + FZ_CO_HEALTH + 0x800);
	struct smc_regs r = { { OPTEE_SMC_CALL_WITH_ARG, 0, (uint32_t)a, 0, 0, 0, 0, 0 } };
	struct fz_rng g = { 1 };

	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(1));
	a->cmd = cmd;
	a->num_params = 1;
	a->params[0].attr = cmd == OPTEE_MSG_CMD_REGISTER_SHM ? OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG
							      : OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
	a->params[0].u.tmem.buf_ptr = list_pa_off;
	a->params[0].u.tmem.size = size;
	a->params[0].u.tmem.shm_ref = cookie;
	a->ret = 0xdeadbeefu;
	smc_call(&r);
	serve(&r, 0, &g, true);
	return r.r[0] ? 0xa0000000u | r.r[0] : a->ret;
}

/* CALL_WITH_ARG for the struct at arg_pa, its RPCs answered correctly;
 * returns the final a0 (or the RPC a0 if the thread would not finish). */
uint32_t fz_call_served(uint32_t arg_pa)
{
	struct smc_regs r = { { OPTEE_SMC_CALL_WITH_ARG, 0, arg_pa, 0, 0, 0, 0, 0 } };
	struct fz_rng g = { 5 };

	smc_call(&r);
	serve(&r, 0, &g, true);
	return r.r[0];
}

/* ---- CALL_WITH_REGD_ARG's registration --------------------------------------- */

static uint32_t regd_page(const struct fz_input *in, uint32_t j)
{
	uint32_t k = in->regd_cookie - FZ_COOKIE_REGD;
	return FZ_PG + 0x280000u + (k * 4 + 3 - j) * FZ_PAGE;     /* out of order */
}

/* Copies between the registration's pages and a flat buffer, from byte
 * `at` of the buffer on; bytes past the 4 pages are dropped. */
static void regd_copy(const struct fz_input *in, uint32_t at, uint8_t *flat, uint32_t len, bool to_pages)
{
	for (uint32_t i = 0; i < len; i++) {
		uint64_t pos = (uint64_t)in->regd_offset + at + i;
		if (pos >= 4 * FZ_PAGE)
			return;
		uint8_t *b = (uint8_t *)(regd_page(in, (uint32_t)(pos / FZ_PAGE)) + (uint32_t)(pos % FZ_PAGE));
		if (to_pages)
			*b = flat[i];
		else
			flat[i] = *b;
	}
}

static void regd_register(const struct fz_input *in)
{
	uint32_t list_pa = FZ_PG + FZ_PG_LISTS + (8 + in->regd_cookie - FZ_COOKIE_REGD) * 2 * FZ_PAGE;
	uint64_t *list = (uint64_t *)list_pa;

	for (uint32_t j = 0; j < 4; j++)
		list[j] = regd_page(in, j);
	setup_call(OPTEE_MSG_CMD_UNREGISTER_SHM, in->regd_cookie, 0, 0);
	setup_call(OPTEE_MSG_CMD_REGISTER_SHM, in->regd_cookie, list_pa | in->regd_offset, in->regd_size);
}

/* ---- one message ------------------------------------------------------------ */

#define ARG_BYTES(n) OPTEE_MSG_GET_ARG_SIZE((n) < FZ_MAX_PARAMS ? (n) : FZ_MAX_PARAMS)

static void fill_session(struct fz_input *in, struct fz_rng *g)
{
	if ((in->hdr.cmd == OPTEE_MSG_CMD_INVOKE_COMMAND || in->hdr.cmd == OPTEE_MSG_CMD_CLOSE_SESSION) &&
	    in->hdr.session == 0)
		in->hdr.session = fz_session_pick(g, in->svc);
}

/* The image of the arg struct as the input has it (header + params). */
static uint32_t arg_image(const struct fz_input *in, uint8_t *img)
{
	uint32_t n = ARG_BYTES(in->hdr.num_params);

	memcpy(img, &in->hdr, sizeof(in->hdr));
	memcpy(img + sizeof(in->hdr), in->p, n - sizeof(in->hdr));
	return n;
}

static bool out_overlaps_arg(const struct fz_input *in, uint32_t arg, uint32_t len)
{
	for (unsigned i = 0; i < in->hdr.num_params && i < FZ_MAX_PARAMS; i++) {
		const struct optee_msg_param *p = &in->p[i];
		uint32_t t = p->attr & OPTEE_MSG_ATTR_TYPE_MASK;
		if (t < OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT || t == 8 || t == 9 || (t & 3) == 1)
			continue;
		if (t <= OPTEE_MSG_ATTR_TYPE_RMEM_INOUT || (p->attr & OPTEE_MSG_ATTR_NONCONTIG))
			return true;
		uint64_t b = p->u.tmem.buf_ptr, e = b + p->u.tmem.size;
		if (b < (uint64_t)arg + len && e > arg)
			return true;
	}
	return false;
}

/* Written-back words that now hold a secure-RAM address. */
static bool wb_leak(const uint8_t *before, const uint8_t *after, uint32_t len)
{
	static const uint32_t hdr_words[] = { 2, 5, 6 };        /* session, ret, ret_origin */
	const uint32_t *b = (const uint32_t *)before, *a = (const uint32_t *)after;

	for (unsigned k = 0; k < NS_ARRAY_SIZE(hdr_words); k++) {
		uint32_t w = hdr_words[k];
		if (a[w] != b[w] && fz_is_secure(a[w]))
			return !WHY("arg word %u written back as 0x%08x: a secure-RAM address", w, a[w]);
	}
	for (uint32_t w = sizeof(struct optee_msg_arg) / 4; w < len / 4; w++)
		if (a[w] != b[w] && fz_is_secure(a[w]))
			return !WHY("param word %u written back as 0x%08x: a secure-RAM address",
				    w - (uint32_t)sizeof(struct optee_msg_arg) / 4, a[w]);
	return false;
}

static void note_open(const struct fz_input *in, const uint8_t *after, uint32_t a0)
{
	const struct optee_msg_arg *h = (const struct optee_msg_arg *)after;

	if (in->hdr.cmd == OPTEE_MSG_CMD_OPEN_SESSION && a0 == OPTEE_SMC_RETURN_OK && h->ret == TEE_SUCCESS)
		fz_session_note(h->session, in->svc);
}

static bool run_msg(struct fz_input *in, struct fz_rng *g)
{
	static uint8_t before[ARG_BYTES(FZ_MAX_PARAMS)], after[ARG_BYTES(FZ_MAX_PARAMS)];
	uint32_t len, rpc_struct = 0;
	struct smc_regs r;
	bool readable, ok;

	fill_session(in, g);
	for (unsigned i = 0; i < FZ_MAX_PARAMS; i++)
		if (in->lists[i].list_pa)
			build_list(&in->lists[i], i);
	len = arg_image(in, before);
	if (in->via == FZ_VIA_REGD) {
		regd_register(in);
		regd_copy(in, in->regd_a3, before, len, true);
		r = (struct smc_regs){ { OPTEE_SMC_CALL_WITH_REGD_ARG, 0, in->regd_cookie, in->regd_a3, 0, 0, 0, 0 } };
		readable = (uint64_t)in->regd_offset + in->regd_a3 + len <= 4 * FZ_PAGE;
	} else {
		put(in->arg_pa, before, len);
		readable = ours(in->arg_pa, len) && !(in->arg_pa & 3);
		if (in->via == FZ_VIA_RPC_ARG) {
			rpc_struct = in->arg_pa + OPTEE_MSG_GET_ARG_SIZE(in->hdr.num_params < 16 ? in->hdr.num_params : 0);
			if (ours(rpc_struct, OPTEE_MSG_GET_ARG_SIZE(4)))
				memset((void *)rpc_struct, 0, OPTEE_MSG_GET_ARG_SIZE(4));
		}
		r = (struct smc_regs){ { in->via == FZ_VIA_ARG ? OPTEE_SMC_CALL_WITH_ARG : OPTEE_SMC_CALL_WITH_RPC_ARG,
					 (uint32_t)(in->arg_pa64 >> 32), (uint32_t)in->arg_pa64, 0, 0, 0, 0, 0 } };
	}
	ok = yielding(&r, rpc_struct, g);
	if (!ok || OPTEE_SMC_RETURN_IS_RPC(r.r[0]) || !readable)
		goto out;
	if (in->via == FZ_VIA_REGD)
		regd_copy(in, in->regd_a3, after, len, false);
	else
		memcpy(after, (const void *)in->arg_pa, len);
	note_open(in, after, r.r[0]);
	if (!out_overlaps_arg(in, in->via == FZ_VIA_REGD ? 0 : in->arg_pa, in->via == FZ_VIA_REGD ? ~0u : len))
		ok = !wb_leak(before, after, len);
out:
	if (in->via == FZ_VIA_REGD && !in->regd_keep)
		setup_call(OPTEE_MSG_CMD_UNREGISTER_SHM, in->regd_cookie, 0, 0);
	return ok;
}

/* ---- the other kinds ---------------------------------------------------- */

static bool run_resume(struct fz_input *in, struct fz_rng *g)
{
	struct smc_regs r;
	struct pending *p = NULL;

	if (in->r[3] == ~0u) {
		if (!n_pending)
			in->r[3] = fz_below(g, 16);
		else
			p = &pending[fz_below(g, n_pending)];
	}
	if (p) {
		/* the suspended thread, with a right or a garbage answer */
		answer(&p->last, &r, p->rpc_struct_pa, fz_chance(g, 50), g);
		in->r[3] = p->tid;
	} else {
		memcpy(r.r, in->r, sizeof(r.r));
	}
	uint32_t tid = r.r[3], rpc_struct = p ? p->rpc_struct_pa : 0;
	if (!smc_checked(&r))
		return false;
	fz_stats.resumed++;
	if (r.r[0] == OPTEE_SMC_RETURN_ERESUME)     /* nothing was resumed */
		return true;
	p = pending_find(tid);
	if (p)
		pending_drop(p);
	if (OPTEE_SMC_RETURN_IS_RPC(r.r[0]) && (p = pending_find(r.r[3])))
		pending_drop(p);
	return serve(&r, rpc_struct, g, false);
}

bool fz_execute(struct fz_input *in)
{
	struct fz_rng g = { ((uint64_t)in->rpc_seed << 32) | 0x5eed };
	struct smc_regs r;

	fz_why[0] = '\0';
	switch (in->kind) {
	case FZ_FAST:
		memcpy(r.r, in->r, sizeof(r.r));
		return smc_checked(&r);
	case FZ_YIELD:
		memcpy(r.r, in->r, sizeof(r.r));
		return yielding(&r, 0, &g);
	case FZ_RESUME:
		return run_resume(in, &g);
	default:
		return run_msg(in, &g);
	}
}

/* ---- between inputs ------------------------------------------------------ */

bool fz_drain(void)
{
	struct fz_rng g = { 7 };

	while (n_pending) {
		struct pending p = pending[0];
		struct smc_regs r;

		pending_drop(&pending[0]);
		answer(&p.last, &r, p.rpc_struct_pa, false, &g);
		r.r[3] = p.tid;
		if (!smc_checked(&r))
			return false;
		if (r.r[0] == OPTEE_SMC_RETURN_ERESUME)
			continue;       /* already resumed by a "wrong" id that was right */
		if (OPTEE_SMC_RETURN_IS_RPC(r.r[0])) {
			struct pending *q = pending_find(r.r[3]);
			if (q)
				pending_drop(q);
		}
		if (!serve(&r, p.rpc_struct_pa, &g, true))
			return false;
	}
	return true;
}

void fz_cleanup(void)
{
	struct optee_msg_arg *a = (struct optee_msg_arg *)(fz_co + FZ_CO_HEALTH + 0x800);
	struct fz_rng g = { 3 };

	for (unsigned i = 0; i < n_sessions; i++) {
		struct smc_regs r = { { OPTEE_SMC_CALL_WITH_ARG, 0, (uint32_t)a, 0, 0, 0, 0, 0 } };
		memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(0));
		a->cmd = OPTEE_MSG_CMD_CLOSE_SESSION;
		a->session = sessions[i].id;
		smc_call(&r);
		serve(&r, 0, &g, true);
	}
	n_sessions = 0;
	for (uint32_t c = 0; c < 16; c++)
		setup_call(OPTEE_MSG_CMD_UNREGISTER_SHM, FZ_COOKIE_POOL + c, 0, 0);
	for (uint32_t c = 0; c < 4; c++)
		setup_call(OPTEE_MSG_CMD_UNREGISTER_SHM, FZ_COOKIE_REGD + c, 0, 0);
}
