-- sxsh schema, version 15 (SQLite dialect): survey campaigns
-- (model/survey/campaign.c, render/workbook.c, web/campaigns.c,
-- cli/cmd_campaign.c).
--
-- campaign: province staff ask the facilities in scope for the documents of
-- one year (kind 'report', 'registration' or 'both') by a deadline
-- ('YYYY-MM-DD').  The scope criteria are kept as typed once resolved:
-- sector_code (a VSIC code; the sector and the codes under it), size, and
-- key_users (1: only the key energy users of the year before the
-- campaign's year); the administrative units are rows of campaign_unit.
-- No criterion means every active facility.  created_at is Unix seconds.
CREATE TABLE campaign (
	id INTEGER PRIMARY KEY,
	year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
	kind TEXT NOT NULL CHECK (kind IN ('report', 'registration', 'both')),
	deadline TEXT NOT NULL,
	title TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
	sector_code TEXT REFERENCES sector(code),
	size TEXT CHECK (size IN ('micro', 'small', 'medium', 'large')),
	key_users INTEGER NOT NULL DEFAULT 0 CHECK (key_users IN (0, 1)),
	created_by INTEGER REFERENCES app_user(id),
	created_at INTEGER NOT NULL
);

-- The administrative units of a campaign's scope: a facility is in scope
-- when its unit is one of them or lies directly under one.
CREATE TABLE campaign_unit (
	campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
	unit_id INTEGER NOT NULL REFERENCES admin_unit(id),
	PRIMARY KEY (campaign_id, unit_id)
);

-- The facilities a campaign was opened for, resolved once when it opened.
-- unit_id is the facility's district then (its unit, or the unit's parent
-- for a commune): the workbook and the progress row it belongs to.
-- opened_at (Unix seconds) is the first time the facility's workbook was
-- downloaded or its form opened by the enterprise; NULL until then.
CREATE TABLE campaign_facility (
	campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
	facility_id INTEGER NOT NULL REFERENCES facility(id) ON DELETE CASCADE,
	unit_id INTEGER NOT NULL REFERENCES admin_unit(id),
	invited_at INTEGER NOT NULL,
	opened_at INTEGER,
	PRIMARY KEY (campaign_id, facility_id)
);
CREATE INDEX campaign_facility_unit ON campaign_facility(campaign_id, unit_id);
CREATE INDEX campaign_facility_facility ON campaign_facility(facility_id);
