#ifndef STACKS_H
#define STACKS_H
#include <platform.h>
/* Per-CPU secure stacks (the monitor's lives in struct sm_ctx). */
#define STACK_TMP_SIZE  8192    /* Secure SVC: boot, std-call entry */
#define STACK_EXC_SIZE  2048    /* ABT/UND/IRQ/FIQ: fault reports */

#ifndef __ASSEMBLY__
#include <stdint.h>
extern uint8_t stack_tmp[CFG_MAX_CPUS][STACK_TMP_SIZE];
extern uint8_t stack_exc[CFG_MAX_CPUS][STACK_EXC_SIZE];
static inline uint32_t stack_tmp_top(unsigned int cpu)
{
	return (uint32_t)&stack_tmp[cpu][STACK_TMP_SIZE];
}
#endif
#endif
