/* Host stand-ins for what the firmware gets from arch/, the log, panic and mm/:
 * enough to run the C decision code of thread/ and mm/ on the host. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fake_arch.h"

char fake_log[4096];
unsigned int fake_log_lines;
uint64_t fake_shm_pa, fake_shm_size;

void cpu_spin_lock(unsigned int *lock) { (*lock)++; }
void cpu_spin_unlock(unsigned int *lock) { (*lock)--; }

void log_msg(const char *fmt, ...)
{
	size_t used = strlen(fake_log);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fake_log + used, sizeof(fake_log) - used, fmt, ap);
	va_end(ap);
	used = strlen(fake_log);
	if (used + 1 < sizeof(fake_log))
		strcat(fake_log, "\n");
	fake_log_lines++;
}

/* A broken invariant of the firmware's own: the host test dies loudly.
 * Weak: a test that expects a panic (test_sm) catches it with its own. */
__attribute__((weak)) void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "PANIC: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

void fake_log_clear(void)
{
	fake_log[0] = '\0';
	fake_log_lines = 0;
}

bool core_mmu_get_shm_carveout(uint64_t *pa, uint64_t *size)
{
	if (!fake_shm_size)
		return false;
	*pa = fake_shm_pa;
	*size = fake_shm_size;
	return true;
}

/* Entry points the vector table names but host tests never call (weak: a
 * test that links the real one gets that). */
__attribute__((weak)) void thread_std_smc_entry(void) {}
__attribute__((weak)) void thread_handle_std_smc(void *args) { (void)args; }
