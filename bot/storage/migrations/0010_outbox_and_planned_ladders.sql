-- What the bot has to tell a committee's group after a change (« S-1 is done », a
-- celebration...), written in the same transaction as the change, then sent. A crash between
-- the commit and the send leaves the row here: it is sent after the restart, once. A row is
-- deleted once sent; 'sending' is written before the send, so only a crash during the send
-- itself can repeat that one message.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    chat_id       INTEGER NOT NULL,
    text          TEXT    NOT NULL,
    -- JSON rows of [label, callback data or link]; empty: no buttons.
    buttons       TEXT    NOT NULL DEFAULT '[]',
    created_at    TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending'))
);
CREATE INDEX outbox_waiting ON outbox (state, created_at);

-- The due date the follow-up's ladder of reminders is planned for (NULL: none planned, or
-- stopped). At start, an open follow-up whose ladder is not planned for its due date (the bot
-- died between saving it and planning it) is planned; the partial index finds those at once.
ALTER TABLE follow_ups ADD COLUMN ladder_for TEXT;
UPDATE follow_ups SET ladder_for = due_date
WHERE status = 'open' AND EXISTS (
    SELECT 1 FROM reminders r
    WHERE r.follow_up_id = follow_ups.id AND r.for_due = follow_ups.due_date
      AND r.state != 'cancelled'
);
CREATE INDEX follow_ups_unplanned ON follow_ups (id)
WHERE status = 'open' AND due_date IS NOT NULL AND ladder_for IS NOT due_date;
