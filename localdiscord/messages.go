package localdiscord

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// Discord's message limits for bots.
const (
	maxContentLength = 2000
	maxEmbeds        = 10
	maxEmbedText     = 6000
)

// Flags a client may set when creating a message, and toggle when editing.
const (
	flagSuppressEmbeds        = 1 << 2
	flagSuppressNotifications = 1 << 12
	flagIsComponentsV2        = 1 << 15
	createFlagsMask           = flagSuppressEmbeds | flagSuppressNotifications | flagIsComponentsV2
	interactionFlagsMask      = createFlagsMask | MessageFlagEphemeral
	editableFlagsMask         = flagSuppressEmbeds
)

var mentionPattern = regexp.MustCompile(`<@!?([0-9]+)>`)

// applyFields applies the message fields present in a payload (content,
// embeds, components, flags) to m. Absent fields are left alone and null
// clears them, which gives PATCH semantics; for a new message every field
// starts empty. flagMask limits which flag bits the payload may change.
func (s *Server) applyFields(m *message, fields map[string]json.RawMessage, flagMask int) error {
	if raw, ok := fields["content"]; ok {
		var content *string
		if err := json.Unmarshal(raw, &content); err != nil {
			return errForm("content", "BASE_TYPE_INVALID", "Could not interpret value as string.")
		}
		m.content = ""
		if content != nil {
			m.content = *content
		}
		m.mentions = s.parseMentions(m.content)
	}
	if raw, ok := fields["embeds"]; ok {
		embeds, err := normalizeEmbeds(raw)
		if err != nil {
			return err
		}
		m.embeds = embeds
	}
	if raw, ok := fields["components"]; ok {
		components, err := normalizeArray("components", raw)
		if err != nil {
			return err
		}
		m.components = components
	}
	if raw, ok := fields["flags"]; ok {
		var flags *int64
		if err := json.Unmarshal(raw, &flags); err != nil {
			return errForm("flags", "BASE_TYPE_INVALID", "Value is not int.")
		}
		if flags != nil {
			m.flags = m.flags&^flagMask | int(*flags)&flagMask
		}
	}
	return nil
}

// attachUploads adds a request's uploaded files to m as attachments.
func (s *Server) attachUploads(m *message, c *restCall) {
	for _, f := range c.files {
		m.attachments = append(m.attachments, Attachment{ID: s.ids.next(), Filename: f.filename, ContentType: f.contentType, Size: f.size})
	}
}

// normalizeEmbeds checks an embeds array and defaults each embed's type to
// "rich", as Discord does.
func normalizeEmbeds(raw json.RawMessage) (json.RawMessage, error) {
	arr, err := normalizeArray("embeds", raw)
	if err != nil {
		return nil, err
	}
	var embeds []map[string]any
	dec := json.NewDecoder(bytes.NewReader(arr))
	dec.UseNumber()
	if err := dec.Decode(&embeds); err != nil {
		return nil, errForm("embeds", "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
	}
	for _, e := range embeds {
		if t, ok := e["type"]; !ok || t == nil {
			e["type"] = "rich"
		}
	}
	return mustJSON(embeds), nil
}

// normalizeArray checks that raw is a JSON array or null and returns it,
// with null as [].
func normalizeArray(field string, raw json.RawMessage) (json.RawMessage, error) {
	trimmed := bytes.TrimSpace(raw)
	if bytes.Equal(trimmed, []byte("null")) {
		return json.RawMessage("[]"), nil
	}
	var arr []json.RawMessage
	if err := json.Unmarshal(trimmed, &arr); err != nil {
		return nil, errForm(field, "BASE_TYPE_INVALID", "Must be an array.")
	}
	return json.RawMessage(trimmed), nil
}

// checkMessage enforces Discord's limits on a message about to be stored.
func checkMessage(m *message) error {
	if utf8.RuneCountInString(m.content) > maxContentLength {
		return errForm("content", "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", maxContentLength))
	}
	var embeds []map[string]any
	_ = json.Unmarshal(orEmptyArray(m.embeds), &embeds)
	if len(embeds) > maxEmbeds {
		return errForm("embeds", "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", maxEmbeds))
	}
	total := 0
	for _, e := range embeds {
		total += embedTextLength(e)
	}
	if total > maxEmbedText {
		return errForm("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
	}
	var components []json.RawMessage
	_ = json.Unmarshal(orEmptyArray(m.components), &components)
	if m.flags&MessageFlagLoading == 0 && m.content == "" && len(embeds) == 0 && len(components) == 0 && len(m.attachments) == 0 {
		return errBadRequest(CodeEmptyMessage)
	}
	return nil
}

