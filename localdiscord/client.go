package localdiscord

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// This file is the client side of the fake: what a Discord app does for a
// person (post, run a command, press a button) and what it lists (the
// guild's channels, the commands a user can run). Tests and the
// playground act through it.

// Client acts in one guild as one user, with the permissions Discord
// would compute for that user (the same in every channel; the fake has no
// permission overwrites). Its methods dispatch gateway events exactly as
// the Send methods do.
type Client struct {
	s           *Server
	guildID     string
	user        User
	permissions int64
}

// Client returns a client acting as user in guildID with permissions (see
// the Permission constants). The user is added when the client first acts.
func (s *Server) Client(guildID string, user User, permissions int64) *Client {
	return &Client{s: s, guildID: guildID, user: user, permissions: permissions}
}

// User is the user the client acts as.
func (c *Client) User() User { return c.user }

// Permissions are the permissions sent with the client's interactions.
func (c *Client) Permissions() int64 { return c.permissions }

func (c *Client) invoker(channelID string) Invoker {
	return Invoker{GuildID: c.guildID, ChannelID: channelID, User: c.user, Permissions: c.permissions}
}

// Post posts content in a channel or thread of the client's guild and
// dispatches MESSAGE_CREATE; users written as <@id> are mentioned.
func (c *Client) Post(channelID, content string) (Message, error) {
	ch, ok := c.s.Channel(channelID)
	if !ok || ch.GuildID != c.guildID {
		return Message{}, fmt.Errorf("post message: unknown channel %q in guild %s", channelID, c.guildID)
	}
	return c.s.PostMessage(UserMessage{ChannelID: channelID, Author: c.user, Content: content})
}

// Slash runs a chat-input command in a channel or thread with typed
// options (see CommandOptions to build them from loose values).
func (c *Client) Slash(channelID, name string, options ...*discordgo.ApplicationCommandInteractionDataOption) (InteractionState, error) {
	return c.s.SendSlashCommand(SlashCommand{Invoker: c.invoker(channelID), Name: name, Options: options})
}

// Press presses the button customID of a message.
func (c *Client) Press(messageID, customID string) (InteractionState, error) {
	return c.s.SendComponentPress(ComponentPress{Invoker: c.invoker(""), MessageID: messageID, CustomID: customID})
}

// MessageCommand runs a message context-menu command on a target message.
func (c *Client) MessageCommand(name, targetMessageID string) (InteractionState, error) {
	return c.s.SendMessageCommand(MessageCommand{Invoker: c.invoker(""), Name: name, TargetMessageID: targetMessageID})
}

// CommandOption describes an option of a registered command.
type CommandOption struct {
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Type        int      `json:"type"`
	Required    bool     `json:"required,omitempty"`
	Choices     []string `json:"choices,omitempty"`
}

// CommandInfo is a registered command as a client lists it.
type CommandInfo struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Type        int             `json:"type"`
	Options     []CommandOption `json:"options,omitempty"`
}

// GuildCommands lists the commands usable in a guild, guild commands
// first, then global ones not shadowed by a guild command of the same
// name and type; each group in registration order.
func (s *Server) GuildCommands(guildID string) []CommandInfo {
	var out []CommandInfo
	seen := map[string]bool{}
	for _, scope := range []string{guildID, ""} {
		for _, c := range s.Commands(scope) {
			key := strconv.Itoa(c.Type) + ":" + c.Name
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, commandInfo(c))
		}
		if guildID == "" {
			break
		}
	}
	return out
}

// commandInfo decodes a command's stored JSON.
func commandInfo(c Command) CommandInfo {
	var raw struct {
		Description string `json:"description"`
		Options     []struct {
			Name        string `json:"name"`
			Description string `json:"description"`
			Type        int    `json:"type"`
			Required    bool   `json:"required"`
			Choices     []struct {
				Value any `json:"value"`
			} `json:"choices"`
		} `json:"options"`
	}
	// Raw was rendered by the server; decoding cannot fail.
	_ = json.Unmarshal(c.Raw, &raw)
	info := CommandInfo{ID: c.ID, Name: c.Name, Description: raw.Description, Type: c.Type}
	for _, o := range raw.Options {
		opt := CommandOption{Name: o.Name, Description: o.Description, Type: o.Type, Required: o.Required}
		for _, ch := range o.Choices {
			opt.Choices = append(opt.Choices, fmt.Sprint(ch.Value))
		}
		info.Options = append(info.Options, opt)
	}
	return info
}

