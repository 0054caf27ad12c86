#ifndef GIC_H
#define GIC_H
/* Distributor: every interrupt to Group 1 (the normal world's). Primary only. */
void gic_init_dist(void);
/* Per CPU: banked IGROUPR0, priority mask, CPU interface enables. */
void gic_init_cpu(void);
#endif
