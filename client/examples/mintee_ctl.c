// SPDX-License-Identifier: BSD-2-Clause
/*
 * mintee-ctl: look at and poke the TEE from a shell.
 *
 *   mintee-ctl info
 *       TEE devices, their capabilities and the shared-memory mode.
 *   mintee-ctl list
 *       What the firmware says it has: the services its device-enumeration
 *       service lists (command 0 GET_DEVICES, command 1 GET_DEVICES_SUPP),
 *       what the kernel bound on the TEE bus (/sys/bus/tee/devices), and,
 *       for each UUID this tool has a name for, the firmware's answer to
 *       an OPEN_SESSION of it (present, not present, or the refusal). No
 *       line states a service exists without the firmware saying so.
 *   mintee-ctl invoke [-l public|user|group] SERVICE CMD [A [B]]
 *       Opens SERVICE (a UUID or a known name, see `list`), invokes CMD with p0 =
 *       VALUE_INOUT {A, B} (p0 NONE without A), prints result, origin and
 *       the values the service returned.
 *   mintee-ctl invoke [-l ...] SERVICE CMD PARAM...
 *       Up to four typed parameters: none | in:A[:B] | out | inout:A[:B].
 *
 * Exit status: 0 success, 1 a TEE call failed, 2 bad usage.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/tee.h>

#include "tee_client_api.h"
#include "teec_util.h"

#define PTA_CMD_GET_DEVICES      0
#define PTA_CMD_GET_DEVICES_SUPP 1
#define UUID_OCTETS              16

static void usage(FILE *f)
{
	fprintf(f,
		"usage: mintee-ctl info\n"
		"       mintee-ctl list\n"
		"       mintee-ctl invoke [-l public|user|group] SERVICE CMD [A [B]]\n"
		"       mintee-ctl invoke [-l public|user|group] SERVICE CMD PARAM...\n"
		"  SERVICE  UUID or known name (see `mintee-ctl list`)\n"
		"  PARAM    none | in:A[:B] | out | inout:A[:B]   (p0..p3)\n");
}

static void report(const char *what, TEEC_Result res, uint32_t origin)
{
	printf("%s: %s (0x%08" PRIx32 "), origin %s\n", what,
	       teec_result_str(res), res, teec_origin_str(origin));
}

/* ---------------------------------------------------------------- info */

static void print_caps(const char *path)
{
	struct tee_ioctl_version_data v;
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		printf("%s: %s\n", path, strerror(errno));
		return;
	}
	memset(&v, 0, sizeof(v));
	if (ioctl(fd, TEE_IOC_VERSION, &v) < 0) {
		printf("%s: TEE_IOC_VERSION: %s\n", path, strerror(errno));
		close(fd);
		return;
	}
	printf("%s: impl %s (%u), impl_caps 0x%x, gen_caps 0x%x:%s%s%s%s\n",
	       path, v.impl_id == TEE_IMPL_ID_OPTEE ? "OP-TEE" : "other",
	       v.impl_id, v.impl_caps, v.gen_caps,
	       v.gen_caps & TEE_GEN_CAP_GP ? " GP" : "",
	       v.gen_caps & TEE_GEN_CAP_PRIVILEGED ? " PRIVILEGED" : "",
	       v.gen_caps & TEE_GEN_CAP_REG_MEM ? " REG_MEM" : "",
	       v.gen_caps & TEE_GEN_CAP_MEMREF_NULL ? " MEMREF_NULL" : "");
	if (!(v.gen_caps & TEE_GEN_CAP_PRIVILEGED))
		printf("%s: shared memory: %s\n", path,
		       v.gen_caps & TEE_GEN_CAP_REG_MEM ?
		       "dynamic (user buffers registered in place)" :
		       "reserved pool (user buffers go through shadow copies)");
	close(fd);
}

