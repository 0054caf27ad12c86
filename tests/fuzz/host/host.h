/* Host fuzzing harnesses (libFuzzer, ASan, UBSan) of the firmware's
 * normal-world decoders. The firmware's own C is compiled for the host; a
 * fake NS RAM is mapped at its real address so its identity PA->VA mapping
 * holds (as tests/unit/test_msg.c does). host.c has the shared pieces. */
#ifndef FUZZ_HOST_H
#define FUZZ_HOST_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NS_BASE   0x40000000u
#define NS_SIZE   0x00200000u  /* 2 MiB, cleared before every input */
#define NS_PAGE   4096u

/* The fuzzer's input, read front to back; past its end every read is 0. */
struct in {
	const uint8_t *p;
	size_t n;
};
uint8_t in_u8(struct in *in);
uint32_t in_u32(struct in *in);
uint64_t in_u64(struct in *in);
bool in_done(const struct in *in);

/* Maps the fake NS RAM once, clears it, tells mm/ where it is. */
void host_ns_reset(void);
static inline void *ns_ptr(uint64_t pa) { return (void *)(uintptr_t)pa; }

/* An NS address as an input may name it: in RAM (any alignment or page
 * aligned), at its edges, or anything at all. */
uint64_t in_addr(struct in *in);
/* Writes a page list of n entries at list_pa (chained past 511 entries). */
void host_write_list(struct in *in, uint64_t list_pa, unsigned n);

/* Gives back the current call's bounce buffers (after each message). */
void host_bounce_reset(void);

/* After each input: closes every session the services saw opened,
 * unregisters cookies 0..HOST_COOKIES-1, and aborts if anything is left
 * (a leaked session or shm reference is a finding). */
#define HOST_COOKIES 8
void host_cleanup(void);

/* The message-level driver shared by the msg and std harnesses: decodes a
 * sequence of messages from the input and hands each to call(). */
typedef uint32_t (*host_call_fn)(uint64_t arg_pa, struct in *in);
void host_run_messages(struct in *in, host_call_fn call);
/* Builds one arg struct at arg_pa from the input; returns its size. */
uint32_t host_build_arg(struct in *in, uint64_t arg_pa);
#endif
