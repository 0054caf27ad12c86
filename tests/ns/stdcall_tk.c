/* Payload "stdcall": the trusted-keys service (f04a0fe7-...) through the real
 * firmware, with the kernel's parameter layout (p0/p1 memrefs, p2/p3 NONE),
 * and every way the normal world can get it wrong. */
#include "stdcall.h"

#define TK_GET_RANDOM 0
#define TK_SEAL       1
#define TK_UNSEAL     2
#define TK_OVERHEAD   29	/* version 1 + nonce 12 + tag 16 */

/* Buffers in the data area: key at 0x6000, blob at 0x6200, out at 0x6400. */
#define KEY_OFF  0x6000u
#define BLOB_OFF 0x6200u
#define OUT_OFF  0x6400u

static uint32_t tk_shared;	/* REE_KERNEL session, open from sc_tk_cases to sc_tk_close */

static uint32_t tk_open_login(uint32_t login, uint32_t *session)
{
	struct optee_msg_arg *a = sc_arg(2, OPTEE_MSG_CMD_OPEN_SESSION, 2);
	a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, sc_uuid_tk, 16);
	a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a->params[1].u.value.c = login;
	uint32_t a0 = sc_call(a, NULL);
	*session = a->session;
	return a0 ? 0xa0000000u | a0 : a->ret;
}

/* cmd with p0 = TMEM_INPUT (in_off, in_len), p1 = TMEM_OUTPUT (out_off, out_len), p2, p3 NONE. */
static struct optee_msg_arg *tk_arg(uint32_t s, uint32_t cmd, uint32_t in_off, uint32_t in_len,
				    uint32_t out_off, uint32_t out_len)
{
	struct optee_msg_arg *a = sc_invoke_arg(s, cmd, 4);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, sc_data_pa(in_off), in_len, 0x11);
	sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, out_off ? sc_data_pa(out_off) : 0, out_len, 0x12);
	a->params[2].attr = OPTEE_MSG_ATTR_TYPE_NONE;
	a->params[3].attr = OPTEE_MSG_ATTR_TYPE_NONE;
	return a;
}

