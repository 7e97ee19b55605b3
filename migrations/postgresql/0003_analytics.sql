-- sxsh schema, version 3 (PostgreSQL dialect): energy analytics.
-- Legal thresholds as reference data (data/thresholds.csv), and monthly
-- production so the ISO 50006 regression baseline has a P for every month.

-- Legal thresholds (key energy user: TOE a year), by facility kind.
CREATE TABLE threshold (
	code text NOT NULL,
	kind text NOT NULL,
	value double precision NOT NULL CHECK (value > 0),
	unit text NOT NULL,
	valid_from text NOT NULL,
	valid_to text,
	legal_ref text NOT NULL,
	source text NOT NULL,
	reliability text NOT NULL CHECK (reliability IN ('L', 'S', '?')),
	note text,
	PRIMARY KEY (code, kind, valid_from)
);

-- Monthly production of a product (in the product's unit), an optional
-- breakdown of the report's yearly report_output row; the energy
-- regression (ISO 50006) pairs it with monthly energy lines.
CREATE TABLE report_output_month (
	report_id bigint NOT NULL REFERENCES report(id) ON DELETE CASCADE DEFERRABLE,
	product_code text NOT NULL REFERENCES product(code) DEFERRABLE,
	month bigint NOT NULL CHECK (month BETWEEN 1 AND 12),
	quantity double precision NOT NULL CHECK (quantity >= 0),
	PRIMARY KEY (report_id, product_code, month)
);

