-- Partnerships: the partner, the need, shared objectives, resources, who does what, the recipe.

-- Counters gain the 'partnership' kind (SQLite cannot alter a CHECK: rebuild the table).
CREATE TABLE committee_counters_new (
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL
                  CHECK (kind IN ('decision', 'follow_up', 'meeting', 'partnership')),
    last_number   INTEGER NOT NULL,
    PRIMARY KEY (committee_id, kind)
);
INSERT INTO committee_counters_new SELECT committee_id, kind, last_number FROM committee_counters;
DROP TABLE committee_counters;
ALTER TABLE committee_counters_new RENAME TO committee_counters;

CREATE TABLE partnerships (
    id                   INTEGER PRIMARY KEY,
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

CREATE TABLE partnership_objectives (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    text            TEXT    NOT NULL,
    success_sign    TEXT,
    target_date     TEXT,
    status          TEXT    NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'achieved', 'dropped')),
    achieved_at     TEXT,
    created_at      TEXT    NOT NULL
);
CREATE INDEX partnership_objectives_by_partnership ON partnership_objectives (partnership_id);

CREATE TABLE partnership_responsibilities (
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    who             TEXT,
    what            TEXT    NOT NULL,
    PRIMARY KEY (partnership_id, position)
);

CREATE TABLE partnership_recipe (
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    ingredient      TEXT    NOT NULL,
    answer          TEXT    NOT NULL CHECK (answer IN ('yes', 'partly', 'no')),
    answered_by     INTEGER,
    answered_at     TEXT    NOT NULL,
    PRIMARY KEY (partnership_id, ingredient)
);

-- Who changed what, and when: the committee's memory of its partnerships.
CREATE TABLE partnership_changes (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    changed_by      INTEGER,
    changed_at      TEXT    NOT NULL,
    change          TEXT    NOT NULL
);
CREATE INDEX partnership_changes_by_partnership ON partnership_changes (partnership_id);
