/* The hello world TA's interface (the UUID and command numbers of OP-TEE's
 * hello world example, so that its client works unchanged). */
#ifndef HELLO_WORLD_TA_H
#define HELLO_WORLD_TA_H

#define TA_HELLO_WORLD_UUID { 0x8aaaf200, 0x2450, 0x11e4, \
			      { 0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b } }

/* p0 VALUE_INOUT: a += 1, resp. a -= 1 */
#define TA_HELLO_WORLD_CMD_INC_VALUE 0
#define TA_HELLO_WORLD_CMD_DEC_VALUE 1
#endif
