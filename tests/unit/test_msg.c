/*
 * The message layer on the host (core/msg.c, core/msg_param.c, mm/ns_shm.c,
 * core/session.c): a fake NS RAM is mapped at its real address, 0x40000000,
 * so the firmware's identity PA->VA mapping holds; arg structs and page
 * lists are built there as the Linux driver would.
 */
#include <string.h>
#include <sys/mman.h>
#include <optee_msg.h>
#include <optee_smc.h>
#include <core_mmu.h>
#include <msg.h>
#include <ns_shm.h>
#include <pta.h>
#include <thread_pool.h>
#include "fake_arch.h"
#include "unit_test.h"

#define NS_BASE 0x40000000u
#define NS_SIZE 0x01000000u
#define PAGE    4096u

/* Stand-ins for the thread pool: one call at a time, no RPC. */
static uint64_t rpc_arg_pa;
void thread_set_rpc_arg(uint64_t pa) { rpc_arg_pa = pa; }
uint64_t thread_get_rpc_arg(void) { return rpc_arg_pa; }

/* The calling thread's bounce area: one, emptied before each call. */
static uint8_t bounce_area[THREAD_BOUNCE_SIZE + THREAD_BOUNCE_SLACK] __attribute__((aligned(8)));
static size_t bounce_used;
void *thread_bounce_alloc(size_t size)
{
	size_t r = (size + 7) & ~(size_t)7;
	void *p;

	if (r > sizeof(bounce_area) - bounce_used)
		return NULL;
	p = bounce_area + bounce_used;
	bounce_used += r;
	return p;
}

/* Two services: hello (value inc) and echo (memref in -> memref out). */
static uint32_t hello_invoke(struct pta_session *s, uint32_t cmd, uint32_t t, union tee_param p[4])
{
	(void)s;
	if (cmd || t != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, 0, 0, 0))
		return TEE_ERROR_BAD_PARAMETERS;
	p[0].value.a++;
	return TEE_SUCCESS;
}

static uint32_t echo_invoke(struct pta_session *s, uint32_t cmd, uint32_t t, union tee_param p[4])
{
	(void)s;
	(void)cmd;
	if (t != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_OUTPUT, 0, 0))
		return TEE_ERROR_BAD_PARAMETERS;
	if (!p[1].memref.buffer || p[1].memref.size < p[0].memref.size) {
		p[1].memref.size = p[0].memref.size;
		return TEE_ERROR_SHORT_BUFFER;
	}
	memcpy(p[1].memref.buffer, p[0].memref.buffer, p[0].memref.size);
	p[1].memref.size = p[0].memref.size;
	return TEE_SUCCESS;
}

static const struct pta_cmd hello_cmds[] = { { 0, TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, 0, 0, 0) } };
static const struct pta_cmd echo_cmds[] = {
	{ 0, TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_OUTPUT, 0, 0) },
};
static const struct pta hello = { .name = "hello", .uuid = { 1 }, PTA_CMDS(hello_cmds),
				  .invoke = hello_invoke };
static const struct pta echo = { .name = "echo", .uuid = { 2 }, PTA_CMDS(echo_cmds),
				 .invoke = echo_invoke };
/* The same echo, flagged as handling key material (as trusted keys are). */
static const struct pta secret_echo = { .name = "secret echo", .uuid = { 3 },
					.flags = PTA_FLAG_SECRET_PARAMS, PTA_CMDS(echo_cmds),
					.invoke = echo_invoke };
const struct pta *const pta_table[] = { &hello, &echo, &secret_echo };
const size_t pta_table_count = 3;

const struct pta *pta_find(const uint8_t uuid[16])
{
	for (size_t i = 0; i < pta_table_count; i++)
		if (!memcmp(pta_table[i]->uuid, uuid, 16))
			return pta_table[i];
	return NULL;
}

static uint8_t *ns(uint32_t pa) { return (uint8_t *)(uintptr_t)pa; }

static struct optee_msg_arg *arg_at(uint32_t pa, uint32_t cmd, uint32_t n)
{
	struct optee_msg_arg *a = (void *)ns(pa);

	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(n));
	a->cmd = cmd;
	a->num_params = n;
	return a;
}

