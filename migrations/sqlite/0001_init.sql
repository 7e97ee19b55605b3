-- sxsh schema, version 1 (SQLite dialect).
-- Reference tables carry source and reliability: L = legal text, S = secondary
-- source, ? = uncertain (see DOMAIN.md).  Dates are ISO yyyy-mm-dd text.

CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
INSERT INTO meta(key, value) VALUES ('generation', '0');

CREATE TABLE admin_unit (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	name_en TEXT,
	level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
	kind TEXT NOT NULL,
	parent_id INTEGER REFERENCES admin_unit(id),
	valid_from TEXT,
	valid_to TEXT,
	successor_id INTEGER REFERENCES admin_unit(id),
	source TEXT NOT NULL,
	reliability TEXT NOT NULL CHECK (reliability IN ('L', 'S', '?')),
	CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
);

CREATE TABLE sector (
	code TEXT PRIMARY KEY,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL,
	level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
	parent_code TEXT REFERENCES sector(code),
	source TEXT NOT NULL,
	reliability TEXT NOT NULL CHECK (reliability IN ('L', 'S', '?'))
);

-- Units of measure; quantities convert within a dimension through to_base.
CREATE TABLE unit (
	code TEXT PRIMARY KEY,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL,
	dimension TEXT NOT NULL,
	to_base REAL NOT NULL CHECK (to_base > 0)
);

CREATE TABLE product (
	code TEXT PRIMARY KEY,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL,
	sector_code TEXT NOT NULL REFERENCES sector(code),
	unit TEXT NOT NULL REFERENCES unit(code),
	source TEXT NOT NULL
);

CREATE TABLE carrier (
	code TEXT PRIMARY KEY,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('electricity', 'fuel', 'biomass', 'steam')),
	native_unit TEXT NOT NULL REFERENCES unit(code),
	biogenic INTEGER NOT NULL DEFAULT 0 CHECK (biogenic IN (0, 1))
);

-- Conversion factors of a carrier for quantities in one unit (a report in
-- another unit of the same dimension converts through unit.to_base).
CREATE TABLE carrier_factor (
	id INTEGER PRIMARY KEY,
	carrier_code TEXT NOT NULL REFERENCES carrier(code),
	unit TEXT NOT NULL REFERENCES unit(code),
	toe_per_unit REAL CHECK (toe_per_unit > 0),
	gj_per_unit REAL CHECK (gj_per_unit > 0),
	kgco2_per_unit REAL CHECK (kgco2_per_unit >= 0),
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	source TEXT NOT NULL,
	reliability TEXT NOT NULL CHECK (reliability IN ('L', 'S', '?')),
	note TEXT,
	UNIQUE (carrier_code, unit, valid_from)
);

CREATE TABLE grid_factor (
	year INTEGER PRIMARY KEY,
	tco2_per_mwh REAL NOT NULL CHECK (tco2_per_mwh > 0),
	source TEXT NOT NULL,
	reliability TEXT NOT NULL CHECK (reliability IN ('L', 'S', '?'))
);

