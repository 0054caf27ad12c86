/* Requests from a secure thread to the normal world (RPC). */
#ifndef RPC_H
#define RPC_H
#include <stdint.h>
/* OPTEE_RPC_CMD_GET_TIME through RPC ALLOC + CMD + FREE. TEE result. */
uint32_t rpc_get_time(uint32_t *seconds, uint32_t *nanoseconds);
#endif
