/* Payload "bench": instructions per SMC round trip.
 *
 * Run under QEMU -icount shift=0 (tools/qemu.sh --icount --smp 1): PMCCNTR
 * then counts guest instructions in both worlds. For each row, a loop of
 * BENCH_N inline "smc #0" (r0..r3 reloaded every iteration) is timed, then
 * the same loop with a nop in place of the smc; the difference divided by
 * BENCH_N is the cost of one round trip through the firmware.
 *
 * Add rows to bench_rows[]. The table goes to UART0 between the BENCH-BEGIN
 * and BENCH-END lines that tools/bench.sh extracts. Never fails on a number. */
#include "ns.h"
#include "optee_smc.h"

const char ns_payload_name[] = "bench";
bool ns_payload_wants_closing_check = false;

#define BENCH_N 1000u

struct bench_row {
	const char *name;
	uint32_t id, a1, a2, a3;
};

static const struct bench_row bench_rows[] = {
	{ "CALLS_UID", OPTEE_SMC_CALLS_UID, 0, 0, 0 },
	{ "GET_OS_REVISION", OPTEE_SMC_GET_OS_REVISION, 0, 0, 0 },
	{ "unknown fast id", 0xB2000002u, 0, 0, 0 },
};

static inline uint32_t pmccntr(void)
{
	uint32_t v;
	__asm__ volatile("isb\n\tmrc p15, 0, %0, c9, c13, 0" : "=r"(v) : : "memory");
	return v;
}

static void pmu_enable(void)
{
	uint32_t pmcr;
	__asm__ volatile("mrc p15, 0, %0, c9, c12, 0" : "=r"(pmcr));
	pmcr |= (1u << 0) | (1u << 2);         /* E: enable, C: reset cycle counter */
	pmcr &= ~(1u << 3);                    /* D: count every cycle, not every 64th */
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 0" : : "r"(pmcr));
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 1" : : "r"(1u << 31)); /* PMCNTENSET.C */
	__asm__ volatile("isb");
}

/* The two loops differ only in the smc/nop; same instruction count otherwise. */
#define BENCH_LOOP(insn)                                                              \
	__asm__ volatile("1:\n\t"                                                      \
			 "mov r0, %[id]\n\t"                                           \
			 "mov r1, %[a1]\n\t"                                           \
			 "mov r2, %[a2]\n\t"                                           \
			 "mov r3, %[a3]\n\t"                                           \
			 insn "\n\t"                                                   \
			 "subs %[n], %[n], #1\n\t"                                     \
			 "bne 1b\n\t"                                                  \
			 "mov %[last], r0"                                             \
			 : [n] "+r"(n), [last] "=r"(last)                              \
			 : [id] "r"(row->id), [a1] "r"(row->a1), [a2] "r"(row->a2),    \
			   [a3] "r"(row->a3)                                           \
			 : "r0", "r1", "r2", "r3", "cc", "memory")

__attribute__((noinline)) static uint32_t loop_smc(const struct bench_row *row, uint32_t *a0)
{
	uint32_t n = BENCH_N, last;
	uint32_t t0 = pmccntr();
	BENCH_LOOP(".arch_extension sec\n\tsmc #0");
	uint32_t t1 = pmccntr();
	*a0 = last;
	return t1 - t0;
}

__attribute__((noinline)) static uint32_t loop_nop(const struct bench_row *row)
{
	uint32_t n = BENCH_N, last;
	uint32_t t0 = pmccntr();
	BENCH_LOOP("nop");
	uint32_t t1 = pmccntr();
	(void)last;
	return t1 - t0;
}

void ns_payload_run(void)
{
	pmu_enable();
	uint32_t a = pmccntr(), b = pmccntr();
	ns_printf("bench: PMCCNTR %s (two reads: %u, %u), N = %u\n", b != a ? "running" : "NOT running", a, b,
		  BENCH_N);

	ns_printf("BENCH-BEGIN\n");
	ns_printf("| %-22s | %-10s | %-28s | %-10s |\n", "function", "id", "instructions per round trip", "last a0");
	ns_printf("|------------------------|------------|------------------------------|------------|\n");
	for (unsigned i = 0; i < NS_ARRAY_SIZE(bench_rows); i++) {
		const struct bench_row *row = &bench_rows[i];
		uint32_t a0 = 0;
		uint32_t with = loop_smc(row, &a0);
		uint32_t without = loop_nop(row);
		uint32_t diff = with > without ? with - without : 0;
		ns_printf("| %-22s | 0x%08x | %28u | 0x%08x |\n", row->name, row->id, diff / BENCH_N, a0);
	}
	ns_printf("BENCH-END\n");
}
