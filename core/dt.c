// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree reading and patching for the normal world.
 *
 * Cost (this runs at boot and is counted in instructions). Measured with
 * qemu-system-arm -icount shift=0 (PMCCNTR) on QEMU's 8.5 KiB virt DTB,
 * newlib string functions: libfdt finds a node by walking every tag before
 * it through bounds-checked accessors, reading names one character per call,
 * so fdt_subnode_offset() of /cpus or /chosen costs 270-300k instructions,
 * and fdt_add_subnode() makes the same walk to refuse duplicates; patching
 * with libfdt's read-write calls took 1.9M instructions (2.5M with the
 * reserved carve-out), reading the NS info 320k. So this file uses libfdt
 * only for the header and walks the structure block itself (word loads,
 * names scanned a word at a time): about 55k for a whole walk, 93k for a
 * patch (101k with the carve-out). What remains:
 *  - one walk per call: it collects every fact and insertion point needed;
 *  - the insertions are made in one back-to-front pass, each byte moved at
 *    most once, and only after the room was checked, so a patch that does
 *    not fit changes nothing. New nodes go at the end of their parent, new
 *    properties after the last property of their node; a /chosen value whose
 *    padded size changes becomes FDT_NOP tags and is added anew, else it is
 *    rewritten in place;
 *  - each property name added is looked up once in the strings block.
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
#define ALIGN4(x)	(((x) + 3u) & ~3u)
#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* cpu nodes one patch can give an enable-method */
#define MAX_CPU_EDITS	32
/* distinct property names one patch can write (16 are used) */
#define MAX_NAMES	20

/* ------------------------------------------------------------------ */
/* Layout and tags                                                    */

struct blob {
	const uint8_t *st;	/* structure block */
	uint32_t st_size;
	const char *str;	/* strings block */
	uint32_t str_size;
};

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

static int blob_open(const void *fdt, struct blob *t)
{
	int ret = fdt_check_header(fdt);

	if (ret)
		return ret;
	if (!used_size(fdt))
		return -FDT_ERR_BADLAYOUT;
	t->st = (const uint8_t *)fdt + fdt_off_dt_struct(fdt);
	t->st_size = fdt_size_dt_struct(fdt);
	t->str = (const char *)fdt + fdt_off_dt_strings(fdt);
	t->str_size = fdt_size_dt_strings(fdt);
	if ((uintptr_t)t->st & 3)
		return -FDT_ERR_ALIGNMENT;
	if (t->str_size && t->str[t->str_size - 1])
		return -FDT_ERR_BADSTRUCTURE;	/* a name would run off */
	return 0;
}

/*
 * Big-endian word at p, which is 4-byte aligned (every field of the
 * structure block is, values included): one load, where fdt32_ld() reads
 * bytes. __builtin_memcpy, as -ffreestanding would make memcpy a call.
 */
static inline uint32_t ld32(const void *p)
{
	uint32_t v;

	__builtin_memcpy(&v, __builtin_assume_aligned(p, 4), 4);
	return fdt32_to_cpu(v);
}

/* Length of the NUL-terminated, word-aligned name at p, within max bytes;
 * max when there is no NUL. A word at a time. */
static uint32_t name_len(const uint8_t *p, uint32_t max)
{
	uint32_t i, w;

	for (i = 0; i + 4 <= max; i += 4) {
		__builtin_memcpy(&w, __builtin_assume_aligned(p + i, 4), 4);
		if ((w - 0x01010101u) & ~w & 0x80808080u)
			break;
	}
	for (; i < max && p[i]; i++)
		;
	return i;
}

/* The tag at off, *next the offset of the one after it. */
static int next_tag(const struct blob *t, uint32_t off, uint32_t *next)
{
	uint32_t left, len;
	int tag;

	if (off % 4 || t->st_size < 4 || off > t->st_size - 4)
		return -FDT_ERR_BADSTRUCTURE;
	left = t->st_size - off - 4;
	tag = (int)ld32(t->st + off);
	*next = off + 4;
	if (tag == FDT_BEGIN_NODE) {
		len = name_len(t->st + off + 4, left);
		if (len == left)
			return -FDT_ERR_BADSTRUCTURE;
		*next += ALIGN4(len + 1);
	} else if (tag == FDT_PROP) {
		if (left < 8)
			return -FDT_ERR_BADSTRUCTURE;
		len = ld32(t->st + off + 4);
		if (len > left - 8)
			return -FDT_ERR_BADSTRUCTURE;
		*next += 8 + ALIGN4(len);
	} else if (tag != FDT_END_NODE && tag != FDT_NOP && tag != FDT_END) {
		return -FDT_ERR_BADSTRUCTURE;
	}
	return *next <= t->st_size ? tag : -FDT_ERR_BADSTRUCTURE;
}

/* A name in the strings block (which blob_open() saw end in NUL), or NULL */
static const char *string_at(const struct blob *t, uint32_t off)
{
	return off < t->str_size ? t->str + off : NULL;
}