static int cmd_info(void)
{
	char path[32];
	struct stat st;
	int n, found = 0;

	for (n = 0; n < 16; n++) {
		snprintf(path, sizeof(path), "/dev/tee%d", n);
		if (stat(path, &st))
			continue;
		found = 1;
		print_caps(path);
	}
	for (n = 0; n < 16; n++) {
		/*
		 * Not opened: only one process may hold it (tee-supplicant),
		 * and the first open starts the driver's GET_DEVICES_SUPP scan.
		 */
		snprintf(path, sizeof(path), "/dev/teepriv%d", n);
		if (!stat(path, &st)) {
			found = 1;
			printf("%s: supplicant device\n", path);
		}
	}
	if (!found) {
		printf("no /dev/tee* device: is the OP-TEE driver probed?\n");
		return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- list */

static void print_uuid_line(const char *indent, const TEEC_UUID *u)
{
	const struct known_uuid *s = known_uuid_find(u);
	char str[TEEC_UUID_STR_LEN + 1];

	teec_uuid_format(u, str);
	printf("%s%s  %s\n", indent, str, s ? s->name : "(unknown)");
}

/*
 * GET_DEVICES-style call: size query with a NULL buffer, then the real
 * call. Prints the UUIDs; returns the result of the last call.
 */
static TEEC_Result enumerate(TEEC_Session *sess, uint32_t cmd,
			     const char *title)
{
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	uint8_t *buf = NULL;
	size_t size, n;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = NULL;
	op.params[0].tmpref.size = 0;
	res = TEEC_InvokeCommand(sess, cmd, &op, &origin);
	if (res != TEEC_SUCCESS && res != TEEC_ERROR_SHORT_BUFFER) {
		printf("%s: ", title);
		report("size query", res, origin);
		return res;
	}
	size = op.params[0].tmpref.size;
	if (size % UUID_OCTETS) {
		printf("%s: size %zu is not a multiple of %d\n", title, size,
		       UUID_OCTETS);
		return TEEC_ERROR_BAD_FORMAT;
	}
	if (size) {
		buf = malloc(size);
		if (!buf)
			return TEEC_ERROR_OUT_OF_MEMORY;
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT,
						 TEEC_NONE, TEEC_NONE,
						 TEEC_NONE);
		op.params[0].tmpref.buffer = buf;
		op.params[0].tmpref.size = size;
		res = TEEC_InvokeCommand(sess, cmd, &op, &origin);
		if (res != TEEC_SUCCESS) {
			printf("%s: ", title);
			report("GET_DEVICES", res, origin);
			free(buf);
			return res;
		}
		if (op.params[0].tmpref.size < size)
			size = op.params[0].tmpref.size;
	}
	printf("%s: %zu\n", title, size / UUID_OCTETS);
	for (n = 0; n + UUID_OCTETS <= size; n += UUID_OCTETS) {
		TEEC_UUID u;

		teec_uuid_from_octets(buf + n, &u);
		print_uuid_line("  ", &u);
	}
	free(buf);
	return TEEC_SUCCESS;
}

/* What the kernel registered on the TEE bus: optee-ta-<uuid>. */
static void list_tee_bus(void)
{
	const char *dir = "/sys/bus/tee/devices";
	const char *prefix = "optee-ta-";
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d) {
		printf("kernel TEE bus: %s: %s\n", dir, strerror(errno));
		return;
	}
	printf("kernel TEE bus (%s):\n", dir);
	while ((e = readdir(d))) {
		TEEC_UUID u;

		if (strncmp(e->d_name, prefix, strlen(prefix)) ||
		    teec_uuid_parse(e->d_name + strlen(prefix), &u))
			continue;
		print_uuid_line("  ", &u);
		n++;
	}
	closedir(d);
	if (!n)
		printf("  (none)\n");
}

/*
 * For each UUID this tool has a name for, asks the firmware: OPEN_SESSION
 * (login PUBLIC), closed again at once. ITEM_NOT_FOUND from the TEE means
 * it has no such service; any other refusal is printed as it came.
 */
static TEEC_Result probe_known(void)
{
	TEEC_Context ctx;
	TEEC_Result res;
	unsigned int n;

	printf("known UUIDs, probed with OPEN_SESSION (names are mintee-ctl's; the answers are the firmware's):\n");
	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS) {
		report("  TEEC_InitializeContext", res, TEEC_ORIGIN_API);
		return res;
	}
	for (n = 0; n < known_uuid_count; n++) {
		const struct known_uuid *k = &known_uuids[n];
		uint32_t origin = 0;
		TEEC_Session sess;
		TEEC_UUID uuid;
		TEEC_Result r;

		if (teec_uuid_parse(k->uuid, &uuid))
			continue;
		r = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC,
				     NULL, NULL, &origin);
		printf("  %s  %-12s  ", k->uuid, k->name);
		if (r == TEEC_SUCCESS) {
			TEEC_CloseSession(&sess);
			printf("present: %s\n", k->what);
		} else if (r == TEEC_ERROR_ITEM_NOT_FOUND &&
			   origin == TEEC_ORIGIN_TEE) {
			printf("not present\n");
		} else {
			printf("refused: %s (0x%08" PRIx32 "), origin %s\n",
			       teec_result_str(r), r, teec_origin_str(origin));
		}
	}
	TEEC_FinalizeContext(&ctx);
	return TEEC_SUCCESS;
}

static int cmd_list(void)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_UUID uuid;
	TEEC_Result res;
	uint32_t origin;
	int rc = 0;

	teec_uuid_parse(MINTEE_UUID_DEVICE_ENUM, &uuid);
	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS) {
		report("TEEC_InitializeContext", res, TEEC_ORIGIN_API);
		rc = 1;
	} else {
		res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC,
				       NULL, NULL, &origin);
		if (res != TEEC_SUCCESS) {
			report("device enumeration " MINTEE_UUID_DEVICE_ENUM,
			       res, origin);
			rc = 1;
		} else {
			if (enumerate(&sess, PTA_CMD_GET_DEVICES,
				      "the firmware lists for the TEE bus (GET_DEVICES)") !=
			    TEEC_SUCCESS)
				rc = 1;
			/* Optional: report, do not fail. */
			enumerate(&sess, PTA_CMD_GET_DEVICES_SUPP,
				  "the firmware lists for the TEE bus once tee-supplicant runs (GET_DEVICES_SUPP)");
			TEEC_CloseSession(&sess);
		}
		TEEC_FinalizeContext(&ctx);
	}

	list_tee_bus();
	if (probe_known() != TEEC_SUCCESS)
		rc = 1;
	return rc;
}

