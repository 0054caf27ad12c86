/* Host fuzzer: the yielding-call entry (thread/entry_std.c) with the
 * message layer behind it, as the firmware wires them: CALL_WITH_ARG,
 * CALL_WITH_RPC_ARG and CALL_WITH_REGD_ARG (a registration at any offset
 * in its first page, any a3), plus arbitrary function ids. UBSan's
 * alignment check stands in for the hardware's alignment faults. */
#include <optee_smc.h>
#include <msg.h>
#include <ns_shm.h>
#include <thread.h>
#include "host.h"

#define REGD_LIST (NS_BASE + 0x2000u)

static uint64_t regd_setup(struct in *in, struct thread_smc_args *a)
{
	uint64_t cookie = in_u8(in) % HOST_COOKIES;
	uint32_t offset = in_u32(in) % NS_PAGE, size = 1 + in_u32(in) % (3 * NS_PAGE), pos, npages;
	uint64_t *list = ns_ptr(REGD_LIST);

	npages = (offset + size + NS_PAGE - 1) / NS_PAGE;
	for (uint32_t j = 0; j < npages; j++)   /* out of order, clear of the list page */
		list[j] = NS_BASE + 0x10000u + (in_u8(in) % 64) * NS_PAGE;
	ns_shm_unregister(cookie);
	ns_shm_register(cookie, REGD_LIST | offset, size);
	a->a0 = OPTEE_SMC_CALL_WITH_REGD_ARG;
	a->a1 = 0;
	a->a2 = (uint32_t)cookie;
	a->a3 = in_u8(in) & 1 ? in_u32(in) % size : in_u32(in);
	pos = offset + a->a3;
	if (a->a3 >= size)
		return 0;
	return list[pos / NS_PAGE] + pos % NS_PAGE;
}

static uint32_t call_std(uint64_t arg_pa, struct in *in)
{
	struct thread_smc_args a = { 0 };
	uint8_t f = in_u8(in);

	switch (f % 4) {
	case 0:
	case 1:
		a.a0 = f % 4 ? OPTEE_SMC_CALL_WITH_RPC_ARG : OPTEE_SMC_CALL_WITH_ARG;
		a.a1 = (uint32_t)(arg_pa >> 32);
		a.a2 = (uint32_t)arg_pa;
		host_build_arg(in, arg_pa);
		break;
	case 2:
		arg_pa = regd_setup(in, &a);
		if (arg_pa)
			host_build_arg(in, arg_pa);
		break;
	default:
		a.a0 = in_u32(in) & ~0x80000000u;       /* yielding ids only */
		a.a1 = in_u32(in);
		a.a2 = in_u32(in);
		a.a3 = in_u32(in);
		break;
	}
	thread_handle_std_smc(&a);
	return a.a0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	thread_set_std_call_handler(msg_handle_call);   /* as core/boot.c does */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };

	host_run_messages(&in, call_std);
	return 0;
}
