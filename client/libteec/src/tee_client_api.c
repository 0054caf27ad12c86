// SPDX-License-Identifier: BSD-2-Clause
/*
 * mintee libteec: the GP TEE Client API on top of Linux's TEE ioctls
 * (include/uapi/linux/tee.h).
 *
 * Every operation carries TEEC_CONFIG_PAYLOAD_REF_COUNT ioctl parameters. A
 * memref parameter names a kernel shm object by id (c), with offset (a) and
 * size (b). Application memory reaches the kernel in one of two ways:
 *   - registered in place (TEE_IOC_SHM_REGISTER), when the driver offers
 *     TEE_GEN_CAP_REG_MEM (OP-TEE dynamic shared memory);
 *   - through a shadow: a TEE_IOC_SHM_ALLOC'ed block mapped into this
 *     process, copied from the application buffer before each operation and
 *     back after it (reserved shared memory carve-out, or memory the kernel
 *     refused to pin, such as read-only pages).
 * Temporary memrefs always get a fresh block from TEEC_AllocateSharedMemory
 * for the duration of the operation.
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

#define TEE_DEV_COUNT   16
/* Overridden by the host test, which emulates the devices. */
#ifndef TEEC_DEV_PATH_FMT
#define TEEC_DEV_PATH_FMT "/dev/tee%d"
#endif

/*
 * TEEC_SharedMemory.internal: a marker in the top byte (the structure was set
 * up by this library, so its fd may be closed) and what to undo on release.
 */
#define SHM_MARK        0x5e000000u
#define SHM_MARK_MASK   0xff000000u
#define SHM_BUF_MALLOC  0x1u  /* buffer is ours, from posix_memalign */
#define SHM_BUF_MMAP    0x2u  /* buffer is ours, an mmap of the shm fd */
#define SHM_SHADOW      0x4u  /* shadow_buffer is an mmap of the shm fd */

/*
 * TEEC_Operation.started: 0 = not started (set by the application), 1 = in
 * the hands of the TEE (or done). TEEC_RequestCancellation() on a not yet
 * started operation leaves this value instead, which makes the invocation
 * return TEEC_ERROR_CANCEL without reaching the TEE.
 */
#define OP_STARTED          1u
#define OP_CANCEL_REQUESTED 0xca4ce1edu

#define NUM_PARAMS TEEC_CONFIG_PAYLOAD_REF_COUNT

static uint32_t next_cancel_id = 1;

static uint32_t new_cancel_id(void)
{
	uint32_t id;

	do
		id = __atomic_fetch_add(&next_cancel_id, 1, __ATOMIC_RELAXED);
	while (!id);
	return id;
}

