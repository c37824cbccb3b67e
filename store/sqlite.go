package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// SQLite is a [Store] in one SQLite file, for a single machine. Several
// processes may open the same file: the database is in WAL mode, every write
// transaction takes the write lock when it begins (BEGIN IMMEDIATE), waits
// for it up to a busy timeout, and is retried when the database is still
// busy after that.
type SQLite struct {
	db      *sql.DB
	path    string
	applied []int // migration versions this open applied

	closeOnce sync.Once
	closeErr  error
}

var _ Store = (*SQLite)(nil)

const (
	// sqliteBusyTimeout is how long SQLite itself waits for a lock.
	sqliteBusyTimeout = 5 * time.Second
	// sqliteBusyRetries is how many more times a write still busy after the
	// timeout is tried.
	sqliteBusyRetries = 5
	// sqliteMaxConns bounds the connections of one process: writes are
	// serialized by SQLite anyway, and fewer connections contend less.
	sqliteMaxConns = 4
	// sqliteTimeLayout is how times are stored: fixed width, so that the
	// text sorts as the times compare.
	sqliteTimeLayout = "2006-01-02T15:04:05.000000Z"
)

// OpenSQLite opens the SQLite database at path, creating it and its
// directory if missing, and migrates its schema.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	if path == "" {
		return nil, errors.New("open sqlite: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", sqliteDSN(abs))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db.SetMaxOpenConns(sqliteMaxConns)
	db.SetMaxIdleConns(sqliteMaxConns)
	s := &SQLite{db: db, path: abs}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if s.applied, err = s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return s, nil
}

// sqliteDSN is the modernc.org/sqlite data source name for the file at the
// absolute path abs. The path is a file: URI so that any character in it is
// escaped; the underscore parameters configure every connection.
func sqliteDSN(abs string) string {
	u := url.URL{Scheme: "file", Path: abs}
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(sqliteBusyTimeout.Milliseconds()))
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate")
	return u.String() + "?" + q.Encode()
}

// Path is the absolute path of the database file.
func (s *SQLite) Path() string { return s.path }

// Close closes the database.
func (s *SQLite) Close() error {
	s.closeOnce.Do(func() {
		if err := s.db.Close(); err != nil {
			s.closeErr = fmt.Errorf("close sqlite %s: %w", s.path, err)
		}
	})
	return s.closeErr
}

// RecordVote implements [Store].
func (s *SQLite) RecordVote(ctx context.Context, v Vote) (bool, error) {
	if err := v.validate(); err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	at := sqliteTime(v.At)
	var changed bool
	err := s.write(ctx, func(tx *sql.Tx) error {
		if v.Question != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO questions (message_id, question, remembered_at)
				VALUES (?, ?, ?) ON CONFLICT (message_id) DO NOTHING`,
				v.MessageID, v.Question, at); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO votes (message_id, user_id, value, voted_at, guild_id)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (message_id, user_id) DO UPDATE
			SET value = excluded.value, voted_at = excluded.voted_at
			WHERE votes.value <> excluded.value`,
			v.MessageID, v.UserID, v.Value, at, v.GuildID)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		changed = n > 0
		return err
	})
	if err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	return changed, nil
}

