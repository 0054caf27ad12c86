/*
 * The thread pool (thread/thread_pool.c) and the yielding-call entry
 * (thread/entry_std.c) on the host: thread allocation and exhaustion,
 * unknown ids refused before a thread is taken, RETURN_FROM_RPC checks, RPC
 * bookkeeping, bounce areas; the address checks of CALL_WITH_ARG and
 * CALL_WITH_REGD_ARG against a fake NS RAM mapped at 0x40000000 (the
 * registrations at odd offsets of issue 9).
 */
#include <setjmp.h>
#include <string.h>
#include <sys/mman.h>
#include <optee_msg.h>
#include <optee_smc.h>
#include <core_mmu.h>
#include <ns_shm.h>
#include <arm.h>
#include <platform.h>
#include <thread.h>
#include <thread_pool.h>
#include "fake_arch.h"
#include "fake_cpu.h"
#include "unit_test.h"

#define NS_BASE 0x40000000u
#define NS_SIZE 0x01000000u
#define PAGE    4096u

/* The C halves of thread_a32.S (no header: only assembly calls them). */
void thread_std_smc_dispatch(struct thread_smc_args *a);
struct thread_ctx *thread_rpc_prepare(uint32_t rv[THREAD_RPC_NUM_ARGS], uint32_t sp,
				      uint32_t cpsr, uint32_t out[4]);
void thread_set_suspended(struct thread_ctx *t);
void thread_free(struct thread_ctx *t);

/* thread_a32.S: running or resuming a thread never returns; here it records
 * which thread and comes back through a longjmp. */
static jmp_buf escape;
static struct thread_ctx *ran, *resumed;
void thread_run_std(struct thread_ctx *t) { ran = t; longjmp(escape, 1); }
void thread_resume(struct thread_ctx *t) { resumed = t; longjmp(escape, 1); }
void thread_rpc(uint32_t rv[THREAD_RPC_NUM_ARGS]) { (void)rv; }

/* The message layer as entry_std.c sees it: records its arguments. */
static unsigned int handler_calls;
static uint64_t handler_pa, handler_room;
static bool handler_rpc_arg;
static uint32_t fake_msg_layer(uint64_t pa, uint64_t room, bool rpc_arg)
{
	handler_calls++;
	handler_pa = pa;
	handler_room = room;
	handler_rpc_arg = rpc_arg;
	return OPTEE_SMC_RETURN_OK;
}

static struct thread_smc_args args(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct thread_smc_args a = { a0, a1, a2, a3, 0x44, 0x55, 0x66, 0x77 };
	return a;
}

/* thread_std_smc_dispatch(a): the thread it ran, or NULL if it returned. */
static struct thread_ctx *dispatch(struct thread_smc_args *a)
{
	ran = resumed = NULL;
	if (!setjmp(escape))
		thread_std_smc_dispatch(a);
	return ran ? ran : resumed;
}

static void reset_pool(unsigned int ncpus)
{
	fake_cpu_reset();
	fake_log_clear();
	thread_init(ncpus);
}

/* ---- thread_pool.c --------------------------------------------------------- */

static void test_thread_counts(void)
{
	reset_pool(1);
	UT_EQ(thread_get_count(), 2);		/* at least 2: RPC + a second caller */
	reset_pool(4);
	UT_EQ(thread_get_count(), 4);
	reset_pool(8);
	UT_EQ(thread_get_count(), CFG_MAX_CPUS);	/* one bounce area per thread */
}

static void test_alloc_and_limit(void)
{
	struct thread_smc_args a = args(OPTEE_SMC_CALL_WITH_ARG, 0, NS_BASE, 0);
	struct thread_ctx *t0, *t1;

	reset_pool(2);
	t0 = dispatch(&a);
	UT_ASSERT(t0 == &threads[0]);
	UT_EQ(t0->state, THREAD_STATE_ACTIVE);
	UT_EQ(t0->args.a2, NS_BASE);
	UT_EQ(t0->args.a7, 0x77);
	UT_EQ(thread_count_in_use(), 1);
	UT_ASSERT(thread_get_current() == t0);
	fake_cpu = 1;
	t1 = dispatch(&a);
	UT_ASSERT(t1 == &threads[1]);
	a = args(OPTEE_SMC_CALL_WITH_REGD_ARG, 1, 2, 3);
	UT_ASSERT(dispatch(&a) == NULL);
	UT_EQ(a.a0, OPTEE_SMC_RETURN_ETHREAD_LIMIT);
	UT_EQ(a.a1, 1);				/* a1-a7 untouched */
	UT_EQ(a.a3, 3);
	UT_EQ(a.a7, 0x77);
	thread_free(t1);
	fake_cpu = 0;
	thread_free(t0);
	UT_EQ(thread_count_in_use(), 0);
	UT_ASSERT(thread_get_current() == NULL);
}

