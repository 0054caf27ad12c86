#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H
#include <kit_ta.h>

#define TA_UUID KIT_TA_UUID
#define TA_FLAGS 0
#define TA_STACK_SIZE (2 * 1024)
#define TA_DATA_SIZE (32 * 1024)
#define TA_VERSION "1.0"
#define TA_DESCRIPTION "mintee dev kit test TA"
#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "org.mintee.kit_ta.name", USER_TA_PROP_TYPE_STRING, "kit test" }, \
	{ "org.mintee.kit_ta.number", USER_TA_PROP_TYPE_U32, &(const uint32_t){ 0x5a } }, \
	{ "org.mintee.kit_ta.u64", USER_TA_PROP_TYPE_U64, &(const uint64_t){ 0x1122334455667788ull } }, \
	{ "org.mintee.kit_ta.blob", USER_TA_PROP_TYPE_BINARY_BLOCK, "AAECAwQ=" }
#endif
