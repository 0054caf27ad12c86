/* ns.entry.*: the state the firmware enters the normal world in
 * (Linux ARM boot protocol, Documentation/arch/arm/booting.rst). */
#include "ns.h"
#include "cases.h"

#define NS_DTB_ADDR  0x43000000u
#define SCTLR_M      (1u << 0)
#define SCTLR_C      (1u << 2)

void ns_entry_cases(void)
{
	const struct ns_entry_state *e = &ns_entry;

	ns_expect_eq("ns.entry.r0", "r0 is 0 at entry", e->r0, 0);
	ns_expect_eq("ns.entry.r1", "r1 is 0xffffffff (DT boot, no machine number) at entry", e->r1, 0xffffffffu);
	ns_expect_eq("ns.entry.r2", "r2 is the patched DTB at 0x43000000", e->r2, NS_DTB_ADDR);

	uint32_t want = NS_MODE_SVC | NS_CPSR_I | NS_CPSR_F;
	uint32_t mask = NS_MODE_MASK | NS_CPSR_T | NS_CPSR_I | NS_CPSR_F;
	ns_case("ns.entry.cpsr", "entered in SVC mode, ARM state, IRQ and FIQ masked",
		(e->cpsr & mask) == want, "CPSR 0x%08x: mode 0x%02x I=%u F=%u T=%u, expected mode 0x13 I=1 F=1 T=0",
		e->cpsr, e->cpsr & NS_MODE_MASK, (e->cpsr >> 7) & 1, (e->cpsr >> 6) & 1, (e->cpsr >> 5) & 1);
	ns_case("ns.entry.mmu_off", "SCTLR.M is 0 (MMU off) at entry", !(e->sctlr & SCTLR_M),
		"SCTLR 0x%08x", e->sctlr);
	ns_case("ns.entry.dcache_off", "SCTLR.C is 0 (data cache off) at entry", !(e->sctlr & SCTLR_C),
		"SCTLR 0x%08x", e->sctlr);

	/* r2 may be anything if the firmware is wrong: read it under the abort
	 * handler so a bad pointer is a FAIL, not a dead payload. */
	uint32_t magic = 0;
	ns_expect_fault();
	__asm__ volatile("ldr %0, [%1]" : "+r"(magic) : "r"(e->r2) : "memory");
	if (ns_fault_taken())
		ns_fail("ns.entry.dtb_magic", "a DTB (magic 0xd00dfeed) is at r2",
			"reading r2 = 0x%08x aborted, DFSR 0x%08x", e->r2, ns_fault.fsr);
	else
		ns_expect_eq("ns.entry.dtb_magic", "a DTB (magic 0xd00dfeed) is at r2",
			     fdt_be32(&magic), FDT_MAGIC);
}