// embedTextLength counts the characters Discord includes in the 6000
// limit: title, description, field names and values, footer text and
// author name.
func embedTextLength(e map[string]any) int {
	n := 0
	str := func(v any) {
		if s, ok := v.(string); ok {
			n += utf8.RuneCountInString(s)
		}
	}
	str(e["title"])
	str(e["description"])
	if f, ok := e["footer"].(map[string]any); ok {
		str(f["text"])
	}
	if a, ok := e["author"].(map[string]any); ok {
		str(a["name"])
	}
	if fields, ok := e["fields"].([]any); ok {
		for _, f := range fields {
			if fm, ok := f.(map[string]any); ok {
				str(fm["name"])
				str(fm["value"])
			}
		}
	}
	return n
}

// parseMentions returns the known users mentioned in content, in order,
// without duplicates.
func (s *Server) parseMentions(content string) []string {
	var out []string
	for _, m := range mentionPattern.FindAllStringSubmatch(content, -1) {
		if s.st.users[m[1]] != nil && !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// storeMessageLocked assigns an ID and timestamp, stores the message in its
// channel and dispatches MESSAGE_CREATE unless it is ephemeral.
func (s *Server) storeMessageLocked(m *message, now time.Time) {
	if m.id == "" {
		m.id = strconv.FormatUint(s.ids.nextAt(now), 10)
	}
	m.timestamp = now.UTC()
	m.embeds = orEmptyArray(m.embeds)
	m.components = orEmptyArray(m.components)
	s.st.messages[m.id] = m
	if ch := s.st.channels[m.channelID]; ch != nil {
		ch.messages = append(ch.messages, m.id)
		s.retainLocked(ch)
	}
	if m.flags&MessageFlagEphemeral == 0 {
		s.dispatchMessageLocked("MESSAGE_CREATE", m)
	}
	s.publishMessageLocked(EventMessageCreate, m)
}

// updateMessageLocked marks m edited and dispatches MESSAGE_UPDATE unless
// it is ephemeral.
func (s *Server) updateMessageLocked(m *message, now time.Time) {
	m.edited = now.UTC()
	if m.flags&MessageFlagEphemeral == 0 {
		s.dispatchMessageLocked("MESSAGE_UPDATE", m)
	}
	s.publishMessageLocked(EventMessageUpdate, m)
}

// deleteMessageLocked removes m from its channel and pins and dispatches
// MESSAGE_DELETE unless it is ephemeral.
func (s *Server) deleteMessageLocked(m *message) {
	m.deleted = true
	if ch := s.st.channels[m.channelID]; ch != nil {
		ch.messages = slices.DeleteFunc(ch.messages, func(id string) bool { return id == m.id })
		ch.pins = slices.DeleteFunc(ch.pins, func(id string) bool { return id == m.id })
	}
	m.pinned = false
	if m.flags&MessageFlagEphemeral == 0 {
		data := map[string]any{"id": m.id, "channel_id": m.channelID}
		if m.guildID != "" {
			data["guild_id"] = m.guildID
		}
		s.dispatchLocked(event{name: "MESSAGE_DELETE", guildID: m.guildID, intent: intentFor(m.guildID), data: mustJSON(data)})
	}
	s.publishDeleteLocked(m)
}

// channelMessage finds a visible (non-deleted, non-ephemeral) message of a
// channel.
func (s *Server) channelMessage(ch *channelState, id string) (*message, error) {
	m := s.st.messages[id]
	if m == nil || m.deleted || m.channelID != ch.ID || m.flags&MessageFlagEphemeral != 0 {
		return nil, errUnknown(CodeUnknownMessage)
	}
	return m, nil
}

// sendPermission is the permission needed to post in ch.
func sendPermission(ch *channelState) int64 {
	if ch.IsThread() {
		return PermissionSendMessagesInThreads
	}
	return PermissionSendMessages
}

func (s *Server) createMessage(c *restCall) (reply, error) {
	ch, err := s.channelFor(c)
	if err != nil {
		return reply{}, err
	}
	if err := requirePermission(ch, sendPermission(ch)); err != nil {
		return reply{}, err
	}
	fields, err := c.fields()
	if err != nil {
		return reply{}, err
	}
	m := &message{channelID: ch.ID, guildID: ch.GuildID, authorID: s.bot.ID, typ: MessageTypeDefault}
	if err := s.applyFields(m, fields, createFlagsMask); err != nil {
		return reply{}, err
	}
	s.attachUploads(m, c)
	if raw, ok := fields["message_reference"]; ok && string(raw) != "null" {
		var ref struct {
			MessageID       string `json:"message_id"`
			ChannelID       string `json:"channel_id"`
			FailIfNotExists *bool  `json:"fail_if_not_exists"`
		}
		if err := json.Unmarshal(raw, &ref); err != nil {
			return reply{}, errForm("message_reference", "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
		}
		target := s.st.messages[ref.MessageID]
		refChannel := ref.ChannelID
		if refChannel == "" {
			refChannel = ch.ID
		}
		switch {
		case target != nil && !target.deleted && target.channelID == refChannel:
			m.typ = MessageTypeReply
			m.reference = &MessageReference{MessageID: target.id, ChannelID: target.channelID, GuildID: target.guildID}
		case ref.FailIfNotExists == nil || *ref.FailIfNotExists:
			return reply{}, errForm("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
		}
	}
	if err := checkMessage(m); err != nil {
		return reply{}, err
	}
	s.storeMessageLocked(m, c.now)
	return ok(s.renderMessage(m, false))
}

func (s *Server) getMessage(c *restCall) (reply, error) {
	ch, err := s.readableChannel(c)
	if err != nil {
		return reply{}, err
	}
	m, err := s.channelMessage(ch, c.params["message_id"])
	if err != nil {
		return reply{}, err
	}
	return ok(s.renderMessage(m, false))
}

func (s *Server) editMessage(c *restCall) (reply, error) {
	_, m, err := s.messageFor(c)
	if err != nil {
		return reply{}, err
	}
	if m.authorID != s.bot.ID {
		return reply{}, errForbidden(CodeCannotEditOthersMessage)
	}
	fields, err := c.fields()
	if err != nil {
		return reply{}, err
	}
	if err := s.applyEdit(c, m, fields, 0); err != nil {
		return reply{}, err
	}
	s.updateMessageLocked(m, c.now)
	return ok(s.renderMessage(m, false))
}

// applyEdit applies an edit's fields to m, after clearing the flags in
// clear, and keeps the result if it is a valid message; the caller stores
// it.
func (s *Server) applyEdit(c *restCall, m *message, fields map[string]json.RawMessage, clear int) error {
	edited := *m
	edited.flags &^= clear
	if err := s.applyFields(&edited, fields, editableFlagsMask); err != nil {
		return err
	}
	s.attachUploads(&edited, c)
	if err := checkMessage(&edited); err != nil {
		return err
	}
	*m = edited
	return nil
}

func (s *Server) deleteMessage(c *restCall) (reply, error) {
	ch, m, err := s.messageFor(c)
	if err != nil {
		return reply{}, err
	}
	if m.authorID != s.bot.ID {
		if err := requirePermission(ch, PermissionManageMessages); err != nil {
			return reply{}, err
		}
	}
	s.deleteMessageLocked(m)
	return noContent()
}

// listMessages returns channel history newest first, honouring limit
// (1-100, default 50) and one of before, after or around.
func (s *Server) listMessages(c *restCall) (reply, error) {
	ch, err := s.readableChannel(c)
	if err != nil {
		return reply{}, err
	}
	limit, err := c.limit(50, 100)
	if err != nil {
		return reply{}, err
	}
	var visible []string // ascending
	for _, id := range ch.messages {
		if s.st.messages[id].flags&MessageFlagEphemeral == 0 {
			visible = append(visible, id)
		}
	}
	var picked []string
	switch {
	case c.query.Get("before") != "":
		before := c.query.Get("before")
		i := 0
		for i < len(visible) && snowflakeLess(visible[i], before) {
			i++
		}
		picked = visible[max(0, i-limit):i]
	case c.query.Get("after") != "":
		after := c.query.Get("after")
		i := 0
		for i < len(visible) && !snowflakeLess(after, visible[i]) {
			i++
		}
		picked = visible[i:min(len(visible), i+limit)]
	case c.query.Get("around") != "":
		around := c.query.Get("around")
		i := 0
		for i < len(visible) && snowflakeLess(visible[i], around) {
			i++
		}
		lo := max(0, i-limit/2)
		picked = visible[lo:min(len(visible), lo+limit)]
	default:
		picked = visible[max(0, len(visible)-limit):]
	}
	out := make([]any, 0, len(picked))
	for i := len(picked) - 1; i >= 0; i-- {
		out = append(out, s.renderMessage(s.st.messages[picked[i]], false))
	}
	return ok(out)
}

// retainLocked drops a channel's oldest unpinned messages beyond
// Options.Retention.
func (s *Server) retainLocked(ch *channelState) {
	keep := s.opts.Retention
	if keep <= 0 || len(ch.messages) <= keep {
		return
	}
	pinned := map[string]bool{}
	for _, id := range ch.pins {
		pinned[id] = true
	}
	drop := len(ch.messages) - keep
	kept := ch.messages[:0]
	for _, id := range ch.messages {
		if drop > 0 && !pinned[id] {
			delete(s.st.messages, id)
			drop--
			continue
		}
		kept = append(kept, id)
	}
	ch.messages = kept
}
