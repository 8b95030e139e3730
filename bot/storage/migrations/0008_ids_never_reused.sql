-- Buttons name records by id. With a plain INTEGER PRIMARY KEY, SQLite hands the id of a
-- deleted last row to the next row, so an old « Done » could act on a newer follow-up.
-- AUTOINCREMENT never reuses an id. SQLite cannot change a key in place: each table is
-- rebuilt (foreign keys are off while migrations run, and checked before they commit).

CREATE TABLE committees_new (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    name                  TEXT    NOT NULL,
    kind                  TEXT    NOT NULL CHECK (kind IN ('association', 'ccr', 'other')),
    housing_office        TEXT,
    timezone              TEXT    NOT NULL,
    locale                TEXT    NOT NULL,
    created_by            INTEGER NOT NULL,
    created_at            TEXT    NOT NULL,
    vote_quorum           INTEGER NOT NULL DEFAULT 3,
    quiet_start           TEXT    NOT NULL DEFAULT '20:00',
    quiet_end             TEXT    NOT NULL DEFAULT '09:00',
    reminder_rhythm       TEXT    NOT NULL DEFAULT 'normal',
    digest_enabled        INTEGER NOT NULL DEFAULT 1,
    digest_weekday        INTEGER NOT NULL DEFAULT 0,
    office_meeting_month  INTEGER
);
INSERT INTO committees_new (id, name, kind, housing_office, timezone, locale, created_by,
    created_at, vote_quorum, quiet_start, quiet_end, reminder_rhythm, digest_enabled,
    digest_weekday, office_meeting_month)
SELECT id, name, kind, housing_office, timezone, locale, created_by, created_at, vote_quorum,
    quiet_start, quiet_end, reminder_rhythm, digest_enabled, digest_weekday,
    office_meeting_month FROM committees;
DROP TABLE committees;
ALTER TABLE committees_new RENAME TO committees;

CREATE TABLE meetings_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id     INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    number           INTEGER NOT NULL,
    held_on          TEXT    NOT NULL,
    kind             TEXT    NOT NULL
                     CHECK (kind IN ('committee', 'housing_office', 'partner', 'general_assembly')),
    partner_name     TEXT,
    next_meeting_at  TEXT,
    created_by       INTEGER,
    created_at       TEXT    NOT NULL,
    finished_at      TEXT,
    UNIQUE (committee_id, number)
);
INSERT INTO meetings_new SELECT id, committee_id, number, held_on, kind, partner_name,
    next_meeting_at, created_by, created_at, finished_at FROM meetings;
DROP TABLE meetings;
ALTER TABLE meetings_new RENAME TO meetings;

CREATE TABLE decisions_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    text          TEXT    NOT NULL,
    meeting_id    INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    created_by    INTEGER,
    created_at    TEXT    NOT NULL,
    UNIQUE (committee_id, number)
);
INSERT INTO decisions_new SELECT id, committee_id, number, text, meeting_id, created_by,
    created_at FROM decisions;
DROP TABLE decisions;
ALTER TABLE decisions_new RENAME TO decisions;
CREATE INDEX decisions_by_meeting ON decisions (meeting_id);
CREATE INDEX decisions_by_date ON decisions (committee_id, created_at);

CREATE TABLE partnerships_new (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id         INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    number               INTEGER NOT NULL,
    partner_kind         TEXT    NOT NULL,
    partner_name         TEXT    NOT NULL,
    contact_person       TEXT,
    need                 TEXT,
    committee_resources  TEXT,
    partner_resources    TEXT,
    status               TEXT    NOT NULL DEFAULT 'draft'
                         CHECK (status IN ('draft', 'active', 'paused', 'ended')),
    created_by           INTEGER,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    UNIQUE (committee_id, number)
);
INSERT INTO partnerships_new SELECT id, committee_id, number, partner_kind, partner_name,
    contact_person, need, committee_resources, partner_resources, status, created_by,
    created_at, updated_at FROM partnerships;
DROP TABLE partnerships;
ALTER TABLE partnerships_new RENAME TO partnerships;

CREATE TABLE partnership_objectives_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    text            TEXT    NOT NULL,
    success_sign    TEXT,
    target_date     TEXT,
    status          TEXT    NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'achieved', 'dropped')),
    achieved_at     TEXT,
    created_at      TEXT    NOT NULL
);
INSERT INTO partnership_objectives_new SELECT id, partnership_id, text, success_sign,
    target_date, status, achieved_at, created_at FROM partnership_objectives;
DROP TABLE partnership_objectives;
ALTER TABLE partnership_objectives_new RENAME TO partnership_objectives;
CREATE INDEX partnership_objectives_by_partnership ON partnership_objectives (partnership_id);

