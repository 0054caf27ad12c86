/* The OP-TEE message layer: one optee_msg_arg from the normal world. */
#ifndef MSG_H
#define MSG_H
#include <stdbool.h>
#include <stdint.h>

typedef bool (*msg_pa_check_t)(uint64_t pa, uint64_t len);
/* arg_pa: checked for the header already; check() validates the full size.
 * Returns the SMC a0 (OPTEE_SMC_RETURN_*). */
uint32_t msg_handle_call(uint64_t arg_pa, msg_pa_check_t check);
#endif
