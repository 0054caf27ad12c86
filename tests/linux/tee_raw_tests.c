// SPDX-License-Identifier: BSD-2-Clause
/*
 * tee_raw_tests: mintee's services through the raw TEE ioctls of
 * <linux/tee.h> (no libteec), run inside Linux on the real firmware.
 *
 *   tee_raw_tests [-l] [-S] [-n ITERATIONS] [CASE...]
 *     -l             list the cases and exit
 *     -S             no summary line (when a runner prints its own)
 *     -n ITERATIONS  open/invoke/close rounds per CPU in linux.raw.smp
 *                    (default 200)
 *     CASE           run only these (names without the linux.raw. prefix)
 *
 * Output: one line per case,
 *   PASS linux.raw.<name>: <what>[ (<detail>)]
 *   FAIL linux.raw.<name>: <what> (<why>)
 *   SKIP linux.raw.<name>: <what> (<why>)
 * then "N passed, N failed" (", N skipped" when some were). Exit status 1 if
 * a case failed. Each case runs in its own process with a time limit.
 *
 * The ioctls: TEE_IOC_VERSION, TEE_IOC_SHM_ALLOC (+ mmap of the returned
 * fd), TEE_IOC_SHM_REGISTER, TEE_IOC_OPEN_SESSION, TEE_IOC_INVOKE,
 * TEE_IOC_CLOSE_SESSION. A memref parameter is attr MEMREF_*, a = offset
 * into the shm, b = size, c = shm id (TEE_MEMREF_NULL: a NULL buffer, only
 * with TEE_GEN_CAP_MEMREF_NULL).
 *
 * What the cases expect of the secure side (see tests/linux/teec_tests.c
 * for the services' commands): test service cmd 1 ECHO, cmd 2 SUM, cmd 5
 * STATS (p0 a = open sessions, b = registered shm; p1 a = threads in use,
 * the caller's included, b = thread count); hello world cmd 0/1 VALUE_INOUT
 * a += 1 / a -= 1; RNG cmd 0 MEMREF_INOUT filled with random bytes.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/tee.h>

#include "case_runner.h"
#include "teec_util.h"

#define TEE_DEV "/dev/tee0"

#define CMD_ECHO   1
#define CMD_SUM    2
#define CMD_STATS  5

#define HELLO_INC  0
#define HELLO_DEC  1

#define RNG_GET_ENTROPY 0

#define A_NONE  TEE_IOCTL_PARAM_ATTR_TYPE_NONE
#define A_VIN   TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT
#define A_VOUT  TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT
#define A_VIO   TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT
#define A_MIN   TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT
#define A_MOUT  TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT
#define A_MIO   TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT

#define NPARAMS 4
#define PAGE    4096u

static unsigned int smp_iterations = 200;

static const char *rs(uint32_t r)
{
	return teec_result_str(r);
}

static const char *os(uint32_t o)
{
	return teec_origin_str(o);
}

/* The 16 octets the ioctls carry, from the canonical text form. */
static void uuid_octets(const char *s, uint8_t out[TEE_IOCTL_UUID_LEN])
{
	TEEC_UUID u;
	int i;

	if (teec_uuid_parse(s, &u))
		abort();
	out[0] = (uint8_t)(u.timeLow >> 24);
	out[1] = (uint8_t)(u.timeLow >> 16);
	out[2] = (uint8_t)(u.timeLow >> 8);
	out[3] = (uint8_t)u.timeLow;
	out[4] = (uint8_t)(u.timeMid >> 8);
	out[5] = (uint8_t)u.timeMid;
	out[6] = (uint8_t)(u.timeHiAndVersion >> 8);
	out[7] = (uint8_t)u.timeHiAndVersion;
	for (i = 0; i < 8; i++)
		out[8 + i] = u.clockSeqAndNode[i];
}

/* ------------------------------------------------------------ raw ioctls */

