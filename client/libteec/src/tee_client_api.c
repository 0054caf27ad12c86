// SPDX-License-Identifier: BSD-2-Clause
/*
 * mintee libteec: the GP TEE Client API on top of Linux's TEE ioctls
 * (include/uapi/linux/tee.h), behaving as OP-TEE's libteec (optee_client
 * 3.19 .. 4.x) does, so that it can replace libteec.so.1 under programs built
 * against either.
 *
 * Every operation carries TEEC_CONFIG_PAYLOAD_REF_COUNT ioctl parameters. A
 * memref parameter names a kernel shm object by id (c), with offset (a) and
 * size (b). Application memory reaches the kernel in one of two ways:
 *   - registered in place (TEE_IOC_SHM_REGISTER), when the driver offers
 *     TEE_GEN_CAP_REG_MEM (OP-TEE dynamic shared memory); if the kernel
 *     refuses the pages (e.g. read-only ones), a page-aligned heap copy (the
 *     shadow buffer) is registered instead;
 *   - without REG_MEM (reserved carve-out), through a TEE_IOC_SHM_ALLOC'ed
 *     block mapped into this process: the shadow buffer, copied from the
 *     application buffer before each operation and back after it.
 * Temporary memrefs are registered for the duration of one operation.
 *
 * Everything the library keeps about an object lives in the implementation
 * fields of the caller's structs, at upstream's offsets (tee_client_api.h);
 * TEEC_SharedMemory.internal.flags records what the library allocated.
 *
 * Where upstream would dereference NULL (a NULL memref parent, a NULL
 * destination UUID, a session that never opened), this library refuses with
 * TEEC_ERROR_BAD_PARAMETERS (origin API) or does nothing instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/tee.h>

#include "tee_client_api.h"
#include "tee_client_api_extensions.h"

/* /dev/tee0 .. /dev/tee9, as upstream scans them. */
#define TEE_DEV_COUNT   10
/* Overridden by the host test, which emulates the devices. */
#ifndef TEEC_DEV_PATH_FMT
#define TEEC_DEV_PATH_FMT "/dev/tee%d"
#endif

/*
 * Not in Linux's uapi header: an ioctl of Linaro's out-of-tree dma-buf
 * patches that OP-TEE's libteec has always issued for
 * TEEC_RegisterSharedMemoryFileDescriptor(). Kernels without it (6.12)
 * answer ENOTTY.
 */
struct tee_ioctl_shm_register_fd_data {
	__s64 fd;
	__u64 size;
	__u32 flags;
	__s32 id;
} __attribute__((aligned(8)));
#define TEE_IOC_SHM_REGISTER_FD _IOWR(TEE_IOC_MAGIC, TEE_IOC_BASE + 8, \
				      struct tee_ioctl_shm_register_fd_data)

/* TEEC_SharedMemory.internal.flags: what Release must free. */
#define SHM_BUFFER_ALLOCATED  0x1u /* buffer is ours (heap or mapping) */
#define SHM_SHADOW_ALLOCATED  0x2u /* shadow_buffer is ours, from the heap */

/* Size the kernel is asked for when the application asks for 0 bytes. */
#define SHM_EMPTY_SIZE 8

#define NUM_PARAMS TEEC_CONFIG_PAYLOAD_REF_COUNT

/* Result of a failed ioctl (origin COMMS), as upstream maps errno. */
static TEEC_Result errno_to_result(int err)
{
	switch (err) {
	case ENOMEM:
		return TEEC_ERROR_OUT_OF_MEMORY;
	case EINVAL:
		return TEEC_ERROR_BAD_PARAMETERS;
	default:
		return TEEC_ERROR_GENERIC;
	}
}

static void set_origin(uint32_t *origin, uint32_t value)
{
	if (origin)
		*origin = value;
}

