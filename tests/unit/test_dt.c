// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of core/dt.c against DTBs dumped by the installed QEMU
 * (virt,secure=on with a -bios, as mintee boots; see tests/unit/unit.mk) and
 * against small trees built here with libfdt's sequential-write API.
 *
 * Usage: test_dt [DIR]   DIR holds virt.dtb and virt-smp4.dtb and receives
 *                        virt-patched.dtb/.dts (default build/unit).
 *
 * QEMU's blobs are placed so that the bytes they use end within 8 bytes of a
 * page boundary, the rest of the page poisoned and the following pages
 * PROT_NONE: header-claimed 1 MiB of which only about 8.5 KiB exist. A read
 * past the used bytes faults, which fails the case (unit_test.h).
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <libfdt.h>

#include "dt.h"
#include "unit_test.h"

#define SUITE		"dt"
#define DST_SIZE	(64 * 1024)
#define GUARD		4096
#define POISON_DST	0xa5
#define POISON_SRC	0xee
#define SRC_MAX		(1024 * 1024)

struct fixture {
	const char *name;
	const void *fdt;	/* header claims 1 MiB; `used` bytes exist */
	size_t used;
};

static const char *dir = "build/unit";
static struct fixture virt2 = { .name = "virt.dtb" };
static struct fixture virt4 = { .name = "virt-smp4.dtb" };

/* dst buffers with a poisoned guard zone behind DST_SIZE */
static uint64_t dst_a[(DST_SIZE + GUARD) / 8];
static uint64_t dst_b[(DST_SIZE + GUARD) / 8];
static uint64_t small[4096 / 8];

static const struct dt_patch full_patch = {
	.initrd_start = 0x44000000, .initrd_end = 0x44123456,
	.bootargs = "console=ttyAMA0 quiet",
	.reserve_shm = true, .shm_pa = 0x7fe00000, .shm_size = 0x200000,
};

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

static char logged[16][128];
static unsigned int nlogged;

static void __attribute__((format(printf, 1, 2))) capture(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (nlogged < 16)
		vsnprintf(logged[nlogged], sizeof(logged[0]), fmt, ap);
	va_end(ap);
	nlogged++;
}

static size_t blob_used(const void *fdt)
{
	size_t rsv = fdt_off_mem_rsvmap(fdt) +
		     (size_t)(fdt_num_mem_rsv(fdt) + 1) * 16;
	size_t st = fdt_off_dt_struct(fdt) + fdt_size_dt_struct(fdt);
	size_t str = fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt);

	return rsv > st ? (rsv > str ? rsv : str) : (st > str ? st : str);
}

static int load_fixture(struct fixture *f)
{
	static unsigned char file[SRC_MAX];
	size_t page = (size_t)sysconf(_SC_PAGESIZE), n, off, end;
	char path[512];
	unsigned char *map;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, f->name);
	fp = fopen(path, "rb");
	if (!fp)
		return -1;
	n = fread(file, 1, sizeof(file), fp);
	fclose(fp);
	if (n < sizeof(struct fdt_header) || fdt_check_header(file) ||
	    fdt_totalsize(file) != SRC_MAX || blob_used(file) > n)
		return -1;
	f->used = blob_used(file);
	off = (page - f->used % page) & ~(size_t)7;
	end = (off + f->used + page - 1) / page * page;
	map = mmap(NULL, end + SRC_MAX, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return -1;
	memset(map, POISON_SRC, end);
	memcpy(map + off, file, f->used);
	if (mprotect(map + end, SRC_MAX, PROT_NONE) ||
	    mprotect(map, end, PROT_READ))
		return -1;
	f->fdt = map + off;
	return 0;
}

static bool all_bytes(const void *p, size_t n, unsigned char v)
{
	const unsigned char *b = p;

	while (n--)
		if (*b++ != v)
			return false;
	return true;
}

static void poison(uint64_t *buf)
{
	memset(buf, POISON_DST, DST_SIZE + GUARD);
}

/* Copies f into buf (poisoned first), patches it with p, logs captured. */
static int open_and_patch(uint64_t *buf, size_t size, const void *src,
			  const struct dt_patch *p)
{
	int ret;

	poison(buf);
	nlogged = 0;
	ret = dt_copy_open(buf, size, src);
	return ret ? ret : dt_patch_for_ns(buf, p, capture);
}

static const void *getp(const void *fdt, const char *path, const char *name,
			int *len)
{
	int node = fdt_path_offset(fdt, path);

	*len = -1;
	return node < 0 ? NULL : fdt_getprop(fdt, node, name, len);
}

static bool prop_eq(const void *fdt, const char *path, const char *name,
		    const void *val, int len)
{
	int got;
	const void *p = getp(fdt, path, name, &got);

	return p && got == len && !memcmp(p, val, len);
}

#define PROP_STR_EQ(fdt, path, name, s) \
	prop_eq((fdt), (path), (name), (s), sizeof(s))

