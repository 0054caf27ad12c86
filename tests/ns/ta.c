/*
 * Payload "ta": user TAs in Secure User mode (core/ta, thread_user, ta_mmu),
 * driven as Linux drives OP-TEE, this payload serving LOAD_TA with the
 * signed test TAs (tests/ta/test, ta_serve.c) as tee-supplicant would.
 * Cases ns.ta.*: calls and params, every syscall, every way to die (each
 * ends the TA alone, the TEE keeps serving), the GP life cycle per flags,
 * foreign interrupts while a TA spins, and the TA pool back at baseline.
 */
#include "stdcall.h"
#include "ta_serve.h"
#include "../ta/test/test_ta.h"

const char ns_payload_name[] = "ta";

#define TEE_ERROR_TARGET_DEAD  0xFFFF3024u
#define TEE_ERROR_CANCEL_      0xFFFF0002u
#define TEE_ERROR_ACCESS_DENIED_ 0xFFFF0001u
#define USER_LOAD_VA 0x20100000u	/* mm/ta_mmu.h TA_USER_LOAD_VA */
#define TA_CYCLES 1000u

static uint8_t uuid_ta[16] = { 0x5c, 0xe0, 0xc4, 0x32, 0x0a, 0xb0, 0x40, 0xe5,
			       0xa0, 0x56, 0x78, 0x2c, 0xa0, 0xe6, 0xab, 0x10 };
static uint32_t s_test;

static const uint8_t *ta_uuid(uint8_t id)
{
	uuid_ta[15] = id;
	return uuid_ta;
}

/* TA pool bytes in use and instances, from the test service's TA_STATS. */
static void pool_stats(uint32_t *used, uint32_t *instances)
{
	struct optee_msg_arg *a = sc_invoke_arg(s_test, 7, 1);	/* TA_STATS */
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	uint32_t a0 = sc_call(a, NULL);
	*used = a0 || a->ret ? 0xffffffffu : (uint32_t)a->params[0].u.value.a;
	*instances = a0 || a->ret ? 0xffffffffu : (uint32_t)a->params[0].u.value.b;
}

/* INVOKE with one value param; a, b in and out. */
static uint32_t inv_value(uint32_t sid, uint32_t cmd, uint64_t attr, uint32_t *va, uint32_t *vb,
			  uint32_t *origin)
{
	struct optee_msg_arg *a = sc_invoke_arg(sid, cmd, 1);
	sc_value(&a->params[0], attr, *va, *vb, 0);
	uint32_t a0 = sc_call(a, NULL);
	*va = (uint32_t)a->params[0].u.value.a;
	*vb = (uint32_t)a->params[0].u.value.b;
	if (origin)
		*origin = a->ret_origin;
	return a0 ? 0xa0000000u | a0 : a->ret;
}

static uint32_t inv_nop(uint32_t sid)
{
	uint32_t x = 0, y = 0;
	return inv_value(sid, TEST_TA_CMD_NOP, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, &x, &y, NULL);
}

/* The built-in test service's NOOP (no params): the TEE still serves. */
static uint32_t pta_nop(void)
{
	struct optee_msg_arg *a = sc_invoke_arg(s_test, 0, 0);
	uint32_t a0 = sc_call(a, NULL);
	return a0 ? 0xa0000000u | a0 : a->ret;
}

