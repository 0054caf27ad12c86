/* Secure storage commands of the test service (core/pta/test_storage.c):
 * the firmware's storage path end to end (RPC, tee-supplicant, files) before
 * TAs can reach it. Test images only. */
#ifndef STORAGE_TEST_H
#define STORAGE_TEST_H
#include <stdint.h>
#include <pta.h>

/*
 * cmd 20 PUT: p0 memref in id, p1 memref in data, p2 value in a = identity
 *            (0 or 1: two stand-in TAs) -> create, overwriting
 * cmd 21 GET: p0 id, p1 memref out, p2 identity -> the data (SHORT_BUFFER
 *            with the size when p1 is too small)
 * cmd 22 DEL: p0 id, p2 identity -> delete
 * Results are the storage's (CORRUPT_OBJECT, ITEM_NOT_FOUND, ...).
 */
#define STORAGE_TEST_CMD_PUT 20
#define STORAGE_TEST_CMD_GET 21
#define STORAGE_TEST_CMD_DEL 22
#define STORAGE_TEST_TYPES_PUT                                                    \
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_INPUT, \
			TEE_PARAM_TYPE_VALUE_INPUT, TEE_PARAM_TYPE_NONE)
#define STORAGE_TEST_TYPES_GET                                                     \
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_OUTPUT, \
			TEE_PARAM_TYPE_VALUE_INPUT, TEE_PARAM_TYPE_NONE)
#define STORAGE_TEST_TYPES_DEL                                            \
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_NONE, \
			TEE_PARAM_TYPE_VALUE_INPUT, TEE_PARAM_TYPE_NONE)

uint32_t storage_test_invoke(uint32_t cmd, union tee_param p[TEE_NUM_PARAMS]);
#endif
