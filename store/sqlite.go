package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	records
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
	s.records = records{backend: s}
	// A new connection sets WAL mode, which takes a lock no busy timeout
	// waits for: several processes opening a new file at once may find it
	// busy, and connect again, as a write would retry.
	if err := retryBusy(ctx, func() error { return db.PingContext(ctx) }); err != nil {
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

// writeVote implements the backend of [records]: the question and the
// vote in one transaction.
func (s *SQLite) writeVote(ctx context.Context, v Vote) (bool, error) {
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
	return changed, err
}

// migrate applies the pending migrations in one transaction and returns
// their versions. The transaction holds the write lock from its start, so a
// process opening the database at the same time waits, then finds them
// applied.
func (s *SQLite) migrate(ctx context.Context) ([]int, error) {
	return migrate(ctx, "sqlite", "TEXT", sqliteTime(time.Time{}), func(apply func(migrator) error) error {
		return s.write(ctx, func(tx *sql.Tx) error { return apply(sqliteRunner{tx}) })
	})
}

// newlyApplied returns the migration versions this open applied, for tests.
func (s *SQLite) newlyApplied() []int { return s.applied }

// execWrite implements writer: query in a write transaction of its own.
func (s *SQLite) execWrite(ctx context.Context, query string, args ...any) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		return sqliteRunner{tx}.exec(ctx, query, args...)
	})
}

// read implements reader.
func (s *SQLite) read(ctx context.Context, query string, args []any, each func(rows) error) error {
	return sqliteRunner{s.db}.read(ctx, query, args, each)
}

// sqliteQuerier is what a database and a transaction share.
type sqliteQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// sqliteRunner runs the shared statements on a database or in a
// transaction.
type sqliteRunner struct{ q sqliteQuerier }

// exec implements migrator.
func (r sqliteRunner) exec(ctx context.Context, query string, args ...any) error {
	_, err := r.q.ExecContext(ctx, query, args...)
	return err
}

// read implements reader.
func (r sqliteRunner) read(ctx context.Context, query string, args []any, each func(rows) error) error {
	rs, err := r.q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	return each(rs)
}

// timeArg implements writer: SQLite keeps the time as text.
func (s *SQLite) timeArg(t time.Time) any { return sqliteTime(t) }

// write runs fn in a transaction that takes the write lock when it begins,
// and runs it again, after a short random pause, while SQLite reports the
// database busy or locked after its busy timeout.
func (s *SQLite) write(ctx context.Context, fn func(*sql.Tx) error) error {
	return retryBusy(ctx, func() error { return s.tx(ctx, fn) })
}

// retryBusy runs fn, and again after a short random pause, while SQLite
// reports the database busy or locked.
func retryBusy(ctx context.Context, fn func() error) error {
	return retry(ctx, sqliteBusyRetries, 10*time.Millisecond, 100*time.Millisecond, isSQLiteBusy, fn)
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
