/*
 * Compiled into every TA by the dev kit (mk/ta_dev_kit.mk), with the TA's
 * own user_ta_header_defines.h (found through -I of the TA's directory):
 * the TA header the loader reads, the current TA's property table, the
 * TEE_Malloc pool and the run-time trace level.
 */
#include <tee_ta_api.h>
#include <trace.h>
#include <user_ta_header.h>
#include <user_ta_header_defines.h>

#ifndef TA_VERSION
#define TA_VERSION "Undefined version"
#endif
#ifndef TA_DESCRIPTION
#define TA_DESCRIPTION "Undefined description"
#endif
#if !defined(TA_UUID) || !defined(TA_FLAGS) || !defined(TA_STACK_SIZE) || !defined(TA_DATA_SIZE)
#error "user_ta_header_defines.h must define TA_UUID, TA_FLAGS, TA_STACK_SIZE and TA_DATA_SIZE"
#endif
#if TA_DATA_SIZE < 1024
#error "TA_DATA_SIZE is below the 1 KiB the heap needs"
#endif

const struct ta_head ta_head __attribute__((section(".ta_head"), used)) = {
	.uuid = TA_UUID,
	.stack_size = TA_STACK_SIZE + TA_FRAMEWORK_STACK_SIZE,
	.flags = TA_FLAGS,
	.depr_entry = UINT64_MAX,
};

int trace_level = TRACE_LEVEL;

uint8_t ta_heap[TA_DATA_SIZE] __attribute__((aligned(16)));
const size_t ta_heap_size = sizeof(ta_heap);

static const bool prop_single = !!(TA_FLAGS & TA_FLAG_SINGLE_INSTANCE);
static const bool prop_multi = !!(TA_FLAGS & TA_FLAG_MULTI_SESSION);
static const bool prop_keep_alive = !!(TA_FLAGS & TA_FLAG_INSTANCE_KEEP_ALIVE);
static const bool prop_keep_crashed = !!(TA_FLAGS & TA_FLAG_INSTANCE_KEEP_CRASHED);
static const bool prop_no_close_corrupt = !!(TA_FLAGS & TA_FLAG_DONT_CLOSE_HANDLE_ON_CORRUPT_OBJECT);
static const uint32_t prop_data_size = TA_DATA_SIZE;
static const uint32_t prop_stack_size = TA_STACK_SIZE;
static const uint32_t prop_endian;	/* 0: little-endian */

const struct user_ta_property ta_props[] = {
	{ "gpd.ta.singleInstance", USER_TA_PROP_TYPE_BOOL, &prop_single },
	{ "gpd.ta.multiSession", USER_TA_PROP_TYPE_BOOL, &prop_multi },
	{ "gpd.ta.instanceKeepAlive", USER_TA_PROP_TYPE_BOOL, &prop_keep_alive },
	{ "optee.ta.instanceKeepCrashed", USER_TA_PROP_TYPE_BOOL, &prop_keep_crashed },
	{ "gpd.ta.dataSize", USER_TA_PROP_TYPE_U32, &prop_data_size },
	{ "gpd.ta.stackSize", USER_TA_PROP_TYPE_U32, &prop_stack_size },
	{ "gpd.ta.version", USER_TA_PROP_TYPE_STRING, TA_VERSION },
	{ "gpd.ta.description", USER_TA_PROP_TYPE_STRING, TA_DESCRIPTION },
	{ "gpd.ta.endian", USER_TA_PROP_TYPE_U32, &prop_endian },
	{ "gpd.ta.doesNotCloseHandleOnCorruptObject", USER_TA_PROP_TYPE_BOOL,
	  &prop_no_close_corrupt },
#ifdef TA_CURRENT_TA_EXT_PROPERTIES
	TA_CURRENT_TA_EXT_PROPERTIES
#endif
};

const size_t ta_num_props = sizeof(ta_props) / sizeof(ta_props[0]);