static void call_cases(void)
{
	uint32_t sid = 0, ret = sc_open(1, ta_uuid(0x10), &sid), a, b, origin = 0;

	ns_case("ns.ta.open", "OPEN_SESSION to the test TA (a user TA, no built-in service has its UUID) returns 0",
		ret == 0 && sid, "ret 0x%08x session 0x%x", ret, sid);
	ret = inv_nop(sid);
	ns_expect_eq("ns.ta.nop", "INVOKE no-op of the user TA returns 0", ret, 0);

	a = 41, b = 0;
	ret = inv_value(sid, TEST_TA_CMD_INC, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, &a, &b, &origin);
	ns_case("ns.ta.value_inout", "VALUE_INOUT a = 41 comes back 42, b = 2 invokes so far, origin TRUSTED_APP",
		ret == 0 && a == 42 && b == 2 && origin == SC_ORIGIN_TA, "ret 0x%08x a %u b %u origin %u", ret, a, b,
		origin);

	/* A memref across a page boundary. */
	uint8_t *buf = sc_data(0);
	for (unsigned i = 0; i < 5000; i++)
		buf[i] = (uint8_t)i;
	struct optee_msg_arg *m = sc_invoke_arg(sid, TEST_TA_CMD_MEMREF_INC, 1);
	sc_mem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INOUT, sc_data_pa(0), 5000, 0x1234);
	uint32_t a0 = sc_call(m, NULL);
	unsigned bad = 5000;
	for (unsigned i = 0; i < 5000 && bad == 5000; i++)
		if (buf[i] != (uint8_t)(i + 1))
			bad = i;
	sc_expect_call("ns.ta.memref_inout", "MEMREF_INOUT of 5000 bytes: the TA adds 1 to every byte, written back",
		       a0, m, TEE_SUCCESS, SC_ORIGIN_TA, bad == 5000 ? NULL : SC_DETAIL("byte %u is 0x%02x", bad, buf[bad]));

	m = sc_invoke_arg(sid, TEST_TA_CMD_SHORT_BUFFER, 1);
	sc_mem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0), 10, 0x1235);
	a0 = sc_call(m, NULL);
	sc_expect_call("ns.ta.short_buffer", "MEMREF_OUTPUT of 10 bytes for 64: SHORT_BUFFER with size 64",
		       a0, m, TEE_ERROR_SHORT_BUFFER, SC_ORIGIN_TA,
		       m->params[0].u.tmem.size == 64 ? NULL : SC_DETAIL("size %u", (uint32_t)m->params[0].u.tmem.size));
	m = sc_invoke_arg(sid, TEST_TA_CMD_SHORT_BUFFER, 1);
	sc_mem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0), 100, 0x1236);
	a0 = sc_call(m, NULL);
	sc_expect_call("ns.ta.output", "MEMREF_OUTPUT of 100 bytes: 64 bytes 0..63 and size 64", a0, m, TEE_SUCCESS,
		       SC_ORIGIN_TA, m->params[0].u.tmem.size == 64 && buf[0] == 0 && buf[63] == 63 ? NULL
		       : SC_DETAIL("size %u, bytes %u..%u", (uint32_t)m->params[0].u.tmem.size, buf[0], buf[63]));

	a = 7, b = 0;
	ret = inv_value(sid, TEST_TA_CMD_LOG, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, &a, &b, NULL);
	ns_expect_eq("ns.ta.sys_log", "log syscall (\"test TA says 7\" on the secure console) returns 0", ret, 0);

	memset(buf, 0, 64);
	m = sc_invoke_arg(sid, TEST_TA_CMD_RANDOM, 1);
	sc_mem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, sc_data_pa(0), 64, 0x1237);
	a0 = sc_call(m, NULL);
	unsigned nz = 0;
	for (unsigned i = 0; i < 64; i++)
		nz += buf[i] != 0;
	sc_expect_call("ns.ta.sys_random", "random syscall fills a 64-byte output memref (most bytes non-zero)",
		       a0, m, TEE_SUCCESS, SC_ORIGIN_TA, nz >= 48 ? NULL : SC_DETAIL("%u non-zero bytes", nz));

	uint32_t s1 = 0, ms1 = 0, s2 = 0, ms2 = 0;
	uint32_t r1 = inv_value(sid, TEST_TA_CMD_SYSTEM_TIME, OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, &s1, &ms1, NULL);
	uint32_t r2 = inv_value(sid, TEST_TA_CMD_SYSTEM_TIME, OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, &s2, &ms2, NULL);
	ns_case("ns.ta.sys_system_time", "system time syscall: 0, millis < 1000, never going back",
		r1 == 0 && r2 == 0 && ms1 < 1000 && ms2 < 1000 && (s2 > s1 || (s2 == s1 && ms2 >= ms1)),
		"ret 0x%08x 0x%08x, %u.%03u then %u.%03u", r1, r2, s1, ms1, s2, ms2);

	a = b = 0;
	ret = inv_value(sid, TEST_TA_CMD_REE_TIME, OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, &a, &b, NULL);
	ns_case("ns.ta.sys_ree_time", "REE time syscall: RPC GET_TIME served here (1234 s, 5678 ns) gives 1234 s 0 ms",
		ret == 0 && a == SC_TIME_S && b == SC_TIME_NS / 1000000, "ret 0x%08x %u s %u ms", ret, a, b);

	a = USER_LOAD_VA, b = 1;
	ret = inv_value(sid, TEST_TA_CMD_CHECK_ACCESS, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, &a, &b, NULL);
	ns_expect_eq("ns.ta.access_own_text_read", "check access: its own text is readable", ret, 0);
	a = USER_LOAD_VA, b = 2;
	ret = inv_value(sid, TEST_TA_CMD_CHECK_ACCESS, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, &a, &b, NULL);
	ns_expect_eq("ns.ta.access_own_text_write", "check access: its own text is not writable (ACCESS_DENIED)",
		     ret, TEE_ERROR_ACCESS_DENIED_);
	a = 0x0e000000u, b = 1;
	ret = inv_value(sid, TEST_TA_CMD_CHECK_ACCESS, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, &a, &b, NULL);
	ns_expect_eq("ns.ta.access_core", "check access: core memory (0x0e000000) is not readable", ret,
		     TEE_ERROR_ACCESS_DENIED_);
	a = 0xfffffffeu, b = 1;
	ret = inv_value(sid, TEST_TA_CMD_CHECK_ACCESS, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, &a, &b, NULL);
	ns_expect_eq("ns.ta.access_wrap", "check access: a range that wraps is refused", ret, TEE_ERROR_ACCESS_DENIED_);

	a = 0x0e000000u, b = 0;
	ret = inv_value(sid, TEST_TA_CMD_RANDOM_BAD, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, &a, &b, NULL);
	ns_case("ns.ta.sys_random_core_ptr", "random syscall into core memory: ACCESS_DENIED, nothing written, TA alive",
		ret == 0 && a == TEE_ERROR_ACCESS_DENIED_, "ret 0x%08x syscall result 0x%08x", ret, a);
	a = 0x40000000u, b = 0;
	ret = inv_value(sid, TEST_TA_CMD_LOG_BAD, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, &a, &b, NULL);
	ns_case("ns.ta.sys_log_ns_ptr", "log syscall from NS RAM (0x40000000): ACCESS_DENIED, TA alive",
		ret == 0 && a == TEE_ERROR_ACCESS_DENIED_, "ret 0x%08x syscall result 0x%08x", ret, a);

	a = 100, b = 0;
	ret = inv_value(sid, TEST_TA_CMD_HEAP, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, &a, &b, NULL);
	ns_case("ns.ta.heap", "TEE_Malloc of 100-byte blocks until NULL (16 KiB heap in .bss), all freed, the same "
		"number again, contents intact, a block larger than the heap refused", ret == 0 && b == 1 && a > 100 &&
		a < 164, "ret 0x%08x, %u blocks, checks %u", ret, a, b);

	ret = sc_close(1, sid);
	ns_expect_eq("ns.ta.close", "CLOSE_SESSION of the user TA returns 0", ret, 0);
}

