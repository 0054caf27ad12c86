#ifndef POWER_H
#define POWER_H
/* Drive the secure GPIO line wired to QEMU's power controller. */
void __attribute__((noreturn)) platform_system_off(void);
void __attribute__((noreturn)) platform_system_reset(void);
#endif
