-- Placeholder for migration 0012 of another branch of issue 11, so that 0013
-- applies in this branch alone.  Drop this file when the branches merge.
SELECT 1;
