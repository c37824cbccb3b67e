package localdiscord

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Interaction types (Discord's numbering).
const (
	InteractionTypeApplicationCommand = 2
	InteractionTypeMessageComponent   = 3
)

// Application command types (Discord's numbering).
const (
	CommandTypeChatInput = 1
	CommandTypeUser      = 2
	CommandTypeMessage   = 3
)

// Interaction callback types (Discord's numbering).
const (
	CallbackPong                     = 1
	CallbackChannelMessageWithSource = 4
	CallbackDeferredChannelMessage   = 5
	CallbackDeferredUpdateMessage    = 6
	CallbackUpdateMessage            = 7
	CallbackAutocompleteResult       = 8
	CallbackModal                    = 9
)

// Invoker is who triggers an interaction, and where.
type Invoker struct {
	GuildID   string
	ChannelID string
	// User invokes the interaction. Users unknown to the server are added.
	User User
	// Permissions is sent as member.permissions: the invoker's computed
	// permissions in the channel (see PermissionPinMessages,
	// PermissionManageMessages).
	Permissions int64
	// Locale is the invoker's client locale; default "en-US".
	Locale string
}

// SlashCommand is a chat-input command invocation.
type SlashCommand struct {
	Invoker
	// Name must be a chat-input command the bot registered for the guild
	// or globally.
	Name    string
	Options []*discordgo.ApplicationCommandInteractionDataOption
}

// ComponentPress is a press of a button or use of a select menu on a
// message.
type ComponentPress struct {
	// Invoker.ChannelID may be empty; the message's channel is used.
	Invoker
	MessageID string
	// CustomID must be present among the message's components.
	CustomID string
	// ComponentType defaults to 2 (button).
	ComponentType int
	// Values are the selected values of a select menu.
	Values []string
}

// MessageCommand is a message context-menu command invocation.
type MessageCommand struct {
	// Invoker.ChannelID may be empty; the target message's channel is used.
	Invoker
	// Name must be a message command the bot registered.
	Name            string
	TargetMessageID string
}

// StringOption builds a string slash command option.
func StringOption(name, value string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: value}
}

// BooleanOption builds a boolean slash command option.
func BooleanOption(name string, value bool) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionBoolean, Value: value}
}

// interaction is the stored form of an interaction.
type interaction struct {
	id, token   string
	typ         int
	commandType int
	name        string // command name or custom_id
	guildID     string
	channelID   string
	userID      string
	messageID   string // component message or command target
	dispatched  time.Time

	acked      bool
	ackType    int
	ackedAt    time.Time
	ackBody    json.RawMessage
	ephemeral  bool
	originalID string
	followups  []string
	rejected   int
}

// InteractionState is what the server knows about an interaction and the
// bot's response to it.
type InteractionState struct {
	ID    string
	Token string
	// Type is an InteractionType constant; CommandType is set for
	// application commands.
	Type        int
	CommandType int
	// Name is the command name or the component's custom_id.
	Name      string
	GuildID   string
	ChannelID string
	User      User
	// MessageID is the component's message or the command's target.
	MessageID    string
	DispatchedAt time.Time

	// Acked reports a successful callback of type AckType at AckedAt,
	// AckLatency after dispatch. Response is the callback body.
	Acked      bool
	AckType    int
	AckedAt    time.Time
	AckLatency time.Duration
	Response   json.RawMessage
	// Ephemeral reports that the response message is ephemeral.
	Ephemeral bool
	// OriginalMessageID is the response message ("@original"): the
	// created or loading message for types 4 and 5, the component's
	// message for types 6 and 7.
	OriginalMessageID string
	// FollowupIDs are the followup messages, in order. The first followup
	// after a deferred (type 5) response replaces the loading message, as
	// on Discord, so it is the original and not listed here.
	FollowupIDs []string
	// RejectedCallbacks counts callbacks refused as duplicate or late.
	RejectedCallbacks int
}

func (s *Server) interactionState(in *interaction) InteractionState {
	out := InteractionState{
		ID: in.id, Token: in.token, Type: in.typ, CommandType: in.commandType, Name: in.name,
		GuildID: in.guildID, ChannelID: in.channelID, MessageID: in.messageID,
		DispatchedAt: in.dispatched, Acked: in.acked, AckType: in.ackType, AckedAt: in.ackedAt,
		Response: slices.Clone(in.ackBody), Ephemeral: in.ephemeral, OriginalMessageID: in.originalID,
		FollowupIDs: slices.Clone(in.followups), RejectedCallbacks: in.rejected,
	}
	if in.acked {
		out.AckLatency = in.ackedAt.Sub(in.dispatched)
	}
	if u := s.st.users[in.userID]; u != nil {
		out.User = *u
	}
	return out
}

