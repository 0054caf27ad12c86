/*
 * The test service's secure storage commands (storage_test.h): PUT, GET and
 * DEL of objects of two stand-in TAs, whose UUIDs are the test service's own
 * with the last octet XOR the identity. Through them the Linux tier drives
 * the whole firmware path: storage logic, OPTEE_RPC_CMD_FS in APPL buffers,
 * tee-supplicant, files on disk.
 */
#include <string.h>
#include <storage.h>
#include <storage_test.h>

static const uint8_t test_uuid[16] = { 0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
				       0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0xa2 };

static uint32_t put(const uint8_t *uuid, union tee_param p[TEE_NUM_PARAMS])
{
	const uint32_t fl = TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_ACCESS_WRITE |
			    TEE_DATA_FLAG_OVERWRITE;
	struct storage_handle *h;
	uint32_t res = storage_create(uuid, TEE_STORAGE_PRIVATE, p[0].memref.buffer,
				      p[0].memref.size, fl, p[1].memref.buffer, p[1].memref.size,
				      &h);

	if (!res)
		storage_close(h);
	return res;
}

static uint32_t get(const uint8_t *uuid, union tee_param p[TEE_NUM_PARAMS])
{
	struct storage_handle *h;
	struct storage_info info;
	size_t n = 0;
	uint32_t res = storage_open(uuid, TEE_STORAGE_PRIVATE, p[0].memref.buffer, p[0].memref.size,
				    TEE_DATA_FLAG_ACCESS_READ, &h);

	if (res)
		return res;
	storage_get_info(h, &info);
	if (!p[1].memref.buffer || p[1].memref.size < info.data_size)
		res = TEE_ERROR_SHORT_BUFFER;
	else
		res = storage_read(h, p[1].memref.buffer, info.data_size, &n);
	storage_close(h);
	p[1].memref.size = res == TEE_ERROR_SHORT_BUFFER ? info.data_size : n;
	return res;
}

static uint32_t del(const uint8_t *uuid, union tee_param p[TEE_NUM_PARAMS])
{
	struct storage_handle *h;
	uint32_t res = storage_open(uuid, TEE_STORAGE_PRIVATE, p[0].memref.buffer, p[0].memref.size,
				    TEE_DATA_FLAG_ACCESS_WRITE_META, &h);

	return res ? res : storage_close_and_delete(h);
}

uint32_t storage_test_invoke(uint32_t cmd, union tee_param p[TEE_NUM_PARAMS])
{
	uint8_t uuid[16];

	if (p[2].value.a > 1 || !p[0].memref.buffer)
		return TEE_ERROR_BAD_PARAMETERS;
	memcpy(uuid, test_uuid, sizeof(uuid));
	uuid[15] ^= (uint8_t)p[2].value.a;
	switch (cmd) {
	case STORAGE_TEST_CMD_PUT:
		return put(uuid, p);
	case STORAGE_TEST_CMD_GET:
		return get(uuid, p);
	case STORAGE_TEST_CMD_DEL:
		return del(uuid, p);
	default:
		return TEE_ERROR_NOT_IMPLEMENTED;
	}
}