static uint32_t call(uint32_t pa)
{
	bounce_used = 0;
	return msg_handle_call(pa, NS_BASE + NS_SIZE - pa, false);
}

static uint32_t open_session(const struct pta *p, uint32_t *session)
{
	struct optee_msg_arg *a = arg_at(NS_BASE, OPTEE_MSG_CMD_OPEN_SESSION, 2);

	a->params[0].attr = a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, p->uuid, 16);
	if (call(NS_BASE) != OPTEE_SMC_RETURN_OK)
		return 0xdead;
	*session = a->session;
	return a->ret;
}

static void test_open_invoke_close(void)
{
	struct optee_msg_arg *a;
	uint32_t s = 0;

	UT_EQ(open_session(&hello, &s), TEE_SUCCESS);
	UT_ASSERT(s != 0);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
	a->session = s;
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
	a->params[0].u.value.a = 41;
	a->params[0].u.value.c = 0x1234;
	UT_EQ(call(NS_BASE), OPTEE_SMC_RETURN_OK);
	UT_EQ(a->ret, TEE_SUCCESS);
	UT_EQ(a->ret_origin, TEE_ORIGIN_TRUSTED_APP);
	UT_EQ(a->params[0].u.value.a, 42);
	UT_EQ(a->params[0].u.value.c, 0x1234);		/* c is not written back */
	UT_EQ(session_count(), 1);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = s;
	UT_EQ(call(NS_BASE), OPTEE_SMC_RETURN_OK);
	UT_EQ(a->ret, TEE_SUCCESS);
	UT_EQ(session_count(), 0);
}

static void test_unknown_uuid(void)
{
	static const struct pta nobody = { .uuid = { 9 } };
	uint32_t s = 0;

	UT_EQ(open_session(&nobody, &s), TEE_ERROR_ITEM_NOT_FOUND);
	UT_EQ(((struct optee_msg_arg *)ns(NS_BASE))->ret_origin, TEE_ORIGIN_TEE);
	UT_EQ(session_count(), 0);
}

/* A 3-page buffer at offset 0x123 of its first page, pages out of order. */
static uint64_t register_buffer(uint64_t cookie, uint32_t size)
{
	uint64_t *list = (void *)ns(NS_BASE + 0x10000);
	struct optee_msg_arg *a = arg_at(NS_BASE, OPTEE_MSG_CMD_REGISTER_SHM, 1);

	list[0] = NS_BASE + 0x30000;
	list[1] = NS_BASE + 0x20000;
	list[2] = NS_BASE + 0x40000;
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->params[0].u.tmem.buf_ptr = (NS_BASE + 0x10000) | 0x123;
	a->params[0].u.tmem.size = size;
	a->params[0].u.tmem.shm_ref = cookie;
	if (call(NS_BASE) != OPTEE_SMC_RETURN_OK)
		return 0xdead;
	return a->ret;
}

static uint32_t unregister(uint64_t cookie)
{
	struct optee_msg_arg *a = arg_at(NS_BASE, OPTEE_MSG_CMD_UNREGISTER_SHM, 1);

	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
	a->params[0].u.rmem.shm_ref = cookie;
	call(NS_BASE);
	return a->ret;
}

static void set_rmem(struct optee_msg_param *p, uint32_t type, uint64_t offs, uint64_t size,
		     uint64_t cookie)
{
	p->attr = type;
	p->u.rmem.offs = offs;
	p->u.rmem.size = size;
	p->u.rmem.shm_ref = cookie;
}

