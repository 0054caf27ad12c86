/*
 * Properties (MTA_SYS_GET_PROPERTY): of the TA (from its ta_head), of the
 * client (the session's login and identity) and of the TEE implementation.
 * The TA's own extra properties (TA_CURRENT_TA_EXT_PROPERTIES) are the TA
 * library's business (issue 12); the core answers what it knows.
 */
#include <string.h>
#include <mintee_config.h>
#include <mintee_ta_abi.h>
#include <optee_msg.h>
#include <ta_elf.h>
#include <ta_syscall.h>

#define PROP_MAX 64

struct prop_val {
	uint32_t type;
	uint32_t len;
	uint8_t buf[PROP_MAX];
};

static void put_u32(struct prop_val *v, uint32_t type, uint32_t x)
{
	v->type = type;
	v->len = 4;
	memcpy(v->buf, &x, 4);
}

static void put_str(struct prop_val *v, const char *s)
{
	v->type = MTA_PROP_TYPE_STRING;
	v->len = (uint32_t)strlen(s) + 1;
	memcpy(v->buf, s, v->len);
}

/* RFC 4122 octets -> TEE_UUID (native: timeLow, timeMid, timeHi little endian). */
static void uuid_native(const uint8_t o[16], uint8_t n[16])
{
	n[0] = o[3]; n[1] = o[2]; n[2] = o[1]; n[3] = o[0];
	n[4] = o[5]; n[5] = o[4]; n[6] = o[7]; n[7] = o[6];
	memcpy(n + 8, o + 8, 8);
}

static bool ta_prop(const struct ta_call *call, const char *name, struct prop_val *v)
{
	uint32_t f = call->inst->flags;

	if (!strcmp(name, "gpd.ta.appID")) {
		v->type = MTA_PROP_TYPE_UUID;
		v->len = 16;
		uuid_native(call->inst->uuid, v->buf);
	} else if (!strcmp(name, "gpd.ta.singleInstance")) {
		put_u32(v, MTA_PROP_TYPE_BOOL, !!(f & TA_FLAG_SINGLE_INSTANCE));
	} else if (!strcmp(name, "gpd.ta.multiSession")) {
		put_u32(v, MTA_PROP_TYPE_BOOL, !!(f & TA_FLAG_MULTI_SESSION));
	} else if (!strcmp(name, "gpd.ta.instanceKeepAlive")) {
		put_u32(v, MTA_PROP_TYPE_BOOL, !!(f & TA_FLAG_INSTANCE_KEEP_ALIVE));
	} else if (!strcmp(name, "gpd.ta.stackSize")) {
		put_u32(v, MTA_PROP_TYPE_U32, call->inst->img.head.stack_size);
	} else if (!strcmp(name, "gpd.ta.endian")) {
		put_u32(v, MTA_PROP_TYPE_U32, 0);
	} else {
		return false;
	}
	return true;
}

static bool client_prop(const struct ta_call *call, const char *name, struct prop_val *v)
{
	if (!call->sess)	/* TA_CreateEntryPoint/TA_DestroyEntryPoint: no client */
		return false;
	if (!strcmp(name, "gpd.client.identity")) {
		v->type = MTA_PROP_TYPE_IDENTITY;
		v->len = 20;
		memcpy(v->buf, &call->sess->login, 4);
		uuid_native(call->sess->client_uuid, v->buf + 4);
	} else if (!strcmp(name, "gpd.client.endian")) {
		put_u32(v, MTA_PROP_TYPE_U32, 0);
	} else {
		return false;
	}
	return true;
}

static bool tee_prop(const char *name, struct prop_val *v)
{
	if (!strcmp(name, "gpd.tee.apiversion"))
		put_str(v, "1.3.1");
	else if (!strcmp(name, "gpd.tee.internalCore.version"))
		put_u32(v, MTA_PROP_TYPE_U32, 0x01030100);
	else if (!strcmp(name, "gpd.tee.description"))
		put_str(v, "mintee " MINTEE_VERSION_STRING);
	else if (!strcmp(name, "gpd.tee.trustedos.implementation.version") ||
		 !strcmp(name, "gpd.tee.firmware.implementation.version"))
		put_str(v, MINTEE_VERSION_STRING);
	else if (!strcmp(name, "gpd.tee.trustedos.manufacturer") ||
		 !strcmp(name, "gpd.tee.firmware.manufacturer"))
		put_str(v, "mintee");
	else if (!strcmp(name, "gpd.tee.systemTime.protectionLevel") ||
		 !strcmp(name, "gpd.tee.TAPersistentTime.protectionLevel"))
		put_u32(v, MTA_PROP_TYPE_U32, 100);	/* REE-controlled timer */
	else
		return false;
	return true;
}

uint32_t ta_sys_get_property(struct ta_call *call, const uint32_t a[6])
{
	char name[PROP_MAX];
	struct prop_val v;
	uint32_t len, given;
	bool found;

	if (!a[2] || a[2] >= PROP_MAX || !ta_user_ok(call, a[1], a[2], TA_MMU_R) ||
	    !ta_user_ok(call, a[4], 4, TA_MMU_R | TA_MMU_W) || !ta_user_ok(call, a[5], 4, TA_MMU_W))
		return TEE_ERROR_ACCESS_DENIED;
	memcpy(name, (const void *)a[1], a[2]);
	name[a[2]] = 0;
	if (a[0] == MTA_PROPSET_CURRENT_TA)
		found = ta_prop(call, name, &v);
	else if (a[0] == MTA_PROPSET_CURRENT_CLIENT)
		found = client_prop(call, name, &v);
	else if (a[0] == MTA_PROPSET_TEE_IMPLEMENTATION)
		found = tee_prop(name, &v);
	else
		return TEE_ERROR_BAD_PARAMETERS;
	if (!found)
		return TEE_ERROR_ITEM_NOT_FOUND;
	memcpy(&given, (const void *)a[4], 4);
	len = v.len;
	memcpy((void *)a[4], &len, 4);
	memcpy((void *)a[5], &v.type, 4);
	if (given < len)
		return TEE_ERROR_SHORT_BUFFER;
	if (!ta_user_ok(call, a[3], len, TA_MMU_W))
		return TEE_ERROR_ACCESS_DENIED;
	memcpy((void *)a[3], v.buf, len);
	return TEE_SUCCESS;
}
