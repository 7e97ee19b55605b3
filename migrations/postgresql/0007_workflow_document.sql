-- sxsh schema, version 7: every workflow document in one view.
--
-- The review queue (model/reporting/workflow.c) reads workflow_document,
-- one row per document of every kind in the document core's kinds table
-- (model/doc/doc.c): its kind name, id, facility, year, version and state
-- columns.  A new document kind adds its table's branch here in its own
-- migration (DROP VIEW, then CREATE VIEW with one more UNION ALL).
CREATE VIEW workflow_document AS
	SELECT 'report' AS kind, id, facility_id, version, year, status, forwarded_at,
		submitted_on
	FROM report
	UNION ALL
	SELECT 'registration', id, facility_id, version, year, status, forwarded_at,
		submitted_on
	FROM registration;
