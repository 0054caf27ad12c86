/*
 * The TA ELF loader (core/ta/ta_elf.c) on the host, with the real TA pool
 * (mm/ta_pool.c): test ELFs linked at build time by the secure-world
 * toolchain (tests/unit/ta/test_ta.c, sysv and GNU hash flavours), loaded
 * whole, then mutated one field at a time. Every malformed image must be
 * refused with TEE_ERROR_BAD_FORMAT, a log line, and the pool back at 0.
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <optee_msg.h>
#include <ta_elf.h>
#include <ta_pool.h>
#include "fake_arch.h"
#include "unit_test.h"

#define LOAD_VA 0x00100000u

static uint8_t *good;		/* sysv-hash image */
static size_t good_size;
static uint8_t *good_gnu;
static size_t good_gnu_size;
static uint8_t *good_hf;	/* arm-linux-gnueabihf, Thumb-2, hard-float */
static size_t good_hf_size;
static uint8_t work[65536];

static uint8_t *read_file(const char *dir, const char *name, size_t *size)
{
	char path[512];
	FILE *f;
	uint8_t *b;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc(n);
	if (b && fread(b, 1, n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	fclose(f);
	*size = n;
	return b;
}

/* A fresh copy of the good image in work[]. */
static Elf32_Ehdr *fresh(void)
{
	memcpy(work, good, good_size);
	return (Elf32_Ehdr *)work;
}

static Elf32_Phdr *phdr(int type, int nth)
{
	Elf32_Ehdr *e = (Elf32_Ehdr *)work;

	for (int i = 0; i < e->e_phnum; i++) {
		Elf32_Phdr *p = (Elf32_Phdr *)(work + e->e_phoff) + i;
		if (p->p_type == (uint32_t)type && nth-- == 0)
			return p;
	}
	return NULL;
}

static Elf32_Shdr *section(uint32_t type)
{
	Elf32_Ehdr *e = (Elf32_Ehdr *)work;

	for (int i = 0; i < e->e_shnum; i++) {
		Elf32_Shdr *s = (Elf32_Shdr *)(work + e->e_shoff) + i;
		if (s->sh_type == type)
			return s;
	}
	return NULL;
}

/* The ta_head bytes in the file (found through the section .dynsym). */
static uint8_t *ta_head_bytes(void)
{
	Elf32_Shdr *ds = section(SHT_DYNSYM);
	Elf32_Shdr *st = (Elf32_Shdr *)(work + ((Elf32_Ehdr *)work)->e_shoff) + ds->sh_link;

	for (uint32_t k = 1; k < ds->sh_size / sizeof(Elf32_Sym); k++) {
		Elf32_Sym *s = (Elf32_Sym *)(work + ds->sh_offset) + k;
		if (!strcmp((char *)work + st->sh_offset + s->st_name, "ta_head"))
			return work + s->st_value;	/* first segment: offset == vaddr */
	}
	return NULL;
}

static Elf32_Rel *rel(int k)
{
	Elf32_Shdr *s = section(SHT_REL);
	return (Elf32_Rel *)(work + s->sh_offset) + k;
}

/* Loads work[0..size) and expects BAD_FORMAT (or want), nothing held. */
static int refused(size_t size, uint32_t load_va, uint32_t want)
{
	struct ta_image img;
	unsigned int lines = fake_log_lines;
	uint32_t res = ta_elf_load(work, size, load_va, &img);

	if (res != want) {
		printf("    result 0x%08x, expected 0x%08x\n", res, want);
		return 0;
	}
	if (img.mem || ta_pool_used()) {
		printf("    image memory left: mem %p, pool %zu\n", (void *)img.mem, ta_pool_used());
		return 0;
	}
	(void)lines;
	return 1;
}

#define REFUSED(size, va) UT_ASSERT(refused((size), (va), TEE_ERROR_BAD_FORMAT))

static void check_good(const uint8_t *elf, size_t size)
{
	struct ta_image img;
	static const uint8_t uuid[16] = { 0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
					  0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0x01 };
	const Elf32_Ehdr *e = (const Elf32_Ehdr *)elf;
	const Elf32_Phdr *rw = NULL;

	UT_EQ(ta_elf_load(elf, size, LOAD_VA, &img), TEE_SUCCESS);
	UT_ASSERT(img.mem != NULL);
	UT_EQ(img.load_va, LOAD_VA);
	UT_EQ(img.entry, e->e_entry);
	UT_EQ(img.nsegs, 2);
	UT_EQ(img.seg[0].va, 0);
	UT_EQ(img.seg[0].flags, TA_SEG_R | TA_SEG_X);
	UT_EQ(img.seg[1].flags, TA_SEG_R | TA_SEG_W);
	UT_EQ(img.seg[1].va % 4096, 0);
	UT_EQ(img.span, img.seg[1].va + img.seg[1].size);
	UT_EQ(ta_pool_used(), img.span);
	UT_ASSERT(!memcmp(img.head.uuid, uuid, 16));
	UT_EQ(img.head.stack_size, 4096);
	UT_EQ(img.head.flags, 0xc);
	for (int i = 0; i < e->e_phnum; i++) {
		const Elf32_Phdr *p = (const Elf32_Phdr *)(elf + e->e_phoff) + i;
		if (p->p_type == PT_LOAD && (p->p_flags & PF_W))
			rw = p;
	}
	UT_ASSERT(rw != NULL);
	/* bss (beyond filesz) zero; text byte-identical; relocations applied. */
	for (uint32_t o = rw->p_filesz; o < rw->p_memsz; o++)
		UT_EQ(img.mem[rw->p_vaddr + o], 0);
	UT_ASSERT(!memcmp(img.mem + img.entry, elf + img.entry, 16));
	const Elf32_Shdr *sh = (const Elf32_Shdr *)(elf + e->e_shoff);
	int nrel = 0;
	for (int i = 0; i < e->e_shnum; i++) {
		if (sh[i].sh_type != SHT_REL)
			continue;
		for (uint32_t k = 0; k < sh[i].sh_size / 8; k++) {
			const Elf32_Rel *r = (const Elf32_Rel *)(elf + sh[i].sh_offset) + k;
			uint32_t before, after;
			memcpy(&before, elf + rw->p_offset + (r->r_offset - rw->p_vaddr), 4);
			memcpy(&after, img.mem + r->r_offset, 4);
			UT_EQ(after, before + LOAD_VA);
			nrel++;
		}
	}
	UT_EQ(nrel, 3);
	ta_image_free(&img);
	UT_EQ(ta_pool_used(), 0);
	UT_ASSERT(img.mem == NULL);
}

static void test_good_sysv(void) { check_good(good, good_size); }
static void test_good_gnu(void) { check_good(good_gnu, good_gnu_size); }
static void test_good_hf(void) { check_good(good_hf, good_hf_size); }

static void test_truncated(void)
{
	/* Every length short of the whole file: the section headers sit at the
	 * end, so each cut loses a header or a segment. */
	for (size_t n = 0; n < good_size; n++) {
		fresh();
		if (!refused(n, LOAD_VA, TEE_ERROR_BAD_FORMAT)) {
			printf("    truncated to %zu of %zu bytes\n", n, good_size);
			UT_NOTE_FAIL("truncation accepted");
			return;
		}
	}
}

static void test_truncated_no_shdrs(void)
{
	/* Without section headers the cuts that matter are the header
	 * boundaries: ELF header, program headers, each segment's file part. */
	Elf32_Ehdr *e = fresh();
	size_t ends[] = { 0, 4, 16, 51, e->e_phoff + e->e_phnum * sizeof(Elf32_Phdr) - 1,
			  phdr(PT_LOAD, 0)->p_filesz - 1,
			  phdr(PT_LOAD, 1)->p_offset + phdr(PT_LOAD, 1)->p_filesz - 1 };
	e->e_shnum = 0;
	e->e_shoff = 0;
	e->e_shstrndx = 0;
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		REFUSED(ends[i], LOAD_VA);
	struct ta_image img;
	UT_EQ(ta_elf_load(work, phdr(PT_LOAD, 1)->p_offset + phdr(PT_LOAD, 1)->p_filesz, LOAD_VA, &img),
	      TEE_SUCCESS);
	ta_image_free(&img);
}

static void test_ident(void)
{
	fresh()->e_ident[0] = 0x7e; REFUSED(good_size, LOAD_VA);
	fresh()->e_ident[EI_MAG3] = 'G'; REFUSED(good_size, LOAD_VA);
	fresh()->e_ident[EI_CLASS] = ELFCLASS64; REFUSED(good_size, LOAD_VA);
	fresh()->e_ident[EI_DATA] = ELFDATA2MSB; REFUSED(good_size, LOAD_VA);
	fresh()->e_ident[EI_VERSION] = 0; REFUSED(good_size, LOAD_VA);
	fresh()->e_version = 2; REFUSED(good_size, LOAD_VA);
}

static void test_type_machine(void)
{
	fresh()->e_type = ET_EXEC; REFUSED(good_size, LOAD_VA);
	fresh()->e_type = ET_REL; REFUSED(good_size, LOAD_VA);
	fresh()->e_machine = EM_AARCH64; REFUSED(good_size, LOAD_VA);
	fresh()->e_machine = EM_386; REFUSED(good_size, LOAD_VA);
	fresh()->e_flags = 0x04000000; REFUSED(good_size, LOAD_VA);
	/* EABI5 hard-float (OP-TEE's kit) is the same format: accepted. */
	struct ta_image img;
	fresh()->e_flags = 0x05000400;
	UT_EQ(ta_elf_load(work, good_size, LOAD_VA, &img), TEE_SUCCESS);
	ta_image_free(&img);
	fresh()->e_ehsize = 64; REFUSED(good_size, LOAD_VA);
	fresh()->e_phentsize = 56; REFUSED(good_size, LOAD_VA);
	fresh()->e_shentsize = 64; REFUSED(good_size, LOAD_VA);
}

static void test_phdr_table(void)
{
	fresh()->e_phnum = 0; REFUSED(good_size, LOAD_VA);
	fresh()->e_phnum = 17; REFUSED(good_size, LOAD_VA);
	fresh()->e_phoff = good_size - 16; REFUSED(good_size, LOAD_VA);
	fresh()->e_phoff = 0xfffffff0u; REFUSED(good_size, LOAD_VA);
	fresh()->e_shoff = 0xffffffd8u; REFUSED(good_size, LOAD_VA);
	fresh()->e_shnum = 0xffff; REFUSED(good_size, LOAD_VA);
	fresh()->e_shstrndx = 200; REFUSED(good_size, LOAD_VA);
	fresh(); section(SHT_STRTAB)->sh_offset = 0xfffffff0u; REFUSED(good_size, LOAD_VA);
}

static void test_segment_outside_file(void)
{
	fresh(); phdr(PT_LOAD, 1)->p_offset = good_size; REFUSED(good_size, LOAD_VA);
	fresh(); phdr(PT_LOAD, 1)->p_offset = 0xfffff000u; REFUSED(good_size, LOAD_VA);
	fresh(); phdr(PT_LOAD, 1)->p_filesz = good_size; REFUSED(good_size, LOAD_VA);
	fresh(); phdr(PT_LOAD, 0)->p_filesz = phdr(PT_LOAD, 0)->p_memsz + 1;
	REFUSED(good_size, LOAD_VA);
}

static void test_overlap_wrap(void)
{
	Elf32_Phdr *p;

	fresh(); phdr(PT_LOAD, 1)->p_vaddr = 0x100; REFUSED(good_size, LOAD_VA);
	/* Same page as the end of the text segment, different bytes. */
	fresh(); p = phdr(PT_LOAD, 1); p->p_vaddr &= 0xfff; REFUSED(good_size, LOAD_VA);
	/* Out of order. */
	fresh(); phdr(PT_LOAD, 0)->p_vaddr = 0x10000; REFUSED(good_size, LOAD_VA);
	fresh(); p = phdr(PT_LOAD, 1); p->p_vaddr = 0xfffff000u; p->p_memsz = 0x2000;
	REFUSED(good_size, LOAD_VA);
	fresh(); p = phdr(PT_LOAD, 1); p->p_vaddr = 0x80000000u; REFUSED(good_size, LOAD_VA);
	/* The image would run past the top of the address space. */
	fresh(); REFUSED(good_size, 0xfffff000u);
	fresh(); REFUSED(good_size, LOAD_VA + 0x10);
}

static void test_wx(void)
{
	fresh(); phdr(PT_LOAD, 0)->p_flags = PF_R | PF_W | PF_X; REFUSED(good_size, LOAD_VA);
	fresh(); phdr(PT_LOAD, 1)->p_flags = PF_W | PF_X; REFUSED(good_size, LOAD_VA);
	fresh(); phdr(PT_LOAD, 1)->p_flags = PF_R | PF_W | 0x100000; REFUSED(good_size, LOAD_VA);
	fresh(); phdr(PT_LOAD, 1)->p_type = PT_TLS; REFUSED(good_size, LOAD_VA);
}

static void test_huge_memsz(void)
{
	fresh(); phdr(PT_LOAD, 1)->p_memsz = 0xffffffffu; REFUSED(good_size, LOAD_VA);
	fresh(); phdr(PT_LOAD, 1)->p_memsz = 0x10000000u; REFUSED(good_size, LOAD_VA);
	fresh(); phdr(PT_LOAD, 1)->p_memsz = TA_ELF_MAX_SPAN; REFUSED(good_size, LOAD_VA);
	/* Inside the span limit but more than the pool has left. */
	void *hog = ta_pool_alloc(TA_POOL_SIZE - 4096);
	UT_ASSERT(hog != NULL);
	fresh();
	struct ta_image img;
	uint32_t res = ta_elf_load(work, good_size, LOAD_VA, &img);
	ta_pool_free(hog, TA_POOL_SIZE - 4096);
	UT_EQ(res, TEE_ERROR_OUT_OF_MEMORY);
	UT_ASSERT(img.mem == NULL);
	UT_EQ(ta_pool_used(), 0);
}

static Elf32_Dyn *dyn(int32_t tag);

/* A relocation into text (newlib's literal pools) and DT_TEXTREL: applied
 * to the secure copy before text is mapped read-only. */
static void test_text_reloc(void)
{
	struct ta_image img;
	uint32_t before, after;

	fresh();
	rel(0)->r_offset = 0x10;
	dyn(DT_DEBUG)->d_tag = DT_TEXTREL;
	memcpy(&before, work + 0x10, 4);	/* text: file offset = vaddr */
	UT_EQ(ta_elf_load(work, good_size, LOAD_VA, &img), TEE_SUCCESS);
	memcpy(&after, img.mem + 0x10, 4);
	UT_EQ(after, before + LOAD_VA);
	UT_EQ(img.seg[0].flags, TA_SEG_R | TA_SEG_X);
	ta_image_free(&img);
	UT_EQ(ta_pool_used(), 0);
}

static void test_bad_relocs(void)
{
	fresh(); rel(1)->r_offset = 0x7ffffff0u; REFUSED(good_size, LOAD_VA);
	fresh(); rel(2)->r_offset = 0xfffffffeu; REFUSED(good_size, LOAD_VA);
	/* Last word of the RW segment + 1: straddles its end. */
	fresh(); rel(2)->r_offset = phdr(PT_LOAD, 1)->p_vaddr + phdr(PT_LOAD, 1)->p_memsz - 2;
	REFUSED(good_size, LOAD_VA);
	fresh(); rel(0)->r_info = ELF32_R_INFO(0, R_ARM_ABS32); REFUSED(good_size, LOAD_VA);
	fresh(); rel(0)->r_info = ELF32_R_INFO(1, R_ARM_RELATIVE); REFUSED(good_size, LOAD_VA);
	fresh(); rel(0)->r_info = ELF32_R_INFO(0, R_ARM_JUMP_SLOT); REFUSED(good_size, LOAD_VA);
}

static Elf32_Dyn *dyn(int32_t tag)
{
	Elf32_Phdr *p = phdr(PT_DYNAMIC, 0);
	for (uint32_t k = 0; k < p->p_filesz / sizeof(Elf32_Dyn); k++) {
		Elf32_Dyn *d = (Elf32_Dyn *)(work + p->p_offset) + k;
		if (d->d_tag == tag)
			return d;
	}
	return NULL;
}

static void test_bad_dynamic(void)
{
	fresh(); dyn(DT_RELSZ)->d_un.d_val = 0x100000; REFUSED(good_size, LOAD_VA);
	fresh(); dyn(DT_RELSZ)->d_un.d_val = 20; REFUSED(good_size, LOAD_VA);
	fresh(); dyn(DT_RELENT)->d_un.d_val = 12; REFUSED(good_size, LOAD_VA);
	fresh(); dyn(DT_REL)->d_un.d_val = 0xfffffff8u; REFUSED(good_size, LOAD_VA);
	fresh(); dyn(DT_REL)->d_tag = DT_RELA; REFUSED(good_size, LOAD_VA);
	fresh(); dyn(DT_DEBUG)->d_tag = DT_NEEDED; REFUSED(good_size, LOAD_VA);
	fresh(); dyn(DT_SYMTAB)->d_un.d_val = 0x7fff0000u; REFUSED(good_size, LOAD_VA);
	fresh(); dyn(DT_STRSZ)->d_un.d_val = 0xfffffff0u; REFUSED(good_size, LOAD_VA);
	fresh(); dyn(DT_HASH)->d_un.d_val = 0xfffffffcu; REFUSED(good_size, LOAD_VA);
	fresh(); phdr(PT_DYNAMIC, 0)->p_vaddr = 0x7fff0000u; REFUSED(good_size, LOAD_VA);
}

static void test_bad_ta_head(void)
{
	uint8_t *h;
	uint32_t v;

	h = (fresh(), ta_head_bytes()); UT_ASSERT(h);
	v = 0; memcpy(h + 16, &v, 4); REFUSED(good_size, LOAD_VA);
	h = (fresh(), ta_head_bytes()); v = 4095; memcpy(h + 16, &v, 4); REFUSED(good_size, LOAD_VA);
	h = (fresh(), ta_head_bytes()); v = 0x100000; memcpy(h + 16, &v, 4); REFUSED(good_size, LOAD_VA);
	h = (fresh(), ta_head_bytes()); v = 0x104; memcpy(h + 20, &v, 4); REFUSED(good_size, LOAD_VA);
	h = (fresh(), ta_head_bytes()); v = 0x4004; memcpy(h + 20, &v, 4); REFUSED(good_size, LOAD_VA);
	h = (fresh(), ta_head_bytes()); v = 0x1234; memcpy(h + 24, &v, 4); REFUSED(good_size, LOAD_VA);
	/* The symbol pointing outside every segment, or across the end of one. */
	fresh();
	Elf32_Shdr *ds = section(SHT_DYNSYM);
	for (uint32_t k = 1; k < ds->sh_size / sizeof(Elf32_Sym); k++) {
		Elf32_Sym *s = (Elf32_Sym *)(work + ds->sh_offset) + k;
		if (s->st_size == 32)
			s->st_value = 0x7ffff000u;
	}
	REFUSED(good_size, LOAD_VA);
	fresh();
	for (uint32_t k = 1; k < ds->sh_size / sizeof(Elf32_Sym); k++) {
		Elf32_Sym *s = (Elf32_Sym *)(work + ds->sh_offset) + k;
		if (s->st_size == 32)
			s->st_value = phdr(PT_LOAD, 0)->p_memsz - 16;
	}
	REFUSED(good_size, LOAD_VA);
}

static void test_bad_entry(void)
{
	fresh()->e_entry = phdr(PT_LOAD, 1)->p_vaddr; REFUSED(good_size, LOAD_VA);
	fresh()->e_entry = 0x7fff0000u; REFUSED(good_size, LOAD_VA);
}

static void test_logged(void)
{
	fake_log_clear();
	fresh();
	phdr(PT_LOAD, 1)->p_type = PT_DYNAMIC;	/* a rejection no other case reaches */
	REFUSED(good_size, LOAD_VA);
	UT_ASSERT(strstr(fake_log, "ta_elf: two PT_DYNAMIC") != NULL);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "build/unit";

	good = read_file(dir, "ta/test_ta_sysv.elf", &good_size);
	good_gnu = read_file(dir, "ta/test_ta_gnu.elf", &good_gnu_size);
	good_hf = read_file(dir, "ta/test_ta_hf.elf", &good_hf_size);
	if (!good || !good_gnu || !good_hf || good_size > sizeof(work)) {
		printf("FAIL unit.ta_elf.data: test ELFs missing under %s/ta\n", dir);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	UT_RUN("ta_elf", good_sysv, "a -pie TA (sysv hash) loads: 2 segments RX/RW, ta_head via dynsym, relocations += load_va, bss zero, pool back to 0 after free");
	UT_RUN("ta_elf", good_gnu, "the same TA with a GNU hash table loads the same way");
	UT_RUN("ta_elf", good_hf, "the same TA as OP-TEE's kit shapes it (gnueabihf, Thumb-2, hard-float, GNU_STACK/RELRO) loads the same way");
	UT_RUN("ta_elf", truncated, "truncated to every length 0..size-1: BAD_FORMAT, nothing held");
	UT_RUN("ta_elf", truncated_no_shdrs, "without section headers, cut at each header/segment boundary: refused; whole: loads");
	UT_RUN("ta_elf", ident, "wrong magic, class, data encoding, ident or e_version: refused");
	UT_RUN("ta_elf", type_machine, "ET_EXEC/ET_REL, other machines, non-EABI5 flags, odd header sizes: refused; EABI5 hard-float: accepted");
	UT_RUN("ta_elf", phdr_table, "program/section header tables outside the file, wrapping, too many: refused");
	UT_RUN("ta_elf", segment_outside_file, "segment file part beyond the file, wrapping, or larger than memsz: refused");
	UT_RUN("ta_elf", overlap_wrap, "overlapping, same-page, out-of-order, wrapping segments; load_va unaligned or wrapping: refused");
	UT_RUN("ta_elf", wx, "a W+X segment, unknown segment flags, PT_TLS: refused");
	UT_RUN("ta_elf", huge_memsz, "memsz 4 GiB/256 MiB/over the span limit: refused; a pool too full: OUT_OF_MEMORY");
	UT_RUN("ta_elf", text_reloc, "a relocation into text with DT_TEXTREL: applied to the secure copy, text still R-X");
	UT_RUN("ta_elf", bad_relocs, "relocations outside the image, across a segment end, other types, with a symbol: refused");
	UT_RUN("ta_elf", bad_dynamic, "relocation table out of range or odd sized, RELA/NEEDED, symbol/string/hash tables outside: refused");
	UT_RUN("ta_elf", bad_ta_head, "ta_head stack 0/unaligned/huge, CONCURRENT or unknown flags, legacy entry, outside segments: refused");
	UT_RUN("ta_elf", bad_entry, "entry point outside an executable segment: refused");
	UT_RUN("ta_elf", logged, "a refusal leaves a log line naming it ('ta_elf: two PT_DYNAMIC')");
	return UT_DONE();
}
