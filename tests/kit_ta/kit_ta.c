/*
 * The dev kit's out-of-tree test TA: each command exercises something the kit
 * has to get right for TAs written for OP-TEE (sub.mk flags, CFG_ defines,
 * the heap over TA_DATA_SIZE, newlib's snprintf, the property table).
 */
#include <stdio.h>
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>
#include <kit_ta.h>

static const uint32_t instance_marker = 0x1234;

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types, TEE_Param __maybe_unused params[4],
				    void __maybe_unused **sess_ctx)
{
	(void)param_types;
	IMSG("kit TA: session opened");
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void __maybe_unused *sess_ctx)
{
}

static uint32_t heap_ok(void)
{
	uint8_t *p = TEE_Malloc(1000, TEE_MALLOC_FILL_ZERO), *q;
	uint8_t zero[1000] = { 0 };

	if (!p || TEE_MemCompare(p, zero, sizeof(zero)))
		return 0;
	TEE_MemFill(p, 0xa5, 1000);
	q = TEE_Realloc(p, 4000);
	if (!q || q[999] != 0xa5)
		return 0;
	TEE_MemMove(q + 1, q, 10);	/* overlapping */
	q[0] = 1;
	if (q[1] != 0xa5 || q[11] != 0xa5 || TEE_MemCompare(q, q + 1, 1) >= 0)
		return 0;
	TEE_Free(q);
	TEE_Free(NULL);
	if (TEE_Malloc(1, 0x80))	/* an invalid hint: NULL */
		return 0;
	return 1;
}

static uint32_t random_ok(void)
{
	uint8_t buf[32], zero[32] = { 0 };

	TEE_GenerateRandom(buf, sizeof(buf));
	return TEE_MemCompare(buf, zero, sizeof(buf)) != 0;
}

static uint32_t props(uint32_t *match)
{
	uint32_t v = 0;
	char s[32];
	size_t n = sizeof(s);

	*match = TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_TA, "org.mintee.kit_ta.name", s,
					 &n) == TEE_SUCCESS && !strcmp(s, "kit test");
	if (TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA, "org.mintee.kit_ta.number", &v))
		return 0;
	return v;
}

/* Walks a property set with an enumerator: the number of names, and whether
 * `want` was among them with a matching string value read through the
 * enumerator (name NULL). */
static uint32_t walk(TEE_PropSetHandle set, const char *want, bool *found)
{
	TEE_PropSetHandle e;
	uint32_t n = 0;
	char name[80], val[32];
	size_t len;

	*found = false;
	if (TEE_AllocatePropertyEnumerator(&e))
		return 0;
	TEE_StartPropertyEnumerator(e, set);
	do {
		len = sizeof(name);
		if (TEE_GetPropertyName(e, name, &len))
			break;
		n++;
		len = sizeof(val);
		if (want && !strcmp(name, want) &&
		    !TEE_GetPropertyAsString(e, NULL, val, &len) && !strcmp(val, "kit test"))
			*found = true;
	} while (!TEE_GetNextProperty(e));
	TEE_FreePropertyEnumerator(e);
	return n;
}

