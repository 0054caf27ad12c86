/*
 * A ChaCha20-based DRBG with fast key erasure: each request runs ChaCha20
 * (mbedTLS's, through lib/crypto) under the current key, takes block 0 as the
 * next key and hands out keystream from block 1 on, so a later compromise
 * does not reveal earlier output. Seeding XORs material into the key and
 * rekeys. See README "Randomness" for what this is and what it is not.
 */
#include <string.h>
#include <crypto.h>
#include <drbg.h>
#include <spinlock.h>

static uint8_t drbg_key[32];
static unsigned int drbg_lock;
static const uint8_t drbg_nonce[12];

/* Replaces the key by block 0 of its keystream. */
static void rekey(void)
{
	uint8_t next[32];

	crypto_chacha20_stream(drbg_key, drbg_nonce, 0, next, sizeof(next));
	memcpy(drbg_key, next, sizeof(drbg_key));
	crypto_wipe(next, sizeof(next));
}

void drbg_seed(const void *seed, size_t len)
{
	const uint8_t *s = seed;
	size_t i;

	cpu_spin_lock(&drbg_lock);
	for (i = 0; i < len; i++) {
		drbg_key[i % sizeof(drbg_key)] ^= s[i];
		if (i % sizeof(drbg_key) == sizeof(drbg_key) - 1)
			rekey();
	}
	rekey();
	cpu_spin_unlock(&drbg_lock);
}

void drbg_generate(void *out, size_t len)
{
	uint8_t next[32];

	cpu_spin_lock(&drbg_lock);
	crypto_chacha20_stream(drbg_key, drbg_nonce, 0, next, sizeof(next));
	crypto_chacha20_stream(drbg_key, drbg_nonce, 1, out, len);
	memcpy(drbg_key, next, sizeof(drbg_key));
	cpu_spin_unlock(&drbg_lock);
	crypto_wipe(next, sizeof(next));
}