// InteractionResponse returns the state of an interaction sent with one of
// the Send methods.
func (s *Server) InteractionResponse(id string) (InteractionState, bool) {
	return find(s, func(st *state) map[string]*interaction { return st.interactions }, id,
		s.interactionState)
}

// WaitInteraction blocks until the interaction's state satisfies match
// (for example, func(st InteractionState) bool { return st.Acked }).
func (s *Server) WaitInteraction(ctx context.Context, id string, match func(InteractionState) bool) (InteractionState, error) {
	found, err := waitFor(ctx, s, func() []InteractionState {
		in := s.st.interactions[id]
		if in == nil {
			return nil
		}
		return []InteractionState{s.interactionState(in)}
	}, match)
	if err != nil {
		return found, fmt.Errorf("wait for interaction %s: %w", id, err)
	}
	return found, nil
}

// SendSlashCommand dispatches INTERACTION_CREATE for a chat-input command.
func (s *Server) SendSlashCommand(cmd SlashCommand) (InteractionState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	registered, err := s.findCommandLocked(cmd.GuildID, cmd.Name, CommandTypeChatInput)
	if err != nil {
		return InteractionState{}, fmt.Errorf("send slash command: %w", err)
	}
	in, base, err := s.newInteractionLocked(cmd.Invoker, InteractionTypeApplicationCommand)
	if err != nil {
		return InteractionState{}, fmt.Errorf("send slash command %q: %w", cmd.Name, err)
	}
	in.commandType, in.name = CommandTypeChatInput, cmd.Name
	data := map[string]any{"id": registered.id, "name": cmd.Name, "type": CommandTypeChatInput}
	if registered.guildID != "" {
		data["guild_id"] = registered.guildID
	}
	if len(cmd.Options) > 0 {
		data["options"] = cmd.Options
	}
	base["data"] = data
	return s.dispatchInteractionLocked(in, base), nil
}

// SendMessageCommand dispatches INTERACTION_CREATE for a message
// context-menu command on a target message.
func (s *Server) SendMessageCommand(cmd MessageCommand) (InteractionState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	target := s.st.messages[cmd.TargetMessageID]
	if target == nil || target.deleted {
		return InteractionState{}, fmt.Errorf("send message command %q: unknown target message %s", cmd.Name, cmd.TargetMessageID)
	}
	if cmd.ChannelID == "" {
		cmd.ChannelID = target.channelID
	}
	if cmd.GuildID == "" {
		cmd.GuildID = target.guildID
	}
	registered, err := s.findCommandLocked(cmd.GuildID, cmd.Name, CommandTypeMessage)
	if err != nil {
		return InteractionState{}, fmt.Errorf("send message command: %w", err)
	}
	in, base, err := s.newInteractionLocked(cmd.Invoker, InteractionTypeApplicationCommand)
	if err != nil {
		return InteractionState{}, fmt.Errorf("send message command %q: %w", cmd.Name, err)
	}
	in.commandType, in.name, in.messageID = CommandTypeMessage, cmd.Name, target.id
	data := map[string]any{
		"id": registered.id, "name": cmd.Name, "type": CommandTypeMessage, "target_id": target.id,
		"resolved": map[string]any{"messages": map[string]any{target.id: s.renderMessage(target, false)}},
	}
	if registered.guildID != "" {
		data["guild_id"] = registered.guildID
	}
	base["data"] = data
	return s.dispatchInteractionLocked(in, base), nil
}

// SendComponentPress dispatches INTERACTION_CREATE for a component on a
// message the bot sent.
func (s *Server) SendComponentPress(p ComponentPress) (InteractionState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.st.messages[p.MessageID]
	if m == nil || m.deleted {
		return InteractionState{}, fmt.Errorf("send component press %q: unknown message %s", p.CustomID, p.MessageID)
	}
	if !hasCustomID(m.components, p.CustomID) {
		return InteractionState{}, fmt.Errorf("send component press: message %s has no component with custom_id %q", m.id, p.CustomID)
	}
	if p.ChannelID == "" {
		p.ChannelID = m.channelID
	}
	if p.GuildID == "" {
		p.GuildID = m.guildID
	}
	in, base, err := s.newInteractionLocked(p.Invoker, InteractionTypeMessageComponent)
	if err != nil {
		return InteractionState{}, fmt.Errorf("send component press %q: %w", p.CustomID, err)
	}
	if p.ComponentType == 0 {
		p.ComponentType = int(discordgo.ButtonComponent)
	}
	in.name, in.messageID = p.CustomID, m.id
	data := map[string]any{"custom_id": p.CustomID, "component_type": p.ComponentType}
	if p.Values != nil {
		data["values"] = p.Values
	}
	base["data"] = data
	base["message"] = s.renderMessage(m, false)
	return s.dispatchInteractionLocked(in, base), nil
}

