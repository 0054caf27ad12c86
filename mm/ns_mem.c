/* Checks of normal-world physical addresses: everything the normal world
 * hands over goes through these before the secure side touches it. */
#include <core_mmu.h>

static uint64_t ns_base, ns_end;

void core_ns_mem_init(uint32_t base, uint32_t size)
{
	ns_base = base;
	ns_end = (uint64_t)base + size;
}

static bool range_within(uint64_t pa, uint64_t len, uint64_t lo, uint64_t hi)
{
	return len && pa >= lo && pa < hi && len <= hi - pa;
}

bool core_ns_range_ok(uint64_t pa, uint64_t len)
{
	return range_within(pa, len, ns_base, ns_end);
}

bool core_ns_range_in_shm(uint64_t pa, uint64_t len)
{
	uint64_t shm_pa, shm_size;

	if (!core_mmu_get_shm_carveout(&shm_pa, &shm_size))
		return false;
	return range_within(pa, len, shm_pa, shm_pa + shm_size);
}

static uint64_t room_in(uint64_t pa, uint64_t lo, uint64_t hi)
{
	return pa >= lo && pa < hi ? hi - pa : 0;
}

uint64_t core_ns_room(uint64_t pa)
{
	return room_in(pa, ns_base, ns_end);
}

uint64_t core_ns_shm_room(uint64_t pa)
{
	uint64_t shm_pa, shm_size;

	if (!core_mmu_get_shm_carveout(&shm_pa, &shm_size))
		return 0;
	return room_in(pa, shm_pa, shm_pa + shm_size);
}