static int tee_open(void)
{
	int fd = open(TEE_DEV, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		FAIL("open %s: %s", TEE_DEV, strerror(errno));
	return fd;
}

static int tee_version(int fd, struct tee_ioctl_version_data *v)
{
	memset(v, 0, sizeof(*v));
	if (ioctl(fd, TEE_IOC_VERSION, v)) {
		FAIL("TEE_IOC_VERSION: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* gen_caps of a fresh connection (0 when the device cannot be asked). */
static uint32_t gen_caps(void)
{
	struct tee_ioctl_version_data v;
	int fd = tee_open();

	if (fd < 0)
		return 0;
	if (tee_version(fd, &v))
		v.gen_caps = 0;
	close(fd);
	return v.gen_caps;
}

/* A shared-memory object: allocated by the driver (and mapped) or user memory registered. */
struct shm {
	int fd;
	int32_t id;
	uint8_t *va;
	size_t size;
	bool mapped;
};

static int shm_alloc(int tfd, size_t size, struct shm *s)
{
	struct tee_ioctl_shm_alloc_data d = { .size = size };
	void *va;

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->fd = ioctl(tfd, TEE_IOC_SHM_ALLOC, &d);
	if (s->fd < 0) {
		FAIL("TEE_IOC_SHM_ALLOC of %zu bytes: %s", size, strerror(errno));
		return -1;
	}
	if (d.size < size) {
		FAIL("TEE_IOC_SHM_ALLOC of %zu bytes gave %" PRIu64, size,
		     (uint64_t)d.size);
		close(s->fd);
		return -1;
	}
	va = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd, 0);
	if (va == MAP_FAILED) {
		FAIL("mmap of shm id %d: %s", (int)d.id, strerror(errno));
		close(s->fd);
		return -1;
	}
	s->id = d.id;
	s->va = va;
	s->size = size;
	s->mapped = true;
	return 0;
}

/* 0, or -errno (msg set) when the driver or the secure side refused. */
static int shm_register(int tfd, void *addr, size_t len, struct shm *s)
{
	struct tee_ioctl_shm_register_data d = {
		.addr = (uintptr_t)addr, .length = len,
	};
	int e;

	memset(s, 0, sizeof(*s));
	s->fd = ioctl(tfd, TEE_IOC_SHM_REGISTER, &d);
	if (s->fd < 0) {
		e = errno;
		FAIL("TEE_IOC_SHM_REGISTER of %zu bytes at %p: %s", len, addr,
		     strerror(e));
		return -e;
	}
	s->id = d.id;
	s->va = addr;
	s->size = len;
	return 0;
}

static void shm_release(struct shm *s)
{
	if (s->mapped)
		munmap(s->va, s->size);
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	s->mapped = false;
}

static struct tee_ioctl_param pval(uint64_t attr, uint64_t a, uint64_t b)
{
	struct tee_ioctl_param p = { .attr = attr, .a = a, .b = b };

	return p;
}

/* A memref: shm NULL means a NULL buffer (TEE_MEMREF_NULL). */
static struct tee_ioctl_param pmem(uint64_t attr, const struct shm *s,
				   size_t offs, size_t size)
{
	struct tee_ioctl_param p = {
		.attr = attr, .a = offs, .b = size,
		.c = s ? (uint64_t)(int64_t)s->id : TEE_MEMREF_NULL,
	};

	return p;
}

static struct tee_ioctl_param pnone(void)
{
	return pval(A_NONE, 0, 0);
}

/* Outcome of an OPEN_SESSION / INVOKE: ioctl errno (0: it returned), ret, origin. */
struct outcome {
	int err;
	uint32_t ret, origin;
};

/* Room for the argument struct and NPARAMS params, 8-byte aligned. */
#define ARG_WORDS ((sizeof(struct tee_ioctl_open_session_arg) + \
		    NPARAMS * sizeof(struct tee_ioctl_param)) / 8 + 1)

static struct outcome open_session(int tfd, const char *uuid, uint32_t login,
				   uint32_t *session)
{
	uint64_t buf[ARG_WORDS];
	struct tee_ioctl_open_session_arg *arg = (void *)buf;
	struct tee_ioctl_buf_data bd = {
		.buf_ptr = (uintptr_t)buf,
		.buf_len = sizeof(*arg) + NPARAMS * sizeof(struct tee_ioctl_param),
	};
	struct outcome o = { 0, 0, 0 };

	memset(buf, 0, sizeof(buf));
	uuid_octets(uuid, arg->uuid);
	arg->clnt_login = login;
	arg->num_params = NPARAMS;
	if (ioctl(tfd, TEE_IOC_OPEN_SESSION, &bd))
		o.err = errno;
	o.ret = arg->ret;
	o.origin = arg->ret_origin;
	*session = arg->session;
	return o;
}

static int close_session(int tfd, uint32_t session)
{
	struct tee_ioctl_close_session_arg a = { .session = session };

	if (ioctl(tfd, TEE_IOC_CLOSE_SESSION, &a)) {
		FAIL("TEE_IOC_CLOSE_SESSION %" PRIu32 ": %s", session,
		     strerror(errno));
		return -1;
	}
	return 0;
}

/* p[0..NPARAMS) in, and the driver's copy back out. */
static struct outcome invoke(int tfd, uint32_t session, uint32_t func,
			     struct tee_ioctl_param p[NPARAMS])
{
	uint64_t buf[ARG_WORDS];
	struct tee_ioctl_invoke_arg *arg = (void *)buf;
	struct tee_ioctl_buf_data bd = {
		.buf_ptr = (uintptr_t)buf,
		.buf_len = sizeof(*arg) + NPARAMS * sizeof(struct tee_ioctl_param),
	};
	struct outcome o = { 0, 0, 0 };

	memset(buf, 0, sizeof(buf));
	arg->func = func;
	arg->session = session;
	arg->num_params = NPARAMS;
	memcpy(arg->params, p, NPARAMS * sizeof(*p));
	if (ioctl(tfd, TEE_IOC_INVOKE, &bd))
		o.err = errno;
	o.ret = arg->ret;
	o.origin = arg->ret_origin;
	memcpy(p, arg->params, NPARAMS * sizeof(*p));
	return o;
}

/* A TEE fd with one open session, closed by disconnect(). */
struct conn {
	int fd;
	uint32_t session;
	bool have_sess;
};

static bool connect_to(struct conn *c, const char *uuid)
{
	struct outcome o;

	c->have_sess = false;
	c->fd = tee_open();
	if (c->fd < 0)
		return false;
	o = open_session(c->fd, uuid, TEE_IOCTL_LOGIN_PUBLIC, &c->session);
	if (o.err || o.ret != TEEC_SUCCESS) {
		FAIL("TEE_IOC_OPEN_SESSION %s: %s, ret %s, origin %s", uuid,
		     o.err ? strerror(o.err) : "ok", rs(o.ret), os(o.origin));
		return false;
	}
	c->have_sess = true;
	return true;
}

static void disconnect(struct conn *c)
{
	if (c->have_sess)
		close_session(c->fd, c->session);
	if (c->fd >= 0)
		close(c->fd);
	c->have_sess = false;
	c->fd = -1;
}

/*
 * Sets msg and returns false unless the call returned want from
 * want_origin. On success the origin may also be TEE: mintee reports
 * TEEC_ORIGIN_TEE for every successful call (OP-TEE reports TRUSTED_APP
 * once a TA ran; libteec reports TRUSTED_APP for any success).
 */
static bool expect(const char *what, struct outcome o, uint32_t want,
		   uint32_t want_origin)
{
	bool origin_ok = o.origin == want_origin ||
			 (want == TEEC_SUCCESS && o.origin == TEEC_ORIGIN_TEE);

	if (o.err) {
		FAIL("%s: ioctl %s", what, strerror(o.err));
		return false;
	}
	if (o.ret != want || !origin_ok) {
		FAIL("%s: %s, origin %s; want %s, %s", what, rs(o.ret),
		     os(o.origin), rs(want), os(want_origin));
		return false;
	}
	return true;
}

/* ------------------------------------------------------------- stats */

struct stats {
	uint32_t sessions, shm, threads, nthreads;
};

#define STATS_FMT "sessions %" PRIu32 ", registered shm %" PRIu32 \
	", threads in use %" PRIu32 " of %" PRIu32
#define STATS_ARGS(s) (s).sessions, (s).shm, (s).threads, (s).nthreads

/* Stats from a fresh fd + session (the session and this call count). */
static bool stats_fresh(struct stats *st)
{
	struct tee_ioctl_param p[NPARAMS] = {
		pval(A_VOUT, 0, 0), pval(A_VOUT, 0, 0), pnone(), pnone()
	};
	struct conn c;
	struct outcome o;
	bool ok;

	if (!connect_to(&c, MINTEE_UUID_TEST)) {
		disconnect(&c);
		return false;
	}
	o = invoke(c.fd, c.session, CMD_STATS, p);
	ok = expect("stats (cmd 5)", o, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP);
	if (ok) {
		st->sessions = (uint32_t)p[0].a;
		st->shm = (uint32_t)p[0].b;
		st->threads = (uint32_t)p[1].a;
		st->nthreads = (uint32_t)p[1].b;
	}
	disconnect(&c);
	return ok;
}

/* ------------------------------------------------------------- cases */

static int t_version(void)
{
	struct tee_ioctl_version_data v;
	int fd = tee_open();
	int r;

	if (fd < 0)
		return R_FAIL;
	r = tee_version(fd, &v);
	close(fd);
	if (r)
		return R_FAIL;
	if (v.impl_id != TEE_IMPL_ID_OPTEE)
		return FAIL("impl_id %" PRIu32 ", want %d (OPTEE)", v.impl_id,
			    TEE_IMPL_ID_OPTEE);
	if (!(v.impl_caps & TEE_OPTEE_CAP_TZ))
		return FAIL("impl_caps 0x%" PRIx32 " without TEE_OPTEE_CAP_TZ",
			    v.impl_caps);
	if (!(v.gen_caps & TEE_GEN_CAP_GP))
		return FAIL("gen_caps 0x%" PRIx32 " without TEE_GEN_CAP_GP",
			    v.gen_caps);
	if (v.gen_caps & TEE_GEN_CAP_PRIVILEGED)
		return FAIL("gen_caps 0x%" PRIx32 ": %s claims to be privileged",
			    v.gen_caps, TEE_DEV);
	return result(R_PASS, "impl_id OPTEE, impl_caps 0x%" PRIx32
		      ", gen_caps 0x%" PRIx32 ": %s, MEMREF_NULL %s",
		      v.impl_caps, v.gen_caps,
		      v.gen_caps & TEE_GEN_CAP_REG_MEM ?
		      "REG_MEM (dynamic shm)" : "no REG_MEM (reserved shm)",
		      v.gen_caps & TEE_GEN_CAP_MEMREF_NULL ? "yes" : "no");
}

static int hello_step(struct conn *c, uint32_t cmd, uint32_t in, uint32_t want)
{
	struct tee_ioctl_param p[NPARAMS] = {
		pval(A_VIO, in, 0x5a5a), pnone(), pnone(), pnone()
	};
	struct outcome o = invoke(c->fd, c->session, cmd, p);

	if (!expect("hello world", o, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP))
		return R_FAIL;
	if (p[0].a != want)
		return FAIL("hello world cmd %" PRIu32 " on %" PRIu32 " gave %"
			    PRIu64 ", want %" PRIu32, cmd, in, (uint64_t)p[0].a,
			    want);
	return R_PASS;
}

static int t_value(void)
{
	struct tee_ioctl_param p[NPARAMS];
	struct conn c;
	struct outcome o;
	uint32_t success_origin;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST))
		goto out;
	p[0] = pval(A_VIN, 1000, 200);
	p[1] = pval(A_VIN, 30, 4);
	p[2] = pval(A_VOUT, 0xdeadbeef, 0xdeadbeef);
	p[3] = pnone();
	o = invoke(c.fd, c.session, CMD_SUM, p);
	if (!expect("SUM", o, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP))
		goto out;
	success_origin = o.origin;
	if (p[2].a != 1234 || p[2].b != 0) {
		FAIL("SUM p2 = (%" PRIu64 ", %" PRIu64 "), want (1234, 0)",
		     (uint64_t)p[2].a, (uint64_t)p[2].b);
		goto out;
	}
	if (p[0].a != 1000 || p[0].b != 200 || p[1].a != 30 || p[1].b != 4) {
		FAIL("VALUE_INPUT parameters changed by the call");
		goto out;
	}
	/* 32-bit values: the upper halves of a and b are not the TA's. */
	p[0] = pval(A_VIN, 0xffffffffu, 1);
	p[1] = pval(A_VIN, 0, 0);
	p[2] = pval(A_VOUT, 0, 0);
	o = invoke(c.fd, c.session, CMD_SUM, p);
	if (!expect("SUM wrapping", o, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP))
		goto out;
	if (p[2].a != 0) {
		FAIL("SUM 0xffffffff + 1 = %" PRIu64 ", want 0 (32 bits)",
		     (uint64_t)p[2].a);
		goto out;
	}
	/* Wrong types: refused by the service. */
	p[0] = pval(A_VIN, 1, 2);
	p[1] = pval(A_VIN, 3, 4);
	p[2] = pval(A_VIN, 0, 0);
	o = invoke(c.fd, c.session, CMD_SUM, p);
	if (!expect("SUM with p2 VALUE_INPUT", o, TEEC_ERROR_BAD_PARAMETERS,
		    TEEC_ORIGIN_TRUSTED_APP))
		goto out;
	disconnect(&c);

	if (!connect_to(&c, MINTEE_UUID_HELLO_PTA))
		goto out;
	if (hello_step(&c, HELLO_INC, 41, 42) != R_PASS ||
	    hello_step(&c, HELLO_DEC, 42, 41) != R_PASS ||
	    hello_step(&c, HELLO_INC, 0xffffffffu, 0) != R_PASS)
		goto out;
	r = result(R_PASS, "SUM 1000+200+30+4 = 1234; hello world 41 -> 42 -> 41; success origin %s",
		   os(success_origin));
