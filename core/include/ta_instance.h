/* TA instances and calls into them (core/ta/ private). */
#ifndef TA_INSTANCE_H
#define TA_INSTANCE_H
#include <stdbool.h>
#include <stdint.h>
#include <mintee_ta_abi.h>
#include <pta.h>
#include <ta_image.h>
#include <ta_mmu.h>
#include <thread_user.h>

#define TA_MAX_INSTANCES 16
#define TA_MAX_PENDING_CLOSE 8
#define TA_MAX_CHILD_SESSIONS 8	/* = MTA_MAX_TA_SESSIONS */

struct storage_handle;

enum ta_state { TA_FREE, TA_LOADING, TA_LIVE, TA_DEAD };

struct ta_instance {
	enum ta_state state;
	uint8_t uuid[16];
	uint32_t flags;			/* ta_head flags */
	unsigned int sessions;		/* open, or being opened */
	bool busy;			/* a thread runs in it (one at a time) */
	bool created;			/* TA_CreateEntryPoint succeeded */
	struct ta_image img;
	void *stack;			/* pool pages */
	uint32_t stack_size;
	struct ta_mmu_as as;
	struct pta pta;			/* how core/session.c reaches it */
	/* Closes that came while another session's call was inside. */
	uint32_t pending_close[TA_MAX_PENDING_CLOSE];
	unsigned int npending;
	/* Sessions this instance opened to other TAs or services (session
	 * ids of core/session.c, 0 = free); closed when it ends. */
	uint32_t child[TA_MAX_CHILD_SESSIONS];
	/* Persistent-object handles of this instance (MTA_SYS_STORAGE_*),
	 * closed when it ends. */
	struct storage_handle *objs[MTA_MAX_OBJECTS];
};

/* A call into an instance in progress (the owner of its thread_user_ctx). */
struct ta_call {
	struct ta_instance *inst;
	struct pta_session *sess;	/* NULL for CREATE and DESTROY */
	struct thread_user_ctx uc;
	uint32_t ret, ret_ctx;		/* from MTA_SYS_RETURN */
	bool returned;
	bool cancel_masked;		/* GP: every entry starts masked */
	uint64_t cancel_seen;		/* counter when a CANCEL was first seen, 0: not yet */
};

/* Runs one entry point: func (MTA_FUNC_*), session context, command, params
 * (bounce buffers, mapped for the call). TEE result of the TA, or
 * TEE_ERROR_TARGET_DEAD when it died (the instance is then TA_DEAD and its
 * memory freed), or OUT_OF_MEMORY/BAD_PARAMETERS before entering. *ret_ctx:
 * the session context the TA returned. The caller holds inst->busy. */
uint32_t ta_enter(struct ta_instance *inst, struct pta_session *sess, uint32_t func,
		  uint32_t sess_ctx, uint32_t cmd, uint32_t ptypes,
		  union tee_param p[TEE_NUM_PARAMS], uint32_t *ret_ctx);
/* Frees what the instance holds in the pool (image, stack, tables). */
void ta_instance_release(struct ta_instance *inst);
/* Marks the running instance dead and frees its memory; the user call ends
 * with TEE_ERROR_TARGET_DEAD. */
void __attribute__((noreturn)) ta_kill_current(void);
/* The call this thread runs in user mode, or NULL. */
struct ta_call *ta_call_current(void);
/* Loads uuid into inst (state TA_LOADING, slot taken): image, stack,
 * address space. */
uint32_t ta_instance_load(struct ta_instance *inst, unsigned int slot);
/* Closes the sessions the instance opened to others (ta_syscall_session.c). */
void ta_close_children(struct ta_instance *inst);
/* UUID as text, for log lines. */
void ta_uuid_str(const uint8_t uuid[16], char out[37]);
#endif