/* -------------------------------------------------------------- invoke */

static int parse_u32(const char *s, uint32_t *v)
{
	unsigned long long x;
	char *end;

	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno || !*s || *end || x > UINT32_MAX)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

/* "none", "out", "in:A[:B]", "inout:A[:B]" -> type and value. */
static int parse_param(const char *s, uint32_t *type, TEEC_Value *v)
{
	char buf[64], *a, *b;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	a = strchr(buf, ':');
	if (a)
		*a++ = '\0';
	b = a ? strchr(a, ':') : NULL;
	if (b)
		*b++ = '\0';
	v->a = v->b = 0;
	if (!strcmp(buf, "none") || !strcmp(buf, "out")) {
		if (a)
			return -1;
		*type = buf[0] == 'n' ? TEEC_NONE : TEEC_VALUE_OUTPUT;
		return 0;
	}
	if (strcmp(buf, "in") && strcmp(buf, "inout"))
		return -1;
	*type = buf[2] ? TEEC_VALUE_INOUT : TEEC_VALUE_INPUT;
	if (!a || parse_u32(a, &v->a) || (b && parse_u32(b, &v->b)))
		return -1;
	return 0;
}

static int parse_service(const char *s, TEEC_UUID *uuid)
{
	unsigned int n;

	if (!teec_uuid_parse(s, uuid))
		return 0;
	for (n = 0; n < known_uuid_count; n++)
		if (!strcmp(s, known_uuids[n].name))
			return teec_uuid_parse(known_uuids[n].uuid, uuid);
	return -1;
}

static int cmd_invoke(int argc, char *argv[])
{
	uint32_t login = TEEC_LOGIN_PUBLIC, types[4] = { 0 }, cmd, origin;
	TEEC_Value vals[4];
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	TEEC_UUID uuid;
	TEEC_Result res;
	gid_t gid = getegid();
	int i, nparams, opt, rc = 1;

	memset(vals, 0, sizeof(vals));
	optind = 1;
	while ((opt = getopt(argc, argv, "+l:")) != -1) {
		if (opt != 'l')
			goto bad;
		if (!strcmp(optarg, "public"))
			login = TEEC_LOGIN_PUBLIC;
		else if (!strcmp(optarg, "user"))
			login = TEEC_LOGIN_USER;
		else if (!strcmp(optarg, "group"))
			login = TEEC_LOGIN_GROUP;
		else
			goto bad;
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || parse_service(argv[0], &uuid) ||
	    parse_u32(argv[1], &cmd))
		goto bad;
	nparams = argc - 2;
	if (nparams > 4)
		goto bad;
	/* Plain numbers: the short form, p0 VALUE_INOUT {A, B}. */
	if (nparams >= 1 && !parse_u32(argv[2], &vals[0].a)) {
		if (nparams > 2 || (nparams == 2 && parse_u32(argv[3], &vals[0].b)))
			goto bad;
		types[0] = TEEC_VALUE_INOUT;
	} else {
		for (i = 0; i < nparams; i++)
			if (parse_param(argv[2 + i], &types[i], &vals[i]))
				goto bad;
	}

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS) {
		report("TEEC_InitializeContext", res, TEEC_ORIGIN_API);
		return 1;
	}
	res = TEEC_OpenSession(&ctx, &sess, &uuid, login,
			       login == TEEC_LOGIN_GROUP ? &gid : NULL, NULL,
			       &origin);
	if (res != TEEC_SUCCESS) {
		report("TEEC_OpenSession", res, origin);
		goto out_ctx;
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(types[0], types[1], types[2],
					 types[3]);
	for (i = 0; i < 4; i++)
		op.params[i].value = vals[i];
	res = TEEC_InvokeCommand(&sess, cmd, &op, &origin);
	report("result", res, origin);
	for (i = 0; i < 4; i++) {
		if (types[i] != TEEC_VALUE_OUTPUT && types[i] != TEEC_VALUE_INOUT)
			continue;
		printf("p%d: a = %" PRIu32 " (0x%" PRIx32 "), b = %" PRIu32
		       " (0x%" PRIx32 ")\n", i, op.params[i].value.a,
		       op.params[i].value.a, op.params[i].value.b,
		       op.params[i].value.b);
	}
	if (res == TEEC_SUCCESS)
		rc = 0;
	TEEC_CloseSession(&sess);
out_ctx:
	TEEC_FinalizeContext(&ctx);
	return rc;
bad:
	usage(stderr);
	return 2;
}

int main(int argc, char *argv[])
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "info") && argc == 2)
		return cmd_info();
	if (!strcmp(argv[1], "list") && argc == 2)
		return cmd_list();
	if (!strcmp(argv[1], "invoke"))
		return cmd_invoke(argc - 1, argv + 1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	usage(stderr);
	return 2;
}
