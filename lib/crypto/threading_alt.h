/*
 * mbedTLS's mutex type for MBEDTLS_THREADING_ALT (mbedtls_config.h). A plain
 * spinlock: secure threads run their services with foreign interrupts masked,
 * so a holder is never suspended, and what is locked (the allocator, an RSA
 * context on the caller's stack) is held briefly.
 */
#ifndef MINTEE_THREADING_ALT_H
#define MINTEE_THREADING_ALT_H
typedef struct mbedtls_threading_mutex_t {
	unsigned int lock;
	unsigned int valid;
} mbedtls_threading_mutex_t;
#endif