static bool prop_u32_eq(const void *fdt, const char *path, const char *name,
			uint32_t v)
{
	fdt32_t be = cpu_to_fdt32(v);

	return prop_eq(fdt, path, name, &be, 4);
}

static int nprops(const void *fdt, const char *path)
{
	int node = fdt_path_offset(fdt, path), off, n = 0;

	if (node < 0)
		return node;
	fdt_for_each_property_offset(off, fdt, node)
		n++;
	return n;
}

static int count_named(const void *fdt, const char *path, const char *name)
{
	int node = fdt_path_offset(fdt, path), off, len, n = 0;
	const char *pname;

	if (node < 0)
		return node;
	fdt_for_each_property_offset(off, fdt, node) {
		fdt_getprop_by_offset(fdt, off, &pname, &len);
		n += pname && !strcmp(pname, name);
	}
	return n;
}

/* How often s occurs as a whole string in the strings block. */
static int count_string(const void *fdt, const char *s)
{
	const char *p = (const char *)fdt + fdt_off_dt_strings(fdt);
	const char *end = p + fdt_size_dt_strings(fdt);
	int n = 0;

	for (; p < end; p += strlen(p) + 1)
		n += !strcmp(p, s);
	return n;
}

static bool exists(const void *fdt, const char *path)
{
	return fdt_path_offset(fdt, path) >= 0;
}

/* One tag of a full walk: the new depth, or -1 when malformed. */
static int check_tag(const void *fdt, uint32_t tag, int off, int depth)
{
	const struct fdt_property *prop;
	int len;

	switch (tag) {
	case FDT_BEGIN_NODE:
		return fdt_get_name(fdt, off, NULL) ? depth + 1 : -1;
	case FDT_END_NODE:
		return depth - 1;
	case FDT_PROP:
		prop = fdt_get_property_by_offset(fdt, off, &len);
		if (!prop || !fdt_get_string(fdt, fdt32_to_cpu(prop->nameoff),
					     &len))
			return -1;
		return depth;
	case FDT_NOP:
		return depth;
	default:
		return -1;
	}
}

/* Well-formed within size bytes (the kernel's libfdt has no fdt_check_full) */
static bool tree_ok(const void *fdt, size_t size)
{
	int off = 0, next = 0, depth = 0;
	uint32_t tag;

	if (fdt_check_header(fdt) || fdt_totalsize(fdt) > size ||
	    blob_used(fdt) > fdt_totalsize(fdt) ||
	    fdt_next_tag(fdt, 0, &next) != FDT_BEGIN_NODE)
		return false;
	do {	/* up to the end of the root node */
		tag = fdt_next_tag(fdt, off, &next);
		if (next < 0 || tag == FDT_END)
			return false;
		depth = check_tag(fdt, tag, off, depth);
		off = next;
	} while (depth > 0);
	return depth == 0 && fdt_next_tag(fdt, off, &next) == FDT_END;
}

static bool is_packed(const void *fdt)
{
	return fdt_totalsize(fdt) == blob_used(fdt) &&
	       tree_ok(fdt, fdt_totalsize(fdt));
}

/*
 * / { #address-cells = 1; #size-cells = 1;
 *     secram@e000000 (disabled memory, first); memory@80000000;
 *     cpus { cpu-map; cpu@100 (spin-table); cpu@101 { cache }; l2-cache } }
 * No /chosen. Returns 0 or a libfdt error.
 */
static int build_small(void *buf, int size)
{
	static const char spin[] = "spin-table";
	int e = fdt_create(buf, size);

	e = e ? e : fdt_finish_reservemap(buf);
	e = e ? e : fdt_begin_node(buf, "");
	e = e ? e : fdt_property_u32(buf, "#address-cells", 1);
	e = e ? e : fdt_property_u32(buf, "#size-cells", 1);
	e = e ? e : fdt_begin_node(buf, "secram@e000000");
	e = e ? e : fdt_property_string(buf, "device_type", "memory");
	e = e ? e : fdt_property_string(buf, "status", "disabled");
	e = e ? e : fdt_property_u64(buf, "reg", 0x0e00000001000000ull);
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_begin_node(buf, "memory@80000000");
	e = e ? e : fdt_property_string(buf, "device_type", "memory");
	e = e ? e : fdt_property_string(buf, "status", "okay");
	e = e ? e : fdt_property_u64(buf, "reg", 0x8000000020000000ull);
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_begin_node(buf, "cpus");
	e = e ? e : fdt_property_u32(buf, "#address-cells", 1);
	e = e ? e : fdt_property_u32(buf, "#size-cells", 0);
	e = e ? e : fdt_begin_node(buf, "cpu-map");
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_begin_node(buf, "cpu@100");
	e = e ? e : fdt_property_string(buf, "device_type", "cpu");
	e = e ? e : fdt_property_u32(buf, "reg", 0x100);
	e = e ? e : fdt_property(buf, "enable-method", spin, sizeof(spin));
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_begin_node(buf, "cpu@101");
	e = e ? e : fdt_property_string(buf, "device_type", "cpu");
	e = e ? e : fdt_property_u32(buf, "reg", 0x101);
	e = e ? e : fdt_begin_node(buf, "cache");	/* props go before it */
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_begin_node(buf, "l2-cache");
	e = e ? e : fdt_property_string(buf, "compatible", "cache");
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_end_node(buf);	/* cpus */
	e = e ? e : fdt_end_node(buf);	/* / */
	return e ? e : fdt_finish(buf);
}

