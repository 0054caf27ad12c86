/*
 * The thread pool. A yielding call takes a free thread and runs on its stack;
 * an RPC suspends it with its registers on that stack, and RETURN_FROM_RPC
 * resumes it on whichever CPU the normal world calls from.
 */
#include <stddef.h>
#include <arm.h>
#include <console.h>
#include <optee_smc.h>
#include <spinlock.h>
#include <platform.h>
#include <thread_pool.h>

/* The layout thread_a32.S uses: 32-bit pointers (the host build of the
 * unit tests has wider ones and no assembly). */
#if UINTPTR_MAX == UINT32_MAX
_Static_assert(offsetof(struct thread_ctx, saved_sp) == THREAD_CTX_SAVED_SP, "asm offset");
_Static_assert(offsetof(struct thread_ctx, stack_top) == THREAD_CTX_STACK_TOP, "asm offset");
_Static_assert(offsetof(struct thread_ctx, saved_cpsr) == THREAD_CTX_SAVED_CPSR, "asm offset");
_Static_assert(offsetof(struct thread_ctx, args) == THREAD_CTX_ARGS, "asm offset");
#endif
_Static_assert(THREAD_RPC_OUT_SIZE == 4 * sizeof(uint32_t), "thread_rpc: out[] = smc r1-r4");

#define RPC_FLAG_COPY_ARGS 1u

struct thread_ctx threads[CFG_NUM_THREADS_MAX];
unsigned int thread_count = 2;
static uint8_t thread_stacks[CFG_NUM_THREADS_MAX][THREAD_STACK_SIZE]
	__attribute__((aligned(8), section(".nozi.thread_stacks")));
/* One bounce area per thread that can exist: thread_init() never makes more
 * threads than CPUs (at least 2), and CFG_MAX_CPUS >= 2. */
#define THREAD_BOUNCE_AREAS    CFG_MAX_CPUS
_Static_assert(CFG_MAX_CPUS >= 2 && THREAD_BOUNCE_AREAS <= CFG_NUM_THREADS_MAX, "bounce areas");
static uint8_t thread_bounce[THREAD_BOUNCE_AREAS][THREAD_BOUNCE_SIZE + THREAD_BOUNCE_SLACK]
	__attribute__((aligned(4096), section(".nozi.thread_bounce")));
static struct thread_ctx *thread_current[CFG_MAX_CPUS];
static unsigned int thread_lock;

void thread_init(unsigned int ncpus)
{
	unsigned int n = ncpus < 2 ? 2 : ncpus, i;

	thread_count = n > THREAD_BOUNCE_AREAS ? THREAD_BOUNCE_AREAS : n;
	for (i = 0; i < CFG_NUM_THREADS_MAX; i++) {
		threads[i].state = THREAD_STATE_FREE;
		threads[i].stack_top = (uint32_t)(uintptr_t)&thread_stacks[i][THREAD_STACK_SIZE];
	}
}

unsigned int thread_get_count(void)
{
	return thread_count;
}

unsigned int thread_count_in_use(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < thread_count; i++)
		n += threads[i].state != THREAD_STATE_FREE;
	return n;
}

static struct thread_ctx *thread_alloc(void)
{
	struct thread_ctx *t = NULL;
	unsigned int i;

	cpu_spin_lock(&thread_lock);
	for (i = 0; i < thread_count && !t; i++) {
		if (threads[i].state == THREAD_STATE_FREE) {
			t = &threads[i];
			t->state = THREAD_STATE_ACTIVE;
			t->bounce_used = 0;
		}
	}
	cpu_spin_unlock(&thread_lock);
	return t;
}

/* Called on the CPU's tmp stack once the thread's stack is no longer used. */
void thread_free(struct thread_ctx *t)
{
	cpu_spin_lock(&thread_lock);
	t->state = THREAD_STATE_FREE;
	cpu_spin_unlock(&thread_lock);
	thread_current[get_core_pos()] = NULL;
}

static struct thread_ctx *thread_claim_suspended(uint32_t id)
{
	struct thread_ctx *t = NULL;

	cpu_spin_lock(&thread_lock);
	if (id < thread_count && threads[id].state == THREAD_STATE_SUSPENDED) {
		t = &threads[id];
		t->state = THREAD_STATE_ACTIVE;
	}
	cpu_spin_unlock(&thread_lock);
	return t;
}

