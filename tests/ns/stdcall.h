/* Payload "stdcall": yielding calls driven the way Linux's OP-TEE driver
 * drives them (optee-abi.md §1.6, §2, §6). Shared by stdcall*.c.
 *
 * Memory: every arg struct, contiguous (tmem) buffer and RPC ALLOC answer
 * comes from the "pool": the reserved carve-out (GET_SHM_CONFIG) in reserved
 * mode, a page-aligned bss area in dynamic mode. Registered (page-list)
 * buffers use bss pages in both modes. The NS MMU is off: PA == VA. */
#ifndef NS_STDCALL_H
#define NS_STDCALL_H

#include "ns.h"
#include "optee_smc.h"
#include "optee_msg.h"

#define SC_PAGE                 4096u
#define SC_RESERVED_SIZE        0x200000u
#define SC_POOL_SIZE            0x40000u    /* what we use of the pool */

/* Pool layout (offsets). */
#define SC_ARG_OFF              0x00000u    /* arg slots */
#define SC_ARG_SLOTS            16u
#define SC_ARG_SLOT_SIZE        512u
#define SC_RPCBUF_OFF           0x10000u    /* RPC ALLOC answers, one page each */
#define SC_RPCBUF_SLOTS         16u
#define SC_DATA_OFF             0x20000u    /* tmem buffers */
#define SC_DATA_SIZE            0x20000u

/* Registered-shm pages (bss, both modes). */
#define SC_NPAGES               12u

#define SC_SECURE_PA            0x0e000000u
#define SC_BAD_RET              0xdeadbeefu /* ret preset: "not written" */


extern const uint8_t sc_uuid_devenum[16], sc_uuid_rng[16], sc_uuid_hello[16], sc_uuid_test[16], sc_uuid_tk[16];

extern bool sc_reserved;        /* firmware runs the reserved carve-out */
extern uint32_t sc_pool_base;   /* PA of the pool */
extern uint32_t sc_thread_count;
extern uint8_t sc_pages[SC_NPAGES][SC_PAGE];
extern uint64_t sc_lists[2][SC_PAGE / 8];

void sc_init(void);
static inline uint32_t sc_pool_pa(uint32_t off) { return sc_pool_base + off; }
static inline void *sc_pool_ptr(uint32_t off) { return (void *)(sc_pool_base + off); }
static inline uint32_t sc_data_pa(uint32_t off) { return sc_pool_pa(SC_DATA_OFF + off); }
static inline uint8_t *sc_data(uint32_t off) { return sc_pool_ptr(SC_DATA_OFF + off); }

/* A zeroed arg in slot (0..SC_ARG_SLOTS-1) with cmd and num_params set and
 * ret/ret_origin preset to SC_BAD_RET. */
struct optee_msg_arg *sc_arg(unsigned slot, uint32_t cmd, uint32_t num_params);
static inline uint32_t sc_pa(const void *p) { return (uint32_t)p; }

static inline void sc_value(struct optee_msg_param *p, uint64_t attr, uint64_t a, uint64_t b, uint64_t c)
{
	p->attr = attr;
	p->u.value.a = a;
	p->u.value.b = b;
	p->u.value.c = c;
}

static inline void sc_mem(struct optee_msg_param *p, uint64_t attr, uint64_t ptr, uint64_t size, uint64_t ref)
{
	p->attr = attr;
	p->u.tmem.buf_ptr = ptr;    /* = rmem.offs */
	p->u.tmem.size = size;
	p->u.tmem.shm_ref = ref;
}

/* ---- RPC handling ------------------------------------------------------ */

enum sc_alloc_answer { SC_ALLOC_OK, SC_ALLOC_NULL, SC_ALLOC_SECURE };

struct sc_rpc {
	/* configuration (zero = defaults) */
	enum sc_alloc_answer alloc_answer;
	uint32_t max_rpcs;              /* 0: 64 */
	void (*on_foreign)(struct sc_rpc *rpc);
	uint32_t cmd_ret;               /* ret written into the served GET_TIME */
	uint32_t rpc_struct_pa;         /* RPC_ARG calls: CMD uses the struct here (a1:a2 are not a cookie) */
	/* what happened */
	uint32_t n_alloc, n_cmd, n_free, n_foreign, n_other, n_total;
	char order[24];                 /* A C F I ? per RPC, in order */
	uint32_t alloc_size;
	uint32_t thread;                /* a3 of the first RPC */
	uint32_t a4, a5;                /* stale like Linux: kept between resumes */
	uint32_t cmd_a1, cmd_a2;        /* a1, a2 of the last CMD */
	uint32_t cmd_seen[3];           /* last CMD's struct as the firmware left it: cmd, num_params, p0 attr */
	char err[120];                  /* first protocol problem, "" if none */
	uint32_t user;                  /* free for the on_foreign hook */
};

