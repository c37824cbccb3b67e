package localdiscord

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// This file holds REST handlers for the gateway, users, the application,
// application commands, guilds and channels. Handlers run with s.mu held.

func (s *Server) getGateway(*restCall) (reply, error) {
	return ok(map[string]any{"url": s.GatewayURL()})
}

func (s *Server) getGatewayBot(*restCall) (reply, error) {
	return ok(map[string]any{
		"url":    s.GatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]any{
			"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1,
		},
	})
}

func (s *Server) getMe(*restCall) (reply, error) {
	out := renderUser(&s.bot)
	out["verified"] = true
	out["mfa_enabled"] = false
	out["locale"] = "en-US"
	return ok(out)
}

func (s *Server) getUser(c *restCall) (reply, error) {
	u := s.st.users[c.params["user_id"]]
	if u == nil {
		return reply{}, errUnknown(CodeUnknownUser)
	}
	return ok(renderUser(u))
}

func (s *Server) renderApplication() map[string]any {
	return map[string]any{
		"id":                     s.appID,
		"name":                   s.bot.Username,
		"icon":                   nil,
		"description":            "",
		"bot_public":             true,
		"bot_require_code_grant": false,
		"verify_key":             "0000000000000000000000000000000000000000000000000000000000000000",
		"flags":                  0,
		"bot":                    renderUser(&s.bot),
		"owner":                  renderUser(&s.bot),
		"team":                   nil,
	}
}

func (s *Server) getApplication(*restCall) (reply, error) {
	return ok(s.renderApplication())
}

// command is a stored application command: the object the bot sent plus
// the fields Discord assigns.
type command struct {
	id      string
	name    string
	typ     int
	guildID string
	version string
	fields  map[string]any
}

func (s *Server) renderCommand(cmd *command) map[string]any {
	out := map[string]any{}
	for k, v := range cmd.fields {
		out[k] = v
	}
	out["id"] = cmd.id
	out["application_id"] = s.appID
	out["version"] = cmd.version
	out["type"] = cmd.typ
	out["name"] = cmd.name
	if cmd.guildID != "" {
		out["guild_id"] = cmd.guildID
	}
	for _, k := range []string{"name_localizations", "description_localizations", "default_member_permissions"} {
		if _, ok := out[k]; !ok {
			out[k] = nil
		}
	}
	if v, ok := out["default_member_permissions"].(json.Number); ok {
		out["default_member_permissions"] = v.String() // Discord returns it as a string
	}
	if _, ok := out["description"]; !ok {
		out["description"] = ""
	}
	if _, ok := out["nsfw"]; !ok {
		out["nsfw"] = false
	}
	if _, ok := out["integration_types"]; !ok {
		out["integration_types"] = []any{0}
	}
	if _, ok := out["contexts"]; !ok {
		out["contexts"] = nil
	}
	return out
}

// commandScope checks the application and guild of a command route.
func (s *Server) commandScope(c *restCall) (string, error) {
	if c.params["application_id"] != s.appID {
		return "", errForbidden(CodeMissingAccess)
	}
	guildID := c.params["guild_id"]
	if guildID != "" && s.st.guilds[guildID] == nil {
		return "", errUnknown(CodeUnknownGuild)
	}
	return guildID, nil
}

func (s *Server) listCommands(c *restCall) (reply, error) {
	guildID, err := s.commandScope(c)
	if err != nil {
		return reply{}, err
	}
	out := []any{}
	for _, cmd := range s.st.commands[guildID] {
		out = append(out, s.renderCommand(cmd))
	}
	return ok(out)
}

