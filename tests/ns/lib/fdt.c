/* A tiny read-only flattened-device-tree walker: enough to find a property by
 * path and count child nodes. Reads byte by byte (no alignment assumptions). */
#include "ns.h"

#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE   2u
#define FDT_PROP       3u
#define FDT_NOP        4u
#define FDT_END        9u

#define FDT_MAX_COMPONENTS 8
#define FDT_MAX_TOTALSIZE  (2u << 20)

uint32_t fdt_be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

bool fdt_valid(const void *blob)
{
	if (!blob || fdt_be32(blob) != FDT_MAGIC)
		return false;
	uint32_t total = fdt_be32((const uint8_t *)blob + 4);
	uint32_t off_struct = fdt_be32((const uint8_t *)blob + 8);
	uint32_t off_strings = fdt_be32((const uint8_t *)blob + 12);
	uint32_t version = fdt_be32((const uint8_t *)blob + 20);
	return total >= 40 && total <= FDT_MAX_TOTALSIZE && off_struct < total &&
	       off_strings < total && version >= 16 && (off_struct & 3) == 0;
}

struct component {
	const char *s;
	size_t len;
};

static int split_path(const char *path, struct component *c)
{
	int n = 0;
	while (*path) {
		while (*path == '/')
			path++;
		if (!*path)
			break;
		if (n == FDT_MAX_COMPONENTS)
			return -1;
		c[n].s = path;
		while (*path && *path != '/')
			path++;
		c[n].len = (size_t)(path - c[n].s);
		n++;
	}
	return n;
}

/* "memory" matches node "memory@40000000"; "cpu@1" matches only itself. */
static bool name_matches(const char *node, const struct component *c)
{
	if (strncmp(node, c->s, c->len) != 0)
		return false;
	return node[c->len] == '\0' || node[c->len] == '@';
}

/* Walk the structure block. For the node at path, call back on each of its
 * properties (name, value) and on each direct child's name. */
struct walk {
	const char *prop;          /* property wanted, or NULL */
	const void *value;
	uint32_t len;
	const char *prefix;        /* child-name prefix to count, or NULL */
	int count;
	bool found_node;
};

static void walk(const void *blob, const char *path, struct walk *w)
{
	const uint8_t *base = blob;
	struct component comp[FDT_MAX_COMPONENTS];
	int n = split_path(path, comp);
	if (n < 0)
		return;
	uint32_t total = fdt_be32(base + 4);
	uint32_t off = fdt_be32(base + 8);
	uint32_t strings = fdt_be32(base + 12);
	int depth = 0;   /* root = 1 */
	int match = 0;   /* leading path components matched by the current chain */

	while (off + 4 <= total) {
		uint32_t tok = fdt_be32(base + off);
		off += 4;
		bool at_target = depth == n + 1 && match == n;
		switch (tok) {
		case FDT_BEGIN_NODE: {
			const char *name = (const char *)base + off;
			size_t len = 0;
			while (off + len < total && name[len])
				len++;
			if (off + len >= total)
				return;
			off = (off + (uint32_t)len + 1 + 3) & ~3u;
			if (at_target && w->prefix && strncmp(name, w->prefix, strlen(w->prefix)) == 0)
				w->count++;
			depth++;
			if (depth >= 2 && depth - 1 <= n && match == depth - 2 &&
			    name_matches(name, &comp[depth - 2]))
				match = depth - 1;
			if (depth == n + 1 && match == n)
				w->found_node = true;
			break;
		}
		case FDT_END_NODE:
			if (depth >= 2 && match == depth - 1)
				match--;
			depth--;
			if (depth == 0)
				return;
			break;
		case FDT_PROP: {
			if (off + 8 > total)
				return;
			uint32_t len = fdt_be32(base + off);
			uint32_t nameoff = fdt_be32(base + off + 4);
			off += 8;
			if (len > total - off || strings + nameoff >= total)
				return;
			if (at_target && w->prop && !w->value &&
			    strcmp((const char *)base + strings + nameoff, w->prop) == 0) {
				w->value = base + off;
				w->len = len;
			}
			off = (off + len + 3) & ~3u;
			break;
		}
		case FDT_NOP:
			break;
		case FDT_END:
		default:
			return;
		}
	}
}

const void *fdt_getprop(const void *blob, const char *path, const char *prop, uint32_t *len)
{
	if (!fdt_valid(blob))
		return NULL;
	struct walk w = { .prop = prop };
	walk(blob, path, &w);
	if (w.value && len)
		*len = w.len;
	return w.value;
}

int fdt_count_children(const void *blob, const char *path, const char *prefix)
{
	if (!fdt_valid(blob))
		return -1;
	struct walk w = { .prefix = prefix };
	walk(blob, path, &w);
	return w.found_node ? w.count : -1;
}