/*
 * / { 2/2 cells; memory@40000000;
 *     firmware { scmi }; reserved-memory { 1/1 cells; ranges; other@0 };
 *     cpus { cpu@0 }; chosen { linux,initrd-start = <u32>; bootargs = "abc" } }
 */
static int build_parents(void *buf, int size)
{
	int e = fdt_create(buf, size);

	e = e ? e : fdt_finish_reservemap(buf);
	e = e ? e : fdt_begin_node(buf, "");
	e = e ? e : fdt_property_u32(buf, "#address-cells", 2);
	e = e ? e : fdt_property_u32(buf, "#size-cells", 2);
	e = e ? e : fdt_begin_node(buf, "memory@40000000");
	e = e ? e : fdt_property_string(buf, "device_type", "memory");
	e = e ? e : fdt_property_u64(buf, "reg", 0x40000000);
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_begin_node(buf, "firmware");
	e = e ? e : fdt_begin_node(buf, "scmi");
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_begin_node(buf, "reserved-memory");
	e = e ? e : fdt_property_u32(buf, "#address-cells", 1);
	e = e ? e : fdt_property_u32(buf, "#size-cells", 1);
	e = e ? e : fdt_property(buf, "ranges", "", 0);
	e = e ? e : fdt_begin_node(buf, "other@0");
	e = e ? e : fdt_property_u64(buf, "reg", 0x1000);
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_begin_node(buf, "cpus");
	e = e ? e : fdt_property_u32(buf, "#address-cells", 1);
	e = e ? e : fdt_property_u32(buf, "#size-cells", 0);
	e = e ? e : fdt_begin_node(buf, "cpu@0");
	e = e ? e : fdt_property_string(buf, "device_type", "cpu");
	e = e ? e : fdt_property_u32(buf, "reg", 0);
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_begin_node(buf, "chosen");
	e = e ? e : fdt_property_u32(buf, "linux,initrd-start", 0x1234);
	e = e ? e : fdt_property_string(buf, "bootargs", "abc");
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_end_node(buf);
	return e ? e : fdt_finish(buf);
}

/* / { a { }; b = <1>; }: a property after a child, which FDT forbids */
static int build_prop_after_child(void *buf, int size)
{
	int e = fdt_create(buf, size);

	e = e ? e : fdt_finish_reservemap(buf);
	e = e ? e : fdt_begin_node(buf, "");
	e = e ? e : fdt_begin_node(buf, "a");
	e = e ? e : fdt_end_node(buf);
	e = e ? e : fdt_property_u32(buf, "b", 1);
	e = e ? e : fdt_end_node(buf);
	return e ? e : fdt_finish(buf);
}

/* ------------------------------------------------------------------ */
/* Test cases                                                         */

static void test_read_ns_info(void)
{
	struct dt_ns_info info;
	int len;
	const void *st;

	UT_EQ(dt_read_ns_info(virt2.fdt, &info), 0);
	UT_EQ(info.mem_base, 0x40000000);
	UT_EQ(info.mem_size, 0x40000000);
	UT_EQ(info.ncpus, 2);
	UT_EQ(info.cpu_mpidr[0], 0);
	UT_EQ(info.cpu_mpidr[1], 1);
	/* the fixture does have the secure RAM node the reader must skip */
	st = getp(virt2.fdt, "/secram@e000000", "status", &len);
	UT_ASSERT(st && len == 9 && !memcmp(st, "disabled", 9));
	UT_ASSERT(PROP_STR_EQ(virt2.fdt, "/secram@e000000", "device_type",
			      "memory"));
}

static void test_read_ns_info_smp4(void)
{
	struct dt_ns_info info;
	unsigned int i;

	UT_EQ(dt_read_ns_info(virt4.fdt, &info), 0);
	UT_EQ(info.mem_base, 0x40000000);
	UT_EQ(info.mem_size, 0x80000000);
	UT_EQ(info.ncpus, 4);
	for (i = 0; i < 4; i++)
		UT_EQ(info.cpu_mpidr[i], i);
}

