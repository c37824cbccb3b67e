package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// This file is the reads and writes both stores make the same way: run one
// statement of queries.go, scan its rows, and name the operation in the
// error. Each store supplies how it runs a statement and how it keeps a
// time, and embeds [records] for the methods of [Store] written here.

// records implements the methods of [Store] that both stores run the same
// way, over the store's own reads and writes.
type records struct {
	backend interface {
		reader
		writer
		// writeVote writes a valid vote, and its question unless one is
		// known, as one write, and reports whether it changed anything.
		writeVote(ctx context.Context, v Vote) (changed bool, err error)
	}
}

// RecordVote implements [Store].
func (rs records) RecordVote(ctx context.Context, v Vote) (bool, error) {
	if err := v.validate(); err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	changed, err := rs.backend.writeVote(ctx, v)
	if err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	return changed, nil
}

// writer is what the shared writes need of a store.
type writer interface {
	// execWrite runs query, written with "?" parameters, as one write,
	// retried as the store retries writes.
	execWrite(ctx context.Context, query string, args ...any) error
	// timeArg is t (zero: now) as the store keeps times.
	timeArg(t time.Time) any
}

// rows is a result set as both drivers give it (pgx.Rows, *sql.Rows).
type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// reader is what the shared reads need of a store.
type reader interface {
	// read runs query, written with "?" parameters, passes its rows to
	// each, and closes them. A query that matches no row is not an error.
	read(ctx context.Context, query string, args []any, each func(rows) error) error
}

// RememberQuestion implements [Store].
func (rs records) RememberQuestion(ctx context.Context, messageID, question string) error {
	valid := func() error { return validateQuestion(messageID, question) }
	return record(ctx, rs.backend, "remember question", valid, sqlRememberQuestion,
		messageID, question, rs.backend.timeArg(time.Time{}))
}

// RecordPin implements [Store].
func (rs records) RecordPin(ctx context.Context, p Pin) error {
	return record(ctx, rs.backend, "record pin", p.validate, sqlRecordPin,
		p.MessageID, p.ChannelID, p.GuildID, p.UserID, p.Username, rs.backend.timeArg(p.At))
}

// RecordIngest implements [Store].
func (rs records) RecordIngest(ctx context.Context, r Ingest) error {
	return record(ctx, rs.backend, "record ingest", r.validate, sqlRecordIngest,
		r.DocID, r.Title, r.Source, r.UserID, r.Username, r.GuildID, rs.backend.timeArg(r.At))
}

// record validates a record, then writes it with query and args; op names
// the operation in the error.
func record(ctx context.Context, w writer, op string, validate func() error, query string, args ...any) error {
	if err := validate(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := w.execWrite(ctx, query, args...); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// Tallies implements [Store].
func (rs records) Tallies(ctx context.Context) ([]Tally, error) {
	out, err := collect(ctx, rs.backend, sqlTallies, nil, func(row rows) (Tally, error) {
		var t Tally
		err := row.Scan(&t.MessageID, &t.Question, &t.GuildID, &t.Up, &t.Down)
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("tallies: %w", err)
	}
	return out, nil
}

// Question implements [Store].
func (rs records) Question(ctx context.Context, messageID string) (string, error) {
	qs, err := collect(ctx, rs.backend, sqlQuestion, []any{messageID}, func(row rows) (string, error) {
		var q string
		err := row.Scan(&q)
		return q, err
	})
	if err != nil {
		return "", fmt.Errorf("read question: %w", err)
	}
	if len(qs) == 0 {
		return "", nil
	}
	return qs[0], nil
}

// Pins implements [Store].
func (rs records) Pins(ctx context.Context, guildID string) ([]Pin, error) {
	out, err := collect(ctx, rs.backend, sqlPins, []any{guildID}, func(row rows) (Pin, error) {
		var p Pin
		err := row.Scan(&p.MessageID, &p.ChannelID, &p.GuildID, &p.UserID, &p.Username, storedTime{&p.At})
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("pins: %w", err)
	}
	return out, nil
}

// Ingests implements [Store].
func (rs records) Ingests(ctx context.Context) ([]Ingest, error) {
	out, err := collect(ctx, rs.backend, sqlIngests, nil, func(row rows) (Ingest, error) {
		var g Ingest
		err := row.Scan(&g.DocID, &g.Title, &g.Source, &g.UserID, &g.Username, &g.GuildID, storedTime{&g.At})
		return g, err
	})
	if err != nil {
		return nil, fmt.Errorf("ingests: %w", err)
	}
	return out, nil
}

// appliedMigrations returns the rows of schema_migrations, for tests.
func (rs records) appliedMigrations(ctx context.Context) ([]appliedMigration, error) {
	return collect(ctx, rs.backend, sqlAppliedMigrations, nil, func(row rows) (appliedMigration, error) {
		var m appliedMigration
		err := row.Scan(&m.Version, storedTime{&m.AppliedAt})
		return m, err
	})
}

// collect runs query on r and returns its rows as scan reads each, an
// empty list when there are none. It stops at the first error.
func collect[T any](ctx context.Context, r reader, query string, args []any, scan func(rows) (T, error)) ([]T, error) {
	var out []T
	err := r.read(ctx, query, args, func(rs rows) error {
		var err error
		out, err = scanAll(rs, scan)
		return err
	})
	return out, err
}

// scanAll reads every row of rs with scan; it does not close rs.
func scanAll[T any](rs rows, scan func(rows) (T, error)) ([]T, error) {
	out := []T{}
	for rs.Next() {
		v, err := scan(rs)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// storedTime is a scan destination for a time as either store keeps it:
// PostgreSQL's timestamptz, SQLite's fixed-width text. It sets *t in UTC.
type storedTime struct{ t *time.Time }

var _ sql.Scanner = storedTime{}

// Scan implements [sql.Scanner]; pgx scans into it too.
func (s storedTime) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*s.t = v.UTC()
		return nil
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	}
	return fmt.Errorf("stored time of type %T", src)
}

func (s storedTime) parse(text string) error {
	t, err := time.Parse(sqliteTimeLayout, text)
	if err != nil {
		return fmt.Errorf("stored time %q: %w", text, err)
	}
	*s.t = t.UTC()
	return nil
}