// Tallies implements [Store].
func (s *SQLite) Tallies(ctx context.Context) ([]Tally, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT v.message_id, COALESCE(q.question, ''), MAX(v.guild_id),
			SUM(v.value > 0) AS up, SUM(v.value < 0) AS down
		FROM votes v LEFT JOIN questions q ON q.message_id = v.message_id
		GROUP BY v.message_id, q.question
		ORDER BY down DESC, up ASC, v.message_id`)
	if err != nil {
		return nil, fmt.Errorf("tallies: %w", err)
	}
	out, err := sqliteRows(rows, func(rows *sql.Rows) (Tally, error) {
		var t Tally
		err := rows.Scan(&t.MessageID, &t.Question, &t.GuildID, &t.Up, &t.Down)
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("tallies: %w", err)
	}
	return out, nil
}

// RememberQuestion implements [Store].
func (s *SQLite) RememberQuestion(ctx context.Context, messageID, question string) error {
	return rememberQuestion(ctx, s, messageID, question)
}

// Question implements [Store].
func (s *SQLite) Question(ctx context.Context, messageID string) (string, error) {
	var q string
	err := s.db.QueryRowContext(ctx, sqlQuestion, messageID).Scan(&q)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read question: %w", err)
	}
	return q, nil
}

// RecordPin implements [Store].
func (s *SQLite) RecordPin(ctx context.Context, p Pin) error {
	return recordPin(ctx, s, p)
}

// Pins implements [Store].
func (s *SQLite) Pins(ctx context.Context, guildID string) ([]Pin, error) {
	rows, err := s.db.QueryContext(ctx, sqlPins, guildID)
	if err != nil {
		return nil, fmt.Errorf("pins: %w", err)
	}
	out, err := sqliteRows(rows, func(rows *sql.Rows) (Pin, error) {
		var p Pin
		var at string
		if err := rows.Scan(&p.MessageID, &p.ChannelID, &p.GuildID, &p.UserID, &p.Username, &at); err != nil {
			return p, err
		}
		var err error
		if p.At, err = parseSQLiteTime(at); err != nil {
			return p, fmt.Errorf("message %s: %w", p.MessageID, err)
		}
		return p, nil
	})
	if err != nil {
		return nil, fmt.Errorf("pins: %w", err)
	}
	return out, nil
}

// RecordIngest implements [Store].
func (s *SQLite) RecordIngest(ctx context.Context, r Ingest) error {
	return recordIngest(ctx, s, r)
}

// Ingests implements [Store].
func (s *SQLite) Ingests(ctx context.Context) ([]Ingest, error) {
	rows, err := s.db.QueryContext(ctx, sqlIngests)
	if err != nil {
		return nil, fmt.Errorf("ingests: %w", err)
	}
	out, err := sqliteRows(rows, func(rows *sql.Rows) (Ingest, error) {
		var r Ingest
		var at string
		if err := rows.Scan(&r.DocID, &r.Title, &r.Source, &r.UserID, &r.Username, &r.GuildID, &at); err != nil {
			return r, err
		}
		var err error
		if r.At, err = parseSQLiteTime(at); err != nil {
			return r, fmt.Errorf("document %s: %w", r.DocID, err)
		}
		return r, nil
	})
	if err != nil {
		return nil, fmt.Errorf("ingests: %w", err)
	}
	return out, nil
}

// migrate applies the pending migrations in one transaction and returns
// their versions. The transaction holds the write lock from its start, so a
// process opening the database at the same time waits, then finds them
// applied.
func (s *SQLite) migrate(ctx context.Context) ([]int, error) {
	all, err := loadMigrations("sqlite")
	if err != nil {
		return nil, err
	}
	var done []int
	err = s.write(ctx, func(tx *sql.Tx) error {
		done = nil
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER NOT NULL PRIMARY KEY,
			applied_at TEXT    NOT NULL)`); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		applied, err := sqliteAppliedVersions(ctx, tx)
		if err != nil {
			return err
		}
		for _, m := range pending(all, applied) {
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %s: %w", m.Name, err)
			}
			if _, err := tx.ExecContext(ctx, sqlRecordMigration,
				m.Version, sqliteTime(time.Time{})); err != nil {
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

func sqliteAppliedVersions(ctx context.Context, tx *sql.Tx) (map[int]bool, error) {
	rows, err := tx.QueryContext(ctx, sqlMigrationVersions)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	versions, err := sqliteRows(rows, func(rows *sql.Rows) (int, error) {
		var v int
		err := rows.Scan(&v)
		return v, err
	})
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	applied := map[int]bool{}
	for _, v := range versions {
		applied[v] = true
	}
	return applied, nil
}

// appliedMigrations returns the rows of schema_migrations, for tests.
func (s *SQLite) appliedMigrations(ctx context.Context) ([]appliedMigration, error) {
	rows, err := s.db.QueryContext(ctx, sqlAppliedMigrations)
	if err != nil {
		return nil, err
	}
	return sqliteRows(rows, func(rows *sql.Rows) (appliedMigration, error) {
		var m appliedMigration
		var at string
		err := rows.Scan(&m.Version, &at)
		if err == nil {
			m.AppliedAt, err = parseSQLiteTime(at)
		}
		return m, err
	})
}

// sqliteRows reads every row of rows with scan, then closes rows: the
// SQLite counterpart of pgx.CollectRows. It stops at the first error.
func sqliteRows[T any](rows *sql.Rows, scan func(*sql.Rows) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// newlyApplied returns the migration versions this open applied, for tests.
func (s *SQLite) newlyApplied() []int { return s.applied }

// execWrite implements writer: query in a write transaction of its own.
func (s *SQLite) execWrite(ctx context.Context, query string, args ...any) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	})
}

// timeArg implements writer: SQLite keeps the time as text.
func (s *SQLite) timeArg(t time.Time) any { return sqliteTime(t) }

// write runs fn in a transaction that takes the write lock when it begins,
// and runs it again, after a short random pause, while SQLite reports the
// database busy or locked after its busy timeout.
func (s *SQLite) write(ctx context.Context, fn func(*sql.Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := s.tx(ctx, fn)
		if err == nil || !isSQLiteBusy(err) || attempt >= sqliteBusyRetries {
			return err
		}
		pause := time.Duration(10+rand.IntN(90)) * time.Millisecond
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(pause):
		}
	}
}

func (s *SQLite) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// isSQLiteBusy reports whether err is SQLITE_BUSY or SQLITE_LOCKED (with any
// extended code).
func isSQLiteBusy(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	return false
}

// sqliteTime is t (now when zero) as stored.
func sqliteTime(t time.Time) string { return stamp(t).Format(sqliteTimeLayout) }

func parseSQLiteTime(s string) (time.Time, error) {
	t, err := time.Parse(sqliteTimeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}