out:
	disconnect(&c);
	return r;
}

/* ECHO p0 = s[in_off, +n) -> p1 = s[out_off, +out_size); checks data, size, guards. */
static int echo_check(struct conn *c, const struct shm *sin, size_t in_off,
		      const struct shm *sout, size_t out_off, size_t n,
		      unsigned int seed)
{
	struct tee_ioctl_param p[NPARAMS];
	struct outcome o;
	size_t bad;

	fill(sin->va + in_off, n, seed);
	memset(sout->va + out_off, 0xa5, n + 64);
	p[0] = pmem(A_MIN, sin, in_off, n);
	p[1] = pmem(A_MOUT, sout, out_off, n + 64);
	p[2] = pnone();
	p[3] = pnone();
	o = invoke(c->fd, c->session, CMD_ECHO, p);
	if (!expect("ECHO", o, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP))
		return R_FAIL;
	if (p[1].b != n)
		return FAIL("ECHO of %zu bytes: p1 size %" PRIu64, n,
			    (uint64_t)p[1].b);
	if (p[0].b != n)
		return FAIL("ECHO: input size changed to %" PRIu64,
			    (uint64_t)p[0].b);
	for (bad = 0; bad < n; bad++)
		if (sout->va[out_off + bad] != sin->va[in_off + bad])
			return FAIL("ECHO of %zu bytes (in +%zu, out +%zu): byte %zu differs",
				    n, in_off, out_off, bad);
	bad = first_not(sout->va + out_off + n, 64, 0xa5);
	if (bad != 64)
		return FAIL("ECHO of %zu bytes wrote past the data (byte %zu)",
			    n, n + bad);
	return R_PASS;
}

