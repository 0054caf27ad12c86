/* Payload "regs": an smc hands back r4-r12, every banked register of every
 * NS mode and the CPSR bit-exactly, for a fast call, an unknown id and a
 * yielding call that goes through the full world switch. */
#include "ns.h"
#include "optee_smc.h"

const char ns_payload_name[] = "regs";

static struct ns_regs_probe probe;

static void run(const char *id, const char *what, uint32_t seed, uint32_t a0, uint32_t a1, uint32_t a2,
		uint32_t a3, const uint32_t *exp_res, unsigned res_mask, bool use_smc)
{
	ns_regs_fill(&probe, seed);
	probe.args[0] = a0;
	probe.args[1] = a1;
	probe.args[2] = a2;
	probe.args[3] = a3;
	if (use_smc)
		ns_regs_probe_smc(&probe);
	else
		ns_regs_probe_nop(&probe);
	ns_expect_probe(id, what, &probe, exp_res, res_mask);
}

void ns_payload_run(void)
{
	static const uint32_t self[4] = { 0x01234567u, 0x89abcdefu, 0xfedcba98u, 0x76543210u };
	run("ns.regs.selftest_nop", "the probe itself round-trips every register when a nop stands in for the smc",
	    1, self[0], self[1], self[2], self[3], self, 0xf, false);

	static const uint32_t uid[4] = { OPTEE_MSG_UID_0, OPTEE_MSG_UID_1, OPTEE_MSG_UID_2, OPTEE_MSG_UID_3 };
	run("ns.regs.fast_calls_uid",
	    "CALLS_UID answers and r4-r12, USR/SVC/ABT/UND/IRQ/FIQ sp,lr,spsr, FIQ r8-r12 and CPSR come back unchanged",
	    2, OPTEE_SMC_CALLS_UID, 0x1111u, 0x2222u, 0x3333u, uid, 0xf, true);

	static const uint32_t unknown[4] = { OPTEE_SMC_RETURN_UNKNOWN_FUNCTION, 0xa1a1a1a1u, 0xa2a2a2a2u, 0xa3a3a3a3u };
	run("ns.regs.fast_unknown",
	    "unknown id 0xb2000002: UNKNOWN_FUNCTION, r1-r12, every banked register and CPSR unchanged",
	    3, 0xB2000002u, unknown[1], unknown[2], unknown[3], unknown, 0xf, true);

	static const uint32_t badaddr[1] = { OPTEE_SMC_RETURN_EBADADDR };
	run("ns.regs.std_bad_arg",
	    "CALL_WITH_ARG at secure RAM: EBADADDR through the world switch, r4-r12, every banked register and CPSR unchanged",
	    4, OPTEE_SMC_CALL_WITH_ARG, 0, 0x0e000000u, 0, badaddr, 0x1, true);

	/* Again with other patterns: a monitor that restores a stale save
	 * area (or a fixed value) cannot pass both. */
	run("ns.regs.fast_calls_uid_reseeded", "CALLS_UID again with different patterns: everything comes back unchanged",
	    5, OPTEE_SMC_CALLS_UID, 0, 0, 0, uid, 0xf, true);
	run("ns.regs.std_bad_arg_reseeded", "CALL_WITH_ARG(0) again with different patterns: everything comes back unchanged",
	    6, OPTEE_SMC_CALL_WITH_ARG, 0, 0, 0, badaddr, 0x1, true);
}
