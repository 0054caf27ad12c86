// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree reading and patching for the normal world, through libfdt.
 *
 * libfdt bounds each access it makes, but the kernel's copy has no
 * fdt_check_full(), and its lookups and writers take a sane structure block
 * for granted: a property after a child node, a second root or a strings
 * block that does not end in NUL go through. dt_check() refuses them with
 * one pass of fdt_next_tag() before anything is read or written. The blob is
 * QEMU's, not the normal world's; the pass costs about as much as one libfdt
 * lookup (README "Performance").
 *
 * A patch is planned first (what is missing, how many bytes it may take) and
 * applied only when it fits, so an error changes nothing. Adding a child or
 * a property moves everything behind the node it goes into; apply() orders
 * the edits so that every offset is looked up once (a lookup walks the tags
 * from the start of the node).
 */
#include <string.h>

#include <libfdt.h>
#include <mt_printf.h>

#include "dt.h"

#define PSCI_0_1_CPU_SUSPEND  0x84000001u
#define PSCI_0_1_CPU_OFF      0x84000002u
#define PSCI_0_1_CPU_ON       0x84000003u
#define PSCI_0_1_SYSTEM_OFF   0x84000008u
#define PSCI_0_1_SYSTEM_RESET 0x84000009u

#define ALIGN4(x) (((x) + 3u) & ~3u)

/* ------------------------------------------------------------------ */
/* Checks                                                             */

/*
 * End of the last block of a version 17+ blob whose blocks are in the order
 * libfdt's writers need (header, reserve map, struct, strings); 0 otherwise.
 * fdt_check_header() has bounded every block by totalsize.
 */
static uint32_t used_size(const void *fdt)
{
	int nrsv = fdt_num_mem_rsv(fdt);
	uint32_t rsv_end = fdt_off_mem_rsvmap(fdt) +
			   (uint32_t)(nrsv + 1) * sizeof(struct fdt_reserve_entry);

	if (nrsv < 0 || fdt_version(fdt) < 17 || rsv_end > fdt_off_dt_struct(fdt) ||
	    fdt_off_dt_struct(fdt) + fdt_size_dt_struct(fdt) > fdt_off_dt_strings(fdt))
		return 0;
	return fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt);
}

/* The header, then every tag: one root, properties before children, names
 * inside the strings block (which ends in NUL). */
static int dt_check(const void *fdt)
{
	const char *str = (const char *)fdt + fdt_off_dt_strings(fdt);
	uint32_t str_size = fdt_size_dt_strings(fdt), tag;
	const struct fdt_property *prop;
	int off, next = 0, depth = 0, roots = 0, ret = fdt_check_header(fdt);
	bool props_ok = false; /* a property may come next */

	if (ret)
		return ret;
	if (str_size && str[str_size - 1])
		return -FDT_ERR_BADSTRUCTURE;
	do {
		off = next;
		tag = fdt_next_tag(fdt, off, &next);
		if (next < 0)
			return next; /* runs past the block, unknown tag */
		if (tag == FDT_BEGIN_NODE && !depth && roots++)
			return -FDT_ERR_BADSTRUCTURE;
		if (tag == FDT_END_NODE && !depth)
			return -FDT_ERR_BADSTRUCTURE;
		if (tag == FDT_PROP) {
			prop = fdt_offset_ptr(fdt, off, sizeof(*prop));
			if (!props_ok || !prop || fdt32_ld(&prop->nameoff) >= str_size)
				return -FDT_ERR_BADSTRUCTURE;
		}
		depth += (tag == FDT_BEGIN_NODE) - (tag == FDT_END_NODE);
		if (tag != FDT_PROP && tag != FDT_NOP)
			props_ok = tag == FDT_BEGIN_NODE;
	} while (tag != FDT_END);
	return depth || !roots ? -FDT_ERR_BADSTRUCTURE : 0;
}

/* ------------------------------------------------------------------ */
/* Reading                                                            */

/* fdt_for_each_subnode(), but no child at all of a parent not found (libfdt
 * would start from the root). */
static int first_child(const void *fdt, int parent)
{
	return parent < 0 ? parent : fdt_first_subnode(fdt, parent);
}

#define for_each_child(node, fdt, parent) \
	for (node = first_child(fdt, parent); node >= 0; node = fdt_next_subnode(fdt, node))

static bool prop_is(const void *fdt, int node, const char *name, const char *val)
{
	int len;
	const char *v = fdt_getprop(fdt, node, name, &len);

	return v && (size_t)len == strlen(val) + 1 && !memcmp(v, val, len);
}