static int t_memref_alloc(void)
{
	const size_t size = 3 * PAGE;
	struct shm a = { .fd = -1 }, b = { .fd = -1 };
	struct stats st;
	struct conn c;
	uint32_t caps = gen_caps();
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST))
		goto out;
	if (shm_alloc(c.fd, size, &a) || shm_alloc(c.fd, size, &b))
		goto out;
	/* Two objects, then two offsets in one object, across page boundaries. */
	if (echo_check(&c, &a, 0, &b, 0, 1, 1) != R_PASS ||
	    echo_check(&c, &a, 0, &b, 0, 4096, 2) != R_PASS ||
	    echo_check(&c, &a, 100, &b, 4000, 5000, 3) != R_PASS ||
	    echo_check(&c, &a, 1, &a, 6001, 6000, 4) != R_PASS)
		goto out;
	/* With REG_MEM each allocation is registered with the secure side. */
	if (!stats_fresh(&st))
		goto out;
	if ((caps & TEE_GEN_CAP_REG_MEM) && st.shm < 2) {
		FAIL("2 shm objects allocated with REG_MEM, yet " STATS_FMT,
		     STATS_ARGS(st));
		goto out;
	}
	r = result(R_PASS, "ECHO 1..6000 bytes through SHM_ALLOC'ed objects %d, %d; %s",
		   (int)a.id, (int)b.id,
		   caps & TEE_GEN_CAP_REG_MEM ? "registered with the secure side" :
		   "from the reserved pool");
out:
	shm_release(&a);
	shm_release(&b);
	disconnect(&c);
	return r;
}