/* One way to die: a fresh instance, the command, then the instance's
 * session answers TARGET_DEAD and closes, and the TEE keeps serving. */
static void death_case(const char *id, const char *what, uint32_t cmd, uint32_t va)
{
	uint32_t sid = 0, ret = sc_open(1, ta_uuid(0x10), &sid), a = va, b = 0, origin = 0, r2, r3, r4;
	uint32_t used, inst;

	if (cmd == TEST_TA_CMD_WRITE_INPUT) {
		struct optee_msg_arg *m = sc_invoke_arg(sid, cmd, 1);
		sc_mem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, sc_data_pa(0), 16, 0x99);
		uint32_t a0 = sc_call(m, NULL);
		r2 = a0 ? 0xa0000000u | a0 : m->ret;
		origin = m->ret_origin;
	} else {
		r2 = inv_value(sid, cmd, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, &a, &b, &origin);
	}
	r3 = inv_nop(sid);
	r4 = sc_close(1, sid);
	pool_stats(&used, &inst);
	ns_case(id, what, ret == 0 && r2 == TEE_ERROR_TARGET_DEAD && origin == SC_ORIGIN_TEE &&
		r3 == TEE_ERROR_TARGET_DEAD && r4 == 0 &&
		used == 0 && inst == 0 && pta_nop() == 0,
		"open 0x%08x, call 0x%08x (origin %u), next invoke 0x%08x, close 0x%08x, pool %u bytes, %u instances",
		ret, r2, origin, r3, r4, used, inst);
}

static void death_cases(void)
{
	death_case("ns.ta.die.read_core", "reading core RAM (0x0e000000) kills the TA: TARGET_DEAD, pool at baseline",
		   TEST_TA_CMD_READ, 0x0e000000u);
	death_case("ns.ta.die.read_flash", "reading the firmware (0x00001000) kills the TA", TEST_TA_CMD_READ, 0x1000u);
	death_case("ns.ta.die.read_device", "reading a device (UART0 0x09000000) kills the TA", TEST_TA_CMD_READ,
		   0x09000000u);
	death_case("ns.ta.die.read_ns", "reading NS RAM (0x40000000) kills the TA", TEST_TA_CMD_READ, 0x40000000u);
	death_case("ns.ta.die.read_guard", "reading the guard page below its stack (0x20000000) kills the TA",
		   TEST_TA_CMD_READ, 0x20000000u);
	death_case("ns.ta.die.write_core", "writing core RAM (0x0e100000) kills the TA", TEST_TA_CMD_WRITE,
		   0x0e100000u);
	death_case("ns.ta.die.write_text", "writing its own text kills the TA", TEST_TA_CMD_WRITE_TEXT, 0);
	death_case("ns.ta.die.exec_data", "executing its own data (XN) kills the TA", TEST_TA_CMD_EXEC_DATA, 0);
	death_case("ns.ta.die.exec_ns", "jumping to NS RAM (0x40000000) kills the TA", TEST_TA_CMD_EXEC, 0x40000000u);
	death_case("ns.ta.die.exec_core", "jumping into the firmware (0x00001000) kills the TA", TEST_TA_CMD_EXEC,
		   0x1000u);
	death_case("ns.ta.die.undef", "an undefined instruction kills the TA", TEST_TA_CMD_UNDEF, 0);
	death_case("ns.ta.die.vfp", "a VFP instruction (no VFP for TAs) kills the TA", TEST_TA_CMD_VFP, 0);
	death_case("ns.ta.die.stack_overflow", "a stack overflow into the guard page kills the TA",
		   TEST_TA_CMD_STACK_OVF, 0);
	death_case("ns.ta.die.panic", "TEE_Panic kills the TA", TEST_TA_CMD_PANIC, 0);
	death_case("ns.ta.die.heap_exhausted", "a TA that panics on an exhausted heap dies alone", TEST_TA_CMD_HEAP_PANIC,
		   0);
	death_case("ns.ta.die.bad_syscall", "an unknown syscall number (99) kills the TA", TEST_TA_CMD_BAD_SYSCALL,
		   0);
	death_case("ns.ta.die.write_input", "writing into an input memref (mapped read-only) kills the TA",
		   TEST_TA_CMD_WRITE_INPUT, 0);
}

static uint32_t counts(uint32_t sid, uint32_t *creates, uint32_t *sessions)
{
	*creates = *sessions = 0;
	return inv_value(sid, TEST_TA_CMD_COUNTS, OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, creates, sessions, NULL);
}

