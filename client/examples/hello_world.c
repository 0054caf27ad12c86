// SPDX-License-Identifier: BSD-2-Clause
/*
 * hello_world: the smallest GP client. Opens the hello-world service,
 * increments a value (command 0), then decrements it (command 1).
 *
 *   hello_world [VALUE]      (default 42)
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tee_client_api.h"
#include "teec_util.h"

#define CMD_INC_VALUE 0
#define CMD_DEC_VALUE 1

static int fail(const char *what, TEEC_Result res, uint32_t origin)
{
	fprintf(stderr, "hello_world: %s: %s (0x%08" PRIx32 "), origin %s\n",
		what, teec_result_str(res), res, teec_origin_str(origin));
	return 1;
}

static TEEC_Result step(TEEC_Session *sess, uint32_t cmd, uint32_t *value,
			uint32_t *origin)
{
	TEEC_Operation op;
	TEEC_Result res;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = *value;
	res = TEEC_InvokeCommand(sess, cmd, &op, origin);
	if (res == TEEC_SUCCESS)
		*value = op.params[0].value.a;
	return res;
}

int main(int argc, char *argv[])
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_UUID uuid;
	TEEC_Result res;
	uint32_t origin = 0, value = 42;
	int rc = 1;

	if (argc > 2 || (argc == 2 && !strcmp(argv[1], "-h"))) {
		fprintf(stderr, "usage: hello_world [VALUE]\n");
		return 2;
	}
	if (argc == 2) {
		char *end;
		unsigned long v;

		errno = 0;
		v = strtoul(argv[1], &end, 0);
		if (errno || *end || v > UINT32_MAX) {
			fprintf(stderr, "hello_world: bad value '%s'\n", argv[1]);
			return 2;
		}
		value = (uint32_t)v;
	}
	teec_uuid_parse(MINTEE_UUID_HELLO_WORLD, &uuid);

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		return fail("TEEC_InitializeContext", res, TEEC_ORIGIN_API);
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res != TEEC_SUCCESS) {
		fail("TEEC_OpenSession " MINTEE_UUID_HELLO_WORLD, res, origin);
		goto out_ctx;
	}

	printf("hello_world: value before: %" PRIu32 "\n", value);
	res = step(&sess, CMD_INC_VALUE, &value, &origin);
	if (res != TEEC_SUCCESS) {
		fail("increment (command 0)", res, origin);
		goto out_sess;
	}
	printf("hello_world: after increment: %" PRIu32 "\n", value);
	res = step(&sess, CMD_DEC_VALUE, &value, &origin);
	if (res != TEEC_SUCCESS) {
		fail("decrement (command 1)", res, origin);
		goto out_sess;
	}
	printf("hello_world: after decrement: %" PRIu32 "\n", value);
	rc = 0;
out_sess:
	TEEC_CloseSession(&sess);
out_ctx:
	TEEC_FinalizeContext(&ctx);
	return rc;
}
