-- The whole building: the residents' side of a committee (its anonymous box, its channel, what it
-- publishes), its members without Telegram, the agenda of its next meeting, its general
-- assemblies. (0013 is taken by another branch.)

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

-- Members without Telegram: a name a coordinator typed (« M. Roy »). They attend meetings,
-- are responsible for actions, and vote by proxy through a coordinator. `relay_id` is a
-- member who agreed to pass their reminders on (asked first: `relay_asked`); without one,
-- their reminders go to the group, naming them.
CREATE TABLE named_members (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL COLLATE NOCASE,
    relay_id      INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    relay_asked   INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    added_by      INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    added_at      TEXT    NOT NULL,
    UNIQUE (committee_id, name)
);

-- A vote a coordinator records on behalf of a member without Telegram: one per member and
-- mandate, as for the others (a new choice replaces the earlier one); who recorded it shows.
CREATE TABLE mandate_proxy_votes (
    mandate_id       INTEGER NOT NULL REFERENCES mandates (id) ON DELETE CASCADE,
    named_member_id  INTEGER NOT NULL REFERENCES named_members (id) ON DELETE CASCADE,
    choice           TEXT    NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
    recorded_by      INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    voted_at         TEXT    NOT NULL,
    PRIMARY KEY (mandate_id, named_member_id)
);

-- What the next meeting will talk about (a box message, say). `meeting_id` is set once a
-- meeting took it up; until then it is on the agenda of the next one.
CREATE TABLE agenda_items (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    text          TEXT    NOT NULL,
    box_item_id   INTEGER REFERENCES box_items (id) ON DELETE SET NULL,
    added_by      INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    added_at      TEXT    NOT NULL,
    meeting_id    INTEGER REFERENCES meetings (id) ON DELETE SET NULL
);
CREATE INDEX agenda_items_by_committee ON agenda_items (committee_id, meeting_id);

-- A general assembly of the residents: when and where, and the questions put to a vote on
-- paper. A coordinator types the counts back in after the assembly.
CREATE TABLE assemblies (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    held_at       TEXT    NOT NULL,
    place         TEXT,
    created_by    INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    created_at    TEXT    NOT NULL,
    UNIQUE (committee_id, number)
);
CREATE TABLE assembly_questions (
    assembly_id    INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    text           TEXT    NOT NULL,
    votes_for      INTEGER,
    votes_against  INTEGER,
    votes_abstain  INTEGER,
    recorded_by    INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    recorded_at    TEXT,
    PRIMARY KEY (assembly_id, position)
);
