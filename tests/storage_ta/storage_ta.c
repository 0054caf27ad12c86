/*
 * Secure storage test TA: the GP Persistent Object and Data Stream functions
 * as a TA calls them (linux.storage_ta.*). SELFTEST runs the API through its
 * results and errors; PUT/GET/DEL keep objects across sessions (a new
 * instance each time), so the tier can check persistence and tampering.
 */
#include <string.h>
#include <tee_internal_api.h>
#include <storage_ta.h>

#define RW   (TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_ACCESS_WRITE)
#define META TEE_DATA_FLAG_ACCESS_WRITE_META
#define SHR  (TEE_DATA_FLAG_SHARE_READ | TEE_DATA_FLAG_SHARE_WRITE)
#define PRIV TEE_STORAGE_PRIVATE

static uint32_t passed, first_fail;

#define CHECK(c) do {						\
	if (c)							\
		passed++;					\
	else if (!first_fail)					\
		first_fail = __LINE__;				\
} while (0)

TEE_Result TA_CreateEntryPoint(void) { return TEE_SUCCESS; }
void TA_DestroyEntryPoint(void) {}
TEE_Result TA_OpenSessionEntryPoint(uint32_t t, TEE_Param p[4], void **ctx)
{
	(void)t, (void)p, (void)ctx;
	return TEE_SUCCESS;
}
void TA_CloseSessionEntryPoint(void *ctx) { (void)ctx; }

static bool read_is(TEE_ObjectHandle o, const char *s)
{
	char buf[64];
	size_t n = 0;

	return !TEE_ReadObjectData(o, buf, sizeof(buf), &n) && n == strlen(s) &&
	       !memcmp(buf, s, n);
}

static void stream(void)
{
	TEE_ObjectHandle o = TEE_HANDLE_NULL, o2 = TEE_HANDLE_NULL;
	TEE_ObjectInfo info;

	CHECK(TEE_CreatePersistentObject(PRIV, "st-a", 4, RW | META, TEE_HANDLE_NULL, "hello", 5,
					 &o) == TEE_SUCCESS);
	CHECK(TEE_CreatePersistentObject(PRIV, "st-a", 4, RW, TEE_HANDLE_NULL, "x", 1, &o2) ==
	      TEE_ERROR_ACCESS_CONFLICT);
	CHECK(o2 == TEE_HANDLE_NULL);
	CHECK(TEE_SeekObjectData(o, 0, TEE_DATA_SEEK_END) == TEE_SUCCESS);
	CHECK(TEE_WriteObjectData(o, " world", 6) == TEE_SUCCESS);
	CHECK(TEE_GetObjectInfo1(o, &info) == TEE_SUCCESS);
	CHECK(info.dataSize == 11 && info.dataPosition == 11 && info.objectType == TEE_TYPE_DATA);
	CHECK(info.handleFlags & TEE_HANDLE_FLAG_PERSISTENT);
	CHECK(TEE_SeekObjectData(o, 0, TEE_DATA_SEEK_SET) == TEE_SUCCESS);
	CHECK(read_is(o, "hello world"));
	CHECK(TEE_TruncateObjectData(o, 5) == TEE_SUCCESS);
	CHECK(TEE_SeekObjectData(o, -2, TEE_DATA_SEEK_END) == TEE_SUCCESS);
	CHECK(read_is(o, "lo"));
	/* WRITE_META is exclusive. */
	CHECK(TEE_OpenPersistentObject(PRIV, "st-a", 4, TEE_DATA_FLAG_ACCESS_READ, &o2) ==
	      TEE_ERROR_ACCESS_CONFLICT);
	CHECK(TEE_RenamePersistentObject(o, "st-b", 4) == TEE_SUCCESS);
	CHECK(TEE_OpenPersistentObject(PRIV, "st-a", 4, TEE_DATA_FLAG_ACCESS_READ, &o2) ==
	      TEE_ERROR_ITEM_NOT_FOUND);
	TEE_CloseObject(o);
	CHECK(TEE_OpenPersistentObject(PRIV, "st-b", 4, TEE_DATA_FLAG_ACCESS_READ | META, &o) ==
	      TEE_SUCCESS);
	CHECK(read_is(o, "hello"));
	CHECK(TEE_CloseAndDeletePersistentObject1(o) == TEE_SUCCESS);
	CHECK(TEE_OpenPersistentObject(PRIV, "st-b", 4, TEE_DATA_FLAG_ACCESS_READ, &o) ==
	      TEE_ERROR_ITEM_NOT_FOUND);
}

