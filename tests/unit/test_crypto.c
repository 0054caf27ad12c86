/*
 * The crypto layer (lib/crypto over mbedTLS) on the host against published
 * vectors, and RSA signatures made by the build's signing tool
 * (tools/crypto/sign.sh) with the test keys of tests/unit/data.
 *
 * Vectors, recorded as published (each also matched an independent
 * implementation, Python's hashlib/hmac and pyca/cryptography, when recorded):
 *   SHA-256        FIPS 180-4 examples (NIST CSRC example values): "abc",
 *                  the 448-bit message, one million 'a'
 *   HMAC-SHA256    RFC 4231 test cases 1, 2, 3, 4, 6, 7
 *   HKDF-SHA256    RFC 5869 test cases 1, 2, 3
 *   ChaCha20       RFC 8439 2.3.2 (block function)
 *   ChaCha20-Poly1305  RFC 8439 2.8.2
 *   AES-256-GCM    GCM specification (McGrew & Viega, as NIST's test vectors)
 *                  test case 16
 * Data files (argv[1]/crypto/, made by lib/crypto/crypto.mk): msg.txt,
 * rsa{2048,4096}.pub.der, rsa{2048,4096}.{pkcs1,pss}.sig, rsa1024.*, rsa2048e3.*
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <crypto.h>
#include "unit_test.h"

static const char *data_dir = ".";

static size_t unhex(const char *h, uint8_t *out)
{
	size_t n = 0;

	while (h[0] && h[1]) {
		unsigned int b;

		sscanf(h, "%2x", &b);
		out[n++] = (uint8_t)b;
		h += 2;
	}
	return n;
}

static int eq_hex(const uint8_t *got, size_t len, const char *want)
{
	uint8_t w[512];
	size_t n = unhex(want, w);

	if (n != len || memcmp(got, w, len)) {
		size_t i;

		printf("    got  ");
		for (i = 0; i < len; i++)
			printf("%02x", got[i]);
		printf("\n    want %s\n", want);
		return 0;
	}
	return 1;
}

static size_t read_data(const char *name, uint8_t *buf, size_t max)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/crypto/%s", data_dir, name);
	f = fopen(path, "rb");
	if (!f) {
		printf("    cannot open %s\n", path);
		return 0;
	}
	n = fread(buf, 1, max, f);
	fclose(f);
	return n;
}

/* ---------------------------------------------------------------- SHA-256 */

