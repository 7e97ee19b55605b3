-- sxsh schema, version 9 (PostgreSQL dialect): plausibility limits.
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
	code text NOT NULL,
	line text NOT NULL,
	item text NOT NULL,
	unit text NOT NULL,
	value double precision NOT NULL CHECK (value > 0),
	basis text NOT NULL,
	source text NOT NULL,
	reliability text NOT NULL CHECK (reliability IN ('L', 'S', '?')),
	PRIMARY KEY (code, line, item, unit)
);
