-- sxsh schema, version 17 (SQLite dialect): column-mapping profiles and the
-- files uploaded to the mapping page.
--
-- A profile (model/io/mapping.c, docs/mapping-profiles.md) tells how the
-- columns of a foreign file (the Statistics Office's list, a consultant's
-- survey sheet) become sxsh's facilities or report lines.  body is the
-- profile as its JSON export; version counts saves, so that two people
-- editing one profile cannot overwrite each other; created_by and
-- updated_by name the account as the audit log does (its email, or "cli").
CREATE TABLE mapping_profile (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	target TEXT NOT NULL CHECK (target IN ('facilities', 'reports')),
	body TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	created_by TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at INTEGER NOT NULL
);

-- A file uploaded to /imports/new, kept between the page's steps: found by
-- the BLAKE2b hash of an unguessable token (as sessions are) the page carries, bound to the
-- account that uploaded it, deleted when it expires (Unix seconds).
CREATE TABLE mapping_upload (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	filename TEXT NOT NULL,
	content BLOB NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX mapping_upload_expiry ON mapping_upload(expires_at);
