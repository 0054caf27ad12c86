/* The GP Internal Core API functions mintee's TA library has so far. */
#include <stdarg.h>
#include <mt_printf.h>	/* lib/: the project's pure formatter */
#include <tee_internal_api.h>
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

TEE_Result TEE_GetREETime(TEE_Time *t)
{
	return _utee_get_time(MTA_TIME_REE, (struct mta_time *)t);
}

TEE_Result TEE_CheckMemoryAccessRights(uint32_t flags, void *buf, size_t size)
{
	return _utee_check_access(flags, buf, size);
}

void trace_printf(const char *fmt, ...)
{
	char line[200];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	_utee_log(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}