static void lifecycle_cases(void)
{
	uint32_t s1 = 0, s2 = 0, r1, r2, c1, n1, c2, n2, used, inst;

	/* No flags: an instance per session. */
	r1 = sc_open(1, ta_uuid(0x10), &s1);
	r2 = sc_open(1, ta_uuid(0x10), &s2);
	pool_stats(&used, &inst);
	counts(s1, &c1, &n1);
	counts(s2, &c2, &n2);
	ns_case("ns.ta.multi_instance", "no flags: two sessions, two instances, each created once with one session",
		r1 == 0 && r2 == 0 && inst == 2 && c1 == 1 && n1 == 1 && c2 == 1 && n2 == 1,
		"open 0x%08x 0x%08x, %u instances, creates/sessions %u/%u and %u/%u", r1, r2, inst, c1, n1, c2, n2);
	sc_close(1, s1);
	sc_close(1, s2);

	/* SINGLE_INSTANCE without MULTI_SESSION: one session at a time. */
	r1 = sc_open(1, ta_uuid(0x11), &s1);
	r2 = sc_open(1, ta_uuid(0x11), &s2);
	ns_case("ns.ta.single_instance_busy", "SINGLE_INSTANCE: a second open while a session exists gets BUSY",
		r1 == 0 && r2 == TEE_ERROR_BUSY, "open 0x%08x then 0x%08x", r1, r2);
	sc_close(1, s1);
	r2 = sc_open(1, ta_uuid(0x11), &s2);
	counts(s2, &c2, &n2);
	ns_case("ns.ta.single_instance_reopen", "SINGLE_INSTANCE: after the close a new open gets a fresh instance",
		r2 == 0 && c2 == 1 && n2 == 1, "open 0x%08x, creates %u sessions %u", r2, c2, n2);
	sc_close(1, s2);

	/* SINGLE_INSTANCE | MULTI_SESSION: one instance, two sessions. */
	r1 = sc_open(1, ta_uuid(0x12), &s1);
	r2 = sc_open(1, ta_uuid(0x12), &s2);
	pool_stats(&used, &inst);
	counts(s2, &c2, &n2);
	ns_case("ns.ta.multi_session", "SINGLE_INSTANCE|MULTI_SESSION: two sessions share one instance (created once)",
		r1 == 0 && r2 == 0 && inst == 1 && c2 == 1 && n2 == 2,
		"open 0x%08x 0x%08x, %u instances, creates %u sessions %u", r1, r2, inst, c2, n2);
	sc_close(1, s1);
	counts(s2, &c2, &n2);
	ns_case("ns.ta.multi_session_close_one", "closing one of them leaves the instance with one session",
		c2 == 1 && n2 == 1, "creates %u sessions %u", c2, n2);
	sc_close(1, s2);
	pool_stats(&used, &inst);
	ns_case("ns.ta.multi_session_gone", "closing the last session destroys the instance: pool at baseline",
		used == 0 && inst == 0, "pool %u bytes, %u instances", used, inst);

	/* + INSTANCE_KEEP_ALIVE: survives its last close, globals kept. */
	uint32_t a = 0, b = 0;
	r1 = sc_open(1, ta_uuid(0x13), &s1);
	inv_value(s1, TEST_TA_CMD_INC, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, &a, &b, NULL);
	sc_close(1, s1);
	pool_stats(&used, &inst);
	ns_case("ns.ta.keep_alive_stays", "INSTANCE_KEEP_ALIVE: after its last close the instance stays (pool in use)",
		r1 == 0 && inst == 1 && used > 0, "open 0x%08x, %u instances, pool %u bytes", r1, inst, used);
	r2 = sc_open(1, ta_uuid(0x13), &s2);
	a = b = 0;
	inv_value(s2, TEST_TA_CMD_INC, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, &a, &b, NULL);
	counts(s2, &c2, &n2);
	ns_case("ns.ta.keep_alive_state", "INSTANCE_KEEP_ALIVE: a new session finds its globals (2nd INC, created once)",
		r2 == 0 && b == 2 && c2 == 1, "open 0x%08x, invokes %u, creates %u", r2, b, c2);
	/* It dies: the instance goes, pool back to baseline. */
	a = 0x0e000000u;
	inv_value(s2, TEST_TA_CMD_READ, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, &a, &b, NULL);
	sc_close(1, s2);
	pool_stats(&used, &inst);
	ns_case("ns.ta.keep_alive_dies", "a KEEP_ALIVE instance that faults is gone: pool at baseline",
		used == 0 && inst == 0, "pool %u bytes, %u instances", used, inst);
}

/* ---- TA to TA, TA to built-in service ---------------------------------------- */

static uint32_t inv_2out(uint32_t sid, uint32_t cmd, uint32_t in_a, uint32_t out[4])
{
	struct optee_msg_arg *a = sc_invoke_arg(sid, cmd, 2);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, in_a, 0, 0);
	sc_value(&a->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	uint32_t a0 = sc_call(a, NULL);
	out[0] = (uint32_t)a->params[0].u.value.a;
	out[1] = (uint32_t)a->params[0].u.value.b;
	out[2] = (uint32_t)a->params[1].u.value.a;
	out[3] = (uint32_t)a->params[1].u.value.b;
	return a0 ? 0xa0000000u | a0 : a->ret;
}

