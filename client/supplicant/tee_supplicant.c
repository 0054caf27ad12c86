// SPDX-License-Identifier: BSD-2-Clause
/*
 * mintee tee-supplicant: serves the requests the Linux OP-TEE driver forwards
 * to user space (RPCs from the secure world it does not handle itself).
 *
 *   tee-supplicant [-d] [-v] [-f DIR | --fs-parent-path DIR] [DEVICE]
 *
 * DEVICE defaults to the first /dev/teeprivN of the OP-TEE driver. -d detaches
 * into the background and logs to syslog (falling back to the console);
 * otherwise it logs to stderr. -v logs every request.
 *
 * Served: OPTEE_RPC_CMD_SHM_ALLOC / SHM_FREE of type APPL (shared memory the
 * secure world wants for a user-space client), LOAD_TA from /lib/optee_armtz
 * (ta_load.c), FS (secure storage's files under -f DIR, default
 * /var/lib/tee: fs.c). Every other request (RPMB, SOCKET, ...) is answered
 * TEEC_ERROR_NOT_SUPPORTED, with a log line each time.
 *
 * The requests come synchronously: TEE_IOC_SUPPL_RECV with only NONE
 * parameters (no leading META parameter) makes the driver hand out one
 * request at a time and expect its answer in the next TEE_IOC_SUPPL_SEND,
 * with exactly the number of parameters it came with.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <linux/tee.h>

#include "tee_client_api.h"
#include "ta_load.h"
#include "fs.h"

/* drivers/tee/optee/optee_rpc_cmd.h */
#define RPC_CMD_LOAD_TA          0
#define RPC_CMD_RPMB             1
#define RPC_CMD_FS               2
#define RPC_CMD_GET_TIME         3
#define RPC_CMD_NOTIFICATION     4
#define RPC_CMD_SUSPEND          5
#define RPC_CMD_SHM_ALLOC        6
#define RPC_CMD_SHM_FREE         7
#define RPC_CMD_SQL_FS           8
#define RPC_CMD_GPROF            9
#define RPC_CMD_SOCKET           10
#define RPC_CMD_FTRACE           11
#define RPC_CMD_SUPP_PLUGIN      12
#define RPC_CMD_BENCH_REG        20
#define RPC_CMD_I2C_TRANSFER     21
#define RPC_CMD_RPMB_PROBE_RESET 22
#define RPC_CMD_RPMB_PROBE_NEXT  23
#define RPC_CMD_RPMB_FRAMES      24
#define RPC_SHM_TYPE_APPL        0

/*
 * Parameters offered per request. The driver refuses (EINVAL, and keeps the
 * request queued) one with more parameters than offered, so offer well above
 * what the secure side sends (OP-TEE: at most 4); TEE_MAX_ARG_SIZE bounds it.
 */
#define MAX_PARAMS 16

/* Shared memory handed to the secure world, by kernel shm id. */
struct shm_entry {
	int id;
	int fd;
	uint64_t size;
	struct shm_entry *next;
};

static struct shm_entry *shm_list;
static bool use_syslog;
static bool verbose;
static volatile sig_atomic_t stop_signal;

static void vlog(int prio, const char *fmt, va_list ap)
{
	char line[256];
	int n;

	if (use_syslog) {
		vsyslog(prio, fmt, ap);
		return;
	}
	/* One write per line, so lines do not interleave on a shared console. */
	n = snprintf(line, sizeof(line), "tee-supplicant: ");
	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, (size_t)n) < 0) {
		/* nowhere left to report it */
	}
}

__attribute__((format(printf, 2, 3)))
static void logmsg(int prio, const char *fmt, ...)
{
	va_list ap;

	if (prio == LOG_DEBUG && !verbose)
		return;
	va_start(ap, fmt);
	vlog(prio, fmt, ap);
	va_end(ap);
}

static const char *rpc_name(uint32_t func)
{
	switch (func) {
	case RPC_CMD_LOAD_TA:          return "LOAD_TA";
	case RPC_CMD_RPMB:             return "RPMB";
	case RPC_CMD_FS:               return "FS";
	case RPC_CMD_GET_TIME:         return "GET_TIME";
	case RPC_CMD_NOTIFICATION:     return "NOTIFICATION";
	case RPC_CMD_SUSPEND:          return "SUSPEND";
	case RPC_CMD_SHM_ALLOC:        return "SHM_ALLOC";
	case RPC_CMD_SHM_FREE:         return "SHM_FREE";
	case RPC_CMD_SQL_FS:           return "SQL_FS";
	case RPC_CMD_GPROF:            return "GPROF";
	case RPC_CMD_SOCKET:           return "SOCKET";
	case RPC_CMD_FTRACE:           return "FTRACE";
	case RPC_CMD_SUPP_PLUGIN:      return "SUPP_PLUGIN";
	case RPC_CMD_BENCH_REG:        return "BENCH_REG";
	case RPC_CMD_I2C_TRANSFER:     return "I2C_TRANSFER";
	case RPC_CMD_RPMB_PROBE_RESET: return "RPMB_PROBE_RESET";
	case RPC_CMD_RPMB_PROBE_NEXT:  return "RPMB_PROBE_NEXT";
	case RPC_CMD_RPMB_FRAMES:      return "RPMB_FRAMES";
	default:                       return "unknown";
	}
}