static void test_read_ns_info_skips_disabled(void)
{
	struct dt_ns_info info;

	UT_EQ(build_small(small, sizeof(small)), 0);
	UT_EQ(dt_read_ns_info(small, &info), 0);
	UT_EQ(info.mem_base, 0x80000000);
	UT_EQ(info.mem_size, 0x20000000);
	UT_EQ(info.ncpus, 2);
	UT_EQ(info.cpu_mpidr[0], 0x100);
	UT_EQ(info.cpu_mpidr[1], 0x101);
}

static void test_copy_open_used_only(void)
{
	const unsigned char *d = (const unsigned char *)dst_a;
	const unsigned char *s = virt2.fdt;

	poison(dst_a);
	UT_EQ(dt_copy_open(dst_a, DST_SIZE, virt2.fdt), 0);
	UT_EQ(fdt_totalsize(dst_a), DST_SIZE);
	UT_ASSERT(!memcmp(d, s, 4));		/* magic */
	UT_ASSERT(!memcmp(d + 8, s + 8, virt2.used - 8));
	UT_ASSERT(all_bytes(d + virt2.used, DST_SIZE + GUARD - virt2.used,
			    POISON_DST));
	UT_EQ(fdt_totalsize(virt2.fdt), SRC_MAX);	/* source untouched */
	UT_ASSERT(tree_ok(dst_a, DST_SIZE));
}

static void test_copy_open_errors(void)
{
	static uint64_t bad[sizeof(struct fdt_header) / 8 + 1];
	const unsigned char *d = (const unsigned char *)dst_a;

	poison(dst_a);
	UT_EQ(dt_copy_open(dst_a, virt2.used - 1, virt2.fdt),
	      -FDT_ERR_NOSPACE);
	UT_ASSERT(all_bytes(d, DST_SIZE + GUARD, POISON_DST));
	UT_EQ(dt_copy_open((unsigned char *)dst_a + 4, DST_SIZE - 4, virt2.fdt),
	      -FDT_ERR_ALIGNMENT);
	memcpy(bad, virt2.fdt, sizeof(struct fdt_header));
	fdt_set_magic(bad, 0x12345678);
	UT_EQ(dt_copy_open(dst_a, DST_SIZE, bad), -FDT_ERR_BADMAGIC);
	/* exactly the used size fits */
	UT_EQ(dt_copy_open(dst_a, virt2.used, virt2.fdt), 0);
	UT_ASSERT(all_bytes(d + virt2.used, GUARD, POISON_DST));
}

static void test_patch_optee(void)
{
	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt2.fdt, NULL), 0);
	UT_ASSERT(PROP_STR_EQ(dst_a, "/firmware/optee", "compatible",
			      "linaro,optee-tz"));
	UT_ASSERT(PROP_STR_EQ(dst_a, "/firmware/optee", "method", "smc"));
	UT_EQ(nprops(dst_a, "/firmware/optee"), 2);	/* binding: no more */
	UT_EQ(nprops(dst_a, "/firmware"), 0);
	UT_ASSERT(is_packed(dst_a));
}

static void test_patch_psci(void)
{
	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt2.fdt, NULL), 0);
	UT_ASSERT(PROP_STR_EQ(dst_a, "/psci", "compatible",
			      "arm,psci-1.0\0arm,psci-0.2\0arm,psci"));
	UT_ASSERT(PROP_STR_EQ(dst_a, "/psci", "method", "smc"));
	UT_ASSERT(prop_u32_eq(dst_a, "/psci", "cpu_suspend", 0x84000001));
	UT_ASSERT(prop_u32_eq(dst_a, "/psci", "cpu_off", 0x84000002));
	UT_ASSERT(prop_u32_eq(dst_a, "/psci", "cpu_on", 0x84000003));
	UT_ASSERT(prop_u32_eq(dst_a, "/psci", "sys_poweroff", 0x84000008));
	UT_ASSERT(prop_u32_eq(dst_a, "/psci", "sys_reset", 0x84000009));
	UT_EQ(nprops(dst_a, "/psci"), 7);
	/* names QEMU's blob has are reused, new ones added once */
	UT_EQ(count_string(dst_a, "compatible"), 1);
	UT_EQ(count_string(dst_a, "method"), 1);
	UT_EQ(count_string(dst_a, "cpu_on"), 1);
}

static void test_patch_enable_method(void)
{
	static const char *const cpus[] = {
		"/cpus/cpu@0", "/cpus/cpu@1", "/cpus/cpu@2", "/cpus/cpu@3",
	};
	int i, len;

	UT_ASSERT(!getp(virt4.fdt, cpus[0], "enable-method", &len));
	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt4.fdt, NULL), 0);
	for (i = 0; i < 4; i++)
		UT_ASSERT(PROP_STR_EQ(dst_a, cpus[i], "enable-method", "psci"));
	UT_ASSERT(!getp(dst_a, "/cpus/cpu-map", "enable-method", &len));
	/* an existing enable-method stays; non-cpu children get none */
	UT_EQ(build_small(small, sizeof(small)), 0);
	UT_EQ(open_and_patch(dst_b, DST_SIZE, small, NULL), 0);
	UT_ASSERT(PROP_STR_EQ(dst_b, "/cpus/cpu@100", "enable-method",
			      "spin-table"));
	UT_ASSERT(PROP_STR_EQ(dst_b, "/cpus/cpu@101", "enable-method", "psci"));
	UT_ASSERT(!getp(dst_b, "/cpus/l2-cache", "enable-method", &len));
	UT_ASSERT(!getp(dst_b, "/cpus/cpu-map", "enable-method", &len));
}

