-- FAQ history: one row per saved version (create, update, status change, revert, import), kept
-- when the FAQ is deleted, so there is no foreign key to faq. Portable SQL for H2 2.x and PostgreSQL.
CREATE TABLE faq_version (
    faq_id                VARCHAR(100)    NOT NULL,
    version               BIGINT          NOT NULL,
    locale                VARCHAR(8)      NOT NULL,
    question              VARCHAR(1000)   NOT NULL,
    -- one alternative question per line, as in faq
    alternative_questions VARCHAR(400000) NOT NULL,
    answer                VARCHAR(20000)  NOT NULL,
    category              VARCHAR(100),
    -- comma-separated, as in faq
    tags                  VARCHAR(2000)   NOT NULL,
    status                VARCHAR(16)     NOT NULL,
    audience              VARCHAR(1000)   NOT NULL,
    author                VARCHAR(100)    NOT NULL,
    saved_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (faq_id, version)
);

-- the FAQs that exist already start their history at their current version
INSERT INTO faq_version (faq_id, version, locale, question, alternative_questions, answer, category, tags, status,
        audience, author, saved_at)
    SELECT id, version, locale, question, alternative_questions, answer, category, tags, status, audience, author,
        updated_at
    FROM faq;
