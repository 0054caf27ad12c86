// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree reading and patching for the normal world, on libfdt.
 *
 * Cost (this runs at boot and is counted in instructions):
 *  - libfdt inserts a node right after its parent's properties and a
 *    property first in its node, moving everything behind the insertion
 *    point (memmove backwards). A node or property added under the root moves
 *    nearly the whole blob. Edits are made front to back (root children,
 *    then /cpus, then /chosen): bytes added early then sit in front of the
 *    later insertion points and are never moved again.
 *  - fdt_add_subnode() already searches the parent for the name; its
 *    -FDT_ERR_EXISTS is used instead of a lookup of our own.
 *  - fdt_subnode_offset() of a root child walks every tag in front of it;
 *    lookups of /cpus and /chosen (near the end on QEMU) are done once each.
 */
#include <limits.h>
#include <string.h>

#include <libfdt.h>

#include "dt.h"

#define PSCI_0_1_CPU_SUSPEND	0x84000001u
#define PSCI_0_1_CPU_OFF	0x84000002u
#define PSCI_0_1_CPU_ON		0x84000003u
#define PSCI_0_1_SYSTEM_OFF	0x84000008u
#define PSCI_0_1_SYSTEM_RESET	0x84000009u

/* The header rounded up to 8 bytes: where the first block may start. */
#define FDT_HEADER_END	((sizeof(struct fdt_header) + 7) & ~(size_t)7)

/* A property to add: a string (list) when str is set, else one u32 cell. */
struct dt_prop {
	const char *name;
	const char *str;
	int len;
	uint32_t u32;
};

#define PROP_STR(n, s)	{ .name = (n), .str = (s), .len = sizeof(s) }
#define PROP_U32(n, v)	{ .name = (n), .u32 = (v), .len = 4 }
#define PROP_EMPTY(n)	{ .name = (n), .str = "", .len = 0 }
#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

static const struct dt_prop optee_props[] = {
	PROP_STR("compatible", "linaro,optee-tz"),
	PROP_STR("method", "smc"),
};

static const struct dt_prop psci_props[] = {
	PROP_STR("compatible", "arm,psci-1.0\0arm,psci-0.2\0arm,psci"),
	PROP_STR("method", "smc"),
	PROP_U32("cpu_suspend", PSCI_0_1_CPU_SUSPEND),
	PROP_U32("cpu_off", PSCI_0_1_CPU_OFF),
	PROP_U32("cpu_on", PSCI_0_1_CPU_ON),
	PROP_U32("sys_poweroff", PSCI_0_1_SYSTEM_OFF),
	PROP_U32("sys_reset", PSCI_0_1_SYSTEM_RESET),
};

/* ------------------------------------------------------------------ */
/* Reading                                                            */

static bool str_is(const char *val, int len, const char *s)
{
	return val && len == (int)strlen(s) + 1 && !memcmp(val, s, len);
}

static bool prop_is(const void *fdt, int node, const char *name,
		    const char *s)
{
	int len;
	const char *val = fdt_getprop(fdt, node, name, &len);

	return str_is(val, len, s);
}

static bool node_enabled(const void *fdt, int node)
{
	int len;
	const char *st = fdt_getprop(fdt, node, "status", &len);

	return !st || str_is(st, len, "okay") || str_is(st, len, "ok");
}

static bool is_cpu(const void *fdt, int node)
{
	return prop_is(fdt, node, "device_type", "cpu");
}

/* #address-cells and #size-cells of bus node; we handle 1 or 2 each. */
static int bus_cells(const void *fdt, int bus, int *ac, int *sc)
{
	*ac = fdt_address_cells(fdt, bus);
	if (*ac < 0)
		return *ac;
	*sc = fdt_size_cells(fdt, bus);
	if (*sc < 0)
		return *sc;
	if (*ac < 1 || *ac > 2 || *sc < 1 || *sc > 2)
		return -FDT_ERR_BADNCELLS;
	return 0;
}

static uint64_t get_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 32) | fdt32_ld(p++);
	return v;
}