static void test_patch_reserved_memory(void)
{
	const fdt32_t reg2[] = {
		cpu_to_fdt32(0), cpu_to_fdt32(0x7fe00000),
		cpu_to_fdt32(0), cpu_to_fdt32(0x200000),
	};
	const fdt32_t reg1[] = {
		cpu_to_fdt32(0x7fe00000), cpu_to_fdt32(0x200000),
	};
	const char *shm = "/reserved-memory/optee_shm@7fe00000";

	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt2.fdt, NULL), 0);
	UT_ASSERT(!exists(dst_a, "/reserved-memory"));
	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt2.fdt, &full_patch), 0);
	UT_ASSERT(prop_u32_eq(dst_a, "/reserved-memory", "#address-cells", 2));
	UT_ASSERT(prop_u32_eq(dst_a, "/reserved-memory", "#size-cells", 2));
	UT_ASSERT(prop_eq(dst_a, "/reserved-memory", "ranges", "", 0));
	UT_EQ(nprops(dst_a, "/reserved-memory"), 3);
	UT_ASSERT(prop_eq(dst_a, shm, "reg", reg2, sizeof(reg2)));
	UT_ASSERT(prop_eq(dst_a, shm, "no-map", "", 0));
	UT_EQ(nprops(dst_a, shm), 2);
	/* a root with one address and one size cell */
	UT_EQ(build_small(small, sizeof(small)), 0);
	UT_EQ(open_and_patch(dst_b, DST_SIZE, small, &full_patch), 0);
	UT_ASSERT(prop_u32_eq(dst_b, "/reserved-memory", "#address-cells", 1));
	UT_ASSERT(prop_u32_eq(dst_b, "/reserved-memory", "#size-cells", 1));
	UT_ASSERT(prop_eq(dst_b, shm, "reg", reg1, sizeof(reg1)));
}

static void test_patch_initrd(void)
{
	const fdt64_t start2 = cpu_to_fdt64(0x44000000);
	const fdt64_t end2 = cpu_to_fdt64(0x44123456);
	struct dt_patch high = full_patch;
	int len;

	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt2.fdt, NULL), 0);
	UT_ASSERT(!getp(dst_a, "/chosen", "linux,initrd-start", &len));
	UT_ASSERT(!getp(dst_a, "/chosen", "linux,initrd-end", &len));
	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt2.fdt, &full_patch), 0);
	UT_ASSERT(prop_eq(dst_a, "/chosen", "linux,initrd-start", &start2, 8));
	UT_ASSERT(prop_eq(dst_a, "/chosen", "linux,initrd-end", &end2, 8));
	/* one address cell: 32-bit values, and no silent truncation */
	UT_EQ(build_small(small, sizeof(small)), 0);
	UT_EQ(open_and_patch(dst_b, DST_SIZE, small, &full_patch), 0);
	UT_ASSERT(prop_u32_eq(dst_b, "/chosen", "linux,initrd-start",
			      0x44000000));
	UT_ASSERT(prop_u32_eq(dst_b, "/chosen", "linux,initrd-end",
			      0x44123456));
	high.initrd_end = 0x100000000ull;
	UT_EQ(open_and_patch(dst_b, DST_SIZE, small, &high),
	      -FDT_ERR_BADVALUE);
}

static void test_patch_bootargs(void)
{
	struct dt_patch keep = full_patch;
	const char *s;

	keep.bootargs = NULL;
	s = dt_get_bootargs(virt4.fdt);
	UT_ASSERT(s && !strcmp(s, "console=ttyAMA0 root=/dev/ram"));
	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt4.fdt, &keep), 0);
	s = dt_get_bootargs(dst_a);
	UT_ASSERT(s && !strcmp(s, "console=ttyAMA0 root=/dev/ram"));
	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt4.fdt, &full_patch), 0);
	s = dt_get_bootargs(dst_a);
	UT_ASSERT(s && !strcmp(s, full_patch.bootargs));
	/* none before: created */
	UT_ASSERT(!dt_get_bootargs(virt2.fdt));
	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt2.fdt, &full_patch), 0);
	s = dt_get_bootargs(dst_a);
	UT_ASSERT(s && !strcmp(s, full_patch.bootargs));
	/* no /chosen at all: created */
	UT_EQ(build_small(small, sizeof(small)), 0);
	UT_ASSERT(!exists(small, "/chosen"));
	UT_EQ(open_and_patch(dst_b, DST_SIZE, small, &full_patch), 0);
	s = dt_get_bootargs(dst_b);
	UT_ASSERT(s && !strcmp(s, full_patch.bootargs));
}