/* libfdt's rule: "name" matches a node "name" or "name@unit". */
static bool name_is(const char *node, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(node, name, n) && (node[n] == '\0' || node[n] == '@');
}

static bool val_is(const uint8_t *val, uint32_t len, const char *s)
{
	return len == strlen(s) + 1 && !memcmp(val, s, len);
}

/* ------------------------------------------------------------------ */
/* Walker                                                             */

#define WALK_DEPTH 4	/* nodes whose name and props end are tracked */

struct walk {
	int depth;		/* of the node the current tag is in; root 0 */
	bool root_done;
	const char *cur;		/* name of the node last entered */
	const char *name[WALK_DEPTH];
	/* offset of the first tag after a node's properties, 0 while in them */
	uint32_t props_end[WALK_DEPTH];
};

struct prop {
	const char *name;
	const uint8_t *val;
	uint32_t len;
	uint32_t off;		/* of its FDT_PROP tag */
	uint32_t next;		/* of the tag after it */
};

/* Callbacks: 0 goes on, > 0 stops the walk (success), < 0 fails it. */
struct visitor {
	int (*node)(void *ctx, const struct walk *w, uint32_t off);
	int (*prop)(void *ctx, const struct walk *w, const struct prop *p);
	int (*end)(void *ctx, const struct walk *w, uint32_t off);
};

/* The node at w->depth has a child or ends at off: its properties end. */
static void close_props(struct walk *w, uint32_t off)
{
	if (w->depth >= 0 && w->depth < WALK_DEPTH && !w->props_end[w->depth])
		w->props_end[w->depth] = off;
}

static int walk_begin(struct walk *w, const struct blob *t, uint32_t off,
		      const struct visitor *v, void *ctx)
{
	if (w->depth < 0 && w->root_done)
		return -FDT_ERR_BADSTRUCTURE;	/* a second root */
	close_props(w, off);
	w->depth++;
	w->cur = (const char *)t->st + off + 4;
	if (w->depth < WALK_DEPTH) {
		w->name[w->depth] = w->cur;
		w->props_end[w->depth] = 0;
	}
	return v->node ? v->node(ctx, w, off) : 0;
}

static int walk_end(struct walk *w, uint32_t off, const struct visitor *v,
		    void *ctx)
{
	int ret;

	if (w->depth < 0)
		return -FDT_ERR_BADSTRUCTURE;
	close_props(w, off);
	ret = v->end ? v->end(ctx, w, off) : 0;
	w->root_done = --w->depth < 0;
	return ret;
}

static int walk_prop(struct walk *w, const struct blob *t, uint32_t off,
		     uint32_t next, const struct visitor *v, void *ctx)
{
	struct prop p = { .off = off, .next = next, .val = t->st + off + 12 };

	if (w->depth < 0 ||
	    (w->depth < WALK_DEPTH && w->props_end[w->depth]))
		return -FDT_ERR_BADSTRUCTURE;	/* outside root, after a child */
	p.len = ld32(t->st + off + 4);
	p.name = string_at(t, ld32(t->st + off + 8));
	if (!p.name)
		return -FDT_ERR_BADSTRUCTURE;
	return v->prop ? v->prop(ctx, w, &p) : 0;
}

static int walk_tree(const struct blob *t, const struct visitor *v, void *ctx)
{
	struct walk w = { .depth = -1 };
	uint32_t off = 0, next;
	int tag, ret = 0;

	while (!ret) {
		tag = next_tag(t, off, &next);
		if (tag == FDT_BEGIN_NODE)
			ret = walk_begin(&w, t, off, v, ctx);
		else if (tag == FDT_END_NODE)
			ret = walk_end(&w, off, v, ctx);
		else if (tag == FDT_PROP)
			ret = walk_prop(&w, t, off, next, v, ctx);
		else if (tag == FDT_END)
			return w.root_done ? 0 : -FDT_ERR_BADSTRUCTURE;
		else if (tag < 0)
			return tag;
		off = next;
	}
	return ret < 0 ? ret : 0;
}

/* ------------------------------------------------------------------ */
/* What a node says about itself                                      */

struct node_info {
	bool memory, cpu, disabled, enable_method;
	const uint8_t *reg;
	uint32_t reg_len;
	int ac, sc;		/* #address-cells, #size-cells; -1 absent */
};

static const struct node_info no_info = { .ac = -1, .sc = -1 };

static int cells_val(const struct prop *p)
{
	uint32_t v = p->len == 4 ? ld32(p->val) : 0xff;

	return v > 0xff ? 0xff : (int)v;	/* > 2 is refused where used */
}

static void note_device_type(struct node_info *ni, const struct prop *p)
{
	ni->memory = val_is(p->val, p->len, "memory");
	ni->cpu = val_is(p->val, p->len, "cpu");
}

static void note_status(struct node_info *ni, const struct prop *p)
{
	ni->disabled = !val_is(p->val, p->len, "okay") &&
		       !val_is(p->val, p->len, "ok");
}

