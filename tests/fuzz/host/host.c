/* Shared pieces of the host fuzzers: input reading, the fake NS RAM, the
 * stand-ins for what the firmware gets from arch/ and the log, three small
 * services, message building and the per-input cleanup with its leak
 * check. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <optee_msg.h>
#include <optee_smc.h>
#include <core_mmu.h>
#include <ns_shm.h>
#include <pta.h>
#include "host.h"

/* ---- input ------------------------------------------------------------ */

uint8_t in_u8(struct in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

uint32_t in_u32(struct in *in)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)in_u8(in) << (8 * i);
	return v;
}

uint64_t in_u64(struct in *in)
{
	uint64_t lo = in_u32(in);
	return lo | (uint64_t)in_u32(in) << 32;
}

bool in_done(const struct in *in)
{
	return in->n == 0;
}

/* ---- stand-ins -------------------------------------------------------- */

void cpu_spin_lock(unsigned int *lock);
void cpu_spin_unlock(unsigned int *lock);
void log_msg(const char *fmt, ...);
void cpu_spin_lock(unsigned int *lock) { (*lock)++; }
void cpu_spin_unlock(unsigned int *lock) { (*lock)--; }

/* FUZZ_LOG=1 in the environment prints the firmware's log lines. */
void log_msg(const char *fmt, ...)
{
	static int verbose = -1;
	va_list ap;

	if (verbose < 0)
		verbose = getenv("FUZZ_LOG") != NULL;
	if (!verbose)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

bool core_mmu_get_shm_carveout(uint64_t *pa, uint64_t *size)
{
	(void)pa;
	(void)size;
	return false;           /* dynamic mode: no carve-out */
}

/* The thread pool's RPC-arg slot: one call at a time on the host, no RPC. */
static uint64_t rpc_arg_pa;
void thread_set_rpc_arg(uint64_t pa) { rpc_arg_pa = pa; }
uint64_t thread_get_rpc_arg(void) { return rpc_arg_pa; }

/* The thread's bounce area, as thread/thread_pool.c accounts it, but each
 * allocation its own heap block so that ASan sees its exact bounds. All of
 * it goes back after each message (the firmware's thread is taken anew). */
#define BOUNCE_TOTAL (1024u * 1024u + 64u)
static void *bounce[16];
static unsigned int n_bounce;
static size_t bounce_used;

void *thread_bounce_alloc(size_t size);
void *thread_bounce_alloc(size_t size)
{
	size_t r = (size + 7) & ~(size_t)7;

	if (r > BOUNCE_TOTAL - bounce_used || n_bounce == 16)
		return NULL;
	bounce_used += r;
	return bounce[n_bounce++] = malloc(size ? size : 1);
}

void host_bounce_reset(void)
{
	while (n_bounce)
		free(bounce[--n_bounce]);
	bounce_used = 0;
}

/* ---- NS RAM ------------------------------------------------------------ */

void host_ns_reset(void)
{
	static bool mapped;

	if (!mapped) {
		void *ram = mmap(ns_ptr(NS_BASE), NS_SIZE, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (ram != ns_ptr(NS_BASE)) {
			fprintf(stderr, "fuzz: cannot map the fake NS RAM at 0x%x\n", NS_BASE);
			abort();
		}
		core_ns_mem_init(NS_BASE, NS_SIZE);
		mapped = true;
	}
	memset(ns_ptr(NS_BASE), 0, NS_SIZE);
}

uint64_t in_addr(struct in *in)
{
	uint8_t sel = in_u8(in);
	uint32_t v = in_u32(in);

	switch (sel % 8) {
	case 0: return NS_BASE + v % NS_SIZE;
	case 1: return NS_BASE + (v % NS_SIZE & ~7u);
	case 2: return NS_BASE + (v % NS_SIZE & ~(NS_PAGE - 1));
	case 3: return 0;
	case 4: return NS_BASE + NS_SIZE - (v % 64);
	case 5: return 0x0e000000u + (v & 0xffffff);
	case 6: return ((uint64_t)in_u32(in) << 32) | v;
	default: return v;
	}
}

void host_write_list(struct in *in, uint64_t list_pa, unsigned n)
{
	unsigned e = 0;

	if (list_pa < NS_BASE || list_pa + NS_PAGE > NS_BASE + NS_SIZE || (list_pa & 7))
		return;
	for (unsigned j = 0; j < n; j++, e++) {
		uint64_t *list = ns_ptr(list_pa);
		if (e == 511) {
			uint64_t next = in_u8(in) % 8 ? list_pa + NS_PAGE : in_addr(in);
			list[511] = next;
			list_pa = next & ~7ull;
			if (list_pa < NS_BASE || list_pa + NS_PAGE > NS_BASE + NS_SIZE)
				return;
			list = ns_ptr(list_pa);
			e = 0;
		}
		list[e] = in_u8(in) % 8 ? NS_BASE + (in_u32(in) % (NS_SIZE / NS_PAGE)) * NS_PAGE : in_addr(in);
	}
}

/* ---- services --------------------------------------------------------- */

#define MAX_TRACKED 64
static struct pta_session *opened[MAX_TRACKED];

static uint32_t track_open(struct pta_session *s, uint32_t t, union tee_param p[4])
{
	(void)t;
	(void)p;
	for (int i = 0; i < MAX_TRACKED; i++)
		if (!opened[i] || opened[i] == s) {
			opened[i] = s;
			break;
		}
	return TEE_SUCCESS;
}

static uint32_t hello_invoke(struct pta_session *s, uint32_t cmd, uint32_t t, union tee_param p[4])
{
	(void)s;
	if (cmd || t != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, 0, 0, 0))
		return TEE_ERROR_BAD_PARAMETERS;
	p[0].value.a++;
	return TEE_SUCCESS;
}

/* Writes every output it is given: values, memref bytes and sizes
 * (smaller, equal, or larger than given: SHORT_BUFFER), per cmd. */
static uint32_t sink_invoke(struct pta_session *s, uint32_t cmd, uint32_t t, union tee_param p[4])
{
	uint32_t res = TEE_SUCCESS;

	(void)s;
	for (int i = 0; i < 4; i++) {
		uint32_t ty = TEE_PARAM_TYPE_GET(t, i);
		if (ty == TEE_PARAM_TYPE_VALUE_OUTPUT || ty == TEE_PARAM_TYPE_VALUE_INOUT) {
			p[i].value.a = 0x11111111u * (uint32_t)(i + 1);
			p[i].value.b = cmd;
		} else if (ty == TEE_PARAM_TYPE_MEMREF_OUTPUT || ty == TEE_PARAM_TYPE_MEMREF_INOUT) {
			if (p[i].memref.buffer)
				memset(p[i].memref.buffer, 0xa5, p[i].memref.size);
			if (cmd % 3 == 1)
				p[i].memref.size /= 2;
			else if (cmd % 3 == 2) {
				p[i].memref.size += 1;
				res = TEE_ERROR_SHORT_BUFFER;
			}
		} else if (ty == TEE_PARAM_TYPE_MEMREF_INPUT && p[i].memref.buffer && p[i].memref.size) {
			volatile uint8_t *b = p[i].memref.buffer;
			(void)b[p[i].memref.size - 1];  /* the whole bounce buffer is readable */
		}
	}
	return cmd == 7 ? TEE_ERROR_GENERIC : res;
}

#define T(a, b, c, d) TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
				      TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)
