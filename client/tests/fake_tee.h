/*
 * An emulated Linux TEE driver for host tests of libteec and tee-supplicant.
 * The program is linked with --wrap=ioctl --wrap=close: TEE ioctls on the
 * emulated device files are answered here, with the checks the 6.12 TEE core
 * makes (tee_core.c), and a small secure side behind them:
 *   hello-world (cmd 0 a+1, cmd 1 a-1), the mintee test service (cmd 0 no-op,
 *   1 echo, 2 sum, 4 wait for cancellation, 5 stats), everything else
 *   ITEM_NOT_FOUND.
 */
#ifndef FAKE_TEE_H
#define FAKE_TEE_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include <linux/tee.h>

#define FAKE_MAX_SUPP_REQS 8

struct fake_supp_req {
	uint32_t func;
	uint32_t num_params;
	struct tee_ioctl_param params[4];
	/* filled in from TEE_IOC_SUPPL_SEND */
	bool answered;
	uint32_t ret;
	uint32_t sent_num_params;
	struct tee_ioctl_param answer[4];
};

struct fake_tee {
	/* configuration */
	bool reg_mem;          /* TEE_GEN_CAP_REG_MEM */
	bool memref_null;      /* TEE_GEN_CAP_MEMREF_NULL */
	bool other_gp;         /* tee0 (not OP-TEE) reports TEE_GEN_CAP_GP */
	int fail_errno;        /* next OPEN/INVOKE ioctl fails with this */
	/* observations */
	unsigned int sessions; /* open */
	unsigned int shm;      /* live shm objects (fd open or mapped) */
	unsigned int registered; /* of which TEE_IOC_SHM_REGISTER'ed */
	unsigned int invokes;  /* TEE_IOC_INVOKE calls that reached the TEE */
	unsigned int cancels;  /* TEE_IOC_CANCEL calls */
	uint8_t last_uuid[16];
	uint8_t last_clnt_uuid[16];
	uint32_t last_login;
	uint64_t last_attr[4]; /* attrs of the last INVOKE */
	uint64_t last_c[4];
	/* supplicant emulation: scripted requests for TEE_IOC_SUPPL_RECV */
	struct fake_supp_req supp[FAKE_MAX_SUPP_REQS];
	unsigned int supp_count, supp_next;
	unsigned int supp_recv_offered; /* num_params of the last RECV */
	bool supp_recv_meta;            /* a META param was offered */
	/* called before request i is handed out (may edit it) */
	void (*supp_before)(unsigned int i, struct fake_supp_req *r);
};

extern struct fake_tee fake;

/*
 * Creates the device files under dir: tee0 (not OP-TEE; a GP TEE only with
 * fake.other_gp), tee1 (OP-TEE), teepriv0 (OP-TEE, privileged). Returns 0 or
 * -1. The program is also linked with --wrap=mmap --wrap=munmap: a client's
 * mapping keeps an object alive after its fd is closed, as in Linux.
 */
int fake_tee_setup(const char *dir);

/* Which device fd is: 0 tee0, 1 tee1, 2 teepriv0, -1 none of them. */
int fake_dev_index(int fd);

/* Forgets all state but the configuration and the device files. */
void fake_tee_reset(void);

/* Data of a live shm object, for checks. NULL when there is none. */
void *fake_shm_data(int id, size_t *size);

#endif /* FAKE_TEE_H */