/* The lead's fix: an unknown yielding id is answered before a thread is
 * taken, so it gets UNKNOWN_FUNCTION even with every thread busy. */
static void test_unknown_id_no_thread(void)
{
	struct thread_smc_args a = args(OPTEE_SMC_CALL_WITH_ARG, 0, NS_BASE, 0);

	reset_pool(2);
	dispatch(&a);
	fake_cpu = 1;
	a = args(OPTEE_SMC_CALL_WITH_ARG, 0, NS_BASE, 0);
	dispatch(&a);
	a = args(0x32000099, 1, 2, 3);
	UT_ASSERT(dispatch(&a) == NULL);
	UT_EQ(a.a0, OPTEE_SMC_RETURN_UNKNOWN_FUNCTION);
	UT_EQ(thread_count_in_use(), 2);
	a = args(0x32000099, 1, 2, 3);
	reset_pool(2);
	UT_ASSERT(dispatch(&a) == NULL);		/* idle pool: same answer */
	UT_EQ(a.a0, OPTEE_SMC_RETURN_UNKNOWN_FUNCTION);
	UT_EQ(thread_count_in_use(), 0);
}

static void test_rpc_and_resume(void)
{
	struct thread_smc_args a = args(OPTEE_SMC_CALL_WITH_ARG, 0, NS_BASE, 0);
	uint32_t rv[THREAD_RPC_NUM_ARGS] = { OPTEE_SMC_RETURN_RPC_PREFIX | OPTEE_SMC_RPC_FUNC_CMD,
					     0x11, 0x22, 0 };
	uint32_t out[4];
	struct thread_ctx *t;

	reset_pool(2);
	t = dispatch(&a);
	UT_ASSERT(t == &threads[0]);
	UT_ASSERT(thread_rpc_prepare(rv, 0x1234, 0x13, out) == t);
	UT_EQ(out[0], OPTEE_SMC_RETURN_RPC_PREFIX | OPTEE_SMC_RPC_FUNC_CMD);
	UT_EQ(out[1], 0x11);
	UT_EQ(out[3], 0);				/* the thread id */
	UT_ASSERT(thread_get_current() == NULL);
	thread_set_suspended(t);
	a = args(OPTEE_SMC_RETURN_FROM_RPC, 0xaa, 0xbb, 1);	/* wrong id */
	UT_ASSERT(dispatch(&a) == NULL);
	UT_EQ(a.a0, OPTEE_SMC_RETURN_ERESUME);
	a = args(OPTEE_SMC_RETURN_FROM_RPC, 0xaa, 0xbb, 0x80000000);
	UT_ASSERT(dispatch(&a) == NULL);
	UT_EQ(a.a0, OPTEE_SMC_RETURN_ERESUME);
	fake_cpu = 1;					/* resumed on another CPU */
	a = args(OPTEE_SMC_RETURN_FROM_RPC, 0xaa, 0xbb, 0);
	UT_ASSERT(dispatch(&a) == t);
	UT_ASSERT(resumed == t);
	UT_EQ(rv[0], 0xaa);				/* a1, a2, a4, a5 for the thread */
	UT_EQ(rv[1], 0xbb);
	UT_EQ(rv[2], 0x44);
	UT_EQ(rv[3], 0x55);
	UT_ASSERT(thread_get_current() == t);
	a = args(OPTEE_SMC_RETURN_FROM_RPC, 0, 0, 0);	/* now ACTIVE: not resumable */
	UT_ASSERT(dispatch(&a) == NULL);
	UT_EQ(a.a0, OPTEE_SMC_RETURN_ERESUME);
	/* FOREIGN_INTR expects no answer: nothing copied back */
	rv[0] = OPTEE_SMC_RETURN_RPC_PREFIX | OPTEE_SMC_RPC_FUNC_FOREIGN_INTR;
	rv[1] = 0x99;
	thread_rpc_prepare(rv, 0, 0, out);
	thread_set_suspended(t);
	a = args(OPTEE_SMC_RETURN_FROM_RPC, 0xaa, 0xbb, 0);
	UT_ASSERT(dispatch(&a) == t);
	UT_EQ(rv[1], 0x99);
	thread_free(t);
	fake_cpu = 0;
}

