/*
 * GP Memory Management functions that need no core: the TEE_Malloc pool is
 * newlib's malloc over ta_heap (TA_DATA_SIZE bytes, newlib_glue.c), and the
 * instance data is a global of the instance (each instance has its own
 * address space).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <tee_internal_api.h>

static const void *instance_data;

void *TEE_Malloc(size_t size, uint32_t hint)
{
	switch (hint) {
	case TEE_MALLOC_FILL_ZERO:
	case TEE_MALLOC_NO_SHARE:
		return calloc(1, size ? size : 1);
	case TEE_MALLOC_NO_FILL:
	case TEE_MALLOC_NO_FILL | TEE_MALLOC_NO_SHARE:
		return malloc(size ? size : 1);
	default:
		EMSG("TEE_Malloc: invalid hint 0x%" PRIx32, hint);
		return NULL;
	}
}

void *TEE_Realloc(void *buffer, size_t newSize)
{
	return realloc(buffer, newSize ? newSize : 1);
}

void TEE_Free(void *buffer)
{
	free(buffer);
}

void *TEE_MemMove(void *dest, const void *src, size_t size)
{
	return memmove(dest, src, size);
}

int32_t TEE_MemCompare(const void *buffer1, const void *buffer2, size_t size)
{
	int r = memcmp(buffer1, buffer2, size);

	return (r > 0) - (r < 0);
}

void TEE_MemFill(void *buff, uint32_t x, size_t size)
{
	memset(buff, (int)(uint8_t)x, size);
}

void TEE_SetInstanceData(const void *instanceData)
{
	instance_data = instanceData;
}

const void *TEE_GetInstanceData(void)
{
	return instance_data;
}
