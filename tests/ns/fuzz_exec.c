/* Payload "fuzz": carrying out one input against the firmware, answering
 * (or not answering) its RPCs, and the per-input oracles:
 *   - a yielding call ends with a documented a0 (OPTEE_SMC_RETURN_*);
 *   - no register the firmware changed holds a secure-RAM address;
 *   - no field the firmware wrote back (ret, origin, session, values,
 *     sizes) holds a secure-RAM address. */
#include "fuzz.h"

char fz_why[160];
uint32_t fz_thread_count;
bool fz_tracing;
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

/* Each REGD cookie's registration as last made here: its pages are fixed
 * (regd_page), its offset and size were the input's. */
static struct { uint32_t offset, size; bool known; } regd_layout[4];

/* Registers the input's REGD cookie afresh. The cookie may still be
 * registered: UNREGISTER is refused while a suspended thread holds a
 * reference (BUSY) or when no thread is free, and REGISTER then fails. The
 * firmware reads the arg through the registration it has, so the image must
 * go where that one puts byte a3: the input takes over its offset and size.
 * Copied by the input's own layout, the image would miss, and the firmware
 * would run whatever an earlier input left where it looks (seed 0x135290a,
 * dynamic mode: a leftover REGISTER_SHM, its cookie 0x530750c made of other
 * inputs' bytes, which the clean-up could not know). Returns false when the
 * firmware's layout is unknown (a raw call registered the cookie): the call
 * is then not made. */
