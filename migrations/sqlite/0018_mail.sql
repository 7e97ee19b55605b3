-- sxsh schema, version 18 (SQLite dialect): e-mail (model/mail/).
--
-- mail_outbox keeps every message sxsh sends, from the moment a use-case
-- queues it (inside that use-case's own transaction) until it is sent or
-- given up.  The background sender (model/mail/worker.c) claims a due
-- message by moving it from 'queued' to 'sending' with a guarded UPDATE, so
-- one instance sends it even when several run; a failure puts it back to
-- 'queued' with next_at further away each time (1, 5, 30 min, 2 h, 6 h),
-- and the last allowed failure leaves it 'failed' with its error kept.
-- dedup_key (NULL: none) makes a message unique: a reminder for one
-- deadline, stage, facility and recipient is queued once, whoever ticks.
-- Times are Unix seconds.  The body of a sent password reset is blanked
-- (its link is a secret until it expires).
CREATE TABLE mail_outbox (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder', 'returned', 'accepted',
		'password_reset')),
	recipient TEXT NOT NULL,
	user_id INTEGER REFERENCES app_user(id) ON DELETE SET NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	facility_id INTEGER REFERENCES facility(id) ON DELETE SET NULL,
	doc_kind TEXT,
	doc_id INTEGER,
	dedup_key TEXT UNIQUE,
	state TEXT NOT NULL DEFAULT 'queued'
		CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_at INTEGER NOT NULL,
	claimed_at INTEGER,
	last_error TEXT,
	created_at INTEGER NOT NULL,
	sent_at INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_at);

-- Users who turned e-mail notices off on their account page (not password
-- resets, which they ask for themselves).
CREATE TABLE mail_optout (
	user_id INTEGER PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
	at INTEGER NOT NULL
);

-- Every "forgot password" request, by the address typed (lower case) and
-- the client address, for the throttle; the ones that named an account
-- carry the BLAKE2b hash of their one-time token (never the token), its
-- expiry and when it was used.
CREATE TABLE password_reset (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	addr TEXT NOT NULL,
	user_id INTEGER REFERENCES app_user(id) ON DELETE CASCADE,
	token_hash TEXT UNIQUE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at INTEGER
);
CREATE INDEX password_reset_email ON password_reset(email, created_at);
CREATE INDEX password_reset_addr ON password_reset(addr, created_at);
