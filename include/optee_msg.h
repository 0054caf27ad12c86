/* OP-TEE message ABI (optee_msg.h facts, our own spelling). */
#ifndef OPTEE_MSG_H
#define OPTEE_MSG_H
#include <stdint.h>

#define OPTEE_MSG_ATTR_TYPE_NONE          0x0u
#define OPTEE_MSG_ATTR_TYPE_VALUE_INPUT   0x1u
#define OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT  0x2u
#define OPTEE_MSG_ATTR_TYPE_VALUE_INOUT   0x3u
#define OPTEE_MSG_ATTR_TYPE_RMEM_INPUT    0x5u
#define OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT   0x6u
#define OPTEE_MSG_ATTR_TYPE_RMEM_INOUT    0x7u
#define OPTEE_MSG_ATTR_TYPE_TMEM_INPUT    0x9u
#define OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT   0xAu
#define OPTEE_MSG_ATTR_TYPE_TMEM_INOUT    0xBu
#define OPTEE_MSG_ATTR_TYPE_MASK          0xFFu
#define OPTEE_MSG_ATTR_META               (1u << 8)
#define OPTEE_MSG_ATTR_NONCONTIG          (1u << 9)
#define OPTEE_MSG_NONCONTIG_PAGE_SIZE     4096u

#define OPTEE_MSG_CMD_OPEN_SESSION        0u
#define OPTEE_MSG_CMD_INVOKE_COMMAND      1u
#define OPTEE_MSG_CMD_CLOSE_SESSION       2u
#define OPTEE_MSG_CMD_CANCEL              3u
#define OPTEE_MSG_CMD_REGISTER_SHM        4u
#define OPTEE_MSG_CMD_UNREGISTER_SHM      5u

#define OPTEE_MSG_LOGIN_PUBLIC            0u
#define OPTEE_MSG_LOGIN_USER              1u
#define OPTEE_MSG_LOGIN_GROUP             2u
#define OPTEE_MSG_LOGIN_REE_KERNEL        0x80000000u

#define OPTEE_RPC_CMD_GET_TIME            3u
#define OPTEE_RPC_CMD_NOTIFICATION        4u
#define OPTEE_RPC_CMD_SUSPEND             5u
#define OPTEE_RPC_CMD_SHM_ALLOC           6u
#define OPTEE_RPC_CMD_SHM_FREE            7u
#define OPTEE_RPC_SHM_TYPE_APPL           0u
#define OPTEE_RPC_SHM_TYPE_KERNEL         1u

#define TEE_SUCCESS                       0x00000000u
#define TEE_ERROR_GENERIC                 0xFFFF0000u
#define TEE_ERROR_ACCESS_DENIED           0xFFFF0001u
#define TEE_ERROR_CANCEL                  0xFFFF0002u
#define TEE_ERROR_BAD_FORMAT              0xFFFF0005u
#define TEE_ERROR_BAD_PARAMETERS          0xFFFF0006u
#define TEE_ERROR_BAD_STATE               0xFFFF0007u
#define TEE_ERROR_ITEM_NOT_FOUND          0xFFFF0008u
#define TEE_ERROR_NOT_IMPLEMENTED         0xFFFF0009u
#define TEE_ERROR_NOT_SUPPORTED           0xFFFF000Au
#define TEE_ERROR_OUT_OF_MEMORY           0xFFFF000Cu
#define TEE_ERROR_BUSY                    0xFFFF000Du
#define TEE_ERROR_COMMUNICATION           0xFFFF000Eu
#define TEE_ERROR_SECURITY                0xFFFF000Fu
#define TEE_ERROR_SHORT_BUFFER            0xFFFF0010u
#define TEE_ERROR_MAC_INVALID             0xFFFF3071u
#define TEE_ERROR_STORAGE_NOT_AVAILABLE   0xF0100003u

#define TEE_ORIGIN_API                    1u
#define TEE_ORIGIN_COMMS                  2u
#define TEE_ORIGIN_TEE                    3u
#define TEE_ORIGIN_TRUSTED_APP            4u

struct optee_msg_param_tmem { uint64_t buf_ptr, size, shm_ref; };
struct optee_msg_param_rmem { uint64_t offs, size, shm_ref; };
struct optee_msg_param_value { uint64_t a, b, c; };

struct optee_msg_param {
	uint64_t attr;
	union {
		struct optee_msg_param_tmem tmem;
		struct optee_msg_param_rmem rmem;
		struct optee_msg_param_value value;
		uint8_t octets[24];
	} u;
};

struct optee_msg_arg {
	uint32_t cmd;
	uint32_t func;
	uint32_t session;
	uint32_t cancel_id;
	uint32_t pad;
	uint32_t ret;
	uint32_t ret_origin;
	uint32_t num_params;
	struct optee_msg_param params[];
};

#define OPTEE_MSG_GET_ARG_SIZE(n) (sizeof(struct optee_msg_arg) + (n) * sizeof(struct optee_msg_param))

#endif