static void test_bounce_area(void)
{
	struct thread_smc_args a = args(OPTEE_SMC_CALL_WITH_ARG, 0, NS_BASE, 0);
	uint8_t *p, *q;

	reset_pool(2);
	UT_ASSERT(thread_bounce_alloc(16) == NULL);	/* outside a thread */
	dispatch(&a);
	p = thread_bounce_alloc(1);
	q = thread_bounce_alloc(THREAD_BOUNCE_SIZE);
	UT_ASSERT(p && q);
	UT_EQ((uintptr_t)p % 8, 0);
	UT_EQ(q - p, 8);				/* rounded to 8 */
	memset(q, 0xee, THREAD_BOUNCE_SIZE);		/* all of it is ours (ASan) */
	UT_ASSERT(thread_bounce_alloc(THREAD_BOUNCE_SLACK - 8) != NULL);
	UT_ASSERT(thread_bounce_alloc(1) == NULL);	/* used up */
	UT_ASSERT(thread_bounce_alloc(THREAD_BOUNCE_SIZE + 1) == NULL);
	thread_free(&threads[0]);
	dispatch(&a);					/* the next call starts empty */
	UT_ASSERT(thread_bounce_alloc(8) == p);
	fake_cpu = 1;
	a = args(OPTEE_SMC_CALL_WITH_ARG, 0, NS_BASE, 0);
	dispatch(&a);					/* another thread, another area */
	q = thread_bounce_alloc(8);
	UT_ASSERT(q && (q >= p + THREAD_BOUNCE_SIZE || q + THREAD_BOUNCE_SIZE <= p));
	thread_free(&threads[1]);
	fake_cpu = 0;
	thread_free(&threads[0]);
}

/* ---- entry_std.c ------------------------------------------------------------ */

static struct thread_smc_args std(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct thread_smc_args a = args(a0, a1, a2, a3);

	handler_calls = 0;
	thread_handle_std_smc(&a);
	return a;
}

static void test_no_handler(void)
{
	struct thread_smc_args a = std(OPTEE_SMC_CALL_WITH_ARG, 0, NS_BASE, 0);

	UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADCMD);
}

static void test_call_with_arg(void)
{
	struct thread_smc_args a;

	thread_set_std_call_handler(fake_msg_layer);
	a = std(OPTEE_SMC_CALL_WITH_ARG, 0, NS_BASE + 0x100, 0);
	UT_EQ(a.a0, OPTEE_SMC_RETURN_OK);
	UT_EQ(handler_pa, NS_BASE + 0x100);
	UT_EQ(handler_room, NS_SIZE - 0x100);
	UT_ASSERT(!handler_rpc_arg);
	a = std(OPTEE_SMC_CALL_WITH_RPC_ARG, 0, NS_BASE, 0);
	UT_ASSERT(handler_calls == 1 && handler_rpc_arg);
	for (uint32_t odd = 1; odd < 8; odd++) {
		a = std(OPTEE_SMC_CALL_WITH_ARG, 0, NS_BASE + odd, 0);
		UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADADDR);
		UT_EQ(handler_calls, 0);
	}
	a = std(OPTEE_SMC_CALL_WITH_ARG, 0, 0x0e000000, 0);		/* secure RAM */
	UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADADDR);
	a = std(OPTEE_SMC_CALL_WITH_ARG, 1, NS_BASE, 0);		/* above 4 GiB */
	UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADADDR);
	a = std(OPTEE_SMC_CALL_WITH_ARG, 0, NS_BASE + NS_SIZE - 16, 0);	/* no room for a header */
	UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADADDR);
	UT_EQ(handler_calls, 0);
	a = std(0x32000099, 0, NS_BASE, 0);
	UT_EQ(a.a0, OPTEE_SMC_RETURN_UNKNOWN_FUNCTION);
}

/* A 2-page registration starting at byte off of page A; its second page is
 * page B (not contiguous with A). */
#define PAGE_A  (NS_BASE + 0x20000)
#define PAGE_B  (NS_BASE + 0x50000)
static uint32_t reg(uint64_t cookie, uint32_t off, uint32_t size)
{
	uint64_t *list = (uint64_t *)(uintptr_t)(NS_BASE + 0x10000);

	list[0] = PAGE_A;
	list[1] = PAGE_B;
	return ns_shm_register(cookie, (NS_BASE + 0x10000) | off, size);
}

