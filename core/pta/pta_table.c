/* The built-in services, in the order GET_DEVICES lists them. */
#include <string.h>
#include <pta.h>

extern const struct pta pta_device_enum, pta_rng, pta_hello_world, pta_test, pta_trusted_keys;

const struct pta *const pta_table[] = {
	&pta_device_enum,
	&pta_rng,
	&pta_hello_world,
	&pta_trusted_keys,
#if CFG_TEST_PTA
	&pta_test,	/* test images only: it can hold a thread 10 s, shows global counts */
#endif
};
const size_t pta_table_count = sizeof(pta_table) / sizeof(pta_table[0]);

const struct pta *pta_find(const uint8_t uuid[16])
{
	size_t i;

	for (i = 0; i < pta_table_count; i++)
		if (!memcmp(pta_table[i]->uuid, uuid, 16))
			return pta_table[i];
	return NULL;
}