// CommandOptions builds the typed options of a chat-input command from
// loose values, as a client does from what a person typed: strings, JSON
// numbers or booleans, converted to each option's registered type
// (string, integer, number, boolean). It rejects unknown options, missing
// required ones, values outside the choices, and option types a client
// cannot type (attachments, users, channels, roles, subcommands).
func (s *Server) CommandOptions(guildID, name string, values map[string]any) ([]*discordgo.ApplicationCommandInteractionDataOption, error) {
	var cmd *CommandInfo
	for _, c := range s.GuildCommands(guildID) {
		if c.Name == name && c.Type == CommandTypeChatInput {
			cmd = &c
			break
		}
	}
	if cmd == nil {
		return nil, fmt.Errorf("command /%s is not registered", name)
	}
	var out []*discordgo.ApplicationCommandInteractionDataOption
	for _, o := range cmd.Options {
		v, ok := values[o.Name]
		if !ok || v == nil || v == "" {
			if o.Required {
				return nil, fmt.Errorf("/%s: option %q is required", name, o.Name)
			}
			continue
		}
		opt, err := typedOption(o, v)
		if err != nil {
			return nil, fmt.Errorf("/%s: %w", name, err)
		}
		out = append(out, opt)
	}
	for k := range values {
		if !slices.ContainsFunc(cmd.Options, func(o CommandOption) bool { return o.Name == k }) {
			return nil, fmt.Errorf("/%s has no option %q", name, k)
		}
	}
	return out, nil
}

// typedOption converts one loose value to an option of o's type.
func typedOption(o CommandOption, v any) (*discordgo.ApplicationCommandInteractionDataOption, error) {
	text := fmt.Sprint(v)
	var value any
	switch discordgo.ApplicationCommandOptionType(o.Type) {
	case discordgo.ApplicationCommandOptionString:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("option %q takes text", o.Name)
		}
		value = s
	case discordgo.ApplicationCommandOptionBoolean:
		b, ok := v.(bool)
		if !ok {
			var err error
			if b, err = strconv.ParseBool(strings.TrimSpace(text)); err != nil {
				return nil, fmt.Errorf("option %q takes true or false", o.Name)
			}
		}
		value = b
	case discordgo.ApplicationCommandOptionInteger:
		f, err := number(v)
		if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return nil, fmt.Errorf("option %q takes a whole number", o.Name)
		}
		value = int64(f)
	case discordgo.ApplicationCommandOptionNumber:
		f, err := number(v)
		if err != nil {
			return nil, fmt.Errorf("option %q takes a number", o.Name)
		}
		value = f
	default:
		return nil, fmt.Errorf("option %q has a type (%d) that cannot be typed in", o.Name, o.Type)
	}
	if len(o.Choices) > 0 && !slices.Contains(o.Choices, fmt.Sprint(value)) {
		return nil, fmt.Errorf("option %q must be one of %s", o.Name, strings.Join(o.Choices, ", "))
	}
	return &discordgo.ApplicationCommandInteractionDataOption{Name: o.Name, Type: discordgo.ApplicationCommandOptionType(o.Type), Value: value}, nil
}

func number(v any) (float64, error) {
	switch n := v.(type) {
	case float64:
		return n, nil
	case json.Number:
		return n.Float64()
	case int:
		return float64(n), nil
	case int64:
		return float64(n), nil
	case string:
		return strconv.ParseFloat(strings.TrimSpace(n), 64)
	}
	return 0, errors.New("not a number")
}

// Channels lists a guild's text channels and threads in creation order.
func (s *Server) Channels(guildID string) []Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Channel
	for _, ch := range s.st.guildChannels(guildID) {
		out = append(out, ch.Channel)
	}
	return out
}

// RecentMessages returns up to limit of a channel's latest messages,
// oldest first, including ephemeral ones (check Message.Ephemeral);
// limit <= 0 returns them all.
func (s *Server) RecentMessages(channelID string, limit int) []Message {
	return s.channelMessages(channelID, func(ch *channelState) []string {
		ids := ch.messages
		if limit > 0 && len(ids) > limit {
			ids = ids[len(ids)-limit:]
		}
		return ids
	})
}

// User returns a known user by ID.
func (s *Server) User(id string) (User, bool) {
	return find(s, func(st *state) map[string]*User { return st.users }, id,
		func(u *User) User { return *u })
}
