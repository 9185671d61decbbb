-- The clusters of unanswered questions as the lease holder (lease 'unanswered-clustering') last
-- computed them: every node lists them and acts on them from here, so all show the same clusters
-- with the same ids. Portable SQL for H2 2.x and PostgreSQL.

-- One row. Writers lock it (SELECT ... FOR UPDATE) first: the holder writing a new snapshot, and an
-- editor's action removing a cluster, so one never undoes the other.
CREATE TABLE unanswered_snapshot (
    id               INTEGER      NOT NULL PRIMARY KEY CHECK (id = 1),
    -- how many snapshots were written; the holder writes only over the one it read
    generation       BIGINT       DEFAULT 0 NOT NULL,
    -- the lease holder (node) that wrote the last one, and when
    computed_by      VARCHAR(100),
    computed_at      TIMESTAMP WITH TIME ZONE,
    -- full recomputes asked for (on any node), and how many of those requests the holder has honoured
    rebuild_requests BIGINT       DEFAULT 0 NOT NULL,
    rebuilds_done    BIGINT       DEFAULT 0 NOT NULL
);
INSERT INTO unanswered_snapshot (id) VALUES (1);

CREATE TABLE unanswered_cluster (
    id                 VARCHAR(32)    NOT NULL PRIMARY KEY,
    locale             VARCHAR(8)     NOT NULL,
    -- questions asked, duplicates included; distinct questions
    asked              INTEGER        NOT NULL,
    distinct_questions INTEGER        NOT NULL,
    first_seen         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen          TIMESTAMP WITH TIME ZONE NOT NULL,
    -- questions asked in the 7 days before the snapshot, and in the 7 days before those
    last_seven_days    INTEGER        NOT NULL,
    seven_days_before  INTEGER        NOT NULL,
    -- the normalised question the id is derived from: a new holder's full recompute keeps the id
    anchor_text        VARCHAR(20000) NOT NULL
);

-- A cluster's distinct questions, its most central first (the label), then the most asked.
CREATE TABLE unanswered_member (
    cluster_id      VARCHAR(32)    NOT NULL REFERENCES unanswered_cluster (id) ON DELETE CASCADE,
    ordinal         INTEGER        NOT NULL,
    -- as in unanswered_handled: Unicode NFKC, lower case, punctuation removed, white space collapsed
    normalised_text VARCHAR(20000) NOT NULL,
    -- the wording as first asked (on one line, personal data masked)
    wording         VARCHAR(20000) NOT NULL,
    asked           INTEGER        NOT NULL,
    CONSTRAINT unanswered_member_pk PRIMARY KEY (cluster_id, ordinal)
);
