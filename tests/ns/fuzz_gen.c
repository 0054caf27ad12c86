/* Payload "fuzz": decoding one input from its PRNG, and printing it.
 * Nothing here talks to the firmware: an input is a pure function of
 * (seed, index) and the hint of how many sessions are open. */
#include "fuzz.h"

uint32_t fz_co, fz_ram_base, fz_ram_end;
bool fz_reserved;

/* ---- PRNG: splitmix64 seeding, xorshift64* stream ------------------- */

static uint64_t splitmix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

void fz_rng_seed(struct fz_rng *g, uint64_t seed, uint32_t index)
{
	g->s = splitmix64(seed ^ splitmix64(index)) | 1;
}

uint32_t fz_rand(struct fz_rng *g)
{
	g->s ^= g->s >> 12;
	g->s ^= g->s << 25;
	g->s ^= g->s >> 27;
	return (uint32_t)((g->s * 0x2545f4914f6cdd1dull) >> 32);
}

uint32_t fz_below(struct fz_rng *g, uint32_t n)
{
	return (uint32_t)(((uint64_t)fz_rand(g) * n) >> 32);
}

#define PICK(g, arr) ((arr)[fz_below((g), NS_ARRAY_SIZE(arr))])

/* ---- values and addresses -------------------------------------------- */

bool fz_is_secure(uint32_t v)
{
	return v >= FZ_SECURE_LO && v < FZ_SECURE_HI;
}

/* Values never near secure RAM, so that a service's arithmetic on them
 * (value.a + 1, a sum) cannot pass for a leaked secure address. */
uint32_t fz_value(struct fz_rng *g)
{
	static const uint32_t special[] = {
		0, 1, 2, 3, 4, 7, 8, 16, 0xff, 0x100, 0xfff, 0x1000, 0x1001, 0x7fffffff,
		0x80000000u, 0xfffffff0u, 0xfffffffeu, 0xffffffffu, 0xfffff000u, 20000, 10000, 10001,
	};
	switch (fz_below(g, 4)) {
	case 0: return fz_below(g, 0x10000);
	case 1: return 0xfff00000u | fz_rand(g);
	default: return PICK(g, special);
	}
}

uint32_t fz_steer(uint32_t pa)
{
	if (pa < fz_ram_base || pa >= fz_ram_end)
		return pa;
	if ((pa >= FZ_PG && pa < FZ_PG + FZ_PG_SIZE) || pa >= fz_co)
		return pa;
	return FZ_PG + pa % FZ_PG_SIZE;
}

/* Anything an address field may hold: good NS memory, its edges, secure
 * RAM, devices, flash, 0, values that wrap. */
uint32_t fz_hostile_addr(struct fz_rng *g)
{
	uint32_t a;

	switch (fz_below(g, 12)) {
	case 0: return 0;
	case 1: return FZ_SECURE_LO + (fz_rand(g) & 0x00fffff8u);
	case 2: return FZ_SECURE_LO + (fz_rand(g) & 0x00ffffffu);
	case 3: return PICK(g, ((const uint32_t[]){ 0x08000000u, 0x08010000u, 0x09000000u, 0x09040000u,
						   0x1000u, 0x04000000u, 0x0e000000u, 0x0efffff8u }));
	case 4: return PICK(g, ((const uint32_t[]){ 0xfffffff8u, 0xffffffffu, 0xfffff000u, 0x80000000u }));
	case 5: return fz_ram_end - PICK(g, ((const uint32_t[]){ 1, 8, 16, 24, 32, 40, 64, 4096 }));
	case 6: return fz_ram_base - 8;
	case 7: return fz_ram_end;
	case 8: return fz_co + (fz_rand(g) & (FZ_CO_SIZE - 1) & ~7u);
	case 9: return FZ_PG + (fz_rand(g) & (FZ_PG_SIZE - 1));
	default:
		a = fz_rand(g);
		return fz_steer(fz_chance(g, 50) ? a & ~7u : a);
	}
}

