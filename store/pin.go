package store

import "time"

// Pin records who pinned which answer message, where and when.
type Pin struct {
	MessageID string
	ChannelID string
	// GuildID is empty for a direct message.
	GuildID  string
	UserID   string
	Username string
	// At is when the message was pinned; zero means now.
	At time.Time
}

func (p Pin) validate() error {
	if p.MessageID == "" {
		return invalid("pin without a message ID")
	}
	if p.ChannelID == "" {
		return invalid("pin of message %s without a channel ID", p.MessageID)
	}
	if p.UserID == "" {
		return invalid("pin of message %s without a user ID", p.MessageID)
	}
	return nil
}
