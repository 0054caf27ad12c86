/* Host fuzzer: the message layer (core/msg.c, core/msg_param.c,
 * core/session.c, mm/ns_shm.c) entered as thread/entry_std.c enters it:
 * an 8-byte aligned arg in NS RAM and the room the caller checked. */
#include <msg.h>
#include <core_mmu.h>
#include "host.h"

static uint32_t call_msg(uint64_t arg_pa, struct in *in)
{
	uint8_t f = in_u8(in);
	uint64_t room;

	arg_pa &= ~7ull;
	host_build_arg(in, arg_pa);
	room = core_ns_room(arg_pa);
	if (!room)
		return 0;       /* the entry refuses it before the message layer */
	if (f & 1)              /* a registration's page bounds the room */
		room = room < (f >> 1) * 8ull ? room : (f >> 1) * 8ull;
	return msg_handle_call(arg_pa, room, f & 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };

	host_run_messages(&in, call_msg);
	return 0;
}
