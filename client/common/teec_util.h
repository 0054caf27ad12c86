/*
 * Helpers shared by mintee's client programs (examples, tools, tests):
 * result/origin names, UUID text and octet forms, and names for the UUIDs
 * these programs know.
 */
#ifndef TEEC_UTIL_H
#define TEEC_UTIL_H

#include <stdint.h>

#include "tee_client_api.h"

#define TEEC_UUID_STR_LEN 36 /* xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx */

/* Name of a result code ("TEEC_ERROR_SHORT_BUFFER"), or "unknown". */
const char *teec_result_str(TEEC_Result res);

/* Name of an origin ("TEEC_ORIGIN_TEE"), or "unknown". */
const char *teec_origin_str(uint32_t origin);

/* Parses the canonical 36-character text form. 0 on success, -1 otherwise. */
int teec_uuid_parse(const char *s, TEEC_UUID *uuid);

/* Writes the canonical text form (TEEC_UUID_STR_LEN + 1 bytes). */
void teec_uuid_format(const TEEC_UUID *uuid, char out[TEEC_UUID_STR_LEN + 1]);

/* From / to the 16 RFC 4122 octets (the device-enumeration list format). */
void teec_uuid_from_octets(const uint8_t octets[16], TEEC_UUID *uuid);

int teec_uuid_equal(const TEEC_UUID *a, const TEEC_UUID *b);

/*
 * Names for UUIDs the tools know: mintee's built-in services and well-known
 * OP-TEE ones. A name is only a label: whether the firmware has such a
 * service is for the firmware to answer (mintee-ctl list asks it).
 */
struct known_uuid {
	const char *name;
	const char *uuid;
	const char *what; /* what the service does where it exists */
};

extern const struct known_uuid known_uuids[];
extern const unsigned int known_uuid_count;

/* Well-known UUIDs (text form). */
#define MINTEE_UUID_DEVICE_ENUM  "7011a688-ddde-4053-a5a9-7b3c4ddf13b8"
#define MINTEE_UUID_RNG          "ab7a617c-b8e7-4d8f-8301-d09b61036b64"
/* The hello world TA (OP-TEE example's UUID, ta/examples/hello_world) and the
 * built-in service with the same commands (core/pta/hello_world.c). */
#define MINTEE_UUID_HELLO_WORLD  "8aaaf200-2450-11e4-abe2-0002a5d5c51b"
#define MINTEE_UUID_HELLO_PTA    "a189a48a-63ac-46b4-ad0f-b0da7c39ca81"
#define MINTEE_UUID_RANDOM_TA    "b6c53aba-9669-4668-a7f2-205629d00f86"
#define MINTEE_UUID_TEST         "5ce0c432-0ab0-40e5-a056-782ca0e6aba2"
#define MINTEE_UUID_TRUSTED_KEYS "f04a0fe7-1f5d-4b9b-abf7-619b85b4ce8c"

/* Entry of known_uuids[] for uuid, or NULL. */
const struct known_uuid *known_uuid_find(const TEEC_UUID *uuid);

#endif /* TEEC_UTIL_H */
