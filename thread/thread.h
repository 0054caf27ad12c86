/* Trusted OS entry points as the monitor sees them. */
#ifndef THREAD_H
#define THREAD_H

#include <optee_smc.h>

/* smc from the secure world to the monitor: OP-TEE's "optee dispatcher"
 * return codes, r1-r4 = a0-a3 for the normal world. */
#define TEESMC_OPTEED_RETURN_ENTRY_DONE 0xBE000000u
#define TEESMC_OPTEED_RETURN_CALL_DONE  0xBE000005u

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>

/* a0-a7 of an SMC: the arguments on entry, the results (a0-a3) on exit. */
struct thread_smc_args {
	uint32_t a0, a1, a2, a3, a4, a5, a6, a7;
};

typedef void (*thread_smc_handler_t)(struct thread_smc_args *args);
typedef uint32_t (*thread_pm_handler_t)(uint32_t a0, uint32_t a1);

/*
 * The nine entries, in OP-TEE's order. std_smc is entered by exception return
 * into Secure SVC with r0-r7 = a0-a7 (thread_std_smc_entry, thread_a32.S);
 * every other entry is a C function called by the monitor in Monitor mode.
 */
struct thread_vector_table {
	void (*std_smc)(void);
	thread_smc_handler_t fast_smc;
	thread_pm_handler_t cpu_on;
	thread_pm_handler_t cpu_off;
	thread_pm_handler_t cpu_resume;
	thread_pm_handler_t cpu_suspend;
	thread_smc_handler_t fiq;
	thread_pm_handler_t system_off;
	thread_pm_handler_t system_reset;
};

extern const struct thread_vector_table thread_vector_table;

/* Number of secure threads (GET_THREAD_COUNT); fixed once CPUs are known. */
void thread_init(unsigned int ncpus);
unsigned int thread_get_count(void);

void thread_handle_fast_smc(struct thread_smc_args *args);
void thread_handle_std_smc(struct thread_smc_args *args);
void thread_std_smc_entry(void);

/*
 * The message layer, registered by the core at boot: thread/ reaches it only
 * through this pointer (the layers point down). arg_pa is NS memory checked
 * to be usable for room bytes (at least the header); with rpc_arg an RPC arg
 * struct for THREAD_RPC_MAX_NUM_PARAMS params follows it. Returns the SMC a0.
 * Until one is registered every call gets EBADCMD.
 */
typedef uint32_t (*thread_std_call_handler_t)(uint64_t arg_pa, uint64_t room, bool rpc_arg);
void thread_set_std_call_handler(thread_std_call_handler_t handler);

/* Log an unknown function id, once per id. */
void thread_log_unknown_fid(const char *where, uint32_t fid);


/* What EXCHANGE_CAPABILITIES reports (entry_std.c). */
uint32_t thread_sec_caps(void);
uint32_t thread_rpc_param_count(void);
unsigned int thread_std_fn_count(void);

#endif /* __ASSEMBLY__ */
#endif