static bool is_enabled(const void *fdt, int node)
{
	return !fdt_getprop(fdt, node, "status", NULL) || prop_is(fdt, node, "status", "okay") ||
	       prop_is(fdt, node, "status", "ok");
}

/* A bus's cells, libfdt's defaults (2, 1) when absent; we handle 1 or 2. */
static int bus_cells(const void *fdt, int node, int *ac, int *sc)
{
	*ac = fdt_address_cells(fdt, node);
	*sc = fdt_size_cells(fdt, node);
	return *ac < 1 || *ac > 2 || *sc < 1 || *sc > 2 ? -FDT_ERR_BADNCELLS : 0;
}

static uint64_t get_cells(const fdt32_t *p, int n)
{
	return n == 2 ? (uint64_t)fdt32_ld(p) << 32 | fdt32_ld(p + 1) : fdt32_ld(p);
}

static int read_memory(const void *fdt, struct dt_ns_info *out)
{
	const fdt32_t *reg;
	int node, len, ac, sc, ret;

	for_each_child(node, fdt, 0) {
		if (!prop_is(fdt, node, "device_type", "memory") || !is_enabled(fdt, node))
			continue;
		ret = bus_cells(fdt, 0, &ac, &sc);
		if (ret)
			return ret;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < (ac + sc) * 4)
			continue;
		out->mem_base = get_cells(reg, ac);
		out->mem_size = get_cells(reg + ac, sc);
		return 0;
	}
	return node; /* -FDT_ERR_NOTFOUND: none usable */
}

static int read_cpus(const void *fdt, struct dt_ns_info *out)
{
	int cpus = fdt_subnode_offset(fdt, 0, "cpus"), ac, node, len;
	const fdt32_t *reg;

	for_each_child(node, fdt, cpus) {
		if (!prop_is(fdt, node, "device_type", "cpu"))
			continue;
		ac = fdt_address_cells(fdt, cpus);
		if (ac < 1 || ac > 2)
			return -FDT_ERR_BADNCELLS;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < ac * 4)
			return -FDT_ERR_BADVALUE;
		if (out->ncpus < DT_MAX_CPUS) /* MPIDR: the low cell */
			out->cpu_mpidr[out->ncpus++] = fdt32_ld(reg + ac - 1);
	}
	return out->ncpus ? 0 : -FDT_ERR_NOTFOUND;
}

int dt_read_ns_info(const void *fdt, struct dt_ns_info *out)
{
	int ret;

	memset(out, 0, sizeof(*out));
	ret = dt_check(fdt);
	if (!ret)
		ret = read_memory(fdt, out);
	return ret ? ret : read_cpus(fdt, out);
}

const char *dt_get_bootargs(const void *fdt)
{
	const char *s;
	int len;

	if (dt_check(fdt))
		return NULL;
	s = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs", &len);
	return s && len > 0 && !s[len - 1] ? s : NULL;
}

/* ------------------------------------------------------------------ */
/* Copy                                                               */

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
	if (!used) /* rare layouts: libfdt reorders (and copies it all) */
		return fdt_open_into(src, dst, (int)dst_size);
	if (used > dst_size)
		return -FDT_ERR_NOSPACE;
	memcpy(dst, src, used);
	fdt_set_totalsize(dst, used);
	return fdt_open_into(dst, dst, (int)dst_size);
}

/* ------------------------------------------------------------------ */
/* Patch: what to add                                                 */

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct prop_desc {
	const char *name;
	const void *val;
	int len;
};

struct node_desc {
	const char *name;
	const struct prop_desc *prop;
	unsigned int nprops;
};

#define STR(s) s, sizeof(s)
#define U32(v) \
	(const uint8_t[]){ (v) >> 24, ((v) >> 16) & 0xff, ((v) >> 8) & 0xff, (uint8_t)(v) }, 4

static const struct node_desc firmware_node = { "firmware", NULL, 0 };
static const struct node_desc chosen_node = { "chosen", NULL, 0 };

static const struct prop_desc optee_props[] = {
	{ "compatible", STR("linaro,optee-tz") },
	{ "method", STR("smc") },
};
static const struct node_desc optee_node = { "optee", optee_props, ARRAY_LEN(optee_props) };

