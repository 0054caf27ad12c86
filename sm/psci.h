/* PSCI 1.0 (SMC32) in the monitor. */
#ifndef PSCI_H
#define PSCI_H
#include <stdint.h>
#include <thread.h>

/* Called by sm_from_nsec for owner 4 (Standard Service) fast calls. */
void sm_psci_handler(struct thread_smc_args *args);
/* Primary: number of CPUs and their MPIDRs; the primary is ON, others OFF. */
void psci_init(unsigned int ncpus);
/* Secondary CPU in the holding pen (Secure SVC): waits for a CPU_ON and
 * returns its entry point and context id. */
void psci_pen_wait(unsigned int cpu, uint32_t *entry, uint32_t *context_id);
/* Mark this CPU ON (after it picked up its mailbox). */
void psci_cpu_is_on(unsigned int cpu);
#endif
