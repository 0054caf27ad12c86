/* Secure threads: one per yielding call in flight, suspended across RPCs. */
#ifndef THREAD_POOL_H
#define THREAD_POOL_H

#define THREAD_STACK_SIZE      8192
#define CFG_NUM_THREADS_MAX    8

/* Offsets used by thread_a32.S, checked in thread_pool.c. */
#define THREAD_CTX_SAVED_SP    4
#define THREAD_CTX_STACK_TOP   8
#define THREAD_CTX_SAVED_CPSR  12
#define THREAD_CTX_ARGS        24

/* Each thread owns a bounce area for the call it serves: the secure copies
 * of its memrefs (core/msg_param.c) come from there, never from the heap, so
 * no client can take bounce memory from another or from REGISTER_SHM. The
 * slack absorbs the 8-byte rounding of up to 8 allocations. */
#define THREAD_BOUNCE_SIZE     (1024u * 1024u)
#define THREAD_BOUNCE_SLACK    64u

#define THREAD_RPC_NUM_ARGS    4
/* thread_rpc's stack room for thread_rpc_prepare()'s out[]: smc r1-r4. */
#define THREAD_RPC_OUT_SIZE    16
/* Params of the RPC arg struct a caller supplies with RPC_ARG (EXCHANGE_
 * CAPABILITIES a3); mintee's own RPCs use one. */
#define THREAD_RPC_MAX_NUM_PARAMS 4

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdint.h>
#include <thread.h>

struct thread_user_ctx;

enum thread_state { THREAD_STATE_FREE, THREAD_STATE_ACTIVE, THREAD_STATE_SUSPENDED };

struct thread_ctx {
	uint32_t state;                 /* enum thread_state */
	uint32_t saved_sp;              /* SVC sp while suspended in thread_rpc */
	uint32_t stack_top;
	uint32_t saved_cpsr;            /* I/F mask state to resume with */
	uint32_t *rpc_rv;               /* where thread_rpc wants the NS answer */
	uint32_t rpc_flags;             /* copy a1/a2/a4/a5 back on resume? */
	struct thread_smc_args args;    /* the call this thread serves */
	uint64_t rpc_arg_pa;            /* RPC arg struct supplied with the call, or 0 */
	uint32_t bounce_used;           /* bytes of this thread's bounce area in use */
	struct thread_user_ctx *user_ctx; /* TA code this thread runs (thread_user.c) */
};

extern struct thread_ctx threads[CFG_NUM_THREADS_MAX];
extern unsigned int thread_count;

/*
 * Suspends the current thread with an RPC to the normal world:
 * in:  rv[0] = OPTEE_SMC_RETURN_RPC_* code, rv[1], rv[2] = a1, a2;
 * out: rv[0..3] = a1, a2, a4, a5 of RETURN_FROM_RPC (only for RPCs that
 *      expect an answer, i.e. all but FOREIGN_INTR).
 */
void thread_rpc(uint32_t rv[THREAD_RPC_NUM_ARGS]);

/* Foreign interrupts: masked by default in threads; code that runs long and
 * holds no lock may open a window. Returns the previous state for restore. */
uint32_t thread_unmask_foreign_intr(void);
void thread_restore_foreign_intr(uint32_t state);

unsigned int thread_count_in_use(void);
/* The thread this CPU runs, NULL outside a thread. */
struct thread_ctx *thread_get_current(void);

/* The RPC arg struct the current call supplied (RPC_ARG), 0 if none. */
void thread_set_rpc_arg(uint64_t pa);
uint64_t thread_get_rpc_arg(void);

/* Bounce memory for the current call, from its thread's area: size bytes,
 * 8-byte aligned, contents undefined; NULL outside a thread or when the
 * area is used up. All of it is given back when the thread is taken for
 * its next call. */
void *thread_bounce_alloc(size_t size);

/* thread_a32.S */
void __attribute__((noreturn)) thread_run_std(struct thread_ctx *t);
void __attribute__((noreturn)) thread_resume(struct thread_ctx *t);
#endif
#endif
