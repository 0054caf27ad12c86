/* Normal-world shared memory registered with REGISTER_SHM (non-contiguous
 * page lists), and the page-list parser behind it. */
#ifndef NS_SHM_H
#define NS_SHM_H
#include <stddef.h>
#include <stdint.h>

#define NS_SHM_MAX_REGISTERED  256
#define NS_SHM_MAX_PAGES       16384    /* 64 MiB per registration */
/* All registrations together: 512 MiB, i.e. 512 KiB of page arrays in the
 * 4 MiB secure heap, so registrations cannot starve the calls themselves. */
#define NS_SHM_MAX_TOTAL_PAGES 131072

/* A buffer scattered over NS pages: byte k lives at
 * pages[(offset + k) / 4096] + (offset + k) % 4096. */
struct ns_buf {
	uint32_t offset;
	uint32_t size;
	uint32_t num_pages;
	uint32_t *pages;        /* malloc'd */
};

/* Parses the page list at buf_ptr (list PA | offset in first page) for size
 * bytes. Returns a TEE result; on success buf->pages must be freed. */
uint32_t ns_pagelist_parse(uint64_t buf_ptr, uint64_t size, struct ns_buf *buf);
/* Copy between secure memory and bytes [offs, offs + len) of buf (checked). */
void ns_buf_read(const struct ns_buf *buf, uint32_t offs, void *dst, uint32_t len);
void ns_buf_write(const struct ns_buf *buf, uint32_t offs, const void *src, uint32_t len);

uint32_t ns_shm_register(uint64_t cookie, uint64_t buf_ptr, uint64_t size);
uint32_t ns_shm_unregister(uint64_t cookie);
/* Takes a reference on a registration, or NULL. */
struct ns_buf *ns_shm_get(uint64_t cookie);
void ns_shm_put(struct ns_buf *buf);
unsigned int ns_shm_count(void);
#endif