static const struct pta_cmd hello_cmds[] = { { 0, T(VALUE_INOUT, NONE, NONE, NONE) } };
/* Every shape of parameters, one per command. */
static const struct pta_cmd sink_cmds[] = {
	{ 0, T(VALUE_INOUT, NONE, NONE, NONE) },
	{ 1, T(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE) },
	{ 2, T(MEMREF_INOUT, VALUE_OUTPUT, MEMREF_OUTPUT, VALUE_INPUT) },
	{ 3, T(MEMREF_OUTPUT, MEMREF_OUTPUT, MEMREF_OUTPUT, MEMREF_OUTPUT) },
	{ 4, T(MEMREF_INPUT, MEMREF_INPUT, MEMREF_INPUT, MEMREF_INPUT) },
	{ 5, T(VALUE_OUTPUT, MEMREF_INOUT, NONE, NONE) },
	{ 6, T(NONE, NONE, NONE, NONE) },
	{ 7, T(MEMREF_OUTPUT, NONE, NONE, NONE) },
};
static const struct pta hello = { .name = "hello", .uuid = { 1 }, .open = track_open, .invoke = hello_invoke,
				  PTA_CMDS(hello_cmds) };
static const struct pta sink = { .name = "sink", .uuid = { 2 }, .open = track_open, .invoke = sink_invoke,
				 .flags = PTA_FLAG_CONCURRENT, .open_ptypes = T(MEMREF_INOUT, VALUE_OUTPUT, NONE, NONE),
				 PTA_CMDS(sink_cmds) };
const struct pta *const pta_table[] = { &hello, &sink };
const size_t pta_table_count = 2;

const struct pta *pta_find(const uint8_t uuid[16])
{
	for (size_t i = 0; i < pta_table_count; i++)
		if (!memcmp(pta_table[i]->uuid, uuid, 16))
			return pta_table[i];
	return NULL;
}

void host_cleanup(void)
{
	for (int i = 0; i < MAX_TRACKED; i++) {
		if (opened[i] && opened[i]->id)
			session_close(opened[i]->id);
		opened[i] = NULL;
	}
	for (uint64_t c = 0; c < HOST_COOKIES; c++)
		ns_shm_unregister(c);
	if (session_count() || ns_shm_count()) {
		fprintf(stderr, "fuzz: after the input, %u sessions and %u registrations are left: a leak\n",
			session_count(), ns_shm_count());
		abort();
	}
}

/* ---- messages ------------------------------------------------------------ */

/* Cookies to look up may be anything; cookies to register come from the
 * small set host_cleanup() unregisters. */
static uint64_t in_cookie(struct in *in, bool any)
{
	uint8_t c = in_u8(in);
	return any && c >= 0xf0 ? in_u64(in) : c % HOST_COOKIES;
}

