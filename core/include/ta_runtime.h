/*
 * The user-TA runtime (core/ta/): instances of TAs loaded by the TA store,
 * running in Secure User mode, reached through the session table of
 * core/session.c like the built-in services.
 */
#ifndef TA_RUNTIME_H
#define TA_RUNTIME_H
#include <stdbool.h>
#include <stdint.h>
#include <pta.h>
#include <ta_image.h>
#include <ta_mmu.h>

/*
 * OPEN_SESSION of a UUID that no built-in service has (core/msg.c). ptypes,
 * p as for a built-in service (bounce buffers); *origin gets
 * TEE_ORIGIN_TRUSTED_APP once the TA has answered. *id: the new session.
 *
 * At most thread count - 1 loads wait on tee-supplicant at once; an open
 * that would need another load gets TEE_ERROR_BUSY at once. Why: with
 * dynamic shm the supplicant registers the buffer it loads into with a
 * yielding call (REGISTER_SHM), which needs a free thread; a call that gets
 * ETHREAD_LIMIT sleeps in Linux's driver until some other call completes,
 * and every thread waiting on the supplicant would be a deadlock. Opens
 * refused with ETHREAD_LIMIT instead of BUSY were tried: each bounced retry
 * consumes the one wake-up a completed call hands out, and 2 threads with 6
 * clients deadlocked.
 */
uint32_t ta_open_session(const uint8_t uuid[16], uint32_t login, const uint8_t client_uuid[16],
			 uint32_t ptypes, union tee_param p[TEE_NUM_PARAMS], uint32_t *id,
			 uint32_t *origin);

/* Instances in existence (loading, live, or dead with sessions left). */
unsigned int ta_instance_count(void);

/* Registers the syscall and fault handlers with thread/ (boot). */
void ta_runtime_init(void);
#endif
