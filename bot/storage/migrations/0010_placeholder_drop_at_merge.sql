-- Placeholder so that 0011 (trust/sheets) runs on this branch: migrations have no gaps.
-- DROP THIS FILE AT MERGE: the real 0010 comes from another branch of issue 10.
SELECT 1;
