/*
 * GP Persistent Object, Data Stream Access and enumerator functions, and the
 * generic object functions they need, over the MTA_SYS_STORAGE_* syscalls
 * (include/mintee_ta_abi.h; the format: docs/secure-storage.md). Only data
 * objects: attributes (key objects) are not offered yet. As GP asks, a
 * result outside a function's documented list (a bad handle, a right the
 * handle lacks, bad parameters) panics the TA.
 */
#include <stdlib.h>
#include <string.h>
#include <tee_internal_api.h>
#include <utee_syscalls.h>

struct __TEE_ObjectHandle {
	uint32_t h;	/* the core's handle */
};

struct __TEE_ObjectEnumHandle {
	uint32_t storage;
	uint32_t pos;
	bool started;
};

static void check(TEE_Result res, const TEE_Result *ok, size_t n)
{
	if (res == TEE_SUCCESS)
		return;
	for (size_t i = 0; i < n; i++)
		if (res == ok[i])
			return;
	TEE_Panic(res);
}

#define CHECK(res, ...) do {							\
	static const TEE_Result ok_[] = { __VA_ARGS__ };			\
	check((res), ok_, sizeof(ok_) / sizeof(ok_[0]));			\
} while (0)

static TEE_Result new_handle(uint32_t h, TEE_ObjectHandle *object)
{
	TEE_ObjectHandle o = malloc(sizeof(*o));

	if (!o) {
		_utee_storage_close(h);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	o->h = h;
	*object = o;
	return TEE_SUCCESS;
}

TEE_Result TEE_OpenPersistentObject(uint32_t storageID, const void *objectID, size_t objectIDLen,
				    uint32_t flags, TEE_ObjectHandle *object)
{
	uint32_t h = 0;
	TEE_Result res;

	if (!object)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	*object = TEE_HANDLE_NULL;
	res = _utee_storage_open(storageID, objectID, objectIDLen, flags, &h);
	CHECK(res, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_ACCESS_CONFLICT, TEE_ERROR_OUT_OF_MEMORY,
	      TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE, TEE_ERROR_BUSY);
	return res ? res : new_handle(h, object);
}

TEE_Result TEE_CreatePersistentObject(uint32_t storageID, const void *objectID,
				      size_t objectIDLen, uint32_t flags,
				      TEE_ObjectHandle attributes, const void *initialData,
				      size_t initialDataLen, TEE_ObjectHandle *object)
{
	struct mta_data init = { initialData, initialDataLen };
	uint32_t h = 0;
	TEE_Result res;

	if (object)
		*object = TEE_HANDLE_NULL;
	if (attributes != TEE_HANDLE_NULL)
		return TEE_ERROR_NOT_SUPPORTED;	/* key objects: not yet */
	res = _utee_storage_create(storageID, objectID, objectIDLen, flags, &init,
				   object ? &h : NULL);
	CHECK(res, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_ACCESS_CONFLICT, TEE_ERROR_OUT_OF_MEMORY,
	      TEE_ERROR_STORAGE_NO_SPACE, TEE_ERROR_CORRUPT_OBJECT,
	      TEE_ERROR_STORAGE_NOT_AVAILABLE, TEE_ERROR_BUSY);
	return res || !object ? res : new_handle(h, object);
}

void TEE_CloseObject(TEE_ObjectHandle object)
{
	if (object == TEE_HANDLE_NULL)
		return;
	if (_utee_storage_close(object->h))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	free(object);
}

TEE_Result TEE_CloseAndDeletePersistentObject1(TEE_ObjectHandle object)
{
	TEE_Result res;

	if (object == TEE_HANDLE_NULL)
		return TEE_SUCCESS;
	res = _utee_storage_delete(object->h);
	CHECK(res, TEE_ERROR_STORAGE_NOT_AVAILABLE, TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_BUSY);
	if (res != TEE_ERROR_BUSY)
		free(object);
	return res;
}

void TEE_CloseAndDeletePersistentObject(TEE_ObjectHandle object)
{
	TEE_Result res = TEE_CloseAndDeletePersistentObject1(object);

	if (res)
		TEE_Panic(res);
}

TEE_Result TEE_RenamePersistentObject(TEE_ObjectHandle object, const void *newObjectID,
				      size_t newObjectIDLen)
{
	TEE_Result res;

	if (object == TEE_HANDLE_NULL)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = _utee_storage_rename(object->h, newObjectID, newObjectIDLen);
	CHECK(res, TEE_ERROR_ACCESS_CONFLICT, TEE_ERROR_CORRUPT_OBJECT,
	      TEE_ERROR_STORAGE_NOT_AVAILABLE, TEE_ERROR_STORAGE_NO_SPACE, TEE_ERROR_BUSY);
	/* ACCESS_CONFLICT is GP's answer for an id in use; without WRITE_META
	 * the core answers the same and GP wants a panic: tell them apart. */
	if (res == TEE_ERROR_ACCESS_CONFLICT) {
		TEE_ObjectInfo info;

		TEE_GetObjectInfo1(object, &info);
		if (!(info.handleFlags & TEE_DATA_FLAG_ACCESS_WRITE_META))
			TEE_Panic(res);
	}
	return res;
}

TEE_Result TEE_GetObjectInfo1(TEE_ObjectHandle object, TEE_ObjectInfo *objectInfo)
{
	struct mta_obj_info i;

	if (object == TEE_HANDLE_NULL || !objectInfo || _utee_storage_info(object->h, &i))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	memset(objectInfo, 0, sizeof(*objectInfo));
	objectInfo->objectType = i.type;
	objectInfo->objectUsage = i.usage;
	objectInfo->dataSize = i.data_size;
	objectInfo->dataPosition = i.data_pos;
	objectInfo->handleFlags = i.handle_flags;
	return TEE_SUCCESS;
}

void TEE_GetObjectInfo(TEE_ObjectHandle object, TEE_ObjectInfo *objectInfo)
{
	TEE_GetObjectInfo1(object, objectInfo);
}

TEE_Result TEE_ReadObjectData(TEE_ObjectHandle object, void *buffer, size_t size,
			      size_t *count)
{
	uint32_t n = 0;
	TEE_Result res;

	if (object == TEE_HANDLE_NULL || !count)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = _utee_storage_read(object->h, buffer, size, &n);
	CHECK(res, TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE);
	*count = n;
	return res;
}

TEE_Result TEE_WriteObjectData(TEE_ObjectHandle object, const void *buffer, size_t size)
{
	TEE_Result res;

	if (object == TEE_HANDLE_NULL)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = _utee_storage_write(object->h, buffer, size);
	CHECK(res, TEE_ERROR_STORAGE_NO_SPACE, TEE_ERROR_OVERFLOW, TEE_ERROR_CORRUPT_OBJECT,
	      TEE_ERROR_STORAGE_NOT_AVAILABLE, TEE_ERROR_OUT_OF_MEMORY, TEE_ERROR_BUSY);
	return res;
}

TEE_Result TEE_TruncateObjectData(TEE_ObjectHandle object, size_t size)
{
	TEE_Result res;

	if (object == TEE_HANDLE_NULL)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = _utee_storage_truncate(object->h, size);
	CHECK(res, TEE_ERROR_STORAGE_NO_SPACE, TEE_ERROR_CORRUPT_OBJECT,
	      TEE_ERROR_STORAGE_NOT_AVAILABLE, TEE_ERROR_OUT_OF_MEMORY, TEE_ERROR_BUSY);
	return res;
}

/* GP 1.3: a 64-bit offset; offsets beyond 32 bits always overflow. */
TEE_Result TEE_SeekObjectData(TEE_ObjectHandle object, intmax_t offset, TEE_Whence whence)
{
	TEE_Result res;

	if (object == TEE_HANDLE_NULL)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	if (offset > INT32_MAX || offset < INT32_MIN)
		return TEE_ERROR_OVERFLOW;
	res = _utee_storage_seek(object->h, (int32_t)offset, whence);
	CHECK(res, TEE_ERROR_OVERFLOW);
	return res;
}

/* GP 1.1 (CFG_TA_OPTEE_CORE_API_COMPAT_1_1): a 32-bit offset. */
TEE_Result __GP11_TEE_SeekObjectData(TEE_ObjectHandle object, int32_t offset,
				     TEE_Whence whence)
{
	return TEE_SeekObjectData(object, offset, whence);
}

TEE_Result TEE_AllocatePersistentObjectEnumerator(TEE_ObjectEnumHandle *objectEnumerator)
{
	TEE_ObjectEnumHandle e;

	if (!objectEnumerator)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	e = calloc(1, sizeof(*e));
	*objectEnumerator = e;
	return e ? TEE_SUCCESS : TEE_ERROR_OUT_OF_MEMORY;
}

void TEE_FreePersistentObjectEnumerator(TEE_ObjectEnumHandle objectEnumerator)
{
	free(objectEnumerator);
}

void TEE_ResetPersistentObjectEnumerator(TEE_ObjectEnumHandle objectEnumerator)
{
	if (objectEnumerator)
		objectEnumerator->started = false;
}

TEE_Result TEE_StartPersistentObjectEnumerator(TEE_ObjectEnumHandle objectEnumerator,
					       uint32_t storageID)
{
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	uint32_t pos = 0, len = sizeof(id);
	struct mta_obj_info i;
	TEE_Result res;

	if (!objectEnumerator)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	/* GP: ITEM_NOT_FOUND when the storage holds no object. */
	res = _utee_storage_enum(storageID, &pos, id, &len, &i);
	CHECK(res, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_CORRUPT_OBJECT,
	      TEE_ERROR_STORAGE_NOT_AVAILABLE, TEE_ERROR_BUSY);
	if (res)
		return res;
	objectEnumerator->storage = storageID;
	objectEnumerator->pos = 0;
	objectEnumerator->started = true;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetNextPersistentObject(TEE_ObjectEnumHandle objectEnumerator,
				       TEE_ObjectInfo *objectInfo, void *objectID,
				       size_t *objectIDLen)
{
	uint32_t len = TEE_OBJECT_ID_MAX_LEN;
	struct mta_obj_info i;
	TEE_Result res;

	if (!objectEnumerator || !objectID || !objectIDLen)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	if (!objectEnumerator->started)
		return TEE_ERROR_ITEM_NOT_FOUND;
	res = _utee_storage_enum(objectEnumerator->storage, &objectEnumerator->pos, objectID,
				 &len, &i);
	CHECK(res, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_CORRUPT_OBJECT,
	      TEE_ERROR_STORAGE_NOT_AVAILABLE, TEE_ERROR_BUSY);
	if (res)
		return res;
	*objectIDLen = len;
	if (objectInfo) {
		memset(objectInfo, 0, sizeof(*objectInfo));
		objectInfo->objectType = i.type;
		objectInfo->objectUsage = i.usage;
		objectInfo->dataSize = i.data_size;
		objectInfo->handleFlags = i.handle_flags;
	}
	return TEE_SUCCESS;
}
