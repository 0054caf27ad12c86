/*
 * The test TA: every command of test_ta.h. Built ARM, soft-float, -pie, as
 * tests/ta/ta.mk says; runs in Secure User mode under mintee.
 */
#include <stdint.h>
#include <string.h>
#include <tee_internal_api.h>
#include <utee_syscalls.h>
#include <test_ta.h>

static uint32_t creates, sessions, invokes;
/* "bx lr" in .data: executing it must fault (data is XN). */
static uint32_t data_code[2] = { 0xe12fff1e, 0xe12fff1e };

TEE_Result TA_CreateEntryPoint(void)
{
	creates++;
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	IMSG("test TA: destroy after %u invokes", (unsigned)invokes);
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t ptypes, TEE_Param p[4], void **ctx)
{
	(void)ptypes;
	(void)p;
	sessions++;
	*ctx = (void *)(0x5e550000u + sessions);
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *ctx)
{
	(void)ctx;
	sessions--;
}

/* Deeper than any stack: ends in the guard page (depth keeps the compiler
 * from seeing an endless recursion). */
static uint32_t recurse(volatile uint32_t *prev, uint32_t depth)
{
	volatile uint32_t frame[64];

	frame[0] = prev ? prev[0] + 1 : 0;
	if (!depth)
		return frame[0];
	return recurse(frame, depth - 1) + frame[1];
}

static TEE_Result short_buffer(TEE_Param *p)
{
	if (p->memref.size < 64) {
		p->memref.size = 64;
		return TEE_ERROR_SHORT_BUFFER;
	}
	for (unsigned int i = 0; i < 64; i++)
		((uint8_t *)p->memref.buffer)[i] = (uint8_t)i;
	p->memref.size = 64;
	return TEE_SUCCESS;
}

static TEE_Result time_cmd(uint32_t cmd, TEE_Param *p)
{
	TEE_Time t = { 0, 0 };
	TEE_Result res = TEE_SUCCESS;

	if (cmd == TEST_TA_CMD_SYSTEM_TIME)
		TEE_GetSystemTime(&t);
	else
		res = TEE_GetREETime(&t);
	p->value.a = t.seconds;
	p->value.b = t.millis;
	return res;
}

/* Ways to die; returns only if the TA survived (a test failure). */
static TEE_Result die(uint32_t cmd, TEE_Param *p)
{
	switch (cmd) {
	case TEST_TA_CMD_READ:
		p[0].value.a = *(volatile uint32_t *)p[0].value.a;
		return TEE_SUCCESS;
	case TEST_TA_CMD_WRITE:
		*(volatile uint32_t *)p[0].value.a = p[0].value.b;
		return TEE_SUCCESS;
	case TEST_TA_CMD_EXEC:
		((void (*)(void))p[0].value.a)();
		return TEE_SUCCESS;
	case TEST_TA_CMD_WRITE_TEXT:
		*(volatile uint32_t *)(uintptr_t)&TA_CreateEntryPoint = 0;
		return TEE_SUCCESS;
	case TEST_TA_CMD_EXEC_DATA:
		((void (*)(void))(uintptr_t)data_code)();
		return TEE_SUCCESS;
	case TEST_TA_CMD_UNDEF:
		__asm__ volatile("udf #0x42");
		return TEE_SUCCESS;
	case TEST_TA_CMD_STACK_OVF:
		return recurse(NULL, 1u << 20);
	case TEST_TA_CMD_PANIC:
		TEE_Panic(TEST_TA_PANIC_CODE);
	case TEST_TA_CMD_BAD_SYSCALL:
		return _utee_syscall(99, 0, 0);
	case TEST_TA_CMD_VFP: {
		uint32_t v;

		__asm__ volatile(".fpu vfpv3\n vmrs %0, fpscr" : "=r"(v));
		return v;
	}
	case TEST_TA_CMD_WRITE_INPUT:
		((volatile uint8_t *)p[0].memref.buffer)[0] = 1;
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

TEE_Result TA_InvokeCommandEntryPoint(void *ctx, uint32_t cmd, uint32_t ptypes, TEE_Param p[4])
{
	(void)ctx;
	(void)ptypes;
	invokes++;
	switch (cmd) {
	case TEST_TA_CMD_NOP:
		return TEE_SUCCESS;
	case TEST_TA_CMD_INC:
		p[0].value.a++;
		p[0].value.b = invokes;
		return TEE_SUCCESS;
	case TEST_TA_CMD_MEMREF_INC:
		for (size_t i = 0; i < p[0].memref.size; i++)
			((uint8_t *)p[0].memref.buffer)[i]++;
		return TEE_SUCCESS;
	case TEST_TA_CMD_SHORT_BUFFER:
		return short_buffer(&p[0]);
	case TEST_TA_CMD_LOG:
		IMSG("test TA says %u", (unsigned)p[0].value.a);
		return TEE_SUCCESS;
	case TEST_TA_CMD_RANDOM:
		TEE_GenerateRandom(p[0].memref.buffer, p[0].memref.size);
		return TEE_SUCCESS;
	case TEST_TA_CMD_SYSTEM_TIME:
	case TEST_TA_CMD_REE_TIME:
		return time_cmd(cmd, &p[0]);
	case TEST_TA_CMD_CHECK_ACCESS:
		return TEE_CheckMemoryAccessRights(p[0].value.b, (void *)p[0].value.a, 4);
	case TEST_TA_CMD_SPIN:
		for (volatile uint32_t i = 0; i < (p[0].value.a << 20); i++)
			;
		return TEE_SUCCESS;
	case TEST_TA_CMD_RANDOM_BAD:
		p[0].value.a = _utee_get_random((void *)p[0].value.a, 16);
		return TEE_SUCCESS;
	case TEST_TA_CMD_LOG_BAD:
		p[0].value.a = _utee_log((void *)p[0].value.a, 16);
		return TEE_SUCCESS;
	case TEST_TA_CMD_COUNTS:
		p[0].value.a = creates;
		p[0].value.b = sessions;
		return TEE_SUCCESS;
	default:
		return die(cmd, p);
	}
}
