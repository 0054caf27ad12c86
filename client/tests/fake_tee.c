// SPDX-License-Identifier: BSD-2-Clause
/* Emulated TEE driver and secure side for host tests: see fake_tee.h. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fake_tee.h"
#include "tee_client_api.h"

int __real_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...);
int __real_close(int fd);
void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int __real_munmap(void *addr, size_t len);
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int __wrap_munmap(void *addr, size_t len);
int __wrap_close(int fd);

struct fake_tee fake;

enum dev_kind { DEV_NONE, DEV_OTHER, DEV_CLIENT, DEV_PRIV };

static struct {
	dev_t dev;
	ino_t ino;
	enum dev_kind kind;
} devices[3];

#define MAX_SHM      256
#define MAX_SESSIONS 64
#define PAGE         4096u

static struct shm_obj {
	bool live;
	bool registered;
	int id;
	int fd;
	void *data;
	size_t size;
	bool ours;   /* data is our own mapping */
	void *client_map; /* the client's mmap of fd: keeps the object alive */
	size_t client_len;
} shms[MAX_SHM];
static int next_shm_id = 1;

static struct session {
	bool live;
	uint32_t id;
	int service;
} sessions[MAX_SESSIONS];
static uint32_t next_session_id = 0x100;

enum { SVC_HELLO = 1, SVC_TEST };

static const uint8_t uuid_hello[16] = {
	0x8a, 0xaa, 0xf2, 0x00, 0x24, 0x50, 0x11, 0xe4,
	0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b };
static const uint8_t uuid_test[16] = {
	0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
	0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0xa2 };

/* Cancellation of the busy command. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cancel_cond = PTHREAD_COND_INITIALIZER;
static uint32_t cancel_session, cancel_id;
static bool cancel_seen;

int fake_tee_setup(const char *dir)
{
	static const char *const names[] = { "tee0", "tee1", "teepriv0" };
	static const enum dev_kind kinds[] = { DEV_OTHER, DEV_CLIENT, DEV_PRIV };
	char path[512];
	struct stat st;
	int n, fd;

	mkdir(dir, 0755);
	for (n = 0; n < 3; n++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[n]);
		fd = open(path, O_RDWR | O_CREAT, 0644);
		if (fd < 0 || fstat(fd, &st)) {
			perror(path);
			return -1;
		}
		__real_close(fd);
		devices[n].dev = st.st_dev;
		devices[n].ino = st.st_ino;
		devices[n].kind = kinds[n];
	}
	return 0;
}

void fake_tee_reset(void)
{
	int n;

	for (n = 0; n < MAX_SHM; n++)
		if (shms[n].live && shms[n].ours)
			__real_munmap(shms[n].data, shms[n].size);
	memset(shms, 0, sizeof(shms));
	memset(sessions, 0, sizeof(sessions));
	fake.sessions = fake.shm = fake.registered = 0;
	fake.invokes = fake.cancels = 0;
	fake.fail_errno = 0;
	fake.supp_count = fake.supp_next = 0;
	fake.supp_before = NULL;
	memset(fake.supp, 0, sizeof(fake.supp));
}

static enum dev_kind dev_of(int fd)
{
	struct stat st;
	int n;

	if (fstat(fd, &st))
		return DEV_NONE;
	for (n = 0; n < 3; n++)
		if (devices[n].kind && devices[n].dev == st.st_dev &&
		    devices[n].ino == st.st_ino)
			return devices[n].kind;
	return DEV_NONE;
}

int fake_dev_index(int fd)
{
	enum dev_kind k = dev_of(fd);

	return k == DEV_OTHER ? 0 : k == DEV_CLIENT ? 1 : k == DEV_PRIV ? 2 : -1;
}

static struct shm_obj *shm_by_id(int64_t id)
{
	int n;

	for (n = 0; n < MAX_SHM; n++)
		if (shms[n].live && shms[n].id == id)
			return &shms[n];
	return NULL;
}

static struct shm_obj *shm_new(void)
{
	int n;

	for (n = 0; n < MAX_SHM; n++)
		if (!shms[n].live) {
			memset(&shms[n], 0, sizeof(shms[n]));
			shms[n].live = true;
			shms[n].id = next_shm_id++;
			return &shms[n];
		}
	return NULL;
}

void *fake_shm_data(int id, size_t *size)
{
	struct shm_obj *s = shm_by_id(id);

	if (!s)
		return NULL;
	if (size)
		*size = s->size;
	return s->data;
}

/* As in Linux, an object lives while its fd is open or the client maps it. */
static void shm_put(struct shm_obj *s)
{
	if (s->fd >= 0 || s->client_map)
		return;
	if (s->ours)
		__real_munmap(s->data, s->size);
	if (s->registered)
		fake.registered--;
	s->live = false;
	fake.shm--;
}

