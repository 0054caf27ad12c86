/*
 * GP Property Access (TEE Internal Core API 4.4). The current TA's own table
 * (user_ta_header.c: the flags' properties and TA_CURRENT_TA_EXT_PROPERTIES)
 * is answered here, as OP-TEE's libutee does; everything else comes from the
 * core (MTA_SYS_GET_PROPERTY). An enumerator walks a fixed list of the names
 * the core serves plus the TA's own table.
 */
#include <string.h>
#include <tee_internal_api.h>
#include <user_ta_header.h>
#include <utee_syscalls.h>

#define PROP_TYPE_BINARY_BLOCK 5	/* USER_TA_PROP_TYPE_*, = MTA_PROP_TYPE_* */
#define PROP_TYPE_U64          6

/* What the core serves beyond the TA's own table (core/ta/ta_syscall_prop.c). */
static const char *const core_ta_names[] = { "gpd.ta.appID" };
static const char *const core_client_names[] = { "gpd.client.identity", "gpd.client.endian" };
static const char *const core_tee_names[] = {
	"gpd.tee.apiversion", "gpd.tee.internalCore.version", "gpd.tee.description",
	"gpd.tee.trustedos.implementation.version", "gpd.tee.firmware.implementation.version",
	"gpd.tee.trustedos.manufacturer", "gpd.tee.firmware.manufacturer",
	"gpd.tee.systemTime.protectionLevel", "gpd.tee.TAPersistentTime.protectionLevel",
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define ENUM_MAGIC 0x70726f70u	/* "prop" */
struct prop_enum {
	uint32_t magic;
	TEE_PropSetHandle set;	/* 0: not started */
	size_t index;
};

static bool is_pseudo(TEE_PropSetHandle h)
{
	return h == TEE_PROPSET_CURRENT_TA || h == TEE_PROPSET_CURRENT_CLIENT ||
	       h == TEE_PROPSET_TEE_IMPLEMENTATION;
}

/* An enumerator handle, or a panic (GP: an invalid handle panics). */
static struct prop_enum *enum_of(TEE_PropSetHandle h)
{
	struct prop_enum *e = (struct prop_enum *)h;

	if (!e || is_pseudo(h) || e->magic != ENUM_MAGIC)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	return e;
}

/* Name k of a set (core names first, then the TA's own table), NULL past the end. */
static const char *nth_name(TEE_PropSetHandle set, size_t k)
{
	if (set == TEE_PROPSET_CURRENT_CLIENT)
		return k < COUNT(core_client_names) ? core_client_names[k] : NULL;
	if (set == TEE_PROPSET_TEE_IMPLEMENTATION)
		return k < COUNT(core_tee_names) ? core_tee_names[k] : NULL;
	if (k < COUNT(core_ta_names))
		return core_ta_names[k];
	k -= COUNT(core_ta_names);
	return k < ta_num_props ? ta_props[k].name : NULL;
}

static int b64_val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decodes base64 text into out (NULL: count only); -1 when malformed. */
static long b64_decode(const char *s, uint8_t *out)
{
	uint32_t acc = 0;
	int bits = 0;
	long n = 0;

	for (; *s && *s != '='; s++) {
		int v = b64_val(*s);

		if (v < 0)
			return -1;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (out)
				out[n] = (uint8_t)(acc >> bits);
			n++;
		}
	}
	return n;
}

static uint32_t value_size(const struct user_ta_property *p)
{
	switch (p->type) {
	case USER_TA_PROP_TYPE_BOOL:	/* a uint32_t 0/1 on the way out */
	case USER_TA_PROP_TYPE_U32:
		return sizeof(uint32_t);
	case USER_TA_PROP_TYPE_U64:
		return sizeof(uint64_t);
	case USER_TA_PROP_TYPE_UUID:
		return sizeof(TEE_UUID);
	case USER_TA_PROP_TYPE_IDENTITY:
		return sizeof(TEE_Identity);
	case USER_TA_PROP_TYPE_STRING:
		return strlen(p->value) + 1;
	case USER_TA_PROP_TYPE_BINARY_BLOCK: {
		long n = b64_decode(p->value, NULL);

		return n < 0 ? UINT32_MAX : (uint32_t)n;
	}
	default:
		return UINT32_MAX;
	}
}

static TEE_Result own_prop(const char *name, uint32_t want, void *buf, uint32_t *len)
{
	const struct user_ta_property *p = NULL;
	uint32_t size;

	for (size_t i = 0; i < ta_num_props && !p; i++)
		if (!strcmp(ta_props[i].name, name))
			p = &ta_props[i];
	if (!p)
		return TEE_ERROR_ITEM_NOT_FOUND;
	size = value_size(p);
	if ((uint32_t)p->type != want || size == UINT32_MAX)
		return TEE_ERROR_BAD_FORMAT;
	if (size > *len) {
		*len = size;
		return TEE_ERROR_SHORT_BUFFER;
	}
	*len = size;
	if (p->type == USER_TA_PROP_TYPE_BOOL)
		*(uint32_t *)buf = *(const bool *)p->value;
	else if (p->type == USER_TA_PROP_TYPE_BINARY_BLOCK)
		b64_decode(p->value, buf);
	else
		memcpy(buf, p->value, size);
	return TEE_SUCCESS;
}

/* One property of the wanted type into buf (*len bytes): from a property
 * set by name, or an enumerator's current property (name ignored, GP). */
