/* The test TA's commands, shared with the tests that call it. Its UUIDs are
 * 5ce0c432-0ab0-40e5-a056-782ca0e6abNN, NN the variant:
 *   0x10 no flags (an instance per session), 0x11 SINGLE_INSTANCE,
 *   0x12 SINGLE_INSTANCE | MULTI_SESSION,
 *   0x13 SINGLE_INSTANCE | MULTI_SESSION | INSTANCE_KEEP_ALIVE. */
#ifndef TEST_TA_H
#define TEST_TA_H

#define TEST_TA_CMD_NOP          0	/* nothing */
#define TEST_TA_CMD_INC          1	/* VALUE_INOUT: a += 1, b = invokes of this instance */
#define TEST_TA_CMD_MEMREF_INC   2	/* MEMREF_INOUT: every byte += 1 */
#define TEST_TA_CMD_SHORT_BUFFER 3	/* MEMREF_OUTPUT: 64 bytes 0..63, or SHORT_BUFFER + size 64 */
#define TEST_TA_CMD_LOG          4	/* VALUE_INPUT: logs "test TA says a" */
#define TEST_TA_CMD_RANDOM       5	/* MEMREF_OUTPUT: random bytes */
#define TEST_TA_CMD_SYSTEM_TIME  6	/* VALUE_OUTPUT: seconds, millis */
#define TEST_TA_CMD_REE_TIME     7	/* VALUE_OUTPUT: seconds, millis (RPC GET_TIME) */
#define TEST_TA_CMD_CHECK_ACCESS 8	/* VALUE_INPUT a = address, b = flags; the result */
#define TEST_TA_CMD_READ         9	/* VALUE_INOUT: a = *(uint32_t *)a */
#define TEST_TA_CMD_WRITE        10	/* VALUE_INPUT: *(uint32_t *)a = b */
#define TEST_TA_CMD_EXEC         11	/* VALUE_INPUT: calls a */
#define TEST_TA_CMD_WRITE_TEXT   12	/* writes its own code */
#define TEST_TA_CMD_EXEC_DATA    13	/* runs code placed in .data */
#define TEST_TA_CMD_UNDEF        14	/* an undefined instruction */
#define TEST_TA_CMD_STACK_OVF    15	/* recurses into the guard page */
#define TEST_TA_CMD_PANIC        16	/* TEE_Panic(0x5eed) */
#define TEST_TA_CMD_BAD_SYSCALL  17	/* syscall 99 */
#define TEST_TA_CMD_VFP          18	/* a VFP instruction */
#define TEST_TA_CMD_SPIN         19	/* VALUE_INPUT: busy loop of a * 2^20 iterations */
#define TEST_TA_CMD_RANDOM_BAD   20	/* VALUE_INOUT: get_random into address a: a = result */
#define TEST_TA_CMD_LOG_BAD      21	/* VALUE_INOUT: log from address a: a = result */
#define TEST_TA_CMD_COUNTS       22	/* VALUE_OUTPUT: a = creates, b = sessions of this instance */
#define TEST_TA_CMD_WRITE_INPUT  23	/* MEMREF_INPUT: writes into it (read-only) */
#define TEST_TA_CMD_WAIT         24	/* VALUE_INOUT a = ms, b = 1: unmask first; a = TEE_Wait's result,
					 * b = TEE_GetCancellationFlag() afterwards */
#define TEST_TA_CMD_PROPS        25	/* VALUE_OUTPUT p0 a = client login, b = client uuid timeLow;
					 * VALUE_OUTPUT p1 a = TEST_TA_PROP_* bits that checked out */
#define TEST_TA_CMD_SPIN_FOREVER 26	/* an endless loop (cancellation masked) */

#define TEST_TA_CMD_CALL_PTA     27	/* VALUE_OUTPUT: opens hello world (built-in), a = its answer to 41
					 * (42), b = open result */
#define TEST_TA_CMD_CALL_TA      28	/* VALUE_INPUT a = callee variant id; VALUE_OUTPUT p1: a = TEST_TA_CALL_*
					 * bits that checked out, b = first failing result */
#define TEST_TA_CMD_CALL_DEAD    29	/* VALUE_OUTPUT: a callee (variant 0x10) that dies: a = its result,
					 * b = origin; then a built-in call still works */

#define TEST_TA_CMD_CHAIN        30	/* VALUE_INOUT a = links left: opens a fresh instance of variant
					 * 0x10 (a load) and has it CHAIN a - 1; a = the result */

#define TEST_TA_CMD_HEAP         31	/* VALUE_INOUT a = block size: allocates until NULL, frees all,
					 * allocates again; a = blocks, b = 1 if the second round got as
					 * many and the contents held */
#define TEST_TA_CMD_HEAP_PANIC   32	/* allocates until the heap is exhausted, then TEE_Panic */

#define TEST_TA_CALL_OPEN        0x01	/* the open succeeded */
#define TEST_TA_CALL_VALUE       0x02	/* the callee turned 41 into 42 */
#define TEST_TA_CALL_MEMREF      0x04	/* the callee added 1 to every byte of a 300-byte buffer */
#define TEST_TA_CALL_IDENTITY    0x08	/* the callee saw TEE_LOGIN_TRUSTED_APP and this TA's UUID */
#define TEST_TA_CALL_CLOSE       0x10	/* the close, then an invoke on the handle: BAD_PARAMETERS */
#define TEST_TA_CALL_ALL         0x1f

#define TEST_TA_PROP_APPID       0x01	/* gpd.ta.appID = its ta_head UUID */
#define TEST_TA_PROP_SINGLE      0x02	/* gpd.ta.singleInstance matches its flags */
#define TEST_TA_PROP_TEE_DESC    0x04	/* gpd.tee.description starts with "mintee" */
#define TEST_TA_PROP_UNKNOWN     0x08	/* an unknown name: ITEM_NOT_FOUND */
#define TEST_TA_PROP_SHORT       0x10	/* a 2-byte buffer: SHORT_BUFFER and the size needed */
#define TEST_TA_PROP_BAD_PTR     0x20	/* a name in core memory: ACCESS_DENIED */
#define TEST_TA_PROP_ALL         0x3f

#define TEST_TA_PANIC_CODE 0x5eed
#endif
