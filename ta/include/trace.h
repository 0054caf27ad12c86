/*
 * TA log macros, with OP-TEE's names: EMSG (error), IMSG (info), DMSG
 * (debug), FMSG (flow), MSG (always). A macro above the compile-time
 * TRACE_LEVEL (the make variable CFG_TEE_TA_LOG_LEVEL) compiles to nothing;
 * the run-time trace_level filters further. Lines go to the secure log as
 * "<L>/TA: ..." through the log syscall; a trailing newline is dropped.
 */
#ifndef TRACE_H
#define TRACE_H
#include <trace_levels.h>

#ifndef TRACE_LEVEL
#define TRACE_LEVEL TRACE_ERROR
#endif

extern int trace_level;
void trace_printf(const char *func, int line, int level, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define trace_printf_helper(level, ...)					\
	do {								\
		if ((level) <= TRACE_LEVEL)				\
			trace_printf(__func__, __LINE__, (level), __VA_ARGS__); \
	} while (0)

#define MSG(...)  trace_printf(__func__, __LINE__, TRACE_MIN, __VA_ARGS__)
#define EMSG(...) trace_printf_helper(TRACE_ERROR, __VA_ARGS__)
#define IMSG(...) trace_printf_helper(TRACE_INFO, __VA_ARGS__)
#define DMSG(...) trace_printf_helper(TRACE_DEBUG, __VA_ARGS__)
#define FMSG(...) trace_printf_helper(TRACE_FLOW, __VA_ARGS__)
#define EMSG_RAW EMSG
#define IMSG_RAW IMSG
#define DMSG_RAW DMSG
#define FMSG_RAW FMSG
#endif