static void ta2ta_cases(void)
{
	uint32_t sid = 0, ret = sc_open(1, ta_uuid(0x12), &sid), o[4] = { 0, 0, 0, 0 }, used, inst;

	ret = ret ? ret : inv_2out(sid, TEST_TA_CMD_CALL_PTA, 0, o);
	ns_case("ns.ta.ta2pta", "a TA opens the built-in hello world service, invokes it (41 -> 42), closes it",
		ret == 0 && o[1] == 0 && o[0] == 42, "ret 0x%08x, open 0x%08x, answer %u", ret, o[1], o[0]);
	ret = inv_2out(sid, TEST_TA_CMD_CALL_TA, 0x10, o);
	ns_case("ns.ta.ta2ta", "a TA opens another TA (loaded for it), passes a value and a 300-byte memref, the callee "
		"sees login TRUSTED_APP and the caller's UUID, close, the handle is dead afterwards",
		ret == 0 && o[2] == TEST_TA_CALL_ALL, "ret 0x%08x, checks 0x%02x of 0x%02x, first failure 0x%08x", ret,
		o[2], TEST_TA_CALL_ALL, o[3]);
	ret = inv_2out(sid, TEST_TA_CMD_CALL_TA, 0x12, o);
	ns_case("ns.ta.ta2self_busy", "a SINGLE_INSTANCE TA opening itself while it runs gets BUSY (no deadlock)",
		ret == 0 && o[2] == 0 && o[3] == TEE_ERROR_BUSY, "ret 0x%08x, checks 0x%02x, result 0x%08x", ret,
		o[2], o[3]);
	ret = inv_2out(sid, TEST_TA_CMD_CALL_DEAD, 0, o);
	ns_case("ns.ta.ta2ta_callee_dies", "a callee TA that faults: its caller gets TARGET_DEAD, origin TEE, and "
		"goes on (calls the built-in service after)", ret == 0 && o[0] == TEE_ERROR_TARGET_DEAD &&
		o[1] == SC_ORIGIN_TEE && o[2] == 42, "ret 0x%08x, callee 0x%08x origin %u, then %u", ret, o[0], o[1],
		o[2]);
	uint32_t x = 2, y = 0;
	ret = inv_value(sid, TEST_TA_CMD_CHAIN, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, &x, &y, NULL);
	ns_case("ns.ta.ta2ta_chain", "a chain of 3 TAs (each callee loaded from inside the caller's call, RSA check at "
		"depth): every link answers", ret == 0 && x == 0, "ret 0x%08x, chain result 0x%08x", ret, x);
	x = 3;
	ret = inv_value(sid, TEST_TA_CMD_CHAIN, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, &x, &y, NULL);
	ns_case("ns.ta.ta2ta_depth", "a 4th link (calls nest at most 3 deep, the thread's kernel stack): BUSY, "
		"the chain unwinds", ret == 0 && x == TEE_ERROR_BUSY, "ret 0x%08x, chain result 0x%08x", ret, x);
	sc_close(1, sid);
	pool_stats(&used, &inst);
	ns_case("ns.ta.ta2ta_baseline", "after the TA-to-TA calls: pool at baseline, no instance", used == 0 &&
		inst == 0, "pool %u bytes, %u instances", used, inst);
}

/* ---- two CPUs ------------------------------------------------------------------ */

#define SMP_TA_ITERS 200

struct ta_smp {
	volatile uint32_t started, ok, bad_i, bad_ret;
};
static struct ta_smp ta_smp[2];
static uint32_t smp_sid[2];
static volatile uint32_t smp_job, smp_done;
static struct smc_regs *volatile smp_r;
static struct sc_rpc *volatile smp_rpc;
uint8_t ta_cpu1_stack[8192] __attribute__((aligned(16)));

__asm__(".text\n"
	".global ta_cpu1_entry\n"
	".type ta_cpu1_entry, %function\n"
	"ta_cpu1_entry:\n"
	"	cpsid	if\n"
	"	ldr	sp, =ta_cpu1_stack + 8192\n"
	"	ldr	r1, =ns_vectors\n"
	"	mcr	p15, 0, r1, c12, c0, 0\n"
	"	isb\n"
	"	bl	ta_cpu1_main\n"
	"1:	wfe\n"
	"	b	1b\n"
	".ltorg\n");
void ta_cpu1_entry(void);
void ta_cpu1_main(uint32_t ctx);

/* INC on this CPU's session, no RPC possible: raw SMCs on its own slot. */
static void smp_ta_loop(unsigned cpu)
{
	struct ta_smp *res = &ta_smp[cpu];

	for (uint32_t i = 0; i < SMP_TA_ITERS; i++) {
		struct optee_msg_arg *a = sc_arg(10 + cpu, OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
		a->session = smp_sid[cpu];
		a->func = TEST_TA_CMD_INC;
		sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, i * 3 + cpu, 0, 0);
		struct smc_regs r = { { OPTEE_SMC_CALL_WITH_ARG, 0, sc_pa(a), 0, 0, 0, 0, 0 } };
		smc_call(&r);
		if (r.r[0] == 0 && a->ret == 0 && a->params[0].u.value.a == i * 3 + cpu + 1 &&
		    a->params[0].u.value.b == i + 1) {
			res->ok++;
		} else if (res->ok == i) {
			res->bad_i = i;
			res->bad_ret = r.r[0] ? r.r[0] : a->ret;
		}
	}
}

enum { SMP_NONE, SMP_LOOP, SMP_STEP, SMP_OFF };

void ta_cpu1_main(uint32_t ctx)
{
	(void)ctx;
	ta_smp[1].started = 1;
	for (;;) {
		uint32_t job;

		while (!(job = smp_job))
			__asm__ volatile("wfe" ::: "memory");
		if (job == SMP_LOOP)
			smp_ta_loop(1);
		else if (job == SMP_STEP)
			sc_step(smp_r, smp_rpc);
		smp_job = SMP_NONE;
		__asm__ volatile("dsb\n\tsev" ::: "memory");
		smp_done++;
		if (job == SMP_OFF)
			smc4(PSCI_CPU_OFF, 0, 0, 0, NULL);
	}
}

static bool cpu1_do(uint32_t job, bool wait)
{
	uint32_t done = smp_done;

	smp_job = job;
	__asm__ volatile("dsb\n\tsev" ::: "memory");
	for (uint32_t spins = 0; wait && smp_done == done; spins++)
		if (spins > 400000000u)
			return false;
	return true;
}