static void test_rmem_echo_across_pages(void)
{
	uint8_t *p0 = ns(NS_BASE + 0x30000 + 0x123), *p1 = ns(NS_BASE + 0x20000);
	struct optee_msg_arg *a;
	uint32_t s = 0, i;

	UT_EQ(register_buffer(0xc00c1e, 3 * PAGE - 0x200), TEE_SUCCESS);
	UT_EQ(ns_shm_count(), 1);
	for (i = 0; i < PAGE - 0x123; i++)
		p0[i] = (uint8_t)i;
	for (i = 0; i < 100; i++)
		p1[i] = (uint8_t)(i + PAGE - 0x123);
	UT_EQ(open_session(&echo, &s), TEE_SUCCESS);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_INVOKE_COMMAND, 2);
	a->session = s;
	/* input: buffer bytes [0xe00, 0xe00 + 0x200): spans pages 0 and 1 */
	set_rmem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0xe00, 0x200, 0xc00c1e);
	set_rmem(&a->params[1], OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT, 2 * PAGE - 0x123 - 0x10, 0x200, 0xc00c1e);
	UT_EQ(call(NS_BASE), OPTEE_SMC_RETURN_OK);
	UT_EQ(a->ret, TEE_SUCCESS);
	UT_EQ(a->params[1].u.rmem.size, 0x200);
	UT_EQ(a->params[1].u.rmem.shm_ref, 0xc00c1e);		/* untouched */
	/* output landed in page 1 (0x20000) tail and page 2 (0x40000) head */
	UT_EQ(ns(NS_BASE + 0x20000 + PAGE - 0x10)[0], (uint8_t)0xe00);
	UT_EQ(ns(NS_BASE + 0x40000)[0], (uint8_t)(0xe00 + 0x10));
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = s;
	call(NS_BASE);
	UT_EQ(unregister(0xc00c1e), TEE_SUCCESS);
	UT_EQ(ns_shm_count(), 0);
	UT_EQ(unregister(0xc00c1e), TEE_ERROR_ITEM_NOT_FOUND);
}

static void test_rmem_bounds(void)
{
	struct optee_msg_arg *a;
	uint32_t s = 0;

	UT_EQ(register_buffer(0xb0b, 2 * PAGE), TEE_SUCCESS);
	UT_EQ(open_session(&echo, &s), TEE_SUCCESS);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_INVOKE_COMMAND, 2);
	a->session = s;
	set_rmem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0xffffffffffffff00ull, 0x200, 0xb0b);
	set_rmem(&a->params[1], OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT, 0, 0x200, 0xb0b);
	call(NS_BASE);
	UT_EQ(a->ret, TEE_ERROR_BAD_PARAMETERS);		/* offset wraps */
	set_rmem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, PAGE, PAGE + 1, 0xb0b);
	call(NS_BASE);
	UT_EQ(a->ret, TEE_ERROR_BAD_PARAMETERS);		/* past the end */
	set_rmem(&a->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0, 16, 0x5ca1ab1e);
	call(NS_BASE);
	UT_EQ(a->ret, TEE_ERROR_BAD_PARAMETERS);		/* unknown cookie */
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = s;
	call(NS_BASE);
	UT_EQ(unregister(0xb0b), TEE_SUCCESS);		/* no reference leaked */
}

static void test_bad_page_lists(void)
{
	uint64_t *list = (void *)ns(NS_BASE + 0x10000);
	struct optee_msg_arg *a;

	list[0] = NS_BASE + 0x30001;				/* unaligned page */
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_REGISTER_SHM, 1);
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->params[0].u.tmem.buf_ptr = NS_BASE + 0x10000;
	a->params[0].u.tmem.size = 100;
	a->params[0].u.tmem.shm_ref = 1;
	call(NS_BASE);
	UT_EQ(a->ret, TEE_ERROR_BAD_PARAMETERS);
	list[0] = 0x0e000000;					/* secure RAM */
	call(NS_BASE);
	UT_EQ(a->ret, TEE_ERROR_BAD_PARAMETERS);
	a->params[0].u.tmem.buf_ptr = 0x0e000000;		/* list in secure RAM */
	call(NS_BASE);
	UT_EQ(a->ret, TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(ns_shm_count(), 0);
}

