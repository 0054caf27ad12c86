/* Payload "fuzz": a seeded stream of hostile SMCs and message mutations
 * against the real firmware (issue 9). Shared by fuzz*.c.
 *
 * Determinism: input i is decoded from its own PRNG, seeded with
 * (seed, i), so "seed S, input i" names the same input whatever ran before;
 * a fault is reproduced by re-running the stream with tracing from the last
 * progress mark (tests/fuzz/run_ns.sh does it).
 *
 * NS memory (MMU off, PA == VA) the fuzzer writes to:
 *   FZ_PG       playground, 4 MiB at 0x48000000: page lists, registered
 *               pages, tmem buffers, args (dynamic mode)
 *   carve-out   last 2 MiB of NS RAM: health page, RPC buffers, args and
 *               tmem buffers (reserved mode needs them there)
 *   FZ_CANARY   16 KiB no input ever names: must never change
 * Every NS-RAM address an input carries is steered into the playground or
 * the carve-out (fz_steer), so a legitimate write never hits the payload's
 * own image, stacks or the canary. */
#ifndef NS_FUZZ_H
#define NS_FUZZ_H

#include "ns.h"
#include "optee_smc.h"
#include "optee_msg.h"

#define FZ_PAGE          4096u
#define FZ_PG            0x48000000u
#define FZ_PG_SIZE       0x00400000u
#define FZ_PG_ARGS       0x00000000u   /* args: first 1 MiB */
#define FZ_PG_BUFS       0x00100000u   /* tmem buffers, page-list targets */
#define FZ_PG_LISTS      0x00300000u   /* page lists: last 1 MiB */
#define FZ_CANARY        0x48800000u
#define FZ_CANARY_SIZE   0x4000u
#define FZ_CO_SIZE       0x00200000u
#define FZ_CO_HEALTH     0x00000000u   /* health-check args */
#define FZ_CO_RPC        0x00010000u   /* RPC buffers, one page per thread */
#define FZ_CO_ARGS       0x00040000u
#define FZ_CO_BUFS       0x00100000u
#define FZ_SECURE_LO     0x0e000000u
#define FZ_SECURE_HI     0x0f000000u
#define FZ_MAX_PARAMS    8u
#define FZ_MAX_PENDING   16u

/* Cookies: REGISTER_SHM uses two small pools, so the health check can
 * unregister everything; lookups also use arbitrary values. */
#define FZ_COOKIE_POOL   0x1000u       /* + 0..15: rmem/UNREGISTER targets */
#define FZ_COOKIE_REGD   0x2000u       /* + 0..3: CALL_WITH_REGD_ARG's own */

enum fz_kind {
	FZ_FAST,        /* fast SMC, any owner, random arguments */
	FZ_YIELD,       /* yielding SMC with raw registers */
	FZ_MSG,         /* a message through CALL_WITH_ARG / RPC_ARG / REGD_ARG */
	FZ_RESUME,      /* RETURN_FROM_RPC: right, wrong or made-up thread ids */
	FZ_KINDS
};

enum fz_via { FZ_VIA_ARG, FZ_VIA_RPC_ARG, FZ_VIA_REGD };

/* A page list as REGISTER_SHM or a NONCONTIG tmem names it. */
struct fz_list {
	uint32_t list_pa;       /* where the list is built (0: not built) */
	uint32_t npages;        /* entries written */
	uint32_t bad_entry;     /* index of a hostile entry, or ~0 */
	uint32_t bad_value;     /* its value */
	uint32_t chain_bad;     /* 1: the chain pointer is hostile */
};

struct fz_input {
	uint32_t index;
	enum fz_kind kind;
	uint32_t r[8];          /* FZ_FAST/FZ_YIELD/FZ_RESUME: the registers */
	/* FZ_MSG */
	enum fz_via via;
	uint32_t arg_pa;        /* ARG/RPC_ARG: where the struct goes */
	uint64_t arg_pa64;      /* what a1:a2 says (may differ: high word) */
	uint32_t regd_offset;   /* REGD: registration offset in its first page */
	uint32_t regd_size;
	uint32_t regd_a3;       /* offset of the arg in the buffer */
	uint32_t regd_cookie;
	bool regd_keep;         /* leave the registration behind */
	struct optee_msg_arg hdr;
	struct optee_msg_param p[FZ_MAX_PARAMS];
	struct fz_list lists[FZ_MAX_PARAMS];
	uint32_t svc;           /* OPEN: the service opened; INVOKE/CLOSE with
				 * session 0: the service whose open session to
				 * use (FZ_ANY_SVC: any); index into the UUIDs */
	uint32_t rpc_seed;      /* drives the RPC answers of this input */
};
#define FZ_ANY_SVC 0xffu

/* ---- fuzz_gen.c ---------------------------------------------------- */

struct fz_rng { uint64_t s; };
uint32_t fz_rand(struct fz_rng *g);
uint32_t fz_below(struct fz_rng *g, uint32_t n);
static inline bool fz_chance(struct fz_rng *g, uint32_t percent) { return fz_below(g, 100) < percent; }
void fz_rng_seed(struct fz_rng *g, uint64_t seed, uint32_t index);

extern uint32_t fz_co;          /* carve-out base */
extern uint32_t fz_ram_base, fz_ram_end;
extern bool fz_reserved;

/* An address into NS RAM steered away from what may not be written. */
uint32_t fz_steer(uint32_t pa);
uint32_t fz_hostile_addr(struct fz_rng *g);
uint32_t fz_value(struct fz_rng *g);
bool fz_is_secure(uint32_t v);

void fz_generate(struct fz_input *in, uint64_t seed, uint32_t index, uint32_t sessions_hint);
void fz_describe(const struct fz_input *in);
extern const char *const fz_svc_names[];

/* ---- fuzz_exec.c --------------------------------------------------- */

/* Run one input; returns false (with fz_why set) if an oracle failed. */
bool fz_execute(struct fz_input *in);
/* CALL_WITH_ARG with every RPC answered as a supplicant without TAs would. */
uint32_t fz_call_served(uint32_t arg_pa);
/* Resume every thread left in an RPC; false if one never finishes. */
bool fz_drain(void);
/* Close the sessions the inputs opened, unregister the pool cookies. */
void fz_cleanup(void);
uint32_t fz_session_pick(struct fz_rng *g, uint32_t svc);
void fz_session_note(uint32_t id, uint32_t svc);
extern char fz_why[160];
extern uint32_t fz_thread_count;
struct fz_stats { uint32_t smcs, rpcs, left_pending, resumed, yielding_final[9]; };  /* final a0: 0..7, [8] UNKNOWN_FUNCTION */
extern struct fz_stats fz_stats;

#endif
