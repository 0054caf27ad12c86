#include <kit_ta.h>

/* Built with this directory's cflags-y: KIT_TA_DIR_FLAG comes from util/sub.mk. */
uint32_t kit_util_flag(void)
{
	return KIT_TA_DIR_FLAG;
}
