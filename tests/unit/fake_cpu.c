/* The fake CPU behind tests/unit/fake/arm.h: CP15 registers, barrier and
 * wait counters, the CPU index, and a log of CP15 writes. */
#include <stdio.h>
#include <string.h>
#include <arm.h>
#include "fake_cpu.h"

uint32_t fake_midr = 0x412fc0f2, fake_mpidr, fake_sctlr, fake_actlr, fake_scr, fake_nsacr;
uint32_t fake_vbar, fake_mvbar, fake_tpidrprw, fake_pmcr = 0x410f3000, fake_sder;
unsigned int fake_isb, fake_dsb, fake_sev, fake_wfe, fake_wfi;
void (*fake_wait_hook)(const char *what);
uint32_t fake_cpsr = CPSR_MODE_MON | CPSR_A | CPSR_I | CPSR_F;
unsigned int fake_cpu;
char fake_cp15_log[2048];

void fake_cp15_write(const char *name, uint32_t v)
{
	size_t used = strlen(fake_cp15_log);

	snprintf(fake_cp15_log + used, sizeof(fake_cp15_log) - used, "%s=%x ", name, v);
}

void fake_cpu_reset(void)
{
	fake_cp15_log[0] = '\0';
	fake_isb = fake_dsb = fake_sev = fake_wfe = fake_wfi = 0;
	fake_wait_hook = NULL;
	fake_cpu = 0;
}
