-- sxsh schema, version 3 (SQLite dialect): energy analytics.
-- Legal thresholds as reference data (data/thresholds.csv), and monthly
-- production so the ISO 50006 regression baseline has a P for every month.

-- Legal thresholds (key energy user: TOE a year), by facility kind.
CREATE TABLE threshold (
	code TEXT NOT NULL,
	kind TEXT NOT NULL,
	value REAL NOT NULL CHECK (value > 0),
	unit TEXT NOT NULL,
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	legal_ref TEXT NOT NULL,
	source TEXT NOT NULL,
	reliability TEXT NOT NULL CHECK (reliability IN ('L', 'S', '?')),
	note TEXT,
	PRIMARY KEY (code, kind, valid_from)
);

-- Monthly production of a product (in the product's unit), an optional
-- breakdown of the report's yearly report_output row; the energy
-- regression (ISO 50006) pairs it with monthly energy lines.
CREATE TABLE report_output_month (
	report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
	product_code TEXT NOT NULL REFERENCES product(code),
	month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
	quantity REAL NOT NULL CHECK (quantity >= 0),
	PRIMARY KEY (report_id, product_code, month)
);

