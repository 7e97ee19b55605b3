-- sxsh schema, version 14 (SQLite dialect): the history of a report or
-- registration as its reviewers read it.
--
-- One row per workflow move (submit, forward, return, accept, reopen) of a
-- document, written by model/doc/history.c in the transaction that makes
-- the move: when (Unix seconds), who (the account, and its email or "cli"
-- as the audit log records it), the action, the note typed with it (a
-- return's or reopen's reason, an acceptance or forwarding remark; '' for
-- none), and, for a submission, the content as submitted (the kind's audit
-- JSON), so that a resubmission can be compared with the one before it.
-- Rows are never changed.  The moves made before this table existed are
-- copied from the audit log, which holds the same facts.
CREATE TABLE doc_event (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('report', 'registration')),
	doc_id INTEGER NOT NULL,
	at INTEGER NOT NULL,
	user_id INTEGER REFERENCES app_user(id),
	actor TEXT NOT NULL,
	action TEXT NOT NULL
		CHECK (action IN ('submit', 'forward', 'return', 'accept', 'reopen')),
	note TEXT NOT NULL DEFAULT '',
	content TEXT
);
CREATE INDEX doc_event_doc ON doc_event(kind, doc_id, id);

INSERT INTO doc_event(kind, doc_id, at, user_id, actor, action, note, content)
SELECT entity, CAST(entity_id AS INTEGER), CAST(strftime('%s', at) AS INTEGER), user_id,
	actor, substr(action, length(entity) + 2),
	CASE WHEN action IN ('report.return', 'report.reopen', 'registration.return',
		'registration.reopen')
	THEN coalesce(json_extract(after_json, '$.review_note'), '') ELSE '' END,
	CASE WHEN action IN ('report.submit', 'registration.submit') THEN after_json END
FROM audit
WHERE action IN ('report.submit', 'report.forward', 'report.return', 'report.accept',
	'report.reopen', 'registration.submit', 'registration.forward',
	'registration.return', 'registration.accept', 'registration.reopen')
	AND entity_id IS NOT NULL
ORDER BY id;
