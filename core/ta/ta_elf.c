/*
 * The TA ELF loader (ta_elf.h). Pure C over a copy in secure memory; every
 * header field is read with memcpy (no alignment assumed: offsets come from
 * the file) and every offset + length is added in 64 bits before it is
 * compared, so nothing wraps. The image is laid out first and the dynamic
 * section, relocation table, symbols and ta_head are then read from the
 * laid-out copy, each range checked against a PT_LOAD segment.
 */
#include <stdbool.h>
#include <string.h>
#include <optee_msg.h>
#include <console.h>
#include <ta_elf.h>
#include <ta_pool.h>

#define PAGE          4096u
#define ET_DYN        3u
#define EM_ARM        40u
#define EF_ARM_EABIMASK 0xFF000000u
#define EF_ARM_EABI_VER5 0x05000000u
#define PT_LOAD       1u
#define PT_DYNAMIC    2u
#define PT_TLS        7u
#define PF_X          1u
#define PF_W          2u
#define PF_R          4u
#define SHT_NOBITS    8u
#define DT_NULL       0
#define DT_NEEDED     1
#define DT_HASH       4
#define DT_SYMTAB     6
#define DT_STRTAB     5
#define DT_RELA       7
#define DT_STRSZ      10
#define DT_SYMENT     11
#define DT_REL        17
#define DT_RELSZ      18
#define DT_RELENT     19
#define DT_TEXTREL    22
#define DT_JMPREL     23
#define DT_GNU_HASH   0x6ffffef5
#define R_ARM_NONE    0u
#define R_ARM_RELATIVE 23u
#define TA_HEAD_SIZE  32u
#define MAX_SYMS      65536u

struct elf32_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf32_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
struct elf32_shdr {
	uint32_t name, type, flags, addr, offset, size, link, info, addralign, entsize;
};
struct elf32_dyn {
	int32_t tag;
	uint32_t val;
};
struct elf32_rel {
	uint32_t offset, info;
};
struct elf32_sym {
	uint32_t name, value, size;
	uint8_t info, other;
	uint16_t shndx;
};
_Static_assert(sizeof(struct elf32_ehdr) == 52, "Elf32_Ehdr");
_Static_assert(sizeof(struct elf32_phdr) == 32, "Elf32_Phdr");
_Static_assert(sizeof(struct elf32_shdr) == 40, "Elf32_Shdr");
_Static_assert(sizeof(struct elf32_dyn) == 8, "Elf32_Dyn");
_Static_assert(sizeof(struct elf32_rel) == 8, "Elf32_Rel");
_Static_assert(sizeof(struct elf32_sym) == 16, "Elf32_Sym");

/* What PT_DYNAMIC says (0 = absent; address 0 is never a valid table: the
 * ELF header lives there). */
struct elf_dyn_info {
	uint32_t rel, relsz, relent;
	uint32_t symtab, syment, strtab, strsz, hash, gnu_hash;
};

struct elf_ctx {
	const uint8_t *elf;
	size_t size;
	uint32_t load_va;
	struct elf32_ehdr eh;
	struct elf32_phdr load[TA_MAX_SEGS];
	uint32_t nload;
	struct elf32_phdr dyn;
	bool has_dyn;
	uint8_t *mem;
	uint32_t span;
	struct elf_dyn_info d;
};

/* Each rejection has its own rate-limited log line (its own call site). */
#define REJECT(...)							\
	do {								\
		log_reject("ta_elf: " __VA_ARGS__);			\
		return TEE_ERROR_BAD_FORMAT;				\
	} while (0)

/* [off, off + len) inside [0, limit): 64-bit sum, cannot wrap. */
static bool in_range(uint64_t off, uint64_t len, uint64_t limit)
{
	return off + len <= limit;
}

static uint32_t page_down(uint32_t v)
{
	return v & ~(PAGE - 1);
}

/* Rounded up in 64 bits: the caller checks the result against a limit. */
static uint64_t page_up(uint64_t v)
{
	return (v + PAGE - 1) & ~(uint64_t)(PAGE - 1);
}

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* [va, va + len) inside one PT_LOAD's memory that has every flag of need. */
static bool va_in_seg(const struct elf_ctx *c, uint32_t va, uint32_t len, uint32_t need)
{
	for (uint32_t i = 0; i < c->nload; i++) {
		const struct elf32_phdr *p = &c->load[i];

		if (va >= p->vaddr && in_range(va, len, (uint64_t)p->vaddr + p->memsz) &&
		    (p->flags & need) == need)
			return true;
	}
	return false;
}