-- Legal SEC norms.  band_min/band_max bound the facility's yearly output of
-- the product (in the product's unit) the norm applies to.
CREATE TABLE norm (
	id INTEGER PRIMARY KEY,
	product_code TEXT NOT NULL REFERENCES product(code),
	band_min REAL,
	band_max REAL,
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	value REAL NOT NULL CHECK (value > 0),
	energy_unit TEXT NOT NULL REFERENCES unit(code),
	per_unit TEXT NOT NULL REFERENCES unit(code),
	legal_ref TEXT NOT NULL,
	source TEXT NOT NULL,
	reliability TEXT NOT NULL CHECK (reliability IN ('L', 'S', '?')),
	note TEXT
);

CREATE TABLE facility (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	tax_code TEXT UNIQUE,
	name TEXT NOT NULL,
	name_key TEXT NOT NULL,
	sector_code TEXT NOT NULL REFERENCES sector(code),
	admin_unit_id INTEGER NOT NULL REFERENCES admin_unit(id),
	address TEXT,
	lat REAL CHECK (lat BETWEEN -90 AND 90),
	lon REAL CHECK (lon BETWEEN -180 AND 180),
	ownership TEXT NOT NULL
		CHECK (ownership IN ('state', 'private', 'fdi', 'household', 'cooperative')),
	size TEXT NOT NULL CHECK (size IN ('micro', 'small', 'medium', 'large')),
	employees INTEGER CHECK (employees >= 0),
	opened_year INTEGER,
	closed_year INTEGER,
	status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
	version INTEGER NOT NULL DEFAULT 1,
	CHECK (closed_year IS NULL OR opened_year IS NULL OR opened_year <= closed_year)
);
CREATE INDEX facility_unit ON facility(admin_unit_id);
CREATE INDEX facility_sector ON facility(sector_code);

CREATE TABLE report (
	id INTEGER PRIMARY KEY,
	facility_id INTEGER NOT NULL REFERENCES facility(id) ON DELETE CASCADE,
	year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
	status TEXT NOT NULL DEFAULT 'draft'
		CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
	-- CP status of the year: 1 yes, 0 no, NULL unknown.
	cp_aware INTEGER CHECK (cp_aware IN (0, 1)),
	cp_staff INTEGER CHECK (cp_staff IN (0, 1)),
	cp_unit INTEGER CHECK (cp_unit IN (0, 1)),
	cp_applied INTEGER CHECK (cp_applied IN (0, 1)),
	submitted_on TEXT,
	review_note TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (facility_id, year)
);
CREATE INDEX report_year ON report(year);

CREATE TABLE report_output (
	id INTEGER PRIMARY KEY,
	report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
	product_code TEXT NOT NULL REFERENCES product(code),
	quantity REAL NOT NULL CHECK (quantity >= 0),
	unit TEXT NOT NULL REFERENCES unit(code),
	UNIQUE (report_id, product_code)
);

CREATE TABLE report_energy (
	id INTEGER PRIMARY KEY,
	report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
	carrier_code TEXT NOT NULL REFERENCES carrier(code),
	month INTEGER CHECK (month BETWEEN 1 AND 12),
	product_code TEXT REFERENCES product(code),
	quantity REAL NOT NULL CHECK (quantity >= 0),
	unit TEXT NOT NULL REFERENCES unit(code),
	cost_vnd REAL CHECK (cost_vnd >= 0)
);
CREATE UNIQUE INDEX report_energy_key
	ON report_energy(report_id, carrier_code, ifnull(month, 0), ifnull(product_code, ''));

CREATE TABLE report_water (
	id INTEGER PRIMARY KEY,
	report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
	source TEXT NOT NULL CHECK (source IN ('tap', 'ground', 'surface', 'other')),
	quantity_m3 REAL NOT NULL CHECK (quantity_m3 >= 0),
	cost_vnd REAL CHECK (cost_vnd >= 0),
	UNIQUE (report_id, source)
);

CREATE TABLE report_material (
	id INTEGER PRIMARY KEY,
	report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	quantity REAL NOT NULL CHECK (quantity >= 0),
	unit TEXT NOT NULL REFERENCES unit(code),
	cost_vnd REAL CHECK (cost_vnd >= 0)
);

CREATE TABLE registration (
	id INTEGER PRIMARY KEY,
	facility_id INTEGER NOT NULL REFERENCES facility(id) ON DELETE CASCADE,
	year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
	apply_cp INTEGER NOT NULL CHECK (apply_cp IN (0, 1)),
	planned_saving_pct REAL CHECK (planned_saving_pct BETWEEN 0 AND 100),
	measures TEXT,
	status TEXT NOT NULL DEFAULT 'draft'
		CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (facility_id, year)
);

CREATE TABLE plan (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	title_vi TEXT NOT NULL,
	title_en TEXT NOT NULL,
	issuer TEXT NOT NULL,
	issued_on TEXT,
	start_year INTEGER,
	end_year INTEGER,
	scope TEXT NOT NULL CHECK (scope IN ('national', 'province')),
	source TEXT NOT NULL
);

-- A target of a plan.  Shares are in percent; value_max is the upper end of
-- a range ("5-8 %").  The target applies from from_year to by_year.
CREATE TABLE plan_target (
	id INTEGER PRIMARY KEY,
	plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	indicator TEXT NOT NULL,
	value REAL NOT NULL,
	value_max REAL,
	unit TEXT NOT NULL,
	from_year INTEGER,
	by_year INTEGER NOT NULL,
	scope_filter TEXT,
	note TEXT,
	source TEXT NOT NULL,
	reliability TEXT NOT NULL CHECK (reliability IN ('L', 'S', '?')),
	UNIQUE (plan_id, indicator, by_year, scope_filter)
);

CREATE TABLE app_user (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name TEXT,
	role TEXT NOT NULL
		CHECK (role IN ('admin', 'province', 'district', 'enterprise', 'expert')),
	admin_unit_id INTEGER REFERENCES admin_unit(id),
	facility_id INTEGER REFERENCES facility(id),
	password_hash TEXT,
	status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
	created_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	csrf TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_seen TEXT NOT NULL,
	expires_at TEXT NOT NULL
);

CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	user_id INTEGER REFERENCES app_user(id),
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id TEXT,
	before_json TEXT,
	after_json TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_id);