static void build_param(struct in *in, struct optee_msg_param *p, uint64_t list_pa)
{
	uint8_t t = in_u8(in), f = in_u8(in);

	p->attr = (t % 16) | (f & 1 ? OPTEE_MSG_ATTR_META : 0) | (f & 2 ? OPTEE_MSG_ATTR_NONCONTIG : 0) |
		  (f == 0xff ? in_u64(in) : 0);
	if ((p->attr & 0xff) >= OPTEE_MSG_ATTR_TYPE_TMEM_INPUT) {
		uint32_t off = in_u8(in) & 1 ? in_u32(in) % NS_PAGE : 0;
		if (p->attr & OPTEE_MSG_ATTR_NONCONTIG) {
			host_write_list(in, list_pa, 1 + in_u8(in) % 16);
			p->u.tmem.buf_ptr = list_pa | off;
		} else {
			p->u.tmem.buf_ptr = in_addr(in);
		}
		p->u.tmem.size = in_u8(in) & 1 ? in_u32(in) % (2 * NS_PAGE) : in_u64(in);
		p->u.tmem.shm_ref = in_cookie(in, false);
	} else if ((p->attr & 0xff) >= OPTEE_MSG_ATTR_TYPE_RMEM_INPUT) {
		p->u.rmem.offs = in_u8(in) & 1 ? in_u32(in) % (4 * NS_PAGE) : in_u64(in);
		p->u.rmem.size = in_u8(in) & 1 ? in_u32(in) % (4 * NS_PAGE) : in_u64(in);
		p->u.rmem.shm_ref = in_cookie(in, true);
	} else {
		p->u.value.a = in_u64(in);
		p->u.value.b = in_u64(in);
		p->u.value.c = in_u64(in);
	}
}

/* Page lists of an arg's params go to fixed pages at the top of NS RAM. */
#define LIST_PA(i) (NS_BASE + NS_SIZE - (uint64_t)(2 * (i) + 2) * NS_PAGE)

uint32_t host_build_arg(struct in *in, uint64_t arg_pa)
{
	struct optee_msg_arg h = { 0 };
	struct optee_msg_param p[8];
	uint8_t kind = in_u8(in);
	uint32_t n, len;

	memset(p, 0, sizeof(p));
	h.cmd = kind & 0x80 ? in_u32(in) : kind % 8;
	h.func = in_u8(in) % 8;
	h.session = in_u32(in);
	h.cancel_id = in_u32(in);
	n = in_u8(in);
	h.num_params = n < 0xf0 ? n % 8 : in_u32(in);
	for (uint32_t i = 0; i < 8 && i < h.num_params; i++)
		build_param(in, &p[i], LIST_PA(i));
	if (h.cmd == OPTEE_MSG_CMD_OPEN_SESSION && kind & 0x40) {   /* a well-formed OPEN */
		p[0].attr = p[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
		memset(p[0].u.octets, 0, 16);
		p[0].u.octets[0] = 1 + (kind & 1);
		if (h.num_params < 2)
			h.num_params = 2;
	}
	if (h.cmd == OPTEE_MSG_CMD_REGISTER_SHM && kind & 0x40) {   /* a well-formed REGISTER */
		h.num_params = 1;
		p[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
		host_write_list(in, LIST_PA(0), 1 + in_u8(in) % 8);
		p[0].u.tmem.buf_ptr = LIST_PA(0) | (in_u8(in) & 1 ? in_u32(in) % NS_PAGE : 0);
		p[0].u.tmem.size = in_u32(in) % (8 * NS_PAGE);
		p[0].u.tmem.shm_ref = in_u8(in) % HOST_COOKIES;
	}
	n = h.num_params < 8 ? h.num_params : 8;
	len = OPTEE_MSG_GET_ARG_SIZE(n);
	/* Only as much as fits in the fake RAM: the firmware must refuse the rest. */
	if (arg_pa >= NS_BASE && arg_pa < NS_BASE + NS_SIZE) {
		uint8_t img[OPTEE_MSG_GET_ARG_SIZE(8)];
		uint64_t room = NS_BASE + NS_SIZE - arg_pa;
		memcpy(img, &h, sizeof(h));
		memcpy(img + sizeof(h), p, n * sizeof(p[0]));
		memcpy(ns_ptr(arg_pa), img, len < room ? len : room);
	}
	return len;
}

void host_run_messages(struct in *in, host_call_fn call)
{
	host_ns_reset();
	for (int k = 0; k < 16 && !in_done(in); k++) {
		uint8_t op = in_u8(in);
		if (op % 4 == 3) {      /* scribble on NS RAM: lists, args, data */
			uint64_t pa = NS_BASE + in_u32(in) % NS_SIZE;
			uint32_t len = in_u8(in);
			for (uint32_t i = 0; i < len && pa + i < NS_BASE + NS_SIZE; i++)
				*(uint8_t *)ns_ptr(pa + i) = in_u8(in);
			continue;
		}
		call(op % 4 == 0 ? NS_BASE + 0x1000 : in_addr(in), in);
		host_bounce_reset();
	}
	host_cleanup();
}
