-- Each server (guild) has its own articles: an ingest is keyed by the guild
-- it was added to and the document, so the same article may be added in two
-- servers; a vote records the guild it was cast in. Rows written before
-- this version belong to "no server" (''): their articles are in the
-- shared folder, so an ingest's guild_id moves to '' and votes get ''.
-- Pins already recorded their guild and keep it.

ALTER TABLE votes ADD COLUMN guild_id TEXT NOT NULL DEFAULT '';

UPDATE ingests SET guild_id = '';

ALTER TABLE ingests DROP CONSTRAINT ingests_pkey;

ALTER TABLE ingests ADD PRIMARY KEY (guild_id, doc_id);
