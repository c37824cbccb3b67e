package store

import (
	"context"
	"errors"
	"fmt"
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
	records
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
	p.records = records{backend: p}
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

// writeVote implements the backend of [records]: the vote and the question
// are written by one statement.
func (p *Postgres) writeVote(ctx context.Context, v Vote) (bool, error) {
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
	return changed, err
}

// migrate applies the pending migrations in one transaction, holding an
// advisory lock so that processes starting together migrate one after the
// other, and returns their versions.
func (p *Postgres) migrate(ctx context.Context) ([]int, error) {
	return migrate(ctx, "postgres", "TIMESTAMPTZ", stamp(time.Time{}), func(apply func(migrator) error) error {
		return pgx.BeginFunc(ctx, p.pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, pgMigrationLock); err != nil {
				return fmt.Errorf("lock: %w", err)
			}
			return apply(pgRunner{tx})
		})
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

// read implements reader.
func (p *Postgres) read(ctx context.Context, query string, args []any, each func(rows) error) error {
	return pgRunner{p.pool}.read(ctx, query, args, each)
}

// pgQuerier is what a connection pool and a transaction share.
type pgQuerier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// pgRunner runs the shared statements, written with "?" parameters, on a
// pool or in a transaction.
type pgRunner struct{ q pgQuerier }

// exec implements migrator: with args, query's parameters are numbered for
// PostgreSQL; without, query runs as it is, by the simple protocol, which
// runs every statement of a migration file.
func (r pgRunner) exec(ctx context.Context, query string, args ...any) error {
	if len(args) > 0 {
		query = dollars(query)
	}
	_, err := r.q.Exec(ctx, query, args...)
	return err
}

// read implements reader: query's parameters numbered for PostgreSQL.
func (r pgRunner) read(ctx context.Context, query string, args []any, each func(rows) error) error {
	rs, err := r.q.Query(ctx, dollars(query), args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	return each(rs)
}

// timeArg implements writer: PostgreSQL keeps a timestamptz.
func (p *Postgres) timeArg(t time.Time) any { return stamp(t) }

// write runs fn, and runs it again after a short random pause while
// PostgreSQL aborts it as a deadlock or a serialization failure.
func (p *Postgres) write(ctx context.Context, fn func() error) error {
	return retry(ctx, pgRetries, 5*time.Millisecond, 50*time.Millisecond, isPgRetryable, fn)
}

// isPgRetryable reports whether err is a serialization failure (40001) or a
// deadlock (40P01).
func isPgRetryable(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && (e.Code == "40001" || e.Code == "40P01")
}
