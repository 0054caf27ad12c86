#ifndef SPINLOCK_H
#define SPINLOCK_H
/* 0 = unlocked, 1 = locked. ldrex/strex based; needs the MMU on (Normal memory). */
void cpu_spin_lock(unsigned int *lock);
void cpu_spin_unlock(unsigned int *lock);
#endif
