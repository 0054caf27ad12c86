/*
 * The device key. QEMU has no fused hardware-unique key, so the build
 * provides a 32-byte device secret (HUK=<file>, or one made once under
 * build/), compiled into secure flash only (README "Device key"). Nothing
 * uses the secret itself: every purpose derives its own key with
 * HKDF-SHA256 under its own label, so no two purposes share a key.
 */
#ifndef HUK_H
#define HUK_H
#include <stddef.h>
#include <stdint.h>

enum huk_purpose {
	HUK_TRUSTED_KEYS,	/* sealing key of the trusted-keys service */
	HUK_SECURE_STORAGE,	/* reserved: secure storage */
	HUK_TA_UNIQUE,		/* reserved: per-TA keys, context = the TA's UUID */
};

/* out_len bytes (1..255*32) for purpose and context (may be NULL/0). The
 * caller wipes out when done (crypto_wipe). 0 on success. */
int huk_derive_key(enum huk_purpose purpose, const void *context, size_t context_len,
		   void *out, size_t out_len);

/* The secret, 32 bytes in secure flash (generated into the firmware build directory, gen/huk.c). */
const uint8_t *huk_secret(void);
#define HUK_SIZE 32
#endif
