package store

import (
	"context"
	"fmt"
	"time"
)

// This file is the writes both stores make the same way: validate, run
// one statement of queries.go as a write, and name the operation in the
// error. Each store supplies how it runs a write and how it keeps a time.

// writer is what the shared writes need of a store.
type writer interface {
	// execWrite runs query, written with "?" parameters, as one write,
	// retried as the store retries writes.
	execWrite(ctx context.Context, query string, args ...any) error
	// timeArg is t (zero: now) as the store keeps times.
	timeArg(t time.Time) any
}

// rememberQuestion implements [Store.RememberQuestion] over w.
func rememberQuestion(ctx context.Context, w writer, messageID, question string) error {
	if err := validateQuestion(messageID, question); err != nil {
		return fmt.Errorf("remember question: %w", err)
	}
	if err := w.execWrite(ctx, sqlRememberQuestion, messageID, question, w.timeArg(time.Time{})); err != nil {
		return fmt.Errorf("remember question: %w", err)
	}
	return nil
}

// recordPin implements [Store.RecordPin] over w.
func recordPin(ctx context.Context, w writer, p Pin) error {
	if err := p.validate(); err != nil {
		return fmt.Errorf("record pin: %w", err)
	}
	err := w.execWrite(ctx, sqlRecordPin,
		p.MessageID, p.ChannelID, p.GuildID, p.UserID, p.Username, w.timeArg(p.At))
	if err != nil {
		return fmt.Errorf("record pin: %w", err)
	}
	return nil
}

// recordIngest implements [Store.RecordIngest] over w.
func recordIngest(ctx context.Context, w writer, r Ingest) error {
	if err := r.validate(); err != nil {
		return fmt.Errorf("record ingest: %w", err)
	}
	err := w.execWrite(ctx, sqlRecordIngest,
		r.DocID, r.Title, r.Source, r.UserID, r.Username, r.GuildID, w.timeArg(r.At))
	if err != nil {
		return fmt.Errorf("record ingest: %w", err)
	}
	return nil
}