static struct thread_smc_args regd(uint64_t cookie, uint32_t a3)
{
	return std(OPTEE_SMC_CALL_WITH_REGD_ARG, (uint32_t)(cookie >> 32), (uint32_t)cookie, a3);
}

static void test_regd_arg_odd_offsets(void)
{
	static const uint32_t offs[] = { 1, 2, 3, 4, 4095 };
	struct thread_smc_args a;

	thread_set_std_call_handler(fake_msg_layer);
	for (unsigned int i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		uint32_t off = offs[i], fix = (8 - off % 8) % 8, size = 2 * PAGE - off;
		uint32_t pos = off + fix;

		UT_EQ(reg(0xc0ffee, off, size), TEE_SUCCESS);
		a = regd(0xc0ffee, 0);		/* page A + off: not 8-aligned */
		UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADADDR);
		UT_EQ(handler_calls, 0);
		a = regd(0xc0ffee, fix);		/* aligned: served */
		UT_EQ(a.a0, OPTEE_SMC_RETURN_OK);
		UT_EQ(handler_pa, (pos < PAGE ? PAGE_A + pos : PAGE_B + pos - PAGE));
		UT_EQ(handler_room, pos < PAGE ? PAGE - pos : 2 * PAGE - pos);
		UT_ASSERT(handler_rpc_arg);
		UT_EQ(ns_shm_unregister(0xc0ffee), TEE_SUCCESS);	/* no reference kept */
	}
}

static void test_regd_arg_bounds(void)
{
	struct thread_smc_args a;

	thread_set_std_call_handler(fake_msg_layer);
	UT_EQ(reg(0xb0b, 0, 2 * PAGE), TEE_SUCCESS);
	a = regd(0xb0c, 0);					/* unknown cookie */
	UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADADDR);
	a = regd(0xb0b, 2 * PAGE);				/* = size */
	UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADADDR);
	a = regd(0xb0b, 0xfffffff8);
	UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADADDR);
	a = regd(0xb0b, PAGE - 24);				/* header crosses the page */
	UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADADDR);
	a = regd(0xb0b, 2 * PAGE - 16);				/* runs past the end */
	UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADADDR);
	UT_EQ(handler_calls, 0);
	a = regd(0xb0b, PAGE - 32);				/* header fits exactly */
	UT_EQ(a.a0, OPTEE_SMC_RETURN_OK);
	UT_EQ(handler_pa, PAGE_A + PAGE - 32);
	UT_EQ(handler_room, 32);
	a = regd(0xb0b, PAGE + 8);
	UT_EQ(handler_pa, PAGE_B + 8);
	UT_EQ(ns_shm_unregister(0xb0b), TEE_SUCCESS);
	a = regd(0xb0b, 0);					/* gone */
	UT_EQ(a.a0, OPTEE_SMC_RETURN_EBADADDR);
}

int main(void)
{
	void *ram = mmap((void *)(uintptr_t)NS_BASE, NS_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (ram != (void *)(uintptr_t)NS_BASE) {
		printf("FAIL unit.thread.setup: cannot map the fake NS RAM at 0x%x\n", NS_BASE);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	core_ns_mem_init(NS_BASE, NS_SIZE);
	UT_RUN("thread", thread_counts, "thread count: at least 2, one per CPU, capped by the bounce areas");
	UT_RUN("thread", alloc_and_limit, "a call takes a free thread; with none left ETHREAD_LIMIT, a1-a7 untouched");
	UT_RUN("thread", unknown_id_no_thread, "unknown yielding id: UNKNOWN_FUNCTION before a thread is taken, even when all are busy");
	UT_RUN("thread", rpc_and_resume, "RPC bookkeeping, RETURN_FROM_RPC: wrong/active id ERESUME, answer copied, other CPU");
	UT_RUN("thread", bounce_area, "bounce area: per thread, 8-aligned, bounded, emptied for the next call");
	UT_RUN("entry_std", no_handler, "no message layer registered: EBADCMD");
	UT_RUN("entry_std", call_with_arg, "CALL_WITH_ARG: unaligned, secure, >4 GiB, no header room refused; room passed on");
	UT_RUN("entry_std", regd_arg_odd_offsets, "REGD_ARG, registration at byte 1/2/3/4/4095: a3 0 EBADADDR, aligned a3 served");
	UT_RUN("entry_std", regd_arg_bounds, "REGD_ARG: unknown cookie, offset = size, huge, header across page/end; exact fit");
	return UT_DONE();
}
