/* OPTEE_RPC_CMD_FS for tee-supplicant (fs.c). */
#ifndef SUPP_FS_H
#define SUPP_FS_H
#include <stdint.h>
#include <linux/tee.h>

/* upstream optee_client's default since 4.4 (CFG_TEE_FS_PARENT_PATH) */
#ifndef SUPP_FS_PARENT_PATH
#define SUPP_FS_PARENT_PATH "/var/lib/tee"
#endif

/* The FS root (--fs-parent-path); before the first request. */
void supp_fs_set_root(const char *path);

/*
 * OPTEE_RPC_CMD_FS with upstream tee-supplicant's parameter layouts and
 * answers (ta-abi.md G.1): p0.a is the sub-op. Names are relative to the
 * root; names with a ".." component are refused (BAD_PARAMETERS), which
 * upstream does not do, and so are handles this file did not hand out.
 */
uint32_t supp_fs(uint32_t num_params, struct tee_ioctl_param *p);
#endif
