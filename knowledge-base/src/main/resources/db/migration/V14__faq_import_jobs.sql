-- CSV imports run as jobs: their progress lives here so that any node can report it. Portable SQL
-- for H2 2.x and PostgreSQL.
CREATE TABLE faq_import_job (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    -- running | done | failed
    state       VARCHAR(16)  NOT NULL,
    total_rows  INTEGER      NOT NULL,
    done_rows   INTEGER      NOT NULL,
    created     INTEGER      NOT NULL,
    updated     INTEGER      NOT NULL,
    unchanged   INTEGER      NOT NULL,
    rejected    INTEGER      NOT NULL,
    -- why a failed job stopped (the rows done before it stay imported)
    error       VARCHAR(1000),
    author      VARCHAR(100) NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the last progress; a running job whose heartbeat is old was cut off (its node stopped)
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE
);
CREATE TABLE faq_import_rejection (
    job_id VARCHAR(36)   NOT NULL REFERENCES faq_import_job (id) ON DELETE CASCADE,
    line   BIGINT        NOT NULL,
    reason VARCHAR(4000) NOT NULL,
    CONSTRAINT faq_import_rejection_pk PRIMARY KEY (job_id, line)
);