/* Dispatch on the first letter: most properties are none of these. */
static void note_prop(struct node_info *ni, const struct prop *p)
{
	const char *n = p->name;

	switch (n[0]) {
	case 'd':
		if (!strcmp(n, "device_type"))
			note_device_type(ni, p);
		break;
	case 's':
		if (!strcmp(n, "status"))
			note_status(ni, p);
		break;
	case 'r':
		if (!strcmp(n, "reg")) {
			ni->reg = p->val;
			ni->reg_len = p->len;
		}
		break;
	case 'e':
		ni->enable_method |= !strcmp(n, "enable-method");
		break;
	case '#':
		if (!strcmp(n, "#address-cells"))
			ni->ac = cells_val(p);
		else if (!strcmp(n, "#size-cells"))
			ni->sc = cells_val(p);
		break;
	}
}

/* A bus's cell counts with libfdt's defaults (2, 1); we handle 1 or 2. */
static int bus_cells(const struct node_info *bus, int *ac, int *sc)
{
	*ac = bus->ac < 0 ? 2 : bus->ac;
	*sc = bus->sc < 0 ? 1 : bus->sc;
	if (*ac < 1 || *ac > 2 || *sc < 1 || *sc > 2)
		return -FDT_ERR_BADNCELLS;
	return 0;
}

static uint64_t get_cells(const uint8_t *p, int n)
{
	uint64_t v = 0;

	for (; n > 0; n--, p += 4)
		v = (v << 32) | ld32(p);
	return v;
}

/* ------------------------------------------------------------------ */
/* Reading                                                            */

struct ns_walk {
	struct dt_ns_info *out;
	struct node_info ni[3];	/* root, its child, grandchild */
	bool in_cpus, have_mem;
};

static int ns_node(void *ctx, const struct walk *w, uint32_t off)
{
	struct ns_walk *c = ctx;

	(void)off;
	if (w->depth < 3)
		c->ni[w->depth] = no_info;
	if (w->depth == 1)
		c->in_cpus = name_is(w->name[1], "cpus");
	return 0;
}

static int ns_prop(void *ctx, const struct walk *w, const struct prop *p)
{
	struct ns_walk *c = ctx;

	if (w->depth < 2 || (w->depth == 2 && c->in_cpus))
		note_prop(&c->ni[w->depth], p);
	return 0;
}

static int ns_memory(struct ns_walk *c, const struct node_info *ni)
{
	int ac, sc, ret = bus_cells(&c->ni[0], &ac, &sc);

	if (ret)
		return ret;
	if (!ni->reg || ni->reg_len < (uint32_t)(ac + sc) * 4)
		return 0;
	c->out->mem_base = get_cells(ni->reg, ac);
	c->out->mem_size = get_cells(ni->reg + ac * 4, sc);
	c->have_mem = true;
	return 0;
}

static int ns_cpu(struct ns_walk *c, const struct node_info *ni)
{
	int ac = c->ni[1].ac < 0 ? 2 : c->ni[1].ac;

	if (ac < 1 || ac > 2)
		return -FDT_ERR_BADNCELLS;
	if (!ni->reg || ni->reg_len < (uint32_t)ac * 4)
		return -FDT_ERR_BADVALUE;
	if (c->out->ncpus < DT_MAX_CPUS)	/* MPIDR: the low cell */
		c->out->cpu_mpidr[c->out->ncpus++] =
			ld32(ni->reg + (ac - 1) * 4);
	return 0;
}

static int ns_end(void *ctx, const struct walk *w, uint32_t off)
{
	struct ns_walk *c = ctx;
	const struct node_info *ni = &c->ni[w->depth < 3 ? w->depth : 0];

	(void)off;
	if (w->depth == 1 && !c->have_mem && ni->memory && !ni->disabled)
		return ns_memory(c, ni);
	if (w->depth == 2 && c->in_cpus && ni->cpu)
		return ns_cpu(c, ni);
	return 0;
}

int dt_read_ns_info(const void *fdt, struct dt_ns_info *out)
{
	static const struct visitor v = {
		.node = ns_node, .prop = ns_prop, .end = ns_end,
	};
	struct ns_walk c = { .out = out };
	struct blob t;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = blob_open(fdt, &t);
	if (!ret)
		ret = walk_tree(&t, &v, &c);
	if (!ret && (!c.have_mem || !out->ncpus))
		ret = -FDT_ERR_NOTFOUND;
	return ret;
}

struct bootargs_walk {
	const char *found;
	bool in_chosen;
};

static int ba_node(void *ctx, const struct walk *w, uint32_t off)
{
	struct bootargs_walk *c = ctx;

	(void)off;
	c->in_chosen = w->depth == 1 && name_is(w->name[1], "chosen");
	return 0;
}

