package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Postgres is a [Store] in a PostgreSQL database, which several bot
// processes may share. Each write is one statement (an upsert), atomic on
// its own; a write that PostgreSQL aborts as a deadlock or serialization
// failure is retried.
//
// The tables are created in the first schema of the connection's
// search_path (set it with the search_path parameter of the URL to keep
// footnote in a schema of its own).
type Postgres struct {
	pool    *pgxpool.Pool
	applied []int // migration versions this open applied

	closeOnce sync.Once
}

var _ Store = (*Postgres)(nil)

const (
	// pgMigrationLock is the advisory lock key held while migrating
	// ("footnote" in ASCII), so processes starting together migrate one at a
	// time.
	pgMigrationLock int64 = 0x666f6f746e6f7465
	// pgRetries is how many more times a write aborted by a deadlock or a
	// serialization failure is tried.
	pgRetries = 5
)

// OpenPostgres connects to the PostgreSQL database at url (a postgres://
// URL or a key=value connection string, as in DATABASE_URL) and migrates its
// schema.
func OpenPostgres(ctx context.Context, url string) (*Postgres, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	p := &Postgres{pool: pool}
	if p.applied, err = p.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return p, nil
}

// Close closes the connection pool.
func (p *Postgres) Close() error {
	p.closeOnce.Do(p.pool.Close)
	return nil
}

// RecordVote implements [Store]. The vote and the question are written by
// one statement.
func (p *Postgres) RecordVote(ctx context.Context, v Vote) (bool, error) {
	if err := v.validate(); err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	var changed bool
	err := p.write(ctx, func() error {
		tag, err := p.pool.Exec(ctx, `WITH question AS (
				INSERT INTO questions (message_id, question, remembered_at)
				SELECT $1::text, $5::text, $4::timestamptz WHERE $5::text <> ''
				ON CONFLICT (message_id) DO NOTHING
			)
			INSERT INTO votes (message_id, user_id, value, voted_at, guild_id)
			VALUES ($1, $2, $3, $4, $6)
			ON CONFLICT (message_id, user_id) DO UPDATE
			SET value = excluded.value, voted_at = excluded.voted_at
			WHERE votes.value <> excluded.value`,
			v.MessageID, v.UserID, v.Value, stamp(v.At), v.Question, v.GuildID)
		changed = tag.RowsAffected() > 0
		return err
	})
	if err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	return changed, nil
}

// Tallies implements [Store].
func (p *Postgres) Tallies(ctx context.Context) ([]Tally, error) {
	rows, err := p.pool.Query(ctx, `SELECT v.message_id, COALESCE(q.question, ''), MAX(v.guild_id),
			count(*) FILTER (WHERE v.value > 0) AS up, count(*) FILTER (WHERE v.value < 0) AS down
		FROM votes v LEFT JOIN questions q ON q.message_id = v.message_id
		GROUP BY v.message_id, q.question
		ORDER BY down DESC, up ASC, v.message_id`)
	if err != nil {
		return nil, fmt.Errorf("tallies: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Tally, error) {
		var t Tally
		err := row.Scan(&t.MessageID, &t.Question, &t.GuildID, &t.Up, &t.Down)
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("tallies: %w", err)
	}
	return out, nil
}

// RememberQuestion implements [Store].
func (p *Postgres) RememberQuestion(ctx context.Context, messageID, question string) error {
	return rememberQuestion(ctx, p, messageID, question)
}

// Question implements [Store].
func (p *Postgres) Question(ctx context.Context, messageID string) (string, error) {
	var q string
	err := p.pool.QueryRow(ctx, dollars(sqlQuestion), messageID).Scan(&q)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read question: %w", err)
	}
	return q, nil
}

// RecordPin implements [Store].
func (p *Postgres) RecordPin(ctx context.Context, pin Pin) error {
	return recordPin(ctx, p, pin)
}

