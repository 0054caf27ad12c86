/*
 * Sessions of user TAs and the GP life cycle of their instances.
 *
 * - Without SINGLE_INSTANCE every session gets its own instance; with it one
 *   instance serves all, holding one session unless MULTI_SESSION (a second
 *   open gets TEE_ERROR_BUSY), and surviving its last session with
 *   INSTANCE_KEEP_ALIVE.
 * - One thread at a time inside an instance: a call that finds another call
 *   inside (another session of a MULTI_SESSION instance) gets
 *   TEE_ERROR_BUSY at once rather than waiting,
 *   so no thread of the pool ever waits on a TA that is itself waiting on the
 *   normal world. A close is never refused: it runs when the call inside
 *   leaves (and core/session.c already defers a close of a session whose own
 *   invoke is in flight).
 * - TA_CreateEntryPoint runs when an instance is made, TA_DestroyEntryPoint
 *   when its last session goes (not after a death: E.5).
 * - A dead instance (fault, panic, unknown syscall) answers
 *   TEE_ERROR_TARGET_DEAD until its sessions are closed; a new open loads a
 *   fresh one. Its pool memory is freed when it dies.
 */
#include <stddef.h>
#include <string.h>
#include <console.h>
#include <mintee_ta_abi.h>
#include <optee_msg.h>
#include <spinlock.h>
#include <thread.h>
#include <ta_elf.h>
#include <ta_runtime.h>
#include <ta_instance.h>


static struct ta_instance instances[TA_MAX_INSTANCES];
static unsigned int ta_lock;
static unsigned int loads_in_flight;	/* under ta_lock */

/* Loads that may wait on tee-supplicant at once: one thread always stays
 * free for the supplicant's own REGISTER_SHM (ta_runtime.h). */
static unsigned int max_loads(void)
{
	unsigned int n = thread_get_count();

	return n > 1 ? n - 1 : 1;
}

static struct ta_instance *inst_of(struct pta_session *s)
{
	return (struct ta_instance *)((uint8_t *)s->pta - offsetof(struct ta_instance, pta));
}

static bool keep_alive(const struct ta_instance *inst)
{
	return (inst->flags & TA_FLAG_SINGLE_INSTANCE) && (inst->flags & TA_FLAG_INSTANCE_KEEP_ALIVE);
}

/* Under ta_lock: may a new session use the live instance t? NULL result:
 * yes (single instance), *res BUSY: no, else t does not matter (another
 * instance of a multi-instance TA, or not this UUID). */
static bool joinable(const struct ta_instance *t, const uint8_t uuid[16], uint32_t *res)
{
	if (t->state != TA_LIVE || memcmp(t->uuid, uuid, 16) || !(t->flags & TA_FLAG_SINGLE_INSTANCE))
		return false;
	if ((!(t->flags & TA_FLAG_MULTI_SESSION) && t->sessions) || t->busy) {
		*res = TEE_ERROR_BUSY;
		return false;
	}
	return true;
}

/* An instance for a new session, with busy set and the session counted: a
 * live single instance of uuid, or a fresh slot (*fresh) to load into. Two
 * opens of one UUID may load at once (the flags are known only after the
 * load): see instance_create(). */
static struct ta_instance *instance_get(const uint8_t uuid[16], bool *fresh, uint32_t *res)
{
	struct ta_instance *inst = NULL, *slot = NULL;

	*res = TEE_ERROR_OUT_OF_MEMORY;
	cpu_spin_lock(&ta_lock);
	for (unsigned int i = 0; i < TA_MAX_INSTANCES && !inst && *res != TEE_ERROR_BUSY; i++) {
		struct ta_instance *t = &instances[i];

		if (t->state == TA_FREE && !slot)
			slot = t;
		if (joinable(t, uuid, res))
			inst = t;
	}
	if (inst) {
		inst->busy = true;
		inst->sessions++;
		*fresh = false;
	} else if (slot && *res != TEE_ERROR_BUSY && loads_in_flight >= max_loads()) {
		*res = TEE_ERROR_BUSY;
		inst = NULL;
	} else if (slot && *res != TEE_ERROR_BUSY) {
		loads_in_flight++;
		memset(slot, 0, sizeof(*slot));
		slot->state = TA_LOADING;
		memcpy(slot->uuid, uuid, 16);
		slot->busy = true;
		slot->sessions = 1;
		inst = slot;
		*fresh = true;
	} else {
		inst = NULL;
	}
	cpu_spin_unlock(&ta_lock);
	return inst;
}