static void test_get_bootargs_unterminated(void)
{
	int chosen;

	UT_EQ(build_small(small, sizeof(small)), 0);
	UT_EQ(dt_copy_open(dst_b, DST_SIZE, small), 0);
	chosen = fdt_add_subnode(dst_b, 0, "chosen");
	UT_ASSERT(chosen >= 0);
	UT_EQ(fdt_setprop(dst_b, chosen, "bootargs", "abc", 3), 0);
	UT_ASSERT(!dt_get_bootargs(dst_b));
}

static void test_patch_log(void)
{
	static const char *const want[] = {
		"dt: added /firmware/optee",
		"dt: added /psci",
		"dt: added /reserved-memory",
		"dt: added /reserved-memory/optee_shm@7fe00000",
		"dt: added enable-method \"psci\" to /cpus/cpu@0",
		"dt: added enable-method \"psci\" to /cpus/cpu@1",
		"dt: set /chosen linux,initrd-start 0x44000000 linux,initrd-end 0x44123456",
		"dt: set /chosen/bootargs",
	};
	unsigned int i, n = sizeof(want) / sizeof(want[0]);

	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt2.fdt, &full_patch), 0);
	for (i = 0; i < nlogged && i < 16; i++)
		printf("    log: %s\n", logged[i]);
	UT_EQ(nlogged, n);
	for (i = 0; i < n; i++)
		UT_ASSERT(!strcmp(logged[i], want[i]));
	/* no log callback is fine */
	UT_EQ(dt_copy_open(dst_b, DST_SIZE, virt2.fdt), 0);
	UT_EQ(dt_patch_for_ns(dst_b, &full_patch, NULL), 0);
	UT_EQ(fdt_totalsize(dst_b), fdt_totalsize(dst_a));
}

static void test_patch_idempotent(void)
{
	uint32_t size;

	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt4.fdt, &full_patch), 0);
	size = fdt_totalsize(dst_a);
	UT_ASSERT(is_packed(dst_a));
	/* reopened with room, patched again: same bytes, nothing logged */
	UT_EQ(open_and_patch(dst_b, DST_SIZE, dst_a, &full_patch), 0);
	UT_EQ(nlogged, 0);
	UT_EQ(fdt_totalsize(dst_b), size);
	UT_ASSERT(!memcmp(dst_a, dst_b, size));
	/* patched again in place, packed, no room at all: needs none */
	UT_EQ(dt_patch_for_ns(dst_b, &full_patch, capture), 0);
	UT_EQ(nlogged, 0);
	UT_ASSERT(!memcmp(dst_a, dst_b, size));
}

/* Each node the patch adds is either complete or absent. */
static bool whole_or_absent(const void *fdt)
{
	int n = nprops(fdt, "/psci");

	if (n != -FDT_ERR_NOTFOUND && n != 7)
		return false;
	n = nprops(fdt, "/firmware/optee");
	if (n != -FDT_ERR_NOTFOUND && n != 2)
		return false;
	n = nprops(fdt, "/reserved-memory/optee_shm@7fe00000");
	return n == -FDT_ERR_NOTFOUND || n == 2;
}

static void test_patch_nospace(void)
{
	const unsigned char *d = (const unsigned char *)dst_a;
	size_t room, size;
	int ret, nospace = 0;

	for (room = 0; room <= 2048; room += 8) {
		size = virt2.used + room;
		ret = open_and_patch(dst_a, size, virt2.fdt, &full_patch);
		if (ret == -FDT_ERR_NOSPACE) {
			nospace++;
			poison(dst_b);
			UT_EQ(dt_copy_open(dst_b, size, virt2.fdt), 0);
			UT_ASSERT(!memcmp(dst_a, dst_b, size));	/* untouched */
		} else {
			UT_EQ(ret, 0);
			UT_ASSERT(is_packed(dst_a));
		}
		UT_ASSERT(whole_or_absent(dst_a));
		UT_ASSERT(all_bytes(d + size, DST_SIZE + GUARD - size,
				    POISON_DST));
	}
	UT_ASSERT(nospace > 0);
	UT_EQ(ret, 0);		/* 2 KiB of room is enough */
}

