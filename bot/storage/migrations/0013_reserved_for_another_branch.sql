-- Reserved: issue 13's plan gave this number to another branch. This empty file only keeps the
-- numbering without gaps on this branch; drop it when that branch's 0013 is merged.
SELECT 1;