static uint64_t ptr_to_u64(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static size_t page_size(void)
{
	long s = sysconf(_SC_PAGESIZE);

	return s > 0 ? (size_t)s : 4096;
}

/* RFC 4122 byte order: the time fields big-endian. */
static void uuid_to_octets(uint8_t out[TEE_IOCTL_UUID_LEN], const TEEC_UUID *u)
{
	out[0] = (uint8_t)(u->timeLow >> 24);
	out[1] = (uint8_t)(u->timeLow >> 16);
	out[2] = (uint8_t)(u->timeLow >> 8);
	out[3] = (uint8_t)u->timeLow;
	out[4] = (uint8_t)(u->timeMid >> 8);
	out[5] = (uint8_t)u->timeMid;
	out[6] = (uint8_t)(u->timeHiAndVersion >> 8);
	out[7] = (uint8_t)u->timeHiAndVersion;
	memcpy(out + 8, u->clockSeqAndNode, 8);
}

/* ------------------------------------------------------------ context */

/*
 * Opens path; returns its fd if it is a GP TEE matching name (NULL: any;
 * "optee-tz": OP-TEE with the TrustZone capability; nothing else matches).
 */
static int open_tee_device(const char *path, const char *name,
			   uint32_t *gen_caps)
{
	struct tee_ioctl_version_data vers;
	int fd;

	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	memset(&vers, 0, sizeof(vers));
	if (ioctl(fd, TEE_IOC_VERSION, &vers) < 0 ||
	    !(vers.gen_caps & TEE_GEN_CAP_GP))
		goto refuse;
	if (name && (strcmp(name, "optee-tz") ||
		     vers.impl_id != TEE_IMPL_ID_OPTEE ||
		     !(vers.impl_caps & TEE_OPTEE_CAP_TZ)))
		goto refuse;
	*gen_caps = vers.gen_caps;
	return fd;
refuse:
	close(fd);
	return -1;
}

TEEC_Result TEEC_InitializeContext(const char *name, TEEC_Context *context)
{
	char path[PATH_MAX];
	int n;

	if (!context)
		return TEEC_ERROR_BAD_PARAMETERS;
	for (n = 0; n < TEE_DEV_COUNT; n++) {
		uint32_t caps = 0;
		int fd;

		snprintf(path, sizeof(path), TEEC_DEV_PATH_FMT, n);
		fd = open_tee_device(path, name, &caps);
		if (fd < 0)
			continue;
		context->fd = fd;
		context->reg_mem = (caps & TEE_GEN_CAP_REG_MEM) != 0;
		context->memref_null = (caps & TEE_GEN_CAP_MEMREF_NULL) != 0;
		return TEEC_SUCCESS;
	}
	return TEEC_ERROR_ITEM_NOT_FOUND;
}

void TEEC_FinalizeContext(TEEC_Context *context)
{
	if (!context || context->fd < 0)
		return;
	close(context->fd);
	context->fd = -1;
}

/* ------------------------------------------------------- shared memory */

static bool shm_flags_ok(uint32_t flags)
{
	return flags && !(flags & ~(uint32_t)(TEEC_MEM_INPUT | TEEC_MEM_OUTPUT));
}

static bool context_ok(const TEEC_Context *ctx)
{
	return ctx && ctx->fd >= 0;
}

/* TEE_IOC_SHM_REGISTER of [buf, buf + len): the shm fd, or -1 (errno). */
static int shm_register(const TEEC_Context *ctx, void *buf, size_t len,
			int *id)
{
	struct tee_ioctl_shm_register_data data;
	int fd;

	memset(&data, 0, sizeof(data));
	data.addr = ptr_to_u64(buf);
	data.length = len;
	fd = ioctl(ctx->fd, TEE_IOC_SHM_REGISTER, &data);
	if (fd >= 0)
		*id = data.id;
	return fd;
}

/*
 * TEE_IOC_SHM_ALLOC of len bytes, mapped here; the fd is not kept (the
 * mapping holds the object). The mapping, or NULL.
 */
static void *shm_alloc_mapped(const TEEC_Context *ctx, size_t len, int *id)
{
	struct tee_ioctl_shm_alloc_data data;
	void *p;
	int fd;

	memset(&data, 0, sizeof(data));
	data.size = len;
	fd = ioctl(ctx->fd, TEE_IOC_SHM_ALLOC, &data);
	if (fd < 0)
		return NULL;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*id = data.id;
	return p;
}

static void *page_aligned_alloc(size_t len)
{
	void *p = NULL;

	if (posix_memalign(&p, page_size(), len))
		return NULL;
	return p;
}

TEEC_Result TEEC_RegisterSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem)
{
	TEEC_SharedMemory *shm = sharedMem;
	size_t len;
	int fd;

	if (!context_ok(context) || !shm || !shm_flags_ok(shm->flags) ||
	    !shm->buffer)
		return TEEC_ERROR_BAD_PARAMETERS;
	len = shm->size ? shm->size : SHM_EMPTY_SIZE;
	/* Until it succeeds, releasing the block does nothing. */
	shm->id = -1;
	shm->registered_fd = -1;
	shm->shadow_buffer = NULL;
	shm->internal.flags = 0;

	if (context->reg_mem) {
		fd = shm_register(context, shm->buffer, len, &shm->id);
		if (fd < 0) {
			/* Pages the kernel will not pin: share a copy. */
			shm->shadow_buffer = page_aligned_alloc(len);
			if (!shm->shadow_buffer)
				return TEEC_ERROR_OUT_OF_MEMORY;
			fd = shm_register(context, shm->shadow_buffer, len,
					  &shm->id);
			if (fd < 0) {
				TEEC_Result res = errno == ENOMEM ?
					TEEC_ERROR_OUT_OF_MEMORY :
					TEEC_ERROR_GENERIC;

				free(shm->shadow_buffer);
				shm->shadow_buffer = NULL;
				return res;
			}
			shm->internal.flags = SHM_SHADOW_ALLOCATED;
		}
		shm->registered_fd = fd;
	} else {
		shm->shadow_buffer = shm_alloc_mapped(context, len, &shm->id);
		if (!shm->shadow_buffer)
			return TEEC_ERROR_OUT_OF_MEMORY;
		shm->registered_fd = -1;
	}
	shm->alloced_size = len;
	return TEEC_SUCCESS;
}

