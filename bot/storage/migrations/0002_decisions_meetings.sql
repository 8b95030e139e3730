-- Decisions, follow-ups and meetings, each numbered within its committee (D-12, S-7, R-3).
CREATE TABLE committee_counters (
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('decision', 'follow_up', 'meeting')),
    last_number   INTEGER NOT NULL,
    PRIMARY KEY (committee_id, kind)
);

CREATE TABLE meetings (
    id               INTEGER PRIMARY KEY,
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

CREATE TABLE meeting_attendees (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    person_id   INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    name        TEXT    NOT NULL,
    PRIMARY KEY (meeting_id, position)
);

CREATE TABLE decisions (
    id            INTEGER PRIMARY KEY,
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    text          TEXT    NOT NULL,
    meeting_id    INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    created_by    INTEGER,
    created_at    TEXT    NOT NULL,
    UNIQUE (committee_id, number)
);
CREATE INDEX decisions_by_meeting ON decisions (meeting_id);
CREATE INDEX decisions_by_date ON decisions (committee_id, created_at);

CREATE TABLE follow_ups (
    id                INTEGER PRIMARY KEY,
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
    UNIQUE (committee_id, number)
);
CREATE INDEX follow_ups_by_decision ON follow_ups (decision_id);
CREATE INDEX follow_ups_by_meeting ON follow_ups (meeting_id);
CREATE INDEX follow_ups_open_by_due ON follow_ups (committee_id, status, due_date);
