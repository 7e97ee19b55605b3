-- sxsh schema, version 5 (SQLite dialect): the enterprise reporting
-- workflow (model/claim.c, model/report.c, model/registration.c,
-- docs/workflow.md).
--
-- facility_member says which enterprise users act for which facility.  A
-- user claims a facility (status 'claimed'); province staff confirm or
-- reject the claim, or assign the facility directly ('confirmed').  Only a
-- confirmed row gives access: the scope predicate of every workflow
-- statement reads this table, never app_user.facility_id.
-- app_user.facility_id stays the user's default facility; the triggers
-- below keep a confirmed membership for it, so the two never disagree.
CREATE TABLE facility_member (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	facility_id INTEGER NOT NULL REFERENCES facility(id) ON DELETE CASCADE,
	status TEXT NOT NULL DEFAULT 'claimed'
		CHECK (status IN ('claimed', 'confirmed', 'rejected')),
	claimed_at TEXT NOT NULL,
	decided_at TEXT,
	decided_by INTEGER REFERENCES app_user(id),
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (user_id, facility_id)
);
CREATE INDEX facility_member_facility ON facility_member(facility_id, status);

INSERT INTO facility_member(user_id, facility_id, status, claimed_at, decided_at)
	SELECT id, facility_id, 'confirmed', created_at, created_at FROM app_user
	WHERE facility_id IS NOT NULL;

CREATE TRIGGER app_user_member_insert AFTER INSERT ON app_user
WHEN NEW.facility_id IS NOT NULL
BEGIN
	INSERT INTO facility_member(user_id, facility_id, status, claimed_at, decided_at)
	VALUES (NEW.id, NEW.facility_id, 'confirmed', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
		strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
	ON CONFLICT(user_id, facility_id) DO UPDATE SET status = 'confirmed',
		version = version + 1;
END;

CREATE TRIGGER app_user_member_update AFTER UPDATE OF facility_id ON app_user
WHEN NEW.facility_id IS NOT NULL
BEGIN
	INSERT INTO facility_member(user_id, facility_id, status, claimed_at, decided_at)
	VALUES (NEW.id, NEW.facility_id, 'confirmed', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
		strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
	ON CONFLICT(user_id, facility_id) DO UPDATE SET status = 'confirmed',
		version = version + 1;
END;

-- A submitted report or registration that the district office has approved
-- and forwarded to the province (state "forwarded" in the model); NULL while
-- it waits for the district.  Cleared when it is returned or reopened.
ALTER TABLE report ADD COLUMN forwarded_at TEXT;
ALTER TABLE registration ADD COLUMN forwarded_at TEXT;
ALTER TABLE registration ADD COLUMN submitted_on TEXT;
ALTER TABLE registration ADD COLUMN review_note TEXT;
CREATE INDEX report_facility_status ON report(status, facility_id);
CREATE INDEX registration_status ON registration(status, facility_id);
