package store

import (
	"strconv"
	"strings"
)

// This file is the SQL text the two stores share, written once with
// SQLite's "?" parameters; [dollars] numbers them for PostgreSQL. A
// statement whose text differs between the databases (recording a vote)
// stays with its store.

const (
	sqlRememberQuestion = `INSERT INTO questions (message_id, question, remembered_at)
			VALUES (?, ?, ?)
			ON CONFLICT (message_id) DO UPDATE
			SET question = excluded.question, remembered_at = excluded.remembered_at`

	sqlQuestion = `SELECT question FROM questions WHERE message_id = ?`

	sqlRecordPin = `INSERT INTO pins (message_id, channel_id, guild_id, user_id, username, pinned_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING`

	sqlPins = `SELECT message_id, channel_id, guild_id, user_id, username, pinned_at
		FROM pins WHERE guild_id = ? ORDER BY pinned_at DESC, message_id`

	sqlRecordIngest = `INSERT INTO ingests (doc_id, title, source, user_id, username, guild_id, ingested_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (guild_id, doc_id) DO UPDATE
			SET title = excluded.title, source = excluded.source, user_id = excluded.user_id,
				username = excluded.username, ingested_at = excluded.ingested_at
			WHERE excluded.ingested_at >= ingests.ingested_at`

	sqlIngests = `SELECT doc_id, title, source, user_id, username, guild_id, ingested_at
		FROM ingests ORDER BY ingested_at DESC, doc_id, guild_id`

	// sqlTallies counts the votes per message. Both databases take an
	// aggregate's FILTER clause (SQLite since 3.30).
	sqlTallies = `SELECT v.message_id, COALESCE(q.question, ''), MAX(v.guild_id),
			count(*) FILTER (WHERE v.value > 0) AS up, count(*) FILTER (WHERE v.value < 0) AS down
		FROM votes v LEFT JOIN questions q ON q.message_id = v.message_id
		GROUP BY v.message_id, q.question
		ORDER BY down DESC, up ASC, v.message_id`

	// sqlCreateMigrations creates schema_migrations; %s is the type the
	// database keeps a time in.
	sqlCreateMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER NOT NULL PRIMARY KEY,
			applied_at %s NOT NULL)`

	sqlRecordMigration = `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`

	sqlMigrationVersions = `SELECT version FROM schema_migrations`

	sqlAppliedMigrations = `SELECT version, applied_at FROM schema_migrations ORDER BY version`
)

// dollars rewrites the "?" parameters of query as PostgreSQL's $1, $2, …
// in order. The shared queries have no "?" in a literal or identifier, so
// every "?" is a parameter.
func dollars(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for _, part := range strings.SplitAfter(query, "?") {
		if strings.HasSuffix(part, "?") {
			n++
			b.WriteString(part[:len(part)-1])
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteString(part)
	}
	return b.String()
}
