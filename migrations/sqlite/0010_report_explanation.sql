-- sxsh schema, version 10 (SQLite dialect): explanations of warnings.
--
-- When an enterprise submits a report whose figures raise plausibility
-- warnings (model/reporting/plausible.c: a jump from last year, SEC above
-- the norm or outside the peers' range, energy per employee), the report
-- form asks for a short explanation of each.  One row per warning: field
-- is the warning's key ("toe", "sec.ice", "energy.electricity"), warning_vi
-- and warning_en the warning as the enterprise saw it, explanation what it
-- typed.  Rows are replaced with the report's lines when the form saves.
CREATE TABLE report_explanation (
	id INTEGER PRIMARY KEY,
	report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
	field TEXT NOT NULL,
	warning_vi TEXT NOT NULL,
	warning_en TEXT NOT NULL,
	explanation TEXT NOT NULL,
	UNIQUE (report_id, field)
);