static void smp_cases(void)
{
	const char *id = "ns.ta.smp.two_instances";
	uint32_t r0, r1, used, inst;

	if (ns_info.cpus < 2) {
		ns_printf("ta: one CPU: ns.ta.smp.* not run\n");
		return;
	}
	r0 = sc_open(1, ta_uuid(0x10), &smp_sid[0]);
	r1 = sc_open(1, ta_uuid(0x10), &smp_sid[1]);
	memset(ta_smp, 0, sizeof(ta_smp));
	if (r0 || r1 || smc4(PSCI_CPU_ON, 1, (uint32_t)ta_cpu1_entry, 0, NULL) != PSCI_RET_SUCCESS) {
		ns_fail(id, "two CPUs", "open 0x%08x 0x%08x or CPU_ON failed", r0, r1);
		return;
	}
	for (uint32_t spin = 0; !ta_smp[1].started && spin < 100000000u; spin++)
		__asm__ volatile("" ::: "memory");
	cpu1_do(SMP_LOOP, false);
	smp_ta_loop(0);
	for (uint32_t spin = 0; smp_job != SMP_NONE && spin < 400000000u; spin++)
		__asm__ volatile("" ::: "memory");
	ns_case(id, "CPU0 and CPU1 each invoke their own instance of the test TA 200 times at once (two address spaces "
		"live on two CPUs): every answer right, each instance counted only its own calls",
		ta_smp[0].ok == SMP_TA_ITERS && ta_smp[1].ok == SMP_TA_ITERS,
		"CPU0 %u ok, CPU1 %u ok (CPU0 first bad %u: 0x%08x, CPU1 first bad %u: 0x%08x)", ta_smp[0].ok,
		ta_smp[1].ok, ta_smp[0].bad_i, ta_smp[0].bad_ret, ta_smp[1].bad_i, ta_smp[1].bad_ret);

	/* A TA suspended in an RPC (REE time) on CPU0, resumed on CPU1: it
	 * goes on in its own address space there. */
	struct sc_rpc rpc;
	struct smc_regs r;
	memset(&rpc, 0, sizeof(rpc));
	memset(&r, 0, sizeof(r));
	struct optee_msg_arg *a = sc_invoke_arg(smp_sid[0], TEST_TA_CMD_REE_TIME, 1);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	sc_start(a, &r);
	smp_r = &r;
	smp_rpc = &rpc;
	bool ok = cpu1_do(SMP_STEP, true);
	if (OPTEE_SMC_RETURN_IS_RPC(r.r[0]))
		sc_continue(&r, &rpc);
	ns_case("ns.ta.smp.resume_other_cpu", "a TA call suspended in an RPC on CPU0 is resumed on CPU1 (its address "
		"space follows) and completes with the REE time", ok && r.r[0] == 0 && a->ret == 0 &&
		a->params[0].u.value.a == SC_TIME_S, "%sa0 0x%08x ret 0x%08x seconds %u, RPCs \"%s\"",
		ok ? "" : "CPU1 timed out; ", r.r[0], a->ret, (uint32_t)a->params[0].u.value.a, rpc.order);
	cpu1_do(SMP_OFF, true);
	sc_close(1, smp_sid[0]);
	sc_close(1, smp_sid[1]);
	pool_stats(&used, &inst);
	ns_case("ns.ta.smp.baseline", "after the two-CPU cases: pool at baseline", used == 0 && inst == 0,
		"pool %u bytes, %u instances", used, inst);
}

/* ---- properties, waiting, cancellation -------------------------------------- */

static void props_case(void)
{
	uint32_t sid = 0, ret = sc_open(1, ta_uuid(0x10), &sid);
	struct optee_msg_arg *a = sc_invoke_arg(sid, TEST_TA_CMD_PROPS, 2);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	sc_value(&a->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	uint32_t a0 = sc_call(a, NULL);
	uint32_t login = (uint32_t)a->params[0].u.value.a, bits = (uint32_t)a->params[1].u.value.a;
	sc_expect_call("ns.ta.sys_properties", "properties: client identity (PUBLIC), gpd.ta.appID, singleInstance, "
		       "gpd.tee.description, unknown name, short buffer, name in core memory", a0, a, TEE_SUCCESS,
		       SC_ORIGIN_TA, ret ? SC_DETAIL("open 0x%08x", ret) : login != OPTEE_MSG_LOGIN_PUBLIC ?
		       SC_DETAIL("login 0x%x", login) : bits != TEST_TA_PROP_ALL ?
		       SC_DETAIL("checks 0x%02x of 0x%02x passed", bits, TEST_TA_PROP_ALL) : NULL);
	sc_close(1, sid);
}

static uint32_t cancel_sid;
static unsigned cancels_sent;

/* A CANCEL for cancel_sid, issued while the call to cancel is suspended
 * (a second yielding call, as Linux issues it). */
static void send_cancel(void)
{
	struct optee_msg_arg *c = sc_arg(7, OPTEE_MSG_CMD_CANCEL, 0);
	struct smc_regs r = { { OPTEE_SMC_CALL_WITH_ARG, 0, sc_pa(c), 0, 0, 0, 0, 0 } };

	c->session = cancel_sid;
	smc_call(&r);
	if (r.r[0] == 0 && c->ret == 0)
		cancels_sent++;
}

static void cancel_on_suspend(uint32_t ms)
{
	(void)ms;
	if (!cancels_sent)
		send_cancel();
}

/* TEE_Wait(ms) with cancellation unmasked or not; a CANCEL at the first
 * SUSPEND if cancel. Returns the call's ret; *wres, *flag what the TA saw. */
static uint32_t wait_call(uint32_t sid, uint32_t ms, bool unmask, bool cancel, uint32_t *wres,
			  uint32_t *flag)
{
	struct sc_rpc rpc;
	memset(&rpc, 0, sizeof(rpc));
	rpc.max_rpcs = 200;
	cancel_sid = sid;
	cancels_sent = 0;
	ta_serve_suspends = 0;
	ta_serve_on_suspend = cancel ? cancel_on_suspend : NULL;
	struct optee_msg_arg *a = sc_invoke_arg(sid, TEST_TA_CMD_WAIT, 1);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, ms, unmask, 0);
	uint32_t a0 = sc_call(a, &rpc);
	ta_serve_on_suspend = NULL;
	*wres = (uint32_t)a->params[0].u.value.a;
	*flag = (uint32_t)a->params[0].u.value.b;
	return a0 ? 0xa0000000u | a0 : a->ret;
}