static uint64_t fz_size(struct fz_rng *g)
{
	static const uint64_t sizes[] = {
		0, 1, 8, 16, 32, 100, 4095, 4096, 4097, 8192, 0x100000, 0x100001, 0xffffffffu,
		0x100000010ull, 0xffffffffffffffffull, 0x4000000, 0x4000001,
	};
	return fz_chance(g, 60) ? fz_below(g, 9000) : PICK(g, sizes);
}

/* ---- the services ------------------------------------------------------ */

/* The built-in hello world (core/pta/hello_world.c). */
static const uint8_t uuid_hello[16] = { 0xa1, 0x89, 0xa4, 0x8a, 0x63, 0xac, 0x46, 0xb4,
					0xad, 0x0f, 0xb0, 0xda, 0x7c, 0x39, 0xca, 0x81 };
static const uint8_t uuid_test[16] = { 0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
				       0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0xa2 };
static const uint8_t uuid_rng[16] = { 0xab, 0x7a, 0x61, 0x7c, 0xb8, 0xe7, 0x4d, 0x8f,
				      0x83, 0x01, 0xd0, 0x9b, 0x61, 0x03, 0x6b, 0x64 };
static const uint8_t uuid_devenum[16] = { 0x70, 0x11, 0xa6, 0x88, 0xdd, 0xde, 0x40, 0x53,
					  0xa5, 0xa9, 0x7b, 0x3c, 0x4d, 0xdf, 0x13, 0xb8 };
static const uint8_t *const uuids[] = { uuid_hello, uuid_test, uuid_rng, uuid_devenum };
const char *const fz_svc_names[] = { "hello world", "test", "RNG", "device enumeration" };

/* The commands of each service and the parameter shapes they take (V =
 * value, M = memref; i/o/x = in/out/inout), so that most invokes get past
 * the type checks into the services. */
struct fz_cmd { uint32_t svc, func; const char *shape; };
static const struct fz_cmd cmds[] = {
	{ 0, 0, "Vx" }, { 0, 1, "Vx" },
	{ 1, 0, "" }, { 1, 1, "MiMo" }, { 1, 2, "ViViVo" }, { 1, 3, "Vo" }, { 1, 3, "Vo" }, { 1, 4, "ViVo" },
	{ 1, 5, "VoVo" }, { 1, 6, "MxMxMxMx" },
	{ 2, 0, "Mx" }, { 2, 1, "Vo" },
	{ 3, 0, "Mo" }, { 3, 1, "Mo" },
};
static const char *const shapes[] = {
	"Vx", "", "MiMo", "ViViVo", "Vo", "ViVo", "VoVo", "Mo", "Mx", "MoVo", "MxMxMxMx", "MiMoViVo",
};

/* ---- one parameter ------------------------------------------------------ */

static uint32_t buf_zone(struct fz_rng *g)
{
	bool co = fz_reserved || fz_chance(g, 50);
	uint32_t base = co ? fz_co + FZ_CO_BUFS : FZ_PG + FZ_PG_BUFS;
	uint32_t span = co ? FZ_CO_SIZE - FZ_CO_BUFS : FZ_PG_LISTS - FZ_PG_BUFS;
	uint32_t off = fz_below(g, span);

	return base + (fz_chance(g, 70) ? off & ~7u : off);
}

static void gen_list(struct fz_rng *g, struct fz_list *l, unsigned slot, uint64_t size, uint32_t offset)
{
	uint64_t np = (offset + (size ? size : 1) + FZ_PAGE - 1) / FZ_PAGE;

	l->list_pa = FZ_PG + FZ_PG_LISTS + slot * 2 * FZ_PAGE;
	l->npages = np > 600 ? 600 : (uint32_t)np;     /* a chain of two pages at most */
	l->bad_entry = ~0u;
	if (fz_chance(g, 20)) {
		l->bad_entry = fz_below(g, l->npages);
		l->bad_value = fz_chance(g, 50) ? fz_hostile_addr(g) : (FZ_PG + FZ_PG_BUFS) | (fz_rand(g) & 0xfff);
	}
	l->chain_bad = fz_chance(g, 5);
}