TEEC_Result TEEC_RegisterSharedMemoryFileDescriptor(TEEC_Context *context,
						    TEEC_SharedMemory *sharedMem,
						    int fd)
{
	struct tee_ioctl_shm_register_fd_data data;
	int shm_fd;

	if (!context_ok(context) || !sharedMem || fd < 0 ||
	    !shm_flags_ok(sharedMem->flags))
		return TEEC_ERROR_BAD_PARAMETERS;
	memset(&data, 0, sizeof(data));
	data.fd = fd;
	shm_fd = ioctl(context->fd, TEE_IOC_SHM_REGISTER_FD, &data);
	if (shm_fd < 0)
		return TEEC_ERROR_BAD_PARAMETERS;
	sharedMem->buffer = NULL;
	sharedMem->shadow_buffer = NULL;
	sharedMem->registered_fd = shm_fd;
	sharedMem->id = data.id;
	sharedMem->size = (size_t)data.size;
	return TEEC_SUCCESS;
}

TEEC_Result TEEC_AllocateSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem)
{
	TEEC_SharedMemory *shm = sharedMem;
	size_t len;
	int fd;

	if (!context_ok(context) || !shm || !shm_flags_ok(shm->flags))
		return TEEC_ERROR_BAD_PARAMETERS;
	len = shm->size ? shm->size : SHM_EMPTY_SIZE;
	/* Until it succeeds, releasing the block does nothing. */
	shm->id = -1;
	shm->registered_fd = -1;

	if (context->reg_mem) {
		shm->buffer = page_aligned_alloc(len);
		if (!shm->buffer)
			return TEEC_ERROR_OUT_OF_MEMORY;
		/* No stale heap contents for the TEE to see. */
		memset(shm->buffer, 0, len);
		fd = shm_register(context, shm->buffer, len, &shm->id);
		if (fd < 0) {
			free(shm->buffer);
			shm->buffer = NULL;
			return TEEC_ERROR_OUT_OF_MEMORY;
		}
		shm->registered_fd = fd;
	} else {
		shm->buffer = shm_alloc_mapped(context, len, &shm->id);
		if (!shm->buffer)
			return TEEC_ERROR_OUT_OF_MEMORY;
		shm->registered_fd = -1;
	}
	shm->shadow_buffer = NULL;
	shm->alloced_size = len;
	shm->internal.flags = SHM_BUFFER_ALLOCATED;
	return TEEC_SUCCESS;
}

