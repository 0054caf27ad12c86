/* Host fuzzer: the page-list walker and registered shared memory
 * (mm/ns_shm.c): lists of any length (chained past 511 entries), hostile
 * entries and chain pointers, any offset and size; then copies through an
 * accepted list, and registration lookups. Oracle besides ASan/UBSan: an
 * accepted list names only page-aligned pages inside NS RAM. */
#include <stdio.h>
#include <stdlib.h>
#include <optee_msg.h>
#include <ns_shm.h>
#include "host.h"

static void check_buf(const struct ns_buf *b, struct in *in)
{
	static uint8_t sec[4 * NS_PAGE];

	for (uint32_t i = 0; i < b->num_pages; i++)
		if ((b->pages[i] & (NS_PAGE - 1)) || b->pages[i] < NS_BASE || b->pages[i] >= NS_BASE + NS_SIZE) {
			fprintf(stderr, "fuzz: accepted page %u = 0x%x is not an NS RAM page\n", i, b->pages[i]);
			abort();
		}
	if ((uint64_t)b->offset + b->size > (uint64_t)b->num_pages * NS_PAGE) {
		fprintf(stderr, "fuzz: %u pages cannot hold offset %u + %u bytes\n", b->num_pages, b->offset, b->size);
		abort();
	}
	for (int k = 0; k < 4 && !in_done(in); k++) {
		uint32_t offs = in_u32(in) % b->size, len = in_u32(in) % (b->size - offs + 1);
		if (len > sizeof(sec))
			len = sizeof(sec);
		if (in_u8(in) & 1)
			ns_buf_write(b, offs, sec, len);
		else
			ns_buf_read(b, offs, sec, len);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };

	host_ns_reset();
	for (int k = 0; k < 8 && !in_done(&in); k++) {
		uint64_t list_pa = NS_BASE + (in_u8(&in) % 64) * NS_PAGE, buf_ptr, len;
		uint8_t op = in_u8(&in);
		unsigned n = in_u8(&in) & 1 ? 500 + in_u8(&in) * 4 : in_u8(&in) % 16;
		struct ns_buf b;

		host_write_list(&in, list_pa, n);
		buf_ptr = op & 1 ? in_addr(&in) : list_pa | in_u32(&in) % NS_PAGE;
		len = op & 2 ? in_u64(&in) : in_u32(&in) % (n * NS_PAGE + 1);
		if (op & 4) {           /* registered: lookups and references */
			uint64_t cookie = in_u8(&in) % HOST_COOKIES;
			if (!ns_shm_register(cookie, buf_ptr, len)) {
				struct ns_buf *r = ns_shm_get(cookie);
				if (!r)
					abort();        /* just registered: must be found */
				check_buf(r, &in);
				if (ns_shm_unregister(cookie) != TEE_ERROR_BUSY)
					abort();        /* a reference is held */
				ns_shm_put(r);
			}
		} else if (!ns_pagelist_parse(buf_ptr, len, &b)) {
			check_buf(&b, &in);
			free(b.pages);
		}
	}
	host_cleanup();
	return 0;
}