static int t_memref_inout(void)
{
	const size_t n = 256;
	struct tee_ioctl_param p[NPARAMS];
	struct shm s = { .fd = -1 };
	struct outcome o;
	struct conn c;
	size_t z;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_RNG))
		goto out;
	if (shm_alloc(c.fd, PAGE, &s))
		goto out;
	memset(s.va, 0, PAGE);
	p[0] = pmem(A_MIO, &s, 64, n);
	p[1] = p[2] = p[3] = pnone();
	o = invoke(c.fd, c.session, RNG_GET_ENTROPY, p);
	if (!expect("RNG GET_ENTROPY", o, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP))
		goto out;
	if (p[0].b != n) {
		FAIL("GET_ENTROPY of %zu bytes returned size %" PRIu64, n,
		     (uint64_t)p[0].b);
		goto out;
	}
	z = first_not(s.va + 64, n, 0);
	if (z == n) {
		FAIL("%zu zero bytes", n);
		goto out;
	}
	if (first_not(s.va, 64, 0) != 64 ||
	    first_not(s.va + 64 + n, PAGE - 64 - n, 0) != PAGE - 64 - n) {
		FAIL("bytes outside [64, %zu) of the shm written", 64 + n);
		goto out;
	}
	r = result(R_PASS, "%zu random bytes at offset 64 of shm %d", n,
		   (int)s.id);
out:
	shm_release(&s);
	disconnect(&c);
	return r;
}

/*
 * User memory registered in place: 4 pages of an anonymous mapping,
 * registered from an odd offset; ECHO between two ranges of it that
 * straddle page boundaries. Guard bytes outside the output stay.
 */
static int t_memref_reg(void)
{
	const size_t map_len = 5 * PAGE, reg_off = 0x123,
		     reg_len = 3 * PAGE + 0x400;
	const size_t in_off = 1, n = 5000, out_off = 6001;
	struct tee_ioctl_param p[NPARAMS];
	struct shm s = { .fd = -1 };
	struct stats before, during, after;
	uint32_t caps = gen_caps();
	struct outcome o;
	struct conn c;
	uint8_t *map, *reg;
	size_t i;
	int r = R_FAIL, e;
	bool reg_mem = caps & TEE_GEN_CAP_REG_MEM;

	map = mmap(NULL, map_len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return FAIL("mmap: %s", strerror(errno));
	reg = map + reg_off;
	memset(map, 0x3c, map_len);
	if (!connect_to(&c, MINTEE_UUID_TEST))
		goto out;
	if (!stats_fresh(&before))
		goto out;
	e = shm_register(c.fd, reg, reg_len, &s);
	if (e) {
		if (reg_mem)
			goto out;	/* msg says why */
		r = result(R_PASS, "no REG_MEM: TEE_IOC_SHM_REGISTER refused (%s)",
			   strerror(-e));
		goto out;
	}
	if (!stats_fresh(&during))
		goto out;
	if (during.shm != before.shm + 1) {
		FAIL("registered shm %" PRIu32 " -> %" PRIu32 " after SHM_REGISTER",
		     before.shm, during.shm);
		goto out;
	}
	fill(reg + in_off, n, 9);
	p[0] = pmem(A_MIN, &s, in_off, n);
	p[1] = pmem(A_MOUT, &s, out_off, n + 100);
	p[2] = p[3] = pnone();
	o = invoke(c.fd, c.session, CMD_ECHO, p);
	if (!expect("ECHO through registered memory", o, TEEC_SUCCESS,
		    TEEC_ORIGIN_TRUSTED_APP))
		goto out;
	if (p[1].b != n) {
		FAIL("ECHO of %zu bytes: p1 size %" PRIu64, n, (uint64_t)p[1].b);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (reg[out_off + i] != reg[in_off + i]) {
			FAIL("registered memory: echoed byte %zu (address %p) differs",
			     i, (void *)(reg + out_off + i));
			goto out;
		}
	/* Everything else of the mapping is as it was. */
	for (i = 0; i < map_len; i++) {
		size_t off = i - reg_off;	/* wraps below reg: never in range */

		if ((off >= in_off && off < in_off + n) ||
		    (off >= out_off && off < out_off + n))
			continue;
		if (map[i] != 0x3c) {
			FAIL("registered memory: byte at mapping offset %zu changed", i);
			goto out;
		}
	}
	shm_release(&s);
	if (!stats_fresh(&after))
		goto out;
	if (after.shm != before.shm) {
		FAIL("registered shm %" PRIu32 " after releasing the registration, was %"
		     PRIu32, after.shm, before.shm);
		goto out;
	}
	if (reg_mem)
		r = result(R_PASS, "%zu bytes at page offset 0x%zx over 4 pages; ECHO %zu bytes +%zu -> +%zu",
			   reg_len, reg_off, n, in_off, out_off);
	else
		r = result(R_PASS, "no REG_MEM, yet SHM_REGISTER was accepted and ECHO through it worked");
out:
	shm_release(&s);
	disconnect(&c);
	munmap(map, map_len);
	return r;
}

static int t_memref_null(void)
{
	const size_t n = 300;
	struct tee_ioctl_param p[NPARAMS];
	struct shm s = { .fd = -1 };
	uint32_t caps = gen_caps();
	struct outcome o;
	struct conn c;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST))
		goto out;
	if (shm_alloc(c.fd, PAGE, &s))
		goto out;
	fill(s.va, n, 5);
	p[0] = pmem(A_MIN, &s, 0, n);
	p[1] = pmem(A_MOUT, NULL, 0, 0);
	p[2] = p[3] = pnone();
	o = invoke(c.fd, c.session, CMD_ECHO, p);
	if (!(caps & TEE_GEN_CAP_MEMREF_NULL)) {
		if (o.err == EINVAL) {
			r = result(R_PASS, "no MEMREF_NULL: the driver refuses a NULL memref (EINVAL)");
		} else {
			FAIL("no MEMREF_NULL, yet a NULL memref gave %s, ret %s",
			     o.err ? strerror(o.err) : "ok", rs(o.ret));
		}
		goto out;
	}
	if (!expect("ECHO into a NULL memref", o, TEEC_ERROR_SHORT_BUFFER,
		    TEEC_ORIGIN_TRUSTED_APP))
		goto out;
	if (p[1].b != n) {
		FAIL("NULL memref size query: size %" PRIu64 ", want %zu",
		     (uint64_t)p[1].b, n);
		goto out;
	}
	r = result(R_PASS, "MEMREF_NULL: ECHO into NULL gives SHORT_BUFFER with size %zu", n);
out:
	shm_release(&s);
	disconnect(&c);
	return r;
}

