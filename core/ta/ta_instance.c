/*
 * TA instances: loading into a fresh address space, calling entry points in
 * Secure User mode, and the end of an instance (normal or killed).
 */
#include <string.h>
#include <cache.h>
#include <console.h>
#include <mintee_ta_abi.h>
#include <optee_msg.h>
#include <ta_pool.h>
#include <ta_runtime.h>
#include <ta_store.h>
#include <ta_instance.h>
#include <ta_syscall.h>

#define PAGE 4096u

static uint32_t page_up(uint32_t v)
{
	return (v + PAGE - 1) & ~(PAGE - 1);
}

void ta_uuid_str(const uint8_t u[16], char out[37])
{
	mt_snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		    u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11],
		    u[12], u[13], u[14], u[15]);
}

static uint32_t seg_attr(uint32_t flags)
{
	return (flags & TA_SEG_R ? TA_MMU_R : 0) | (flags & TA_SEG_W ? TA_MMU_W : 0) |
	       (flags & TA_SEG_X ? TA_MMU_X : 0);
}

static uint32_t map_image(struct ta_instance *inst)
{
	const struct ta_image *img = &inst->img;

	for (uint32_t i = 0; i < img->nsegs; i++) {
		const struct ta_seg *s = &img->seg[i];

		if (!ta_mmu_map(&inst->as, img->load_va + s->va, s->size, img->mem + s->va,
				seg_attr(s->flags)))
			return TEE_ERROR_BAD_FORMAT;
	}
	/* Code was written through the core's mapping of these pages. */
	dcache_clean_range(img->mem, img->span);
	icache_inv_all();
	return TEE_SUCCESS;
}

uint32_t ta_instance_load(struct ta_instance *inst, unsigned int slot)
{
	char name[37];
	uint32_t res;

	ta_uuid_str(inst->uuid, name);
	res = ta_store_load(inst->uuid, TA_USER_LOAD_VA, &inst->img);
	if (res)
		return res;
	if (inst->img.span > TA_USER_IMAGE_MAX || inst->img.head.stack_size > TA_USER_STACK_MAX) {
		log_msg("ta %s: image of %u bytes or stack of %u bytes too large", name,
			(unsigned)inst->img.span, (unsigned)inst->img.head.stack_size);
		res = TEE_ERROR_BAD_FORMAT;
		goto fail;
	}
	inst->flags = inst->img.head.flags;
	inst->stack_size = page_up(inst->img.head.stack_size);
	inst->stack = ta_pool_alloc(inst->stack_size);
	res = TEE_ERROR_OUT_OF_MEMORY;
	if (!inst->stack || !ta_mmu_as_init(&inst->as, (uint8_t)(slot + 1)))
		goto fail;
	/* The guard page below the stack (TA_USER_VA_BASE) is never mapped. */
	if (!ta_mmu_map(&inst->as, TA_USER_STACK_BASE, inst->stack_size, inst->stack,
			TA_MMU_R | TA_MMU_W))
		goto fail;
	res = map_image(inst);
	if (res)
		goto fail;
	log_msg("ta %s: loaded at 0x%08x (%u bytes, stack %u, flags 0x%x)", name,
		(unsigned)TA_USER_LOAD_VA, (unsigned)inst->img.span, (unsigned)inst->stack_size,
		(unsigned)inst->flags);
	return TEE_SUCCESS;
fail:
	log_msg("ta %s: load failed 0x%x", name, (unsigned)res);
	ta_instance_release(inst);
	return res;
}

void ta_instance_release(struct ta_instance *inst)
{
	ta_close_children(inst);
	ta_storage_close_all(inst);
	if (inst->as.asid)
		ta_mmu_as_destroy(&inst->as);
	if (inst->stack)
		ta_pool_free(inst->stack, inst->stack_size);
	inst->stack = NULL;
	ta_image_free(&inst->img);
}

/* ---- Parameters: the call's buffers, mapped for the call only ---------- */

struct ta_param_map {
	void *pages[TEE_NUM_PARAMS];
	uint32_t bytes[TEE_NUM_PARAMS];
	uint32_t va[TEE_NUM_PARAMS];
};

static bool is_memref(uint32_t t)
{
	return t >= TEE_PARAM_TYPE_MEMREF_INPUT && t <= TEE_PARAM_TYPE_MEMREF_INOUT;
}

static uint32_t params_in(struct ta_instance *inst, uint32_t ptypes,
			  const union tee_param p[TEE_NUM_PARAMS], struct mta_params *up,
			  struct ta_param_map *pm)
{
	uint32_t va = TA_USER_PARAM_VA;