static TEE_Result get_prop(TEE_PropSetHandle h, const char *name, uint32_t want, void *buf,
			   uint32_t *len)
{
	uint32_t type = 0;
	TEE_Result res;

	if (!is_pseudo(h)) {
		struct prop_enum *e = enum_of(h);

		if (!e->set)
			return TEE_ERROR_ITEM_NOT_FOUND;
		h = e->set;
		name = nth_name(h, e->index);
	}
	if (!name)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (h == TEE_PROPSET_CURRENT_TA) {
		res = own_prop(name, want, buf, len);
		if (res != TEE_ERROR_ITEM_NOT_FOUND)
			return res;
	}
	res = _utee_get_property((uint32_t)(uintptr_t)h, name, strlen(name), buf, len, &type);
	if (res == TEE_SUCCESS && type != want)
		return TEE_ERROR_BAD_FORMAT;
	return res;
}

/* A property of variable size: *len in, the buffer's size; out, the value's
 * (larger than given with SHORT_BUFFER). */
static TEE_Result get_sized(TEE_PropSetHandle set, const char *name, uint32_t want, void *buf,
			    size_t *len)
{
	uint32_t n = *len;
	TEE_Result res = get_prop(set, name, want, buf, &n);

	if (res == TEE_SUCCESS || res == TEE_ERROR_SHORT_BUFFER)
		*len = n;
	return res;
}

TEE_Result TEE_GetPropertyAsString(TEE_PropSetHandle set, const char *name, char *value,
				   size_t *valueLen)
{
	return get_sized(set, name, MTA_PROP_TYPE_STRING, value, valueLen);
}

TEE_Result TEE_GetPropertyAsBool(TEE_PropSetHandle set, const char *name, bool *value)
{
	uint32_t v = 0, len = sizeof(v);
	TEE_Result res = get_prop(set, name, MTA_PROP_TYPE_BOOL, &v, &len);

	*value = v != 0;
	return res;
}

TEE_Result TEE_GetPropertyAsU32(TEE_PropSetHandle set, const char *name, uint32_t *value)
{
	uint32_t len = sizeof(*value);

	return get_prop(set, name, MTA_PROP_TYPE_U32, value, &len);
}

TEE_Result TEE_GetPropertyAsU64(TEE_PropSetHandle set, const char *name, uint64_t *value)
{
	uint32_t len = sizeof(*value);

	return get_prop(set, name, PROP_TYPE_U64, value, &len);
}

TEE_Result TEE_GetPropertyAsBinaryBlock(TEE_PropSetHandle set, const char *name,
					void *valueBuffer, size_t *valueBufferLen)
{
	return get_sized(set, name, PROP_TYPE_BINARY_BLOCK, valueBuffer, valueBufferLen);
}

TEE_Result TEE_GetPropertyAsUUID(TEE_PropSetHandle set, const char *name, TEE_UUID *value)
{
	uint32_t len = sizeof(*value);

	return get_prop(set, name, MTA_PROP_TYPE_UUID, value, &len);
}

TEE_Result TEE_GetPropertyAsIdentity(TEE_PropSetHandle set, const char *name, TEE_Identity *value)
{
	uint32_t len = sizeof(*value);

	return get_prop(set, name, MTA_PROP_TYPE_IDENTITY, value, &len);
}

TEE_Result TEE_AllocatePropertyEnumerator(TEE_PropSetHandle *enumerator)
{
	struct prop_enum *e = TEE_Malloc(sizeof(*e), TEE_MALLOC_FILL_ZERO);

	if (!e)
		return TEE_ERROR_OUT_OF_MEMORY;
	e->magic = ENUM_MAGIC;
	*enumerator = (TEE_PropSetHandle)e;
	return TEE_SUCCESS;
}

void TEE_FreePropertyEnumerator(TEE_PropSetHandle enumerator)
{
	struct prop_enum *e;

	if (!enumerator)
		return;
	e = enum_of(enumerator);
	e->magic = 0;
	TEE_Free(e);
}

void TEE_StartPropertyEnumerator(TEE_PropSetHandle enumerator, TEE_PropSetHandle propSet)
{
	struct prop_enum *e = enum_of(enumerator);

	if (!is_pseudo(propSet))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	e->set = propSet;
	e->index = 0;
}

void TEE_ResetPropertyEnumerator(TEE_PropSetHandle enumerator)
{
	struct prop_enum *e = enum_of(enumerator);

	e->set = 0;
	e->index = 0;
}

TEE_Result TEE_GetPropertyName(TEE_PropSetHandle enumerator, void *nameBuffer,
			       size_t *nameBufferLen)
{
	struct prop_enum *e = enum_of(enumerator);
	const char *name = e->set ? nth_name(e->set, e->index) : NULL;
	size_t need;

	if (!name)
		return TEE_ERROR_ITEM_NOT_FOUND;
	need = strlen(name) + 1;
	if (*nameBufferLen < need) {
		*nameBufferLen = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	memcpy(nameBuffer, name, need);
	*nameBufferLen = need;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetNextProperty(TEE_PropSetHandle enumerator)
{
	struct prop_enum *e = enum_of(enumerator);

	if (!e->set || !nth_name(e->set, e->index))
		return TEE_ERROR_ITEM_NOT_FOUND;
	e->index++;
	return nth_name(e->set, e->index) ? TEE_SUCCESS : TEE_ERROR_ITEM_NOT_FOUND;
}