void TEEC_ReleaseSharedMemory(TEEC_SharedMemory *sharedMemory)
{
	TEEC_SharedMemory *shm = sharedMemory;

	if (!shm || shm->id == -1)
		return;
	/*
	 * Without a kept fd the memory is a mapping of a TEE_IOC_SHM_ALLOC
	 * block (shadow or buffer); with one, it is registered heap or
	 * application memory. Closing the last reference unregisters it.
	 */
	if (shm->registered_fd >= 0) {
		if (shm->shadow_buffer &&
		    (shm->internal.flags & SHM_SHADOW_ALLOCATED))
			free(shm->shadow_buffer);
		else if (!shm->shadow_buffer && shm->buffer &&
			 (shm->internal.flags & SHM_BUFFER_ALLOCATED))
			free(shm->buffer);
		close(shm->registered_fd);
	} else if (shm->shadow_buffer) {
		munmap(shm->shadow_buffer, shm->alloced_size);
	} else if (shm->buffer) {
		munmap(shm->buffer, shm->alloced_size);
	}
	shm->id = -1;
	shm->shadow_buffer = NULL;
	shm->buffer = NULL;
	shm->registered_fd = -1;
	shm->internal.flags = 0;
}

/* ---------------------------------------------------------- parameters */

/* ioctl memref type (5..7) for a direction; 0 for none. */
static uint64_t memref_attr(bool in, bool out)
{
	if (in && out)
		return TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT;
	if (in)
		return TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
	if (out)
		return TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT;
	return 0;
}

/* A temporary memref, registered (tmp) for the duration of the call. */
static TEEC_Result prep_tmpref(TEEC_Context *ctx, uint32_t type,
			       const TEEC_TempMemoryReference *ref,
			       struct tee_ioctl_param *p,
			       TEEC_SharedMemory *tmp)
{
	bool in = type != TEEC_MEMREF_TEMP_OUTPUT;
	bool out = type != TEEC_MEMREF_TEMP_INPUT;
	TEEC_Result res;

	p->attr = memref_attr(in, out);
	tmp->flags = (in ? TEEC_MEM_INPUT : 0) | (out ? TEEC_MEM_OUTPUT : 0);
	tmp->size = ref->size;
	if (!ref->buffer) {
		/* Only an empty one (a size query) may be NULL. */
		if (ref->size)
			return TEEC_ERROR_BAD_PARAMETERS;
		if (ctx->memref_null) {
			p->c = TEE_MEMREF_NULL;
		} else {
			res = TEEC_AllocateSharedMemory(ctx, tmp);
			if (res != TEEC_SUCCESS)
				return res;
			p->c = (uint64_t)tmp->id;
		}
	} else {
		tmp->buffer = ref->buffer;
		res = TEEC_RegisterSharedMemory(ctx, tmp);
		if (res != TEEC_SUCCESS)
			return res;
		if (tmp->shadow_buffer && ref->size)
			memcpy(tmp->shadow_buffer, ref->buffer, ref->size);
		p->c = (uint64_t)tmp->id;
	}
	p->a = 0;
	p->b = ref->size;
	return TEEC_SUCCESS;
}

