-- Groups with topics (forums). Answers go to the topic of the message they answer; what the bot
-- posts on its own (reminders, digest, votes, announcements) goes to the topic a coordinator
-- chose. Until one is chosen, those posts wait in the outbox rather than land in « General ».
ALTER TABLE committee_chats ADD COLUMN is_forum INTEGER NOT NULL DEFAULT 0;
-- The topic's message_thread_id; NULL: none chosen; 0: « General », chosen on purpose (Telegram
-- writes there without a thread, and never numbers a topic 0).
ALTER TABLE committee_chats ADD COLUMN post_topic INTEGER;
-- When the coordinators were asked to choose the topic: they are asked once.
ALTER TABLE committee_chats ADD COLUMN topic_asked_at TEXT;

-- The topics the bot has seen in linked groups (created, renamed, or written in), so that a
-- coordinator can choose one by its name. The name is unknown until the bot sees it.
CREATE TABLE chat_topics (
    chat_id    INTEGER NOT NULL,
    thread_id  INTEGER NOT NULL,
    name       TEXT,
    seen_at    TEXT    NOT NULL,
    PRIMARY KEY (chat_id, thread_id)
);