static bool regd_register(struct fz_input *in)
{
	unsigned k = in->regd_cookie - FZ_COOKIE_REGD;
	uint32_t list_pa = FZ_PG + FZ_PG_LISTS + (8 + k) * 2 * FZ_PAGE;
	uint64_t *list = (uint64_t *)list_pa;

	for (uint32_t j = 0; j < 4; j++)
		list[j] = regd_page(in, j);
	setup_call(OPTEE_MSG_CMD_UNREGISTER_SHM, in->regd_cookie, 0, 0);
	if (setup_call(OPTEE_MSG_CMD_REGISTER_SHM, in->regd_cookie, list_pa | in->regd_offset, in->regd_size) ==
	    TEE_SUCCESS) {
		regd_layout[k].offset = in->regd_offset;
		regd_layout[k].size = in->regd_size;
		regd_layout[k].known = true;
		return true;
	}
	if (fz_tracing)
		ns_printf("  (REGISTER_SHM of cookie 0x%x failed: %s)\n", in->regd_cookie,
			  regd_layout[k].known ? "the arg goes by the registration it may still have" : "call skipped");
	if (!regd_layout[k].known)
		return false;
	in->regd_offset = regd_layout[k].offset;
	in->regd_size = regd_layout[k].size;
	if (fz_tracing)
		ns_printf("  (that is: offset 0x%x, size 0x%x)\n", in->regd_offset, in->regd_size);
	return true;
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
		if (!regd_register(in)) {
			ok = true;
			goto out;
		}
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

/* ---- what a raw yielding call left behind ---------------------------------
 * A raw CALL_WITH_ARG or CALL_WITH_RPC_ARG (FZ_YIELD) names whatever lies at
 * a1:a2: often the remains of earlier inputs' arg structs, each overwritten
 * in part by later ones. The firmware runs such a hybrid like any arg, and
 * it can be a valid REGISTER_SHM whose cookie is none of the pools (seed
 * 0x135290a, reserved mode: input 2101382 put a REGISTER_SHM of cookie
 * 0x100b at 0x7fffffc0; input 2101391's arg at 0x7ffffff8, cut off by the
 * end of RAM, wrote its first 8 bytes (cmd 5, func 0) over that struct's
 * shm_ref; raw input 2101405 ran the struct and registered cookie 5). Or an
 * OPEN_SESSION that opens a session the executor never saw. Keeping both is
 * the firmware's duty (the normal world asked), so the clean-up must drop
 * them as it drops its own, or STATS would blame the firmware for them.
 * The struct is read before the call as the firmware will read it; when the
 * call ends with OK and ret TEE_SUCCESS (written by that call), its cookie
 * or session is noted. A raw CALL_WITH_REGD_ARG could do the same, but
 * its struct lies in a registration's pages, which the payload cannot
 * locate: it would need a registered cookie in a2 (a pool value such as
 * 0x1000) and an a3 landing on a leftover REGISTER_SHM in those pages (the
 * tmem buffer area, where args are seldom written). None has shown up so
 * far; if one does, STATS counts a registration whose cookie no input
 * named, as here. */
#define FZ_STRAY 64
static uint64_t stray[FZ_STRAY];        /* cookies outside the pools */
static unsigned n_stray;

static bool pool_cookie(uint64_t c)
{
	return (c >= FZ_COOKIE_POOL && c < FZ_COOKIE_POOL + 16) || (c >= FZ_COOKIE_REGD && c < FZ_COOKIE_REGD + 4);
}

/* Unregisters the stray cookies; keeps those that may still be registered
 * (BUSY: a suspended thread holds a reference; or no thread was free). */
static void stray_flush(void)
{
	unsigned k = 0;

	for (unsigned i = 0; i < n_stray; i++) {
		uint32_t res = setup_call(OPTEE_MSG_CMD_UNREGISTER_SHM, stray[i], 0, 0);
		if (res != TEE_SUCCESS && res != TEE_ERROR_ITEM_NOT_FOUND)
			stray[k++] = stray[i];
	}
	n_stray = k;
}

static void stray_note(uint64_t cookie)
{
	if (pool_cookie(cookie))
		return;         /* the clean-up drops the pools anyway */
	for (unsigned i = 0; i < n_stray; i++)
		if (stray[i] == cookie)
			return;
	if (n_stray == FZ_STRAY)
		stray_flush();  /* only with health checks far apart */
	if (n_stray < FZ_STRAY)
		stray[n_stray++] = cookie;
}

/* The arg struct a raw CALL_WITH_ARG / CALL_WITH_RPC_ARG hands over, if it
 * is a REGISTER_SHM or an OPEN_SESSION the firmware may carry out. */
static const struct optee_msg_arg *raw_arg(const struct smc_regs *r, uint64_t *cookie)
{
	const struct optee_msg_arg *a = (const struct optee_msg_arg *)r->r[2];

	if ((r->r[0] != OPTEE_SMC_CALL_WITH_ARG && r->r[0] != OPTEE_SMC_CALL_WITH_RPC_ARG) || r->r[1] ||
	    (r->r[2] & 7) || r->r[2] < fz_ram_base || r->r[2] > fz_ram_end - OPTEE_MSG_GET_ARG_SIZE(1))
		return NULL;
	if (a->cmd == OPTEE_MSG_CMD_REGISTER_SHM && a->num_params == 1)
		*cookie = a->params[0].u.tmem.shm_ref;
	else if (a->cmd != OPTEE_MSG_CMD_OPEN_SESSION)
		return NULL;
	return a;
}

static bool run_raw_yield(struct fz_input *in, struct fz_rng *g)
{
	struct smc_regs r;
	const struct optee_msg_arg *a;
	uint64_t cookie = 0;

	memcpy(r.r, in->r, sizeof(r.r));
	a = raw_arg(&r, &cookie);
	if (!yielding(&r, 0, g))
		return false;
	if (a && r.r[0] == OPTEE_SMC_RETURN_OK && a->ret == TEE_SUCCESS) {
		if (a->cmd == OPTEE_MSG_CMD_REGISTER_SHM && cookie >= FZ_COOKIE_REGD && cookie < FZ_COOKIE_REGD + 4)
			regd_layout[cookie - FZ_COOKIE_REGD].known = false;    /* its pages are not regd_page's */
		else if (a->cmd == OPTEE_MSG_CMD_REGISTER_SHM)
			stray_note(cookie);
		else
			fz_session_note(a->session, FZ_ANY_SVC);
	}
	return true;
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
		return run_raw_yield(in, &g);
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
	stray_flush();
	n_stray = 0;    /* whatever is left now counts against the firmware */
}
