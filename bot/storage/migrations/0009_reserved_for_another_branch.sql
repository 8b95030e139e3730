-- Reserved: issue 10 gave this number to another branch. This empty file only keeps the
-- numbering without gaps on this branch; drop it when that branch's 0009 is merged.
SELECT 1;
