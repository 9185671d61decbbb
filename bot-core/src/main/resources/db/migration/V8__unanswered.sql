-- Unanswered questions an editor has dealt with: added to an FAQ as alternative questions ('faq'),
-- made into a draft FAQ ('draft') or dismissed as out of scope ('dismissed'). They are left out of
-- later clustering. Portable SQL for H2 2.x and PostgreSQL.
CREATE TABLE unanswered_handled (
    locale          VARCHAR(8)    NOT NULL,
    -- SHA-256 (hex) of normalised_text: the key, as a long Japanese text is too wide for a B-tree key
    question_hash   VARCHAR(64)   NOT NULL,
    -- the question as clustered: Unicode NFKC, lower case, punctuation removed, white space collapsed
    normalised_text VARCHAR(8000) NOT NULL,
    -- faq | draft | dismissed
    action          VARCHAR(16)   NOT NULL,
    -- the FAQ the question was added to or drafted as
    faq_id          VARCHAR(100),
    handled_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    handled_by      VARCHAR(100)  NOT NULL,
    CONSTRAINT unanswered_handled_pk PRIMARY KEY (locale, question_hash)
);
CREATE INDEX unanswered_handled_at ON unanswered_handled (handled_at);
