/* The test TA's header. One source, several builds (tests/ta/ta.mk): the
 * variant's last UUID octet and flags come from -DTEST_TA_ID/-DTEST_TA_FLAGS. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H
#include <test_ta.h>

#define TA_UUID { 0x5ce0c432, 0x0ab0, 0x40e5, \
		  { 0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, TEST_TA_ID } }
#define TA_FLAGS TEST_TA_FLAGS
#define TA_STACK_SIZE (8 * 1024)
#define TA_DATA_SIZE (16 * 1024)
#endif