static uint32_t check_ehdr(struct elf_ctx *c)
{
	const struct elf32_ehdr *e = &c->eh;

	if (c->size < sizeof(*e))
		REJECT("file of %u bytes is shorter than an ELF header", (unsigned)c->size);
	memcpy(&c->eh, c->elf, sizeof(c->eh));
	if (memcmp(e->ident, "\177ELF", 4))
		REJECT("no ELF magic");
	if (e->ident[4] != 1 || e->ident[5] != 1 || e->ident[6] != 1 || e->version != 1)
		REJECT("not ELF32 little-endian version 1 (class %u data %u)", e->ident[4],
		       e->ident[5]);
	if (e->type != ET_DYN || e->machine != EM_ARM)
		REJECT("type %u machine %u: want ET_DYN (3) for ARM (40)", e->type, e->machine);
	if ((e->flags & EF_ARM_EABIMASK) != EF_ARM_EABI_VER5)
		REJECT("e_flags 0x%x: not ARM EABI version 5", (unsigned)e->flags);
	if (e->ehsize != sizeof(*e) || e->phentsize != sizeof(struct elf32_phdr))
		REJECT("header sizes %u/%u", e->ehsize, e->phentsize);
	if (!e->phnum || e->phnum > TA_ELF_MAX_PHDRS)
		REJECT("%u program headers (1..%u)", e->phnum, TA_ELF_MAX_PHDRS);
	if (!in_range(e->phoff, (uint64_t)e->phnum * sizeof(struct elf32_phdr), c->size))
		REJECT("program headers at 0x%x outside the file", (unsigned)e->phoff);
	return TEE_SUCCESS;
}

/* Section headers are not used for loading, but if present they must lie
 * in the file and describe only bytes of the file. */
static uint32_t check_shdrs(const struct elf_ctx *c)
{
	const struct elf32_ehdr *e = &c->eh;
	struct elf32_shdr sh;

	if (!e->shnum)
		return TEE_SUCCESS;
	if (e->shentsize != sizeof(sh))
		REJECT("section header size %u", e->shentsize);
	if (!in_range(e->shoff, (uint64_t)e->shnum * sizeof(sh), c->size))
		REJECT("section headers at 0x%x outside the file", (unsigned)e->shoff);
	if (e->shstrndx >= e->shnum)
		REJECT("section name table index %u of %u", e->shstrndx, e->shnum);
	for (uint32_t i = 0; i < e->shnum; i++) {
		memcpy(&sh, c->elf + e->shoff + i * sizeof(sh), sizeof(sh));
		if (sh.type != SHT_NOBITS && !in_range(sh.offset, sh.size, c->size))
			REJECT("section %u [0x%x, +0x%x) outside the file", (unsigned)i,
			       (unsigned)sh.offset, (unsigned)sh.size);
	}
	return TEE_SUCCESS;
}

static uint32_t add_load(struct elf_ctx *c, const struct elf32_phdr *p)
{
	const struct elf32_phdr *prev = c->nload ? &c->load[c->nload - 1] : NULL;

	if (!p->memsz)
		return TEE_SUCCESS;	/* maps nothing */
	if (c->nload == TA_MAX_SEGS)
		REJECT("more than %u PT_LOAD segments", TA_MAX_SEGS);
	if (p->filesz > p->memsz || !in_range(p->offset, p->filesz, c->size))
		REJECT("segment file part [0x%x, +0x%x) outside the file or beyond memsz",
		       (unsigned)p->offset, (unsigned)p->filesz);
	if (!in_range(p->vaddr, p->memsz, TA_ELF_MAX_SPAN))
		REJECT("segment [0x%x, +0x%x) beyond the %u-byte image limit", (unsigned)p->vaddr,
		       (unsigned)p->memsz, TA_ELF_MAX_SPAN);
	if (p->flags & ~(PF_R | PF_W | PF_X))
		REJECT("segment flags 0x%x", (unsigned)p->flags);
	if ((p->flags & (PF_W | PF_X)) == (PF_W | PF_X))
		REJECT("segment at 0x%x is both writable and executable", (unsigned)p->vaddr);
	/* Permissions are per page: segments may not share one. */
	if (prev && page_down(p->vaddr) < page_up((uint64_t)prev->vaddr + prev->memsz))
		REJECT("segment at 0x%x overlaps or precedes the one at 0x%x (page granular)",
		       (unsigned)p->vaddr, (unsigned)prev->vaddr);
	c->load[c->nload++] = *p;
	return TEE_SUCCESS;
}

