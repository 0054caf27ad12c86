/*
 * The message layer. The normal world may change the arg struct under our
 * feet, so the header is copied to secure memory once and only the copy is
 * trusted.
 */
#include <string.h>
#include <optee_msg.h>
#include <optee_smc.h>
#include <console.h>
#include <core_mmu.h>
#include <msg.h>

#define MSG_MAX_PARAMS 6

uint32_t msg_handle_call(uint64_t arg_pa, msg_pa_check_t check)
{
	struct optee_msg_arg hdr;

	memcpy(&hdr, core_ns_pa2va(arg_pa), sizeof(hdr));
	if (hdr.num_params > MSG_MAX_PARAMS ||
	    !check(arg_pa, OPTEE_MSG_GET_ARG_SIZE(hdr.num_params))) {
		log_msg("msg: bad arg struct at 0x%llx (num_params %u)",
			(unsigned long long)arg_pa, hdr.num_params);
		return OPTEE_SMC_RETURN_EBADADDR;
	}
	log_msg("msg: cmd %u not served yet", hdr.cmd);
	return OPTEE_SMC_RETURN_EBADCMD;
}