static uint32_t param_type(const struct tee_ioctl_param *p)
{
	return (uint32_t)(p->attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK);
}

/*
 * SHM_ALLOC, type APPL: p0 VALUE_INOUT a = type, b = size. The answer is the
 * id of a shm object of this (the supplicant's) context in p0.c; the driver
 * looks it up, takes its own reference and gives the secure world its pages.
 * The fd is kept open until the matching SHM_FREE.
 */
static uint32_t rpc_shm_alloc(uint32_t num_params, struct tee_ioctl_param *p,
			      int dev_fd)
{
	struct tee_ioctl_shm_alloc_data data;
	struct shm_entry *e;
	int fd;

	if (num_params < 1 ||
	    param_type(&p[0]) != TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT ||
	    p[0].a != RPC_SHM_TYPE_APPL) {
		logmsg(LOG_ERR, "SHM_ALLOC: unexpected parameters (%u params, attr %#llx, type %llu)",
		       num_params, num_params ? (unsigned long long)p[0].attr : 0ULL,
		       num_params ? (unsigned long long)p[0].a : 0ULL);
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		return TEEC_ERROR_OUT_OF_MEMORY;
	memset(&data, 0, sizeof(data));
	data.size = p[0].b ? p[0].b : 1;
	fd = ioctl(dev_fd, TEE_IOC_SHM_ALLOC, &data);
	if (fd < 0) {
		logmsg(LOG_ERR, "SHM_ALLOC of %llu bytes failed: %s",
		       (unsigned long long)p[0].b, strerror(errno));
		free(e);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	e->id = data.id;
	e->fd = fd;
	e->size = data.size;
	e->next = shm_list;
	shm_list = e;
	p[0].c = (uint64_t)data.id;
	logmsg(LOG_DEBUG, "SHM_ALLOC %llu bytes -> shm id %d",
	       (unsigned long long)p[0].b, data.id);
	return TEEC_SUCCESS;
}

/* SHM_FREE, type APPL: p0 VALUE_INOUT a = type, b = shm id. */
static uint32_t rpc_shm_free(uint32_t num_params, struct tee_ioctl_param *p)
{
	struct shm_entry **pe, *e;

	if (num_params < 1 ||
	    param_type(&p[0]) != TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT ||
	    p[0].a != RPC_SHM_TYPE_APPL) {
		logmsg(LOG_ERR, "SHM_FREE: unexpected parameters");
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	for (pe = &shm_list; (e = *pe); pe = &e->next) {
		if ((uint64_t)e->id == p[0].b) {
			*pe = e->next;
			close(e->fd);
			logmsg(LOG_DEBUG, "SHM_FREE shm id %d", e->id);
			free(e);
			return TEEC_SUCCESS;
		}
	}
	logmsg(LOG_ERR, "SHM_FREE of unknown shm id %llu",
	       (unsigned long long)p[0].b);
	return TEEC_ERROR_BAD_PARAMETERS;
}

int supp_shm_lookup(int64_t id, uint64_t *size)
{
	for (struct shm_entry *e = shm_list; e; e = e->next) {
		if (e->id == id) {
			*size = e->size;
			return e->fd;
		}
	}
	return -1;
}

static uint32_t serve(uint32_t func, uint32_t num_params,
		      struct tee_ioctl_param *p, int dev_fd)
{
	switch (func) {
	case RPC_CMD_LOAD_TA:
		return supp_load_ta(num_params, p);	/* ta_load.c */
	case RPC_CMD_FS:
		return supp_fs(num_params, p);		/* fs.c */
	case RPC_CMD_SHM_ALLOC:
		return rpc_shm_alloc(num_params, p, dev_fd);
	case RPC_CMD_SHM_FREE:
		return rpc_shm_free(num_params, p);
	default:
		logmsg(LOG_WARNING, "unsupported request %u (%s) with %u params: answering TEEC_ERROR_NOT_SUPPORTED",
		       func, rpc_name(func), num_params);
		return TEEC_ERROR_NOT_SUPPORTED;
	}
}

/* Argument buffers: header then parameters, both ioctls the same shape. */
union supp_buf {
	struct tee_iocl_supp_recv_arg recv;
	struct tee_iocl_supp_send_arg send;
	uint64_t align;
};
_Static_assert(offsetof(struct tee_iocl_supp_recv_arg, params) == sizeof(union supp_buf) &&
	       offsetof(struct tee_iocl_supp_send_arg, params) == sizeof(union supp_buf),
	       "RECV and SEND parameters follow an 8-byte header");

static int open_device(const char *path)
{
	struct tee_ioctl_version_data vers;
	char name[32];
	int n, fd;

	for (n = 0; n < 16; n++) {
		if (!path)
			snprintf(name, sizeof(name), "/dev/teepriv%d", n);
		fd = open(path ? path : name, O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			if (errno == EBUSY)
				logmsg(LOG_ERR, "%s busy: another tee-supplicant is running",
				       path ? path : name);
			if (path || errno == EBUSY)
				return -1;
			continue;
		}
		memset(&vers, 0, sizeof(vers));
		if (!ioctl(fd, TEE_IOC_VERSION, &vers) &&
		    vers.impl_id == TEE_IMPL_ID_OPTEE &&
		    (vers.gen_caps & TEE_GEN_CAP_PRIVILEGED)) {
			logmsg(LOG_INFO, "serving %s", path ? path : name);
			return fd;
		}
		close(fd);
		if (path) {
			errno = ENODEV;
			return -1;
		}
	}
	errno = ENOENT;
	return -1;
}

static void on_signal(int sig)
{
	stop_signal = sig;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: tee-supplicant [-d] [-v] [-f DIR] [DEVICE]\n"
		   "  -d  run in the background, log to syslog\n"
		   "  -v  log every request\n"
		   "  -f, --fs-parent-path DIR  secure storage's files (default " SUPP_FS_PARENT_PATH ")\n"
		   "  DEVICE  default: the first OP-TEE /dev/teeprivN\n");
}

int main(int argc, char *argv[])
{
	size_t len = sizeof(union supp_buf) +
		     MAX_PARAMS * sizeof(struct tee_ioctl_param);
	struct tee_ioctl_param *params;
	struct sigaction sa;
	const char *path = NULL;
	bool daemonize = false;
	union supp_buf *buf;
	int fd, opt, tries;
	unsigned int einval = 0;

	static const struct option longopts[] = {
		{ "fs-parent-path", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};

	while ((opt = getopt_long(argc, argv, "dvhf:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			supp_fs_set_root(optarg);
			break;
		case 'd':
			daemonize = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc)
		path = argv[optind++];
	if (optind < argc) {
		usage(stderr);
		return 2;
	}

	/* The driver may still be probing when init starts us. */
	for (tries = 0; (fd = open_device(path)) < 0; tries++) {
		if (errno == EBUSY)
			return 1; /* already said */
		if (tries >= 50) {
			logmsg(LOG_ERR, "no OP-TEE supplicant device%s%s: %s",
			       path ? " " : "", path ? path : "",
			       strerror(errno));
			return 1;
		}
		nanosleep(&(struct timespec){ .tv_nsec = 100000000 }, NULL);
	}

	if (daemonize) {
		/* Keep stderr: it is the console in the initramfs. */
		if (daemon(0, 1) < 0) {
			logmsg(LOG_ERR, "daemon: %s", strerror(errno));
			return 1;
		}
		openlog("tee-supplicant", LOG_PID | LOG_CONS, LOG_DAEMON);
		use_syslog = true;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: leave the blocking RECV */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	buf = calloc(1, len);
	if (!buf) {
		logmsg(LOG_ERR, "out of memory");
		return 1;
	}
	params = (struct tee_ioctl_param *)(buf + 1);

	while (!stop_signal) {
		struct tee_ioctl_buf_data data;
		uint32_t func, num, ret;

		memset(buf, 0, len);
		buf->recv.num_params = MAX_PARAMS;
		data.buf_ptr = (uintptr_t)buf;
		data.buf_len = len;
		if (ioctl(fd, TEE_IOC_SUPPL_RECV, &data) < 0) {
			if (errno == EINTR)
				continue;
			/*
			 * EINVAL also means a request with more than MAX_PARAMS
			 * parameters: it stays queued, so do not spin on it.
			 */
			if (einval++ < 5 || verbose)
				logmsg(LOG_ERR, "TEE_IOC_SUPPL_RECV: %s",
				       strerror(errno));
			sleep(1);
			continue;
		}
		einval = 0;
		func = buf->recv.func;
		num = buf->recv.num_params;
		if (num > MAX_PARAMS) {
			logmsg(LOG_ERR, "request %u with %u params", func, num);
			num = MAX_PARAMS;
		}
		logmsg(LOG_DEBUG, "request %u (%s), %u params", func,
		       rpc_name(func), num);
		ret = serve(func, num, params, fd);

		/* Same parameters back; the driver takes values and sizes. */
		buf->send.ret = ret;
		buf->send.num_params = num;
		data.buf_ptr = (uintptr_t)buf;
		data.buf_len = sizeof(union supp_buf) +
			       num * sizeof(struct tee_ioctl_param);
		if (ioctl(fd, TEE_IOC_SUPPL_SEND, &data) < 0)
			logmsg(LOG_ERR, "TEE_IOC_SUPPL_SEND for request %u (%s): %s",
			       func, rpc_name(func), strerror(errno));
	}

	logmsg(LOG_INFO, "signal %d, exiting", (int)stop_signal);
	while (shm_list) {
		struct shm_entry *e = shm_list;

		shm_list = e->next;
		close(e->fd);
		free(e);
	}
	free(buf);
	close(fd);
	return 0;
}
