/*
 * GICv2 secure set-up: the least the normal world needs (qemu-virt.md).
 * mintee keeps no interrupt of its own yet, so every interrupt is Group 1;
 * an interrupt the secure world keeps would stay in Group 0.
 */
#include <stdbool.h>
#include <arm.h>
#include <platform.h>
#include <gic.h>

#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_IGROUPR(n) (0x080 + 4 * (n))
#define GICD_SGIR       0xf00
#define GICD_CPENDSGIR(n) (0xf10 + 4 * (n))
#define GICD_SPENDSGIR(n) (0xf20 + 4 * (n))
#define GICD_SGIR_OTHERS  (1u << 24)	/* TargetListFilter: all but self; NSATT 0 */
#define GICC_CTLR       0x000
#define GICC_PMR        0x004

#define GICD_CTLR_ENABLE_GRP0 (1u << 0)
#define GICD_CTLR_ENABLE_GRP1 (1u << 1)
#define GICC_CTLR_ENABLE_GRP0 (1u << 0)
#define GICC_CTLR_ENABLE_GRP1 (1u << 1)

void gic_init_dist(void)
{
	unsigned int n = (mmio_read32(GICD_BASE + GICD_TYPER) & 0x1f) + 1;
	unsigned int i;

	for (i = 1; i < n; i++)
		mmio_write32(GICD_BASE + GICD_IGROUPR(i), 0xffffffffu);
	mmio_write32(GICD_BASE + GICD_CTLR, GICD_CTLR_ENABLE_GRP0 | GICD_CTLR_ENABLE_GRP1);
}

void gic_sgi_to_others(unsigned int id)
{
	mmio_write32(GICD_BASE + GICD_SGIR, GICD_SGIR_OTHERS | (id & 0xf));
}

/* GICD_S/CPENDSGIRn are banked per CPU: one byte per SGI, one bit per sender. */
bool gic_sgi_take(unsigned int id)
{
	unsigned int shift = (id % 4) * 8;
	uint32_t from = (mmio_read32(GICD_BASE + GICD_SPENDSGIR(id / 4)) >> shift) & 0xff;

	if (from)
		mmio_write32(GICD_BASE + GICD_CPENDSGIR(id / 4), from << shift);
	return from != 0;
}

void gic_init_cpu(void)
{
	mmio_write32(GICD_BASE + GICD_IGROUPR(0), 0xffffffffu);
	mmio_write32(GICC_BASE + GICC_PMR, 0xff);
	mmio_write32(GICC_BASE + GICC_CTLR, GICC_CTLR_ENABLE_GRP0 | GICC_CTLR_ENABLE_GRP1);
}
