/* mintee normal-world test payload runtime.
 *
 * A payload is a flat binary linked at 0x42000000 (lib/ns.ld), entered by the
 * firmware like a Linux kernel: NS SVC, IRQ/FIQ masked, MMU off, r0 = 0,
 * r1 = 0xffffffff, r2 = DTB. lib/crt0.S records that state, sets up stacks
 * and vectors and calls main() (lib/harness.c), which parses the DTB, runs
 * the payload's ns_payload_run(), checks that the firmware still answers and
 * exits QEMU through semihosting. */
#ifndef NS_H
#define NS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ns_layout.h"

/* ---- SMC helpers (lib/smc.S) ------------------------------------------ */

struct smc_regs {
	uint32_t r[8];          /* r0 = function id, r1..r7 = a1..a7 */
};

/* Issue one smc #0 with r0-r7 from *r; store r0-r7 back into *r. */
void smc_call(struct smc_regs *r);

/* Convenience: smc with r0..r3, r4..r7 = 0; result in *out (may be NULL). */
uint32_t smc4(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, struct smc_regs *out);

/* The registers an smc must not change (offsets: BANK_* in ns_layout.h). */
struct ns_bank {
	uint32_t r4_r12[9];
	uint32_t usr_sp, usr_lr;
	uint32_t svc_sp, svc_lr, svc_spsr;
	uint32_t abt_sp, abt_lr, abt_spsr;
	uint32_t und_sp, und_lr, und_spsr;
	uint32_t irq_sp, irq_lr, irq_spsr;
	uint32_t fiq_sp, fiq_lr, fiq_spsr;
	uint32_t fiq_r8_r12[5];
	uint32_t cpsr;
};

struct ns_regs_probe {
	uint32_t args[4];       /* in: r0..r3 for the smc */
	uint32_t res[4];        /* out: r0..r3 after it */
	struct ns_bank set;     /* in: loaded into the registers before the smc */
	struct ns_bank got;     /* out: read back after it */
	uint32_t cpsr_before;   /* out */
	uint32_t saved_sp;      /* scratch for the routine */
	uint32_t saved_tpidrurw;
	uint32_t saved_tpidrprw;
};

/* Load every register of p->set, issue smc #0 with r0..r3 = p->args, dump
 * everything into p->res / p->got. ns_regs_probe_nop does the same with a
 * nop in place of the smc (self-test of the routine). */
void ns_regs_probe_smc(struct ns_regs_probe *p);
void ns_regs_probe_nop(struct ns_regs_probe *p);

/* Fill p->set with distinct patterns derived from seed. */
void ns_regs_fill(struct ns_regs_probe *p, uint32_t seed);
/* Name of the bank word at index i (0..BANK_WORDS-1). */
const char *ns_bank_name(unsigned i);

/* ---- exceptions (lib/vectors.S, lib/harness.c) ------------------------ */

struct ns_exc_frame {
	uint32_t spsr;
	uint32_t pad;
	uint32_t r[13];
	uint32_t pc;
};

struct ns_fault {
	uint32_t resume_pc;     /* 0: skip the faulting instruction */
	volatile uint32_t expect;  /* 1: the next abort/undef is expected */
	volatile uint32_t taken;   /* set by the handler */
	uint32_t type;          /* NS_EXC_* */
	uint32_t fsr;           /* DFSR or IFSR (0 for undef) */
	uint32_t far;           /* DFAR or IFAR (0 for undef) */
	uint32_t pc;            /* address of the faulting instruction */
};
extern struct ns_fault ns_fault;

/* Arm the handler for one expected fault (clears the record). */
void ns_expect_fault(void);
/* Disarm; returns true if a fault was taken since ns_expect_fault(). */
bool ns_fault_taken(void);

/* C part of the exception vectors; may change frame->pc and frame->r[]. */
void ns_exception(uint32_t type, struct ns_exc_frame *frame);

/* Branch to addr (expecting a prefetch abort); returns when the handler
 * resumes at the instruction after the branch. */
void ns_exec_at(uint32_t addr);

/* ---- entry state (lib/crt0.S) ----------------------------------------- */

struct ns_entry_state {
	uint32_t r0, r1, r2, cpsr, sctlr;
};
extern struct ns_entry_state ns_entry;