static void wait_cases(void)
{
	uint32_t sid = 0, ret, w, f;

	if (sc_thread_count < 2) {
		ns_case("ns.ta.wait", "TEE_Wait cases need two secure threads", false, "GET_THREAD_COUNT %u",
			sc_thread_count);
		return;
	}
	sc_open(1, ta_uuid(0x10), &sid);
	ret = wait_call(sid, 150, false, false, &w, &f);
	ns_case("ns.ta.wait", "TEE_Wait(150 ms): SUCCESS after RPC SUSPENDs in slices of at most 100 ms",
		ret == 0 && w == 0 && f == 0 && ta_serve_suspends >= 2 && ta_serve_suspends <= 4,
		"ret 0x%08x, wait 0x%08x, flag %u, %u SUSPENDs", ret, w, f, ta_serve_suspends);
	ret = wait_call(sid, 10000, true, true, &w, &f);
	ns_case("ns.ta.wait_cancelled", "TEE_Wait(10 s), cancellation unmasked, CANCEL during the first SUSPEND: "
		"TEE_ERROR_CANCEL at once, flag set", ret == 0 && w == TEE_ERROR_CANCEL_ && f == 1 &&
		cancels_sent == 1 && ta_serve_suspends == 1,
		"ret 0x%08x, wait 0x%08x, flag %u, %u CANCEL sent, %u SUSPENDs", ret, w, f, cancels_sent,
		ta_serve_suspends);
	ret = wait_call(sid, 250, false, true, &w, &f);
	ns_case("ns.ta.wait_cancel_masked", "TEE_Wait(250 ms) with cancellation masked (the default): the CANCEL "
		"is not seen, SUCCESS, flag clear", ret == 0 && w == 0 && f == 0 && cancels_sent == 1,
		"ret 0x%08x, wait 0x%08x, flag %u, %u CANCEL sent", ret, w, f, cancels_sent);
	ret = wait_call(sid, 10, true, false, &w, &f);
	ns_case("ns.ta.cancel_is_per_call", "the next call of that session starts without the old CANCEL",
		ret == 0 && w == 0 && f == 0, "ret 0x%08x, wait 0x%08x, flag %u", ret, w, f);
	sc_close(1, sid);
}

/* ---- foreign interrupts while a TA spins ----------------------------------- */

#define GICD_BASE 0x08000000u
#define GICC_BASE 0x08010000u
#define VTIMER_ID 27u
static inline void mmio_w(uint32_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint32_t mmio_r(uint32_t a) { return *(volatile uint32_t *)a; }
static void vtimer_ctl(uint32_t v) { __asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" : : "r"(v) : "memory"); }

static uint32_t timer_ticks;

static void timer_arm(void)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 0\n\tisb" : : "r"(timer_ticks) : "memory");
	vtimer_ctl(1);
}

static void foreign_hook(struct sc_rpc *rpc)
{
	uint32_t iar = mmio_r(GICC_BASE + 0x00c);
	vtimer_ctl(0);
	if ((iar & 0x3ff) < 1020)
		mmio_w(GICC_BASE + 0x010, iar);
	rpc->user++;
}

/* Endless loop: the timer re-armed at every interrupt, a CANCEL after the
 * 5th. */
static void endless_hook(struct sc_rpc *rpc)
{
	foreign_hook(rpc);
	if (rpc->user == 5)
		send_cancel();
	timer_arm();
}

static void foreign_intr_case(void)
{
	uint32_t sid = 0, ret = sc_open(1, ta_uuid(0x10), &sid), frq;
	struct sc_rpc rpc;

	mmio_w(GICD_BASE, mmio_r(GICD_BASE) | 1u);
	uint32_t pr = mmio_r(GICD_BASE + 0x400 + (VTIMER_ID & ~3u));
	pr = (pr & ~(0xffu << (8 * (VTIMER_ID & 3)))) | (0x80u << (8 * (VTIMER_ID & 3)));
	mmio_w(GICD_BASE + 0x400 + (VTIMER_ID & ~3u), pr);
	mmio_w(GICD_BASE + 0x100, 1u << VTIMER_ID);
	mmio_w(GICC_BASE, mmio_r(GICC_BASE) | 1u);
	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(frq));
	memset(&rpc, 0, sizeof(rpc));
	rpc.on_foreign = foreign_hook;
	rpc.max_rpcs = 1000;
	struct optee_msg_arg *a = sc_invoke_arg(sid, TEST_TA_CMD_SPIN, 1);
	sc_value(&a->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 16, 0, 0);
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 0\n\tisb" : : "r"((frq ? frq : 62500000u) / 1000) : "memory");
	vtimer_ctl(1);
	uint32_t a0 = sc_call(a, &rpc);
	vtimer_ctl(0);
	sc_expect_call("ns.ta.foreign_intr", "NS timer firing 1 ms into a TA spinning in user mode: RPC FOREIGN_INTR, "
		       "resumed, the TA finishes its loop", a0, a, TEE_SUCCESS, SC_ORIGIN_TA,
		       ret ? SC_DETAIL("open 0x%08x", ret) : !rpc.n_foreign ? SC_DETAIL("no FOREIGN_INTR (\"%s\")",
		       rpc.order) : rpc.n_foreign != rpc.n_total ? SC_DETAIL("RPCs \"%s\"", rpc.order) : NULL);
	ns_printf("ta: spin: %u FOREIGN_INTR\n", rpc.n_foreign);

	/* An endless loop, then a CANCEL: ended 500 ms later. */
	memset(&rpc, 0, sizeof(rpc));
	rpc.on_foreign = endless_hook;
	rpc.max_rpcs = 20000;
	cancel_sid = sid;
	cancels_sent = 0;
	timer_ticks = (frq ? frq : 62500000u) / 500;	/* 2 ms */
	a = sc_invoke_arg(sid, TEST_TA_CMD_SPIN_FOREVER, 0);
	timer_arm();
	a0 = sc_call(a, &rpc);
	vtimer_ctl(0);
	uint32_t ret2 = a0 ? 0xa0000000u | a0 : a->ret;
	ns_case("ns.ta.die.endless_loop_cancelled", "a TA in an endless loop (interrupts go to the normal world), "
		"CANCEL after the 5th: ended with TARGET_DEAD about 500 ms later, the session then TARGET_DEAD",
		ret2 == TEE_ERROR_TARGET_DEAD && cancels_sent == 1 && inv_nop(sid) == TEE_ERROR_TARGET_DEAD,
		"ret 0x%08x, %u CANCEL sent, %u FOREIGN_INTR, RPC err \"%s\"", ret2, cancels_sent, rpc.n_foreign,
		rpc.err);
	ns_printf("ta: endless loop: %u FOREIGN_INTR before the end\n", rpc.n_foreign);
	mmio_w(GICD_BASE + 0x180, 1u << VTIMER_ID);
	sc_close(1, sid);
}

