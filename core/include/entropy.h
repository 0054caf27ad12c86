#ifndef ENTROPY_H
#define ENTROPY_H
/* Seed the DRBG from the DTB's /chosen seeds and replace them (boot only). */
void entropy_take_dt_seeds(void *fdt);
/* Zero the seeds left in QEMU's original DTB (readable by the normal world). */
void entropy_scrub_dt_seeds(void *orig_fdt);
#endif