static uint32_t ta_pta_invoke(struct pta_session *s, uint32_t cmd, uint32_t ptypes,
			      union tee_param p[TEE_NUM_PARAMS]);
static void ta_pta_close(struct pta_session *s);

static void close_entry(struct ta_instance *inst, struct pta_session *s, uint32_t ctx)
{
	union tee_param none[TEE_NUM_PARAMS];
	uint32_t unused;

	if (inst->state == TA_LIVE)
		ta_enter(inst, s, MTA_FUNC_CLOSE_SESSION, ctx, 0, 0, none, &unused);
}

/* The thread inside leaves: pending closes, then the end of the instance
 * when no session is left. */
static void instance_leave(struct ta_instance *inst)
{
	union tee_param none[TEE_NUM_PARAMS];
	uint32_t ctx, unused;
	bool end;

	for (;;) {
		cpu_spin_lock(&ta_lock);
		if (!inst->npending)
			break;
		ctx = inst->pending_close[--inst->npending];
		cpu_spin_unlock(&ta_lock);
		close_entry(inst, NULL, ctx);
		cpu_spin_lock(&ta_lock);
		inst->sessions--;
		cpu_spin_unlock(&ta_lock);
	}
	end = !inst->sessions && (inst->state != TA_LIVE || !keep_alive(inst));
	if (!end) {
		inst->busy = false;
		cpu_spin_unlock(&ta_lock);
		return;
	}
	cpu_spin_unlock(&ta_lock);
	if (inst->state == TA_LIVE && inst->created)
		ta_enter(inst, NULL, MTA_FUNC_DESTROY, 0, 0, 0, none, &unused);
	ta_instance_release(inst);
	cpu_spin_lock(&ta_lock);
	inst->state = TA_FREE;
	inst->busy = false;
	cpu_spin_unlock(&ta_lock);
}

/* instance_create(): another open made the single instance first. */
#define TA_RETRY 1u

static void free_slot(struct ta_instance *inst)
{
	cpu_spin_lock(&ta_lock);
	inst->state = TA_FREE;
	cpu_spin_unlock(&ta_lock);
}

static uint32_t instance_create(struct ta_instance *inst, uint32_t *origin)
{
	union tee_param none[TEE_NUM_PARAMS];
	uint32_t res = ta_instance_load(inst, (unsigned int)(inst - instances)), unused;

	cpu_spin_lock(&ta_lock);
	loads_in_flight--;
	cpu_spin_unlock(&ta_lock);
	if (res)
		return res;
	inst->pta = (struct pta){
		.name = "user TA", .flags = PTA_FLAG_USER_TA, .invoke = ta_pta_invoke,
		.close = ta_pta_close,
	};
	memcpy(inst->pta.uuid, inst->uuid, 16);
	/* A single-instance TA that another open loaded meanwhile: that one
	 * is the instance; this copy goes (the caller retries). */
	cpu_spin_lock(&ta_lock);
	for (unsigned int i = 0; i < TA_MAX_INSTANCES && !res; i++) {
		const struct ta_instance *t = &instances[i];

		if (t != inst && (inst->flags & TA_FLAG_SINGLE_INSTANCE) && !memcmp(t->uuid, inst->uuid, 16) &&
		    t->state == TA_LIVE)
			res = TA_RETRY;
	}
	if (!res)
		inst->state = TA_LIVE;
	cpu_spin_unlock(&ta_lock);
	if (res) {
		ta_instance_release(inst);
		return res;
	}
	res = ta_enter(inst, NULL, MTA_FUNC_CREATE, 0, 0, 0, none, &unused);
	if (inst->state == TA_LIVE)
		*origin = TEE_ORIGIN_TRUSTED_APP;
	inst->created = !res;
	return res;
}