int __wrap_close(int fd)
{
	int n;

	pthread_mutex_lock(&lock);
	for (n = 0; n < MAX_SHM; n++) {
		if (shms[n].live && shms[n].fd == fd) {
			shms[n].fd = -1;
			shm_put(&shms[n]);
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return __real_close(fd);
}

void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	void *p = __real_mmap(addr, len, prot, flags, fd, off);
	int n;

	if (p == MAP_FAILED || fd < 0)
		return p;
	pthread_mutex_lock(&lock);
	for (n = 0; n < MAX_SHM; n++) {
		if (shms[n].live && shms[n].fd == fd) {
			shms[n].client_map = p;
			shms[n].client_len = len;
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return p;
}

int __wrap_munmap(void *addr, size_t len)
{
	int n;

	pthread_mutex_lock(&lock);
	for (n = 0; n < MAX_SHM; n++) {
		if (shms[n].live && shms[n].client_map == addr) {
			shms[n].client_map = NULL;
			shm_put(&shms[n]);
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return __real_munmap(addr, len);
}

static int fail(int err)
{
	errno = err;
	return -1;
}

static int do_shm_alloc(struct tee_ioctl_shm_alloc_data *d)
{
	struct shm_obj *s;
	size_t size;
	int fd;

	if (d->flags || !d->size || d->size > 64u << 20)
		return fail(EINVAL);
	size = ((size_t)d->size + PAGE - 1) & ~(size_t)(PAGE - 1);
	s = shm_new();
	if (!s)
		return fail(ENOMEM);
	fd = memfd_create("fake_tee_shm", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, (off_t)size)) {
		s->live = false;
		return fail(ENOMEM);
	}
	s->data = __real_mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (s->data == MAP_FAILED) {
		__real_close(fd);
		s->live = false;
		return fail(ENOMEM);
	}
	s->ours = true;
	s->fd = fd;
	s->size = size;
	fake.shm++;
	d->id = s->id;
	d->size = size;
	return fd;
}

static int do_shm_register(struct tee_ioctl_shm_register_data *d)
{
	struct shm_obj *s;
	int fd;

	if (d->flags || !d->length || !d->addr)
		return fail(EINVAL);
	s = shm_new();
	if (!s)
		return fail(ENOMEM);
	fd = memfd_create("fake_tee_reg", MFD_CLOEXEC);
	if (fd < 0) {
		s->live = false;
		return fail(ENOMEM);
	}
	s->fd = fd;
	s->data = (void *)(uintptr_t)d->addr;
	s->size = (size_t)d->length;
	s->registered = true;
	fake.shm++;
	fake.registered++;
	d->id = s->id;
	return fd;
}

/* A parameter as the secure side sees it. */
struct rparam {
	uint32_t type;
	uint64_t a, b, c;
	uint8_t *ptr;   /* memrefs: data, NULL for a NULL memref */
	size_t size;
};

/* params_from_user(): the TEE core's checks. */
static int resolve(const struct tee_ioctl_param *up, uint32_t num,
		   struct rparam *rp)
{
	uint32_t n;

	for (n = 0; n < num; n++) {
		const struct tee_ioctl_param *p = &up[n];
		struct shm_obj *s;

		memset(&rp[n], 0, sizeof(rp[n]));
		if (p->attr & ~(uint64_t)TEE_IOCTL_PARAM_ATTR_MASK)
			return fail(EINVAL);
		rp[n].type = (uint32_t)(p->attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK);
		switch (rp[n].type) {
		case TEE_IOCTL_PARAM_ATTR_TYPE_NONE:
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT:
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT:
			rp[n].a = p->a;
			rp[n].b = p->b;
			rp[n].c = p->c;
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT:
			if (p->c == TEE_MEMREF_NULL) {
				if (!fake.memref_null)
					return fail(EINVAL);
				rp[n].ptr = NULL;
			} else {
				s = shm_by_id((int64_t)p->c);
				if (!s)
					return fail(EINVAL);
				if (p->a + p->b < p->a || p->a + p->b > s->size)
					return fail(EINVAL);
				rp[n].ptr = (uint8_t *)s->data + p->a;
			}
			rp[n].size = (size_t)p->b;
			break;
		default:
			return fail(EINVAL);
		}
	}
	return 0;
}

/* params_to_user(). */
static void write_back(struct tee_ioctl_param *up, uint32_t num,
		       const struct rparam *rp)
{
	uint32_t n;

	for (n = 0; n < num; n++) {
		switch (rp[n].type) {
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT:
			up[n].a = rp[n].a;
			up[n].b = rp[n].b;
			up[n].c = rp[n].c;
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT:
			up[n].b = rp[n].size;
			break;
		default:
			break;
		}
	}
}

static bool is_mem_in(uint32_t t)
{
	return t == TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT ||
	       t == TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT;
}

static bool is_mem_out(uint32_t t)
{
	return t == TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT ||
	       t == TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT;
}

/* The secure side. Returns a TEE result; origin in *origin. */
static uint32_t secure_invoke(struct session *s, uint32_t func,
			      uint32_t cid, struct rparam *p, uint32_t num,
			      uint32_t *origin)
{
	*origin = TEEC_ORIGIN_TRUSTED_APP;
	if (num < 4)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (s->service == SVC_HELLO) {
		if (func > 1 || p[0].type != TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT)
			return TEEC_ERROR_BAD_PARAMETERS;
		p[0].a = (uint32_t)(func ? p[0].a - 1 : p[0].a + 1);
		return TEEC_SUCCESS;
	}
	switch (func) {
	case 0:
		return TEEC_SUCCESS;
	case 1: {
		size_t n = p[0].size;

		if (!is_mem_in(p[0].type) || !is_mem_out(p[1].type))
			return TEEC_ERROR_BAD_PARAMETERS;
		if (!p[1].ptr || p[1].size < n) {
			p[1].size = n;
			return TEEC_ERROR_SHORT_BUFFER;
		}
		if (n && p[0].ptr)
			memmove(p[1].ptr, p[0].ptr, n);
		p[1].size = n;
		return TEEC_SUCCESS;
	}
	case 2:
		if (p[0].type != TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT ||
		    p[1].type != TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT ||
		    p[2].type != TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT)
			return TEEC_ERROR_BAD_PARAMETERS;
		p[2].a = (uint32_t)(p[0].a + p[0].b + p[1].a + p[1].b);
		p[2].b = p[2].c = 0;
		return TEEC_SUCCESS;
	case 4: {
		struct timespec ts;
		uint32_t res = TEEC_SUCCESS;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 5;
		pthread_mutex_lock(&lock);
		while (!(cancel_seen && cancel_session == s->id &&
			 cancel_id == cid)) {
			if (pthread_cond_timedwait(&cancel_cond, &lock, &ts))
				break;
		}
		if (cancel_seen && cancel_session == s->id && cancel_id == cid)
			res = TEEC_ERROR_CANCEL;
		cancel_seen = false;
		pthread_mutex_unlock(&lock);
		return res;
	}
	case 5:
		if (p[0].type != TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT ||
		    p[1].type != TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT)
			return TEEC_ERROR_BAD_PARAMETERS;
		p[0].a = fake.sessions;
		p[0].b = fake.registered;
		p[1].a = 1;
		return TEEC_SUCCESS;
	default:
		return TEEC_ERROR_NOT_SUPPORTED;
	}
}

static int check_buf(const struct tee_ioctl_buf_data *b, size_t hdr,
		     uint32_t num)
{
	if (b->buf_len > TEE_MAX_ARG_SIZE || b->buf_len < hdr ||
	    hdr + (uint64_t)num * sizeof(struct tee_ioctl_param) != b->buf_len)
		return fail(EINVAL);
	return 0;
}

static int do_open(struct tee_ioctl_buf_data *b)
{
	struct tee_ioctl_open_session_arg *arg = (void *)(uintptr_t)b->buf_ptr;
	struct rparam rp[8];
	struct session *s = NULL;
	uint32_t gid;
	int n, service = 0;

	if (b->buf_len < sizeof(*arg) || check_buf(b, sizeof(*arg), arg->num_params))
		return fail(EINVAL);
	if (arg->num_params > 4)
		return fail(EINVAL);
	if (fake.fail_errno) {
		int e = fake.fail_errno;

		fake.fail_errno = 0;
		return fail(e);
	}
	if (resolve(arg->params, arg->num_params, rp))
		return -1;
	if (arg->clnt_login >= TEE_IOCTL_LOGIN_REE_KERNEL_MIN &&
	    arg->clnt_login <= TEE_IOCTL_LOGIN_REE_KERNEL_MAX)
		return fail(EPERM);
	switch (arg->clnt_login) {
	case TEE_IOCTL_LOGIN_PUBLIC:
	case TEE_IOCTL_LOGIN_USER:
		break;
	case TEE_IOCTL_LOGIN_GROUP:
		memcpy(&gid, arg->clnt_uuid, sizeof(gid));
		if (gid != (uint32_t)getegid())
			return fail(EPERM);
		break;
	default:
		return fail(EINVAL);
	}
	memcpy(fake.last_uuid, arg->uuid, 16);
	memcpy(fake.last_clnt_uuid, arg->clnt_uuid, 16);
	fake.last_login = arg->clnt_login;
	if (!memcmp(arg->uuid, uuid_hello, 16))
		service = SVC_HELLO;
	else if (!memcmp(arg->uuid, uuid_test, 16))
		service = SVC_TEST;
	if (!service) {
		arg->ret = TEEC_ERROR_ITEM_NOT_FOUND;
		arg->ret_origin = TEEC_ORIGIN_TEE;
		return 0;
	}
	for (n = 0; n < MAX_SESSIONS; n++)
		if (!sessions[n].live) {
			s = &sessions[n];
			break;
		}
	if (!s) {
		arg->ret = TEEC_ERROR_OUT_OF_MEMORY;
		arg->ret_origin = TEEC_ORIGIN_TEE;
		return 0;
	}
	s->live = true;
	s->id = next_session_id++;
	s->service = service;
	fake.sessions++;
	write_back(arg->params, arg->num_params, rp);
	arg->session = s->id;
	arg->ret = TEEC_SUCCESS;
	arg->ret_origin = TEEC_ORIGIN_TRUSTED_APP;
	return 0;
}

static struct session *session_by_id(uint32_t id)
{
	int n;

	for (n = 0; n < MAX_SESSIONS; n++)
		if (sessions[n].live && sessions[n].id == id)
			return &sessions[n];
	return NULL;
}

static int do_invoke(struct tee_ioctl_buf_data *b)
{
	struct tee_ioctl_invoke_arg *arg = (void *)(uintptr_t)b->buf_ptr;
	struct rparam rp[8];
	struct session *s;
	uint32_t n, origin;

	if (b->buf_len < sizeof(*arg) || check_buf(b, sizeof(*arg), arg->num_params))
		return fail(EINVAL);
	if (arg->num_params > 6)
		return fail(EINVAL);
	if (fake.fail_errno) {
		int e = fake.fail_errno;

		fake.fail_errno = 0;
		return fail(e);
	}
	if (resolve(arg->params, arg->num_params, rp))
		return -1;
	for (n = 0; n < 4 && n < arg->num_params; n++) {
		fake.last_attr[n] = arg->params[n].attr;
		fake.last_c[n] = arg->params[n].c;
	}
	pthread_mutex_lock(&lock);
	s = session_by_id(arg->session);
	pthread_mutex_unlock(&lock);
	if (!s)
		return fail(EINVAL);
	__atomic_fetch_add(&fake.invokes, 1, __ATOMIC_SEQ_CST);
	arg->ret = secure_invoke(s, arg->func, arg->cancel_id, rp,
				 arg->num_params, &origin);
	arg->ret_origin = origin;
	write_back(arg->params, arg->num_params, rp);
	return 0;
}

static int do_close_session(struct tee_ioctl_close_session_arg *a)
{
	struct session *s = session_by_id(a->session);

	if (!s)
		return fail(EINVAL);
	s->live = false;
	fake.sessions--;
	return 0;
}

static int do_cancel(struct tee_ioctl_cancel_arg *a)
{
	pthread_mutex_lock(&lock);
	fake.cancels++;
	if (!session_by_id(a->session)) {
		pthread_mutex_unlock(&lock);
		return fail(EINVAL);
	}
	cancel_session = a->session;
	cancel_id = a->cancel_id;
	cancel_seen = true;
	pthread_cond_broadcast(&cancel_cond);
	pthread_mutex_unlock(&lock);
	return 0;
}

/* TEE_IOC_SUPPL_RECV: hand out the next scripted request. */
static int do_supp_recv(struct tee_ioctl_buf_data *b)
{
	struct tee_iocl_supp_recv_arg *arg = (void *)(uintptr_t)b->buf_ptr;
	struct fake_supp_req *r;
	uint32_t n, offered;

	if (b->buf_len > TEE_MAX_ARG_SIZE || b->buf_len < sizeof(*arg))
		return fail(EINVAL);
	offered = arg->num_params;
	if (check_buf(b, sizeof(*arg), offered) || !offered)
		return fail(EINVAL);
	for (n = 0; n < offered; n++)
		if (arg->params[n].attr &&
		    arg->params[n].attr != TEE_IOCTL_PARAM_ATTR_META)
			return fail(EINVAL);
	fake.supp_recv_offered = offered;
	fake.supp_recv_meta = arg->params[0].attr == TEE_IOCTL_PARAM_ATTR_META;
	if (fake.supp_next >= fake.supp_count) {
		/* Script done: stop the supplicant as a signal would. */
		raise(SIGTERM);
		return fail(EINTR);
	}
	r = &fake.supp[fake.supp_next];
	if (fake.supp_before)
		fake.supp_before(fake.supp_next, r);
	if (offered < r->num_params)
		return fail(EINVAL);
	arg->func = r->func;
	arg->num_params = r->num_params;
	memcpy(arg->params, r->params, r->num_params * sizeof(r->params[0]));
	return 0;
}

static int do_supp_send(struct tee_ioctl_buf_data *b)
{
	struct tee_iocl_supp_send_arg *arg = (void *)(uintptr_t)b->buf_ptr;
	struct fake_supp_req *r;

	if (b->buf_len > TEE_MAX_ARG_SIZE || b->buf_len < sizeof(*arg))
		return fail(EINVAL);
	if (sizeof(*arg) + (uint64_t)arg->num_params *
				   sizeof(struct tee_ioctl_param) > b->buf_len)
		return fail(EINVAL);
	if (fake.supp_next >= fake.supp_count)
		return fail(ENOENT);
	r = &fake.supp[fake.supp_next];
	if (arg->num_params != r->num_params)
		return fail(EINVAL);
	r->answered = true;
	r->ret = arg->ret;
	r->sent_num_params = arg->num_params;
	memcpy(r->answer, arg->params,
	       arg->num_params * sizeof(arg->params[0]));
	fake.supp_next++;
	return 0;
}

int __wrap_ioctl(int fd, unsigned long req, ...)
{
	enum dev_kind kind = dev_of(fd);
	va_list ap;
	void *argp;

	va_start(ap, req);
	argp = va_arg(ap, void *);
	va_end(ap);
	if (kind == DEV_NONE)
		return __real_ioctl(fd, req, argp);

	if (req == TEE_IOC_VERSION) {
		struct tee_ioctl_version_data *v = argp;

		memset(v, 0, sizeof(*v));
		v->impl_id = kind == DEV_OTHER ? TEE_IMPL_ID_AMDTEE :
						 TEE_IMPL_ID_OPTEE;
		v->impl_caps = TEE_OPTEE_CAP_TZ;
		v->gen_caps = kind != DEV_OTHER || fake.other_gp ?
			TEE_GEN_CAP_GP : 0;
		if (fake.reg_mem)
			v->gen_caps |= TEE_GEN_CAP_REG_MEM;
		if (fake.memref_null)
			v->gen_caps |= TEE_GEN_CAP_MEMREF_NULL;
		if (kind == DEV_PRIV)
			v->gen_caps |= TEE_GEN_CAP_PRIVILEGED;
		return 0;
	}
	if (kind == DEV_OTHER)
		return fail(EINVAL);
	switch (req) {
	case TEE_IOC_SHM_ALLOC:
		return do_shm_alloc(argp);
	case TEE_IOC_SHM_REGISTER:
		if (!fake.reg_mem)
			return fail(EINVAL); /* the secure side refuses */
		return do_shm_register(argp);
	case TEE_IOC_OPEN_SESSION:
		return kind == DEV_CLIENT ? do_open(argp) : fail(EINVAL);
	case TEE_IOC_INVOKE:
		return kind == DEV_CLIENT ? do_invoke(argp) : fail(EINVAL);
	case TEE_IOC_CLOSE_SESSION:
		return do_close_session(argp);
	case TEE_IOC_CANCEL:
		return do_cancel(argp);
	case TEE_IOC_SUPPL_RECV:
		return kind == DEV_PRIV ? do_supp_recv(argp) : fail(EINVAL);
	case TEE_IOC_SUPPL_SEND:
		return kind == DEV_PRIV ? do_supp_send(argp) : fail(EINVAL);
	default:
		return fail(EINVAL);
	}
}
