package localdiscord

import (
	"encoding/json"
	"net/url"
	"strconv"
	"time"
)

// This file renders stored state as Discord's JSON objects. Renderers are
// called with Server.mu held.

// discordTime formats a timestamp the way Discord does.
func discordTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000+00:00")
}

func renderUser(u *User) map[string]any {
	out := map[string]any{
		"id":            u.ID,
		"username":      u.Username,
		"discriminator": "0",
		"global_name":   nil,
		"avatar":        nil,
		"public_flags":  0,
		"flags":         0,
	}
	if u.GlobalName != "" {
		out["global_name"] = u.GlobalName
	}
	if u.Bot {
		out["bot"] = true
	}
	return out
}

// renderMember renders a guild member; with user it embeds the user
// object, as interactions and GUILD_CREATE do.
func renderMember(u *User, joined time.Time, permissions *int64, withUser bool) map[string]any {
	out := map[string]any{
		"roles":     []any{},
		"joined_at": discordTime(joined),
		"nick":      nil,
		"avatar":    nil,
		"deaf":      false,
		"mute":      false,
		"flags":     0,
		"pending":   false,
	}
	if withUser {
		out["user"] = renderUser(u)
	}
	if permissions != nil {
		out["permissions"] = strconv.FormatInt(*permissions, 10)
	}
	return out
}

func (s *Server) renderChannel(c *channelState) map[string]any {
	out := map[string]any{
		"id":                    c.ID,
		"type":                  c.Type,
		"guild_id":              c.GuildID,
		"name":                  c.Name,
		"parent_id":             nil,
		"flags":                 0,
		"rate_limit_per_user":   0,
		"last_message_id":       nil,
		"permission_overwrites": []any{},
		"nsfw":                  false,
	}
	if n := len(c.messages); n > 0 {
		out["last_message_id"] = c.messages[n-1]
	}
	if c.ParentID != "" {
		out["parent_id"] = c.ParentID
	}
	if c.IsThread() {
		delete(out, "permission_overwrites")
		created := snowflakeTime(c.ID)
		out["owner_id"] = c.OwnerID
		out["message_count"] = len(c.messages)
		out["total_message_sent"] = len(c.messages)
		out["member_count"] = 1
		out["thread_metadata"] = map[string]any{
			"archived":              c.archived,
			"auto_archive_duration": c.autoArchive,
			"archive_timestamp":     discordTime(created),
			"create_timestamp":      discordTime(created),
			"locked":                false,
		}
	} else {
		out["topic"] = nil
		out["position"] = 0
	}
	return out
}

// renderMessage renders a message as REST returns it. forGateway adds
// guild_id and member, as MESSAGE_CREATE/UPDATE carry them.
func (s *Server) renderMessage(m *message, forGateway bool) map[string]any {
	author := s.st.users[m.authorID]
	if author == nil {
		author = &User{ID: m.authorID, Username: "unknown"}
	}
	mentions := []any{}
	for _, id := range m.mentions {
		if u := s.st.users[id]; u != nil {
			mentions = append(mentions, renderUser(u))
		}
	}
	edited := any(nil)
	if !m.edited.IsZero() {
		edited = discordTime(m.edited)
	}
	out := map[string]any{
		"id":               m.id,
		"channel_id":       m.channelID,
		"author":           renderUser(author),
		"content":          m.content,
		"timestamp":        discordTime(m.timestamp),
		"edited_timestamp": edited,
		"tts":              false,
		"mention_everyone": false,
		"mentions":         mentions,
		"mention_roles":    []any{},
		"attachments":      s.renderAttachments(m),
		"embeds":           orEmptyArray(m.embeds),
		"components":       orEmptyArray(m.components),
		"pinned":           m.pinned,
		"type":             m.typ,
		"flags":            m.flags,
	}
	if m.reference != nil {
		ref := map[string]any{"type": 0, "message_id": m.reference.MessageID, "channel_id": m.reference.ChannelID}
		if m.reference.GuildID != "" {
			ref["guild_id"] = m.reference.GuildID
		}
		out["message_reference"] = ref
		if m.typ == MessageTypeReply {
			if ref := s.st.messages[m.reference.MessageID]; ref != nil && !ref.deleted {
				out["referenced_message"] = s.renderMessage(ref, false)
			} else {
				out["referenced_message"] = nil
			}
		}
	}
	if m.webhookID != "" {
		out["webhook_id"] = m.webhookID
	}
	if m.applicationID != "" {
		out["application_id"] = m.applicationID
	}
	if in := s.st.interactions[m.interactionID]; in != nil && m.id == in.originalID {
		if u := s.st.users[in.userID]; u != nil {
			out["interaction_metadata"] = map[string]any{
				"id":                             in.id,
				"type":                           in.typ,
				"user":                           renderUser(u),
				"authorizing_integration_owners": map[string]any{"0": in.guildID},
			}
		}
	}
	if m.threadID != "" {
		if th := s.st.channels[m.threadID]; th != nil {
			out["thread"] = s.renderChannel(th)
		}
	}
	if forGateway && m.guildID != "" {
		out["guild_id"] = m.guildID
		if m.webhookID == "" {
			out["member"] = renderMember(author, s.started, nil, false)
		}
	}
	return out
}

func (s *Server) renderAttachments(m *message) []any {
	out := []any{}
	for _, a := range m.attachments {
		u := "https://cdn.discordapp.com/attachments/" + m.channelID + "/" + a.ID + "/" + url.PathEscape(a.Filename)
		obj := map[string]any{"id": a.ID, "filename": a.Filename, "size": a.Size, "url": u, "proxy_url": u}
		if a.ContentType != "" {
			obj["content_type"] = a.ContentType
		}
		out = append(out, obj)
	}
	return out
}

func orEmptyArray(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return json.RawMessage("[]")
	}
	return raw
}

// renderGuild renders a GUILD_CREATE payload.
func (s *Server) renderGuild(g *Guild) map[string]any {
	channels := []any{}
	threads := []any{}
	for _, c := range s.st.guildChannels(g.ID) {
		if c.IsThread() {
			threads = append(threads, s.renderChannel(c))
		} else {
			channels = append(channels, s.renderChannel(c))
		}
	}
	everyone := DefaultBotPermissions
	return map[string]any{
		"id":                            g.ID,
		"name":                          g.Name,
		"icon":                          nil,
		"owner_id":                      g.OwnerID,
		"unavailable":                   false,
		"large":                         false,
		"member_count":                  len(s.st.users),
		"joined_at":                     discordTime(s.started),
		"preferred_locale":              "en-US",
		"verification_level":            0,
		"default_message_notifications": 0,
		"explicit_content_filter":       0,
		"mfa_level":                     0,
		"premium_tier":                  0,
		"nsfw_level":                    0,
		"features":                      []any{},
		"channels":                      channels,
		"threads":                       threads,
		"roles": []any{map[string]any{
			"id": g.ID, "name": "@everyone", "permissions": strconv.FormatInt(everyone, 10),
			"position": 0, "color": 0, "hoist": false, "managed": false, "mentionable": false, "flags": 0,
		}},
		"members":                []any{renderMember(&s.bot, s.started, nil, true)},
		"emojis":                 []any{},
		"stickers":               []any{},
		"voice_states":           []any{},
		"presences":              []any{},
		"stage_instances":        []any{},
		"guild_scheduled_events": []any{},
	}
}

func mustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		// Renderers produce plain maps of JSON values; failure is a bug.
		panic("localdiscord: marshal: " + err.Error())
	}
	return data
}
