/* The OP-TEE message layer: one optee_msg_arg from the normal world. */
#ifndef MSG_H
#define MSG_H
#include <stdbool.h>
#include <stdint.h>

/* arg_pa: NS memory checked by the caller to be usable for room bytes (at
 * least the header). With rpc_arg, an RPC arg struct for
 * THREAD_RPC_MAX_NUM_PARAMS params follows the arg struct and must fit too.
 * Returns the SMC a0 (OPTEE_SMC_RETURN_*). */
uint32_t msg_handle_call(uint64_t arg_pa, uint64_t room, bool rpc_arg);
#endif