CREATE TABLE follow_ups_new (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id      INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    number            INTEGER NOT NULL,
    text              TEXT    NOT NULL,
    decision_id       INTEGER REFERENCES decisions (id) ON DELETE CASCADE,
    meeting_id        INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    responsible_id    INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    responsible_name  TEXT,
    due_date          TEXT,
    due_time          TEXT,
    status            TEXT    NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'done', 'blocked', 'cancelled')),
    created_by        INTEGER,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    done_at           TEXT,
    blocked_reason    TEXT,
    objective_id      INTEGER REFERENCES partnership_objectives (id) ON DELETE SET NULL,
    UNIQUE (committee_id, number)
);
INSERT INTO follow_ups_new SELECT id, committee_id, number, text, decision_id, meeting_id,
    responsible_id, responsible_name, due_date, due_time, status, created_by, created_at,
    updated_at, done_at, blocked_reason, objective_id FROM follow_ups;
DROP TABLE follow_ups;
ALTER TABLE follow_ups_new RENAME TO follow_ups;
CREATE INDEX follow_ups_by_decision ON follow_ups (decision_id);
CREATE INDEX follow_ups_by_meeting ON follow_ups (meeting_id);
CREATE INDEX follow_ups_open_by_due ON follow_ups (committee_id, status, due_date);

CREATE TABLE mandates_new (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id         INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    number               INTEGER NOT NULL,
    representative_id    INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    representative_name  TEXT    NOT NULL,
    partnership_id       INTEGER REFERENCES partnerships (id) ON DELETE SET NULL,
    partner_name         TEXT    NOT NULL,
    meeting_at           TEXT,
    period_end           TEXT,
    positions            TEXT    NOT NULL DEFAULT '[]',
    latitude             TEXT,
    limits               TEXT,
    valid_until          TEXT,
    status               TEXT    NOT NULL DEFAULT 'draft'
                         CHECK (status IN ('draft', 'voting', 'adopted', 'rejected', 'replaced')),
    vote_chat_id         INTEGER,
    vote_message_id      INTEGER,
    vote_deadline        TEXT,
    decided_at           TEXT,
    decided_how          TEXT    CHECK (decided_how IN ('vote', 'meeting')),
    tally_for            INTEGER,
    tally_against        INTEGER,
    tally_abstain        INTEGER,
    card_sent_at         TEXT,
    report_requested_at  TEXT,
    created_by           INTEGER,
    created_at           TEXT    NOT NULL,
    UNIQUE (committee_id, number)
);
INSERT INTO mandates_new SELECT id, committee_id, number, representative_id,
    representative_name, partnership_id, partner_name, meeting_at, period_end, positions,
    latitude, limits, valid_until, status, vote_chat_id, vote_message_id, vote_deadline,
    decided_at, decided_how, tally_for, tally_against, tally_abstain, card_sent_at,
    report_requested_at, created_by, created_at FROM mandates;
DROP TABLE mandates;
ALTER TABLE mandates_new RENAME TO mandates;
CREATE INDEX mandates_by_status ON mandates (status);

CREATE TABLE mandate_reports_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    mandate_id      INTEGER NOT NULL UNIQUE REFERENCES mandates (id) ON DELETE CASCADE,
    said            TEXT,
    partner_answer  TEXT,
    agreed          TEXT    NOT NULL DEFAULT '[]',
    to_committee    TEXT    NOT NULL DEFAULT '[]',
    -- Points already turned into a decision or a follow-up (« d0 », « s1 »): once only.
    turned          TEXT    NOT NULL DEFAULT '[]',
    reported_by     INTEGER,
    reported_at     TEXT    NOT NULL
);
INSERT INTO mandate_reports_new SELECT id, mandate_id, said, partner_answer, agreed,
    to_committee, turned, reported_by, reported_at FROM mandate_reports;
DROP TABLE mandate_reports;
ALTER TABLE mandate_reports_new RENAME TO mandate_reports;

-- Ids freed before this migration could still be handed out once: start each sequence past
-- every id ever issued. Each numbered record took one committee number when it was created,
-- so the sum of the counters bounds the ids ever given.
INSERT INTO sqlite_sequence (name, seq)
SELECT t.name, 0 FROM (
    SELECT 'committees' AS name UNION ALL SELECT 'meetings' UNION ALL SELECT 'decisions'
    UNION ALL SELECT 'partnerships' UNION ALL SELECT 'partnership_objectives'
    UNION ALL SELECT 'follow_ups' UNION ALL SELECT 'mandates' UNION ALL SELECT 'mandate_reports'
) AS t WHERE t.name NOT IN (SELECT name FROM sqlite_sequence);
UPDATE sqlite_sequence SET seq = MAX(seq, COALESCE((
    SELECT SUM(c.last_number) FROM committee_counters c
    WHERE c.kind = CASE sqlite_sequence.name
        WHEN 'meetings' THEN 'meeting' WHEN 'decisions' THEN 'decision'
        WHEN 'partnerships' THEN 'partnership' WHEN 'follow_ups' THEN 'follow_up'
        WHEN 'mandates' THEN 'mandate' END
), 0));

-- The scheduler asks which nudges of a kind were claimed since a moment.
CREATE INDEX nudges_sent_by_kind ON nudges_sent (kind, sent_at);

-- Wizards now share one conversation ("wizards"); the states kept under the old names
-- would never be read again.
DELETE FROM persistence WHERE kind LIKE 'conversation:%' AND kind <> 'conversation:wizards';
