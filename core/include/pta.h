/* The pseudo-TA framework: services built into mintee, reached with
 * OPEN_SESSION by UUID like OP-TEE's pseudo TAs. */
#ifndef PTA_H
#define PTA_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <optee_msg.h>

#define TEE_PARAM_TYPE_NONE          0
#define TEE_PARAM_TYPE_VALUE_INPUT   1
#define TEE_PARAM_TYPE_VALUE_OUTPUT  2
#define TEE_PARAM_TYPE_VALUE_INOUT   3
#define TEE_PARAM_TYPE_MEMREF_INPUT  5
#define TEE_PARAM_TYPE_MEMREF_OUTPUT 6
#define TEE_PARAM_TYPE_MEMREF_INOUT  7
#define TEE_PARAM_TYPES(t0, t1, t2, t3) \
	((t0) | ((t1) << 4) | ((t2) << 8) | ((t3) << 12))
#define TEE_PARAM_TYPE_GET(t, i) (((t) >> ((i) * 4)) & 0xf)
#define TEE_NUM_PARAMS 4
#define TEE_ERROR_TARGET_DEAD 0xFFFF3024u
#define TEE_LOGIN_TRUSTED_APP 0xF0000000u

#define PTA_FLAG_DEVICE_ENUM  (1u << 0)   /* listed by GET_DEVICES */
#define PTA_FLAG_CONCURRENT   (1u << 1)   /* invokes of one session may overlap */
#define PTA_FLAG_USER_TA      (1u << 2)   /* a user TA instance (core/ta): no declared
					      commands, its GP entry points check params */
#define PTA_FLAG_SECRET_PARAMS (1u << 3)  /* memrefs carry key material: bounce
					     buffers are wiped before they are freed */

/* A memref's buffer is a secure copy (bounce buffer) of the NS memory: the
 * normal world cannot change it while the service reads it. NULL buffer =
 * size query. */
union tee_param {
	struct { void *buffer; size_t size; } memref;
	struct { uint32_t a, b; } value;
};

struct pta_session;

/* What a command takes: the message layer refuses any other parameter types
 * (TEE_ERROR_BAD_PARAMETERS) and any command not listed
 * (TEE_ERROR_NOT_IMPLEMENTED) before it allocates or copies anything. */
struct pta_cmd {
	uint32_t cmd;
	uint32_t ptypes;        /* TEE_PARAM_TYPES(...) */
};

struct pta {
	const char *name;
	uint8_t uuid[16];
	uint32_t flags;
	uint32_t open_ptypes;   /* what OPEN_SESSION takes (0: no client params) */
	const struct pta_cmd *cmds;
	size_t num_cmds;
	uint32_t (*open)(struct pta_session *s, uint32_t ptypes, union tee_param p[TEE_NUM_PARAMS]);
	uint32_t (*invoke)(struct pta_session *s, uint32_t cmd, uint32_t ptypes,
			   union tee_param p[TEE_NUM_PARAMS]);
	void (*close)(struct pta_session *s);
};

struct pta_session {
	uint32_t id;            /* 0 = free slot */
	const struct pta *pta;
	uint32_t login;
	uint8_t client_uuid[16];
	unsigned int busy;      /* invokes in flight */
	bool closing;           /* CLOSE_SESSION came: gone when busy drops to 0 */
	bool opening;           /* open() still running: not usable yet */
	void *priv;             /* the service's per-session state */
	bool cancel;            /* CANCEL came for the call in progress (user TAs) */
};

#define PTA_CMDS(table) .cmds = (table), .num_cmds = sizeof(table) / sizeof((table)[0])

/* The built-in services (pta_table.c). */
extern const struct pta *const pta_table[];
extern const size_t pta_table_count;
const struct pta *pta_find(const uint8_t uuid[16]);

/* Sessions (session.c). */
struct pta_session *session_create(const struct pta *pta, uint32_t login,
				   const uint8_t client_uuid[16]);
void session_destroy(struct pta_session *s);
/* Looks up a session for an invoke (exclusive: no other invoke in flight);
 * NULL with *res = BAD_PARAMETERS (no such session, or closing) or BUSY. */
struct pta_session *session_get(uint32_t id, bool exclusive, uint32_t *res);
void session_put(struct pta_session *s);
/* The opener is done: the session becomes usable (and loses its busy mark). */
void session_opened(struct pta_session *s);
/* CLOSE_SESSION: now, or when the invokes in flight end. */
uint32_t session_close(uint32_t id);
unsigned int session_count(void);
/* The same for the normal world: sessions a TA opened (login
 * TEE_LOGIN_TRUSTED_APP) are not its to use, BAD_PARAMETERS. */
struct pta_session *session_get_ns(uint32_t id, bool exclusive, uint32_t *res);
uint32_t session_close_ns(uint32_t id);
/* CANCEL from the normal world: flags the session's call in progress.
 * TEE_SUCCESS for a known session (not one a TA opened), BAD_PARAMETERS
 * otherwise. */
uint32_t session_cancel(uint32_t id);
#endif
