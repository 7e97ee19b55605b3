-- sxsh schema, version 11 (SQLite dialect): what a person typed into a form
-- and has not saved yet (model/doc/formdraft.h).
--
-- form_draft holds the raw urlencoded body of a form, per user and form
-- path, as the page's script or the form's own submit last sent it, with
-- the document version the form was loaded with; saved_at and the other
-- times are Unix seconds.  form_stash holds the body of a form posted after
-- the session expired, under the hash of a random token kept in that
-- browser's cookie, until the next sign-in in that browser claims it (or it
-- expires).
CREATE TABLE form_draft (
	user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	path TEXT NOT NULL,
	body TEXT NOT NULL,
	base_version INTEGER NOT NULL DEFAULT 0,
	saved_at INTEGER NOT NULL,
	PRIMARY KEY (user_id, path)
);
CREATE INDEX form_draft_saved ON form_draft(saved_at);

CREATE TABLE form_stash (
	token_hash TEXT PRIMARY KEY,
	path TEXT NOT NULL,
	body TEXT NOT NULL,
	base_version INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX form_stash_expires ON form_stash(expires_at);
