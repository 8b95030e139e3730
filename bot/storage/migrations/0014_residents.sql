-- The residents' side of a committee: its anonymous box, its channel, what it publishes.
-- (0009 to 0013 are taken by other branches; the numbers close up when they are merged.)

-- One row per committee: the secret part of its box link, and the contact printed on sheets.
CREATE TABLE resident_settings (
    committee_id  INTEGER PRIMARY KEY REFERENCES committees (id) ON DELETE CASCADE,
    box_token     TEXT    NOT NULL UNIQUE,
    contact_name  TEXT,
    contact_how   TEXT
);

-- A message written to the box. Nothing here says who wrote it: no person, no chat, no name,
-- and the day only, never the time. `reply_hash` is the SHA-256 of a random token that only
-- the writer's own chat holds; `answerable` says they asked to be able to read an answer.
CREATE TABLE box_items (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    text          TEXT    NOT NULL,
    received_on   TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'new'
                  CHECK (status IN ('new', 'read', 'archived', 'abusive')),
    reply_hash    TEXT    NOT NULL UNIQUE,
    answerable    INTEGER NOT NULL DEFAULT 0,
    answer        TEXT,
    answered_how  TEXT    CHECK (answered_how IN ('public', 'private')),
    -- A member of the committee (the writer is never named anywhere).
    answered_by   INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    used_as       TEXT,
    UNIQUE (committee_id, number)
);
CREATE INDEX box_items_by_committee ON box_items (committee_id, status);
CREATE INDEX box_items_by_day ON box_items (received_on);

-- The Telegram channel where the committee publishes for every resident.
CREATE TABLE resident_channels (
    committee_id  INTEGER PRIMARY KEY REFERENCES committees (id) ON DELETE CASCADE,
    chat_id       INTEGER NOT NULL UNIQUE,
    title         TEXT,
    username      TEXT,
    linked_by     INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    linked_at     TEXT    NOT NULL,
    bot_present   INTEGER NOT NULL DEFAULT 1
);

-- What a member chose to show residents: the same content makes the channel post and the
-- printed sheet. Published once; the draft stays until a person says « publish ».
CREATE TABLE resident_notices (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id        INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    kind                TEXT    NOT NULL,
    content             TEXT    NOT NULL,
    box_item_id         INTEGER REFERENCES box_items (id) ON DELETE SET NULL,
    created_by          INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    created_at          TEXT    NOT NULL,
    published_by        INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    published_at        TEXT,
    channel_message_id  INTEGER
);
CREATE INDEX resident_notices_by_committee ON resident_notices (committee_id, created_at);
