-- Each server (guild) has its own articles: an ingest is keyed by the guild
-- it was added to and the document, so the same article may be added in two
-- servers; a vote records the guild it was cast in. Rows written before
-- this version belong to "no server" (''): their articles are in the
-- shared folder, so an ingest's guild_id moves to '' and votes get ''.
-- Pins already recorded their guild and keep it.

ALTER TABLE votes ADD COLUMN guild_id TEXT NOT NULL DEFAULT '';

CREATE TABLE ingests_by_guild (
    guild_id    TEXT NOT NULL,
    doc_id      TEXT NOT NULL,
    title       TEXT NOT NULL,
    source      TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    username    TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, doc_id)
);

INSERT INTO ingests_by_guild (guild_id, doc_id, title, source, user_id, username, ingested_at)
    SELECT '', doc_id, title, source, user_id, username, ingested_at FROM ingests;

DROP TABLE ingests;

ALTER TABLE ingests_by_guild RENAME TO ingests;

CREATE INDEX ingests_ingested_at ON ingests (ingested_at);
