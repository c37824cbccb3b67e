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
	// GuildID is the guild whose corpus it was added to; empty for the
	// shared corpus (the command line without --guild, and every article
	// added before servers had their own). A document is recorded once per
	// guild.
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