// Pins implements [Store].
func (p *Postgres) Pins(ctx context.Context, guildID string) ([]Pin, error) {
	rows, err := p.pool.Query(ctx, dollars(sqlPins), guildID)
	if err != nil {
		return nil, fmt.Errorf("pins: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Pin, error) {
		var pin Pin
		err := row.Scan(&pin.MessageID, &pin.ChannelID, &pin.GuildID, &pin.UserID, &pin.Username, &pin.At)
		pin.At = pin.At.UTC()
		return pin, err
	})
	if err != nil {
		return nil, fmt.Errorf("pins: %w", err)
	}
	return out, nil
}

// RecordIngest implements [Store].
func (p *Postgres) RecordIngest(ctx context.Context, r Ingest) error {
	return recordIngest(ctx, p, r)
}

// Ingests implements [Store].
func (p *Postgres) Ingests(ctx context.Context) ([]Ingest, error) {
	rows, err := p.pool.Query(ctx, sqlIngests)
	if err != nil {
		return nil, fmt.Errorf("ingests: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Ingest, error) {
		var r Ingest
		err := row.Scan(&r.DocID, &r.Title, &r.Source, &r.UserID, &r.Username, &r.GuildID, &r.At)
		r.At = r.At.UTC()
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("ingests: %w", err)
	}
	return out, nil
}

// migrate applies the pending migrations in one transaction, holding an
// advisory lock so that processes starting together migrate one after the
// other, and returns their versions.
func (p *Postgres) migrate(ctx context.Context) ([]int, error) {
	all, err := loadMigrations("postgres")
	if err != nil {
		return nil, err
	}
	var done []int
	err = pgx.BeginFunc(ctx, p.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, pgMigrationLock); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER     NOT NULL PRIMARY KEY,
			applied_at TIMESTAMPTZ NOT NULL)`); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		rows, err := tx.Query(ctx, sqlMigrationVersions)
		if err != nil {
			return fmt.Errorf("read schema_migrations: %w", err)
		}
		versions, err := pgx.CollectRows(rows, pgx.RowTo[int])
		if err != nil {
			return fmt.Errorf("read schema_migrations: %w", err)
		}
		applied := map[int]bool{}
		for _, v := range versions {
			applied[v] = true
		}
		for _, m := range pending(all, applied) {
			// Without arguments, Exec uses the simple protocol, which runs
			// every statement of the file.
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %s: %w", m.Name, err)
			}
			if _, err := tx.Exec(ctx, dollars(sqlRecordMigration),
				m.Version, stamp(time.Time{})); err != nil {
				return fmt.Errorf("migration %s: %w", m.Name, err)
			}
			done = append(done, m.Version)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return done, nil
}

// appliedMigrations returns the rows of schema_migrations, for tests.
func (p *Postgres) appliedMigrations(ctx context.Context) ([]appliedMigration, error) {
	rows, err := p.pool.Query(ctx, sqlAppliedMigrations)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (appliedMigration, error) {
		var m appliedMigration
		err := row.Scan(&m.Version, &m.AppliedAt)
		m.AppliedAt = m.AppliedAt.UTC()
		return m, err
	})
}

// newlyApplied returns the migration versions this open applied, for tests.
func (p *Postgres) newlyApplied() []int { return p.applied }

// execWrite implements writer: query, its parameters numbered for
// PostgreSQL, as one write.
func (p *Postgres) execWrite(ctx context.Context, query string, args ...any) error {
	return p.write(ctx, func() error {
		_, err := p.pool.Exec(ctx, dollars(query), args...)
		return err
	})
}

// timeArg implements writer: PostgreSQL keeps a timestamptz.
func (p *Postgres) timeArg(t time.Time) any { return stamp(t) }

// write runs fn, and runs it again after a short random pause while
// PostgreSQL aborts it as a deadlock or a serialization failure.
func (p *Postgres) write(ctx context.Context, fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := fn()
		if err == nil || !isPgRetryable(err) || attempt >= pgRetries {
			return err
		}
		pause := time.Duration(5+rand.IntN(45)) * time.Millisecond
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(pause):
		}
	}
}

// isPgRetryable reports whether err is a serialization failure (40001) or a
// deadlock (40P01).
func isPgRetryable(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && (e.Code == "40001" || e.Code == "40P01")
}
