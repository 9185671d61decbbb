-- Several nodes on one database: leases for work that one node at a time does (training the intent
-- classifier, scheduled checks), and the trained classifier itself, so that every node uses the model
-- one node trained.
CREATE TABLE cluster_lease (
    name        VARCHAR(100) PRIMARY KEY,
    holder      VARCHAR(100),
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE nlu_model (
    kb_version  VARCHAR(100) PRIMARY KEY,
    trained_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    training_ms BIGINT,
    model       BYTEA NOT NULL
);
