-- sxsh schema, version 19 (SQLite dialect): CP assessments (model/assess/).
--
-- An assessment is a workflow document of the kind "assessment"
-- (model/doc/doc.c): one per facility and start year, in the states draft,
-- in_progress, submitted (its report is with the province), returned,
-- accepted and sustaining (docs/workflow.md, "Assessments").  Province
-- staff open it; its team (assessment_member) names enterprise staff and
-- experts, and an expert account sees an assessment only through its
-- member row.  The 18 tasks of the UNEP/UNIDO method (DOMAIN.md §5) have a
-- row each once touched (assessment_task; a missing row is "not started").
--
-- The focus area's process steps (process_step) carry balance lines
-- (balance_item): inputs and outputs of materials, energy (by carrier, in a
-- unit of the unit table, so the ledger converts it), water, product, waste
-- and emissions per the assessment's balance period.  A waste or emission
-- line may carry its cost (the purchase value of what is lost and the
-- treatment cost, VND per period) and its causes (waste_cause).
--
-- Options (cp_option) address a waste line or one of its causes, are one of
-- the eight kinds of CP technique, are triaged (implement now, study
-- further, rejected with a reason), carry their finance inputs (capex, and
-- either explicit yearly cash flows as a JSON array or a constant annual
-- saving over a life) and criteria scores, and once chosen move from
-- proposed to planned, in_progress and implemented (date, actual cost).
-- Their expected effects per year (cp_option_effect) are quantities saved
-- (positive) or added (negative) of energy by carrier, materials, water and
-- waste; CO2 is derived from the energy through the ledger.
CREATE TABLE assessment (
	id INTEGER PRIMARY KEY,
	facility_id INTEGER NOT NULL REFERENCES facility(id) ON DELETE CASCADE,
	year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
	title TEXT NOT NULL DEFAULT '',
	pilot INTEGER NOT NULL DEFAULT 0 CHECK (pilot IN (0, 1)),
	funding TEXT NOT NULL DEFAULT 'enterprise' CHECK (funding IN ('central', 'provincial',
		'district', 'enterprise', 'international', 'other')),
	funding_note TEXT NOT NULL DEFAULT '',
	started_on TEXT NOT NULL,
	focus TEXT NOT NULL DEFAULT '',
	balance_period TEXT NOT NULL DEFAULT 'year'
		CHECK (balance_period IN ('batch', 'day', 'month', 'year')),
	tolerance_pct REAL NOT NULL DEFAULT 5 CHECK (tolerance_pct > 0 AND tolerance_pct <= 100),
	weight_tech REAL NOT NULL DEFAULT 1 CHECK (weight_tech >= 0),
	weight_fin REAL NOT NULL DEFAULT 1 CHECK (weight_fin >= 0),
	weight_env REAL NOT NULL DEFAULT 1 CHECK (weight_env >= 0),
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_progress',
		'submitted', 'returned', 'accepted', 'sustaining')),
	forwarded_at TEXT,
	submitted_on TEXT,
	accepted_on TEXT,
	review_note TEXT,
	published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (facility_id, year)
);

CREATE TABLE assessment_member (
	id INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
	user_id INTEGER REFERENCES app_user(id) ON DELETE SET NULL,
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	team_role TEXT NOT NULL CHECK (team_role IN ('leader', 'member', 'expert')),
	position TEXT NOT NULL DEFAULT '',
	organisation TEXT NOT NULL DEFAULT '',
	contact TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assessment_member_assessment ON assessment_member(assessment_id);
CREATE UNIQUE INDEX assessment_member_user ON assessment_member(assessment_id, user_id)
	WHERE user_id IS NOT NULL;
CREATE INDEX assessment_member_by_user ON assessment_member(user_id);

CREATE TABLE assessment_task (
	assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
	task INTEGER NOT NULL CHECK (task BETWEEN 1 AND 18),
	state TEXT NOT NULL DEFAULT 'todo' CHECK (state IN ('todo', 'doing', 'done', 'skipped')),
	responsible TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	due_on TEXT,
	updated_at INTEGER,
	PRIMARY KEY (assessment_id, task)
);

CREATE TABLE process_step (
	id INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
	seq INTEGER NOT NULL CHECK (seq >= 1),
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	description TEXT NOT NULL DEFAULT '',
	UNIQUE (assessment_id, seq)
);

CREATE TABLE balance_item (
	id INTEGER PRIMARY KEY,
	step_id INTEGER NOT NULL REFERENCES process_step(id) ON DELETE CASCADE,
	direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
	stream TEXT NOT NULL CHECK (stream IN ('material', 'energy', 'water', 'product', 'waste',
		'emission')),
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	carrier_code TEXT REFERENCES carrier(code),
	quantity REAL NOT NULL CHECK (quantity >= 0),
	unit TEXT NOT NULL REFERENCES unit(code),
	to_step_id INTEGER REFERENCES process_step(id) ON DELETE SET NULL,
	lost_value REAL CHECK (lost_value >= 0),
	treatment_cost REAL CHECK (treatment_cost >= 0),
	note TEXT NOT NULL DEFAULT '',
	CHECK ((stream = 'energy') = (carrier_code IS NOT NULL))
);
CREATE INDEX balance_item_step ON balance_item(step_id);

CREATE TABLE waste_cause (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES balance_item(id) ON DELETE CASCADE,
	description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 1000)
);
CREATE INDEX waste_cause_item ON waste_cause(item_id);

