-- sxsh schema, version 13 (SQLite dialect): attachments.
--
-- Files an enterprise attaches to a report or a registration (energy
-- bills, audit reports, certificates): model/doc/attachment.c.  The
-- document is (doc_kind, doc_id), a row of the workflow_document view; who
-- may see an attachment is who may see its document.  mime is the type
-- sniffed from the content, never the one the browser sent; size is at
-- most 10 MiB (ATTACH_MAX).  uploaded_at is Unix seconds.
CREATE TABLE attachment (
	id INTEGER PRIMARY KEY,
	doc_kind TEXT NOT NULL CHECK (doc_kind IN ('report', 'registration')),
	doc_id INTEGER NOT NULL,
	filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
	mime TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png',
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')),
	size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10485760),
	content BLOB NOT NULL,
	uploaded_by INTEGER NOT NULL REFERENCES app_user(id),
	uploaded_at INTEGER NOT NULL
);
CREATE INDEX attachment_doc ON attachment(doc_kind, doc_id);