static void test_bad_args(void)
{
	struct optee_msg_arg *a = arg_at(NS_BASE, 99, 0);
	uint32_t s = 0;

	UT_EQ(call(NS_BASE), OPTEE_SMC_RETURN_EBADCMD);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_INVOKE_COMMAND, 7);
	UT_EQ(call(NS_BASE), OPTEE_SMC_RETURN_EBADADDR);
	a = arg_at(NS_BASE + NS_SIZE - 64, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->num_params = 2;	/* 96 bytes from 64 before the end of RAM */
	UT_EQ(call(NS_BASE + NS_SIZE - 64), OPTEE_SMC_RETURN_EBADADDR);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_INVOKE_COMMAND, 0);
	a->session = 0x77;
	UT_EQ(call(NS_BASE), OPTEE_SMC_RETURN_OK);
	UT_EQ(a->ret, TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(a->ret_origin, TEE_ORIGIN_TEE);
	UT_EQ(open_session(&hello, &s), TEE_SUCCESS);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
	a->session = s;
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;		/* tmem in secure RAM */
	a->params[0].u.tmem.buf_ptr = 0x0e000000;
	a->params[0].u.tmem.size = 16;
	call(NS_BASE);
	UT_EQ(a->ret, TEE_ERROR_BAD_PARAMETERS);
	a->params[0].attr = 4;						/* no such type */
	call(NS_BASE);
	UT_EQ(a->ret, TEE_ERROR_BAD_PARAMETERS);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = s;
	call(NS_BASE);
	UT_EQ(session_count(), 0);
}

static void test_null_memref(void)
{
	struct optee_msg_arg *a;
	uint32_t s = 0;

	UT_EQ(open_session(&echo, &s), TEE_SUCCESS);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_INVOKE_COMMAND, 2);
	a->session = s;
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
	a->params[0].u.tmem.buf_ptr = NS_BASE + 0x50000;
	a->params[0].u.tmem.size = 300;
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;	/* buf_ptr 0: size query */
	call(NS_BASE);
	UT_EQ(a->ret, TEE_ERROR_SHORT_BUFFER);
	UT_EQ(a->params[1].u.tmem.size, 300);
	UT_EQ(a->params[1].u.tmem.buf_ptr, 0);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = s;
	call(NS_BASE);
}

/* After a call, the thread's bounce area still holds the call's bytes, except
 * for a SECRET_PARAMS service: wiped. */
