/* The GP Internal Core API functions that need the core (syscalls). */
#include <stdarg.h>
#include <string.h>
#include <mt_printf.h>	/* lib/: the project's pure formatter */
#include <tee_internal_api.h>
#include <user_ta_header.h>
#include <utee_syscalls.h>

void TEE_Panic(TEE_Result code)
{
	_utee_panic(code);
}

void TEE_GenerateRandom(void *buf, size_t len)
{
	if (_utee_get_random(buf, len))
		TEE_Panic(TEE_ERROR_ACCESS_DENIED);	/* GP: a bad buffer panics */
}

void TEE_GetSystemTime(TEE_Time *t)
{
	if (_utee_get_time(MTA_TIME_SYSTEM, (struct mta_time *)t))
		TEE_Panic(TEE_ERROR_ACCESS_DENIED);
}

void TEE_GetREETime(TEE_Time *t)
{
	/* GP: no result; as OP-TEE, a failure of the normal world's clock (or
	 * a bad pointer) panics. */
	if (_utee_get_time(MTA_TIME_REE, (struct mta_time *)t))
		TEE_Panic(TEE_ERROR_COMMUNICATION);
}

TEE_Result TEE_CheckMemoryAccessRights(uint32_t flags, void *buf, size_t size)
{
	return _utee_check_access(flags, buf, size);
}

TEE_Result TEE_Wait(uint32_t timeout)
{
	return _utee_wait(timeout);
}

bool TEE_GetCancellationFlag(void)
{
	return _utee_get_cancel_flag() != 0;
}

bool TEE_MaskCancellation(void)
{
	return _utee_mask_cancel() != 0;
}

bool TEE_UnmaskCancellation(void)
{
	return _utee_unmask_cancel() != 0;
}

/* ---- Internal Client API: sessions to other TAs and built-in services --- */

static void to_mta(uint32_t types, const TEE_Param p[TEE_NUM_PARAMS], struct mta_params *up)
{
	up->types = types;
	for (unsigned int i = 0; i < TEE_NUM_PARAMS; i++) {
		up->vals[2 * i] = p ? p[i].value.a : 0;
		up->vals[2 * i + 1] = p ? p[i].value.b : 0;
	}
}

static void from_mta(const struct mta_params *up, TEE_Param p[TEE_NUM_PARAMS])
{
	for (unsigned int i = 0; p && i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(up->types, i);

		if (t == TEE_PARAM_TYPE_VALUE_OUTPUT || t == TEE_PARAM_TYPE_VALUE_INOUT) {
			p[i].value.a = up->vals[2 * i];
			p[i].value.b = up->vals[2 * i + 1];
		} else if (t == TEE_PARAM_TYPE_MEMREF_OUTPUT || t == TEE_PARAM_TYPE_MEMREF_INOUT) {
			p[i].memref.size = up->vals[2 * i + 1];
		}
	}
}

TEE_Result TEE_OpenTASession(const TEE_UUID *destination, uint32_t timeout, uint32_t paramTypes,
			     TEE_Param params[TEE_NUM_PARAMS], TEE_TASessionHandle *session,
			     uint32_t *returnOrigin)
{
	struct mta_params up;
	uint32_t origin = TEE_ORIGIN_API, s = 0;
	TEE_Result res;

	(void)timeout;
	to_mta(paramTypes, params, &up);
	res = _utee_open_ta_session(destination, &up, &origin, &s);
	from_mta(&up, params);
	*session = (TEE_TASessionHandle)s;
	if (returnOrigin)
		*returnOrigin = origin;
	return res;
}

TEE_Result TEE_InvokeTACommand(TEE_TASessionHandle session, uint32_t timeout, uint32_t commandID,
			       uint32_t paramTypes, TEE_Param params[TEE_NUM_PARAMS],
			       uint32_t *returnOrigin)
{
	struct mta_params up;
	uint32_t origin = TEE_ORIGIN_API;
	TEE_Result res;

	(void)timeout;
	to_mta(paramTypes, params, &up);
	res = _utee_invoke_ta_command((uint32_t)session, commandID, &up, &origin);
	from_mta(&up, params);
	if (returnOrigin)
		*returnOrigin = origin;
	return res;
}

void TEE_CloseTASession(TEE_TASessionHandle session)
{
	if (session)
		_utee_close_ta_session((uint32_t)session);
}

/* "<L>/TA: message" (trace.h), one line on the secure console; levels above
 * the run-time trace_level are dropped, a trailing newline too. */
void trace_printf(const char *func, int line, int level, const char *fmt, ...)
{
	static const char tag[] = "UEIDF";
	char buf[200];
	va_list ap;
	int n;

	(void)func;
	(void)line;
	if (level > trace_level)
		return;
	n = mt_snprintf(buf, sizeof(buf), "%c/TA: ", tag[level <= TRACE_FLOW ? level : 0]);
	va_start(ap, fmt);
	mt_vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		n--;
	_utee_log(buf, (size_t)n);
}
