-- Committees, the people in them, their chats and invitations; PTB persistence.
CREATE TABLE committees (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('association', 'ccr', 'other')),
    housing_office  TEXT,
    timezone        TEXT    NOT NULL,
    locale          TEXT    NOT NULL,
    created_by      INTEGER NOT NULL,
    created_at      TEXT    NOT NULL
);

CREATE TABLE people (
    telegram_id          INTEGER PRIMARY KEY,
    display_name         TEXT    NOT NULL,
    username             TEXT,
    language             TEXT,
    language_hint        TEXT,
    active_committee_id  INTEGER REFERENCES committees (id) ON DELETE SET NULL,
    bot_blocked          INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL
);

CREATE TABLE memberships (
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (telegram_id) ON DELETE CASCADE,
    role          TEXT    NOT NULL CHECK (role IN ('coordinator', 'member')),
    source        TEXT    NOT NULL CHECK (source IN ('creator', 'invitation', 'group')),
    joined_at     TEXT    NOT NULL,
    PRIMARY KEY (committee_id, person_id)
);
CREATE INDEX memberships_by_person ON memberships (person_id);

CREATE TABLE committee_chats (
    chat_id       INTEGER PRIMARY KEY,
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    title         TEXT,
    linked_by     INTEGER NOT NULL,
    linked_at     TEXT    NOT NULL,
    bot_present   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX committee_chats_by_committee ON committee_chats (committee_id);

CREATE TABLE invitations (
    token         TEXT    PRIMARY KEY,
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    created_by    INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    revoked_at    TEXT,
    uses          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX invitations_by_committee ON invitations (committee_id);

-- PTB persistence (conversation states, user and chat data), as JSON.
CREATE TABLE persistence (
    kind  TEXT NOT NULL,
    key   TEXT NOT NULL,
    data  TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);
