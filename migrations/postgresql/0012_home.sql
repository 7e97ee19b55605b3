-- sxsh schema, version 12 (PostgreSQL dialect): the enterprise's home
-- (model/reporting/home.c, src/web/my.c, src/web/deadlines.c).
--
-- deadline holds the dates the province sets per plan year: the day by
-- which the annual report on that year is due and the day by which the
-- registration for that year is due, as 'YYYY-MM-DD'.  A NULL date (or no
-- row) means the default of docs/workflow.md: the report on year Y by
-- 15/01 of Y+1 (Circular 25/2020/TT-BCT), the registration for year Y by
-- 15/01 of Y.  version guards against two people editing one year at once.
CREATE TABLE deadline (
	year bigint PRIMARY KEY CHECK (year BETWEEN 1990 AND 2100),
	report_due text,
	registration_due text,
	updated_at bigint NOT NULL,
	updated_by bigint REFERENCES app_user(id) DEFERRABLE,
	version bigint NOT NULL DEFAULT 1
);

-- home_seen: the newest audit row an enterprise user has marked seen on
-- its home page; notices (returns and acceptances of its documents, read
-- from the audit log) show only what came after it.
CREATE TABLE home_seen (
	user_id bigint PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE DEFERRABLE,
	audit_id bigint NOT NULL,
	seen_at bigint NOT NULL
);
CREATE INDEX audit_action ON audit(action, id);
