/* Trace levels of the TA log macros (trace.h). */
#ifndef TRACE_LEVELS_H
#define TRACE_LEVELS_H
#define TRACE_MIN   0
#define TRACE_ERROR 1
#define TRACE_INFO  2
#define TRACE_DEBUG 3
#define TRACE_FLOW  4
#endif