/* Result for a failed ioctl (origin COMMS, except for local refusals). */
static TEEC_Result errno_to_result(int err)
{
	switch (err) {
	case ENOMEM:
		return TEEC_ERROR_OUT_OF_MEMORY;
	case EPERM:
	case EACCES:
		return TEEC_ERROR_ACCESS_DENIED;
	case EBUSY:
		return TEEC_ERROR_BUSY;
	default:
		return TEEC_ERROR_COMMUNICATION;
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

/* Opens path; keeps it if it is an unprivileged OP-TEE device. */
static int open_tee_device(const char *path, TEEC_Context *ctx, int *err)
{
	struct tee_ioctl_version_data vers;
	int fd;

	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return -1;
	}
	memset(&vers, 0, sizeof(vers));
	if (ioctl(fd, TEE_IOC_VERSION, &vers) < 0 ||
	    vers.impl_id != TEE_IMPL_ID_OPTEE ||
	    (vers.gen_caps & TEE_GEN_CAP_PRIVILEGED)) {
		*err = ENODEV;
		close(fd);
		return -1;
	}
	ctx->fd = fd;
	ctx->reg_mem = (vers.gen_caps & TEE_GEN_CAP_REG_MEM) != 0;
	ctx->memref_null = (vers.gen_caps & TEE_GEN_CAP_MEMREF_NULL) != 0;
	return 0;
}

TEEC_Result TEEC_InitializeContext(const char *name, TEEC_Context *context)
{
	char path[PATH_MAX];
	int err = ENOENT;
	int seen = 0;
	int n;

	if (!context)
		return TEEC_ERROR_BAD_PARAMETERS;
	context->fd = -1;
	context->reg_mem = false;
	context->memref_null = false;

	if (name && *name) {
		if (name[0] != '/')
			return TEEC_ERROR_ITEM_NOT_FOUND;
		if (!open_tee_device(name, context, &err))
			return TEEC_SUCCESS;
		seen = err != ENOENT;
	} else {
		for (n = 0; n < TEE_DEV_COUNT; n++) {
			int e = 0;

			snprintf(path, sizeof(path), TEEC_DEV_PATH_FMT, n);
			if (!open_tee_device(path, context, &e))
				return TEEC_SUCCESS;
			if (e != ENOENT && !seen) {
				seen = 1;
				err = e;
			}
		}
	}
	if (seen && (err == EACCES || err == EPERM))
		return TEEC_ERROR_ACCESS_DENIED;
	if (seen && err == EBUSY)
		return TEEC_ERROR_BUSY;
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

static void shm_reset(TEEC_SharedMemory *shm)
{
	shm->id = -1;
	shm->fd = -1;
	shm->alloced_size = 0;
	shm->shadow_buffer = NULL;
	shm->internal = SHM_MARK;
}

static bool shm_is_ours(const TEEC_SharedMemory *shm)
{
	return (shm->internal & SHM_MARK_MASK) == SHM_MARK && shm->id >= 0;
}

/*
 * TEE_IOC_SHM_ALLOC of len bytes, mapped here. Returns the mapping (and the
 * fd, id and mapped size in shm) or NULL with errno set.
 */
static void *shm_alloc_mapped(TEEC_Context *ctx, size_t len,
			      TEEC_SharedMemory *shm)
{
	struct tee_ioctl_shm_alloc_data data;
	void *p;
	int fd;

	memset(&data, 0, sizeof(data));
	data.size = len;
	fd = ioctl(ctx->fd, TEE_IOC_SHM_ALLOC, &data);
	if (fd < 0)
		return NULL;
	if (data.size < len || data.size > SIZE_MAX) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	p = mmap(NULL, (size_t)data.size, PROT_READ | PROT_WRITE, MAP_SHARED,
		 fd, 0);
	if (p == MAP_FAILED) {
		int e = errno;

		close(fd);
		errno = e;
		return NULL;
	}
	shm->fd = fd;
	shm->id = data.id;
	shm->alloced_size = (size_t)data.size;
	return p;
}

/* TEE_IOC_SHM_REGISTER of [buf, buf + len). */
static int shm_register(TEEC_Context *ctx, void *buf, size_t len,
			TEEC_SharedMemory *shm)
{
	struct tee_ioctl_shm_register_data data;
	int fd;

	memset(&data, 0, sizeof(data));
	data.addr = ptr_to_u64(buf);
	data.length = len;
	fd = ioctl(ctx->fd, TEE_IOC_SHM_REGISTER, &data);
	if (fd < 0)
		return -1;
	shm->fd = fd;
	shm->id = data.id;
	return 0;
}

TEEC_Result TEEC_RegisterSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem)
{
	size_t len;
	void *p;

	if (!context || context->fd < 0 || !sharedMem ||
	    !shm_flags_ok(sharedMem->flags) || !sharedMem->buffer)
		return TEEC_ERROR_BAD_PARAMETERS;
	shm_reset(sharedMem);
	/* The kernel cannot share zero bytes; one keeps the id valid. */
	len = sharedMem->size ? sharedMem->size : 1;

	if (context->reg_mem) {
		if (!shm_register(context, sharedMem->buffer, len, sharedMem))
			return TEEC_SUCCESS;
		if (errno == ENOMEM)
			return TEEC_ERROR_OUT_OF_MEMORY;
		/* e.g. read-only pages: fall back to a shadow block */
	}
	p = shm_alloc_mapped(context, len, sharedMem);
	if (!p)
		return errno == ENOMEM ? TEEC_ERROR_OUT_OF_MEMORY :
					 TEEC_ERROR_COMMUNICATION;
	sharedMem->shadow_buffer = p;
	sharedMem->internal |= SHM_SHADOW;
	return TEEC_SUCCESS;
}

TEEC_Result TEEC_AllocateSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem)
{
	size_t len, psz = page_size();
	void *p;
	int err;

	if (!context || context->fd < 0 || !sharedMem ||
	    !shm_flags_ok(sharedMem->flags))
		return TEEC_ERROR_BAD_PARAMETERS;
	shm_reset(sharedMem);
	len = sharedMem->size ? sharedMem->size : 1;
	if (len > SIZE_MAX - psz)
		return TEEC_ERROR_OUT_OF_MEMORY;

	if (context->reg_mem) {
		size_t alen = (len + psz - 1) & ~(psz - 1);

		if (posix_memalign(&p, psz, alen))
			return TEEC_ERROR_OUT_OF_MEMORY;
		memset(p, 0, alen);
		if (!shm_register(context, p, len, sharedMem)) {
			sharedMem->buffer = p;
			sharedMem->alloced_size = alen;
			sharedMem->internal |= SHM_BUF_MALLOC;
			return TEEC_SUCCESS;
		}
		err = errno;
		free(p);
		if (err == ENOMEM)
			return TEEC_ERROR_OUT_OF_MEMORY;
	}
	p = shm_alloc_mapped(context, len, sharedMem);
	if (!p)
		return errno == ENOMEM ? TEEC_ERROR_OUT_OF_MEMORY :
					 TEEC_ERROR_COMMUNICATION;
	memset(p, 0, sharedMem->alloced_size);
	sharedMem->buffer = p;
	sharedMem->internal |= SHM_BUF_MMAP;
	return TEEC_SUCCESS;
}