static void sharing(void)
{
	TEE_ObjectHandle a = TEE_HANDLE_NULL, b = TEE_HANDLE_NULL, c = TEE_HANDLE_NULL;

	CHECK(TEE_CreatePersistentObject(PRIV, "st-s", 4, RW | SHR, TEE_HANDLE_NULL, "s", 1, &a) ==
	      TEE_SUCCESS);
	CHECK(TEE_OpenPersistentObject(PRIV, "st-s", 4, TEE_DATA_FLAG_ACCESS_READ | SHR, &b) ==
	      TEE_SUCCESS);
	CHECK(TEE_OpenPersistentObject(PRIV, "st-s", 4, TEE_DATA_FLAG_ACCESS_READ, &c) ==
	      TEE_ERROR_ACCESS_CONFLICT);
	CHECK(TEE_WriteObjectData(a, "S", 1) == TEE_SUCCESS);	/* at 0: "S" */
	CHECK(read_is(b, "S"));
	TEE_CloseObject(a);
	TEE_CloseObject(b);
	CHECK(TEE_OpenPersistentObject(PRIV, "st-s", 4, META, &a) == TEE_SUCCESS);
	CHECK(TEE_CloseAndDeletePersistentObject1(a) == TEE_SUCCESS);
}

static void limits(void)
{
	static uint8_t big[256 * 1024 + 1], back[256 * 1024];
	char id[TEE_OBJECT_ID_MAX_LEN];
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	size_t n = 0;

	memset(id, 'i', sizeof(id));
	CHECK(TEE_CreatePersistentObject(PRIV, id, sizeof(id), META, TEE_HANDLE_NULL, NULL, 0,
					 &o) == TEE_SUCCESS);
	CHECK(TEE_CloseAndDeletePersistentObject1(o) == TEE_SUCCESS);
	CHECK(TEE_OpenPersistentObject(7, "x", 1, TEE_DATA_FLAG_ACCESS_READ, &o) ==
	      TEE_ERROR_ITEM_NOT_FOUND);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 13);
	CHECK(TEE_CreatePersistentObject(PRIV, "st-big", 6, RW, TEE_HANDLE_NULL, big, sizeof(big),
					 &o) == TEE_ERROR_STORAGE_NO_SPACE);
	CHECK(TEE_CreatePersistentObject(PRIV, "st-big", 6, RW | META, TEE_HANDLE_NULL, big,
					 sizeof(back), &o) == TEE_SUCCESS);
	CHECK(TEE_ReadObjectData(o, back, sizeof(back), &n) == TEE_SUCCESS);
	CHECK(n == sizeof(back) && !memcmp(back, big, n));
	CHECK(TEE_WriteObjectData(o, "x", 1) == TEE_ERROR_STORAGE_NO_SPACE);
	CHECK(TEE_CloseAndDeletePersistentObject1(o) == TEE_SUCCESS);
	/* Created and closed at once (no handle wanted). */
	CHECK(TEE_CreatePersistentObject(PRIV, "st-n", 4, 0, TEE_HANDLE_NULL, "n", 1, NULL) ==
	      TEE_SUCCESS);
	CHECK(TEE_OpenPersistentObject(PRIV, "st-n", 4, META, &o) == TEE_SUCCESS);
	CHECK(TEE_CloseAndDeletePersistentObject1(o) == TEE_SUCCESS);
}

