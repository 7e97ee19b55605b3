-- sxsh schema, version 16 (SQLite dialect): uploaded workbooks awaiting
-- confirmation.
--
-- The upload page (web/wbupload.c) keeps a campaign workbook between its
-- preview and the confirm, so the confirm imports exactly the file that was
-- previewed (model/survey/wbupload.c).  A row is found by the hash
-- (BLAKE2b-256, hex) of an unguessable token the page carries, and only by
-- the user who uploaded it; it expires an hour after the upload and is
-- removed on confirm.  Times are Unix seconds.
CREATE TABLE wb_upload (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
	year INTEGER NOT NULL DEFAULT 0,
	content BLOB NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX wb_upload_expires ON wb_upload(expires_at);
