package localdiscord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// This file is the test-facing API for building the fake's world (users,
// guilds, channels), acting as users, and inspecting what the bot did.

// AddUser registers a user and returns it; an empty ID is generated and an
// empty Username is derived from the ID. Adding a known ID replaces it.
func (s *Server) AddUser(u User) User {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.ID == "" {
		u.ID = s.ids.next()
	}
	if u.Username == "" {
		u.Username = "user" + u.ID
	}
	stored := u
	s.st.users[u.ID] = &stored
	s.notifyLocked()
	return u
}

// AddGuild registers a guild and returns it; an empty ID is generated (pass
// an explicit ID to place a guild on a particular shard: shard =
// (id >> 22) % shard_count). OwnerID defaults to the bot. Connected
// sessions owning the guild receive GUILD_CREATE.
func (s *Server) AddGuild(g Guild) (Guild, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g.ID == "" {
		g.ID = s.ids.next()
	} else if _, err := strconv.ParseUint(g.ID, 10, 64); err != nil {
		return Guild{}, fmt.Errorf("add guild: id %q is not a snowflake", g.ID)
	}
	if s.st.guilds[g.ID] != nil {
		return Guild{}, fmt.Errorf("add guild: id %s already exists", g.ID)
	}
	if g.Name == "" {
		g.Name = "guild" + g.ID
	}
	if g.OwnerID == "" {
		g.OwnerID = s.bot.ID
	}
	stored := g
	s.st.guilds[g.ID] = &stored
	s.st.guildOrder = append(s.st.guildOrder, g.ID)
	s.dispatchLocked(event{name: "GUILD_CREATE", guildID: g.ID, intent: intentGuilds, data: mustJSON(s.renderGuild(&stored))})
	return g, nil
}

// AddChannel adds a text channel, or a thread when Type is a thread type
// and ParentID names a text channel, and returns it. An empty ID is
// generated; GuildID defaults to the parent's; zero BotPermissions means
// DefaultBotPermissions for text channels and the parent's for threads.
// Sessions receive CHANNEL_CREATE or THREAD_CREATE.
func (s *Server) AddChannel(c Channel) (Channel, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.ID == "" {
		c.ID = s.ids.next()
	}
	if s.st.channels[c.ID] != nil {
		return Channel{}, fmt.Errorf("add channel: id %s already exists", c.ID)
	}
	var parent *channelState
	if c.IsThread() {
		parent = s.st.channels[c.ParentID]
		if parent == nil || parent.IsThread() {
			return Channel{}, fmt.Errorf("add channel: thread parent %q is not a text channel", c.ParentID)
		}
		if c.GuildID == "" {
			c.GuildID = parent.GuildID
		}
	} else if c.Type != ChannelTypeGuildText {
		return Channel{}, fmt.Errorf("add channel: unsupported channel type %d", c.Type)
	}
	if s.st.guilds[c.GuildID] == nil {
		return Channel{}, fmt.Errorf("add channel: unknown guild %q", c.GuildID)
	}
	if parent != nil && parent.GuildID != c.GuildID {
		return Channel{}, errors.New("add channel: thread and parent are in different guilds")
	}
	if c.Name == "" {
		c.Name = "channel" + c.ID
	}
	if parent != nil {
		if c.BotPermissions == 0 {
			c.BotPermissions = parent.BotPermissions
		}
		if c.OwnerID == "" {
			c.OwnerID = s.bot.ID
		}
		th := s.createThreadLocked(c.ID, parent, c.Type, c.Name, nil, c.OwnerID)
		th.BotPermissions = c.BotPermissions
		return th.Channel, nil
	}
	if c.BotPermissions == 0 {
		c.BotPermissions = DefaultBotPermissions
	}
	ch := &channelState{Channel: c}
	s.st.channels[c.ID] = ch
	s.dispatchLocked(event{name: "CHANNEL_CREATE", guildID: c.GuildID, intent: intentGuilds, data: mustJSON(s.renderChannel(ch))})
	s.publishChannelLocked(EventChannelCreate, ch)
	return c, nil
}

// SetBotPermissions sets the bot's permissions in a channel (see
// Channel.BotPermissions).
func (s *Server) SetBotPermissions(channelID string, perms int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.st.channels[channelID]
	if ch == nil {
		return fmt.Errorf("set bot permissions: unknown channel %s", channelID)
	}
	ch.BotPermissions = perms
	s.notifyLocked()
	return nil
}

// Channel returns a channel or thread by ID.
func (s *Server) Channel(id string) (Channel, bool) {
	return find(s, func(st *state) map[string]*channelState { return st.channels }, id,
		func(ch *channelState) Channel { return ch.Channel })
}

// find returns, under the server's lock, view of the entry for id in the
// map of the state that table picks, and whether there is one.
func find[T, V any](s *Server, table func(*state) map[string]*T, id string, view func(*T) V) (V, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	x := table(s.st)[id]
	if x == nil {
		var zero V
		return zero, false
	}
	return view(x), true
}

// Threads returns the threads whose parent is channelID, oldest first.
func (s *Server) Threads(channelID string) []Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Channel
	if parent := s.st.channels[channelID]; parent != nil {
		for _, ch := range s.st.guildChannels(parent.GuildID) {
			if ch.ParentID == channelID {
				out = append(out, ch.Channel)
			}
		}
	}
	return out
}