	memset(pm, 0, sizeof(*pm));
	up->types = ptypes;
	for (unsigned int i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(ptypes, i), n;

		up->vals[2 * i] = up->vals[2 * i + 1] = 0;
		if (!is_memref(t)) {
			if (t != TEE_PARAM_TYPE_NONE) {
				up->vals[2 * i] = p[i].value.a;
				up->vals[2 * i + 1] = p[i].value.b;
			}
			continue;
		}
		up->vals[2 * i + 1] = p[i].memref.size;
		if (!p[i].memref.buffer || !p[i].memref.size)
			continue;	/* NULL memref or size query: buffer NULL */
		n = page_up(p[i].memref.size);
		if (n > TA_USER_PARAM_VA + TA_USER_PARAM_SIZE - va)
			return TEE_ERROR_BAD_PARAMETERS;
		pm->pages[i] = ta_pool_alloc(n);
		if (!pm->pages[i])
			return TEE_ERROR_OUT_OF_MEMORY;
		pm->bytes[i] = n;
		memcpy(pm->pages[i], p[i].memref.buffer, p[i].memref.size);
		if (!ta_mmu_map(&inst->as, va, n, pm->pages[i],
				t == TEE_PARAM_TYPE_MEMREF_INPUT ? TA_MMU_R : TA_MMU_R | TA_MMU_W))
			return TEE_ERROR_OUT_OF_MEMORY;
		pm->va[i] = va;
		up->vals[2 * i] = va;
		va += n;
	}
	return TEE_SUCCESS;
}

/* What the TA left in the params (numbers only: it may have written anything). */
static void params_out(uint32_t ptypes, union tee_param p[TEE_NUM_PARAMS],
		       const struct mta_params *up, const struct ta_param_map *pm)
{
	for (unsigned int i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(ptypes, i), size = up->vals[2 * i + 1];

		if (t == TEE_PARAM_TYPE_VALUE_OUTPUT || t == TEE_PARAM_TYPE_VALUE_INOUT) {
			p[i].value.a = up->vals[2 * i];
			p[i].value.b = up->vals[2 * i + 1];
		}
		if (t != TEE_PARAM_TYPE_MEMREF_OUTPUT && t != TEE_PARAM_TYPE_MEMREF_INOUT)
			continue;
		if (pm->pages[i])
			memcpy(p[i].memref.buffer, pm->pages[i],
			       size < p[i].memref.size ? size : p[i].memref.size);
		p[i].memref.size = size;	/* msg_params_out checks it */
	}
}

static void params_release(struct ta_instance *inst, struct ta_param_map *pm)
{
	for (unsigned int i = 0; i < TEE_NUM_PARAMS; i++) {
		if (pm->va[i] && inst->state != TA_DEAD)
			ta_mmu_unmap(&inst->as, pm->va[i]);
		ta_pool_free(pm->pages[i], pm->bytes[i]);
	}
}

/* ---- Entering ----------------------------------------------------------- */

uint32_t ta_enter(struct ta_instance *inst, struct pta_session *sess, uint32_t func,
		  uint32_t sess_ctx, uint32_t cmd, uint32_t ptypes,
		  union tee_param p[TEE_NUM_PARAMS], uint32_t *ret_ctx)
{
	struct ta_call call = { .inst = inst, .sess = sess, .cancel_masked = true };
	uint32_t usp = TA_USER_STACK_BASE + inst->stack_size - sizeof(struct mta_params);
	struct mta_params *up;
	struct ta_param_map pm;
	uint32_t res, a[4];

	if (inst->state == TA_DEAD)
		return TEE_ERROR_TARGET_DEAD;
	usp &= ~7u;
	/* The core writes the user stack through its own mapping of the pages. */
	up = (struct mta_params *)((uint8_t *)inst->stack + (usp - TA_USER_STACK_BASE));
	res = params_in(inst, ptypes, p, up, &pm);
	if (!res) {
		a[0] = func;
		a[1] = sess_ctx;
		a[2] = usp;
		a[3] = cmd;
		call.uc.as = &inst->as;
		call.uc.owner = &call;
		thread_user_call(&call.uc, inst->img.load_va + inst->img.entry, usp, a);
		if (sess)
			sess->cancel = false;	/* a CANCEL is for one call (E.6) */
		if (inst->state == TA_DEAD) {
			res = TEE_ERROR_TARGET_DEAD;
		} else {
			res = call.ret;
			*ret_ctx = call.ret_ctx;
			params_out(ptypes, p, up, &pm);
		}
	}
	params_release(inst, &pm);
	return res;
}

struct ta_call *ta_call_current(void)
{
	struct thread_user_ctx *uc = thread_user_current();

	return uc ? uc->owner : NULL;
}

void ta_kill_current(void)
{
	struct ta_call *call = ta_call_current();

	call->inst->state = TA_DEAD;
	ta_instance_release(call->inst);
	thread_user_exit(TEE_ERROR_TARGET_DEAD);
}