static void test_secret_wipe(void)
{
	const struct pta *svc[2] = { &echo, &secret_echo };
	struct optee_msg_arg *a;
	uint32_t s = 0;
	size_t i, nonzero;
	int k;

	for (k = 0; k < 2; k++) {
		UT_EQ(open_session(svc[k], &s), TEE_SUCCESS);
		memset(ns(NS_BASE + 0x50000), 0xa5, 64);
		memset(ns(NS_BASE + 0x51000), 0, 64);
		a = arg_at(NS_BASE, OPTEE_MSG_CMD_INVOKE_COMMAND, 2);
		a->session = s;
		a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
		a->params[0].u.tmem.buf_ptr = NS_BASE + 0x50000;
		a->params[0].u.tmem.size = 64;
		a->params[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
		a->params[1].u.tmem.buf_ptr = NS_BASE + 0x51000;
		a->params[1].u.tmem.size = 64;
		UT_EQ(call(NS_BASE), OPTEE_SMC_RETURN_OK);
		UT_EQ(a->ret, TEE_SUCCESS);
		UT_EQ(ns(NS_BASE + 0x51000)[63], 0xa5);		/* echoed */
		UT_ASSERT(bounce_used >= 128);
		for (i = nonzero = 0; i < bounce_used; i++)
			nonzero += bounce_area[i] != 0;
		if (svc[k] == &secret_echo)
			UT_EQ(nonzero, 0);
		else
			UT_ASSERT(nonzero >= 128);	/* the plain service leaves them */
		a = arg_at(NS_BASE, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
		a->session = s;
		call(NS_BASE);
	}
}

/* One chained page list of 16384 entries (all the same data page) at
 * 0x40100000, registered under several cookies: the page budget caps it. */
static uint32_t register_big(uint64_t cookie)
{
	struct optee_msg_arg *a = arg_at(NS_BASE, OPTEE_MSG_CMD_REGISTER_SHM, 1);

	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->params[0].u.tmem.buf_ptr = NS_BASE + 0x100000;
	a->params[0].u.tmem.size = (uint64_t)NS_SHM_MAX_PAGES * PAGE;
	a->params[0].u.tmem.shm_ref = cookie;
	call(NS_BASE);
	return a->ret;
}

static void test_page_budget(void)
{
	uint32_t lists = (NS_SHM_MAX_PAGES + 510) / 511, i, j, n;
	uint64_t c;

	for (i = 0; i < lists; i++) {
		uint64_t *l = (void *)ns(NS_BASE + 0x100000 + i * PAGE);

		for (j = 0; j < 511; j++)
			l[j] = NS_BASE + 0x30000;
		l[511] = NS_BASE + 0x100000 + (i + 1) * PAGE;
	}
	n = NS_SHM_MAX_TOTAL_PAGES / NS_SHM_MAX_PAGES;
	for (c = 1; c <= n; c++)
		UT_EQ(register_big(c), TEE_SUCCESS);
	UT_EQ(register_big(n + 1), TEE_ERROR_OUT_OF_MEMORY);	/* over the budget */
	UT_EQ(unregister(1), TEE_SUCCESS);
	UT_EQ(register_big(n + 1), TEE_SUCCESS);		/* room again */
	for (c = 2; c <= n + 1; c++)
		UT_EQ(unregister(c), TEE_SUCCESS);
	UT_EQ(ns_shm_count(), 0);
}

/* The arg struct at an odd address: everything read and written through
 * mm/ns_io.c (UBSan would flag a misaligned typed access). */
static void test_odd_arg_address(void)
{
	const uint32_t pa = NS_BASE + 0x2001;
	uint8_t raw[OPTEE_MSG_GET_ARG_SIZE(2)] __attribute__((aligned(8)));
	struct optee_msg_arg *a = (void *)raw;
	uint32_t s;

	memset(raw, 0, sizeof(raw));
	a->cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	a->num_params = 2;
	a->params[0].attr = a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(a->params[0].u.octets, hello.uuid, 16);
	memcpy(ns(pa), raw, sizeof(raw));
	UT_EQ(call(pa), OPTEE_SMC_RETURN_OK);
	memcpy(raw, ns(pa), sizeof(raw));
	UT_EQ(a->ret, TEE_SUCCESS);
	s = a->session;
	UT_ASSERT(s != 0);
	memset(raw, 0, sizeof(raw));
	a->cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	a->session = s;
	a->num_params = 1;
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
	a->params[0].u.value.a = 7;
	memcpy(ns(pa), raw, OPTEE_MSG_GET_ARG_SIZE(1));
	UT_EQ(call(pa), OPTEE_SMC_RETURN_OK);
	memcpy(raw, ns(pa), OPTEE_MSG_GET_ARG_SIZE(1));
	UT_EQ(a->ret, TEE_SUCCESS);
	UT_EQ(a->ret_origin, TEE_ORIGIN_TRUSTED_APP);
	UT_EQ(a->params[0].u.value.a, 8);
	memset(raw, 0, sizeof(raw));
	a->cmd = OPTEE_MSG_CMD_CLOSE_SESSION;
	a->session = s;
	memcpy(ns(pa), raw, OPTEE_MSG_GET_ARG_SIZE(0));
	UT_EQ(call(pa), OPTEE_SMC_RETURN_OK);
	UT_EQ(session_count(), 0);
}

/* Types the service did not declare, and commands it does not have, are
 * refused before any bounce memory is taken. */
static void test_declared_types(void)
{
	struct optee_msg_arg *a;
	uint32_t s = 0;

	UT_EQ(open_session(&echo, &s), TEE_SUCCESS);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_INVOKE_COMMAND, 2);
	a->session = s;
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INOUT;		/* declared: INPUT */
	a->params[0].u.tmem.buf_ptr = NS_BASE + 0x50000;
	a->params[0].u.tmem.size = 4096;
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	a->params[1].u.tmem.buf_ptr = NS_BASE + 0x60000;
	a->params[1].u.tmem.size = 4096;
	call(NS_BASE);
	UT_EQ(a->ret, TEE_ERROR_BAD_PARAMETERS);
	UT_EQ(a->ret_origin, TEE_ORIGIN_TRUSTED_APP);
	UT_EQ(bounce_used, 0);
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
	a->func = 5;						/* no such command */
	call(NS_BASE);
	UT_EQ(a->ret, TEE_ERROR_NOT_IMPLEMENTED);
	UT_EQ(a->ret_origin, TEE_ORIGIN_TRUSTED_APP);
	UT_EQ(bounce_used, 0);
	a->func = 0;
	call(NS_BASE);
	UT_EQ(a->ret, TEE_SUCCESS);
	UT_EQ(bounce_used, 8192);
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = s;
	call(NS_BASE);
	UT_EQ(session_count(), 0);
}

static uint32_t echo_sizes(uint32_t s, uint64_t in, uint64_t out)
{
	struct optee_msg_arg *a = arg_at(NS_BASE, OPTEE_MSG_CMD_INVOKE_COMMAND, 2);

	a->session = s;
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
	a->params[0].u.tmem.buf_ptr = NS_BASE + 0x200000;
	a->params[0].u.tmem.size = in;
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	a->params[1].u.tmem.buf_ptr = NS_BASE + 0x400000;
	a->params[1].u.tmem.size = out;
	call(NS_BASE);
	return a->ret;
}

static void test_memref_limits(void)
{
	const uint32_t mib = 1024 * 1024;
	struct optee_msg_arg *a;
	uint32_t s = 0, i;

	for (i = 0; i < mib / 2; i++)
		ns(NS_BASE + 0x200000)[i] = (uint8_t)(i * 7);
	UT_EQ(open_session(&echo, &s), TEE_SUCCESS);
	UT_EQ(echo_sizes(s, mib / 2, mib / 2), TEE_SUCCESS);		/* the per-call limit */
	UT_EQ(memcmp(ns(NS_BASE + 0x200000), ns(NS_BASE + 0x400000), mib / 2), 0);
	UT_EQ(echo_sizes(s, 8, mib), TEE_ERROR_OUT_OF_MEMORY);		/* 1 MiB + 8 per call */
	UT_EQ(echo_sizes(s, mib / 2, mib / 2 + 1), TEE_ERROR_OUT_OF_MEMORY);
	UT_EQ(bounce_used, 0);
	UT_EQ(echo_sizes(s, mib + 1, 0), TEE_ERROR_OUT_OF_MEMORY);	/* per memref */
	UT_EQ(echo_sizes(s, 1, mib - 1), TEE_SUCCESS);			/* odd sizes, rounded */
	a = arg_at(NS_BASE, OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	a->session = s;
	call(NS_BASE);
	UT_EQ(session_count(), 0);
}

int main(void)
{
	void *ram = mmap((void *)(uintptr_t)NS_BASE, NS_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (ram != (void *)(uintptr_t)NS_BASE) {
		printf("FAIL unit.msg.setup: cannot map the fake NS RAM at 0x%x\n", NS_BASE);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	core_ns_mem_init(NS_BASE, NS_SIZE);
	UT_RUN("msg", open_invoke_close, "OPEN/INVOKE/CLOSE: value written back, origin, value.c kept");
	UT_RUN("msg", unknown_uuid, "OPEN of an unknown UUID: ITEM_NOT_FOUND, origin TEE, no session");
	UT_RUN("msg", rmem_echo_across_pages, "REGISTER_SHM page list out of order, rmem across pages, UNREGISTER");
	UT_RUN("msg", rmem_bounds, "rmem offset wrap, past the end, unknown cookie; no reference leaked");
	UT_RUN("msg", bad_page_lists, "page lists: unaligned page, secure page, list in secure RAM");
	UT_RUN("msg", bad_args, "unknown cmd, 7 params, arg past RAM, bad session, tmem in secure RAM, bad type");
	UT_RUN("msg", page_budget, "registrations beyond the total page budget: OUT_OF_MEMORY, then room again");
	UT_RUN("msg", secret_wipe, "a SECRET_PARAMS service's bounce buffers are wiped after the call, others' not");
	UT_RUN("msg", null_memref, "NULL output memref: SHORT_BUFFER with the size, buf_ptr untouched");
	UT_RUN("msg", odd_arg_address, "arg struct at an odd address: OPEN/INVOKE/CLOSE served, results right");
	UT_RUN("msg", declared_types, "undeclared types: BAD_PARAMETERS, unknown cmd: NOT_IMPLEMENTED, no bounce taken");
	UT_RUN("msg", memref_limits, "1 MiB per call in all, 1 MiB per memref: exactly the limit works, a byte more is refused");
	return UT_DONE();
}
