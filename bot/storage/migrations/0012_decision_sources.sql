-- Which message made which decision (the /decision command, or the answer to its question),
-- so that editing that message offers to correct the same decision instead of logging another.
ALTER TABLE decisions ADD COLUMN source_chat_id INTEGER;
ALTER TABLE decisions ADD COLUMN source_message_id INTEGER;
CREATE INDEX decisions_by_source ON decisions (source_chat_id, source_message_id);
