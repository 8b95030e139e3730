-- Reserved: this number belongs to another branch (feature/requests takes 0013). This empty
-- file only keeps the numbering without gaps on this branch; DROP IT AT MERGE, when that
-- branch's migration with the same number is merged.
SELECT 1;