static uint64_t gen_cookie(struct fz_rng *g, uint32_t regd_cookie)
{
	switch (fz_below(g, 10)) {
	case 0: case 1: case 2: case 3: case 4: case 5: return FZ_COOKIE_POOL + fz_below(g, 16);
	case 6: return regd_cookie;
	case 7: return ((uint64_t)fz_rand(g) << 32) | fz_rand(g);
	default: return fz_value(g);
	}
}

static void gen_param(struct fz_rng *g, struct fz_input *in, unsigned i, char shape, char dir)
{
	struct optee_msg_param *p = &in->p[i];
	uint32_t t;

	if (shape == 'V')
		t = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT + (dir == 'o') + 2 * (dir == 'x');
	else if (shape == 'M')
		t = (fz_chance(g, 50) ? OPTEE_MSG_ATTR_TYPE_TMEM_INPUT : OPTEE_MSG_ATTR_TYPE_RMEM_INPUT) +
		    (dir == 'o') + 2 * (dir == 'x');
	else
		t = PICK(g, ((const uint32_t[]){ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0xff }));
	p->attr = t;
	if (fz_chance(g, 4))
		p->attr |= OPTEE_MSG_ATTR_META;
	if (fz_chance(g, 2))
		p->attr |= (uint64_t)fz_rand(g) << 10;
	if (t >= OPTEE_MSG_ATTR_TYPE_TMEM_INPUT && t <= OPTEE_MSG_ATTR_TYPE_TMEM_INOUT) {
		uint64_t size = fz_size(g);
		if (fz_chance(g, 15)) {
			uint32_t off = fz_chance(g, 50) ? fz_below(g, FZ_PAGE) : 0;
			p->attr |= OPTEE_MSG_ATTR_NONCONTIG;
			gen_list(g, &in->lists[i], i, size, off);
			p->u.tmem.buf_ptr = in->lists[i].list_pa | off;
		} else {
			p->u.tmem.buf_ptr = fz_chance(g, 55) ? buf_zone(g) : fz_chance(g, 20) ? 0 : fz_hostile_addr(g);
		}
		if (fz_chance(g, 3))
			p->u.tmem.buf_ptr |= (uint64_t)fz_value(g) << 32;
		p->u.tmem.size = size;
		p->u.tmem.shm_ref = fz_value(g);
	} else if (t >= OPTEE_MSG_ATTR_TYPE_RMEM_INPUT && t <= OPTEE_MSG_ATTR_TYPE_RMEM_INOUT) {
		p->u.rmem.offs = fz_chance(g, 70) ? fz_below(g, 3 * FZ_PAGE) : fz_size(g);
		p->u.rmem.size = fz_size(g);
		p->u.rmem.shm_ref = gen_cookie(g, in->regd_cookie);
	} else {
		p->u.value.a = fz_value(g);
		p->u.value.b = fz_value(g);
		p->u.value.c = fz_value(g);
	}
}

/* ---- commands ------------------------------------------------------------ */

