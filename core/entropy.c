/*
 * Seeds the DRBG from what the platform offers: QEMU writes fresh host
 * randomness into /chosen/rng-seed and /chosen/kaslr-seed on every boot.
 * The secure world takes those bytes and hands the normal world different
 * ones (drawn from the DRBG), so the normal world never learns the seed.
 */
#include <stdint.h>
#include <string.h>
#include <console.h>
#include <drbg.h>
#include <entropy.h>
#include <libfdt.h>

static uint64_t read_cntpct(void)
{
	uint32_t lo, hi;

	__asm__ volatile("mrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Returns the number of seed bytes taken from prop. */
static int take_prop(void *fdt, int chosen, const char *prop)
{
	uint8_t fresh[64];
	const void *v;
	int len;

	v = fdt_getprop(fdt, chosen, prop, &len);
	if (!v || len <= 0)
		return 0;
	drbg_seed(v, len);
	if (len <= (int)sizeof(fresh)) {
		drbg_generate(fresh, len);
		fdt_setprop_inplace(fdt, chosen, prop, fresh, len);
	}
	return len;
}

/* The normal world can read QEMU's original DTB too: wipe the seeds there.
 * The copy was taken byte for byte, so /chosen sits at the same offset. */
static void scrub_prop(void *fdt, int chosen, const char *prop)
{
	static const uint8_t zeros[64];
	const void *v;
	int len;

	v = fdt_getprop(fdt, chosen, prop, &len);
	if (v && len > 0)
		fdt_setprop_inplace_namelen_partial(fdt, chosen, prop, strlen(prop), 0, zeros,
						    len < 64 ? len : 64);
}

void entropy_take_dt_seeds(void *fdt, void *orig_fdt)
{
	uint64_t t = read_cntpct();
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *name;
	int n = 0;

	drbg_seed(&t, sizeof(t));
	if (chosen >= 0) {
		n += take_prop(fdt, chosen, "rng-seed");
		n += take_prop(fdt, chosen, "kaslr-seed");
		name = fdt_get_name(orig_fdt, chosen, NULL);
		if (name && !strcmp(name, "chosen")) {
			scrub_prop(orig_fdt, chosen, "rng-seed");
			scrub_prop(orig_fdt, chosen, "kaslr-seed");
		}
	}
	if (n)
		log_msg("rng: DRBG seeded with %d bytes of /chosen seeds (replaced for the normal world)",
			n);
	else
		log_msg("rng: WARNING: no /chosen/rng-seed; DRBG seeded from the counter only");
}