void sc_tk_cases(void)
{
	uint32_t s = 0, bad, ret, a0;
	struct optee_msg_arg *a;
	uint8_t *key = sc_data(KEY_OFF), *blob = sc_data(BLOB_OFF), *out = sc_data(OUT_OFF);
	static const uint32_t logins[] = { OPTEE_MSG_LOGIN_PUBLIC, 1 /* USER */, 2 /* GROUP */,
					   4 /* APPLICATION */, 0x80000001u };

	/* Only the REE kernel may open it. */
	bad = 0;
	for (unsigned i = 0; i < NS_ARRAY_SIZE(logins); i++) {
		ret = tk_open_login(logins[i], &s);
		if (ret != TEE_ERROR_ACCESS_DENIED) {
			bad = logins[i] | 0x1;
			if (!ret)
				sc_close(2, s);
			break;
		}
	}
	ns_case("ns.stdcall.tk.login_refused",
		"trusted keys: OPEN_SESSION with login PUBLIC, USER, GROUP, APPLICATION, 0x80000001 gets ACCESS_DENIED",
		!bad, "login 0x%x got 0x%08x", bad & ~1u, ret);
	ret = tk_open_login(OPTEE_MSG_LOGIN_REE_KERNEL, &s);
	ns_case("ns.stdcall.tk.open", "trusted keys: OPEN_SESSION with login REE_KERNEL returns 0",
		ret == 0 && s != 0, "ret 0x%08x session 0x%x", ret, s);
	if (ret)
		return;

	/* GET_RANDOM */
	memset(out, 0, 140);
	a = sc_invoke_arg(s, TK_GET_RANDOM, 4);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(OUT_OFF), 128, 0x13);
	a->params[1].attr = a->params[2].attr = a->params[3].attr = OPTEE_MSG_ATTR_TYPE_NONE;
	a0 = sc_call(a, NULL);
	bool z = true;
	for (unsigned i = 0; i < 128; i++)
		z = z && !out[i];
	sc_expect_call("ns.stdcall.tk.get_random", "trusted keys: GET_RANDOM of 128 bytes fills them, size stays 128",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TA,
		       a->params[0].u.tmem.size != 128 ? SC_DETAIL("size %u", (uint32_t)a->params[0].u.tmem.size) :
		       z ? "all zero" : out[128] ? "wrote past 128" : NULL);
	a = sc_invoke_arg(s, TK_GET_RANDOM, 4);
	sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(OUT_OFF), 513, 0x13);
	a->params[1].attr = a->params[2].attr = a->params[3].attr = OPTEE_MSG_ATTR_TYPE_NONE;
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.get_random_big", "trusted keys: GET_RANDOM of 513 bytes returns BAD_PARAMETERS",
		       a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TA, NULL);

	/* SEAL: size query, then the blob. */
	for (unsigned i = 0; i < 32; i++)
		key[i] = (uint8_t)(0xa0 + i);
	a = tk_arg(s, TK_SEAL, KEY_OFF, 32, 0, 0);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.seal_size", "trusted keys: SEAL of 32 bytes into a NULL blob: SHORT_BUFFER, size 61",
		       a0, a, TEE_ERROR_SHORT_BUFFER, SC_ORIGIN_TA,
		       a->params[1].u.tmem.size != 32 + TK_OVERHEAD ?
		       SC_DETAIL("size %u", (uint32_t)a->params[1].u.tmem.size) : NULL);
	a = tk_arg(s, TK_SEAL, KEY_OFF, 32, BLOB_OFF, 60);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.seal_short", "trusted keys: SEAL into 60 bytes: SHORT_BUFFER, size 61",
		       a0, a, TEE_ERROR_SHORT_BUFFER, SC_ORIGIN_TA,
		       a->params[1].u.tmem.size != 61 ? SC_DETAIL("size %u", (uint32_t)a->params[1].u.tmem.size) : NULL);
	memset(blob, 0xcc, 520);
	a = tk_arg(s, TK_SEAL, KEY_OFF, 32, BLOB_OFF, 512);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.seal", "trusted keys: SEAL of 32 bytes into 512: a 61-byte blob, version 1",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TA,
		       a->params[1].u.tmem.size != 61 ? SC_DETAIL("size %u", (uint32_t)a->params[1].u.tmem.size) :
		       blob[0] != 1 ? "version byte not 1" : blob[61] != 0xcc ? "wrote past the blob" :
		       !memcmp(blob + 13, key, 32) ? "key in the clear" : NULL);

	/* UNSEAL it back. */
	memset(out, 0, 140);
	a = tk_arg(s, TK_UNSEAL, BLOB_OFF, 61, OUT_OFF, 129);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.unseal", "trusted keys: UNSEAL of the blob gives the 32-byte key back",
		       a0, a, TEE_SUCCESS, SC_ORIGIN_TA,
		       a->params[1].u.tmem.size != 32 ? SC_DETAIL("size %u", (uint32_t)a->params[1].u.tmem.size) :
		       memcmp(out, key, 32) ? "different key" : NULL);

	/* Every byte of the blob changed, one at a time: refused, nothing written. */
	bad = 0xffffffffu;
	for (unsigned i = 0; i < 61 && bad == 0xffffffffu; i++) {
		blob[i] ^= 0x04;
		memset(out, 0x5a, 40);
		a = tk_arg(s, TK_UNSEAL, BLOB_OFF, 61, OUT_OFF, 129);
		a0 = sc_call(a, NULL);
		if (a0 || (a->ret != TEE_ERROR_MAC_INVALID && a->ret != TEE_ERROR_BAD_FORMAT) || out[0] != 0x5a ||
		    a->params[1].u.tmem.size != 129)
			bad = i;
		blob[i] ^= 0x04;
	}
	ns_case("ns.stdcall.tk.tamper", "trusted keys: UNSEAL of the blob with any one byte changed is refused, output untouched",
		bad == 0xffffffffu, "byte %u: a0 0x%x ret 0x%08x size %u", bad, a0, a->ret,
		(uint32_t)a->params[1].u.tmem.size);

	/* Bad shapes. */
	a = tk_arg(s, TK_UNSEAL, BLOB_OFF, 60, OUT_OFF, 129);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.unseal_truncated", "trusted keys: UNSEAL of 60 bytes (too short) returns BAD_PARAMETERS",
		       a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TA, NULL);
	a = tk_arg(s, TK_UNSEAL, BLOB_OFF, 61, OUT_OFF, 31);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.unseal_short", "trusted keys: UNSEAL into 31 bytes: SHORT_BUFFER, size 32",
		       a0, a, TEE_ERROR_SHORT_BUFFER, SC_ORIGIN_TA,
		       a->params[1].u.tmem.size != 32 ? SC_DETAIL("size %u", (uint32_t)a->params[1].u.tmem.size) : NULL);
	a = tk_arg(s, TK_SEAL, KEY_OFF, 31, BLOB_OFF, 512);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.seal_small_key", "trusted keys: SEAL of a 31-byte key returns BAD_PARAMETERS",
		       a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TA, NULL);
	a = tk_arg(s, TK_SEAL, KEY_OFF, 129, BLOB_OFF, 512);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.seal_big_key", "trusted keys: SEAL of a 129-byte key returns BAD_PARAMETERS",
		       a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TA, NULL);
	a = tk_arg(s, TK_SEAL, KEY_OFF, 32, BLOB_OFF, 512);
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INOUT;
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.seal_types", "trusted keys: SEAL with p1 INOUT instead of OUTPUT returns BAD_PARAMETERS",
		       a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ORIGIN_TA, NULL);
	a = tk_arg(s, 3, KEY_OFF, 32, BLOB_OFF, 512);
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.unknown_cmd", "trusted keys: command 3 returns NOT_IMPLEMENTED",
		       a0, a, TEE_ERROR_NOT_IMPLEMENTED, SC_ORIGIN_TA, NULL);
	a = tk_arg(s, TK_SEAL, KEY_OFF, 32, 0, 0);
	a->params[1].u.tmem.buf_ptr = 0x0e000000u;	/* secure RAM */
	a->params[1].u.tmem.size = 512;
	a0 = sc_call(a, NULL);
	sc_expect_call("ns.stdcall.tk.seal_secure_out", "trusted keys: SEAL into secure RAM returns BAD_PARAMETERS",
		       a0, a, TEE_ERROR_BAD_PARAMETERS, SC_ANY, NULL);

	/* Kept open: the SMP cases seal and unseal on it from two CPUs at once. */
	tk_shared = s;
}

