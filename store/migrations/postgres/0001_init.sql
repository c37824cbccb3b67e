CREATE TABLE votes (
    message_id TEXT        NOT NULL,
    user_id    TEXT        NOT NULL,
    value      SMALLINT    NOT NULL CHECK (value IN (-1, 1)),
    voted_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (message_id, user_id)
);

CREATE TABLE questions (
    message_id    TEXT        NOT NULL PRIMARY KEY,
    question      TEXT        NOT NULL,
    remembered_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE pins (
    message_id TEXT        NOT NULL PRIMARY KEY,
    channel_id TEXT        NOT NULL,
    guild_id   TEXT        NOT NULL,
    user_id    TEXT        NOT NULL,
    username   TEXT        NOT NULL,
    pinned_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX pins_guild_pinned_at ON pins (guild_id, pinned_at);

CREATE TABLE ingests (
    doc_id      TEXT        NOT NULL PRIMARY KEY,
    title       TEXT        NOT NULL,
    source      TEXT        NOT NULL,
    user_id     TEXT        NOT NULL,
    username    TEXT        NOT NULL,
    guild_id    TEXT        NOT NULL,
    ingested_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX ingests_ingested_at ON ingests (ingested_at);