static int t_short_buffer(void)
{
	const size_t n = 1000, have = 999;
	struct tee_ioctl_param p[NPARAMS];
	struct shm s = { .fd = -1 };
	struct outcome o;
	struct conn c;
	size_t bad;
	int r = R_FAIL;

	if (!connect_to(&c, MINTEE_UUID_TEST))
		goto out;
	if (shm_alloc(c.fd, 2 * PAGE, &s))
		goto out;
	fill(s.va, n, 6);
	memset(s.va + PAGE, 0xa5, PAGE);
	p[0] = pmem(A_MIN, &s, 0, n);
	p[1] = pmem(A_MOUT, &s, PAGE + 16, have);
	p[2] = p[3] = pnone();
	o = invoke(c.fd, c.session, CMD_ECHO, p);
	if (!expect("ECHO into a short buffer", o, TEEC_ERROR_SHORT_BUFFER,
		    TEEC_ORIGIN_TRUSTED_APP))
		goto out;
	if (p[1].b != n) {
		FAIL("SHORT_BUFFER reported size %" PRIu64 ", want %zu",
		     (uint64_t)p[1].b, n);
		goto out;
	}
	bad = first_not(s.va + PAGE, PAGE, 0xa5);
	if (bad != PAGE) {
		FAIL("SHORT_BUFFER: output written (byte %zu)", bad);
		goto out;
	}
	/* Then with the size it asked for. */
	p[0] = pmem(A_MIN, &s, 0, n);
	p[1] = pmem(A_MOUT, &s, PAGE + 16, (size_t)p[1].b);
	o = invoke(c.fd, c.session, CMD_ECHO, p);
	if (!expect("ECHO with the size reported", o, TEEC_SUCCESS,
		    TEEC_ORIGIN_TRUSTED_APP))
		goto out;
	if (p[1].b != n || memcmp(s.va, s.va + PAGE + 16, n)) {
		FAIL("ECHO with the size reported: size %" PRIu64 " or data wrong",
		     (uint64_t)p[1].b);
		goto out;
	}
	r = result(R_PASS, "%zu bytes into %zu: SHORT_BUFFER, size %zu, nothing written",
		   n, have, n);
out:
	shm_release(&s);
	disconnect(&c);
	return r;
}

/* ------------------------------------------------------------- SMP */

/* One child's work: iterations on CPU cpu. 0, or -1 with msg set. */
static int smp_child(int cpu, unsigned int iters)
{
	const size_t size = 2 * PAGE;
	struct tee_ioctl_param p[NPARAMS];
	struct shm s = { .fd = -1 };
	struct outcome o;
	uint32_t sess, base = (uint32_t)cpu * 1000000u;
	unsigned int i;
	size_t n, out_off = PAGE, k;
	cpu_set_t set;
	int fd, r = -1;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		FAIL("cpu %d: sched_setaffinity: %s", cpu, strerror(errno));
		return -1;
	}
	sched_yield();
	if (sched_getcpu() != cpu) {
		FAIL("cpu %d: pinned, yet running on cpu %d", cpu, sched_getcpu());
		return -1;
	}
	fd = tee_open();
	if (fd < 0)
		return -1;
	for (i = 0; i < iters; i++) {
		/* A fresh shm object every 20 rounds (register/unregister with REG_MEM). */
		if (i % 20 == 0) {
			shm_release(&s);
			if (shm_alloc(fd, size, &s))
				goto out;
		}
		o = open_session(fd, MINTEE_UUID_TEST, TEE_IOCTL_LOGIN_PUBLIC, &sess);
		if (!expect("open test service", o, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP))
			goto fail;
		p[0] = pval(A_VIN, base + i, 7);
		p[1] = pval(A_VIN, (uint32_t)cpu, i);
		p[2] = pval(A_VOUT, 0, 0);
		p[3] = pnone();
		o = invoke(fd, sess, CMD_SUM, p);
		if (!expect("SUM", o, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP)) {
			close_session(fd, sess);
			goto fail;
		}
		if (p[2].a != (uint32_t)(base + i + 7 + (uint32_t)cpu + i)) {
			FAIL("SUM gave %" PRIu64 ", want %" PRIu32, (uint64_t)p[2].a,
			     (uint32_t)(base + i + 7 + (uint32_t)cpu + i));
			close_session(fd, sess);
			goto fail;
		}
		n = 1 + (i * 397u + (unsigned int)cpu * 61u) % (PAGE - 1);
		fill(s.va, n, base + i);
		memset(s.va + out_off, 0, n);
		p[0] = pmem(A_MIN, &s, 0, n);
		p[1] = pmem(A_MOUT, &s, out_off, PAGE);
		p[2] = pnone();
		o = invoke(fd, sess, CMD_ECHO, p);
		if (!expect("ECHO", o, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP)) {
			close_session(fd, sess);
			goto fail;
		}
		if (p[1].b != n || memcmp(s.va, s.va + out_off, n)) {
			for (k = 0; k < n && s.va[k] == s.va[out_off + k]; k++)
				;
			FAIL("ECHO of %zu bytes: size %" PRIu64 ", first bad byte %zu",
			     n, (uint64_t)p[1].b, k);
			close_session(fd, sess);
			goto fail;
		}
		if (close_session(fd, sess))
			goto fail;

		o = open_session(fd, MINTEE_UUID_HELLO_PTA, TEE_IOCTL_LOGIN_PUBLIC, &sess);
		if (!expect("open hello world", o, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP))
			goto fail;
		p[0] = pval(A_VIO, base + i, 0);
		p[1] = p[2] = p[3] = pnone();
		o = invoke(fd, sess, HELLO_INC, p);
		if (!expect("hello world inc", o, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP)) {
			close_session(fd, sess);
			goto fail;
		}
		if (p[0].a != base + i + 1) {
			FAIL("hello world inc of %" PRIu32 " gave %" PRIu64,
			     base + i, (uint64_t)p[0].a);
			close_session(fd, sess);
			goto fail;
		}
		if (close_session(fd, sess))
			goto fail;
	}
	r = 0;
	goto out;