static TEEC_Result prep_memref(uint32_t type,
			       const TEEC_RegisteredMemoryReference *ref,
			       struct tee_ioctl_param *p)
{
	const TEEC_SharedMemory *shm = ref->parent;
	size_t offs, size;
	bool in, out;

	/* Upstream dereferences it; refuse instead. */
	if (!shm)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (type == TEEC_MEMREF_WHOLE) {
		in = shm->flags & TEEC_MEM_INPUT;
		out = shm->flags & TEEC_MEM_OUTPUT;
		offs = 0;
		size = shm->size;
	} else {
		in = type != TEEC_MEMREF_PARTIAL_OUTPUT;
		out = type != TEEC_MEMREF_PARTIAL_INPUT;
		/* The direction must be one the block was set up for. */
		if ((in && !(shm->flags & TEEC_MEM_INPUT)) ||
		    (out && !(shm->flags & TEEC_MEM_OUTPUT)))
			return TEEC_ERROR_BAD_PARAMETERS;
		offs = ref->offset;
		size = ref->size;
		if (offs > shm->size || size > shm->size - offs)
			return TEEC_ERROR_BAD_PARAMETERS;
	}
	p->attr = memref_attr(in, out);
	if (!p->attr)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (in && shm->shadow_buffer && size)
		memcpy((uint8_t *)shm->shadow_buffer + offs,
		       (const uint8_t *)shm->buffer + offs, size);
	p->a = offs;
	p->b = size;
	p->c = (uint64_t)shm->id;
	return TEEC_SUCCESS;
}

static void release_tmp(TEEC_SharedMemory tmp[NUM_PARAMS])
{
	int n;

	for (n = 0; n < NUM_PARAMS; n++)
		TEEC_ReleaseSharedMemory(&tmp[n]);
}

/*
 * Fills params[] from op (NULL op: all NONE). On failure (origin API) the
 * temporary registrations made so far are released.
 */