// overwriteCommands replaces the scope's commands. A command keeps its ID
// when one with the same name and type existed, as on Discord.
func (s *Server) overwriteCommands(c *restCall) (reply, error) {
	guildID, err := s.commandScope(c)
	if err != nil {
		return reply{}, err
	}
	var list []map[string]any
	if err := c.decode(&list); err != nil {
		return reply{}, err
	}
	existing := s.st.commands[guildID]
	seen := map[string]bool{}
	var next []*command
	for i, fields := range list {
		name, _ := fields["name"].(string)
		if name == "" {
			return reply{}, errForm(strconv.Itoa(i)+".name", "BASE_TYPE_REQUIRED", "This field is required")
		}
		typ := 1
		if n, ok := fields["type"].(json.Number); ok {
			v, err := n.Int64()
			if err != nil {
				return reply{}, errForm(strconv.Itoa(i)+".type", "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4).")
			}
			typ = int(v)
		}
		if desc, _ := fields["description"].(string); typ == 1 && desc == "" {
			return reply{}, errForm(strconv.Itoa(i)+".description", "BASE_TYPE_REQUIRED", "This field is required")
		}
		key := strconv.Itoa(typ) + ":" + name
		if seen[key] {
			return reply{}, errForm(strconv.Itoa(i)+".name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
		}
		seen[key] = true
		cmd := &command{name: name, typ: typ, guildID: guildID, version: s.ids.next(), fields: fields}
		for _, old := range existing {
			if old.name == name && old.typ == typ {
				cmd.id = old.id
			}
		}
		if cmd.id == "" {
			cmd.id = s.ids.next()
		}
		next = append(next, cmd)
	}
	s.st.commands[guildID] = next
	out := []any{}
	for _, cmd := range next {
		out = append(out, s.renderCommand(cmd))
	}
	return ok(out)
}

func (s *Server) getGuild(c *restCall) (reply, error) {
	g := s.st.guilds[c.params["guild_id"]]
	if g == nil {
		return reply{}, errUnknown(CodeUnknownGuild)
	}
	out := s.renderGuild(g)
	for _, k := range []string{"channels", "threads", "members", "voice_states", "presences", "stage_instances", "guild_scheduled_events", "joined_at", "large", "member_count", "unavailable"} {
		delete(out, k)
	}
	return ok(out)
}

func (s *Server) getGuildChannels(c *restCall) (reply, error) {
	g := s.st.guilds[c.params["guild_id"]]
	if g == nil {
		return reply{}, errUnknown(CodeUnknownGuild)
	}
	out := []any{}
	for _, ch := range s.st.guildChannels(g.ID) {
		if !ch.IsThread() {
			out = append(out, s.renderChannel(ch))
		}
	}
	return ok(out)
}

// channelFor resolves the channel of a route and checks the bot can see
// it.
func (s *Server) channelFor(c *restCall) (*channelState, error) {
	ch := s.st.channels[c.params["channel_id"]]
	if ch == nil {
		return nil, errUnknown(CodeUnknownChannel)
	}
	if ch.BotPermissions&PermissionViewChannel == 0 {
		return nil, errForbidden(CodeMissingAccess)
	}
	return ch, nil
}

// readableChannel is channelFor for reading history: without Read Message
// History the bot is refused with 50001, as on Discord.
func (s *Server) readableChannel(c *restCall) (*channelState, error) {
	ch, err := s.channelFor(c)
	if err != nil {
		return nil, err
	}
	if err := requirePermission(ch, PermissionReadMessageHistory); err != nil {
		return nil, errForbidden(CodeMissingAccess)
	}
	return ch, nil
}

// messageFor resolves the channel and message of a route.
func (s *Server) messageFor(c *restCall) (*channelState, *message, error) {
	ch, err := s.channelFor(c)
	if err != nil {
		return nil, nil, err
	}
	m, err := s.channelMessage(ch, c.params["message_id"])
	if err != nil {
		return nil, nil, err
	}
	return ch, m, nil
}

// requirePermission fails with 50013 unless the bot has any of perms in ch.
func requirePermission(ch *channelState, perms ...int64) error {
	for _, p := range perms {
		if ch.BotPermissions&p != 0 {
			return nil
		}
	}
	return &APIError{Status: http.StatusForbidden, Code: CodeMissingPermissions, Message: knownErrorMessages[CodeMissingPermissions]}
}

func (s *Server) getChannel(c *restCall) (reply, error) {
	ch, err := s.channelFor(c)
	if err != nil {
		return reply{}, err
	}
	return ok(s.renderChannel(ch))
}

func (s *Server) triggerTyping(c *restCall) (reply, error) {
	if _, err := s.channelFor(c); err != nil {
		return reply{}, err
	}
	return noContent()
}
