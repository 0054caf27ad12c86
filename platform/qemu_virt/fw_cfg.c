/*
 * QEMU fw_cfg (MMIO): data +0, selector +8 (big-endian 16 bit), DMA +0x10
 * (big-endian 64 bit; the write of the low word starts the transfer). DMA
 * sees only the non-secure address space, so descriptor and destination
 * live in NS RAM.
 */
#include <arm.h>
#include <cache.h>
#include <fw_cfg.h>
#include <platform.h>

#define FW_CFG_DATA     (FW_CFG_BASE + 0x00)
#define FW_CFG_SELECTOR (FW_CFG_BASE + 0x08)
#define FW_CFG_DMA_HI   (FW_CFG_BASE + 0x10)
#define FW_CFG_DMA_LO   (FW_CFG_BASE + 0x14)

#define FW_CFG_DMA_CTL_ERROR  0x01u
#define FW_CFG_DMA_CTL_READ   0x02u
#define FW_CFG_DMA_CTL_SELECT 0x08u

struct fw_cfg_dma_access {
	uint32_t control;
	uint32_t length;
	uint64_t address;
};

static void fw_cfg_select(uint16_t key)
{
	mmio_write16(FW_CFG_SELECTOR, __builtin_bswap16(key));
}

void fw_cfg_read_bytes(uint16_t key, void *buf, size_t len)
{
	uint8_t *p = buf;

	fw_cfg_select(key);
	while (len--)
		*p++ = mmio_read8(FW_CFG_DATA);
}

uint32_t fw_cfg_read_u32(uint16_t key)
{
	uint8_t b[4];

	fw_cfg_read_bytes(key, b, sizeof(b));
	return b[0] | (b[1] << 8) | (b[2] << 16) | ((uint32_t)b[3] << 24);
}

int fw_cfg_present(void)
{
	uint8_t sig[4];

	fw_cfg_read_bytes(FW_CFG_SIGNATURE, sig, sizeof(sig));
	return sig[0] == 'Q' && sig[1] == 'E' && sig[2] == 'M' && sig[3] == 'U';
}

int fw_cfg_dma_read(uint16_t key, uint32_t ns_pa, uint32_t len)
{
	volatile struct fw_cfg_dma_access *d = (void *)NS_FW_CFG_DMA_ADDR;
	uint32_t ctl;

	d->control = __builtin_bswap32(((uint32_t)key << 16) | FW_CFG_DMA_CTL_SELECT |
				       FW_CFG_DMA_CTL_READ);
	d->length = __builtin_bswap32(len);
	d->address = __builtin_bswap64(ns_pa);
	dcache_clean_range((void *)d, sizeof(*d));
	dsb();
	mmio_write32(FW_CFG_DMA_HI, 0);
	mmio_write32(FW_CFG_DMA_LO, __builtin_bswap32(NS_FW_CFG_DMA_ADDR));
	do {
		dcache_inv_range((void *)d, sizeof(*d));
		ctl = __builtin_bswap32(d->control);
	} while (ctl & ~FW_CFG_DMA_CTL_ERROR);
	return (ctl & FW_CFG_DMA_CTL_ERROR) ? -1 : 0;
}
