// SPDX-License-Identifier: BSD-2-Clause
#include <stdio.h>
#include <string.h>

#include "teec_util.h"

/*
 * Codes optee_client 4.x's header names and 3.19's does not: these helpers
 * also build against Debian bookworm's optee-client-dev.
 */
#ifndef TEE_ERROR_OVERFLOW
#define TEE_ERROR_OVERFLOW          0xFFFF300F
#endif
#ifndef TEE_ERROR_MAC_INVALID
#define TEE_ERROR_MAC_INVALID       0xFFFF3071
#endif
#ifndef TEE_ERROR_SIGNATURE_INVALID
#define TEE_ERROR_SIGNATURE_INVALID 0xFFFF3072
#endif
#ifndef TEE_ERROR_TIME_NOT_SET
#define TEE_ERROR_TIME_NOT_SET      0xFFFF5000
#endif
#ifndef TEE_ERROR_TIME_NEEDS_RESET
#define TEE_ERROR_TIME_NEEDS_RESET  0xFFFF5001
#endif

const char *teec_result_str(TEEC_Result res)
{
	switch (res) {
	case TEEC_SUCCESS:                     return "TEEC_SUCCESS";
	case TEEC_ERROR_STORAGE_NOT_AVAILABLE: return "TEEC_ERROR_STORAGE_NOT_AVAILABLE";
	case TEEC_ERROR_GENERIC:               return "TEEC_ERROR_GENERIC";
	case TEEC_ERROR_ACCESS_DENIED:         return "TEEC_ERROR_ACCESS_DENIED";
	case TEEC_ERROR_CANCEL:                return "TEEC_ERROR_CANCEL";
	case TEEC_ERROR_ACCESS_CONFLICT:       return "TEEC_ERROR_ACCESS_CONFLICT";
	case TEEC_ERROR_EXCESS_DATA:           return "TEEC_ERROR_EXCESS_DATA";
	case TEEC_ERROR_BAD_FORMAT:            return "TEEC_ERROR_BAD_FORMAT";
	case TEEC_ERROR_BAD_PARAMETERS:        return "TEEC_ERROR_BAD_PARAMETERS";
	case TEEC_ERROR_BAD_STATE:             return "TEEC_ERROR_BAD_STATE";
	case TEEC_ERROR_ITEM_NOT_FOUND:        return "TEEC_ERROR_ITEM_NOT_FOUND";
	case TEEC_ERROR_NOT_IMPLEMENTED:       return "TEEC_ERROR_NOT_IMPLEMENTED";
	case TEEC_ERROR_NOT_SUPPORTED:         return "TEEC_ERROR_NOT_SUPPORTED";
	case TEEC_ERROR_NO_DATA:               return "TEEC_ERROR_NO_DATA";
	case TEEC_ERROR_OUT_OF_MEMORY:         return "TEEC_ERROR_OUT_OF_MEMORY";
	case TEEC_ERROR_BUSY:                  return "TEEC_ERROR_BUSY";
	case TEEC_ERROR_COMMUNICATION:         return "TEEC_ERROR_COMMUNICATION";
	case TEEC_ERROR_SECURITY:              return "TEEC_ERROR_SECURITY";
	case TEEC_ERROR_SHORT_BUFFER:          return "TEEC_ERROR_SHORT_BUFFER";
	case TEEC_ERROR_EXTERNAL_CANCEL:       return "TEEC_ERROR_EXTERNAL_CANCEL";
	case TEE_ERROR_OVERFLOW:               return "TEE_ERROR_OVERFLOW";
	case TEEC_ERROR_TARGET_DEAD:           return "TEEC_ERROR_TARGET_DEAD";
	case TEEC_ERROR_STORAGE_NO_SPACE:      return "TEEC_ERROR_STORAGE_NO_SPACE";
	case TEE_ERROR_MAC_INVALID:            return "TEE_ERROR_MAC_INVALID";
	case TEE_ERROR_SIGNATURE_INVALID:      return "TEE_ERROR_SIGNATURE_INVALID";
	case TEE_ERROR_TIME_NOT_SET:           return "TEE_ERROR_TIME_NOT_SET";
	case TEE_ERROR_TIME_NEEDS_RESET:       return "TEE_ERROR_TIME_NEEDS_RESET";
	default:                               return "unknown";
	}
}