void TEEC_ReleaseSharedMemory(TEEC_SharedMemory *sharedMemory)
{
	TEEC_SharedMemory *shm = sharedMemory;

	if (!shm || !shm_is_ours(shm))
		return;
	if (shm->internal & SHM_SHADOW)
		munmap(shm->shadow_buffer, shm->alloced_size);
	if (shm->internal & SHM_BUF_MMAP)
		munmap(shm->buffer, shm->alloced_size);
	if (shm->internal & SHM_BUF_MALLOC)
		free(shm->buffer);
	if (shm->internal & (SHM_BUF_MMAP | SHM_BUF_MALLOC)) {
		shm->buffer = NULL;
		shm->size = 0;
	}
	/* Closing the last reference unregisters it from the TEE. */
	if (shm->fd >= 0)
		close(shm->fd);
	shm_reset(shm);
	shm->internal = 0;
}

/* ---------------------------------------------------------- parameters */

/* What an operation's parameters need until the call has returned. */
struct op_state {
	TEEC_SharedMemory tmp[NUM_PARAMS]; /* temporary memrefs */
	bool has_tmp[NUM_PARAMS];
};

/* ioctl memref type (5..7) for a GP direction; 0 for none. */
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

static TEEC_Result prep_tmpref(TEEC_Context *ctx, uint32_t type,
			       TEEC_TempMemoryReference *ref,
			       struct tee_ioctl_param *p,
			       TEEC_SharedMemory *tmp, bool *has_tmp)
{
	bool in = type != TEEC_MEMREF_TEMP_OUTPUT;
	bool out = type != TEEC_MEMREF_TEMP_INPUT;
	TEEC_Result res;

	p->attr = memref_attr(in, out);
	if (!ref->buffer && ctx->memref_null) {
		/* A NULL memref, typically a size query. */
		p->a = 0;
		p->b = ref->size;
		p->c = TEE_MEMREF_NULL;
		return TEEC_SUCCESS;
	}

	memset(tmp, 0, sizeof(*tmp));
	tmp->flags = (in ? TEEC_MEM_INPUT : 0) | (out ? TEEC_MEM_OUTPUT : 0);
	/*
	 * Without NULL-memref support the TEE sees a NULL buffer as an empty
	 * one: size queries still work, and nothing can be written to it.
	 */
	tmp->size = ref->buffer ? ref->size : 0;
	res = TEEC_AllocateSharedMemory(ctx, tmp);
	if (res != TEEC_SUCCESS)
		return res;
	*has_tmp = true;
	if (in && ref->buffer && ref->size)
		memcpy(tmp->buffer, ref->buffer, ref->size);
	p->a = 0;
	p->b = tmp->size;
	p->c = (uint64_t)tmp->id;
	return TEEC_SUCCESS;
}

