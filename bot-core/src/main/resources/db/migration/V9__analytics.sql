-- Analytics: the conversations started in a date range, on every site, found without a full scan
-- (the messages and hand-offs of each are then read through their conversation_id indexes).
-- Portable SQL for H2 2.x and PostgreSQL.
CREATE INDEX conversation_created ON conversation (created_at);
