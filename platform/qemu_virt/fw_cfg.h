#ifndef FW_CFG_H
#define FW_CFG_H
#include <stdint.h>
#include <stddef.h>

#define FW_CFG_SIGNATURE     0x00
#define FW_CFG_ID            0x01
#define FW_CFG_RAM_SIZE      0x03
#define FW_CFG_KERNEL_SIZE   0x08
#define FW_CFG_INITRD_SIZE   0x0b
#define FW_CFG_KERNEL_DATA   0x11
#define FW_CFG_INITRD_DATA   0x12
#define FW_CFG_CMDLINE_SIZE  0x14
#define FW_CFG_CMDLINE_DATA  0x15

/* True when the device answers with its "QEMU" signature. */
int fw_cfg_present(void);
uint32_t fw_cfg_read_u32(uint16_t key);
/* PIO read of up to len bytes of an item into secure memory. */
void fw_cfg_read_bytes(uint16_t key, void *buf, size_t len);
/* DMA read of len bytes of an item straight into NS RAM at ns_pa.
 * Returns 0, or -1 on a DMA error. */
int fw_cfg_dma_read(uint16_t key, uint32_t ns_pa, uint32_t len);
#endif