static void test_patch_existing_parents(void)
{
	static const char *const want[] = {
		"dt: added /firmware/optee",
		"dt: added /psci",
		"dt: added /reserved-memory/optee_shm@7fe00000",
		"dt: added enable-method \"psci\" to /cpus/cpu@0",
		"dt: set /chosen linux,initrd-start 0x44000000 linux,initrd-end 0x44123456",
		"dt: set /chosen/bootargs",
	};
	const fdt32_t reg1[] = {
		cpu_to_fdt32(0x7fe00000), cpu_to_fdt32(0x200000),
	};
	const fdt64_t start = cpu_to_fdt64(0x44000000);
	unsigned int i;
	const char *s;

	UT_EQ(build_parents(small, sizeof(small)), 0);
	UT_EQ(open_and_patch(dst_b, DST_SIZE, small, &full_patch), 0);
	UT_EQ(nlogged, 6);
	for (i = 0; i < 6; i++)
		UT_ASSERT(!strcmp(logged[i], want[i]));
	UT_ASSERT(exists(dst_b, "/firmware/scmi"));
	UT_EQ(nprops(dst_b, "/firmware/optee"), 2);
	UT_EQ(nprops(dst_b, "/reserved-memory"), 3);	/* its own 1/1 cells */
	UT_ASSERT(prop_eq(dst_b, "/reserved-memory/optee_shm@7fe00000", "reg",
			  reg1, sizeof(reg1)));
	UT_ASSERT(exists(dst_b, "/reserved-memory/other@0"));
	/* u32 initrd-start and short bootargs replaced: one of each left */
	UT_EQ(count_named(dst_b, "/chosen", "linux,initrd-start"), 1);
	UT_EQ(count_named(dst_b, "/chosen", "bootargs"), 1);
	UT_ASSERT(prop_eq(dst_b, "/chosen", "linux,initrd-start", &start, 8));
	s = dt_get_bootargs(dst_b);
	UT_ASSERT(s && !strcmp(s, full_patch.bootargs));
	UT_ASSERT(is_packed(dst_b));
}

static void test_patch_chosen_in_place(void)
{
	struct dt_patch keep = full_patch, same = full_patch;
	const char *s;

	keep.bootargs = NULL;
	/* "console=ttyAMA0 root=/dev/ram": 31 bytes, padded 32 */
	same.bootargs = "console=ttyAMA0 root=/dev/vda1";
	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt4.fdt, &keep), 0);
	UT_EQ(open_and_patch(dst_b, DST_SIZE, virt4.fdt, &same), 0);
	UT_EQ(fdt_size_dt_struct(dst_b), fdt_size_dt_struct(dst_a));
	s = dt_get_bootargs(dst_b);
	UT_ASSERT(s && !strcmp(s, same.bootargs));
	UT_EQ(count_named(dst_b, "/chosen", "bootargs"), 1);
	UT_ASSERT(tree_ok(dst_b, DST_SIZE));
}

static void test_rejects_malformed(void)
{
	struct dt_ns_info info;
	unsigned char *d = (unsigned char *)dst_a;
	int chosen, prop;

	UT_EQ(dt_copy_open(dst_a, DST_SIZE, virt2.fdt), 0);
	chosen = fdt_path_offset(dst_a, "/chosen");
	prop = fdt_first_property_offset(dst_a, chosen);
	UT_ASSERT(prop >= 0);
	fdt32_st(d + fdt_off_dt_struct(dst_a) + prop + 4, 0xfffffffd);
	memcpy(dst_b, dst_a, DST_SIZE);
	UT_EQ(dt_read_ns_info(dst_a, &info), -FDT_ERR_BADSTRUCTURE);
	UT_ASSERT(!dt_get_bootargs(dst_a));
	UT_EQ(dt_patch_for_ns(dst_a, &full_patch, capture),
	      -FDT_ERR_BADSTRUCTURE);
	UT_ASSERT(!memcmp(dst_a, dst_b, DST_SIZE));
	/* strings block not ending in NUL */
	UT_EQ(dt_copy_open(dst_a, DST_SIZE, virt2.fdt), 0);
	d[fdt_off_dt_strings(dst_a) + fdt_size_dt_strings(dst_a) - 1] = 'x';
	UT_EQ(dt_patch_for_ns(dst_a, NULL, NULL), -FDT_ERR_BADSTRUCTURE);
	UT_EQ(build_prop_after_child(small, sizeof(small)), 0);
	UT_EQ(dt_copy_open(dst_a, DST_SIZE, small), 0);
	UT_EQ(dt_patch_for_ns(dst_a, NULL, NULL), -FDT_ERR_BADSTRUCTURE);
}

/*
 * Every node of QEMU's blob is still at its path in the patched one, with
 * every property and value, but for the /chosen values the patch sets.
 */
static bool same_props(const void *a, int na, const void *b, int nb,
		       const char *path)
{
	const char *name;
	const void *va, *vb;
	int off, la, lb;

	fdt_for_each_property_offset(off, a, na) {
		va = fdt_getprop_by_offset(a, off, &name, &la);
		if (!va || !name)
			return false;
		if (!strcmp(path, "/chosen") && (!strcmp(name, "bootargs") ||
		    !strncmp(name, "linux,initrd-", 13)))
			continue;
		vb = fdt_getprop(b, nb, name, &lb);
		if (!vb || la != lb || memcmp(va, vb, la)) {
			printf("    %s/%s differs\n", path, name);
			return false;
		}
	}
	return true;
}

