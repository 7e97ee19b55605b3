-- Accounts, sessions and tokens (model/user.c, model/session.c,
-- model/apitoken.c, model/throttle.c).  Times in these tables are Unix
-- seconds (INTEGER), so the expiry arithmetic is plain integer comparison.

-- Every failed sign-in, by the email it named (folded to lower case) and the
-- client address; counted in a sliding window to refuse guessing.
CREATE TABLE login_attempt (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	email TEXT NOT NULL,
	addr TEXT NOT NULL
);
CREATE INDEX login_attempt_email ON login_attempt(email, at);
CREATE INDEX login_attempt_addr ON login_attempt(addr, at);

-- Personal API tokens: only the BLAKE2b hash of the secret is kept.
CREATE TABLE api_token (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	last_used INTEGER,
	revoked_at INTEGER
);
CREATE INDEX api_token_user ON api_token(user_id);

CREATE INDEX session_user ON session(user_id);
