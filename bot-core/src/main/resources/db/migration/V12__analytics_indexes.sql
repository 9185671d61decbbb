-- Analytics at scale (docs/analytics.md, "Benchmark"). Portable SQL for H2 2.x and PostgreSQL.

-- Per conversation: is it engaged (a user message of some kinds), how many helpful votes did its
-- answers get, which decisions did the bot make. All of it is answered from this index alone, without
-- reading the (wide) message rows.
CREATE INDEX message_conversation_sender_kind ON message (conversation_id, sender, kind, helpful);

-- The range's conversations of one channel (the dashboard's channel filter).
CREATE INDEX conversation_channel_created ON conversation (channel, created_at);
