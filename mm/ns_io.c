/* Normal-world memory access without alignment assumptions (ns_io.h). */
#include <string.h>
#include <core_mmu.h>
#include <ns_io.h>

/* Little endian, one byte at a time: never a multi-byte access. */
static uint64_t load_le(uint64_t pa, unsigned int n)
{
	const volatile uint8_t *p = core_ns_pa2va(pa);
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

static void store_le(uint64_t pa, uint64_t v, unsigned int n)
{
	volatile uint8_t *p = core_ns_pa2va(pa);
	unsigned int i;

	for (i = 0; i < n; i++, v >>= 8)
		p[i] = (uint8_t)v;
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
	return (uint32_t)load_le(pa, 4);
}

uint64_t ns_read_u64(uint64_t pa)
{
	return load_le(pa, 8);
}

void ns_write_u32(uint64_t pa, uint32_t v)
{
	store_le(pa, v, 4);
}

void ns_write_u64(uint64_t pa, uint64_t v)
{
	store_le(pa, v, 8);
}