static uint32_t props2(uint32_t *count)
{
	static const uint8_t blob_want[5] = { 0, 1, 2, 3, 4 };
	uint8_t blob[8];
	uint64_t u64 = 0;
	uint32_t ok = 0;
	size_t len = sizeof(blob);
	TEE_PropSetHandle e;
	char tiny[2];
	bool found;

	if (!TEE_GetPropertyAsU64(TEE_PROPSET_CURRENT_TA, "org.mintee.kit_ta.u64", &u64) &&
	    u64 == 0x1122334455667788ull)
		ok |= 0x1;
	if (!TEE_GetPropertyAsBinaryBlock(TEE_PROPSET_CURRENT_TA, "org.mintee.kit_ta.blob", blob,
					  &len) && len == 5 && !TEE_MemCompare(blob, blob_want, 5))
		ok |= 0x2;
	*count = walk(TEE_PROPSET_CURRENT_TA, "org.mintee.kit_ta.name", &found);
	if (found)
		ok |= 0x4;
	if (walk(TEE_PROPSET_TEE_IMPLEMENTATION, NULL, &found) >= 3)
		ok |= 0x8;
	if (!TEE_AllocatePropertyEnumerator(&e)) {
		len = sizeof(tiny);
		/* Not started: nothing; started: a 2-byte buffer is too short. */
		if (TEE_GetPropertyName(e, tiny, &len) == TEE_ERROR_ITEM_NOT_FOUND)
			ok |= 0x10;
		TEE_StartPropertyEnumerator(e, TEE_PROPSET_CURRENT_CLIENT);
		len = sizeof(tiny);
		if (TEE_GetPropertyName(e, tiny, &len) == TEE_ERROR_SHORT_BUFFER &&
		    len == sizeof("gpd.client.identity"))
			ok |= 0x20;
		TEE_FreePropertyEnumerator(e);
	}
	return ok;
}

static uint32_t ms_of(const TEE_Time *t)
{
	return t->seconds * 1000 + t->millis;
}

/* System time never goes back; a wait lasts at least what was asked. */
static uint32_t time_ok(uint32_t *wait_ok)
{
	TEE_Time a, b;
	uint32_t ok = 1;

	TEE_GetSystemTime(&a);
	for (int i = 0; i < 1000; i++) {
		TEE_GetSystemTime(&b);
		if (b.seconds < a.seconds || (b.seconds == a.seconds && b.millis < a.millis))
			ok = 0;
		a = b;
	}
	*wait_ok = TEE_Wait(20) == TEE_SUCCESS;
	TEE_GetSystemTime(&b);
	if (ms_of(&b) - ms_of(&a) < 20)
		*wait_ok = 0;
	return ok;
}

TEE_Result TA_InvokeCommandEntryPoint(void __maybe_unused *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types, TEE_Param params[4])
{
	char buf[32];

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (cmd_id) {
	case KIT_TA_CMD_INC:
		params[0].value.a++;
		return TEE_SUCCESS;
	case KIT_TA_CMD_FLAGS:
		params[0].value.a = CFG_KIT_TA_MAGIC;
		params[0].value.b = KIT_TA_FILE_FLAG * 10 + kit_util_flag();
		return TEE_SUCCESS;
	case KIT_TA_CMD_HEAP:
		params[0].value.a = heap_ok();
		return TEE_SUCCESS;
	case KIT_TA_CMD_SNPRINTF:
		params[0].value.a = (uint32_t)snprintf(buf, sizeof(buf), "%lu-%lu",
						       (unsigned long)params[0].value.a,
						       (unsigned long)params[0].value.b);
		DMSG("kit TA: snprintf gave \"%s\"", buf);
		return TEE_SUCCESS;
	case KIT_TA_CMD_PROPS:
		params[0].value.a = props(&params[0].value.b);
		return TEE_SUCCESS;
	case KIT_TA_CMD_RANDOM:
		params[0].value.a = random_ok();
		return TEE_SUCCESS;
	case KIT_TA_CMD_PROPS2:
		params[0].value.a = props2(&params[0].value.b);
		return TEE_SUCCESS;
	case KIT_TA_CMD_BAD_ENUM: {
		char name[16];
		size_t len = sizeof(name);

		/* A property-set pseudo handle is no enumerator: GP panics. */
		TEE_GetPropertyName(TEE_PROPSET_CURRENT_TA, name, &len);
		return TEE_SUCCESS;	/* not reached */
	}
	case KIT_TA_CMD_TIME:
		params[0].value.a = time_ok(&params[0].value.b);
		return TEE_SUCCESS;
	case KIT_TA_CMD_INSTANCE:
		if (!TEE_GetInstanceData())
			TEE_SetInstanceData(&instance_marker);
		params[0].value.a = TEE_GetInstanceData() == &instance_marker;
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
