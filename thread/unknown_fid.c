/* One log line per unknown function id, whoever meets it (fast, std, PSCI). */
#include <stdbool.h>
#include <stdint.h>
#include <console.h>
#include <spinlock.h>
#include <thread.h>

/* Remembers which unknown ids were logged so that a flood of one bad id
 * costs one line. Once the table is full, further ids share the power-of-two
 * limit of log_reject(). */
#define UNKNOWN_LOG_SLOTS 32
static uint32_t unknown_logged[UNKNOWN_LOG_SLOTS];
static unsigned int unknown_count;
static unsigned int unknown_lock;

void thread_log_unknown_fid(const char *where, uint32_t fid)
{
	unsigned int i;
	bool seen = false, full;

	cpu_spin_lock(&unknown_lock);
	for (i = 0; i < unknown_count && !seen; i++)
		seen = unknown_logged[i] == fid;
	full = !seen && unknown_count == UNKNOWN_LOG_SLOTS;
	if (!seen && !full)
		unknown_logged[unknown_count++] = fid;
	cpu_spin_unlock(&unknown_lock);
	if (full)
		log_reject("%s: unknown function id 0x%08x (id table full)", where, fid);
	else if (!seen)
		log_msg("%s: unknown function id 0x%08x", where, fid);
}
