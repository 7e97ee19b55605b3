-- sxsh schema, version 6 (PostgreSQL dialect): the default plan is data.
--
-- plan.is_default marks the plan the dashboard, the indicators page and
-- API, `sxsh stats` and `sxsh kpi` use when none is named; it is set from
-- data/plans.csv (model/registry/refdata.c).  At most one plan is the
-- default: a unique index over the flagged rows only.
ALTER TABLE plan ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0
	CHECK (is_default IN (0, 1));
CREATE UNIQUE INDEX plan_one_default ON plan (is_default) WHERE is_default = 1;
