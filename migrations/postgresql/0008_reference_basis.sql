-- sxsh schema, version 8 (PostgreSQL dialect): how a factor and a norm apply.
--
-- carrier_factor.toe_derived is 1 when the row's TOE factor is not a legal
-- one but derived (rice husk and wood: IPCC heating value / 41.868 GJ per
-- TOE); the key-user list says which facilities reach the threshold only
-- through such a factor (model/analytics/keyusers.c).
--
-- norm.band_plant is 1 when band_min/band_max bound the plant's yearly
-- output of every product of the norm product's VSIC class (in the
-- product's unit), not the product's own: TT 52/2018/TT-BCT applies to
-- seafood plants of at least 300 t of product a year (DOMAIN.md §3).
-- Both are set from data/*.csv (model/registry/refdata.c).
ALTER TABLE carrier_factor ADD COLUMN toe_derived INTEGER NOT NULL DEFAULT 0
	CHECK (toe_derived IN (0, 1));
ALTER TABLE norm ADD COLUMN band_plant INTEGER NOT NULL DEFAULT 0
	CHECK (band_plant IN (0, 1));