void ns_payload_run(void)
{
	uint32_t used, inst, sid = 0, ret;

	sc_init();
	ta_serve_init();
	ret = sc_open(2, sc_uuid_test, &s_test);
	pool_stats(&used, &inst);
	ns_case("ns.ta.baseline", "before any TA: the TA pool is empty, no instance", ret == 0 && used == 0 && inst == 0,
		"open 0x%08x, pool %u bytes, %u instances", ret, used, inst);

	struct optee_msg_arg *o = sc_arg(1, OPTEE_MSG_CMD_OPEN_SESSION, 2);
	o->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(o->params[0].u.octets, ta_uuid(0x10), 16);
	o->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	o->params[1].u.value.c = 0xF0000000u;	/* TEE_LOGIN_TRUSTED_APP */
	uint32_t a0 = sc_call(o, NULL);
	sc_expect_call("ns.ta.login_trusted_app", "OPEN_SESSION claiming login TRUSTED_APP (the TEE's to give, TA to "
		       "TA) from the normal world: BAD_PARAMETERS, nothing loaded", a0, o, TEE_ERROR_BAD_PARAMETERS,
		       SC_ORIGIN_TEE, o->session ? "session set" : NULL);

	ret = sc_open(1, ta_uuid(0x7f), &sid);
	ns_expect_eq("ns.ta.unknown_uuid", "OPEN_SESSION of a UUID no service and no TA has: ITEM_NOT_FOUND", ret,
		     TEE_ERROR_ITEM_NOT_FOUND);

	call_cases();
	death_cases();
	lifecycle_cases();
	props_case();
	wait_cases();
	ta2ta_cases();
	smp_cases();
	foreign_intr_case();

	/* Load/unload cycles, a fault every 10th. */
	uint32_t good = 0, loads0 = ta_serve_loads;
	for (uint32_t i = 0; i < TA_CYCLES; i++) {
		uint32_t sid = 0, x = i % 10 ? 0 : 0x0e000000u, y = 0;
		if (sc_open(1, ta_uuid(0x10), &sid))
			continue;
		ret = inv_value(sid, i % 10 ? TEST_TA_CMD_INC : TEST_TA_CMD_READ, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT,
				&x, &y, NULL);
		good += (i % 10 ? ret == 0 && x == 1 : ret == TEE_ERROR_TARGET_DEAD) && sc_close(1, sid) == 0;
	}
	pool_stats(&used, &inst);
	ns_case("ns.ta.cycles", "1000 open/invoke/close cycles, each loading the TA (every 10th faulting): all right, "
		"pool back at baseline", good == TA_CYCLES && ta_serve_loads - loads0 == TA_CYCLES && used == 0 &&
		inst == 0, "%u of %u right, %u loads, pool %u bytes, %u instances", good, TA_CYCLES,
		ta_serve_loads - loads0, used, inst);
	pool_stats(&used, &inst);
	ns_case("ns.ta.pool_baseline", "at the end: TA pool back to 0 bytes, no instance", used == 0 && inst == 0,
		"pool %u bytes, %u instances", used, inst);
	ret = sc_close(2, s_test);
	ns_expect_eq("ns.ta.test_close", "CLOSE of the test-service session returns 0", ret, 0);
	ns_case("ns.ta.supplicant", "every LOAD_TA exchange was well-formed, every RPC buffer came back",
		!ta_serve_err[0] && sc_rpcbufs_in_use() == 0, "%s; %u RPC buffers out", ta_serve_err,
		sc_rpcbufs_in_use());
}
