#include <stacks.h>

/* .nozi: not zeroed at boot (secondaries use their stacks before the
 * primary has cleared .bss). */
uint8_t stack_tmp[CFG_MAX_CPUS][STACK_TMP_SIZE]
	__attribute__((aligned(8), section(".nozi.stack_tmp")));
uint8_t stack_exc[CFG_MAX_CPUS][STACK_EXC_SIZE]
	__attribute__((aligned(8), section(".nozi.stack_exc")));