/* ---- console, exit ---------------------------------------------------- */

void ns_putc(char c);
void ns_puts(const char *s);
/* printf subset: %% %c %s %d %i %u %x %p, flags '0' '-', a width; 'l' is
 * accepted and ignored. Integers are 32-bit (uint32_t is 'long' in this
 * toolchain, so no format attribute: GCC would want %lx everywhere). */
int ns_printf(const char *fmt, ...);
int ns_vprintf(const char *fmt, va_list ap);
int ns_snprintf(char *buf, size_t size, const char *fmt, ...);
int ns_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Semihosting SYS_EXIT with r1 = reason (lib/semihost.S). Never returns. */
void ns_semihost_exit(uint32_t reason) __attribute__((noreturn));
void ns_exit_ok(void) __attribute__((noreturn));
void ns_exit_error(const char *why) __attribute__((noreturn));

/* ---- CP15 ------------------------------------------------------------- */

static inline uint32_t ns_read_cpsr(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}

static inline uint32_t ns_read_sctlr(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(v));
	return v;
}

/* ---- device tree (lib/fdt.c) ------------------------------------------ */

#define FDT_MAGIC 0xd00dfeedu

uint32_t fdt_be32(const void *p);
/* True if blob starts with a plausible FDT header. */
bool fdt_valid(const void *blob);
/* Property of the node at path ("/chosen", "/memory": a path component
 * matches a node name with or without its @unit-address). */
const void *fdt_getprop(const void *blob, const char *path, const char *prop, uint32_t *len);
/* Number of direct children of path whose name starts with prefix. */
int fdt_count_children(const void *blob, const char *path, const char *prefix);

/* ---- what the payload learned at boot (lib/harness.c) ----------------- */

enum ns_shm_mode { NS_SHM_UNKNOWN = 0, NS_SHM_DYNAMIC, NS_SHM_RESERVED };

struct ns_info {
	const void *dtb;        /* NULL if r2 held no valid DTB */
	int cpus;               /* cpu@ nodes under /cpus, 0 if unknown */
	uint32_t ram_base;      /* first /memory reg range */
	uint32_t ram_end;       /* exclusive; 0 if unknown */
	const char *bootargs;   /* /chosen/bootargs or "" */
	enum ns_shm_mode expected_shm;  /* from bootargs "ns.shm=" */
};
extern struct ns_info ns_info;

const char *ns_shm_mode_name(enum ns_shm_mode m);
/* The mode the firmware reports through EXCHANGE_CAPABILITIES. */
enum ns_shm_mode ns_firmware_shm_mode(void);
/* The mode the mode-dependent cases check: expected if known, else reported. */
enum ns_shm_mode ns_shm_mode(void);

/* ---- test harness (lib/harness.c) ------------------------------------- */

/* Each payload provides these. */
extern const char ns_payload_name[];   /* also the group of its closing case */
void ns_payload_run(void);
/* Default true: after ns_payload_run(), case ns.<payload>.still_serving
 * checks CALLS_UID once more. A payload may define it false (bench). */
extern bool ns_payload_wants_closing_check;

void ns_pass(const char *id, const char *what);
void ns_fail(const char *id, const char *what, const char *fmt, ...);
/* One case: ok → PASS, else FAIL with the formatted detail. */
bool ns_case(const char *id, const char *what, bool ok, const char *fmt, ...);
/* got == exp → PASS, else FAIL (got 0x..., expected 0x...). */
bool ns_expect_eq(const char *id, const char *what, uint32_t got, uint32_t exp);
/* Compare r->r[i] to exp[i] for every bit i set in mask (0..7), after
 * and-ing with and_mask[i] if and_mask is not NULL. */
bool ns_expect_regs(const char *id, const char *what, const struct smc_regs *r,
		    const uint32_t *exp, unsigned mask, const uint32_t *and_mask);
/* Compare a probe: res[i] vs exp_res[i] for bits in res_mask, every bank
 * word (set vs got) and the CPSR before vs after. */
bool ns_expect_probe(const char *id, const char *what, const struct ns_regs_probe *p,
		     const uint32_t *exp_res, unsigned res_mask);

/* ---- small libc ------------------------------------------------------- */

void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#define NS_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
