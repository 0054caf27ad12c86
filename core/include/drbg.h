/* The secure world's random bit generator (ChaCha20, fast key erasure). */
#ifndef DRBG_H
#define DRBG_H
#include <stddef.h>
#include <stdint.h>
/* Mixes seed material into the key (may be called several times). */
void drbg_seed(const void *seed, size_t len);
void drbg_generate(void *out, size_t len);
#endif
