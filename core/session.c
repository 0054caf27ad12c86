/* Open sessions to the built-in services, shared by all CPUs. */
#include <string.h>
#include <console.h>
#include <pta.h>
#include <spinlock.h>

#define MAX_SESSIONS 64

static struct pta_session sessions[MAX_SESSIONS];
static uint32_t session_gen;
static unsigned int session_lock;

/* Ids carry a generation so that a stale id never finds a reused slot. */
static uint32_t make_id(unsigned int idx)
{
	session_gen = (session_gen + 1) & 0xffffff;
	if (!session_gen)
		session_gen = 1;
	return (session_gen << 8) | (idx + 1);
}

struct pta_session *session_create(const struct pta *pta, uint32_t login,
				   const uint8_t client_uuid[16])
{
	struct pta_session *s = NULL;
	unsigned int i;

	cpu_spin_lock(&session_lock);
	for (i = 0; i < MAX_SESSIONS && !s; i++) {
		if (!sessions[i].id) {
			s = &sessions[i];
			memset(s, 0, sizeof(*s));
			s->id = make_id(i);
			s->pta = pta;
			s->login = login;
			memcpy(s->client_uuid, client_uuid, 16);
			s->busy = 1;	/* the opener holds it until open() returns */
			s->opening = true;
		}
	}
	cpu_spin_unlock(&session_lock);
	return s;
}

void session_destroy(struct pta_session *s)
{
	cpu_spin_lock(&session_lock);
	s->id = 0;
	cpu_spin_unlock(&session_lock);
}

struct pta_session *session_get(uint32_t id, bool exclusive, uint32_t *res)
{
	unsigned int idx = (id & 0xff) - 1;
	struct pta_session *s = NULL;

	cpu_spin_lock(&session_lock);
	if (idx < MAX_SESSIONS && id && sessions[idx].id == id && !sessions[idx].closing &&
	    !sessions[idx].opening) {
		s = &sessions[idx];
		if (s->busy && (exclusive || !(s->pta->flags & PTA_FLAG_CONCURRENT))) {
			*res = TEE_ERROR_BUSY;
			s = NULL;
		} else {
			s->busy++;
		}
	} else {
		*res = TEE_ERROR_BAD_PARAMETERS;
	}
	cpu_spin_unlock(&session_lock);
	return s;
}

static void session_finish(struct pta_session *s)
{
	if (s->pta->close)
		s->pta->close(s);
	session_destroy(s);
}

void session_put(struct pta_session *s)
{
	bool last;

	cpu_spin_lock(&session_lock);
	last = !--s->busy && s->closing;
	cpu_spin_unlock(&session_lock);
	if (last)
		session_finish(s);
}

/*
 * CLOSE_SESSION. A session with an invoke in flight (suspended in an RPC,
 * say) is closed when that invoke ends: the normal world ignores the result
 * of a close, so refusing it would leak the session for good.
 */
uint32_t session_close(uint32_t id)
{
	unsigned int idx = (id & 0xff) - 1;
	struct pta_session *s = NULL;
	bool now = false;

	cpu_spin_lock(&session_lock);
	if (idx < MAX_SESSIONS && id && sessions[idx].id == id && !sessions[idx].closing &&
	    !sessions[idx].opening) {
		s = &sessions[idx];
		s->closing = true;
		now = !s->busy;
		if (now)
			s->busy = 1;
	}
	cpu_spin_unlock(&session_lock);
	if (!s)
		return TEE_ERROR_BAD_PARAMETERS;
	if (now)
		session_finish(s);
	return TEE_SUCCESS;
}

void session_opened(struct pta_session *s)
{
	cpu_spin_lock(&session_lock);
	s->opening = false;
	s->busy--;
	cpu_spin_unlock(&session_lock);
}

unsigned int session_count(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_SESSIONS; i++)
		n += sessions[i].id != 0;
	return n;
}

uint32_t session_cancel(uint32_t id)
{
	unsigned int idx = (id & 0xff) - 1;
	uint32_t res = TEE_ERROR_BAD_PARAMETERS;

	cpu_spin_lock(&session_lock);
	if (idx < MAX_SESSIONS && id && sessions[idx].id == id &&
	    sessions[idx].login != TEE_LOGIN_TRUSTED_APP) {	/* a TA's session: not the NS's */
		sessions[idx].cancel = true;
		res = TEE_SUCCESS;
	}
	cpu_spin_unlock(&session_lock);
	return res;
}

/* Sessions a TA opened (login TEE_LOGIN_TRUSTED_APP) are the TA's: the
 * normal world may not invoke or close them by guessing their ids. */
static bool ta_owned(uint32_t id)
{
	unsigned int idx = (id & 0xff) - 1;
	bool owned;

	cpu_spin_lock(&session_lock);
	owned = idx < MAX_SESSIONS && id && sessions[idx].id == id &&
		sessions[idx].login == TEE_LOGIN_TRUSTED_APP;
	cpu_spin_unlock(&session_lock);
	return owned;
}

struct pta_session *session_get_ns(uint32_t id, bool exclusive, uint32_t *res)
{
	struct pta_session *s = session_get(id, exclusive, res);

	if (s && s->login == TEE_LOGIN_TRUSTED_APP) {
		session_put(s);
		*res = TEE_ERROR_BAD_PARAMETERS;
		return NULL;
	}
	return s;
}

uint32_t session_close_ns(uint32_t id)
{
	return ta_owned(id) ? TEE_ERROR_BAD_PARAMETERS : session_close(id);
}