fail:
	{
		char why[sizeof(msg)];

		snprintf(why, sizeof(why), "%s", msg);
		FAIL("cpu %d, round %u: %s", cpu, i, why);
	}
out:
	shm_release(&s);
	close(fd);
	return r;
}

static int t_smp(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	const uint64_t limit = 240 * 1000;
	pid_t pids[64];
	int pipefd[2], status, nfail = 0, left, i;
	char buf[sizeof(msg)];
	uint64_t t0;
	ssize_t got;

	if (ncpu < 1 || ncpu > 64)
		return FAIL("sysconf(_SC_NPROCESSORS_ONLN) = %ld", ncpu);
	if (pipe(pipefd))
		return FAIL("pipe: %s", strerror(errno));
	/* Children run pinned to CPUs 0..ncpu-1 (all online after the hotplug case). */
	for (i = 0; i < ncpu; i++) {
		fflush(stdout);
		pids[i] = fork();
		if (pids[i] < 0) {
			FAIL("fork: %s", strerror(errno));
			for (left = 0; left < i; left++)
				kill(pids[left], SIGKILL);
			while (wait(NULL) > 0)
				;
			return R_FAIL;
		}
		if (pids[i] == 0) {
			close(pipefd[0]);
			if (smp_child(i, smp_iterations)) {
				size_t len = strnlen(msg, PIPE_BUF - 2);

				msg[len] = '\n';
				if (write(pipefd[1], msg, len + 1) < 0)
					_exit(3);
				_exit(1);
			}
			_exit(0);
		}
	}
	close(pipefd[1]);
	t0 = now_ms();
	left = (int)ncpu;
	while (left > 0) {
		pid_t w = waitpid(-1, &status, WNOHANG);

		if (w > 0) {
			left--;
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				nfail++;
			continue;
		}
		if (w < 0)
			break;
		if (now_ms() - t0 > limit) {
			for (i = 0; i < ncpu; i++)
				kill(pids[i], SIGKILL);
			while (wait(NULL) > 0)
				;
			close(pipefd[0]);
			return FAIL("%d of %ld children not done after %" PRIu64 " s",
				    left, ncpu, limit / 1000);
		}
		sleep_ms(20);
	}
	got = read(pipefd[0], buf, sizeof(buf) - 1);
	close(pipefd[0]);
	if (nfail) {
		buf[got > 0 ? got : 0] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		return FAIL("%d of %ld children failed; first: %s", nfail, ncpu,
			    got > 0 ? buf : "(crashed)");
	}
	return result(R_PASS, "%ld CPUs x %u rounds of open/SUM/ECHO/close + hello world in %"
		      PRIu64 " ms", ncpu, smp_iterations, now_ms() - t0);
}

/* ------------------------------------------------------- trusted keys */

/*
 * The trusted-keys service seals with the device key for the kernel only:
 * user space opening it gets ACCESS_DENIED from the service (PUBLIC, USER,
 * GROUP logins), and the kernel itself refuses a user-space REE_KERNEL login.
 */