void sc_tk_close(void)
{
	uint32_t ret;

	if (!tk_shared)
		return;
	ret = sc_close(2, tk_shared);
	ns_case("ns.stdcall.tk.close", "trusted keys: CLOSE_SESSION returns 0", ret == 0, "ret 0x%08x", ret);
	tk_shared = 0;
}

/* One SEAL + UNSEAL of a 32-byte key made of (cpu, i) on the shared session,
 * in arg slot `slot` and buffers of this CPU's own; without the payload's
 * shared RPC state (neither call may RPC). true when the key comes back. */
bool sc_tk_roundtrip(unsigned slot, unsigned cpu, uint32_t i, uint32_t *a0, uint32_t *ret)
{
	uint32_t base = 0x7000u + cpu * 0x400u;
	uint8_t *key = sc_data(base), *out = sc_data(base + 0x200);
	struct optee_msg_arg *a;
	struct smc_regs r;

	if (!tk_shared)
		return false;
	for (unsigned k = 0; k < 32; k++)
		key[k] = (uint8_t)(cpu * 131 + i * 7 + k);
	for (unsigned step = 0; step < 2; step++) {
		a = sc_arg(slot, OPTEE_MSG_CMD_INVOKE_COMMAND, 4);
		a->session = tk_shared;
		a->func = step ? TK_UNSEAL : TK_SEAL;
		sc_mem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, sc_data_pa(step ? base + 0x100 : base),
		       step ? 61 : 32, 0x21);
		sc_mem(&a->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(step ? base + 0x200 : base + 0x100),
		       step ? 129 : 512, 0x22);
		a->params[2].attr = a->params[3].attr = OPTEE_MSG_ATTR_TYPE_NONE;
		memset(&r, 0, sizeof(r));
		r.r[0] = OPTEE_SMC_CALL_WITH_ARG;
		r.r[2] = sc_pa(a);
		smc_call(&r);
		*a0 = r.r[0];
		*ret = a->ret;
		if (r.r[0] || a->ret)
			return false;
	}
	return a->params[1].u.tmem.size == 32 && !memcmp(out, key, 32);
}
