/* QEMU virt,secure=on (cortex-a15): board addresses. Facts: qemu-virt.md. */
#ifndef PLATFORM_H
#define PLATFORM_H

#define CFG_MAX_CPUS            4

#define SECURE_FLASH_BASE       0x00000000u
#define SECURE_FLASH_SIZE       0x04000000u
#define GIC_BASE                0x08000000u
#define GICD_BASE               0x08000000u
#define GICC_BASE               0x08010000u
#define UART0_BASE              0x09000000u   /* normal-world console */
#define FW_CFG_BASE             0x09020000u
#define SECURE_UART_BASE        0x09040000u
#define SECURE_GPIO_BASE        0x090b0000u
#define DEVICE_WINDOW_BASE      0x09000000u   /* one 1 MiB section holds all of the above but the GIC */
#define SECURE_RAM_BASE         0x0e000000u
#define SECURE_RAM_SIZE         0x01000000u
#define NS_RAM_BASE             0x40000000u

/* Boot contract with the normal world (README "Boot contract"). */
#define NS_DTB_QEMU_ADDR        0x40000000u   /* where QEMU leaves its DTB */
#define NS_KERNEL_ADDR          0x42000000u
#define NS_DTB_ADDR             0x43000000u
#define NS_INITRD_ADDR          0x44000000u
#define NS_KERNEL_MAX_SIZE      (NS_DTB_ADDR - NS_KERNEL_ADDR)
#define NS_DTB_MAX_SIZE         0x00100000u
#define NS_FW_CFG_DMA_ADDR      (NS_KERNEL_ADDR - 0x1000u) /* scratch for the DMA descriptor */

/* The static shared-memory carve-out: the last 2 MiB of NS RAM. */
#define SHM_CARVEOUT_SIZE       0x00200000u

/* Secure GPIO (PL061) pins wired to QEMU's power controller. */
#define SECURE_GPIO_PIN_POWEROFF 0
#define SECURE_GPIO_PIN_RESET    1

#endif
