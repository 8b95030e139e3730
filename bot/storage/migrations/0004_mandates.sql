-- Mandates for the committee's representatives, their votes and the report after the meeting.

-- Counters accept any kind from now on: the code names them, a CHECK here only forced
-- a table rebuild for each new kind.
CREATE TABLE committee_counters_new (
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    last_number   INTEGER NOT NULL,
    PRIMARY KEY (committee_id, kind)
);
INSERT INTO committee_counters_new SELECT committee_id, kind, last_number FROM committee_counters;
DROP TABLE committee_counters;
ALTER TABLE committee_counters_new RENAME TO committee_counters;

-- The minimum number of votes cast for a vote to count (settings, later).
ALTER TABLE committees ADD COLUMN vote_quorum INTEGER NOT NULL DEFAULT 3;

CREATE TABLE mandates (
    id                   INTEGER PRIMARY KEY,
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
CREATE INDEX mandates_by_status ON mandates (status);

CREATE TABLE mandate_votes (
    mandate_id  INTEGER NOT NULL REFERENCES mandates (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (telegram_id) ON DELETE CASCADE,
    choice      TEXT    NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
    voted_at    TEXT    NOT NULL,
    PRIMARY KEY (mandate_id, person_id)
);

CREATE TABLE mandate_reports (
    id              INTEGER PRIMARY KEY,
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
