// SPDX-License-Identifier: BSD-2-Clause
/*
 * tee-supplicant: OPTEE_RPC_CMD_LOAD_TA (ta-abi.md A.3, A.4). The file is
 * <SUPP_TA_DIR>/<uuid>.ta, the UUID printed lower-case with dashes; if that
 * cannot be opened, the legacy name without the fourth dash is tried, as
 * upstream does. The image is written into the APPL buffer the secure world
 * allocated through this supplicant (SHM_ALLOC), mapped for the copy only.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tee_client_api.h"
#include "ta_load.h"

/* Opens the TA file for the 16 UUID octets; -1 if there is none. */
static int open_ta(const uint8_t u[16], char *path, size_t len)
{
	int fd;

	snprintf(path, len,
		 "%s/%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x.ta",
		 SUPP_TA_DIR, u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10],
		 u[11], u[12], u[13], u[14], u[15]);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	/* Legacy name: no dash between clock_seq and node. */
	snprintf(path, len,
		 "%s/%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x%02x%02x.ta",
		 SUPP_TA_DIR, u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10],
		 u[11], u[12], u[13], u[14], u[15]);
	return open(path, O_RDONLY | O_CLOEXEC);
}

static int read_all(int fd, uint8_t *dst, size_t len)
{
	while (len) {
		ssize_t n = read(fd, dst, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		dst += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Copies the file into bytes [offs, offs + size) of shm object fd. */
static uint32_t copy_into(int ta_fd, int shm_fd, uint64_t shm_size, uint64_t offs,
			  uint64_t file_size)
{
	uint8_t *map = mmap(NULL, shm_size, PROT_READ | PROT_WRITE, MAP_SHARED, shm_fd, 0);
	uint32_t res = TEEC_SUCCESS;

	if (map == MAP_FAILED)
		return TEEC_ERROR_OUT_OF_MEMORY;
	if (read_all(ta_fd, map + offs, file_size))
		res = TEEC_ERROR_GENERIC;
	munmap(map, shm_size);
	return res;
}

uint32_t supp_load_ta(uint32_t num_params, struct tee_ioctl_param *p)
{
	uint64_t type1 = num_params == 2 ? p[1].attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK : 0;
	uint64_t shm_size = 0, offs, size;
	uint8_t uuid[16];
	char path[256];
	struct stat st;
	int ta_fd, shm_fd;
	uint32_t res;

	if (num_params != 2 ||
	    (p[0].attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK) != TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT ||
	    (type1 != TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT &&
	     type1 != TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT))
		return TEEC_ERROR_BAD_PARAMETERS;
	memcpy(uuid, &p[0].a, 8);	/* the octets, in order, in value.a then value.b */
	memcpy(uuid + 8, &p[0].b, 8);
	offs = p[1].a;
	size = p[1].b;
	shm_fd = supp_shm_lookup((int64_t)p[1].c, &shm_size);
	if (shm_fd >= 0 && (offs > shm_size || size > shm_size - offs))
		return TEEC_ERROR_BAD_PARAMETERS;
	ta_fd = open_ta(uuid, path, sizeof(path));
	if (ta_fd < 0)
		return TEEC_ERROR_ITEM_NOT_FOUND;
	if (fstat(ta_fd, &st) || !S_ISREG(st.st_mode)) {
		close(ta_fd);
		return TEEC_ERROR_ITEM_NOT_FOUND;
	}
	if (shm_fd < 0) {		/* no buffer of ours: a size query */
		p[1].b = (uint64_t)st.st_size;
		res = TEEC_SUCCESS;
	} else if (size < (uint64_t)st.st_size) {
		p[1].b = (uint64_t)st.st_size;
		res = TEEC_ERROR_SHORT_BUFFER;
	} else {
		res = copy_into(ta_fd, shm_fd, shm_size, offs, (uint64_t)st.st_size);
		if (res == TEEC_SUCCESS)
			p[1].b = (uint64_t)st.st_size;
	}
	close(ta_fd);
	return res;
}
