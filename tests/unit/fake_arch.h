#ifndef FAKE_ARCH_H
#define FAKE_ARCH_H
#include <stdint.h>
extern char fake_log[4096];
extern unsigned int fake_log_lines;
extern uint64_t fake_shm_pa, fake_shm_size;
void fake_log_clear(void);
#endif
