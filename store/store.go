// Package store keeps the state of footnote that outlives a process: the
// 👍/👎 feedback votes on answers, the record of pinned answers, and the
// record of ingested articles.
//
// Two backends implement [Store]: [SQLite], a single file in the data
// directory for one machine, and [Postgres], for several bot processes
// (gateway shards) sharing one database. Both are safe for concurrent use by
// many goroutines and by several processes on the same database: every write
// is a single upsert or a short transaction, never a read-modify-write in Go.
//
// Times are stored in UTC with microsecond precision; a zero time given to a
// Record method means "now".
package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"time"
)

// Store is the durable state of footnote. Implementations are safe for
// concurrent use, including by several processes on the same database.
type Store interface {
	// RecordVote records v, replacing that user's earlier vote on that
	// message. changed is false when the user had already cast the same
	// vote (nothing was written). A non-empty v.Question is remembered for
	// the message unless a question is already known for it.
	RecordVote(ctx context.Context, v Vote) (changed bool, err error)
	// Tallies returns the votes per answer message that has any, most 👎
	// first (then fewest 👍, then by message ID), with the guild they were
	// cast in.
	Tallies(ctx context.Context) ([]Tally, error)
	// RememberQuestion records the question an answer message answered, so
	// that votes recorded before or after it are tallied with it. It replaces
	// any question known for the message.
	RememberQuestion(ctx context.Context, messageID, question string) error
	// Question returns the question remembered for an answer message, or ""
	// when none is.
	Question(ctx context.Context, messageID string) (string, error)
	// RecordPin records that p.UserID pinned p.MessageID. A message is
	// recorded once: pinning an already recorded message keeps the first
	// record and is not an error.
	RecordPin(ctx context.Context, p Pin) error
	// Pins returns the pins recorded in a guild ("" for direct messages),
	// newest first.
	Pins(ctx context.Context, guildID string) ([]Pin, error)
	// RecordIngest records that an article was added to r.GuildID's corpus
	// ("" the shared one). A document is recorded once per guild: adding
	// the same DocID to the same guild again replaces its record, unless the
	// stored record is newer; adding it to another guild is another record.
	RecordIngest(ctx context.Context, r Ingest) error
	// Ingests returns every ingest record, newest first.
	Ingests(ctx context.Context) ([]Ingest, error)
	// Close releases the database. It is safe to call more than once.
	Close() error
}

// ErrInvalid is wrapped by the errors of Record methods given a record that
// cannot be stored (a missing ID, a vote that is neither +1 nor -1).
var ErrInvalid = errors.New("invalid record")

// DatabaseFile is the name of the SQLite database that [Open] keeps in the
// data directory.
const DatabaseFile = "footnote.db"

// Open opens the store: PostgreSQL at databaseURL when it is set, else the
// SQLite database [DatabaseFile] in dataDir (created if missing). The schema
// is migrated to the latest version before Open returns.
func Open(ctx context.Context, databaseURL, dataDir string) (Store, error) {
	// Each branch returns a nil Store, not a nil pointer in a Store, on error.
	if databaseURL != "" {
		p, err := OpenPostgres(ctx, databaseURL)
		if err != nil {
			return nil, err
		}
		return p, nil
	}
	if dataDir == "" {
		return nil, errors.New("open store: no database URL and no data directory")
	}
	s, err := OpenSQLite(ctx, filepath.Join(dataDir, DatabaseFile))
	if err != nil {
		return nil, err
	}
	return s, nil
}

// stamp returns t, or now when t is zero, in UTC at the microsecond
// precision both backends keep.
func stamp(t time.Time) time.Time {
	if t.IsZero() {
		t = time.Now()
	}
	return t.UTC().Truncate(time.Microsecond)
}

// invalid returns an error wrapping ErrInvalid.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// retry runs fn, and runs it again while it fails with an error that
// retryable accepts, up to retries more times, each after a random pause
// from minPause up to maxPause. It returns fn's last error, joined with
// ctx's when ctx ends during a pause.
func retry(ctx context.Context, retries int, minPause, maxPause time.Duration, retryable func(error) bool, fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := fn()
		if err == nil || !retryable(err) || attempt >= retries {
			return err
		}
		pause := minPause + rand.N(maxPause-minPause)
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(pause):
		}
	}
}