static void thread_resume_from_rpc(struct thread_smc_args *a)
{
	struct thread_ctx *t = thread_claim_suspended(a->a3);

	if (!t) {
		log_reject("thread: RETURN_FROM_RPC for thread 0x%x, which is not suspended", a->a3);
		a->a0 = OPTEE_SMC_RETURN_ERESUME;
		return;
	}
	if (t->rpc_flags & RPC_FLAG_COPY_ARGS) {
		t->rpc_rv[0] = a->a1;
		t->rpc_rv[1] = a->a2;
		t->rpc_rv[2] = a->a4;
		t->rpc_rv[3] = a->a5;
	}
	thread_current[get_core_pos()] = t;
	thread_resume(t);
}

/* C half of thread_std_smc_entry, on the CPU's tmp stack. Returns only when
 * the call ends without running a thread (refusal or ETHREAD_LIMIT). */
void thread_std_smc_dispatch(struct thread_smc_args *a)
{
	struct thread_ctx *t;

	switch (a->a0) {
	case OPTEE_SMC_RETURN_FROM_RPC:
		thread_resume_from_rpc(a);
		return;
	case OPTEE_SMC_CALL_WITH_ARG:
	case OPTEE_SMC_CALL_WITH_RPC_ARG:
	case OPTEE_SMC_CALL_WITH_REGD_ARG:
		break;
	default:	/* before a thread is taken: never ETHREAD_LIMIT */
		thread_log_unknown_fid("std", a->a0);
		a->a0 = OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
		return;
	}
	t = thread_alloc();
	if (!t) {
		a->a0 = OPTEE_SMC_RETURN_ETHREAD_LIMIT;	/* a1-a7 untouched */
		return;
	}
	t->args = *a;
	t->user_ctx = NULL;
	thread_current[get_core_pos()] = t;
	thread_run_std(t);
}

/* On the thread's stack: serve the call; the results go back in t->args. */
void thread_std_call(struct thread_ctx *t)
{
	thread_handle_std_smc(&t->args);
}

/* thread_rpc, C half (still on the thread's stack): record where the answer
 * goes and fill out[] = smc r1-r4 for the monitor. Returns the thread. */
struct thread_ctx *thread_rpc_prepare(uint32_t rv[THREAD_RPC_NUM_ARGS], uint32_t sp,
				      uint32_t cpsr, uint32_t out[THREAD_RPC_OUT_SIZE / 4])
{
	unsigned int cpu = get_core_pos();
	struct thread_ctx *t = thread_current[cpu];

	t->saved_sp = sp;
	t->saved_cpsr = cpsr;
	t->rpc_rv = rv;
	t->rpc_flags = rv[0] == (OPTEE_SMC_RETURN_RPC_PREFIX | OPTEE_SMC_RPC_FUNC_FOREIGN_INTR) ?
		       0 : RPC_FLAG_COPY_ARGS;
	out[0] = rv[0];
	out[1] = rv[1];
	out[2] = rv[2];
	out[3] = (uint32_t)(t - threads);
	thread_current[cpu] = NULL;
	return t;
}

/* On the tmp stack: from here on another CPU may resume the thread. */
void thread_set_suspended(struct thread_ctx *t)
{
	cpu_spin_lock(&thread_lock);
	t->state = THREAD_STATE_SUSPENDED;
	cpu_spin_unlock(&thread_lock);
}

struct thread_ctx *thread_get_current(void)
{
	return thread_current[get_core_pos()];
}

void *thread_bounce_alloc(size_t size)
{
	struct thread_ctx *t = thread_current[get_core_pos()];
	size_t rounded = (size + 7) & ~(size_t)7;
	void *p;

	if (!t || size > THREAD_BOUNCE_SIZE ||
	    rounded > THREAD_BOUNCE_SIZE + THREAD_BOUNCE_SLACK - t->bounce_used)
		return NULL;
	p = &thread_bounce[t - threads][t->bounce_used];
	t->bounce_used += rounded;
	return p;
}

void thread_set_rpc_arg(uint64_t pa)
{
	thread_current[get_core_pos()]->rpc_arg_pa = pa;
}

uint64_t thread_get_rpc_arg(void)
{
	return thread_current[get_core_pos()]->rpc_arg_pa;
}