static int read_memory(const void *fdt, struct dt_ns_info *out)
{
	const fdt32_t *reg;
	int ac, sc, len, node;
	int ret = bus_cells(fdt, 0, &ac, &sc);

	if (ret)
		return ret;
	fdt_for_each_subnode(node, fdt, 0) {
		if (!prop_is(fdt, node, "device_type", "memory") ||
		    !node_enabled(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < (ac + sc) * 4)
			continue;
		out->mem_base = get_cells(reg, ac);
		out->mem_size = get_cells(reg + ac, sc);
		return 0;
	}
	return node;
}

static int read_cpus(const void *fdt, struct dt_ns_info *out)
{
	const fdt32_t *reg;
	int ac, len, node;
	int cpus = fdt_subnode_offset(fdt, 0, "cpus");

	if (cpus < 0)
		return cpus;
	ac = fdt_address_cells(fdt, cpus);
	if (ac < 0)
		return ac;
	if (ac < 1 || ac > 2)
		return -FDT_ERR_BADNCELLS;
	fdt_for_each_subnode(node, fdt, cpus) {
		if (!is_cpu(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < ac * 4)
			return -FDT_ERR_BADVALUE;
		if (out->ncpus < DT_MAX_CPUS)	/* MPIDR: the low cell */
			out->cpu_mpidr[out->ncpus++] = fdt32_ld(reg + ac - 1);
	}
	if (node != -FDT_ERR_NOTFOUND)
		return node;
	return out->ncpus ? 0 : -FDT_ERR_NOTFOUND;
}

int dt_read_ns_info(const void *fdt, struct dt_ns_info *out)
{
	int ret = fdt_check_header(fdt);

	memset(out, 0, sizeof(*out));
	if (ret)
		return ret;
	ret = read_memory(fdt, out);
	if (ret)
		return ret;
	return read_cpus(fdt, out);
}

const char *dt_get_bootargs(const void *fdt)
{
	int len;
	const char *s;
	int chosen = fdt_subnode_offset(fdt, 0, "chosen");

	if (chosen < 0)
		return NULL;
	s = fdt_getprop(fdt, chosen, "bootargs", &len);
	if (!s || len < 1 || s[len - 1])
		return NULL;
	return s;
}

/* ------------------------------------------------------------------ */
/* Copy                                                               */

/*
 * End of the last block of a version 17+ blob whose blocks are in the order
 * libfdt's write functions need (header, reserve map, struct, strings);
 * 0 otherwise. Reads the header and the reserve map only. fdt_check_header()
 * has already bounded every block by totalsize.
 */
static uint32_t used_size(const void *fdt)
{
	uint32_t rsv_end, struct_end;
	int nrsv = fdt_num_mem_rsv(fdt);

	if (nrsv < 0 || fdt_version(fdt) < 17)
		return 0;
	rsv_end = fdt_off_mem_rsvmap(fdt) +
		  (uint32_t)(nrsv + 1) * sizeof(struct fdt_reserve_entry);
	struct_end = fdt_off_dt_struct(fdt) + fdt_size_dt_struct(fdt);
	if (fdt_off_mem_rsvmap(fdt) < FDT_HEADER_END ||
	    rsv_end > fdt_off_dt_struct(fdt) ||
	    struct_end > fdt_off_dt_strings(fdt))
		return 0;
	return fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt);
}

int dt_copy_open(void *dst, size_t dst_size, const void *src)
{
	uint32_t used;
	int ret = fdt_check_header(src);

	if (ret)
		return ret;
	if ((uintptr_t)dst & 7)
		return -FDT_ERR_ALIGNMENT;
	if (dst_size > INT32_MAX)
		dst_size = INT32_MAX;
	used = used_size(src);
	if (!used)	/* rare layouts: libfdt reorders (or copies it all) */
		return fdt_open_into(src, dst, (int)dst_size);
	if (used > dst_size)
		return -FDT_ERR_NOSPACE;
	memcpy(dst, src, fdt_totalsize(src) < dst_size ? fdt_totalsize(src) : dst_size);
	fdt_set_totalsize(dst, (uint32_t)dst_size);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Patching                                                           */

struct strbuf {
	char s[96];
	size_t n;
};

static void sb_add(struct strbuf *b, const char *s)
{
	while (*s && b->n < sizeof(b->s) - 1)
		b->s[b->n++] = *s++;
	b->s[b->n] = '\0';
}

/* Lower-case hex, no prefix, no leading zeros (unit-address style). */
static void sb_hex(struct strbuf *b, uint64_t v)
{
	char digits[17];
	int i = 16;

	digits[16] = '\0';
	do {
		digits[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	sb_add(b, digits + i);
}

struct patch_ctx {
	void *fdt;
	const struct dt_patch *p;
	void (*log)(const char *msg);
	int ac, sc;	/* root #address-cells, #size-cells */
};

static void say(const struct patch_ctx *c, const char *a, const char *b)
{
	struct strbuf line = { .n = 0 };

	if (!c->log)
		return;
	sb_add(&line, "dt: ");
	sb_add(&line, a);
	sb_add(&line, b);
	c->log(line.s);
}

/* Writes val into n (1 or 2) cells; -FDT_ERR_BADVALUE if it does not fit. */
static int put_cells(fdt32_t *p, int n, uint64_t val)
{
	if (n == 1 && val > UINT32_MAX)
		return -FDT_ERR_BADVALUE;
	if (n == 2)
		fdt32_st(p++, (uint32_t)(val >> 32));
	fdt32_st(p, (uint32_t)val);
	return 0;
}

/* In reverse, since libfdt puts each new property first in its node. */
static int set_props(void *fdt, int node, const struct dt_prop *p, size_t n)
{
	int ret = 0;

	while (n-- && !ret) {
		if (p[n].str)
			ret = fdt_setprop(fdt, node, p[n].name, p[n].str,
					  p[n].len);
		else
			ret = fdt_setprop_u32(fdt, node, p[n].name, p[n].u32);
	}
	return ret;
}

/* Keeps each added node whole: on error (no space) it is taken out again. */
static int set_props_or_drop(void *fdt, int node, const struct dt_prop *p,
			     size_t n)
{
	int ret = set_props(fdt, node, p, n);

	if (ret)
		fdt_del_node(fdt, node);
	return ret;
}

/* Sets a property unless it already holds val: 1 changed, 0 same, <0 error */
static int update_prop(void *fdt, int node, const char *name,
		       const void *val, int len)
{
	int old_len;
	const void *old = fdt_getprop(fdt, node, name, &old_len);
	int ret;

	if (old && old_len == len && !memcmp(old, val, len))
		return 0;
	ret = fdt_setprop(fdt, node, name, val, len);
	return ret ? ret : 1;
}

/* Adds parent/name with its properties: 0 added, 1 already there, <0 error */
static int add_leaf(void *fdt, int parent, const char *name,
		    const struct dt_prop *p, size_t n)
{
	int node = fdt_add_subnode(fdt, parent, name);

	if (node == -FDT_ERR_EXISTS)
		return 1;
	if (node < 0)
		return node;
	return set_props_or_drop(fdt, node, p, n);
}

/* Offset of the root child name, created empty if missing. */
static int root_child(void *fdt, const char *name, bool *created)
{
	int node = fdt_add_subnode(fdt, 0, name);

	*created = node >= 0;
	if (node == -FDT_ERR_EXISTS)
		node = fdt_subnode_offset(fdt, 0, name);
	return node;
}

static int add_optee(struct patch_ctx *c)
{
	bool created;
	int ret, fw = root_child(c->fdt, "firmware", &created);

	if (fw < 0)
		return fw;
	ret = add_leaf(c->fdt, fw, "optee", optee_props,
		       ARRAY_LEN(optee_props));
	if (ret == 0)
		say(c, "added /firmware/optee", "");
	return ret;
}

static int add_psci(struct patch_ctx *c)
{
	int ret = add_leaf(c->fdt, 0, "psci", psci_props,
			   ARRAY_LEN(psci_props));

	if (ret == 0)
		say(c, "added /psci", "");
	return ret;
}

static int reserved_memory_node(struct patch_ctx *c)
{
	const struct dt_prop props[] = {
		PROP_U32("#address-cells", (uint32_t)c->ac),
		PROP_U32("#size-cells", (uint32_t)c->sc),
		PROP_EMPTY("ranges"),
	};
	bool created;
	int ret, node = root_child(c->fdt, "reserved-memory", &created);

	if (node < 0 || !created)
		return node;
	ret = set_props_or_drop(c->fdt, node, props, ARRAY_LEN(props));
	if (ret)
		return ret;
	say(c, "added /reserved-memory", "");
	return node;
}

/* reg of the carve-out in the cells of /reserved-memory; its byte length */
static int shm_reg(const struct patch_ctx *c, int rm, fdt32_t reg[4])
{
	int ac, sc;
	int ret = bus_cells(c->fdt, rm, &ac, &sc);

	if (!ret)
		ret = put_cells(reg, ac, c->p->shm_pa);
	if (!ret)
		ret = put_cells(reg + ac, sc, c->p->shm_size);
	return ret ? ret : (ac + sc) * 4;
}

static int add_shm_reservation(struct patch_ctx *c)
{
	struct dt_prop props[] = { { .name = "reg" }, PROP_EMPTY("no-map") };
	struct strbuf name = { .n = 0 };
	fdt32_t reg[4];
	int len, ret, rm;

	if (!c->p->reserve_shm)
		return 0;
	rm = reserved_memory_node(c);
	if (rm < 0)
		return rm;
	len = shm_reg(c, rm, reg);
	if (len < 0)
		return len;
	sb_add(&name, "optee_shm@");
	sb_hex(&name, c->p->shm_pa);
	props[0].str = (const char *)reg;
	props[0].len = len;
	ret = add_leaf(c->fdt, rm, name.s, props, ARRAY_LEN(props));
	if (ret == 0)
		say(c, "added /reserved-memory/", name.s);
	return ret;
}

static int add_enable_methods(struct patch_ctx *c)
{
	int ret, node, cpus = fdt_subnode_offset(c->fdt, 0, "cpus");

	if (cpus < 0)
		return cpus == -FDT_ERR_NOTFOUND ? 0 : cpus;
	fdt_for_each_subnode(node, c->fdt, cpus) {
		if (!is_cpu(c->fdt, node) ||
		    fdt_getprop(c->fdt, node, "enable-method", NULL))
			continue;
		ret = fdt_setprop_string(c->fdt, node, "enable-method", "psci");
		if (ret)
			return ret;
		say(c, "added enable-method \"psci\" to /cpus/",
		    fdt_get_name(c->fdt, node, NULL));
	}
	return node == -FDT_ERR_NOTFOUND ? 0 : node;
}

static int set_initrd(struct patch_ctx *c, int chosen)
{
	struct strbuf line = { .n = 0 };
	fdt32_t start[2], end[2];
	int ret, changed, len = c->ac * 4;

	if (!c->p->initrd_start && !c->p->initrd_end)
		return 0;
	if (c->p->initrd_end < c->p->initrd_start)
		return -FDT_ERR_BADVALUE;
	ret = put_cells(start, c->ac, c->p->initrd_start);
	if (!ret)
		ret = put_cells(end, c->ac, c->p->initrd_end);
	if (ret)
		return ret;
	changed = update_prop(c->fdt, chosen, "linux,initrd-start", start, len);
	if (changed < 0)
		return changed;
	ret = update_prop(c->fdt, chosen, "linux,initrd-end", end, len);
	if (ret < 0)
		return ret;
	if (!changed && !ret)
		return 0;
	sb_add(&line, "/chosen linux,initrd-start 0x");
	sb_hex(&line, c->p->initrd_start);
	sb_add(&line, " linux,initrd-end 0x");
	sb_hex(&line, c->p->initrd_end);
	say(c, "set ", line.s);
	return 0;
}

static int set_bootargs(struct patch_ctx *c, int chosen)
{
	const char *s = c->p->bootargs;
	int ret;

	if (!s)
		return 0;
	ret = update_prop(c->fdt, chosen, "bootargs", s, (int)strlen(s) + 1);
	if (ret > 0)
		say(c, "set /chosen/bootargs", "");
	return ret < 0 ? ret : 0;
}

static bool wants_chosen(const struct dt_patch *p)
{
	return p->initrd_start || p->initrd_end || p->bootargs;
}

static int patch_chosen(struct patch_ctx *c)
{
	int ret, chosen;

	if (!wants_chosen(c->p))
		return 0;
	chosen = fdt_subnode_offset(c->fdt, 0, "chosen");
	if (chosen == -FDT_ERR_NOTFOUND) {
		chosen = fdt_add_subnode(c->fdt, 0, "chosen");
		if (chosen >= 0)
			say(c, "added /chosen", "");
	}
	if (chosen < 0)
		return chosen;
	ret = set_initrd(c, chosen);
	return ret ? ret : set_bootargs(c, chosen);
}

int dt_patch_for_ns(void *fdt, const struct dt_patch *p,
		    void (*log)(const char *msg))
{
	static const struct dt_patch nothing;
	/* Front to back: see the cost notes at the top. */
	static int (*const steps[])(struct patch_ctx *) = {
		add_optee, add_psci, add_shm_reservation, add_enable_methods,
		patch_chosen,
	};
	struct patch_ctx c = { .fdt = fdt, .p = p ? p : &nothing, .log = log };
	int ret = bus_cells(fdt, 0, &c.ac, &c.sc);
	size_t i;

	for (i = 0; i < ARRAY_LEN(steps) && ret >= 0; i++)
		ret = steps[i](&c);
	if (ret < 0)
		return ret;
	return fdt_pack(fdt);
}
