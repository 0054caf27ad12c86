/*
 * The one path between the secure world and normal-world memory. Every byte
 * mintee reads from or writes to NS RAM (message headers and params, results,
 * size write-backs, RPC arguments, memref contents, page lists) goes through
 * these functions, with an NS physical address the caller has checked.
 *
 * No alignment is assumed: the normal world chooses the addresses, and an
 * LDRD/STRD/LDM/STM at an address that is not word aligned takes an
 * alignment fault whatever SCTLR.A says. Scalars are moved byte by byte;
 * blocks go through newlib's memcpy, which aligns its stores and reads a
 * misaligned source with single LDRs (allowed: core_mmu clears SCTLR.A and
 * NS RAM is Normal memory). The addresses are plain integers, so the
 * compiler cannot infer an alignment from a C type.
 */
#ifndef NS_IO_H
#define NS_IO_H
#include <stddef.h>
#include <stdint.h>

void ns_read(void *dst, uint64_t pa, size_t len);
void ns_write(uint64_t pa, const void *src, size_t len);
uint32_t ns_read_u32(uint64_t pa);
uint64_t ns_read_u64(uint64_t pa);
void ns_write_u32(uint64_t pa, uint32_t v);
void ns_write_u64(uint64_t pa, uint64_t v);
#endif
