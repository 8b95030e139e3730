-- Requests to partners (Q-4): what the committee asked, of whom, by when; the answers, the
-- steps of the tenacity ladder, the letters and what the partner promised (follow-ups); and
-- what a representative obtained, position by position.
-- Ids in buttons are never reused: every table here is AUTOINCREMENT, or keyed by one that is.

CREATE TABLE requests (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id      INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    number            INTEGER NOT NULL,
    what              TEXT    NOT NULL,
    partner_name      TEXT,
    partnership_id    INTEGER REFERENCES partnerships (id) ON DELETE SET NULL,
    channel           TEXT    CHECK (channel IN ('letter', 'email', 'meeting', 'phone', 'form')),
    sent_on           TEXT    NOT NULL,
    addressed_to      TEXT,
    expected_on       TEXT    NOT NULL,
    status            TEXT    NOT NULL DEFAULT 'waiting'
                      CHECK (status IN ('waiting', 'answered', 'paused', 'closed')),
    outcome           TEXT    CHECK (outcome IN
                          ('accepted', 'partly', 'refused', 'looking', 'no_answer')),
    responsible_id    INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    responsible_name  TEXT,
    -- Grows when the partner says « on regarde ça »: the ladder starts again.
    round             INTEGER NOT NULL DEFAULT 0,
    -- Where it came from, when it came from another record.
    decision_id       INTEGER REFERENCES decisions (id) ON DELETE SET NULL,
    mandate_id        INTEGER REFERENCES mandates (id) ON DELETE SET NULL,
    objective_id      INTEGER REFERENCES partnership_objectives (id) ON DELETE SET NULL,
    created_by        INTEGER,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    UNIQUE (committee_id, number)
);
CREATE INDEX requests_by_status ON requests (status, committee_id);

CREATE TABLE request_answers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id   INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    outcome      TEXT    NOT NULL
                 CHECK (outcome IN ('accepted', 'partly', 'refused', 'looking', 'no_answer')),
    answered_on  TEXT    NOT NULL,
    note         TEXT,
    recorded_by  INTEGER,
    created_at   TEXT    NOT NULL
);
CREATE INDEX request_answers_by_request ON request_answers (request_id);

-- The ladder's rungs sent by the bot (claimed 'sending' before the send, 'sent' after), and
-- what people did that the ladder counts (relanced, paused, resumed).
CREATE TABLE request_steps (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    round       INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN
                    ('relance_1', 'relance_2', 'escalate', 'relanced', 'paused', 'resumed')),
    on_day      TEXT    NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'done' CHECK (state IN ('sending', 'sent', 'done')),
    created_by  INTEGER,
    created_at  TEXT    NOT NULL
);
CREATE INDEX request_steps_by_request ON request_steps (request_id, round);
-- Each rung once per round: the claim is this index.
CREATE UNIQUE INDEX request_rungs_once ON request_steps (request_id, round, kind)
    WHERE kind IN ('relance_1', 'relance_2', 'escalate');

-- Letters: drafts the committee reviews part by part, then final (what was sent).
CREATE TABLE request_letters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('request', 'relance')),
    written_on  TEXT    NOT NULL,
    address     TEXT,
    recipient   TEXT,
    subject     TEXT,
    body        TEXT,
    signature   TEXT,
    contact     TEXT,
    signer_id   INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    final_at    TEXT,
    created_by  INTEGER,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX request_letters_by_request ON request_letters (request_id);

-- What the committee wrote on its last final letter, offered again on the next one.
CREATE TABLE request_letterheads (
    committee_id  INTEGER PRIMARY KEY REFERENCES committees (id) ON DELETE CASCADE,
    address       TEXT,
    contact       TEXT,
    signature     TEXT,
    signer_id     INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    updated_at    TEXT    NOT NULL
);

-- What the partner promised, followed up as the committee's follow-ups.
CREATE TABLE request_follow_ups (
    request_id    INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    follow_up_id  INTEGER NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
    PRIMARY KEY (request_id, follow_up_id)
);

-- A mandate's report-back, position by position: what came of each one, and what the
-- committee did with a position not obtained (a request, or kept for the next mandate).
CREATE TABLE mandate_position_results (
    report_id   INTEGER NOT NULL REFERENCES mandate_reports (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,  -- its place among the mandate's positions, from 0
    text        TEXT    NOT NULL,
    result      TEXT    NOT NULL CHECK (result IN
                    ('obtained', 'partly', 'refused', 'postponed', 'not_discussed')),
    next_step   TEXT    CHECK (next_step IN ('request', 'kept')),
    request_id  INTEGER REFERENCES requests (id) ON DELETE SET NULL,
    PRIMARY KEY (report_id, position)
);