static void gen_open(struct fz_rng *g, struct fz_input *in)
{
	struct optee_msg_param *p = in->p;
	unsigned svc = fz_below(g, NS_ARRAY_SIZE(uuids));

	p[0].attr = p[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	in->svc = FZ_ANY_SVC;
	if (fz_chance(g, 85)) {
		memcpy(p[0].u.octets, uuids[svc], 16);
		in->svc = svc;
	} else
		for (unsigned k = 0; k < 16; k++)
			p[0].u.octets[k] = (uint8_t)fz_rand(g);
	p[1].u.value.c = fz_chance(g, 70) ? OPTEE_MSG_LOGIN_PUBLIC
					  : PICK(g, ((const uint32_t[]){ 1, 2, 4, 5, 6, 0x80000000u, 0xffffffffu }));
	in->hdr.num_params = fz_chance(g, 70) ? 2 : 2 + fz_below(g, 3);
	for (unsigned i = 2; i < in->hdr.num_params; i++)
		gen_param(g, in, i, '?', '?');
	if (fz_chance(g, 10))
		p[fz_below(g, 2)].attr = fz_chance(g, 50) ? OPTEE_MSG_ATTR_TYPE_VALUE_INPUT : fz_value(g);
}

static void gen_invoke(struct fz_rng *g, struct fz_input *in, uint32_t sessions_hint)
{
	const struct fz_cmd *c = &PICK(g, cmds);
	const char *shape = c->shape;
	unsigned n = 0;

	in->svc = c->svc;
	in->hdr.session = (sessions_hint && fz_chance(g, 90)) ? 0 /* filled by the executor */ : fz_value(g);
	in->hdr.func = c->func;
	if (fz_chance(g, 15)) {
		in->hdr.func = fz_chance(g, 50) ? fz_below(g, 8) : fz_value(g);
		shape = PICK(g, shapes);
	}
	if (fz_chance(g, 80)) {
		for (; shape[2 * n]; n++)
			gen_param(g, in, n, shape[2 * n], shape[2 * n + 1]);
		if (n && fz_chance(g, 20))
			gen_param(g, in, fz_below(g, n), '?', '?');
		if (c->svc == 1 && in->hdr.func == 4)   /* BUSY: never spin for long */
			in->p[0].u.value.a = PICK(g, ((const uint32_t[]){ 0, 1, 2, 10001, 0xffffffffu }));
	} else {
		n = fz_below(g, 5);
		for (unsigned i = 0; i < n; i++)
			gen_param(g, in, i, '?', '?');
	}
	in->hdr.num_params = n;
}

static void gen_register(struct fz_rng *g, struct fz_input *in)
{
	uint32_t off = PICK(g, ((const uint32_t[]){ 0, 0, 1, 2, 3, 4, 8, 0x123, 4088, 4095 }));
	uint64_t size = fz_chance(g, 70) ? 1 + fz_below(g, 5 * FZ_PAGE) : fz_size(g);

	in->hdr.num_params = 1;
	in->p[0].attr = OPTEE_MSG_ATTR_NONCONTIG | OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	if (fz_chance(g, 15))
		in->p[0].attr = fz_chance(g, 50) ? OPTEE_MSG_ATTR_TYPE_TMEM_INOUT : fz_value(g);
	gen_list(g, &in->lists[0], 0, size, off);
	in->p[0].u.tmem.buf_ptr = fz_chance(g, 90) ? (in->lists[0].list_pa | off) : fz_hostile_addr(g);
	in->p[0].u.tmem.size = size;
	in->p[0].u.tmem.shm_ref = FZ_COOKIE_POOL + fz_below(g, 16);
}

static void gen_header(struct fz_rng *g, struct fz_input *in, uint32_t sessions_hint)
{
	uint32_t c = fz_below(g, 100);

	if (c < 22) {
		in->hdr.cmd = OPTEE_MSG_CMD_OPEN_SESSION;
		gen_open(g, in);
	} else if (c < 60) {
		in->hdr.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
		gen_invoke(g, in, sessions_hint);
	} else if (c < 68) {
		in->hdr.cmd = OPTEE_MSG_CMD_CLOSE_SESSION;
		in->hdr.session = (sessions_hint && fz_chance(g, 70)) ? 0 : fz_value(g);
		in->svc = FZ_ANY_SVC;
	} else if (c < 80) {
		in->hdr.cmd = OPTEE_MSG_CMD_REGISTER_SHM;
		gen_register(g, in);
	} else if (c < 88) {
		in->hdr.cmd = OPTEE_MSG_CMD_UNREGISTER_SHM;
		in->hdr.num_params = 1;
		gen_param(g, in, 0, 'M', 'i');
		in->p[0].attr = fz_chance(g, 85) ? OPTEE_MSG_ATTR_TYPE_RMEM_INPUT : fz_value(g);
	} else if (c < 92) {
		in->hdr.cmd = OPTEE_MSG_CMD_CANCEL;
		in->hdr.cancel_id = fz_value(g);
	} else {
		/* unknown commands only: a REGISTER_SHM from here would carry a
		 * cookie the health check cannot unregister */
		in->hdr.cmd = fz_chance(g, 50) ? 6 + fz_below(g, 4) : fz_value(g);
		if (in->hdr.cmd <= OPTEE_MSG_CMD_UNREGISTER_SHM)
			in->hdr.cmd += 6;
		in->hdr.num_params = fz_below(g, 4);
		for (unsigned i = 0; i < in->hdr.num_params; i++)
			gen_param(g, in, i, '?', '?');
	}
	if (fz_chance(g, 4))   /* too many params, or a header cut short */
		in->hdr.num_params = PICK(g, ((const uint32_t[]){ 5, 6, 7, 8, 200, 0xffffffffu }));
	in->hdr.ret = 0xdeadbeefu;
	in->hdr.ret_origin = 0xdeadbeefu;
}

static void gen_placement(struct fz_rng *g, struct fz_input *in)
{
	uint32_t r = fz_below(g, 100);
	bool co = fz_reserved || fz_chance(g, 50);
	uint32_t zone = co ? fz_co + FZ_CO_ARGS : FZ_PG + FZ_PG_ARGS;
	uint32_t span = co ? FZ_CO_BUFS - FZ_CO_ARGS : FZ_PG_BUFS - FZ_PG_ARGS;

	in->via = r < 40 ? FZ_VIA_ARG : r < 62 ? FZ_VIA_RPC_ARG : FZ_VIA_REGD;
	if (in->via == FZ_VIA_REGD) {
		static const uint32_t offs[] = { 0, 0, 0, 1, 2, 3, 4, 5, 7, 8, 0x100, 0x801, 4088, 4095 };
		in->regd_cookie = FZ_COOKIE_REGD + fz_below(g, 4);
		in->regd_offset = fz_chance(g, 70) ? PICK(g, offs) : fz_below(g, FZ_PAGE);
		in->regd_size = fz_chance(g, 80) ? 1 + fz_below(g, 3 * FZ_PAGE) : PICK(g, ((const uint32_t[]){ 1, 32, 4096, 8191 }));
		switch (fz_below(g, 6)) {
		case 0: case 1: in->regd_a3 = 0; break;
		case 2: in->regd_a3 = fz_below(g, in->regd_size) & ~7u; break;
		case 3: in->regd_a3 = (FZ_PAGE - in->regd_offset) & ~7u; break;    /* page start */
		case 4: in->regd_a3 = fz_below(g, in->regd_size + 64); break;
		default: in->regd_a3 = fz_value(g); break;
		}
		in->regd_keep = fz_chance(g, 20);
		return;
	}
	switch (fz_below(g, 10)) {
	case 0: in->arg_pa = zone + (fz_below(g, span) & ~7u) + 1 + fz_below(g, 7); break;   /* unaligned */
	case 1: in->arg_pa = fz_ram_end - 8 * (1 + fz_below(g, 40)); break;                    /* cut off */
	case 2: in->arg_pa = zone + FZ_PAGE * (1 + fz_below(g, 16)) - 8 * fz_below(g, 8); break; /* page edge */
	case 3: in->arg_pa = fz_hostile_addr(g); break;
	case 4: in->arg_pa = (co ? FZ_PG + FZ_PG_ARGS : fz_co + FZ_CO_ARGS) + (fz_below(g, span) & ~7u); break;
	default: in->arg_pa = zone + (fz_below(g, span) & ~7u); break;
	}
	in->arg_pa64 = in->arg_pa;
	if (fz_chance(g, 3))
		in->arg_pa64 |= (uint64_t)(1 + fz_below(g, 0xffff)) << 32;
}

/* ---- raw SMCs ----------------------------------------------------------- */

/* PSCI calls that would legitimately stop this CPU or the machine become
 * harmless ones; CPU_ON only ever starts a CPU at a stub that turns it off
 * again (or names an entry the firmware must refuse). */
extern const char fz_cpu_stub_arm[], fz_cpu_stub_thumb[];

static void psci_defuse(struct fz_rng *g, uint32_t *r)
{
	uint32_t fn = r[0] & 0xffff;

	if (fn == 1)
		r[1] |= 1u << 16;               /* CPU_SUSPEND: power-down state, refused */
	else if (fn == 2)
		r[0] = (r[0] & ~0xffffu) | 4;   /* CPU_OFF -> AFFINITY_INFO */
	else if (fn == 8 || fn == 9 || (fn >= 0x0c && fn <= 0x15)) {
		r[1] = r[0];                    /* SYSTEM_OFF/RESET/SUSPEND... -> FEATURES of it */
		r[0] = (r[0] & ~0xffffu) | 0x0a;
	} else if (fn == 3) {
		uint32_t e = fz_hostile_addr(g);
		if (e >= fz_ram_base && e < fz_ram_end)
			e = fz_chance(g, 50) ? (uint32_t)fz_cpu_stub_arm : (uint32_t)fz_cpu_stub_thumb | 1;
		r[1] = fz_chance(g, 70) ? fz_below(g, 3) : fz_value(g);
		r[2] = e;
	}
}

static void gen_fast(struct fz_rng *g, struct fz_input *in)
{
	uint32_t owner = PICK(g, ((const uint32_t[]){ 50, 50, 50, 63, 63, 4, 4, 4, 0, 0, 1, 2, 3, 5, 48, 49, 62 }));
	uint32_t fn = fz_chance(g, 60) ? fz_below(g, 20) : fz_chance(g, 50) ? 0xff00 + fz_below(g, 4) : fz_rand(g) & 0xffff;

	if (fz_chance(g, 20))
		owner = fz_below(g, 64);
	in->r[0] = 0x80000000u | (fz_chance(g, 10) ? 0x40000000u : 0) | owner << 24 | fn;
	if (fz_chance(g, 3))
		in->r[0] |= (fz_rand(g) & 0x00ff0000u);   /* reserved bits set */
	for (unsigned i = 1; i < 8; i++)
		in->r[i] = fz_chance(g, 50) ? fz_value(g) : fz_chance(g, 50) ? fz_hostile_addr(g) : fz_rand(g);
	if (owner == 4)
		psci_defuse(g, in->r);
}

static void gen_yield(struct fz_rng *g, struct fz_input *in)
{
	uint32_t owner = fz_chance(g, 60) ? 50 : fz_below(g, 64);
	uint32_t fn = fz_chance(g, 50) ? PICK(g, ((const uint32_t[]){ 3, 4, 0x12, 0x13, 0, 1, 2, 5 })) : fz_rand(g) & 0xffff;

	in->r[0] = (fz_chance(g, 10) ? 0x40000000u : 0) | owner << 24 | fn;
	for (unsigned i = 1; i < 8; i++)
		in->r[i] = fz_chance(g, 50) ? fz_value(g) : fz_hostile_addr(g);
	/* a1:a2 may be an address the firmware writes to: keep it off the payload */
	in->r[2] = fz_steer(in->r[2]);
	if (fz_chance(g, 80))
		in->r[1] = 0;
}

static void gen_resume(struct fz_rng *g, struct fz_input *in)
{
	in->r[0] = OPTEE_SMC_RETURN_FROM_RPC;
	in->r[1] = fz_chance(g, 80) ? 0 : fz_value(g);
	in->r[2] = fz_hostile_addr(g);
	/* r3 = thread id: the executor may replace ~0 by a suspended thread's */
	in->r[3] = fz_chance(g, 60) ? ~0u : fz_chance(g, 50) ? fz_below(g, 16) : fz_rand(g);
	in->r[4] = fz_value(g);
	in->r[5] = fz_value(g);
	in->r[6] = fz_value(g);
	in->r[7] = fz_value(g);
}

void fz_generate(struct fz_input *in, uint64_t seed, uint32_t index, uint32_t sessions_hint)
{
	struct fz_rng g;
	uint32_t k;

	memset(in, 0, sizeof(*in));
	in->svc = FZ_ANY_SVC;
	fz_rng_seed(&g, seed, index);
	in->index = index;
	for (unsigned i = 0; i < FZ_MAX_PARAMS; i++)
		in->lists[i].bad_entry = ~0u;
	k = fz_below(&g, 100);
	in->kind = k < 22 ? FZ_FAST : k < 28 ? FZ_YIELD : k < 92 ? FZ_MSG : FZ_RESUME;
	switch (in->kind) {
	case FZ_FAST: gen_fast(&g, in); break;
	case FZ_YIELD: gen_yield(&g, in); break;
	case FZ_RESUME: gen_resume(&g, in); break;
	default:
		gen_placement(&g, in);
		gen_header(&g, in, sessions_hint);
		break;
	}
	in->rpc_seed = fz_rand(&g);
}

/* ---- printing -------------------------------------------------------------- */

static const char *const kind_names[] = { "fast SMC", "yielding SMC", "message", "RETURN_FROM_RPC" };
static const char *const via_names[] = { "CALL_WITH_ARG", "CALL_WITH_RPC_ARG", "CALL_WITH_REGD_ARG" };

void fz_describe(const struct fz_input *in)
{
	ns_printf("fuzz: input %u: %s\n", in->index, kind_names[in->kind]);
	if (in->kind != FZ_MSG) {
		ns_printf("  r0-r7 %08x %08x %08x %08x %08x %08x %08x %08x\n", in->r[0], in->r[1], in->r[2],
			  in->r[3], in->r[4], in->r[5], in->r[6], in->r[7]);
		return;
	}
	if (in->via == FZ_VIA_REGD)
		ns_printf("  %s: REGISTER_SHM cookie 0x%x at offset 0x%x, size 0x%x; a3 = 0x%x%s\n",
			  via_names[in->via], in->regd_cookie, in->regd_offset, in->regd_size, in->regd_a3,
			  in->regd_keep ? " (left registered)" : "");
	else
		ns_printf("  %s: arg at 0x%08x (a1:a2 = 0x%08x:%08x)\n", via_names[in->via], in->arg_pa,
			  (uint32_t)(in->arg_pa64 >> 32), (uint32_t)in->arg_pa64);
	if (in->svc < 4)
		ns_printf("  service: %s\n", fz_svc_names[in->svc]);
	ns_printf("  cmd %u func %u session 0x%x%s cancel 0x%x num_params %u\n", in->hdr.cmd, in->hdr.func,
		  in->hdr.session,
		  !in->hdr.session && (in->hdr.cmd == OPTEE_MSG_CMD_INVOKE_COMMAND || in->hdr.cmd == OPTEE_MSG_CMD_CLOSE_SESSION)
			  ? (in->svc < 4 ? " (an open session of the service, if any)" : " (an open session, if any)") : "",
		  in->hdr.cancel_id, in->hdr.num_params);
	for (unsigned i = 0; i < in->hdr.num_params && i < FZ_MAX_PARAMS; i++) {
		const struct optee_msg_param *p = &in->p[i];
		ns_printf("  p%u attr 0x%08x%08x: %08x%08x %08x%08x %08x%08x\n", i, (uint32_t)(p->attr >> 32),
			  (uint32_t)p->attr, (uint32_t)(p->u.value.a >> 32), (uint32_t)p->u.value.a,
			  (uint32_t)(p->u.value.b >> 32), (uint32_t)p->u.value.b, (uint32_t)(p->u.value.c >> 32),
			  (uint32_t)p->u.value.c);
		if (in->lists[i].list_pa)
			ns_printf("     page list at 0x%08x: %u entries, hostile entry %d = 0x%08x, chain %s\n",
				  in->lists[i].list_pa, in->lists[i].npages, (int)in->lists[i].bad_entry,
				  in->lists[i].bad_value, in->lists[i].chain_bad ? "hostile" : "ok");
	}
}