#define SC_TIME_S  1234u
#define SC_TIME_NS 5678u

/* Serves RPC CMDs before the defaults (GET_TIME; LOAD_TA answered
 * ITEM_NOT_FOUND, as a supplicant without TAs): true if it answered. */
extern bool (*sc_cmd_hook)(struct optee_msg_arg *a);
#ifndef OPTEE_RPC_CMD_LOAD_TA
#define OPTEE_RPC_CMD_LOAD_TA 0u
#endif

/* Issue CALL_WITH_ARG for arg (r = all 8 registers afterwards, optional:
 * a4..a7 of the call are taken from *r if r is given with r->r[0] == 0). */
uint32_t sc_start(const struct optee_msg_arg *arg, struct smc_regs *r);
/* Serve the RPC in *r and keep resuming until a final a0 (returned). */
uint32_t sc_continue(struct smc_regs *r, struct sc_rpc *rpc);
/* Serve the RPC in *r and resume once (no-op if *r is final); new a0. */
uint32_t sc_step(struct smc_regs *r, struct sc_rpc *rpc);
/* sc_start + sc_continue. rpc may be NULL (default handler; problems are
 * reported through sc_last_err). Snapshots *arg first for sc_wb_check(). */
uint32_t sc_call(struct optee_msg_arg *arg, struct sc_rpc *rpc);
/* The same for any yielding function: fid with a1..a3 (a4..a7 = 0); arg is
 * the struct it refers to (snapshot for sc_wb_check()). */
uint32_t sc_call_fn(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3, struct optee_msg_arg *arg,
		    struct sc_rpc *rpc);
extern char sc_last_err[120];
/* Number of RPC buffers still handed out (ALLOC without FREE). */
unsigned sc_rpcbufs_in_use(void);

/* After sc_call(arg): true if only what may change did (ret, ret_origin,
 * session for OPEN, output values a/b, output memref sizes). why gets the
 * first difference. */
bool sc_wb_check(const struct optee_msg_arg *arg, char *why, size_t len);

/* ---- sessions ---------------------------------------------------------- */

/* OPEN_SESSION (PUBLIC login) in slot; returns ret (or 0xa0000000|a0 if a0
 * was not OK); *session = the new id. */
uint32_t sc_open(unsigned slot, const uint8_t uuid[16], uint32_t *session);
uint32_t sc_close(unsigned slot, uint32_t session);

/* ---- registered shm ---------------------------------------------------- */

/* REGISTER_SHM of a page list (list at list PA, offset in first page) */
uint32_t sc_register(unsigned slot, uint64_t cookie, uint32_t list_pa, uint32_t offset, uint32_t size);
uint32_t sc_unregister(unsigned slot, uint64_t cookie);

/* ---- case helpers ------------------------------------------------------ */

#define SC_ORIGIN_TEE 3u
#define SC_ORIGIN_TA  4u
#define SC_ANY        0xffffffffu

/* One case on a call finished by sc_call(): a0 OK, ret/origin as wanted
 * (SC_ANY = don't care), nothing changed that may not (sc_wb_check), no RPC
 * protocol problem, and extra == NULL (else it is the failure detail). */
bool sc_expect_call(const char *id, const char *what, uint32_t a0, const struct optee_msg_arg *a,
		    uint32_t ret, uint32_t origin, const char *extra);
/* INVOKE_COMMAND arg in slot 0. */
struct optee_msg_arg *sc_invoke_arg(uint32_t session, uint32_t func, uint32_t n);
extern char sc_detail[160];
#define SC_DETAIL(...) (ns_snprintf(sc_detail, sizeof(sc_detail), __VA_ARGS__), sc_detail)
/* Forget every RPC buffer still handed out; returns how many there were. */
unsigned sc_rpcbufs_drop(void);
uint32_t sc_test_session(void);

/* case groups */
void sc_rpc_cases(void);
void sc_thread_cases(void);
void sc_foreign_intr_cases(void);
void sc_smp_cases(void);
void sc_stats_case(void);
void sc_rpcarg_cases(void);     /* stdcall_rpcarg.c */
void sc_tk_cases(void);         /* stdcall_tk.c */
void sc_tk_close(void);
bool sc_tk_roundtrip(unsigned slot, unsigned cpu, uint32_t i, uint32_t *a0, uint32_t *ret);
void sc_odd_cases(void);        /* stdcall_odd.c */
void sc_limit_cases(void);      /* stdcall_odd.c */

#endif
