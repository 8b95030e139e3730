-- A follow-up may serve a partnership's objective: when it is done, the bot asks whether the
-- objective is reached, to celebrate it.
ALTER TABLE follow_ups ADD COLUMN objective_id INTEGER
    REFERENCES partnership_objectives (id) ON DELETE SET NULL;
