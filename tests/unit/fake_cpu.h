#ifndef FAKE_CPU_H
#define FAKE_CPU_H
#include <stdint.h>
extern uint32_t fake_pmcr, fake_sder;
extern char fake_cp15_log[2048];
void fake_cpu_reset(void);
#endif
