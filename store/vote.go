package store

import "time"

// Up and Down are the values of a vote.
const (
	Up   = +1
	Down = -1
)

// Vote is one user's 👍 (Value [Up]) or 👎 (Value [Down]) on an answer
// message. A user has at most one vote per message; a later vote replaces it.
type Vote struct {
	MessageID string
	UserID    string
	// Question is the question the message answered; empty when unknown
	// (see Store.RememberQuestion).
	Question string
	Value    int
	// GuildID is the guild the vote was cast in; empty for a direct
	// message (and for votes recorded before servers had their own
	// articles).
	GuildID string
	// At is when the vote was cast; zero means now.
	At time.Time
}

// Tally is the count of votes on one answer message.
type Tally struct {
	MessageID string
	// Question is the remembered question, or empty when none is known.
	Question string
	// GuildID is the guild the votes were cast in ("" for a direct message
	// or votes older than servers' own articles).
	GuildID  string
	Up, Down int
}

func (v Vote) validate() error {
	if v.MessageID == "" {
		return invalid("vote without a message ID")
	}
	if v.UserID == "" {
		return invalid("vote without a user ID")
	}
	if v.Value != Up && v.Value != Down {
		return invalid("vote value %d, want +1 or -1", v.Value)
	}
	return nil
}

func validateQuestion(messageID, question string) error {
	if messageID == "" {
		return invalid("question without a message ID")
	}
	if question == "" {
		return invalid("empty question for message %s", messageID)
	}
	return nil
}