// UserMessage is a message posted by a user (or another bot) with
// PostMessage.
type UserMessage struct {
	ChannelID string
	// Author posts the message; unknown users are added. Set Bot for
	// messages from other bots.
	Author  User
	Content string
	// Mentions are added to the users mentioned as <@id> in Content.
	Mentions []User
	// ReplyTo makes the message a reply to that message ID.
	ReplyTo string
	// Embeds is an optional JSON array of embed objects.
	Embeds json.RawMessage
}

// PostMessage stores a user's message and dispatches MESSAGE_CREATE.
func (s *Server) PostMessage(um UserMessage) (Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.st.channels[um.ChannelID]
	if ch == nil {
		return Message{}, fmt.Errorf("post message: unknown channel %s", um.ChannelID)
	}
	if um.Author.ID == "" {
		return Message{}, errors.New("post message: author has no id")
	}
	if s.st.users[um.Author.ID] == nil {
		u := um.Author
		if u.Username == "" {
			u.Username = "user" + u.ID
		}
		s.st.users[u.ID] = &u
	}
	m := &message{channelID: ch.ID, guildID: ch.GuildID, authorID: um.Author.ID, typ: MessageTypeDefault, content: um.Content}
	m.mentions = s.parseMentions(um.Content)
	for _, u := range um.Mentions {
		if s.st.users[u.ID] == nil {
			stored := u
			s.st.users[u.ID] = &stored
		}
		if !slices.Contains(m.mentions, u.ID) {
			m.mentions = append(m.mentions, u.ID)
		}
	}
	if len(um.Embeds) > 0 {
		embeds, err := normalizeEmbeds(um.Embeds)
		if err != nil {
			return Message{}, fmt.Errorf("post message: %w", err)
		}
		m.embeds = embeds
	}
	if um.ReplyTo != "" {
		target := s.st.messages[um.ReplyTo]
		if target == nil || target.deleted || target.channelID != ch.ID {
			return Message{}, fmt.Errorf("post message: reply target %s is not in channel %s", um.ReplyTo, ch.ID)
		}
		m.typ = MessageTypeReply
		m.reference = &MessageReference{MessageID: target.id, ChannelID: ch.ID, GuildID: ch.GuildID}
	}
	if err := checkMessage(m); err != nil {
		return Message{}, fmt.Errorf("post message: %w", err)
	}
	s.storeMessageLocked(m, time.Now())
	s.notifyLocked()
	return s.st.snapshot(m), nil
}

// SendMessage posts content as author in a channel (or thread) and
// dispatches MESSAGE_CREATE; mentions are added to the users mentioned as
// <@id> in content. To mention the bot, write "<@"+srv.BotUser().ID+">" in
// content or pass srv.BotUser().
func (s *Server) SendMessage(channelID string, author User, content string, mentions ...User) (Message, error) {
	return s.PostMessage(UserMessage{ChannelID: channelID, Author: author, Content: content, Mentions: mentions})
}

// Message returns a stored message, including ephemeral ones; deleted
// messages are not found.
func (s *Server) Message(channelID, id string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.st.messages[id]
	if m == nil || m.deleted || m.channelID != channelID {
		return Message{}, false
	}
	return s.st.snapshot(m), true
}

// ChannelMessages returns a channel's messages oldest first, including
// ephemeral interaction responses (check Message.Ephemeral).
func (s *Server) ChannelMessages(channelID string) []Message {
	return s.channelMessages(channelID, func(ch *channelState) []string { return ch.messages })
}

// Pins returns a channel's pinned messages in pin order, oldest first.
func (s *Server) Pins(channelID string) []Message {
	return s.channelMessages(channelID, func(ch *channelState) []string { return ch.pins })
}

// channelMessages returns, under the server's lock, the messages of a
// channel whose IDs pick chooses, in pick's order; nil for an unknown
// channel.
func (s *Server) channelMessages(channelID string, pick func(*channelState) []string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.st.channels[channelID]
	if ch == nil {
		return nil
	}
	ids := pick(ch)
	out := make([]Message, 0, len(ids))
	for _, id := range ids {
		out = append(out, s.st.snapshot(s.st.messages[id]))
	}
	return out
}

// WaitMessage blocks until a message of the channel satisfies match and
// returns the newest such message, as it is at that moment.
func (s *Server) WaitMessage(ctx context.Context, channelID string, match func(Message) bool) (Message, error) {
	found, err := waitFor(ctx, s, func() []Message {
		ch := s.st.channels[channelID]
		if ch == nil {
			return nil
		}
		out := make([]Message, 0, len(ch.messages))
		for i := len(ch.messages) - 1; i >= 0; i-- {
			out = append(out, s.st.snapshot(s.st.messages[ch.messages[i]]))
		}
		return out
	}, match)
	if err != nil {
		return Message{}, fmt.Errorf("wait for message in channel %s: %w", channelID, err)
	}
	return found, nil
}

// Commands returns the commands the bot registered for a guild, or the
// global ones for an empty guildID.
func (s *Server) Commands(guildID string) []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Command
	for _, c := range s.st.commands[guildID] {
		out = append(out, Command{ID: c.id, Name: c.name, Type: c.typ, GuildID: c.guildID, Raw: mustJSON(s.renderCommand(c))})
	}
	return out
}
