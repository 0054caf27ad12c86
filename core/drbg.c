/*
 * A ChaCha20-based DRBG with fast key erasure: each request runs the block
 * function under the current key, hands out keystream, and replaces the key
 * with fresh keystream, so a later compromise does not reveal earlier output.
 * Seeding XORs material into the key and then rekeys through the block
 * function. See README "Randomness" for what this is and what it is not.
 */
#include <string.h>
#include <drbg.h>
#include <spinlock.h>

#define ROTL(v, n) (((v) << (n)) | ((v) >> (32 - (n))))
#define QR(a, b, c, d)                                  \
	do {                                            \
		a += b; d ^= a; d = ROTL(d, 16);        \
		c += d; b ^= c; b = ROTL(b, 12);        \
		a += b; d ^= a; d = ROTL(d, 8);         \
		c += d; b ^= c; b = ROTL(b, 7);         \
	} while (0)

static uint32_t drbg_key[8];
static uint32_t drbg_counter;
static unsigned int drbg_lock;

static void chacha20_block(const uint32_t key[8], uint32_t counter, uint32_t out[16])
{
	static const uint32_t sigma[4] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };
	uint32_t x[16], in[16];
	int i;

	memcpy(in, sigma, sizeof(sigma));
	memcpy(in + 4, key, 32);
	in[12] = counter;
	in[13] = in[14] = in[15] = 0;
	memcpy(x, in, sizeof(x));
	for (i = 0; i < 10; i++) {
		QR(x[0], x[4], x[8], x[12]); QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]); QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]); QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]); QR(x[3], x[4], x[9], x[14]);
	}
	for (i = 0; i < 16; i++)
		out[i] = x[i] + in[i];
}

/* Replaces the key by keystream; the rest of the block is discarded. */
static void rekey(void)
{
	uint32_t blk[16];

	chacha20_block(drbg_key, drbg_counter++, blk);
	memcpy(drbg_key, blk, sizeof(drbg_key));
	memset(blk, 0, sizeof(blk));
}

void drbg_seed(const void *seed, size_t len)
{
	const uint8_t *s = seed;
	size_t i;

	cpu_spin_lock(&drbg_lock);
	for (i = 0; i < len; i++) {
		((uint8_t *)drbg_key)[i % sizeof(drbg_key)] ^= s[i];
		if (i % sizeof(drbg_key) == sizeof(drbg_key) - 1)
			rekey();
	}
	rekey();
	cpu_spin_unlock(&drbg_lock);
}

void drbg_generate(void *out, size_t len)
{
	uint8_t *o = out;
	uint32_t blk[16];

	cpu_spin_lock(&drbg_lock);
	while (len) {
		size_t n = len < sizeof(blk) ? len : sizeof(blk);

		chacha20_block(drbg_key, drbg_counter++, blk);
		memcpy(o, blk, n);
		o += n;
		len -= n;
	}
	memset(blk, 0, sizeof(blk));
	rekey();
	cpu_spin_unlock(&drbg_lock);
}