// hasCustomID reports whether a components array contains custom_id at
// any depth.
func hasCustomID(components json.RawMessage, customID string) bool {
	var v any
	if json.Unmarshal(components, &v) != nil {
		return false
	}
	var walk func(any) bool
	walk = func(v any) bool {
		switch t := v.(type) {
		case map[string]any:
			if id, _ := t["custom_id"].(string); id == customID {
				return true
			}
			for _, child := range t {
				if walk(child) {
					return true
				}
			}
		case []any:
			for _, child := range t {
				if walk(child) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// findCommandLocked finds a registered command by name and type, guild
// commands first.
func (s *Server) findCommandLocked(guildID, name string, typ int) (*command, error) {
	for _, scope := range []string{guildID, ""} {
		for _, c := range s.st.commands[scope] {
			if c.name == name && c.typ == typ {
				return c, nil
			}
		}
		if scope == "" {
			break
		}
	}
	return nil, fmt.Errorf("command %q of type %d is not registered", name, typ)
}

// newInteractionLocked validates the invoker and builds the common part of
// an INTERACTION_CREATE payload.
func (s *Server) newInteractionLocked(inv Invoker, typ int) (*interaction, map[string]any, error) {
	if s.closed {
		return nil, nil, errors.New("server closed")
	}
	g := s.st.guilds[inv.GuildID]
	if g == nil {
		return nil, nil, fmt.Errorf("unknown guild %q", inv.GuildID)
	}
	ch := s.st.channels[inv.ChannelID]
	if ch == nil || ch.GuildID != g.ID {
		return nil, nil, fmt.Errorf("unknown channel %q in guild %s", inv.ChannelID, g.ID)
	}
	if inv.User.ID == "" {
		return nil, nil, errors.New("invoker has no user id")
	}
	u := s.st.users[inv.User.ID]
	if u == nil {
		u = &User{ID: inv.User.ID, Username: inv.User.Username, GlobalName: inv.User.GlobalName, Bot: inv.User.Bot}
		s.st.users[u.ID] = u
	}
	locale := inv.Locale
	if locale == "" {
		locale = "en-US"
	}
	in := &interaction{
		id: s.ids.next(), token: randomToken(), typ: typ,
		guildID: g.ID, channelID: ch.ID, userID: u.ID,
	}
	perms := inv.Permissions
	base := map[string]any{
		"id":                             in.id,
		"application_id":                 s.appID,
		"type":                           typ,
		"token":                          in.token,
		"version":                        1,
		"guild_id":                       g.ID,
		"guild":                          map[string]any{"id": g.ID, "locale": "en-US", "features": []any{}},
		"channel_id":                     ch.ID,
		"channel":                        s.renderChannel(ch),
		"member":                         renderMember(u, s.started, &perms, true),
		"app_permissions":                strconv.FormatInt(ch.BotPermissions, 10),
		"locale":                         locale,
		"guild_locale":                   "en-US",
		"entitlements":                   []any{},
		"authorizing_integration_owners": map[string]any{"0": g.ID},
		"context":                        0,
		"attachment_size_limit":          10 << 20,
	}
	return in, base, nil
}

func (s *Server) dispatchInteractionLocked(in *interaction, payload map[string]any) InteractionState {
	in.dispatched = time.Now()
	s.st.interactions[in.id] = in
	s.st.byToken[in.token] = in
	s.st.interactionOrder = append(s.st.interactionOrder, in.id)
	if keep := s.opts.Retention; keep > 0 && len(s.st.interactionOrder) > keep {
		for _, old := range s.st.interactionOrder[:len(s.st.interactionOrder)-keep] {
			if o := s.st.interactions[old]; o != nil {
				delete(s.st.byToken, o.token)
			}
			delete(s.st.interactions, old)
		}
		s.st.interactionOrder = append([]string(nil), s.st.interactionOrder[len(s.st.interactionOrder)-keep:]...)
	}
	s.dispatchLocked(event{name: "INTERACTION_CREATE", guildID: in.guildID, intent: intentNone, data: mustJSON(payload)})
	s.notifyLocked()
	return s.interactionState(in)
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return "aW50ZXJhY3Rpb246" + hex.EncodeToString(b)
}
