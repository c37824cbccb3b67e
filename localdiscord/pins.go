package localdiscord

import (
	"strconv"
	"time"
)

// pinMessage pins a message (both the legacy /pins/{id} and the
// /messages/pins/{id} routes). Pinning a pinned message is a no-op; the
// channel's pin limit yields 30003. A successful pin posts Discord's
// "pinned a message" system message and dispatches CHANNEL_PINS_UPDATE.
func (s *Server) pinMessage(c *restCall) (reply, error) {
	ch, m, err := s.pinTarget(c)
	if err != nil {
		return reply{}, err
	}
	if m.pinned {
		return noContent()
	}
	if len(ch.pins) >= s.opts.PinLimit {
		return reply{}, errMaxPins(s.opts.PinLimit)
	}
	m.pinned = true
	m.pinnedAt = c.now.UTC()
	ch.pins = append(ch.pins, m.id)
	notice := &message{
		channelID: ch.ID, guildID: ch.GuildID, authorID: s.bot.ID, typ: MessageTypeChannelPinnedMessage,
		reference: &MessageReference{MessageID: m.id, ChannelID: ch.ID, GuildID: ch.GuildID},
	}
	s.storeMessageLocked(notice, c.now)
	s.dispatchPinsUpdateLocked(ch, c.now)
	return noContent()
}

// pinTarget resolves the channel and message of a pin route, if the bot
// may pin there.
func (s *Server) pinTarget(c *restCall) (*channelState, *message, error) {
	ch, err := s.channelFor(c)
	if err != nil {
		return nil, nil, err
	}
	if err := requirePermission(ch, PermissionPinMessages, PermissionManageMessages); err != nil {
		return nil, nil, err
	}
	m, err := s.channelMessage(ch, c.params["message_id"])
	if err != nil {
		return nil, nil, err
	}
	return ch, m, nil
}

func (s *Server) unpinMessage(c *restCall) (reply, error) {
	ch, m, err := s.pinTarget(c)
	if err != nil {
		return reply{}, err
	}
	if !m.pinned {
		return noContent()
	}
	m.pinned = false
	m.pinnedAt = time.Time{}
	for i, id := range ch.pins {
		if id == m.id {
			ch.pins = append(ch.pins[:i], ch.pins[i+1:]...)
			break
		}
	}
	s.dispatchPinsUpdateLocked(ch, c.now)
	return noContent()
}

func (s *Server) dispatchPinsUpdateLocked(ch *channelState, now time.Time) {
	data := map[string]any{"channel_id": ch.ID, "guild_id": ch.GuildID, "last_pin_timestamp": nil}
	if len(ch.pins) > 0 {
		data["last_pin_timestamp"] = discordTime(now)
	}
	s.dispatchLocked(event{name: "CHANNEL_PINS_UPDATE", guildID: ch.GuildID, intent: intentGuilds, data: mustJSON(data)})
	s.publishPinsLocked(ch)
}

// listPinsLegacy serves GET /channels/{id}/pins: pinned messages, most
// recently pinned first.
func (s *Server) listPinsLegacy(c *restCall) (reply, error) {
	ch, err := s.readableChannel(c)
	if err != nil {
		return reply{}, err
	}
	out := []any{}
	for i := len(ch.pins) - 1; i >= 0; i-- {
		out = append(out, s.renderMessage(s.st.messages[ch.pins[i]], false))
	}
	return ok(out)
}

// listPins serves GET /channels/{id}/messages/pins: {"items": [{pinned_at,
// message}], "has_more"}, most recently pinned first, with before (an
// ISO 8601 timestamp) and limit (1-50, default 50).
func (s *Server) listPins(c *restCall) (reply, error) {
	ch, err := s.readableChannel(c)
	if err != nil {
		return reply{}, err
	}
	limit, err := c.limit(50, 50)
	if err != nil {
		return reply{}, err
	}
	var before time.Time
	if v := c.query.Get("before"); v != "" {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return reply{}, errForm("before", "DATE_TIME_TYPE_PARSE", "Could not parse "+strconv.Quote(v)+".")
		}
		before = t
	}
	items := []any{}
	hasMore := false
	for i := len(ch.pins) - 1; i >= 0; i-- {
		m := s.st.messages[ch.pins[i]]
		if !before.IsZero() && !m.pinnedAt.Before(before) {
			continue
		}
		if len(items) == limit {
			hasMore = true
			break
		}
		items = append(items, map[string]any{"pinned_at": discordTime(m.pinnedAt), "message": s.renderMessage(m, false)})
	}
	return ok(map[string]any{"items": items, "has_more": hasMore})
}
