/*
 * Secure User mode, C half (thread_user.h).
 *
 * VFP/NEON: TAs are built soft-float and get no VFP. CPACR is not banked
 * between the worlds and Linux leaves cp10/cp11 open to PL0, so a TA could
 * otherwise read the normal world's VFP registers: every return to user mode
 * takes PL0 access away (keeping this CPU's value), every entry from user
 * mode puts the value back before anything can reach the normal world. A VFP
 * instruction in a TA is then an undefined instruction, which kills it.
 */
#include <stddef.h>
#include <arm.h>
#include <console.h>
#include <platform.h>
#include <thread_pool.h>
#include <thread_user.h>

#define CPACR_PL0_BITS ((2u << 20) | (2u << 22))	/* cp10, cp11: 11 -> 01 (PL1 only) */

DEFINE_CP15_ACCESSORS(cpacr, 0, c1, c0, 2)

static thread_user_svc_handler_t svc_handler;
static thread_user_fault_handler_t fault_handler;
static thread_user_resume_handler_t resume_handler;
static uint32_t cpacr_saved[CFG_MAX_CPUS];

void thread_user_set_handlers(thread_user_svc_handler_t svc, thread_user_fault_handler_t fault,
			      thread_user_resume_handler_t resume)
{
	svc_handler = svc;
	fault_handler = fault;
	resume_handler = resume;
}

struct thread_user_ctx *thread_user_current(void)
{
	struct thread_ctx *t = thread_get_current();

	return t ? t->user_ctx : NULL;
}

/* Right before any return to user mode, on whichever CPU that is. */
static void to_user(struct thread_user_ctx *uc)
{
	unsigned int cpu = get_core_pos();
	uint32_t c = read_cpacr();

	ta_mmu_activate(uc->as);
	cpacr_saved[cpu] = c;
	write_cpacr(c & ~CPACR_PL0_BITS);
	isb();
}

/* First thing on every entry from user mode. */
static void from_user(void)
{
	write_cpacr(cpacr_saved[get_core_pos()]);
	isb();
}

uint32_t thread_user_call(struct thread_user_ctx *uc, uint32_t entry, uint32_t usp,
			  const uint32_t a[4])
{
	struct thread_ctx *t = thread_get_current();
	uint32_t code;

	uc->prev = t->user_ctx;
	t->user_ctx = uc;
	to_user(uc);
	code = thread_enter_user(a, usp, entry, &uc->exit_sp);
	t = thread_get_current();		/* may have moved to another CPU: same thread */
	t->user_ctx = uc->prev;
	return code;
}

void thread_user_exit(uint32_t code)
{
	thread_unwind_user(thread_user_current()->exit_sp, code);
}

/* thread_user_a32.S: a syscall (svc from user mode). */
void thread_user_svc(struct thread_user_regs *regs)
{
	from_user();
	if (!svc_handler)
		thread_user_exit(THREAD_USER_NO_HANDLER);
	svc_handler(regs);
	to_user(thread_user_current());
}

/* thread_user_a32.S: an abort or undefined instruction in user mode. */
void __attribute__((noreturn)) thread_user_fault(struct thread_user_regs *regs, unsigned int kind)
{
	uint32_t fsr = 0, far = 0;

	/* Read before anything else can fault. */
	if (kind == THREAD_USER_FAULT_DABT) {
		fsr = read_dfsr();
		far = read_dfar();
	} else if (kind == THREAD_USER_FAULT_PABT) {
		fsr = read_ifsr();
		far = read_ifar();
	}
	from_user();
	if (fault_handler)
		fault_handler(regs, kind, fsr, far);
	thread_user_exit(THREAD_USER_NO_HANDLER);
}

void thread_foreign_intr(void);

/* thread_a32.S: a foreign interrupt taken in user mode. */
void thread_user_foreign_intr(struct thread_user_regs *regs)
{
	(void)regs;
	from_user();
	thread_foreign_intr();	/* to the normal world and back, maybe on another CPU */
	if (resume_handler)
		resume_handler();
	to_user(thread_user_current());
}
