/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device-tree handling of the boot path: what the firmware learns from the
 * DTB QEMU leaves at the base of NS RAM, and the patches Linux needs before it
 * can pair with the OP-TEE driver and bring up CPUs through PSCI. A client of
 * libfdt (core/dt.c).
 *
 * Every function returns 0 or a negative libfdt error (-FDT_ERR_*, see
 * fdt_strerror()). Nothing here allocates: blobs live in caller buffers, which
 * must be 8-byte aligned (-FDT_ERR_ALIGNMENT otherwise). Reading and patching
 * first check the whole structure block: a malformed one (a property running
 * past the block, a property after a child node, a second root, a strings
 * block not ending in NUL) gives -FDT_ERR_BADSTRUCTURE. Patching needs a
 * version 17 blob with its blocks in libfdt's order (-FDT_ERR_BADLAYOUT
 * otherwise; QEMU's and dt_copy_open()'s output are).
 */
#ifndef MINTEE_DT_H
#define MINTEE_DT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define DT_MAX_CPUS 8

struct dt_ns_info {
	/*
	 * First root node with device_type "memory" whose status is absent,
	 * "okay" or "ok" (QEMU's /secram@e000000 is "disabled": skipped).
	 * First (address, size) pair of its reg, in the root's cell sizes.
	 */
	uint64_t mem_base, mem_size;
	/* /cpus children with device_type "cpu", at most DT_MAX_CPUS. */
	unsigned int ncpus;
	uint32_t cpu_mpidr[DT_MAX_CPUS]; /* their reg (last cell), in order */
};

/*
 * Fills *out from fdt. -FDT_ERR_NOTFOUND when there is no usable memory node
 * or no cpu node; -FDT_ERR_BADNCELLS for cell sizes other than 1 or 2.
 * CPUs beyond DT_MAX_CPUS are ignored.
 */
int dt_read_ns_info(const void *fdt, struct dt_ns_info *out);

/*
 * Copies the blob at src to dst and opens it for writing (fdt_open_into()),
 * with totalsize dst_size (clamped to INT32_MAX). Only the bytes the blob
 * uses are read and copied (header to the end of its furthest block), however
 * large the header's totalsize claims to be: QEMU claims 1 MiB for about
 * 8.5 KiB. dst and src must not overlap. -FDT_ERR_NOSPACE when dst_size is
 * too small (dst untouched).
 */
int dt_copy_open(void *dst, size_t dst_size, const void *src);

struct dt_patch {
	uint64_t initrd_start, initrd_end; /* both 0: no initrd, add nothing */
	const char *bootargs;              /* NULL: keep /chosen/bootargs as is */
	bool reserve_shm;                  /* add /reserved-memory/optee_shm@<pa> */
	uint64_t shm_pa, shm_size;
};

/* Receives one line per change (printf format, no newline). */
typedef void (*dt_log_fn)(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Patches an open blob (see dt_copy_open) within its totalsize for the
 * normal world, then packs it (fdt_totalsize() is then the size to hand on):
 *  - /firmware/optee: compatible "linaro,optee-tz", method "smc" (unless
 *    present);
 *  - /psci: PSCI 1.0/0.2 over SMC with the 0.1 function IDs (unless present);
 *  - enable-method "psci" on each /cpus cpu node that has none;
 *  - when p->reserve_shm: /reserved-memory (root cell sizes, empty ranges)
 *    and its child optee_shm@<pa> with reg and no-map (unless present);
 *  - /chosen (created if missing): linux,initrd-start/-end in the root's
 *    #address-cells, bootargs when p->bootargs is given.
 * New nodes and properties go first in their parent (libfdt's placement);
 * the carve-out's reg uses the cells of an existing /reserved-memory.
 * Idempotent: patching a patched blob adds and logs nothing. log (may be NULL)
 * receives one line per change. p may be NULL (nothing optional);
 * p->bootargs must not point into fdt itself.
 * Errors change nothing: -FDT_ERR_NOSPACE when the additions may not fit in
 * totalsize (the room check counts every property name added as a new
 * string: it may ask for up to about 200 bytes more than libfdt then uses),
 * -FDT_ERR_BADVALUE for an initrd or carve-out that does not fit the cells
 * (or an initrd ending before it starts), -FDT_ERR_BADNCELLS for cell sizes
 * other than 1 or 2.
 */
int dt_patch_for_ns(void *fdt, const struct dt_patch *p, dt_log_fn log);

/* /chosen/bootargs, or NULL when absent or not a NUL-terminated string. */
const char *dt_get_bootargs(const void *fdt);

#endif /* MINTEE_DT_H */
