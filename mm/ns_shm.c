/*
 * REGISTER_SHM bookkeeping. The page list is read once, checked page by page
 * (aligned, inside NS RAM) and copied into secure memory: the normal world
 * frees it as soon as the call returns, and may scribble on it before.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <optee_msg.h>
#include <console.h>
#include <core_mmu.h>
#include <ns_io.h>
#include <ns_shm.h>
#include <spinlock.h>

#define PAGE_SIZE           OPTEE_MSG_NONCONTIG_PAGE_SIZE
#define ENTRIES_PER_LIST    (PAGE_SIZE / sizeof(uint64_t) - 1)

struct ns_shm_reg {
	uint64_t cookie;
	uint32_t refs;
	bool used;
	struct ns_buf buf;
};

static struct ns_shm_reg regs[NS_SHM_MAX_REGISTERED];
static uint32_t reg_pages;	/* pages of all registrations: bounds the heap used */
static unsigned int shm_lock;

static bool page_ok(uint64_t pa)
{
	return !(pa & (PAGE_SIZE - 1)) && core_ns_range_ok(pa, PAGE_SIZE);
}

static uint32_t read_pages(uint64_t list_pa, struct ns_buf *buf)
{
	uint32_t i;

	for (i = 0; i < buf->num_pages; i++) {
		uint64_t pa;

		if (i && i % ENTRIES_PER_LIST == 0)
			list_pa = ns_read_u64(list_pa + ENTRIES_PER_LIST * 8);
		if (!page_ok(list_pa)) {
			log_reject("shm: page-list page 0x%llx not aligned NS RAM", list_pa);
			return TEE_ERROR_BAD_PARAMETERS;
		}
		pa = ns_read_u64(list_pa + (i % ENTRIES_PER_LIST) * 8);
		if (!page_ok(pa)) {
			log_reject("shm: data page %u at 0x%llx not aligned NS RAM", i, pa);
			return TEE_ERROR_BAD_PARAMETERS;
		}
		buf->pages[i] = (uint32_t)pa;
	}
	return TEE_SUCCESS;
}