uint32_t ta_open_session(const uint8_t uuid[16], uint32_t login, const uint8_t client_uuid[16],
			 uint32_t ptypes, union tee_param p[TEE_NUM_PARAMS], uint32_t *id,
			 uint32_t *origin)
{
	struct ta_instance *inst;
	struct pta_session *s;
	uint32_t res, ctx = 0;
	bool fresh;

	for (unsigned int tries = 0;; tries++) {
		inst = instance_get(uuid, &fresh, &res);
		if (!inst) {
			log_reject("ta: OPEN_SESSION: %s", res == TEE_ERROR_BUSY ?
				   "instance busy, or all loads in progress" : "no instance slot");
			return res;
		}
		res = fresh ? instance_create(inst, origin) : TEE_SUCCESS;
		if (res != TA_RETRY || tries)
			break;
		free_slot(inst);
	}
	if (res == TA_RETRY)
		res = TEE_ERROR_BUSY;
	if (res)
		goto drop;
	s = session_create(&inst->pta, login, client_uuid);
	if (!s) {
		log_reject("ta: OPEN_SESSION: session table full");
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto drop;
	}
	res = ta_enter(inst, s, MTA_FUNC_OPEN_SESSION, 0, 0, ptypes, p, &ctx);
	*origin = inst->state == TA_LIVE ? TEE_ORIGIN_TRUSTED_APP : TEE_ORIGIN_TEE;
	if (res) {
		session_destroy(s);
		goto drop;
	}
	s->priv = (void *)ctx;
	*id = s->id;
	session_opened(s);
	instance_leave(inst);
	return TEE_SUCCESS;
drop:
	cpu_spin_lock(&ta_lock);
	inst->sessions--;
	cpu_spin_unlock(&ta_lock);
	if (inst->state == TA_LOADING) {	/* never loaded: nothing to run */
		free_slot(inst);
		return res;
	}
	instance_leave(inst);
	return res;
}

static uint32_t ta_pta_invoke(struct pta_session *s, uint32_t cmd, uint32_t ptypes,
			      union tee_param p[TEE_NUM_PARAMS])
{
	struct ta_instance *inst = inst_of(s);
	uint32_t res = TEE_SUCCESS, unused;

	cpu_spin_lock(&ta_lock);
	if (inst->state != TA_LIVE)
		res = TEE_ERROR_TARGET_DEAD;
	else if (inst->busy)
		res = TEE_ERROR_BUSY;
	else
		inst->busy = true;
	cpu_spin_unlock(&ta_lock);
	if (res) {
		log_reject("ta: INVOKE on session 0x%x: %s", s->id,
			   res == TEE_ERROR_BUSY ? "instance busy" : "TA dead");
		return res;
	}
	res = ta_enter(inst, s, MTA_FUNC_INVOKE_COMMAND, (uint32_t)s->priv, cmd, ptypes, p, &unused);
	instance_leave(inst);
	return res;
}

static void ta_pta_close(struct pta_session *s)
{
	struct ta_instance *inst = inst_of(s);
	bool now = false;

	cpu_spin_lock(&ta_lock);
	if (!inst->busy) {
		inst->busy = true;
		now = true;
	} else if (inst->npending < TA_MAX_PENDING_CLOSE) {
		inst->pending_close[inst->npending++] = (uint32_t)s->priv;
	} else {
		/* Cannot happen with the session table's limits per instance
		 * in practice; the TA misses one close entry, nothing leaks. */
		inst->sessions--;
		log_msg("ta: close of session 0x%x without its entry point (too many pending)", s->id);
	}
	cpu_spin_unlock(&ta_lock);
	if (!now)
		return;
	close_entry(inst, s, (uint32_t)s->priv);
	cpu_spin_lock(&ta_lock);
	inst->sessions--;
	cpu_spin_unlock(&ta_lock);
	instance_leave(inst);
}

unsigned int ta_instance_count(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < TA_MAX_INSTANCES; i++)
		n += instances[i].state != TA_FREE;
	return n;
}
