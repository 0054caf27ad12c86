/* A well-behaved tee-supplicant for NS payloads: serves OPTEE_RPC_CMD_LOAD_TA
 * (size query, APPL SHM_ALLOC, load, SHM_FREE) from signed images linked
 * into the payload (ta_serve_images.S, tests/ns/ns.mk), through stdcall_lib's
 * sc_cmd_hook. tests/ns/taload.c has its own server that misbehaves on
 * purpose. */
#ifndef NS_TA_SERVE_H
#define NS_TA_SERVE_H
#include "stdcall.h"

/* Starts serving (sets sc_cmd_hook). */
void ta_serve_init(void);
/* OPTEE_RPC_CMD_SUSPEND: sleeps ms in the normal world (counter), counts,
 * then calls ta_serve_on_suspend if set. */
extern unsigned ta_serve_suspends;
extern void (*ta_serve_on_suspend)(uint32_t ms);
/* LOAD_TA requests served so far, and problems seen ("" if none). */
extern unsigned ta_serve_loads;
extern char ta_serve_err[120];
#endif
