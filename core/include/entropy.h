#ifndef ENTROPY_H
#define ENTROPY_H
/* Seeds the DRBG from the /chosen seeds of fdt (a fresh byte-for-byte copy of
 * orig_fdt), replaces them in fdt and zeroes them in orig_fdt, which the
 * normal world can read too. Boot only. */
void entropy_take_dt_seeds(void *fdt, void *orig_fdt);
#endif
