/* Build-time configuration made visible as C constants. */
#ifndef MINTEE_CONFIG_H
#define MINTEE_CONFIG_H

#if defined(CFG_SHM_RESERVED)
#define IS_ENABLED_SHM_RESERVED 1
#define CFG_SHM_NAME "reserved"
#elif defined(CFG_SHM_DYNAMIC)
#define IS_ENABLED_SHM_RESERVED 0
#define CFG_SHM_NAME "dynamic"
#else
#error "CFG_SHM_DYNAMIC or CFG_SHM_RESERVED must be defined"
#endif

#ifndef MINTEE_BUILD_ID
#define MINTEE_BUILD_ID 0
#endif

#define STR_(x) #x
#define STR(x) STR_(x)
#define MINTEE_VERSION_STRING "v" STR(MINTEE_VERSION_MAJOR) "." STR(MINTEE_VERSION_MINOR)

#endif