static uint32_t read_phdrs(struct elf_ctx *c)
{
	struct elf32_phdr p;
	uint32_t res;

	for (uint32_t i = 0; i < c->eh.phnum; i++) {
		memcpy(&p, c->elf + c->eh.phoff + i * sizeof(p), sizeof(p));
		if (p.type == PT_LOAD) {
			res = add_load(c, &p);
			if (res)
				return res;
		} else if (p.type == PT_DYNAMIC) {
			if (c->has_dyn)
				REJECT("two PT_DYNAMIC");
			c->dyn = p;
			c->has_dyn = true;
		} else if (p.type == PT_TLS) {
			REJECT("PT_TLS: thread-local storage is not supported");
		}
		/* Others (PHDR, INTERP, ARM_EXIDX, GNU_STACK, GNU_RELRO, NOTE)
		 * describe nothing the loader needs. */
	}
	if (!c->nload)
		REJECT("no PT_LOAD segment");
	c->span = (uint32_t)page_up((uint64_t)c->load[c->nload - 1].vaddr +
				    c->load[c->nload - 1].memsz);
	if (c->load_va % PAGE || !in_range(c->load_va, c->span, 1ull << 32))
		REJECT("image of 0x%x bytes does not fit at 0x%x", (unsigned)c->span,
		       (unsigned)c->load_va);
	return TEE_SUCCESS;
}

