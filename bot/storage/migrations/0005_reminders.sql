-- Follow-up reminders and other scheduled nudges, and the committee settings that shape them.

ALTER TABLE committees ADD COLUMN quiet_start TEXT NOT NULL DEFAULT '20:00';
ALTER TABLE committees ADD COLUMN quiet_end TEXT NOT NULL DEFAULT '09:00';
ALTER TABLE committees ADD COLUMN reminder_rhythm TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE committees ADD COLUMN digest_enabled INTEGER NOT NULL DEFAULT 1;
-- 0 = Monday ... 6 = Sunday (Python's weekday()).
ALTER TABLE committees ADD COLUMN digest_weekday INTEGER NOT NULL DEFAULT 0;
-- The month (1-12) of the yearly formal meeting with the housing office, when set.
ALTER TABLE committees ADD COLUMN office_meeting_month INTEGER;

ALTER TABLE follow_ups ADD COLUMN done_at TEXT;
ALTER TABLE follow_ups ADD COLUMN blocked_reason TEXT;

-- One row per rung of a follow-up's ladder, planned for one due date. Sending writes
-- 'sending' first and 'sent' after: a crash in between repeats at most that message.
CREATE TABLE reminders (
    id            INTEGER PRIMARY KEY,
    follow_up_id  INTEGER NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    for_due       TEXT    NOT NULL,
    step          TEXT    NOT NULL,
    audience      TEXT    NOT NULL CHECK (audience IN ('person', 'group')),
    due_at        TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sending', 'sent', 'cancelled')),
    sent_at       TEXT,
    UNIQUE (follow_up_id, for_due, step)
);
CREATE INDEX reminders_waiting ON reminders (state, due_at);
CREATE INDEX reminders_by_committee ON reminders (committee_id, state);

-- Other nudges (weekly digest, partnership check-in, the mandate card the day before...):
-- one row per occurrence, written before sending, so none is sent twice.
CREATE TABLE nudges_sent (
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    occurrence    TEXT    NOT NULL,
    sent_at       TEXT    NOT NULL,
    PRIMARY KEY (committee_id, kind, occurrence)
);