static void test_sha256_fips(void)
{
	static const char m2[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	uint8_t d[32];

	UT_EQ(crypto_sha256("abc", 3, d), CRYPTO_OK);
	UT_ASSERT(eq_hex(d, 32, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
	UT_EQ(crypto_sha256(m2, strlen(m2), d), CRYPTO_OK);
	UT_ASSERT(eq_hex(d, 32, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
	UT_EQ(crypto_sha256("", 0, d), CRYPTO_OK);
	UT_ASSERT(eq_hex(d, 32, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

static void test_sha256_million(void)
{
	struct crypto_sha256_ctx c;
	uint8_t a[1000], d[32];
	int i;

	memset(a, 'a', sizeof(a));
	crypto_sha256_init(&c);
	for (i = 0; i < 1000; i++)
		crypto_sha256_update(&c, a, sizeof(a));
	crypto_sha256_final(&c, d);
	UT_ASSERT(eq_hex(d, 32, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
}

static void test_sha256_split(void)
{
	static const char m2[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	struct crypto_sha256_ctx c;
	uint8_t d[32];
	size_t cut;

	for (cut = 0; cut <= strlen(m2); cut++) {
		crypto_sha256_init(&c);
		crypto_sha256_update(&c, m2, cut);
		crypto_sha256_update(&c, m2 + cut, strlen(m2) - cut);
		crypto_sha256_final(&c, d);
		UT_ASSERT(eq_hex(d, 32,
				 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
	}
}

/* ----------------------------------------------------------- HMAC (4231) */

static void test_hmac_rfc4231(void)
{
	static const char tc7[] = "This is a test using a larger than block-size key and a larger "
				  "than block-size data. The key needs to be hashed before being "
				  "used by the HMAC algorithm.";
	static const char tc6[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	uint8_t k[131], m[50], d[32];
	size_t i;

	memset(k, 0x0b, 20);
	UT_EQ(crypto_hmac_sha256(k, 20, "Hi There", 8, d), CRYPTO_OK);
	UT_ASSERT(eq_hex(d, 32, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
	UT_EQ(crypto_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, d), CRYPTO_OK);
	UT_ASSERT(eq_hex(d, 32, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
	memset(k, 0xaa, 20);
	memset(m, 0xdd, 50);
	UT_EQ(crypto_hmac_sha256(k, 20, m, 50, d), CRYPTO_OK);
	UT_ASSERT(eq_hex(d, 32, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"));
	for (i = 0; i < 25; i++)
		k[i] = (uint8_t)(i + 1);
	memset(m, 0xcd, 50);
	UT_EQ(crypto_hmac_sha256(k, 25, m, 50, d), CRYPTO_OK);
	UT_ASSERT(eq_hex(d, 32, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"));
	memset(k, 0xaa, 131);
	UT_EQ(crypto_hmac_sha256(k, 131, tc6, strlen(tc6), d), CRYPTO_OK);
	UT_ASSERT(eq_hex(d, 32, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
	UT_EQ(crypto_hmac_sha256(k, 131, tc7, strlen(tc7), d), CRYPTO_OK);
	UT_ASSERT(eq_hex(d, 32, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
}

/* ----------------------------------------------------------- HKDF (5869) */

static void test_hkdf_rfc5869(void)
{
	uint8_t ikm[80], salt[80], info[80], okm[82];
	size_t i;

	memset(ikm, 0x0b, 22);
	for (i = 0; i < 13; i++)
		salt[i] = (uint8_t)i;
	for (i = 0; i < 10; i++)
		info[i] = (uint8_t)(0xf0 + i);
	UT_EQ(crypto_hkdf_sha256(salt, 13, ikm, 22, info, 10, okm, 42), CRYPTO_OK);
	UT_ASSERT(eq_hex(okm, 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
				  "34007208d5b887185865"));
	for (i = 0; i < 80; i++) {
		ikm[i] = (uint8_t)i;
		salt[i] = (uint8_t)(0x60 + i);
		info[i] = (uint8_t)(0xb0 + i);
	}
	UT_EQ(crypto_hkdf_sha256(salt, 80, ikm, 80, info, 80, okm, 82), CRYPTO_OK);
	UT_ASSERT(eq_hex(okm, 82, "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
				  "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
				  "cc30c58179ec3e87c14c01d5c1f3434f1d87"));
	memset(ikm, 0x0b, 22);
	UT_EQ(crypto_hkdf_sha256(NULL, 0, ikm, 22, NULL, 0, okm, 42), CRYPTO_OK);
	UT_ASSERT(eq_hex(okm, 42, "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
				  "9d201395faa4b61a96c8"));
	/* Out of range lengths. */
	UT_EQ(crypto_hkdf_sha256(NULL, 0, ikm, 22, NULL, 0, okm, 0), CRYPTO_ERR_BAD_INPUT);
	{
		static uint8_t big[255 * 32 + 1];

		UT_EQ(crypto_hkdf_sha256(NULL, 0, ikm, 22, NULL, 0, big, sizeof(big)),
		      CRYPTO_ERR_BAD_INPUT);
		UT_EQ(crypto_hkdf_sha256(NULL, 0, ikm, 22, NULL, 0, big, sizeof(big) - 1),
		      CRYPTO_OK);
	}
}

/* ------------------------------------------------------- ChaCha20 (8439) */

static const char rfc8439_pt[] = "Ladies and Gentlemen of the class of '99: If I could offer you "
				 "only one tip for the future, sunscreen would be it.";
static const char rfc8439_ct[] =
	"d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
	"3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
	"92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
	"3ff4def08e4b7a9de576d26586cec64b6116";
static const char rfc8439_tag[] = "1ae10b594f09e26a7e902ecbd0600691";

static void rfc8439_inputs(uint8_t key[32], uint8_t nonce[12], uint8_t ad[12])
{
	size_t i;

	for (i = 0; i < 32; i++)
		key[i] = (uint8_t)(0x80 + i);
	unhex("070000004041424344454647", nonce);
	unhex("50515253c0c1c2c3c4c5c6c7", ad);
}

static void test_chacha20_block(void)
{
	uint8_t key[32], nonce[12], out[64];
	size_t i;

	for (i = 0; i < 32; i++)
		key[i] = (uint8_t)i;
	unhex("000000090000004a00000000", nonce);
	memset(out, 0x55, sizeof(out));	/* the stream does not depend on what was there */
	UT_EQ(crypto_chacha20_stream(key, nonce, 1, out, 64), CRYPTO_OK);
	UT_ASSERT(eq_hex(out, 64, "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
				  "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e"));
}

static void test_chachapoly_rfc8439(void)
{
	uint8_t key[32], nonce[12], ad[12], ct[114], tag[16], pt[114];
	size_t n = strlen(rfc8439_pt);

	UT_EQ(n, 114);
	rfc8439_inputs(key, nonce, ad);
	UT_EQ(crypto_aead_seal(key, nonce, ad, 12, rfc8439_pt, n, ct, tag), CRYPTO_OK);
	UT_ASSERT(eq_hex(ct, n, rfc8439_ct));
	UT_ASSERT(eq_hex(tag, 16, rfc8439_tag));
	UT_EQ(crypto_aead_open(key, nonce, ad, 12, ct, n, tag, pt), CRYPTO_OK);
	UT_ASSERT(!memcmp(pt, rfc8439_pt, n));
	/* In place. */
	UT_EQ(crypto_aead_open(key, nonce, ad, 12, ct, n, tag, ct), CRYPTO_OK);
	UT_ASSERT(!memcmp(ct, rfc8439_pt, n));
}

static void test_chachapoly_reject(void)
{
	uint8_t key[32], nonce[12], ad[12], ct[114], tag[16], pt[114], z[114] = { 0 };
	size_t n = strlen(rfc8439_pt), i;

	rfc8439_inputs(key, nonce, ad);
	UT_EQ(crypto_aead_seal(key, nonce, ad, 12, rfc8439_pt, n, ct, tag), CRYPTO_OK);
	for (i = 0; i < n; i++) {	/* every ciphertext byte */
		ct[i] ^= 0x01;
		memset(pt, 0xee, sizeof(pt));
		UT_EQ(crypto_aead_open(key, nonce, ad, 12, ct, n, tag, pt), CRYPTO_ERR_AUTH);
		UT_ASSERT(!memcmp(pt, z, n));	/* no unauthenticated plaintext left */
		ct[i] ^= 0x01;
	}
	for (i = 0; i < 16; i++) {
		tag[i] ^= 0x80;
		UT_EQ(crypto_aead_open(key, nonce, ad, 12, ct, n, tag, pt), CRYPTO_ERR_AUTH);
		tag[i] ^= 0x80;
	}
	for (i = 0; i < 12; i++) {
		ad[i] ^= 0x10;
		UT_EQ(crypto_aead_open(key, nonce, ad, 12, ct, n, tag, pt), CRYPTO_ERR_AUTH);
		ad[i] ^= 0x10;
		nonce[i] ^= 0x10;
		UT_EQ(crypto_aead_open(key, nonce, ad, 12, ct, n, tag, pt), CRYPTO_ERR_AUTH);
		nonce[i] ^= 0x10;
	}
	UT_EQ(crypto_aead_open(key, nonce, ad, 11, ct, n, tag, pt), CRYPTO_ERR_AUTH);
	UT_EQ(crypto_aead_open(key, nonce, ad, 12, ct, n - 1, tag, pt), CRYPTO_ERR_AUTH);
	key[31] ^= 1;
	UT_EQ(crypto_aead_open(key, nonce, ad, 12, ct, n, tag, pt), CRYPTO_ERR_AUTH);
	key[31] ^= 1;
	UT_EQ(crypto_aead_open(key, nonce, ad, 12, ct, n, tag, pt), CRYPTO_OK);
}

/* ---------------------------------------------------------- AES-256-GCM */

static void test_gcm_case16(void)
{
	uint8_t key[32], iv[12], ad[20], pt[60], ct[60], tag[16], out[60];

	unhex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", key);
	unhex("cafebabefacedbaddecaf888", iv);
	unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2", ad);
	unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39", pt);
	UT_EQ(crypto_aes_gcm_seal(key, iv, ad, 20, pt, 60, ct, tag), CRYPTO_OK);
	UT_ASSERT(eq_hex(ct, 60, "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
				 "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"));
	UT_ASSERT(eq_hex(tag, 16, "76fc6ece0f4e1768cddf8853bb2d551b"));
	UT_EQ(crypto_aes_gcm_open(key, iv, ad, 20, ct, 60, tag, out), CRYPTO_OK);
	UT_ASSERT(!memcmp(out, pt, 60));
	ct[59] ^= 1;
	UT_EQ(crypto_aes_gcm_open(key, iv, ad, 20, ct, 60, tag, out), CRYPTO_ERR_AUTH);
}

/* ------------------------------------------------------------------- RSA */

struct rsa_files {
	uint8_t der[1024], sig[512], digest[32];
	size_t der_len, sig_len;
};

static int load_rsa(const char *key, const char *algo, struct rsa_files *f)
{
	uint8_t msg[256];
	size_t n;
	char name[64];

	n = read_data("msg.txt", msg, sizeof(msg));
	if (!n || crypto_sha256(msg, n, f->digest))
		return 0;
	snprintf(name, sizeof(name), "%s.pub.der", key);
	f->der_len = read_data(name, f->der, sizeof(f->der));
	snprintf(name, sizeof(name), "%s.%s.sig", key, algo);
	f->sig_len = read_data(name, f->sig, sizeof(f->sig));
	return f->der_len && f->sig_len;
}

static void rsa_case(const char *key, const char *algo_name, enum crypto_rsa_algo algo,
		     size_t bytes)
{
	enum crypto_rsa_algo other = algo == CRYPTO_RSA_PSS_SHA256 ? CRYPTO_RSA_PKCS1_V15_SHA256 :
				     CRYPTO_RSA_PSS_SHA256;
	struct rsa_files f;
	size_t i;

	UT_ASSERT(load_rsa(key, algo_name, &f));
	UT_EQ(f.sig_len, bytes);
	UT_EQ(crypto_rsa_verify_spki(f.der, f.der_len, algo, f.digest, f.sig, f.sig_len),
	      CRYPTO_OK);
	UT_EQ(crypto_rsa_verify_spki(f.der, f.der_len, other, f.digest, f.sig, f.sig_len),
	      CRYPTO_ERR_VERIFY);
	/* A changed digest, a changed signature (a few positions), a short one. */
	f.digest[31] ^= 1;
	UT_EQ(crypto_rsa_verify_spki(f.der, f.der_len, algo, f.digest, f.sig, f.sig_len),
	      CRYPTO_ERR_VERIFY);
	f.digest[31] ^= 1;
	for (i = 0; i < f.sig_len; i += f.sig_len / 7) {
		f.sig[i] ^= 0x20;
		UT_ASSERT(crypto_rsa_verify_spki(f.der, f.der_len, algo, f.digest, f.sig,
						 f.sig_len) != CRYPTO_OK);
		f.sig[i] ^= 0x20;
	}
	UT_EQ(crypto_rsa_verify_spki(f.der, f.der_len, algo, f.digest, f.sig, f.sig_len - 1),
	      CRYPTO_ERR_BAD_INPUT);
	UT_EQ(crypto_rsa_verify_spki(f.der, f.der_len - 1, algo, f.digest, f.sig, f.sig_len),
	      CRYPTO_ERR_BAD_INPUT);
	UT_EQ(crypto_rsa_verify_spki(f.der, f.der_len, algo, f.digest, f.sig, f.sig_len),
	      CRYPTO_OK);
}

static void test_rsa2048_pkcs1(void) { rsa_case("rsa2048", "pkcs1", CRYPTO_RSA_PKCS1_V15_SHA256, 256); }
static void test_rsa2048_pss(void) { rsa_case("rsa2048", "pss", CRYPTO_RSA_PSS_SHA256, 256); }
static void test_rsa4096_pkcs1(void) { rsa_case("rsa4096", "pkcs1", CRYPTO_RSA_PKCS1_V15_SHA256, 512); }
static void test_rsa4096_pss(void) { rsa_case("rsa4096", "pss", CRYPTO_RSA_PSS_SHA256, 512); }

/* The PKCS#1 v1.5 signature of msg.txt with tests/unit/data/rsa2048-test.pem
 * (deterministic), as sign.sh made it when the key was committed. */
static const char rsa2048_pkcs1_fixed[] =
	"a4a2d1345803371a00d408e7c1b439695369a4d36b3fa83dc493d37c1ba67962"
	"7147d7aabbc2fa694bf71c662bde55595c39b1c5af6a0126dfd517780ff4ae21"
	"e0d41b6606e46dd14ba04aa9a1bd417f8601f86399878ef61893a3dcf4d3b0eb"
	"be4de559c6cf580c02401700a9a3449cefbc7e47e4c7c51e9517ad9b5088ce48"
	"0c06e13967b587ab7b0c32340ce686d3268ad2d3699baf9a89d47f537769dee9"
	"2d34050ea716a20e686cbd42a591d8603edc0bc5f118057a4962517294ff61c5"
	"d48c054aaa3d06e24592da2a13df0743118827b355ca29529cba89d76197c9ae"
	"ce2d6d099311cb9a04c28a8027e2be41b6a32787d5edcf7e81c0d0fff6215963";

static void test_rsa_fixed_vector(void)
{
	struct rsa_files f;

	UT_ASSERT(load_rsa("rsa2048", "pkcs1", &f));
	UT_ASSERT(eq_hex(f.digest, 32,
			 "f055a34113c7c8ddc7288108809f2cceeff4e7e87ecca17a8a076e7c5e57c0a6"));
	UT_ASSERT(eq_hex(f.sig, f.sig_len, rsa2048_pkcs1_fixed));	/* the tool is stable */
	UT_EQ(crypto_rsa_verify_spki(f.der, f.der_len, CRYPTO_RSA_PKCS1_V15_SHA256, f.digest,
				     f.sig, f.sig_len), CRYPTO_OK);
}

/* The firmware's path: raw (n, e) compiled in; here the 2048-bit test key. */
static void test_ta_key(void)
{
	struct rsa_files f;

	UT_EQ(crypto_ta_key_bits(), 2048);
	UT_ASSERT(load_rsa("rsa2048", "pss", &f));
	UT_EQ(crypto_ta_key_verify(CRYPTO_RSA_PSS_SHA256, f.digest, f.sig, f.sig_len), CRYPTO_OK);
	UT_EQ(crypto_ta_key_verify(CRYPTO_RSA_PKCS1_V15_SHA256, f.digest, f.sig, f.sig_len),
	      CRYPTO_ERR_VERIFY);
	UT_ASSERT(load_rsa("rsa2048", "pkcs1", &f));
	UT_EQ(crypto_ta_key_verify(CRYPTO_RSA_PKCS1_V15_SHA256, f.digest, f.sig, f.sig_len),
	      CRYPTO_OK);
	f.sig[100] ^= 4;
	UT_EQ(crypto_ta_key_verify(CRYPTO_RSA_PKCS1_V15_SHA256, f.digest, f.sig, f.sig_len),
	      CRYPTO_ERR_VERIFY);
	/* A signature by another key. */
	UT_ASSERT(load_rsa("rsa4096", "pkcs1", &f));
	UT_EQ(crypto_ta_key_verify(CRYPTO_RSA_PKCS1_V15_SHA256, f.digest, f.sig, 256),
	      CRYPTO_ERR_VERIFY);
}

static void test_rsa_refused_keys(void)
{
	struct rsa_files f;
	uint8_t n[600];

	/* 1024 bits: too small. e = 3: not 65537. */
	UT_ASSERT(load_rsa("rsa1024", "pkcs1", &f));
	UT_EQ(crypto_rsa_verify_spki(f.der, f.der_len, CRYPTO_RSA_PKCS1_V15_SHA256, f.digest,
				     f.sig, f.sig_len), CRYPTO_ERR_BAD_INPUT);
	UT_ASSERT(load_rsa("rsa2048e3", "pkcs1", &f));
	UT_EQ(crypto_rsa_verify_spki(f.der, f.der_len, CRYPTO_RSA_PKCS1_V15_SHA256, f.digest,
				     f.sig, f.sig_len), CRYPTO_ERR_BAD_INPUT);
	/* Raw moduli out of range. */
	memset(n, 0xc5, sizeof(n));
	n[599] |= 1;
	UT_EQ(crypto_rsa_verify(n, 513, 65537, CRYPTO_RSA_PSS_SHA256, f.digest, f.sig, 513),
	      CRYPTO_ERR_BAD_INPUT);
	UT_EQ(crypto_rsa_verify(n, 255, 65537, CRYPTO_RSA_PSS_SHA256, f.digest, f.sig, 255),
	      CRYPTO_ERR_BAD_INPUT);
	UT_EQ(crypto_rsa_verify(n, 256, 3, CRYPTO_RSA_PSS_SHA256, f.digest, f.sig, 256),
	      CRYPTO_ERR_BAD_INPUT);
	UT_EQ(crypto_rsa_verify(n, 256, 65537, (enum crypto_rsa_algo)7, f.digest, f.sig, 256),
	      CRYPTO_ERR_BAD_INPUT);
	/* Garbage instead of a key. */
	UT_EQ(crypto_rsa_verify_spki(n, 300, CRYPTO_RSA_PSS_SHA256, f.digest, f.sig, 256),
	      CRYPTO_ERR_BAD_INPUT);
}

static void test_memcmp_ct(void)
{
	uint8_t a[40], b[40];
	size_t i;

	memset(a, 0x3c, sizeof(a));
	memcpy(b, a, sizeof(b));
	UT_EQ(crypto_memcmp_ct(a, b, sizeof(a)), 0);
	UT_EQ(crypto_memcmp_ct(a, b, 0), 0);
	for (i = 0; i < sizeof(a); i++) {
		b[i] ^= 0x80;
		UT_EQ(crypto_memcmp_ct(a, b, sizeof(a)), 1);
		b[i] ^= 0x80;
	}
	crypto_wipe(a, sizeof(a));
	for (i = 0; i < sizeof(a); i++)
		UT_EQ(a[i], 0);
}

/* Several threads at once through the allocating paths (HMAC, HKDF, RSA with
 * DER parsing) and the AEAD: the layer's locks keep its heap consistent, and
 * every thread gets the single-threaded answers. */
#define MT_THREADS 4
#define MT_ROUNDS  12

struct mt_ref {
	uint8_t hmac[32], okm[64], ct[114], tag[16];
	struct rsa_files rsa;
};
static struct mt_ref mt_ref;
static int mt_bad[MT_THREADS];

static int mt_round(struct mt_ref *r)
{
	uint8_t key[32], nonce[12], ad[12];

	rfc8439_inputs(key, nonce, ad);
	if (crypto_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, r->hmac) ||
	    crypto_hkdf_sha256("salt", 4, key, 32, "info", 4, r->okm, 64) ||
	    crypto_aead_seal(key, nonce, ad, 12, rfc8439_pt, 114, r->ct, r->tag))
		return 1;
	return crypto_rsa_verify_spki(mt_ref.rsa.der, mt_ref.rsa.der_len, CRYPTO_RSA_PSS_SHA256,
				      mt_ref.rsa.digest, mt_ref.rsa.sig, mt_ref.rsa.sig_len);
}

static void *mt_thread(void *arg)
{
	int id = (int)(intptr_t)arg, i;
	struct mt_ref r;

	for (i = 0; i < MT_ROUNDS; i++) {
		memset(&r, 0, sizeof(r));
		if (mt_round(&r) || memcmp(r.hmac, mt_ref.hmac, 32) || memcmp(r.okm, mt_ref.okm, 64) ||
		    memcmp(r.ct, mt_ref.ct, 114) || memcmp(r.tag, mt_ref.tag, 16))
			mt_bad[id]++;
	}
	return NULL;
}

static void test_threads(void)
{
	pthread_t t[MT_THREADS];
	struct crypto_heap_stats st;
	int i;

	UT_ASSERT(load_rsa("rsa4096", "pss", &mt_ref.rsa));
	UT_EQ(mt_round(&mt_ref), CRYPTO_OK);
	for (i = 0; i < MT_THREADS; i++)
		UT_EQ(pthread_create(&t[i], NULL, mt_thread, (void *)(intptr_t)i), 0);
	for (i = 0; i < MT_THREADS; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < MT_THREADS; i++)
		UT_EQ(mt_bad[i], 0);
	crypto_heap_stats(&st);
	printf("    heap peak with %d threads: %zu bytes\n", MT_THREADS, st.peak);
	UT_EQ(st.used, 0);
	UT_ASSERT(st.peak <= st.size);
}

static void test_heap(void)
{
	struct crypto_heap_stats st;

	crypto_heap_stats(&st);
	printf("    heap: %zu bytes, %zu in use, peak %zu (RSA-4096 verification included)\n",
	       st.size, st.used, st.peak);
	UT_EQ(st.used, 0);		/* nothing leaked */
	UT_ASSERT(st.peak > 0 && st.peak <= st.size / 4);	/* room for 4 CPUs at once */
}

int main(int argc, char **argv)
{
	if (argc > 1)
		data_dir = argv[1];
	crypto_init();
	UT_RUN("crypto", sha256_fips, "SHA-256: FIPS 180-4 examples (abc, 448-bit message, empty)");
	UT_RUN("crypto", sha256_million, "SHA-256: one million 'a' (FIPS 180-4), streamed");
	UT_RUN("crypto", sha256_split, "SHA-256: every split of the 448-bit message");
	UT_RUN("crypto", hmac_rfc4231, "HMAC-SHA256: RFC 4231 cases 1-4, 6, 7");
	UT_RUN("crypto", hkdf_rfc5869, "HKDF-SHA256: RFC 5869 cases 1-3, output length limits");
	UT_RUN("crypto", chacha20_block, "ChaCha20: RFC 8439 2.3.2 block");
	UT_RUN("crypto", chachapoly_rfc8439, "ChaCha20-Poly1305: RFC 8439 2.8.2 seal and open");
	UT_RUN("crypto", chachapoly_reject, "ChaCha20-Poly1305: any changed byte of ct/tag/ad/nonce/key refused, output zeroed");
	UT_RUN("crypto", gcm_case16, "AES-256-GCM: GCM spec test case 16, tampering refused");
	UT_RUN("crypto", rsa2048_pkcs1, "RSA-2048 PKCS#1 v1.5 signature by sign.sh verifies; altered ones do not");
	UT_RUN("crypto", rsa2048_pss, "RSA-2048 PSS (salt 32) signature by sign.sh verifies; altered ones do not");
	UT_RUN("crypto", rsa4096_pkcs1, "RSA-4096 PKCS#1 v1.5 signature by sign.sh verifies; altered ones do not");
	UT_RUN("crypto", rsa4096_pss, "RSA-4096 PSS (salt 32) signature by sign.sh verifies; altered ones do not");
	UT_RUN("crypto", rsa_fixed_vector, "RSA-2048 PKCS#1 v1.5: the recorded signature of the test message");
	UT_RUN("crypto", ta_key, "crypto_ta_key_verify against the compiled-in (n, e)");
	UT_RUN("crypto", rsa_refused_keys, "RSA-1024, e = 3, odd moduli sizes and garbage keys refused");
	UT_RUN("crypto", memcmp_ct, "constant-time compare and wipe");
	UT_RUN("crypto", heap, "the layer's heap: no leak, peak of one user (RSA-4096) within a quarter");
	UT_RUN("crypto", threads, "4 threads x 12 rounds of HMAC, HKDF, AEAD, RSA-4096 PSS at once: same answers, no leak");
	return UT_DONE();
}
