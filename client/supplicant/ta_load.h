/* LOAD_TA for tee-supplicant (ta_load.c). */
#ifndef SUPP_TA_LOAD_H
#define SUPP_TA_LOAD_H
#include <stdint.h>
#include <linux/tee.h>

/* Where TAs are looked for: <dir>/<uuid>.ta (upstream's default). */
#ifndef SUPP_TA_DIR
#define SUPP_TA_DIR "/lib/optee_armtz"
#endif

/* Provided by tee_supplicant.c: the fd and size of one of this context's
 * shm objects (from an APPL SHM_ALLOC), by kernel shm id; -1 if unknown. */
int supp_shm_lookup(int64_t id, uint64_t *size);

/*
 * OPTEE_RPC_CMD_LOAD_TA with upstream tee-supplicant's semantics: p0 VALUE
 * with the UUID octets, p1 MEMREF_OUTPUT. Unknown/null buffer: SUCCESS with
 * the file size in p1 (size query); too small: SHORT_BUFFER with the size;
 * no file: ITEM_NOT_FOUND; malformed params: BAD_PARAMETERS.
 */
uint32_t supp_load_ta(uint32_t num_params, struct tee_ioctl_param *p);
#endif