static void test_patch_keeps_the_rest(void)
{
	char path[256];
	int node = 0, depth = 0, nodes = 0, other;

	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt4.fdt, &full_patch), 0);
	for (; node >= 0 && depth >= 0; node = fdt_next_node(virt4.fdt, node, &depth)) {
		UT_EQ(fdt_get_path(virt4.fdt, node, path, sizeof(path)), 0);
		other = fdt_path_offset(dst_a, path);
		if (other < 0)
			printf("    %s: %d\n", path, other);
		UT_ASSERT(other >= 0);
		UT_ASSERT(same_props(virt4.fdt, node, dst_a, other, path));
		nodes++;
	}
	UT_ASSERT(depth < 0);	/* walked to the end of the root */
	UT_ASSERT(nodes > 50);
}

static int write_file(const char *path, const void *p, size_t n)
{
	FILE *fp = fopen(path, "wb");
	size_t done;

	if (!fp)
		return -1;
	done = fwrite(p, 1, n, fp);
	return (fclose(fp) || done != n) ? -1 : 0;
}

static void test_dtc_parses(void)
{
	char cmd[2048];

	UT_EQ(open_and_patch(dst_a, DST_SIZE, virt4.fdt, &full_patch), 0);
	snprintf(cmd, sizeof(cmd), "%s/virt-patched.dtb", dir);
	UT_EQ(write_file(cmd, dst_a, fdt_totalsize(dst_a)), 0);
	if (system("command -v dtc >/dev/null 2>&1") != 0) {
		UT_NOTE_FAIL("dtc not found: cannot check the output parses");
		return;
	}
	snprintf(cmd, sizeof(cmd),
		 "dtc -q -I dtb -O dts -o %s/virt-patched.dts %s/virt-patched.dtb",
		 dir, dir);
	UT_EQ(system(cmd), 0);
	snprintf(cmd, sizeof(cmd),
		 "grep -q 'linaro,optee-tz' %s/virt-patched.dts && "
		 "grep -q 'enable-method = \"psci\"' %s/virt-patched.dts",
		 dir, dir);
	UT_EQ(system(cmd), 0);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		dir = argv[1];
	if (load_fixture(&virt2) || load_fixture(&virt4)) {
		printf("FAIL unit.dt.fixtures: cannot load %s/%s and %s/%s\n",
		       dir, virt2.name, dir, virt4.name);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	UT_RUN(SUITE, read_ns_info, "QEMU -smp 2 -m 1024: RAM 0x40000000+1 GiB, MPIDRs 0,1");
	UT_RUN(SUITE, read_ns_info_smp4, "QEMU -smp 4 -m 2048: RAM 0x40000000+2 GiB, MPIDRs 0-3");
	UT_RUN(SUITE, read_ns_info_skips_disabled, "a disabled memory node first is skipped; 1-cell root");
	UT_RUN(SUITE, copy_open_used_only, "only the used bytes of a 1 MiB-claiming blob are read and copied");
	UT_RUN(SUITE, copy_open_errors, "NOSPACE, ALIGNMENT, BADMAGIC; exact fit");
	UT_RUN(SUITE, patch_optee, "/firmware/optee with exactly compatible and method");
	UT_RUN(SUITE, patch_psci, "/psci with its compatible list, method and function IDs");
	UT_RUN(SUITE, patch_enable_method, "enable-method psci on each cpu node lacking one");
	UT_RUN(SUITE, patch_reserved_memory, "/reserved-memory cells, ranges; optee_shm reg and no-map");
	UT_RUN(SUITE, patch_initrd, "linux,initrd-start/-end in root address cells");
	UT_RUN(SUITE, patch_bootargs, "bootargs kept, overridden, created with /chosen");
	UT_RUN(SUITE, get_bootargs_unterminated, "an unterminated bootargs reads as NULL");
	UT_RUN(SUITE, patch_log, "one log line per change");
	UT_RUN(SUITE, patch_idempotent, "patching a patched blob changes and logs nothing");
	UT_RUN(SUITE, patch_nospace, "too little room: NOSPACE, blob untouched, no overrun");
	UT_RUN(SUITE, patch_existing_parents, "optee, optee_shm and /chosen values go into existing nodes");
	UT_RUN(SUITE, patch_chosen_in_place, "a /chosen value of the same padded size is rewritten in place");
	UT_RUN(SUITE, rejects_malformed, "bad property length, unterminated strings, prop after child");
	UT_RUN(SUITE, patch_keeps_the_rest, "every node and property of QEMU's blob is kept, values unchanged");
	UT_RUN(SUITE, dtc_parses, "dtc decompiles the patched blob");
	return UT_DONE();
}
