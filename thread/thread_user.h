/*
 * Secure User mode: running TA code at PL0 on a thread of the pool
 * (thread_user.c, thread_user_a32.S). The thread's SVC stack is the TA's
 * kernel stack: a syscall, a foreign interrupt or a fault taken in user mode
 * saves the user registers there (struct thread_user_regs).
 */
#ifndef THREAD_USER_H
#define THREAD_USER_H

/* struct thread_user_regs, for thread_user_a32.S */
#define THREAD_USER_REGS_SIZE 72

/* Kinds of user faults (as panic_exception numbers them). */
#define THREAD_USER_FAULT_UNDEF 1
#define THREAD_USER_FAULT_PABT  3
#define THREAD_USER_FAULT_DABT  4

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <ta_mmu.h>

/* The user registers at a kernel entry from user mode. */
struct thread_user_regs {
	uint32_t usr_sp, usr_lr, pad;
	uint32_t r[13];
	uint32_t pc, cpsr;
};
_Static_assert(sizeof(struct thread_user_regs) == THREAD_USER_REGS_SIZE, "thread_user_a32.S");

/* One entry into user code (one TA entry-point call). Calls nest: a TA that
 * opens or invokes another TA runs it on the same thread. */
struct thread_user_ctx {
	uint32_t exit_sp;		/* kernel sp thread_user_exit() unwinds to */
	struct ta_mmu_as *as;		/* the address space the code runs in */
	struct thread_user_ctx *prev;	/* the caller's, while this one runs */
	void *owner;			/* the core's state for this call */
};

/*
 * Runs user code at entry (ARM, or Thumb with bit 0 set) with sp = usp,
 * r0-r3 = a[0..3], in uc->as, IRQs unmasked (foreign interrupts go to the
 * normal world as in any thread). Returns the code a handler passed to
 * thread_user_exit(). Called from a thread (its SVC stack), IRQ masked.
 */
uint32_t thread_user_call(struct thread_user_ctx *uc, uint32_t entry, uint32_t usp,
			  const uint32_t a[4]);
/* From a syscall or fault handler: leaves the innermost user call, whose
 * thread_user_call() then returns code. */
void __attribute__((noreturn)) thread_user_exit(uint32_t code);
/* The innermost user call running on this thread, or NULL. */
struct thread_user_ctx *thread_user_current(void);

/*
 * Registered by the core (the layers point down). svc: a syscall, number
 * and arguments in regs, result into regs->r[0]; it may call
 * thread_user_exit(). fault: an abort or undefined instruction in user mode;
 * must call thread_user_exit(). fsr/far: DFSR/DFAR, IFSR/IFAR, or 0.
 * Until registered, every syscall and fault ends the user call with
 * THREAD_USER_NO_HANDLER.
 */
#define THREAD_USER_NO_HANDLER 0xFFFF3024u	/* TEE_ERROR_TARGET_DEAD */
typedef void (*thread_user_svc_handler_t)(struct thread_user_regs *regs);
typedef void (*thread_user_fault_handler_t)(struct thread_user_regs *regs, unsigned int kind,
					    uint32_t fsr, uint32_t far);
/* resume: a foreign interrupt taken in user mode is about to return there
 * (the thread is back from the normal world); it may call thread_user_exit(). */
typedef void (*thread_user_resume_handler_t)(void);
void thread_user_set_handlers(thread_user_svc_handler_t svc, thread_user_fault_handler_t fault,
			      thread_user_resume_handler_t resume);

/* thread_user_a32.S */
uint32_t thread_enter_user(const uint32_t a[4], uint32_t usp, uint32_t entry, uint32_t *exit_sp);
void __attribute__((noreturn)) thread_unwind_user(uint32_t exit_sp, uint32_t code);
#endif
#endif