static void enumeration(void)
{
	TEE_ObjectEnumHandle e = TEE_HANDLE_NULL;
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	TEE_ObjectInfo info;
	char id[TEE_OBJECT_ID_MAX_LEN];
	size_t len = 0;
	bool seen = false;
	TEE_Result res;

	CHECK(TEE_CreatePersistentObject(PRIV, "st-e", 4, META, TEE_HANDLE_NULL, "eee", 3, &o) ==
	      TEE_SUCCESS);
	CHECK(TEE_AllocatePersistentObjectEnumerator(&e) == TEE_SUCCESS);
	CHECK(TEE_GetNextPersistentObject(e, &info, id, &len) == TEE_ERROR_ITEM_NOT_FOUND);
	CHECK(TEE_StartPersistentObjectEnumerator(e, PRIV) == TEE_SUCCESS);
	while (!(res = TEE_GetNextPersistentObject(e, &info, id, &len)))
		if (len == 4 && !memcmp(id, "st-e", 4) && info.dataSize == 3)
			seen = true;
	CHECK(res == TEE_ERROR_ITEM_NOT_FOUND && seen);
	TEE_ResetPersistentObjectEnumerator(e);
	CHECK(TEE_GetNextPersistentObject(e, &info, id, &len) == TEE_ERROR_ITEM_NOT_FOUND);
	TEE_FreePersistentObjectEnumerator(e);
	CHECK(TEE_CloseAndDeletePersistentObject1(o) == TEE_SUCCESS);
}

static void key_id(uint32_t key, char id[16])
{
	static const char hex[] = "0123456789abcdef";

	memcpy(id, "key-", 4);
	for (int i = 0; i < 8; i++)
		id[4 + i] = hex[(key >> (28 - 4 * i)) & 15];
	id[12] = 0;
}

/* 4 KiB: the value, then a pattern derived from it. */
static void fill(uint8_t *d, uint32_t v)
{
	memcpy(d, &v, 4);
	for (int i = 4; i < 4096; i++)
		d[i] = (uint8_t)(v + i);
}

static TEE_Result put(TEE_Param *p)
{
	static uint8_t d[4096];
	char id[16];

	key_id(p->value.a, id);
	fill(d, p->value.b);
	return TEE_CreatePersistentObject(PRIV, id, 12, RW | TEE_DATA_FLAG_OVERWRITE,
					  TEE_HANDLE_NULL, d, sizeof(d), NULL);
}

static TEE_Result get(TEE_Param *p)
{
	static uint8_t d[4096 + 1], want[4096];
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	char id[16];
	size_t n = 0;
	uint32_t v;
	TEE_Result res;

	key_id(p->value.a, id);
	res = TEE_OpenPersistentObject(PRIV, id, 12, TEE_DATA_FLAG_ACCESS_READ, &o);
	if (!res)
		res = TEE_ReadObjectData(o, d, sizeof(d), &n);
	TEE_CloseObject(o);
	if (res)
		return res;
	memcpy(&v, d, 4);
	fill(want, v);
	if (n != sizeof(want) || memcmp(d, want, n))
		return TEE_ERROR_GENERIC;
	p->value.b = v;
	return TEE_SUCCESS;
}

static TEE_Result del(TEE_Param *p)
{
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	char id[16];
	TEE_Result res;

	key_id(p->value.a, id);
	res = TEE_OpenPersistentObject(PRIV, id, 12, META, &o);
	return res ? res : TEE_CloseAndDeletePersistentObject1(o);
}

TEE_Result TA_InvokeCommandEntryPoint(void *ctx, uint32_t cmd, uint32_t types, TEE_Param p[4])
{
	(void)ctx;
	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, TEE_PARAM_TYPE_NONE,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (cmd) {
	case STORAGE_TA_SELFTEST:
		passed = first_fail = 0;
		stream();
		sharing();
		limits();
		enumeration();
		p[0].value.a = passed;
		p[0].value.b = first_fail;
		return TEE_SUCCESS;
	case STORAGE_TA_PUT:
		return put(&p[0]);
	case STORAGE_TA_GET:
		return get(&p[0]);
	case STORAGE_TA_DEL:
		return del(&p[0]);
	default:
		return TEE_ERROR_NOT_IMPLEMENTED;
	}
}