static const struct prop_desc psci_props[] = {
	{ "compatible", STR("arm,psci-1.0\0arm,psci-0.2\0arm,psci") },
	{ "method", STR("smc") },
	{ "cpu_suspend", U32(PSCI_0_1_CPU_SUSPEND) },
	{ "cpu_off", U32(PSCI_0_1_CPU_OFF) },
	{ "cpu_on", U32(PSCI_0_1_CPU_ON) },
	{ "sys_poweroff", U32(PSCI_0_1_SYSTEM_OFF) },
	{ "sys_reset", U32(PSCI_0_1_SYSTEM_RESET) },
};
static const struct node_desc psci_node = { "psci", psci_props, ARRAY_LEN(psci_props) };

/* A new property; its name counted as a new string (libfdt may reuse one). */
static uint32_t prop_size(const char *name, int len)
{
	return 12 + ALIGN4((uint32_t)len) + (uint32_t)strlen(name) + 1;
}

static uint32_t node_size(const struct node_desc *d)
{
	uint32_t n = 8 + ALIGN4((uint32_t)strlen(d->name) + 1);
	unsigned int i;

	for (i = 0; i < d->nprops; i++)
		n += prop_size(d->prop[i].name, d->prop[i].len);
	return n;
}

/* Adds d under parent: the new node's offset, or a libfdt error. */
static int add_node(void *fdt, int parent, const struct node_desc *d)
{
	int ret, node = fdt_add_subnode(fdt, parent, d->name);
	unsigned int i;

	/* fdt_setprop() puts a new property first: last one first */
	for (i = d->nprops; node >= 0 && i-- > 0;) {
		ret = fdt_setprop(fdt, node, d->prop[i].name, d->prop[i].val, d->prop[i].len);
		if (ret)
			return ret;
	}
	return node;
}

/* The root children a patch looks at, by name (or name@unit). */
enum { N_FIRMWARE, N_PSCI, N_RESMEM, N_CPUS, N_CHOSEN, N_COUNT };

static const char *const root_child[N_COUNT] = {
	"firmware", "psci", "reserved-memory", "cpus", "chosen",
};

struct plan {
	const struct dt_patch *p;
	int node[N_COUNT];                       /* the first root child of each name; < 0: none */
	int ac, sc;                              /* root cells */
	bool optee, psci, shm, initrd, bootargs; /* to add or set */
	char shm_name[32];                       /* "optee_shm@<pa>" */
	fdt32_t cells[2], shm_reg[4], initrd_cells[2][2];
	int initrd_len;
	struct prop_desc resmem_props[3], shm_props[2];
	struct node_desc resmem_node, shm_node;
	uint32_t need; /* bytes the changes may add */
};

static void find_root_children(const void *fdt, struct plan *pl)
{
	const char *name;
	size_t n;
	int node, i;

	for (i = 0; i < N_COUNT; i++)
		pl->node[i] = -FDT_ERR_NOTFOUND;
	for_each_child(node, fdt, 0) {
		name = fdt_get_name(fdt, node, NULL);
		for (i = 0; name && i < N_COUNT; i++) {
			n = strlen(root_child[i]);
			if (pl->node[i] < 0 && !strncmp(name, root_child[i], n) &&
			    (name[n] == '\0' || name[n] == '@'))
				pl->node[i] = node;
		}
	}
}