static TEEC_Result prep_params(TEEC_Context *ctx, const TEEC_Operation *op,
			       struct tee_ioctl_param *params,
			       TEEC_SharedMemory tmp[NUM_PARAMS])
{
	TEEC_Result res = TEEC_SUCCESS;
	int n;

	memset(params, 0, sizeof(*params) * NUM_PARAMS);
	memset(tmp, 0, sizeof(*tmp) * NUM_PARAMS);
	for (n = 0; n < NUM_PARAMS; n++)
		tmp[n].id = -1;
	if (!op)
		return TEEC_SUCCESS;

	for (n = 0; n < NUM_PARAMS && res == TEEC_SUCCESS; n++) {
		uint32_t type = TEEC_PARAM_TYPE_GET(op->paramTypes, n);
		const TEEC_Parameter *gp = &op->params[n];
		struct tee_ioctl_param *p = &params[n];

		switch (type) {
		case TEEC_NONE:
			break;
		case TEEC_VALUE_INPUT:
		case TEEC_VALUE_OUTPUT:
		case TEEC_VALUE_INOUT:
			/* The ioctl value types 1..3 are the GP ones. */
			p->attr = type;
			p->a = gp->value.a;
			p->b = gp->value.b;
			break;
		case TEEC_MEMREF_TEMP_INPUT:
		case TEEC_MEMREF_TEMP_OUTPUT:
		case TEEC_MEMREF_TEMP_INOUT:
			res = prep_tmpref(ctx, type, &gp->tmpref, p, &tmp[n]);
			break;
		case TEEC_MEMREF_WHOLE:
		case TEEC_MEMREF_PARTIAL_INPUT:
		case TEEC_MEMREF_PARTIAL_OUTPUT:
		case TEEC_MEMREF_PARTIAL_INOUT:
			res = prep_memref(type, &gp->memref, p);
			break;
		default:
			res = TEEC_ERROR_BAD_PARAMETERS;
			break;
		}
	}
	if (res != TEEC_SUCCESS)
		release_tmp(tmp);
	return res;
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* Copies the kernel's answer back into op: values, sizes, output data. */
static void update_params(TEEC_Operation *op,
			  const struct tee_ioctl_param *params,
			  const TEEC_SharedMemory tmp[NUM_PARAMS])
{
	int n;

	if (!op)
		return;
	for (n = 0; n < NUM_PARAMS; n++) {
		uint32_t type = TEEC_PARAM_TYPE_GET(op->paramTypes, n);
		TEEC_Parameter *gp = &op->params[n];
		const struct tee_ioctl_param *p = &params[n];
		size_t size = p->b > SIZE_MAX ? SIZE_MAX : (size_t)p->b;
		TEEC_SharedMemory *shm = gp->memref.parent;

		switch (type) {
		case TEEC_VALUE_OUTPUT:
		case TEEC_VALUE_INOUT:
			gp->value.a = (uint32_t)p->a;
			gp->value.b = (uint32_t)p->b;
			break;
		case TEEC_MEMREF_TEMP_OUTPUT:
		case TEEC_MEMREF_TEMP_INOUT:
			/* Larger than the buffer: the size needed. */
			if (gp->tmpref.buffer && tmp[n].shadow_buffer)
				memcpy(gp->tmpref.buffer, tmp[n].shadow_buffer,
				       min_size(size, gp->tmpref.size));
			gp->tmpref.size = size;
			break;
		case TEEC_MEMREF_WHOLE:
			if (!(shm->flags & TEEC_MEM_OUTPUT))
				break;
			if (shm->shadow_buffer && size <= shm->size)
				memcpy(shm->buffer, shm->shadow_buffer, size);
			gp->memref.size = size;
			break;
		case TEEC_MEMREF_PARTIAL_OUTPUT:
		case TEEC_MEMREF_PARTIAL_INOUT:
			if (shm->shadow_buffer && size <= gp->memref.size)
				memcpy((uint8_t *)shm->buffer +
					       gp->memref.offset,
				       (const uint8_t *)shm->shadow_buffer +
					       gp->memref.offset,
				       size);
			gp->memref.size = size;
			break;
		default:
			break;
		}
	}
}

/* ---------------------------------------------------------- operations */

/* Size of an ioctl argument of type T followed by NUM_PARAMS parameters. */
#define ARG_SIZE(T) (sizeof(T) + NUM_PARAMS * sizeof(struct tee_ioctl_param))

/*
 * Issues an OPEN_SESSION or INVOKE ioctl whose argument arg (its parameter
 * array at params) has been filled in, then hands the results back to op.
 * *ret and *ret_origin are the TEE's answer when the ioctl itself worked.
 */
static TEEC_Result do_call(int fd, unsigned long req, void *arg, size_t len,
			   const struct tee_ioctl_param *params,
			   TEEC_Operation *op,
			   const TEEC_SharedMemory tmp[NUM_PARAMS],
			   const uint32_t *ret, const uint32_t *ret_origin,
			   uint32_t *returnOrigin)
{
	struct tee_ioctl_buf_data data = {
		.buf_ptr = ptr_to_u64(arg),
		.buf_len = len,
	};

	if (ioctl(fd, req, &data) < 0) {
		set_origin(returnOrigin, TEEC_ORIGIN_COMMS);
		return errno_to_result(errno);
	}
	update_params(op, params, tmp);
	set_origin(returnOrigin, *ret_origin);
	return *ret;
}

TEEC_Result TEEC_OpenSession(TEEC_Context *context, TEEC_Session *session,
			     const TEEC_UUID *destination,
			     uint32_t connectionMethod,
			     const void *connectionData,
			     TEEC_Operation *operation,
			     uint32_t *returnOrigin)
{
	union {
		struct tee_ioctl_open_session_arg arg;
		uint8_t bytes[ARG_SIZE(struct tee_ioctl_open_session_arg)];
	} buf;
	struct tee_ioctl_open_session_arg *arg = &buf.arg;
	TEEC_SharedMemory tmp[NUM_PARAMS];
	TEEC_Result res;

	set_origin(returnOrigin, TEEC_ORIGIN_API);
	if (!context_ok(context) || !session || !destination)
		return TEEC_ERROR_BAD_PARAMETERS;
	/* Closing a session that failed to open is then a no-op. */
	session->ctx = NULL;
	memset(&buf, 0, sizeof(buf));
	uuid_to_octets(arg->uuid, destination);
	/*
	 * The kernel decides which logins it serves. For the GROUP ones it
	 * reads the gid_t from the start of the client UUID field.
	 */
	arg->clnt_login = connectionMethod;
	if (connectionMethod == TEEC_LOGIN_GROUP ||
	    connectionMethod == TEEC_LOGIN_GROUP_APPLICATION) {
		if (!connectionData)
			return TEEC_ERROR_BAD_PARAMETERS;
		memcpy(arg->clnt_uuid, connectionData, sizeof(gid_t));
	}
	arg->num_params = NUM_PARAMS;

	res = prep_params(context, operation, arg->params, tmp);
	if (res != TEEC_SUCCESS)
		return res;
	res = do_call(context->fd, TEE_IOC_OPEN_SESSION, arg, sizeof(buf),
		      arg->params, operation, tmp, &arg->ret, &arg->ret_origin,
		      returnOrigin);
	if (res == TEEC_SUCCESS) {
		session->ctx = context;
		session->session_id = arg->session;
	}
	release_tmp(tmp);
	return res;
}

void TEEC_CloseSession(TEEC_Session *session)
{
	struct tee_ioctl_close_session_arg arg;

	if (!session || !context_ok(session->ctx))
		return;
	memset(&arg, 0, sizeof(arg));
	arg.session = session->session_id;
	ioctl(session->ctx->fd, TEE_IOC_CLOSE_SESSION, &arg);
	session->ctx = NULL;
}

TEEC_Result TEEC_InvokeCommand(TEEC_Session *session, uint32_t commandID,
			       TEEC_Operation *operation,
			       uint32_t *returnOrigin)
{
	union {
		struct tee_ioctl_invoke_arg arg;
		uint8_t bytes[ARG_SIZE(struct tee_ioctl_invoke_arg)];
	} buf;
	struct tee_ioctl_invoke_arg *arg = &buf.arg;
	TEEC_SharedMemory tmp[NUM_PARAMS];
	TEEC_Context *ctx;
	TEEC_Result res;

	set_origin(returnOrigin, TEEC_ORIGIN_API);
	if (!session || !context_ok(session->ctx))
		return TEEC_ERROR_BAD_PARAMETERS;
	ctx = session->ctx;
	memset(&buf, 0, sizeof(buf));
	arg->func = commandID;
	arg->session = session->session_id;
	arg->num_params = NUM_PARAMS;
	/* What TEEC_RequestCancellation(operation) will address. */
	if (operation)
		__atomic_store_n(&operation->session, session,
				 __ATOMIC_SEQ_CST);

	res = prep_params(ctx, operation, arg->params, tmp);
	if (res != TEEC_SUCCESS)
		return res;
	res = do_call(ctx->fd, TEE_IOC_INVOKE, arg, sizeof(buf), arg->params,
		      operation, tmp, &arg->ret, &arg->ret_origin,
		      returnOrigin);
	release_tmp(tmp);
	return res;
}

void TEEC_RequestCancellation(TEEC_Operation *operation)
{
	struct tee_ioctl_cancel_arg arg;
	TEEC_Session *session;

	if (!operation)
		return;
	session = __atomic_load_n(&operation->session, __ATOMIC_SEQ_CST);
	if (!session || !context_ok(session->ctx))
		return; /* never invoked (or its session is gone) */
	/* Calls carry cancel id 0: Linux cancels by session. */
	memset(&arg, 0, sizeof(arg));
	arg.cancel_id = 0;
	arg.session = session->session_id;
	ioctl(session->ctx->fd, TEE_IOC_CANCEL, &arg);
}
