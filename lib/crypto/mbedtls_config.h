/*
 * mbedTLS 2.28 configuration of the secure world (and of the host build of
 * the same layer for the unit tier). Only what lib/crypto wraps is enabled;
 * nothing here talks to an OS: no file system, no sockets, no time, no
 * platform entropy (mintee's DRBG seeds itself, core/drbg.c).
 *
 * Memory: every mbedTLS allocation comes from memory_buffer_alloc over a
 * static buffer of lib/crypto's own (CRYPTO_HEAP_SIZE in crypto.c), never from
 * the secure heap. Threads of several CPUs may call the layer at once:
 * THREADING_ALT locks that buffer with a spinlock (threading_alt.h).
 */
#ifndef MINTEE_MBEDTLS_CONFIG_H
#define MINTEE_MBEDTLS_CONFIG_H

/* System support */
#define MBEDTLS_HAVE_ASM		/* bn_mul.h's ARM (UMAAL) and x86-64 loops */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_DEPRECATED_REMOVED
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
#define MBEDTLS_MEMORY_ALIGN_MULTIPLE 8	/* blocks fit 64-bit members (and the host) */
#define MBEDTLS_THREADING_C
#define MBEDTLS_THREADING_ALT
#ifndef MINTEE_CRYPTO_HOST
/* memory_buffer_alloc exits on a corrupted heap: there is no exit here, so
 * trap (undefined instruction), which the firmware reports as a fault. */
#define MBEDTLS_PLATFORM_EXIT_MACRO(status) __builtin_trap()
#else
#define MBEDTLS_MEMORY_DEBUG		/* the unit tier reports the peak use */
#endif

/* Hashes, MACs, key derivation */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_HKDF_C

/* Ciphers and AEADs */
#define MBEDTLS_CIPHER_C
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES		/* tables in flash, not built into RAM */
#define MBEDTLS_AES_FEWER_TABLES	/* 2 KiB of tables instead of 8 */
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C

/* Public key: RSA signature verification (TA images) */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21
#define MBEDTLS_OID_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C

/* RSA up to 4096 bits: bignums of at most 512 bytes. */
#define MBEDTLS_MPI_MAX_SIZE 512
/* Only public-key operations (e = 65537) run here: a small window suffices. */
#define MBEDTLS_MPI_WINDOW_SIZE 2

#include "mbedtls/check_config.h"
#endif
