// SPDX-License-Identifier: BSD-2-Clause
/*
 * random: reads bytes from the TEE's random number service (OP-TEE RNG PTA
 * ABI) and prints them in hex.
 *
 *   random [-n BYTES] [-i] [-t]
 *     -n BYTES  how many (default 32)
 *     -i        also print the service's info (rate, quality)
 *     -t        ask the random TA instead (ta/examples/random, the UUID of
 *               OP-TEE's random example: command 0, p0 MEMREF_OUTPUT filled)
 *
 * Command 0 GET_ENTROPY: p0 MEMREF_INOUT (buffer; size in = wanted, out =
 * produced), p1..p3 NONE. Command 1 GET_RNG_INFO: p0 VALUE_OUTPUT (a = rate
 * in bytes/s, 0 = unlimited; b = entropy bits per 1024 bits).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tee_client_api.h"
#include "teec_util.h"

#define CMD_GET_ENTROPY  0
#define CMD_GET_RNG_INFO 1
#define CHUNK            4096 /* what Linux's optee-rng asks at most */
#define MAX_EMPTY        8    /* consecutive empty answers before giving up */

static int fail(const char *what, TEEC_Result res, uint32_t origin)
{
	fprintf(stderr, "random: %s: %s (0x%08" PRIx32 "), origin %s\n", what,
		teec_result_str(res), res, teec_origin_str(origin));
	return 1;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: random [-n BYTES] [-i] [-t]\n");
}

int main(int argc, char *argv[])
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	TEEC_UUID uuid;
	TEEC_Result res;
	uint32_t origin = 0;
	unsigned long want = 32;
	size_t got = 0, i;
	int opt, info = 0, ta = 0, empty = 0, rc = 1;
	const char *service = MINTEE_UUID_RNG;
	uint8_t *buf;
	char *end;

	while ((opt = getopt(argc, argv, "n:iht")) != -1) {
		switch (opt) {
		case 'n':
			errno = 0;
			want = strtoul(optarg, &end, 0);
			if (errno || *end || !want || want > 1024 * 1024) {
				fprintf(stderr, "random: -n wants 1..1048576\n");
				return 2;
			}
			break;
		case 'i':
			info = 1;
			break;
		case 't':
			ta = 1;
			service = MINTEE_UUID_RANDOM_TA;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || (ta && info)) {
		usage(stderr);
		return 2;
	}
	buf = malloc(want);
	if (!buf) {
		fprintf(stderr, "random: out of memory\n");
		return 1;
	}
	teec_uuid_parse(service, &uuid);

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS) {
		free(buf);
		return fail("TEEC_InitializeContext", res, TEEC_ORIGIN_API);
	}
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res != TEEC_SUCCESS) {
		fail(ta ? "TEEC_OpenSession " MINTEE_UUID_RANDOM_TA : "TEEC_OpenSession " MINTEE_UUID_RNG,
		     res, origin);
		goto out_ctx;
	}

	if (info) {
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		res = TEEC_InvokeCommand(&sess, CMD_GET_RNG_INFO, &op, &origin);
		if (res != TEEC_SUCCESS) {
			fail("GET_RNG_INFO (command 1)", res, origin);
			goto out_sess;
		}
		printf("rate: %" PRIu32 " bytes/s%s, quality: %" PRIu32
		       "/1024\n", op.params[0].value.a,
		       op.params[0].value.a ? "" : " (unlimited)",
		       op.params[0].value.b);
	}

	while (got < want) {
		size_t n = want - got > CHUNK ? CHUNK : want - got;

		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(ta ? TEEC_MEMREF_TEMP_OUTPUT : TEEC_MEMREF_TEMP_INOUT,
						 TEEC_NONE, TEEC_NONE,
						 TEEC_NONE);
		op.params[0].tmpref.buffer = buf + got;
		op.params[0].tmpref.size = n;
		res = TEEC_InvokeCommand(&sess, CMD_GET_ENTROPY, &op, &origin);
		if (res != TEEC_SUCCESS) {
			fail("GET_ENTROPY (command 0)", res, origin);
			goto out_sess;
		}
		if (op.params[0].tmpref.size > n) {
			fprintf(stderr, "random: service returned %zu bytes for %zu asked\n",
				op.params[0].tmpref.size, n);
			goto out_sess;
		}
		if (!op.params[0].tmpref.size && ++empty >= MAX_EMPTY) {
			fprintf(stderr, "random: service returns no data\n");
			goto out_sess;
		}
		if (op.params[0].tmpref.size)
			empty = 0;
		got += op.params[0].tmpref.size;
	}

	for (i = 0; i < got; i++)
		printf("%02x%s", buf[i], (i % 32 == 31 || i + 1 == got) ? "\n" : "");
	rc = 0;
out_sess:
	TEEC_CloseSession(&sess);
out_ctx:
	TEEC_FinalizeContext(&ctx);
	free(buf);
	return rc;
}