CREATE TABLE cp_option (
	id INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
	seq INTEGER NOT NULL CHECK (seq >= 1),
	title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
	description TEXT NOT NULL DEFAULT '',
	waste_item_id INTEGER REFERENCES balance_item(id) ON DELETE SET NULL,
	cause_id INTEGER REFERENCES waste_cause(id) ON DELETE SET NULL,
	kind TEXT NOT NULL CHECK (kind IN ('housekeeping', 'input_change', 'process_control',
		'equipment', 'technology', 'onsite_recovery', 'byproduct', 'product')),
	offsite INTEGER NOT NULL DEFAULT 0 CHECK (offsite IN (0, 1)),
	triage TEXT NOT NULL DEFAULT 'study' CHECK (triage IN ('now', 'study', 'rejected')),
	reject_reason TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'proposed'
		CHECK (status IN ('proposed', 'planned', 'in_progress', 'implemented')),
	capex REAL NOT NULL DEFAULT 0 CHECK (capex >= 0),
	annual_saving REAL,
	life_years INTEGER CHECK (life_years BETWEEN 1 AND 50),
	cash_flows TEXT,
	discount_rate REAL NOT NULL DEFAULT 0.1 CHECK (discount_rate > -1 AND discount_rate < 10),
	opcost_change REAL,
	score_tech REAL CHECK (score_tech BETWEEN 0 AND 10),
	score_fin REAL CHECK (score_fin BETWEEN 0 AND 10),
	score_env REAL CHECK (score_env BETWEEN 0 AND 10),
	implemented_on TEXT,
	actual_cost REAL CHECK (actual_cost >= 0),
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (assessment_id, seq)
);

CREATE TABLE cp_option_effect (
	id INTEGER PRIMARY KEY,
	option_id INTEGER NOT NULL REFERENCES cp_option(id) ON DELETE CASCADE,
	stream TEXT NOT NULL CHECK (stream IN ('energy', 'material', 'water', 'waste')),
	carrier_code TEXT REFERENCES carrier(code),
	name TEXT NOT NULL DEFAULT '',
	quantity REAL NOT NULL,
	unit TEXT NOT NULL REFERENCES unit(code),
	CHECK ((stream = 'energy') = (carrier_code IS NOT NULL))
);
CREATE INDEX cp_option_effect_option ON cp_option_effect(option_id);

-- Files on an assessment (its report, photos, measurements), each on the
-- assessment or on one of its 18 tasks; typed and limited as attachments
-- are (model/doc/attachment.c), seen by who sees the assessment.
CREATE TABLE assessment_file (
	id INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
	task INTEGER CHECK (task BETWEEN 1 AND 18),
	filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
	mime TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png',
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')),
	size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10485760),
	content BLOB NOT NULL,
	uploaded_by INTEGER NOT NULL REFERENCES app_user(id),
	uploaded_at INTEGER NOT NULL
);
CREATE INDEX assessment_file_assessment ON assessment_file(assessment_id, task);

-- The document core's history takes the new kind and its two moves;
-- SQLite rebuilds a table to change its CHECK constraints.
CREATE TABLE doc_event_new (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('report', 'registration', 'assessment')),
	doc_id INTEGER NOT NULL,
	at INTEGER NOT NULL,
	user_id INTEGER REFERENCES app_user(id),
	actor TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('submit', 'forward', 'return', 'accept', 'reopen',
		'start', 'sustain')),
	note TEXT NOT NULL DEFAULT '',
	content TEXT
);
INSERT INTO doc_event_new SELECT id, kind, doc_id, at, user_id, actor, action, note, content
	FROM doc_event;
DROP TABLE doc_event;
ALTER TABLE doc_event_new RENAME TO doc_event;
CREATE INDEX doc_event_doc ON doc_event(kind, doc_id, id);