static int t_tk_user(void)
{
	static const uint32_t logins[] = { TEE_IOCTL_LOGIN_PUBLIC, TEE_IOCTL_LOGIN_USER,
					   TEE_IOCTL_LOGIN_GROUP };
	uint32_t session = 0;
	struct outcome o;
	unsigned int i;
	char what[64];
	int tfd = tee_open();

	if (tfd < 0)
		return R_FAIL;
	for (i = 0; i < sizeof(logins) / sizeof(logins[0]); i++) {
		o = open_session(tfd, MINTEE_UUID_TRUSTED_KEYS, logins[i], &session);
		snprintf(what, sizeof(what), "open with login %" PRIu32, logins[i]);
		if (!expect(what, o, TEEC_ERROR_ACCESS_DENIED, TEEC_ORIGIN_TRUSTED_APP)) {
			if (!o.err && o.ret == TEEC_SUCCESS)
				close_session(tfd, session);
			close(tfd);
			return R_FAIL;
		}
	}
	o = open_session(tfd, MINTEE_UUID_TRUSTED_KEYS, TEE_IOCTL_LOGIN_REE_KERNEL, &session);
	close(tfd);
	if (o.err != EPERM)
		return FAIL("open with login REE_KERNEL from user space: errno %d, ret %s; want EPERM",
			    o.err, rs(o.ret));
	return result(R_PASS, "PUBLIC, USER, GROUP: ACCESS_DENIED; REE_KERNEL: EPERM");
}

/* --------------------------------------------------------------- leaks */

/*
 * Kernel clients of the TEE bus (optee-rng, trusted keys) hold one session
 * each for as long as their driver is bound.
 */
static unsigned int kernel_sessions(char *names, size_t len)
{
	DIR *d = opendir("/sys/bus/tee/devices");
	struct dirent *e;
	char path[512], link[256];
	const char *base;
	struct stat sb;
	unsigned int n = 0;
	size_t used;
	ssize_t l;

	names[0] = '\0';
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/tee/devices/%s/driver",
			 e->d_name);
		if (stat(path, &sb))
			continue;
		n++;
		l = readlink(path, link, sizeof(link) - 1);
		link[l > 0 ? l : 0] = '\0';
		base = strrchr(link, '/') ? strrchr(link, '/') + 1 : link;
		used = strlen(names);
		snprintf(names + used, len - used, "%s%.40s", used ? ", " : "",
			 *base ? base : "?");
	}
	closedir(d);
	return n;
}

/*
 * Registered shm the kernel holds is not ours to count: optee-rng's entropy
 * buffer (allocated when it becomes the current hwrng, kept), and with
 * RPC_ARG the driver's pre-registered argument pages (kept, as many as
 * concurrency needed). So the figure is compared with the one read before
 * the first case ran.
 */
static struct stats base;
static bool have_base;

/* Two equal readings in a row: kernel TEE users may be mid-call. */
static void take_base(void)
{
	struct stats prev;
	int n;

	if (!stats_fresh(&prev))
		return;
	for (n = 0; n < 20; n++) {
		if (!stats_fresh(&base))
			return;
		if (!memcmp(&base, &prev, sizeof(prev)))
			break;
		prev = base;
		sleep_ms(100);
	}
	have_base = true;
}

static int t_leaks(void)
{
	struct stats st;
	char kern[128];
	unsigned int k = kernel_sessions(kern, sizeof(kern));
	uint32_t want_sessions = 1 + k;
	int i;

	if (!have_base)
		return FAIL("no stats reading before the first case");
	/* Kernel clients (the hwrng thread) may be mid-call: 5 s to settle. */
	for (i = 0; i < 50; i++) {
		if (!stats_fresh(&st))
			return R_FAIL;
		if (st.sessions == want_sessions && st.shm == base.shm &&
		    st.threads == 1)
			break;
		sleep_ms(100);
	}
	if (i == 50)
		return FAIL(STATS_FMT "; want sessions %" PRIu32
			    " (this one + %u kernel: %s), registered shm %" PRIu32
			    " (the kernel's, as before the first case), threads in use 1",
			    STATS_ARGS(st), want_sessions, k, k ? kern : "none",
			    base.shm);
	return result(R_PASS, STATS_FMT " (sessions: this one + %u kernel: %s; shm: the kernel's %"
		      PRIu32 ", as before the first case)",
		      STATS_ARGS(st), k, k ? kern : "none", base.shm);
}

/* ---------------------------------------------------------------- runner */

static const struct tcase cases[] = {
	{ "version", "TEE_IOC_VERSION: OP-TEE, capabilities", t_version, 30 },
	{ "value", "VALUE_INPUT/OUTPUT (SUM) and VALUE_INOUT (hello world)", t_value, 30 },
	{ "memref_alloc", "MEMREF_INPUT/OUTPUT in SHM_ALLOC'ed shm (ECHO)", t_memref_alloc, 60 },
	{ "memref_inout", "MEMREF_INOUT (RNG GET_ENTROPY)", t_memref_inout, 30 },
	{ "memref_reg", "SHM_REGISTER'ed user memory at an odd offset over pages", t_memref_reg, 60 },
	{ "memref_null", "NULL memref as a size query", t_memref_null, 30 },
	{ "short_buffer", "SHORT_BUFFER reports the size needed", t_short_buffer, 30 },
	{ "smp", "open/invoke/close from every online CPU at once", t_smp, 300 },
	{ "tk_user", "trusted keys: user-space opens refused (ACCESS_DENIED; REE_KERNEL login EPERM)",
	  t_tk_user, 30 },
	{ "leaks", "stats show no leaked session, shm or thread", t_leaks, 30 },
};
#define NUM_CASES (sizeof(cases) / sizeof(cases[0]))

int main(int argc, char *argv[])
{
	static const struct tsuite suite = {
		.prog = "tee_raw_tests", .tier = "linux.raw", .n_name = "ITERATIONS", .n = &smp_iterations,
		.cases = cases, .ncases = NUM_CASES,
		.before = take_base,
	};

	return tsuite_main(&suite, argc, argv);
}