static int ba_prop(void *ctx, const struct walk *w, const struct prop *p)
{
	struct bootargs_walk *c = ctx;

	if (w->depth != 1 || !c->in_chosen || strcmp(p->name, "bootargs"))
		return 0;
	if (p->len && !p->val[p->len - 1])
		c->found = (const char *)p->val;
	return 1;
}

const char *dt_get_bootargs(const void *fdt)
{
	static const struct visitor v = { .node = ba_node, .prop = ba_prop };
	struct bootargs_walk c = { .found = NULL };
	struct blob t;

	if (blob_open(fdt, &t) || walk_tree(&t, &v, &c))
		return NULL;
	return c.found;
}

struct path_walk {
	const char *next;	/* the components not matched yet */
	int matched;		/* depth of the deepest node matched */
	int found;
};

/* libfdt's rule again: a component without '@' matches "name@unit" too. */
static bool component_is(const char *node, const char *c, size_t len)
{
	return !strncmp(node, c, len) &&
	       (node[len] == '\0' ||
		(node[len] == '@' && !memchr(c, '@', len)));
}

static int path_node(void *ctx, const struct walk *w, uint32_t off)
{
	struct path_walk *c = ctx;
	size_t len = strcspn(c->next, "/");

	if (w->depth != c->matched + 1 ||
	    !component_is(w->cur, c->next, len))
		return 0;
	c->matched = w->depth;
	c->next += len;
	c->next += *c->next == '/';
	if (*c->next)
		return 0;
	c->found = (int)off;
	return 1;
}

/* Like libfdt, no backtracking: the first match of a component is it. */
static int path_end(void *ctx, const struct walk *w, uint32_t off)
{
	struct path_walk *c = ctx;

	(void)off;
	return w->depth == c->matched ? -FDT_ERR_NOTFOUND : 0;
}