static TEEC_Result prep_memref(uint32_t type,
			       TEEC_RegisteredMemoryReference *ref,
			       struct tee_ioctl_param *p)
{
	TEEC_SharedMemory *shm = ref->parent;
	bool in, out;
	size_t offs, size;

	if (!shm || !shm_is_ours(shm))
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
		       (uint8_t *)shm->buffer + offs, size);
	p->a = offs;
	p->b = size;
	p->c = (uint64_t)shm->id;
	return TEEC_SUCCESS;
}

static void release_tmp(struct op_state *st)
{
	int n;

	for (n = 0; n < NUM_PARAMS; n++) {
		if (st->has_tmp[n])
			TEEC_ReleaseSharedMemory(&st->tmp[n]);
		st->has_tmp[n] = false;
	}
}

/* Fills params[] from op (NULL op: all NONE). Origin API on failure. */
static TEEC_Result prep_params(TEEC_Context *ctx, TEEC_Operation *op,
			       struct tee_ioctl_param *params,
			       struct op_state *st)
{
	TEEC_Result res = TEEC_SUCCESS;
	int n;

	memset(params, 0, sizeof(*params) * NUM_PARAMS);
	memset(st, 0, sizeof(*st));
	if (!op)
		return TEEC_SUCCESS;
	/* Nibbles above the fourth parameter must be NONE. */
	if (op->paramTypes >> (4 * NUM_PARAMS))
		return TEEC_ERROR_BAD_PARAMETERS;

