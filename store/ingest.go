package store

import "time"

// Ingest records who added which article, from where and when.
type Ingest struct {
	// DocID is the corpus document ID of the article.
	DocID string
	Title string
	// Source is where the article came from: its URL or its file name.
	Source   string
	UserID   string
	Username string
	// GuildID is the guild it was added from; empty for the command line or
	// a direct message.
	GuildID string
	// At is when the article was added; zero means now.
	At time.Time
}

func (r Ingest) validate() error {
	if r.DocID == "" {
		return invalid("ingest without a document ID")
	}
	return nil
}