int dt_path_offset(const void *fdt, const char *path)
{
	static const struct visitor v = { .node = path_node, .end = path_end };
	struct path_walk c = { .next = path, .found = -FDT_ERR_NOTFOUND };
	struct blob t;
	int ret = blob_open(fdt, &t);

	if (ret)
		return ret;
	if (*path != '/')
		return -FDT_ERR_BADPATH;
	while (*c.next == '/')
		c.next++;
	if (!*c.next)
		return 0;
	ret = walk_tree(&t, &v, &c);
	return ret ? ret : c.found;
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
	if (!used)	/* rare layouts: libfdt reorders (or copies it all) */
		return fdt_open_into(src, dst, (int)dst_size);
	if (used > dst_size)
		return -FDT_ERR_NOSPACE;
	memcpy(dst, src, used);
	fdt_set_totalsize(dst, (uint32_t)dst_size);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Patch: what is there                                               */

enum root_child { RC_OTHER, RC_FIRMWARE, RC_PSCI, RC_RESMEM, RC_CPUS,
		  RC_CHOSEN, RC_COUNT };

static const char *const root_child_names[RC_COUNT] = {
	[RC_FIRMWARE] = "firmware", [RC_PSCI] = "psci",
	[RC_RESMEM] = "reserved-memory", [RC_CPUS] = "cpus",
	[RC_CHOSEN] = "chosen",
};

enum chosen_prop { CP_INITRD_START, CP_INITRD_END, CP_BOOTARGS, CP_COUNT };

static const char *const chosen_names[CP_COUNT] = {
	"linux,initrd-start", "linux,initrd-end", "bootargs",
};

struct scan {
	const char *shm_name;		/* the child we would add, or NULL */
	struct node_info ni[3];		/* root, its child, grandchild */
	struct node_info resmem;	/* /reserved-memory's, kept */
	enum root_child in;		/* the root child being walked */
	bool has[RC_COUNT], optee, shm;
	uint32_t end[RC_COUNT];		/* END_NODE of each root child */
	uint32_t root_end, chosen_props_end;
	struct prop chosen[CP_COUNT];	/* name NULL: absent */
	const char *cpu_name[MAX_CPU_EDITS];	/* cpus lacking enable-method */
	uint32_t cpu_at[MAX_CPU_EDITS];		/* their props end */
	unsigned int ncpus;
};

static enum root_child classify(const char *name)
{
	unsigned int i;

	for (i = 1; i < RC_COUNT; i++)
		if (name_is(name, root_child_names[i]))
			return (enum root_child)i;
	return RC_OTHER;
}

static int scan_node(void *ctx, const struct walk *w, uint32_t off)
{
	struct scan *s = ctx;

	(void)off;
	if (w->depth < 3)
		s->ni[w->depth] = no_info;
	if (w->depth == 1) {
		s->in = classify(w->name[1]);
		s->has[s->in] = true;
	} else if (w->depth == 2 && s->in == RC_FIRMWARE) {
		s->optee = s->optee || name_is(w->name[2], "optee");
	} else if (w->depth == 2 && s->in == RC_RESMEM && s->shm_name) {
		s->shm = s->shm || !strcmp(w->name[2], s->shm_name);
	}
	return 0;
}

static void scan_chosen_prop(struct scan *s, const struct prop *p)
{
	unsigned int i;

	for (i = 0; i < CP_COUNT; i++)
		if (!strcmp(p->name, chosen_names[i]))
			s->chosen[i] = *p;
}

static int scan_prop(void *ctx, const struct walk *w, const struct prop *p)
{
	struct scan *s = ctx;

	if (w->depth == 0 || (w->depth == 1 && s->in == RC_RESMEM) ||
	    (w->depth == 2 && s->in == RC_CPUS))
		note_prop(&s->ni[w->depth], p);
	else if (w->depth == 1 && s->in == RC_CHOSEN)
		scan_chosen_prop(s, p);
	return 0;
}

static int scan_end(void *ctx, const struct walk *w, uint32_t off)
{
	struct scan *s = ctx;

	if (w->depth == 0) {
		s->root_end = off;
	} else if (w->depth == 1) {
		s->end[s->in] = off;
		if (s->in == RC_RESMEM)
			s->resmem = s->ni[1];
		if (s->in == RC_CHOSEN)
			s->chosen_props_end = w->props_end[1];
	} else if (w->depth == 2 && s->in == RC_CPUS && s->ni[2].cpu &&
		   !s->ni[2].enable_method) {
		if (s->ncpus == MAX_CPU_EDITS)
			return -FDT_ERR_BADVALUE;
		s->cpu_name[s->ncpus] = w->name[2];
		s->cpu_at[s->ncpus++] = w->props_end[2];
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Patch: property names                                              */

struct strtab {
	const struct blob *t;
	const char *name[MAX_NAMES];
	uint32_t off[MAX_NAMES];
	bool added[MAX_NAMES];
	unsigned int n;
	uint32_t grow;		/* bytes of added names */
	bool full;
};

/* Whole-string match only; the block ends in NUL (blob_open()). */
static uint32_t find_string(const struct blob *t, const char *s)
{
	const char *p = t->str, *end = t->str + t->str_size;
	size_t len = strlen(s) + 1;

	while ((size_t)(end - p) >= len) {
		if (*p == *s && !memcmp(p, s, len))
			return (uint32_t)(p - t->str);
		while (*p++)
			;
	}
	return UINT32_MAX;
}

/*
 * Offset of name in the strings block, appending it when missing. Every name
 * is first asked for while planning, before anything moves; the answers are
 * kept, so writing never searches the (then moved) block.
 */
static uint32_t string_offset(struct strtab *st, const char *name)
{
	unsigned int i;
	uint32_t off;

	for (i = 0; i < st->n; i++)
		if (st->name[i] == name || !strcmp(st->name[i], name))
			return st->off[i];
	if (st->n == MAX_NAMES) {
		st->full = true;
		return 0;
	}
	off = find_string(st->t, name);
	st->added[st->n] = off == UINT32_MAX;
	if (st->added[st->n]) {
		off = st->t->str_size + st->grow;
		st->grow += (uint32_t)strlen(name) + 1;
	}
	st->name[st->n] = name;
	st->off[st->n++] = off;
	return off;
}

static void write_strings(const struct strtab *st, char *to)
{
	unsigned int i;

	for (i = 0; i < st->n; i++)
		if (st->added[i])
			strcpy(to + st->off[i] - st->t->str_size, st->name[i]);
}

/* ------------------------------------------------------------------ */
/* Patch: writing tags                                                */

/* Writes tags at p, or only counts them when p is NULL. */
struct out {
	uint8_t *p;
	uint32_t n;
	struct strtab *strs;
};

static void out_u32(struct out *o, uint32_t v)
{
	if (o->p)
		fdt32_st(o->p + o->n, v);
	o->n += 4;
}

static void out_bytes(struct out *o, const void *b, uint32_t len)
{
	if (o->p) {
		memcpy(o->p + o->n, b, len);
		memset(o->p + o->n + len, 0, ALIGN4(len) - len);
	}
	o->n += ALIGN4(len);
}

static void out_begin(struct out *o, const char *name)
{
	out_u32(o, FDT_BEGIN_NODE);
	out_bytes(o, name, (uint32_t)strlen(name) + 1);
}

static void out_end(struct out *o)
{
	out_u32(o, FDT_END_NODE);
}

static void out_prop(struct out *o, const char *name, const void *val,
		     uint32_t len)
{
	out_u32(o, FDT_PROP);
	out_u32(o, len);
	out_u32(o, string_offset(o->strs, name));
	out_bytes(o, val, len);
}

static void out_u32_prop(struct out *o, const char *name, uint32_t v)
{
	fdt32_t be = cpu_to_fdt32(v);

	out_prop(o, name, &be, 4);
}

/* ------------------------------------------------------------------ */
/* Patch: plan                                                        */

enum edit_kind { ED_ROOT, ED_OPTEE, ED_SHM, ED_ENABLE_METHOD, ED_CHOSEN };

struct edit {
	uint32_t off;		/* insertion point in the structure block */
	uint32_t size;
	enum edit_kind kind;
};

struct patch {
	void *fdt;
	const struct dt_patch *p;
	void (*log)(const char *msg);
	struct blob t;
	struct scan s;
	struct strtab strs;
	int ac, sc;			/* root cells */
	bool add_optee, add_psci, add_resmem, add_shm, add_chosen;
	char shm_name[32];		/* "optee_shm@<pa>" */
	fdt32_t shm_reg[4];
	uint32_t shm_reg_len;
	fdt32_t initrd[2][2];
	uint32_t initrd_len;
	const void *want[CP_COUNT];	/* chosen values to write, or NULL */
	uint32_t want_len[CP_COUNT];
	bool chosen_insert[CP_COUNT];	/* else rewritten in place */
	struct edit e[4 + MAX_CPU_EDITS];
	unsigned int ne;
	uint32_t grow;			/* bytes added to the struct block */
};

static void emit_optee(struct out *o)
{
	out_begin(o, "optee");
	out_prop(o, "compatible", "linaro,optee-tz", sizeof("linaro,optee-tz"));
	out_prop(o, "method", "smc", sizeof("smc"));
	out_end(o);
}

static void emit_psci(struct out *o)
{
	static const char compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";

	out_begin(o, "psci");
	out_prop(o, "compatible", compat, sizeof(compat));
	out_prop(o, "method", "smc", sizeof("smc"));
	out_u32_prop(o, "cpu_suspend", PSCI_0_1_CPU_SUSPEND);
	out_u32_prop(o, "cpu_off", PSCI_0_1_CPU_OFF);
	out_u32_prop(o, "cpu_on", PSCI_0_1_CPU_ON);
	out_u32_prop(o, "sys_poweroff", PSCI_0_1_SYSTEM_OFF);
	out_u32_prop(o, "sys_reset", PSCI_0_1_SYSTEM_RESET);
	out_end(o);
}

static void emit_shm(const struct patch *pt, struct out *o)
{
	out_begin(o, pt->shm_name);
	out_prop(o, "reg", pt->shm_reg, pt->shm_reg_len);
	out_prop(o, "no-map", "", 0);
	out_end(o);
}

static void emit_resmem(const struct patch *pt, struct out *o)
{
	out_begin(o, "reserved-memory");
	out_u32_prop(o, "#address-cells", (uint32_t)pt->ac);
	out_u32_prop(o, "#size-cells", (uint32_t)pt->sc);
	out_prop(o, "ranges", "", 0);
	emit_shm(pt, o);
	out_end(o);
}

static void emit_chosen_props(const struct patch *pt, struct out *o)
{
	unsigned int i;

	for (i = 0; i < CP_COUNT; i++)
		if (pt->chosen_insert[i])
			out_prop(o, chosen_names[i], pt->want[i],
				 pt->want_len[i]);
}

static void emit_root_children(const struct patch *pt, struct out *o)
{
	if (!pt->s.has[RC_FIRMWARE]) {
		out_begin(o, "firmware");
		emit_optee(o);
		out_end(o);
	}
	if (pt->add_psci)
		emit_psci(o);
	if (pt->add_resmem)
		emit_resmem(pt, o);
	if (pt->add_chosen) {
		out_begin(o, "chosen");
		emit_chosen_props(pt, o);
		out_end(o);
	}
}

static void emit(const struct patch *pt, struct out *o, enum edit_kind k)
{
	static const char psci[] = "psci";

	if (k == ED_ROOT)
		emit_root_children(pt, o);
	else if (k == ED_OPTEE)
		emit_optee(o);
	else if (k == ED_SHM)
		emit_shm(pt, o);
	else if (k == ED_ENABLE_METHOD)
		out_prop(o, "enable-method", psci, sizeof(psci));
	else
		emit_chosen_props(pt, o);
}

/* Queues an insertion, keeping the list sorted by offset (stable). */
static void add_edit(struct patch *pt, uint32_t off, enum edit_kind k)
{
	struct out o = { .strs = &pt->strs };
	unsigned int i = pt->ne++;

	emit(pt, &o, k);
	for (; i > 0 && pt->e[i - 1].off > off; i--)
		pt->e[i] = pt->e[i - 1];
	pt->e[i] = (struct edit){ .off = off, .size = o.n, .kind = k };
	pt->grow += o.n;
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

static void unit_name(struct patch *pt)
{
	static const char hex[] = "0123456789abcdef";
	char *s = pt->shm_name;
	uint64_t v = pt->p->shm_pa;
	int i, n = 1;

	while (n < 16 && v >> (4 * n))
		n++;
	memcpy(s, "optee_shm@", 10);
	for (i = 0; i < n; i++)
		s[10 + i] = hex[(v >> (4 * (n - 1 - i))) & 15];
	s[10 + n] = '\0';
}

static int plan_shm(struct patch *pt)
{
	int ac, sc, ret;

	pt->add_resmem = !pt->s.has[RC_RESMEM];
	pt->add_shm = pt->add_resmem || !pt->s.shm;
	if (!pt->add_shm)
		return 0;
	if (pt->add_resmem) {	/* it gets the root's cells */
		ac = pt->ac;
		sc = pt->sc;
		ret = 0;
	} else {
		ret = bus_cells(&pt->s.resmem, &ac, &sc);
	}
	if (!ret)
		ret = put_cells(pt->shm_reg, ac, pt->p->shm_pa);
	if (!ret)
		ret = put_cells(pt->shm_reg + ac, sc, pt->p->shm_size);
	pt->shm_reg_len = (uint32_t)(ac + sc) * 4;
	if (!ret && !pt->add_resmem)
		add_edit(pt, pt->s.end[RC_RESMEM], ED_SHM);
	return ret;
}

static int plan_initrd(struct patch *pt)
{
	const struct dt_patch *p = pt->p;
	int ret;

	if (!p->initrd_start && !p->initrd_end)
		return 0;
	if (p->initrd_end < p->initrd_start)
		return -FDT_ERR_BADVALUE;
	ret = put_cells(pt->initrd[0], pt->ac, p->initrd_start);
	if (!ret)
		ret = put_cells(pt->initrd[1], pt->ac, p->initrd_end);
	pt->initrd_len = (uint32_t)pt->ac * 4;
	pt->want[CP_INITRD_START] = pt->initrd[0];
	pt->want[CP_INITRD_END] = pt->initrd[1];
	pt->want_len[CP_INITRD_START] = pt->initrd_len;
	pt->want_len[CP_INITRD_END] = pt->initrd_len;
	return ret;
}

/* Drops wanted values already there; marks those needing insertion. */
static void plan_chosen_props(struct patch *pt)
{
	const struct prop *old;
	unsigned int i;

	for (i = 0; i < CP_COUNT; i++) {
		old = &pt->s.chosen[i];
		if (!pt->want[i] || !old->name)
			pt->chosen_insert[i] = pt->want[i] != NULL;
		else if (old->len == pt->want_len[i] &&
			 !memcmp(old->val, pt->want[i], old->len))
			pt->want[i] = NULL;
		else
			pt->chosen_insert[i] =
				ALIGN4(old->len) != ALIGN4(pt->want_len[i]);
	}
}

static int plan_chosen(struct patch *pt)
{
	const char *args = pt->p->bootargs;
	bool insert;
	int ret = plan_initrd(pt);

	if (ret)
		return ret;
	if (args) {
		if (strlen(args) >= INT32_MAX / 2)
			return -FDT_ERR_BADVALUE;
		pt->want[CP_BOOTARGS] = args;
		pt->want_len[CP_BOOTARGS] = (uint32_t)strlen(args) + 1;
	}
	plan_chosen_props(pt);
	insert = pt->chosen_insert[0] || pt->chosen_insert[1] ||
		 pt->chosen_insert[2];
	pt->add_chosen = insert && !pt->s.has[RC_CHOSEN];
	if (insert && pt->s.has[RC_CHOSEN])
		add_edit(pt, pt->s.chosen_props_end, ED_CHOSEN);
	return 0;
}

static int plan(struct patch *pt)
{
	unsigned int i;
	int ret = bus_cells(&pt->s.ni[0], &pt->ac, &pt->sc);

	pt->add_optee = !pt->s.optee;
	pt->add_psci = !pt->s.has[RC_PSCI];
	if (!ret && pt->p->reserve_shm)
		ret = plan_shm(pt);
	if (!ret)
		ret = plan_chosen(pt);
	if (ret)
		return ret;
	if (pt->add_optee && pt->s.has[RC_FIRMWARE])
		add_edit(pt, pt->s.end[RC_FIRMWARE], ED_OPTEE);
	for (i = 0; i < pt->s.ncpus; i++)
		add_edit(pt, pt->s.cpu_at[i], ED_ENABLE_METHOD);
	if ((pt->add_optee && !pt->s.has[RC_FIRMWARE]) || pt->add_psci ||
	    pt->add_resmem || pt->add_chosen)
		add_edit(pt, pt->s.root_end, ED_ROOT);
	return pt->strs.full ? -FDT_ERR_INTERNAL : 0;
}

/* ------------------------------------------------------------------ */
/* Patch: log                                                         */

struct line {
	char s[96];
	size_t n;
};

static void line_add(struct line *l, const char *s)
{
	while (*s && l->n < sizeof(l->s) - 1)
		l->s[l->n++] = *s++;
	l->s[l->n] = '\0';
}

static void line_hex(struct line *l, uint64_t v)
{
	char digits[19];
	int i = 18;

	digits[18] = '\0';
	do {
		digits[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	digits[--i] = 'x';
	digits[--i] = '0';
	line_add(l, digits + i);
}

static void say(const struct patch *pt, const char *a, const char *b)
{
	struct line l = { .n = 0 };

	line_add(&l, "dt: ");
	line_add(&l, a);
	line_add(&l, b);
	pt->log(l.s);
}

static void log_chosen(const struct patch *pt)
{
	struct line l = { .n = 0 };

	if (pt->add_chosen)
		say(pt, "added /chosen", "");
	if (pt->want[CP_INITRD_START] || pt->want[CP_INITRD_END]) {
		line_add(&l, "dt: set /chosen linux,initrd-start ");
		line_hex(&l, pt->p->initrd_start);
		line_add(&l, " linux,initrd-end ");
		line_hex(&l, pt->p->initrd_end);
		pt->log(l.s);
	}
	if (pt->want[CP_BOOTARGS])
		say(pt, "set /chosen/bootargs", "");
}

/* Before anything moves: cpu names still point into the blob. */
static void log_changes(const struct patch *pt)
{
	unsigned int i;

	if (!pt->log)
		return;
	if (pt->add_optee)
		say(pt, "added /firmware/optee", "");
	if (pt->add_psci)
		say(pt, "added /psci", "");
	if (pt->add_resmem)
		say(pt, "added /reserved-memory", "");
	if (pt->add_shm)
		say(pt, "added /reserved-memory/", pt->shm_name);
	for (i = 0; i < pt->s.ncpus; i++)
		say(pt, "added enable-method \"psci\" to /cpus/",
		    pt->s.cpu_name[i]);
	log_chosen(pt);
}

/* ------------------------------------------------------------------ */
/* Patch: apply                                                       */

/* /chosen values that keep their padded size: rewritten where they are;
 * the others become NOPs (their replacement is an insertion). */
static void update_chosen_in_place(struct patch *pt, uint8_t *st)
{
	const struct prop *old;
	unsigned int i;
	uint32_t at;

	for (i = 0; i < CP_COUNT; i++) {
		old = &pt->s.chosen[i];
		if (!pt->want[i] || !old->name)
			continue;
		if (pt->chosen_insert[i]) {
			for (at = old->off; at < old->next; at += 4)
				fdt32_st(st + at, FDT_NOP);
			continue;
		}
		fdt32_st(st + old->off + 4, pt->want_len[i]);
		memcpy(st + old->off + 12, pt->want[i], pt->want_len[i]);
		memset(st + old->off + 12 + pt->want_len[i], 0,
		       old->next - old->off - 12 - pt->want_len[i]);
	}
}

/* Back to front: each segment moves once, straight to its final place. */
static void insert_all(struct patch *pt, uint8_t *st, uint32_t st_size)
{
	uint32_t end = st_size, shift = pt->grow;
	struct out o = { .p = st, .strs = &pt->strs };
	unsigned int i;

	for (i = pt->ne; i-- > 0;) {
		shift -= pt->e[i].size;
		memmove(st + pt->e[i].off + shift + pt->e[i].size,
			st + pt->e[i].off, end - pt->e[i].off);
		o.n = pt->e[i].off + shift;
		emit(pt, &o, pt->e[i].kind);
		end = pt->e[i].off;
	}
}

static void apply(struct patch *pt)
{
	uint8_t *b = pt->fdt;
	uint32_t st_off = fdt_off_dt_struct(b), st_size = fdt_size_dt_struct(b);
	uint32_t str_off = fdt_off_dt_strings(b), str_size = fdt_size_dt_strings(b);
	uint32_t tail = str_off + str_size - (st_off + st_size);

	update_chosen_in_place(pt, b + st_off);
	memmove(b + st_off + st_size + pt->grow, b + st_off + st_size, tail);
	write_strings(&pt->strs, (char *)b + str_off + pt->grow + str_size);
	insert_all(pt, b + st_off, st_size);
	fdt_set_size_dt_struct(b, st_size + pt->grow);
	fdt_set_off_dt_strings(b, str_off + pt->grow);
	fdt_set_size_dt_strings(b, str_size + pt->strs.grow);
	fdt_set_totalsize(b, str_off + pt->grow + str_size + pt->strs.grow);
}

int dt_patch_for_ns(void *fdt, const struct dt_patch *p,
		    void (*log)(const char *msg))
{
	static const struct visitor v = {
		.node = scan_node, .prop = scan_prop, .end = scan_end,
	};
	static const struct dt_patch nothing;
	struct patch pt = { .fdt = fdt, .p = p ? p : &nothing, .log = log };
	int ret = blob_open(fdt, &pt.t);

	if (ret)
		return ret;
	pt.strs.t = &pt.t;
	if (pt.p->reserve_shm) {
		unit_name(&pt);
		pt.s.shm_name = pt.shm_name;
	}
	ret = walk_tree(&pt.t, &v, &pt.s);
	if (!ret)
		ret = plan(&pt);
	if (ret)
		return ret;
	if ((uint64_t)used_size(fdt) + pt.grow + pt.strs.grow >
	    fdt_totalsize(fdt))
		return -FDT_ERR_NOSPACE;
	log_changes(&pt);
	apply(&pt);
	return 0;
}