static bool lacks_enable_method(const void *fdt, int node)
{
	return prop_is(fdt, node, "device_type", "cpu") &&
	       !fdt_getprop(fdt, node, "enable-method", NULL);
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

static int plan_shm(const void *fdt, struct plan *pl)
{
	int resmem = pl->node[N_RESMEM], ac = pl->ac, sc = pl->sc, ret;

	mt_snprintf(pl->shm_name, sizeof(pl->shm_name), "optee_shm@%llx",
		    (unsigned long long)pl->p->shm_pa);
	if (resmem >= 0) {
		if (fdt_subnode_offset(fdt, resmem, pl->shm_name) >= 0)
			return 0;
		ret = bus_cells(fdt, resmem, &ac, &sc); /* the reg goes in its cells */
		if (ret)
			return ret;
	}
	if (put_cells(pl->shm_reg, ac, pl->p->shm_pa) ||
	    put_cells(pl->shm_reg + ac, sc, pl->p->shm_size))
		return -FDT_ERR_BADVALUE;
	pl->shm = true;
	pl->shm_props[0] = (struct prop_desc){ "reg", pl->shm_reg, (ac + sc) * 4 };
	pl->shm_props[1] = (struct prop_desc){ "no-map", "", 0 };
	pl->shm_node = (struct node_desc){ pl->shm_name, pl->shm_props, 2 };
	pl->need += node_size(&pl->shm_node);
	if (resmem >= 0)
		return 0;
	pl->cells[0] = cpu_to_fdt32((uint32_t)ac);
	pl->cells[1] = cpu_to_fdt32((uint32_t)sc);
	pl->resmem_props[0] = (struct prop_desc){ "#address-cells", &pl->cells[0], 4 };
	pl->resmem_props[1] = (struct prop_desc){ "#size-cells", &pl->cells[1], 4 };
	pl->resmem_props[2] = (struct prop_desc){ "ranges", "", 0 };
	pl->resmem_node = (struct node_desc){ "reserved-memory", pl->resmem_props, 3 };
	pl->need += node_size(&pl->resmem_node);
	return 0;
}

/* What fdt_setprop(node, name, val, len) may add; *same: the value is there. */
static uint32_t set_size(const void *fdt, int node, const char *name, const void *val, int len,
			 bool *same)
{
	int old_len;
	const void *old = node < 0 ? NULL : fdt_getprop(fdt, node, name, &old_len);

	*same = old && old_len == len && !memcmp(old, val, (size_t)len);
	if (!old)
		return prop_size(name, len);
	return ALIGN4((uint32_t)len) > ALIGN4((uint32_t)old_len)
		       ? ALIGN4((uint32_t)len) - ALIGN4((uint32_t)old_len)
		       : 0;
}

static int plan_chosen(const void *fdt, struct plan *pl)
{
	const struct dt_patch *p = pl->p;
	int chosen = pl->node[N_CHOSEN];
	bool same_start = true, same_end = true, same_args = true;

	if (p->initrd_start || p->initrd_end) {
		if (p->initrd_end < p->initrd_start ||
		    put_cells(pl->initrd_cells[0], pl->ac, p->initrd_start) ||
		    put_cells(pl->initrd_cells[1], pl->ac, p->initrd_end))
			return -FDT_ERR_BADVALUE;
		pl->initrd_len = pl->ac * 4;
		pl->need += set_size(fdt, chosen, "linux,initrd-start", pl->initrd_cells[0],
				     pl->initrd_len, &same_start);
		pl->need += set_size(fdt, chosen, "linux,initrd-end", pl->initrd_cells[1],
				     pl->initrd_len, &same_end);
	}
	if (p->bootargs) {
		if (strlen(p->bootargs) >= INT32_MAX / 2)
			return -FDT_ERR_BADVALUE;
		pl->need += set_size(fdt, chosen, "bootargs", p->bootargs,
				     (int)strlen(p->bootargs) + 1, &same_args);
	}
	pl->initrd = !same_start || !same_end;
	pl->bootargs = !same_args;
	if ((pl->initrd || pl->bootargs) && chosen < 0)
		pl->need += node_size(&chosen_node);
	return 0;
}

static int plan(const void *fdt, struct plan *pl)
{
	int node, ret = bus_cells(fdt, 0, &pl->ac, &pl->sc);

	if (ret)
		return ret;
	find_root_children(fdt, pl);
	pl->optee = pl->node[N_FIRMWARE] < 0 ||
		    fdt_subnode_offset(fdt, pl->node[N_FIRMWARE], "optee") < 0;
	if (pl->optee)
		pl->need += node_size(&optee_node) +
			    (pl->node[N_FIRMWARE] < 0 ? node_size(&firmware_node) : 0);
	pl->psci = pl->node[N_PSCI] < 0;
	if (pl->psci)
		pl->need += node_size(&psci_node);
	for_each_child(node, fdt, pl->node[N_CPUS])
		if (lacks_enable_method(fdt, node))
			pl->need += prop_size("enable-method", sizeof("psci"));
	ret = pl->p->reserve_shm ? plan_shm(fdt, pl) : 0;
	return ret ? ret : plan_chosen(fdt, pl);
}

/* ------------------------------------------------------------------ */
/* Patch: log and apply                                               */

/* Before anything moves: in the order of dt.h's list. */
static void log_changes(const void *fdt, const struct plan *pl, dt_log_fn log)
{
	int node;

	if (pl->optee)
		log("dt: added /firmware/optee");
	if (pl->psci)
		log("dt: added /psci");
	if (pl->shm && pl->node[N_RESMEM] < 0)
		log("dt: added /reserved-memory");
	if (pl->shm)
		log("dt: added /reserved-memory/%s", pl->shm_name);
	for_each_child(node, fdt, pl->node[N_CPUS])
		if (lacks_enable_method(fdt, node))
			log("dt: added enable-method \"psci\" to /cpus/%s",
			    fdt_get_name(fdt, node, NULL));
	if ((pl->initrd || pl->bootargs) && pl->node[N_CHOSEN] < 0)
		log("dt: added /chosen");
	if (pl->initrd)
		log("dt: set /chosen linux,initrd-start 0x%llx linux,initrd-end 0x%llx",
		    (unsigned long long)pl->p->initrd_start, (unsigned long long)pl->p->initrd_end);
	if (pl->bootargs)
		log("dt: set /chosen/bootargs");
}

static int set_enable_methods(void *fdt, int cpus)
{
	int node, ret;

	for_each_child(node, fdt, cpus) {
		if (!lacks_enable_method(fdt, node))
			continue;
		ret = fdt_setprop_string(fdt, node, "enable-method", "psci");
		if (ret)
			return ret;
	}
	return 0;
}

static int set_chosen(void *fdt, const struct plan *pl, int chosen)
{
	int ret = chosen < 0 ? chosen : 0;

	if (!ret && pl->bootargs)
		ret = fdt_setprop_string(fdt, chosen, "bootargs", pl->p->bootargs);
	if (!ret && pl->initrd)
		ret = fdt_setprop(fdt, chosen, "linux,initrd-end", pl->initrd_cells[1],
				  pl->initrd_len);
	if (!ret && pl->initrd)
		ret = fdt_setprop(fdt, chosen, "linux,initrd-start", pl->initrd_cells[0],
				  pl->initrd_len);
	return ret;
}

/* The changes inside root child i, which exists. */
static int apply_in(void *fdt, const struct plan *pl, int i)
{
	int node = pl->node[i];

	if (i == N_FIRMWARE && pl->optee)
		return add_node(fdt, node, &optee_node);
	if (i == N_RESMEM && pl->shm)
		return add_node(fdt, node, &pl->shm_node);
	if (i == N_CPUS)
		return set_enable_methods(fdt, node);
	if (i == N_CHOSEN && (pl->initrd || pl->bootargs))
		return set_chosen(fdt, pl, node);
	return 0;
}

/* The nodes the root gains. */
static int apply_root(void *fdt, const struct plan *pl)
{
	int node, ret = 0;

	if (pl->optee && pl->node[N_FIRMWARE] < 0) {
		node = add_node(fdt, 0, &firmware_node);
		ret = node < 0 ? node : add_node(fdt, node, &optee_node);
	}
	if (ret >= 0 && pl->psci)
		ret = add_node(fdt, 0, &psci_node);
	if (ret >= 0 && pl->shm && pl->node[N_RESMEM] < 0) {
		node = add_node(fdt, 0, &pl->resmem_node);
		ret = node < 0 ? node : add_node(fdt, node, &pl->shm_node);
	}
	if (ret >= 0 && (pl->initrd || pl->bootargs) && pl->node[N_CHOSEN] < 0)
		ret = set_chosen(fdt, pl, add_node(fdt, 0, &chosen_node));
	return ret < 0 ? ret : 0;
}

/*
 * The root's new nodes first: libfdt puts them before its first child, so the
 * existing children all move by the bytes added. Then the existing nodes,
 * last first, so that no edit moves a node still to be edited.
 */
static int apply(void *fdt, struct plan *pl)
{
	uint32_t size = fdt_size_dt_struct(fdt);
	int i, last, ret = apply_root(fdt, pl);

	for (i = 0; i < N_COUNT; i++)
		if (pl->node[i] >= 0)
			pl->node[i] += (int)(fdt_size_dt_struct(fdt) - size);
	while (ret >= 0) {
		last = -1;
		for (i = 0; i < N_COUNT; i++)
			if (pl->node[i] >= 0 && (last < 0 || pl->node[i] > pl->node[last]))
				last = i;
		if (last < 0)
			return 0;
		ret = apply_in(fdt, pl, last);
		pl->node[last] = -FDT_ERR_NOTFOUND; /* done */
	}
	return ret;
}

int dt_patch_for_ns(void *fdt, const struct dt_patch *p, dt_log_fn log)
{
	static const struct dt_patch nothing;
	struct plan pl = { .p = p ? p : &nothing };
	uint32_t used;
	int ret = dt_check(fdt);

	if (ret)
		return ret;
	used = used_size(fdt);
	if (!used)
		return -FDT_ERR_BADLAYOUT;
	ret = plan(fdt, &pl);
	if (ret)
		return ret;
	if (pl.need > fdt_totalsize(fdt) - used)
		return -FDT_ERR_NOSPACE;
	if (log)
		log_changes(fdt, &pl, log);
	ret = apply(fdt, &pl);
	return ret ? ret : fdt_pack(fdt);
}