	for (n = 0; n < NUM_PARAMS && res == TEEC_SUCCESS; n++) {
		uint32_t type = TEEC_PARAM_TYPE_GET(op->paramTypes, n);
		TEEC_Parameter *gp = &op->params[n];
		struct tee_ioctl_param *p = &params[n];

		switch (type) {
		case TEEC_NONE:
			break;
		case TEEC_VALUE_INPUT:
		case TEEC_VALUE_OUTPUT:
		case TEEC_VALUE_INOUT:
			/* The ioctl value types 1..3 are the GP ones. */
			p->attr = type;
			if (type != TEEC_VALUE_OUTPUT) {
				p->a = gp->value.a;
				p->b = gp->value.b;
			}
			break;
		case TEEC_MEMREF_TEMP_INPUT:
		case TEEC_MEMREF_TEMP_OUTPUT:
		case TEEC_MEMREF_TEMP_INOUT:
			res = prep_tmpref(ctx, type, &gp->tmpref, p,
					  &st->tmp[n], &st->has_tmp[n]);
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
		release_tmp(st);
	return res;
}

/* Copies the kernel's answer back into op: values, sizes, output data. */
static void update_params(TEEC_Operation *op,
			  const struct tee_ioctl_param *params,
			  struct op_state *st)
{
	int n;

	if (!op)
		return;
	for (n = 0; n < NUM_PARAMS; n++) {
		uint32_t type = TEEC_PARAM_TYPE_GET(op->paramTypes, n);
		TEEC_Parameter *gp = &op->params[n];
		const struct tee_ioctl_param *p = &params[n];
		TEEC_SharedMemory *shm;
		size_t size = p->b > SIZE_MAX ? SIZE_MAX : (size_t)p->b;

		switch (type) {
		case TEEC_VALUE_OUTPUT:
		case TEEC_VALUE_INOUT:
			gp->value.a = (uint32_t)p->a;
			gp->value.b = (uint32_t)p->b;
			break;
		case TEEC_MEMREF_TEMP_OUTPUT:
		case TEEC_MEMREF_TEMP_INOUT:
			/* Larger than the buffer: required size, no data. */
			if (gp->tmpref.buffer && st->has_tmp[n] &&
			    size <= gp->tmpref.size && size)
				memcpy(gp->tmpref.buffer, st->tmp[n].buffer,
				       size);
			gp->tmpref.size = size;
			break;
		case TEEC_MEMREF_WHOLE:
			shm = gp->memref.parent;
			if (!(shm->flags & TEEC_MEM_OUTPUT))
				break;
			if (shm->shadow_buffer && size <= shm->size && size)
				memcpy(shm->buffer, shm->shadow_buffer, size);
			gp->memref.size = size;
			break;
		case TEEC_MEMREF_PARTIAL_OUTPUT:
		case TEEC_MEMREF_PARTIAL_INOUT:
			shm = gp->memref.parent;
			if (shm->shadow_buffer && size <= gp->memref.size &&
			    size)
				memcpy((uint8_t *)shm->buffer +
					       gp->memref.offset,
				       (uint8_t *)shm->shadow_buffer +
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

/*
 * Marks op as started on (fd, session, cancel_id). False if a cancellation
 * was requested before it started.
 */
static bool op_start(TEEC_Operation *op, TEEC_Session *session, int fd,
		     uint32_t session_id, uint32_t cancel_id)
{
	uint32_t expected = 0;

	if (!op)
		return true;
	op->session = session;
	op->imp_fd = fd;
	op->imp_session = session_id;
	op->imp_cancel_id = cancel_id;
	if (__atomic_compare_exchange_n(&op->started, &expected, OP_STARTED,
					false, __ATOMIC_SEQ_CST,
					__ATOMIC_SEQ_CST))
		return true;
	if (expected == OP_CANCEL_REQUESTED)
		return false;
	/* Not reset by the application: run it, still cancellable. */
	__atomic_store_n(&op->started, OP_STARTED, __ATOMIC_SEQ_CST);
	return true;
}

/* Size of an ioctl argument of type T followed by NUM_PARAMS parameters. */
#define ARG_SIZE(T) (sizeof(T) + NUM_PARAMS * sizeof(struct tee_ioctl_param))

/*
 * Issues an OPEN_SESSION or INVOKE ioctl whose argument arg (the parameter
 * array at params) has been filled in, then hands the results back to op.
 * *ret and *ret_origin are the TEE's answer when the ioctl itself worked.
 */
static TEEC_Result do_call(int fd, unsigned long req, void *arg, size_t len,
			   struct tee_ioctl_param *params, TEEC_Operation *op,
			   struct op_state *st, const uint32_t *ret,
			   const uint32_t *ret_origin, uint32_t *returnOrigin)
{
	struct tee_ioctl_buf_data data = {
		.buf_ptr = ptr_to_u64(arg),
		.buf_len = len,
	};
	TEEC_Result res;

	if (ioctl(fd, req, &data) < 0) {
		res = errno_to_result(errno);
		set_origin(returnOrigin, TEEC_ORIGIN_COMMS);
		return res;
	}
	update_params(op, params, st);
	res = *ret;
	if (res == TEEC_SUCCESS)
		set_origin(returnOrigin, TEEC_ORIGIN_TRUSTED_APP);
	else
		set_origin(returnOrigin,
			   *ret_origin ? *ret_origin : TEEC_ORIGIN_COMMS);
	return res;
}

TEEC_Result TEEC_OpenSession(TEEC_Context *context, TEEC_Session *session,
			     const TEEC_UUID *destination,
			     uint32_t connectionMethod,
			     const void *connectionData,
			     TEEC_Operation *operation,
			     uint32_t *returnOrigin)
{
	const size_t len = ARG_SIZE(struct tee_ioctl_open_session_arg);
	struct tee_ioctl_open_session_arg *arg;
	struct op_state st;
	TEEC_Result res;

	set_origin(returnOrigin, TEEC_ORIGIN_API);
	if (!context || context->fd < 0 || !session || !destination)
		return TEEC_ERROR_BAD_PARAMETERS;
	/* Closing a session that failed to open is then a no-op. */
	session->ctx = NULL;
	switch (connectionMethod) {
	case TEEC_LOGIN_PUBLIC:
	case TEEC_LOGIN_USER:
		if (connectionData)
			return TEEC_ERROR_BAD_PARAMETERS;
		break;
	case TEEC_LOGIN_GROUP:
		if (!connectionData)
			return TEEC_ERROR_BAD_PARAMETERS;
		break;
	case TEEC_LOGIN_APPLICATION:
	case TEEC_LOGIN_USER_APPLICATION:
	case TEEC_LOGIN_GROUP_APPLICATION:
		/* Linux computes no identity for these. */
		return TEEC_ERROR_NOT_SUPPORTED;
	default:
		return TEEC_ERROR_BAD_PARAMETERS;
	}

	arg = calloc(1, len);
	if (!arg)
		return TEEC_ERROR_OUT_OF_MEMORY;
	res = prep_params(context, operation, arg->params, &st);
	if (res != TEEC_SUCCESS)
		goto out;

	uuid_to_octets(arg->uuid, destination);
	/* For GROUP the kernel reads the gid_t from the client UUID field. */
	if (connectionMethod == TEEC_LOGIN_GROUP)
		memcpy(arg->clnt_uuid, connectionData, sizeof(gid_t));
	arg->clnt_login = connectionMethod;
	arg->cancel_id = new_cancel_id();
	arg->num_params = NUM_PARAMS;

	/* No session id yet: Linux cannot cancel a session being opened. */
	if (!op_start(operation, NULL, context->fd, 0, arg->cancel_id)) {
		res = TEEC_ERROR_CANCEL;
	} else {
		res = do_call(context->fd, TEE_IOC_OPEN_SESSION, arg, len,
			      arg->params, operation, &st, &arg->ret,
			      &arg->ret_origin, returnOrigin);
		if (res == TEEC_SUCCESS) {
			session->ctx = context;
			session->session_id = arg->session;
		}
	}
	release_tmp(&st);
out:
	free(arg);
	return res;
}

void TEEC_CloseSession(TEEC_Session *session)
{
	struct tee_ioctl_close_session_arg arg;

	if (!session || !session->ctx || session->ctx->fd < 0)
		return;
	arg.session = session->session_id;
	ioctl(session->ctx->fd, TEE_IOC_CLOSE_SESSION, &arg);
	session->ctx = NULL;
}

TEEC_Result TEEC_InvokeCommand(TEEC_Session *session, uint32_t commandID,
			       TEEC_Operation *operation,
			       uint32_t *returnOrigin)
{
	const size_t len = ARG_SIZE(struct tee_ioctl_invoke_arg);
	struct tee_ioctl_invoke_arg *arg;
	struct op_state st;
	TEEC_Context *ctx;
	TEEC_Result res;

	set_origin(returnOrigin, TEEC_ORIGIN_API);
	if (!session || !session->ctx || session->ctx->fd < 0)
		return TEEC_ERROR_BAD_PARAMETERS;
	ctx = session->ctx;

	arg = calloc(1, len);
	if (!arg)
		return TEEC_ERROR_OUT_OF_MEMORY;
	res = prep_params(ctx, operation, arg->params, &st);
	if (res != TEEC_SUCCESS)
		goto out;

	arg->func = commandID;
	arg->session = session->session_id;
	arg->cancel_id = new_cancel_id();
	arg->num_params = NUM_PARAMS;

	if (!op_start(operation, session, ctx->fd, session->session_id,
		      arg->cancel_id))
		res = TEEC_ERROR_CANCEL;
	else
		res = do_call(ctx->fd, TEE_IOC_INVOKE, arg, len, arg->params,
			      operation, &st, &arg->ret, &arg->ret_origin,
			      returnOrigin);
	release_tmp(&st);
out:
	free(arg);
	return res;
}

void TEEC_RequestCancellation(TEEC_Operation *operation)
{
	struct tee_ioctl_cancel_arg arg;
	uint32_t expected = 0;

	if (!operation)
		return;
	if (__atomic_compare_exchange_n(&operation->started, &expected,
					OP_CANCEL_REQUESTED, false,
					__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return; /* not started: it will not be */
	if (expected != OP_STARTED)
		return;
	/* Linux finds the call by session and cancel id. */
	if (!operation->session || operation->imp_fd < 0)
		return; /* an opening session: nothing Linux can address */
	arg.cancel_id = operation->imp_cancel_id;
	arg.session = operation->imp_session;
	ioctl(operation->imp_fd, TEE_IOC_CANCEL, &arg);
}
