-- Each line of « who does what » gets an id of its own, never reused (AUTOINCREMENT): a line
-- is added or removed by a button that names it, and an old button must not remove another
-- line that took its place. `position` keeps the order.
CREATE TABLE partnership_responsibilities_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    who             TEXT,
    what            TEXT    NOT NULL,
    UNIQUE (partnership_id, position)
);
INSERT INTO partnership_responsibilities_new (partnership_id, position, who, what)
SELECT partnership_id, position, who, what FROM partnership_responsibilities
ORDER BY partnership_id, position;
DROP TABLE partnership_responsibilities;
ALTER TABLE partnership_responsibilities_new RENAME TO partnership_responsibilities;

-- The card of a partnership posted (and pinned) in a group: one per partnership and group.
-- « Post and pin » pressed again edits it in place, and every change to the partnership
-- updates it. The row is claimed before the post (message_id still NULL), so two presses
-- never post twice; `shown` is a digest of the text on display, so an edit that would
-- change nothing is not sent.
CREATE TABLE partnership_cards (
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    chat_id         INTEGER NOT NULL,
    message_id      INTEGER,
    pinned          INTEGER NOT NULL DEFAULT 0,
    shown           TEXT,
    claimed_at      TEXT    NOT NULL,
    PRIMARY KEY (partnership_id, chat_id)
);
