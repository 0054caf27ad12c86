/* Normal-world memory access without alignment assumptions (ns_io.h). */
#include <string.h>
#include <core_mmu.h>
#include <ns_io.h>

/* Little endian, one byte at a time: never a multi-byte access. */
static uint32_t load_le32(uint64_t pa)
{
	const volatile uint8_t *p = core_ns_pa2va(pa);

	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void store_le32(uint64_t pa, uint32_t v)
{
	volatile uint8_t *p = core_ns_pa2va(pa);

	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

void ns_read(void *dst, uint64_t pa, size_t len)
{
	memcpy(dst, core_ns_pa2va(pa), len);
}

void ns_write(uint64_t pa, const void *src, size_t len)
{
	memcpy(core_ns_pa2va(pa), src, len);
}

uint32_t ns_read_u32(uint64_t pa)
{
	return load_le32(pa);
}

uint64_t ns_read_u64(uint64_t pa)
{
	return load_le32(pa) | (uint64_t)load_le32(pa + 4) << 32;
}

void ns_write_u32(uint64_t pa, uint32_t v)
{
	store_le32(pa, v);
}

void ns_write_u64(uint64_t pa, uint64_t v)
{
	store_le32(pa, (uint32_t)v);
	store_le32(pa + 4, (uint32_t)(v >> 32));
}