const char *teec_origin_str(uint32_t origin)
{
	switch (origin) {
	case TEEC_ORIGIN_API:         return "TEEC_ORIGIN_API";
	case TEEC_ORIGIN_COMMS:       return "TEEC_ORIGIN_COMMS";
	case TEEC_ORIGIN_TEE:         return "TEEC_ORIGIN_TEE";
	case TEEC_ORIGIN_TRUSTED_APP: return "TEEC_ORIGIN_TRUSTED_APP";
	default:                      return "unknown";
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int teec_uuid_parse(const char *s, TEEC_UUID *uuid)
{
	uint8_t o[16];
	int i, n = 0;

	if (!s || strlen(s) != TEEC_UUID_STR_LEN)
		return -1;
	for (i = 0; i < TEEC_UUID_STR_LEN; ) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i++] != '-')
				return -1;
			continue;
		}
		hi = hexval(s[i]);
		lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		o[n++] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	teec_uuid_from_octets(o, uuid);
	return 0;
}

void teec_uuid_format(const TEEC_UUID *u, char out[TEEC_UUID_STR_LEN + 1])
{
	const uint8_t *c = u->clockSeqAndNode;

	snprintf(out, TEEC_UUID_STR_LEN + 1,
		 "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 (unsigned int)u->timeLow, (unsigned int)u->timeMid,
		 (unsigned int)u->timeHiAndVersion, c[0], c[1], c[2], c[3],
		 c[4], c[5], c[6], c[7]);
}

void teec_uuid_from_octets(const uint8_t o[16], TEEC_UUID *u)
{
	u->timeLow = (uint32_t)o[0] << 24 | (uint32_t)o[1] << 16 |
		     (uint32_t)o[2] << 8 | o[3];
	u->timeMid = (uint16_t)(o[4] << 8 | o[5]);
	u->timeHiAndVersion = (uint16_t)(o[6] << 8 | o[7]);
	memcpy(u->clockSeqAndNode, o + 8, 8);
}

int teec_uuid_equal(const TEEC_UUID *a, const TEEC_UUID *b)
{
	return a->timeLow == b->timeLow && a->timeMid == b->timeMid &&
	       a->timeHiAndVersion == b->timeHiAndVersion &&
	       !memcmp(a->clockSeqAndNode, b->clockSeqAndNode, 8);
}

const struct known_uuid known_uuids[] = {
	{ "device-enum", MINTEE_UUID_DEVICE_ENUM,
	  "device enumeration (lists services for the TEE bus)" },
	{ "rng", MINTEE_UUID_RNG, "random numbers (OP-TEE RNG PTA ABI)" },
	{ "hello-world", MINTEE_UUID_HELLO_WORLD,
	  "hello world TA (/lib/optee_armtz): cmd 0 value.a += 1, cmd 1 value.a -= 1" },
	{ "hello-pta", MINTEE_UUID_HELLO_PTA,
	  "built-in hello world: cmd 0 value.a += 1, cmd 1 value.a -= 1" },
	{ "random-ta", MINTEE_UUID_RANDOM_TA,
	  "random TA (/lib/optee_armtz): cmd 0 fills a memref with random bytes" },
	{ "test", MINTEE_UUID_TEST, "mintee test/bench service" },
	{ "trusted-keys", MINTEE_UUID_TRUSTED_KEYS,
	  "OP-TEE's trusted-keys TA (kernel clients only)" },
};
const unsigned int known_uuid_count =
	sizeof(known_uuids) / sizeof(known_uuids[0]);

const struct known_uuid *known_uuid_find(const TEEC_UUID *uuid)
{
	unsigned int n;

	for (n = 0; n < known_uuid_count; n++) {
		TEEC_UUID u;

		if (!teec_uuid_parse(known_uuids[n].uuid, &u) &&
		    teec_uuid_equal(&u, uuid))
			return &known_uuids[n];
	}
	return NULL;
}
