-- Found by bench/reminders.py with 800,000 waiting rows: the earliest reminder of each
-- committee is read from an index that covers the query, not from the table.
DROP INDEX reminders_by_committee;
CREATE INDEX reminders_by_committee ON reminders (committee_id, state, due_at);
