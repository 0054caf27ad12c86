/* Payload "std": yielding calls with bad arguments are refused with the
 * documented error and the firmware keeps serving. */
#include "ns.h"
#include "optee_smc.h"

const char ns_payload_name[] = "std";

#define RESERVED_SHM_SIZE 0x200000u

/* A good NS RAM address for an optee_msg_arg, 8-byte aligned. */
static uint64_t arg_buf[64] __attribute__((aligned(4096)));

static void bad_arg(const char *id, const char *what, uint32_t a1, uint32_t a2)
{
	struct smc_regs r = { { OPTEE_SMC_CALL_WITH_ARG, a1, a2, 0, 0, 0, 0, 0 } };
	smc_call(&r);
	ns_case(id, what, r.r[0] == OPTEE_SMC_RETURN_EBADADDR, "a1:a2 = 0x%08x:0x%08x: got a0 = 0x%08x, expected 0x%08x",
		a1, a2, r.r[0], OPTEE_SMC_RETURN_EBADADDR);
}

void ns_payload_run(void)
{
	bool reserved = ns_shm_mode() == NS_SHM_RESERVED;
	uint32_t ram_end = ns_info.ram_end ? ns_info.ram_end : 0x80000000u;
	/* An address the firmware would accept, so that only the property
	 * under test is wrong. */
	uint32_t good = reserved ? ram_end - RESERVED_SHM_SIZE : (uint32_t)arg_buf;

	bad_arg("ns.std.arg_secure_ram", "CALL_WITH_ARG with the arg in secure RAM (0x0e000000) returns EBADADDR",
		0, 0x0e000000u);
	bad_arg("ns.std.arg_device", "CALL_WITH_ARG with the arg at a device (UART0 0x09000000) returns EBADADDR",
		0, 0x09000000u);
	bad_arg("ns.std.arg_null", "CALL_WITH_ARG with the arg at 0 returns EBADADDR", 0, 0);
	bad_arg("ns.std.arg_unaligned", "CALL_WITH_ARG with an arg address that is not 8-byte aligned returns EBADADDR",
		0, good + 4);
	bad_arg("ns.std.arg_high_word", "CALL_WITH_ARG with a non-zero high word (a1 = 1) returns EBADADDR", 1, good);
	uint32_t past = ram_end <= 0xbff00000u ? 0xbff00000u : ram_end;
	bad_arg("ns.std.arg_past_ram_end", "CALL_WITH_ARG with the arg past the end of NS RAM returns EBADADDR", 0, past);
	bad_arg("ns.std.arg_crosses_ram_end", "CALL_WITH_ARG with the arg header crossing the end of NS RAM returns EBADADDR",
		0, ram_end - 16);
	bad_arg("ns.std.arg_wraps", "CALL_WITH_ARG with the arg at 0xfffffff8 (wraps around) returns EBADADDR",
		0, 0xfffffff8u);
	if (reserved)
		bad_arg("ns.std.arg_outside_carveout",
			"CALL_WITH_ARG with the arg in NS RAM outside the reserved carve-out (0x48000000) returns EBADADDR",
			0, 0x48000000u);

	struct smc_regs r = { { OPTEE_SMC_RETURN_FROM_RPC, 0, 0, 0x1234, 0, 0, 0, 0 } };
	smc_call(&r);
	ns_expect_eq("ns.std.resume_unknown_thread", "RETURN_FROM_RPC for a thread that does not exist (0x1234) returns ERESUME",
		     r.r[0], OPTEE_SMC_RETURN_ERESUME);
}
