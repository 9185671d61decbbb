-- Audience rules limit an FAQ to a segment of users, e.g. "product=a|b;plan=pro" (all keys must
-- match the conversation's attributes; alternatives of one key are separated by '|'). Empty = everyone.
ALTER TABLE faq ADD COLUMN audience VARCHAR(1000) DEFAULT '' NOT NULL;
