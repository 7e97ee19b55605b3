-- sxsh schema, version 2 (SQLite dialect): the administrative unit history
-- of each facility, so that indicators for year Y count a facility under the
-- unit it belonged to on 31/12 of Y (model/kpi.h), across the 2025 reform.
--
-- A row says the facility belonged to admin_unit_id from valid_from to
-- valid_to inclusive (ISO dates; NULL = open-ended).  A facility's rows do
-- not overlap; the open row (valid_to NULL) is its current unit, which is
-- always facility.admin_unit_id: a trigger keeps the two equal when the
-- facility's unit is corrected (an import), and `sxsh facility move` closes
-- the open row and opens a new one when the facility changes unit.  A
-- facility with no row has been in facility.admin_unit_id all along.
CREATE TABLE facility_unit_history (
	id INTEGER PRIMARY KEY,
	facility_id INTEGER NOT NULL REFERENCES facility(id) ON DELETE CASCADE,
	admin_unit_id INTEGER NOT NULL REFERENCES admin_unit(id),
	valid_from TEXT,
	valid_to TEXT,
	CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to),
	UNIQUE (facility_id, valid_from)
);
CREATE INDEX facility_unit_facility ON facility_unit_history(facility_id);

-- Every existing facility has been in its current unit all along.
INSERT INTO facility_unit_history(facility_id, admin_unit_id, valid_from, valid_to)
	SELECT id, admin_unit_id, NULL, NULL FROM facility;

-- A correction of the current unit (facility.admin_unit_id rewritten)
-- rewrites the open row too, so the history never disagrees with it.
CREATE TRIGGER facility_unit_follow AFTER UPDATE OF admin_unit_id ON facility
	WHEN NEW.admin_unit_id IS NOT OLD.admin_unit_id
BEGIN
	UPDATE facility_unit_history SET admin_unit_id = NEW.admin_unit_id
		WHERE facility_id = NEW.id AND valid_to IS NULL;
END;
