-- sxsh schema, version 9 (SQLite dialect): plausibility limits.
--
-- The rows of data/plausibility.csv (model/registry/refdata.c), read by
-- model/reporting/plausible.c.  code 'hard' is the largest yearly quantity
-- a single facility could report on a line (line: energy, output, water,
-- material) of an item (a carrier or product code, '*' for any) in unit:
-- validation refuses a line above it (a monthly line above a twelfth of
-- it).  Every other code is a soft threshold (line and item '*'): a
-- figure beyond it is a warning on the report form's preview and a
-- finding of 'sxsh check', never an error.  basis holds the reasoning,
-- repeated in docs/analytics.md.
CREATE TABLE plausibility (
	code TEXT NOT NULL,
	line TEXT NOT NULL,
	item TEXT NOT NULL,
	unit TEXT NOT NULL,
	value REAL NOT NULL CHECK (value > 0),
	basis TEXT NOT NULL,
	source TEXT NOT NULL,
	reliability TEXT NOT NULL CHECK (reliability IN ('L', 'S', '?')),
	PRIMARY KEY (code, line, item, unit)
);