static uint32_t layout(struct elf_ctx *c)
{
	c->mem = ta_pool_alloc(c->span);
	if (!c->mem) {
		log_reject("ta_elf: TA pool cannot hold an image of %u bytes", (unsigned)c->span);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	for (uint32_t i = 0; i < c->nload; i++)
		memcpy(c->mem + c->load[i].vaddr, c->elf + c->load[i].offset, c->load[i].filesz);
	return TEE_SUCCESS;
}

static uint32_t dyn_entry(struct elf_ctx *c, const struct elf32_dyn *d)
{
	struct elf_dyn_info *i = &c->d;

	switch (d->tag) {
	case DT_NEEDED:
		REJECT("DT_NEEDED: shared libraries are not supported");
	case DT_RELA:
	case DT_JMPREL:
		REJECT("dynamic tag %d (RELA or PLT relocations) not supported", (int)d->tag);
	case DT_TEXTREL:	/* fine: relocate() writes the secure copy, not a mapping */
		break;
	case DT_REL: i->rel = d->val; break;
	case DT_RELSZ: i->relsz = d->val; break;
	case DT_RELENT: i->relent = d->val; break;
	case DT_SYMTAB: i->symtab = d->val; break;
	case DT_SYMENT: i->syment = d->val; break;
	case DT_STRTAB: i->strtab = d->val; break;
	case DT_STRSZ: i->strsz = d->val; break;
	case DT_HASH: i->hash = d->val; break;
	case DT_GNU_HASH: i->gnu_hash = d->val; break;
	default: break;
	}
	return TEE_SUCCESS;
}

static uint32_t read_dynamic(struct elf_ctx *c)
{
	struct elf32_dyn d;
	uint32_t n, res;

	if (!c->has_dyn)
		return TEE_SUCCESS;
	n = c->dyn.filesz / sizeof(d);
	if (n > TA_ELF_MAX_DYN || !va_in_seg(c, c->dyn.vaddr, n * sizeof(d), 0) ||
	    c->dyn.filesz > c->dyn.memsz)
		REJECT("PT_DYNAMIC [0x%x, +0x%x) not inside a segment", (unsigned)c->dyn.vaddr,
		       (unsigned)c->dyn.filesz);
	for (uint32_t k = 0; k < n; k++) {
		memcpy(&d, c->mem + c->dyn.vaddr + k * sizeof(d), sizeof(d));
		if (d.tag == DT_NULL)
			break;
		res = dyn_entry(c, &d);
		if (res)
			return res;
	}
	if (c->d.relsz && (c->d.relent != sizeof(struct elf32_rel) ||
			   c->d.relsz % sizeof(struct elf32_rel) ||
			   c->d.relsz / sizeof(struct elf32_rel) > TA_ELF_MAX_RELS ||
			   !va_in_seg(c, c->d.rel, c->d.relsz, 0)))
		REJECT("relocation table [0x%x, +0x%x) entry size %u", (unsigned)c->d.rel,
		       (unsigned)c->d.relsz, (unsigned)c->d.relent);
	return TEE_SUCCESS;
}

static uint32_t relocate(struct elf_ctx *c)
{
	struct elf32_rel r;
	uint32_t n = c->d.relsz / sizeof(r);

	for (uint32_t k = 0; k < n; k++) {
		memcpy(&r, c->mem + c->d.rel + k * sizeof(r), sizeof(r));
		if ((r.info & 0xff) == R_ARM_NONE)
			continue;
		if ((r.info & 0xff) != R_ARM_RELATIVE || r.info >> 8)
			REJECT("relocation %u: type %u symbol %u (only R_ARM_RELATIVE)", (unsigned)k,
			       (unsigned)(r.info & 0xff), (unsigned)(r.info >> 8));
		/* Any loaded segment: newlib's ARM code (TAs link its libc) has
		 * absolute literal pools in .text. The words are patched in the
		 * TA's secure copy before anything is mapped, and text is then
		 * mapped read-only: never writable and executable at PL0. */
		if (!va_in_seg(c, r.offset, 4, 0))
			REJECT("relocation %u at 0x%x not inside a segment", (unsigned)k,
			       (unsigned)r.offset);
		uint32_t v = rd32(c->mem + r.offset) + c->load_va;
		memcpy(c->mem + r.offset, &v, sizeof(v));
	}
	return TEE_SUCCESS;
}

/* Number of dynamic symbols from a GNU hash table: one past the highest
 * symbol any bucket's chain reaches. 0 when the table is malformed. */
static uint32_t gnu_hash_nsyms(const struct elf_ctx *c)
{
	uint32_t h = c->d.gnu_hash, nb, symoff, bloom, top = 0, buckets, chain;

	if (!va_in_seg(c, h, 16, 0))
		return 0;
	nb = rd32(c->mem + h);
	symoff = rd32(c->mem + h + 4);
	bloom = rd32(c->mem + h + 8);
	if (!nb || nb > MAX_SYMS || bloom > MAX_SYMS || symoff > MAX_SYMS)
		return 0;
	buckets = h + 16 + bloom * 4;
	if (!va_in_seg(c, buckets, nb * 4, 0))
		return 0;
	for (uint32_t b = 0; b < nb; b++) {
		uint32_t v = rd32(c->mem + buckets + b * 4);
		top = v > top ? v : top;
	}
	if (top < symoff)
		return symoff;
	if (top >= MAX_SYMS)
		return 0;
	chain = buckets + nb * 4;
	for (;;) {	/* the last chain ends with bit 0 set */
		if (!va_in_seg(c, chain + (top - symoff) * 4, 4, 0))
			return 0;
		if (rd32(c->mem + chain + (top - symoff) * 4) & 1)
			return top + 1;
		if (++top >= MAX_SYMS)
			return 0;
	}
}

static uint32_t dyn_nsyms(const struct elf_ctx *c)
{
	uint32_t n;

	if (c->d.hash) {
		if (!va_in_seg(c, c->d.hash, 8, 0))
			return 0;
		n = rd32(c->mem + c->d.hash + 4);	/* nchain */
		return n <= MAX_SYMS ? n : 0;
	}
	return c->d.gnu_hash ? gnu_hash_nsyms(c) : 0;
}

/* ta_head: the dynamic symbol "ta_head" (OP-TEE 4.x), else the load
 * address (OP-TEE 3.x TAs put .ta_head first). */
static uint32_t find_ta_head(const struct elf_ctx *c, uint32_t *off)
{
	static const char name[] = "ta_head";
	struct elf32_sym s;
	uint32_t n;

	*off = 0;
	if (!c->d.symtab)
		return TEE_SUCCESS;
	n = dyn_nsyms(c);
	if (!n || (c->d.syment && c->d.syment != sizeof(s)) ||
	    !va_in_seg(c, c->d.symtab, n * sizeof(s), 0) || !va_in_seg(c, c->d.strtab, c->d.strsz, 0))
		REJECT("dynamic symbol table: %u symbols at 0x%x, strings at 0x%x (+0x%x)",
		       (unsigned)n, (unsigned)c->d.symtab, (unsigned)c->d.strtab,
		       (unsigned)c->d.strsz);
	for (uint32_t k = 1; k < n; k++) {
		memcpy(&s, c->mem + c->d.symtab + k * sizeof(s), sizeof(s));
		if (s.name < c->d.strsz && c->d.strsz - s.name >= sizeof(name) && s.shndx &&
		    !memcmp(c->mem + c->d.strtab + s.name, name, sizeof(name))) {
			*off = s.value;
			return TEE_SUCCESS;
		}
	}
	return TEE_SUCCESS;
}

/* Native (little-endian) TEE_UUID → RFC 4122 octets. */
static void uuid_to_octets(const uint8_t *native, uint8_t out[16])
{
	out[0] = native[3]; out[1] = native[2]; out[2] = native[1]; out[3] = native[0];
	out[4] = native[5]; out[5] = native[4];
	out[6] = native[7]; out[7] = native[6];
	memcpy(out + 8, native + 8, 8);
}

static uint32_t check_ta_head(const struct elf_ctx *c, struct ta_image *out)
{
	const uint8_t *h;
	uint32_t off, res = find_ta_head(c, &off);
	uint64_t depr;

	if (res)
		return res;
	if (!va_in_seg(c, off, TA_HEAD_SIZE, PF_R))
		REJECT("ta_head at 0x%x not inside a readable segment", (unsigned)off);
	h = c->mem + off;
	uuid_to_octets(h, out->head.uuid);
	out->head.stack_size = rd32(h + 16);
	out->head.flags = rd32(h + 20);
	memcpy(&depr, h + 24, sizeof(depr));
	out->ta_head_off = off;
	if (!out->head.stack_size || out->head.stack_size % 8 ||
	    out->head.stack_size > TA_ELF_MAX_STACK)
		REJECT("ta_head stack size %u (want 8-aligned, 8..%u)",
		       (unsigned)out->head.stack_size, TA_ELF_MAX_STACK);
	if ((out->head.flags & ~TA_FLAGS_MASK) || (out->head.flags & TA_FLAG_CONCURRENT))
		REJECT("ta_head flags 0x%x", (unsigned)out->head.flags);
	if (depr != UINT64_MAX)
		REJECT("ta_head marks a legacy TA (entry 0x%llx)", (unsigned long long)depr);
	return TEE_SUCCESS;
}

static void fill_out(const struct elf_ctx *c, struct ta_image *out)
{
	out->mem = c->mem;
	out->span = c->span;
	out->load_va = c->load_va;
	out->entry = c->eh.entry;
	out->nsegs = c->nload;
	for (uint32_t i = 0; i < c->nload; i++) {
		const struct elf32_phdr *p = &c->load[i];

		out->seg[i].va = page_down(p->vaddr);
		out->seg[i].size = (uint32_t)page_up((uint64_t)p->vaddr + p->memsz) - out->seg[i].va;
		out->seg[i].flags = (p->flags & PF_R ? TA_SEG_R : 0) |
				    (p->flags & PF_W ? TA_SEG_W : 0) |
				    (p->flags & PF_X ? TA_SEG_X : 0);
	}
}

static uint32_t load_laid_out(struct elf_ctx *c, struct ta_image *out)
{
	uint32_t res = read_dynamic(c);

	if (!res)
		res = relocate(c);
	if (!res)
		res = check_ta_head(c, out);
	if (res)
		return res;
	/* e_entry: at least one instruction (2 bytes: Thumb) of executable code. */
	if (!va_in_seg(c, c->eh.entry & ~1u, 2, PF_X))
		REJECT("entry point 0x%x not inside an executable segment", (unsigned)c->eh.entry);
	fill_out(c, out);
	return TEE_SUCCESS;
}

uint32_t ta_elf_load(const uint8_t *elf, size_t size, uint32_t load_va, struct ta_image *out)
{
	struct elf_ctx c;
	uint32_t res;

	memset(&c, 0, sizeof(c));
	memset(out, 0, sizeof(*out));
	c.elf = elf;
	c.size = size;
	c.load_va = load_va;
	res = check_ehdr(&c);
	if (!res)
		res = check_shdrs(&c);
	if (!res)
		res = read_phdrs(&c);
	if (!res)
		res = layout(&c);
	if (!res)
		res = load_laid_out(&c, out);
	if (res) {
		if (c.mem)
			ta_pool_free(c.mem, c.span);
		memset(out, 0, sizeof(*out));
	}
	return res;
}

void ta_image_free(struct ta_image *image)
{
	if (image->mem)
		ta_pool_free(image->mem, image->span);
	memset(image, 0, sizeof(*image));
}
