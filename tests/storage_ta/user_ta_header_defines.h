#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H
#include <storage_ta.h>

#define TA_UUID STORAGE_TA_UUID
#define TA_FLAGS 0
#define TA_STACK_SIZE (4 * 1024)
#define TA_DATA_SIZE (64 * 1024)	/* the big buffers are static */
#define TA_VERSION "1.0"
#define TA_DESCRIPTION "mintee secure storage test TA"
#endif
