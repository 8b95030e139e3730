-- The yearly consultation of the tenants' priorities: proposals (anonymous, through the box),
-- grouped by the committee, then ranked by its members (up to three picks each).

CREATE TABLE priority_consultations (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id       INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    year               INTEGER NOT NULL,
    status             TEXT    NOT NULL DEFAULT 'collecting'
                       CHECK (status IN ('collecting', 'ranking', 'closed')),
    opened_by          INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    opened_at          TEXT    NOT NULL,
    ranking_at         TEXT,
    closed_at          TEXT,
    ballot_chat_id     INTEGER,
    ballot_message_id  INTEGER
);
-- At most one consultation in progress per committee.
CREATE UNIQUE INDEX priority_consultations_in_progress
    ON priority_consultations (committee_id) WHERE status <> 'closed';

CREATE TABLE priority_proposals (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id     INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    -- NULL: kept for the next consultation (proposed while none was open).
    consultation_id  INTEGER REFERENCES priority_consultations (id) ON DELETE CASCADE,
    number           INTEGER NOT NULL,
    text             TEXT    NOT NULL,
    -- The committee's own words for the group this proposal heads.
    wording          TEXT,
    -- The proposal this one was grouped under, when it was found similar.
    group_id         INTEGER REFERENCES priority_proposals (id) ON DELETE SET NULL,
    box_item_id      INTEGER REFERENCES box_items (id) ON DELETE SET NULL,
    withdrawn        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (committee_id, number)
);
CREATE INDEX priority_proposals_by_consultation ON priority_proposals (consultation_id);

-- A pick is a member's own (`person_id`), or recorded by a coordinator on behalf of a member
-- without Telegram (`named_member_id`, `recorded_by`): up to three each, either way.
CREATE TABLE priority_picks (
    consultation_id  INTEGER NOT NULL REFERENCES priority_consultations (id) ON DELETE CASCADE,
    proposal_id      INTEGER NOT NULL REFERENCES priority_proposals (id) ON DELETE CASCADE,
    person_id        INTEGER REFERENCES people (telegram_id) ON DELETE CASCADE,
    named_member_id  INTEGER REFERENCES named_members (id) ON DELETE CASCADE,
    recorded_by      INTEGER REFERENCES people (telegram_id) ON DELETE SET NULL,
    picked_at        TEXT    NOT NULL,
    CHECK ((person_id IS NULL) <> (named_member_id IS NULL))
);
CREATE UNIQUE INDEX priority_picks_of_members
    ON priority_picks (consultation_id, person_id, proposal_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX priority_picks_by_proxy
    ON priority_picks (consultation_id, named_member_id, proposal_id)
    WHERE named_member_id IS NOT NULL;

-- The consultation whose ranked list became a mandate's positions: the compte rendu of the
-- meeting where the mandate is carried names them as the tenants' priorities.
ALTER TABLE mandates ADD COLUMN consultation_id INTEGER
    REFERENCES priority_consultations (id) ON DELETE SET NULL;
