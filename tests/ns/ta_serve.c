/* LOAD_TA served from the test TAs' signed images (ta_serve.h). The APPL
 * buffer is what Linux would give: a page list in dynamic mode, the
 * carve-out in reserved mode. */
#include "ta_serve.h"

/* ta_serve_images.S: {uuid octets, start, end} per image, then the count. */
struct ta_serve_image {
	uint8_t uuid[16];
	const uint8_t *start, *end;
};
extern const struct ta_serve_image ta_serve_images[];
extern const uint32_t ta_serve_count;

#define TS_MAX_IMAGE (32u * 1024)
#define TS_SHM_PAGES (TS_MAX_IMAGE / SC_PAGE + 1)

unsigned ta_serve_loads, ta_serve_suspends;
void (*ta_serve_on_suspend)(uint32_t ms);
char ta_serve_err[120];
static uint64_t ts_cookie, ts_cookie_gen = 0x7a500000ull;
static uint8_t ts_pages[TS_SHM_PAGES][SC_PAGE] __attribute__((aligned(4096)));
static uint64_t ts_list[SC_PAGE / 8] __attribute__((aligned(4096)));

static void ts_err(const char *what)
{
	if (!ta_serve_err[0])
		ns_snprintf(ta_serve_err, sizeof(ta_serve_err), "%s", what);
}

static const struct ta_serve_image *find(const uint8_t *uuid)
{
	for (uint32_t i = 0; i < ta_serve_count; i++)
		if (!memcmp(ta_serve_images[i].uuid, uuid, 16))
			return &ta_serve_images[i];
	return NULL;
}

static void serve_alloc(struct optee_msg_arg *a)
{
	struct optee_msg_param *p = &a->params[0];

	if (a->num_params != 1 || p->u.value.a != OPTEE_RPC_SHM_TYPE_APPL || p->u.value.b > TS_MAX_IMAGE ||
	    ts_cookie) {
		ts_err("unexpected SHM_ALLOC");
		a->ret = TEE_ERROR_OUT_OF_MEMORY;
		return;
	}
	ts_cookie = ++ts_cookie_gen;
	a->ret = TEE_SUCCESS;
	p->u.tmem.shm_ref = ts_cookie;
	p->u.tmem.size = p->u.value.b;
	if (sc_reserved) {
		p->attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
		p->u.tmem.buf_ptr = sc_data_pa(0);
	} else {
		memset(ts_list, 0, sizeof(ts_list));
		for (uint32_t i = 0; i < TS_SHM_PAGES; i++)
			ts_list[i] = sc_pa(ts_pages[i]);
		p->attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
		p->u.tmem.buf_ptr = sc_pa(ts_list);
	}
}

static void serve_free(struct optee_msg_arg *a)
{
	a->ret = TEE_SUCCESS;
	if (a->params[0].u.value.b != ts_cookie)
		ts_err("SHM_FREE of another cookie");
	ts_cookie = 0;
}

static void serve_load(struct optee_msg_arg *a)
{
	struct optee_msg_param *p = a->params;
	const struct ta_serve_image *img = find(p[0].u.octets);
	uint32_t size = img ? (uint32_t)(img->end - img->start) : 0;

	if (!img) {
		a->ret = TEE_ERROR_ITEM_NOT_FOUND;
		return;
	}
	if (!p[1].u.tmem.buf_ptr && !p[1].u.tmem.shm_ref) {	/* size query */
		a->ret = TEE_SUCCESS;
		p[1].u.tmem.size = size;
		return;
	}
	if (p[1].u.tmem.size < size) {
		a->ret = TEE_ERROR_SHORT_BUFFER;
		p[1].u.tmem.size = size;
		return;
	}
	memcpy(sc_reserved ? sc_data(0) : ts_pages[0], img->start, size);
	ta_serve_loads++;
	a->ret = TEE_SUCCESS;
	p[1].u.tmem.size = size;
}

static uint64_t cntvct(void)
{
	uint32_t lo, hi;
	__asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static void serve_suspend(struct optee_msg_arg *a)
{
	uint32_t frq, ms = (uint32_t)a->params[0].u.value.a;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(frq));
	uint64_t end = cntvct() + (uint64_t)(frq ? frq : 62500000u) * ms / 1000;
	while (cntvct() < end)
		;
	ta_serve_suspends++;
	a->ret = TEE_SUCCESS;
	if (ta_serve_on_suspend)
		ta_serve_on_suspend(ms);
}

static bool ts_hook(struct optee_msg_arg *a)
{
	switch (a->cmd) {
	case OPTEE_RPC_CMD_LOAD_TA: serve_load(a); return true;
	case OPTEE_RPC_CMD_SHM_ALLOC: serve_alloc(a); return true;
	case OPTEE_RPC_CMD_SHM_FREE: serve_free(a); return true;
	case OPTEE_RPC_CMD_SUSPEND: serve_suspend(a); return true;
	default: return false;
	}
}

void ta_serve_init(void)
{
	sc_cmd_hook = ts_hook;
}
