#ifndef GIC_H
#define GIC_H
/* Distributor: every interrupt to Group 1 (the normal world's). Primary only. */
void gic_init_dist(void);
/* Per CPU: banked IGROUPR0, priority mask, CPU interface enables. */
void gic_init_cpu(void);
/* Secure SGI id to every other CPU (a Group 0 SGI: the normal world never
 * sees it). Works before the distributor is enabled: only pending state. */
void gic_sgi_to_others(unsigned int id);
/* True, and no longer pending, if SGI id is pending for this CPU (any
 * sender). Usable with the MMU off. */
bool gic_sgi_take(unsigned int id);
#endif
