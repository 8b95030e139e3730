-- Sends Telegram refused, by reason, for the operator's counts (`python -m bot stats`).
-- No chat, no person: only when, why and what kind of call.
CREATE TABLE send_refusals (
    id      INTEGER PRIMARY KEY,
    at      TEXT    NOT NULL,
    reason  TEXT    NOT NULL,
    what    TEXT    NOT NULL
);
CREATE INDEX send_refusals_by_time ON send_refusals (at);