uint32_t ns_pagelist_parse(uint64_t buf_ptr, uint64_t size, struct ns_buf *buf)
{
	uint64_t offset = buf_ptr & (PAGE_SIZE - 1);
	uint64_t npages = (offset + size + PAGE_SIZE - 1) / PAGE_SIZE;
	uint32_t res;

	if (!size || size > (uint64_t)NS_SHM_MAX_PAGES * PAGE_SIZE || npages > NS_SHM_MAX_PAGES) {
		log_reject("shm: page list for %llu bytes refused", size);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	buf->offset = (uint32_t)offset;
	buf->size = (uint32_t)size;
	buf->num_pages = (uint32_t)npages;
	buf->pages = malloc(npages * sizeof(uint32_t));
	if (!buf->pages)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = read_pages(buf_ptr - offset, buf);
	if (res) {
		free(buf->pages);
		buf->pages = NULL;
	}
	return res;
}

static void ns_buf_copy(const struct ns_buf *buf, uint32_t offs, uint8_t *sec, uint32_t len,
			bool to_ns)
{
	while (len) {
		uint32_t pos = buf->offset + offs;
		uint32_t in_page = PAGE_SIZE - pos % PAGE_SIZE;
		uint32_t n = len < in_page ? len : in_page;
		uint64_t ns = buf->pages[pos / PAGE_SIZE] + pos % PAGE_SIZE;

		if (to_ns)
			ns_write(ns, sec, n);
		else
			ns_read(sec, ns, n);
		sec += n;
		offs += n;
		len -= n;
	}
}

void ns_buf_read(const struct ns_buf *buf, uint32_t offs, void *dst, uint32_t len)
{
	ns_buf_copy(buf, offs, dst, len, false);
}

void ns_buf_write(const struct ns_buf *buf, uint32_t offs, const void *src, uint32_t len)
{
	ns_buf_copy(buf, offs, (uint8_t *)src, len, true);
}

/* Where the search for cookie starts: cookies are kernel pointers, so the
 * bits above the allocation alignment spread them over the table. A
 * registration goes in the first free slot from there, and lookups usually
 * hit at once. */
static unsigned int home(uint64_t cookie)
{
	return (uint32_t)((cookie >> 6) ^ (cookie >> 14) ^ (cookie >> 32)) % NS_SHM_MAX_REGISTERED;
}

static struct ns_shm_reg *find(uint64_t cookie)
{
	unsigned int i, h = home(cookie);

	for (i = 0; i < NS_SHM_MAX_REGISTERED; i++) {
		struct ns_shm_reg *r = &regs[(h + i) % NS_SHM_MAX_REGISTERED];

		if (r->used && r->cookie == cookie)
			return r;
	}
	return NULL;
}

/* Takes a free slot for cookie and publishes buf in it, all under the lock:
 * no other CPU ever sees a half-filled registration. */
static uint32_t publish(uint64_t cookie, const struct ns_buf *buf)
{
	struct ns_shm_reg *r = NULL;
	uint32_t res = TEE_SUCCESS;
	unsigned int i;

	cpu_spin_lock(&shm_lock);
	if (find(cookie))
		res = TEE_ERROR_BAD_PARAMETERS;
	else if (buf->num_pages > NS_SHM_MAX_TOTAL_PAGES - reg_pages)
		res = TEE_ERROR_OUT_OF_MEMORY;
	for (i = 0; !res && i < NS_SHM_MAX_REGISTERED && !r; i++)
		if (!regs[(home(cookie) + i) % NS_SHM_MAX_REGISTERED].used)
			r = &regs[(home(cookie) + i) % NS_SHM_MAX_REGISTERED];
	if (!res && !r)
		res = TEE_ERROR_OUT_OF_MEMORY;
	if (!res) {
		r->cookie = cookie;
		r->refs = 0;
		r->buf = *buf;
		r->used = true;
		reg_pages += buf->num_pages;
	}
	cpu_spin_unlock(&shm_lock);
	return res;
}

uint32_t ns_shm_register(uint64_t cookie, uint64_t buf_ptr, uint64_t size)
{
	struct ns_buf buf;
	uint32_t res = ns_pagelist_parse(buf_ptr, size, &buf);

	if (res)
		return res;
	res = publish(cookie, &buf);
	if (res) {
		log_reject("shm: REGISTER_SHM cookie 0x%llx refused (%s)", cookie,
			   res == TEE_ERROR_OUT_OF_MEMORY ? "table or page budget full" :
			   "already registered");
		free(buf.pages);
	}
	return res;
}

uint32_t ns_shm_unregister(uint64_t cookie)
{
	struct ns_shm_reg *r;
	uint32_t *pages = NULL;
	uint32_t res = TEE_SUCCESS;

	cpu_spin_lock(&shm_lock);
	r = find(cookie);
	if (!r)
		res = TEE_ERROR_ITEM_NOT_FOUND;
	else if (r->refs)
		res = TEE_ERROR_BUSY;
	else {
		pages = r->buf.pages;
		reg_pages -= r->buf.num_pages;
		r->used = false;
	}
	cpu_spin_unlock(&shm_lock);
	if (res)
		log_reject("shm: UNREGISTER_SHM cookie 0x%llx refused: %s", cookie,
			res == TEE_ERROR_BUSY ? "in use" : "not registered");
	free(pages);
	return res;
}

struct ns_buf *ns_shm_get(uint64_t cookie)
{
	struct ns_shm_reg *r;

	cpu_spin_lock(&shm_lock);
	r = find(cookie);
	if (r)
		r->refs++;
	else
		r = NULL;
	cpu_spin_unlock(&shm_lock);
	return r ? &r->buf : NULL;
}

/* buf came from ns_shm_get(): its registration cannot have gone meanwhile
 * (UNREGISTER refuses while refs > 0). */
void ns_shm_put(struct ns_buf *buf)
{
	struct ns_shm_reg *r = (struct ns_shm_reg *)((uint8_t *)buf - offsetof(struct ns_shm_reg, buf));

	cpu_spin_lock(&shm_lock);
	if (r->refs)
		r->refs--;
	cpu_spin_unlock(&shm_lock);
}

unsigned int ns_shm_count(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < NS_SHM_MAX_REGISTERED; i++)
		n += regs[i].used;
	return n;
}
