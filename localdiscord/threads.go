package localdiscord

import (
	"strconv"
	"unicode/utf8"
)

// threadRequest is the body of both thread-creating routes.
type threadRequest struct {
	Name                string `json:"name"`
	AutoArchiveDuration *int   `json:"auto_archive_duration"`
	Type                *int   `json:"type"`
}

func (c *restCall) threadRequest() (threadRequest, error) {
	var req threadRequest
	if err := c.decode(&req); err != nil {
		return req, err
	}
	if n := utf8.RuneCountInString(req.Name); n < 1 || n > 100 {
		return req, errForm("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
	}
	if d := req.AutoArchiveDuration; d != nil && *d != 60 && *d != 1440 && *d != 4320 && *d != 10080 {
		return req, errForm("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.")
	}
	return req, nil
}

// createThreadLocked stores a thread under parent and dispatches
// THREAD_CREATE.
func (s *Server) createThreadLocked(id string, parent *channelState, typ int, name string, archive *int, ownerID string) *channelState {
	th := &channelState{
		Channel: Channel{
			ID: id, GuildID: parent.GuildID, ParentID: parent.ID, Name: name, Type: typ,
			OwnerID: ownerID, BotPermissions: parent.BotPermissions,
		},
		autoArchive: 1440,
	}
	if archive != nil {
		th.autoArchive = *archive
	}
	s.st.channels[id] = th
	data := s.renderChannel(th)
	data["newly_created"] = true
	s.dispatchLocked(event{name: "THREAD_CREATE", guildID: th.GuildID, intent: intentGuilds, data: mustJSON(data)})
	s.publishChannelLocked(EventThreadCreate, th)
	return th
}

// startThreadFromMessage creates a public thread whose ID is the starter
// message's ID, as on Discord.
func (s *Server) startThreadFromMessage(c *restCall) (reply, error) {
	ch, err := s.channelFor(c)
	if err != nil {
		return reply{}, err
	}
	if ch.IsThread() {
		return reply{}, errBadRequest(CodeInvalidChannelType)
	}
	m, err := s.channelMessage(ch, c.params["message_id"])
	if err != nil {
		return reply{}, err
	}
	if err := requirePermission(ch, PermissionCreatePublicThreads); err != nil {
		return reply{}, err
	}
	req, err := c.threadRequest()
	if err != nil {
		return reply{}, err
	}
	if m.threadID != "" {
		return reply{}, errBadRequest(CodeThreadAlreadyCreated)
	}
	th := s.createThreadLocked(m.id, ch, ChannelTypePublicThread, req.Name, req.AutoArchiveDuration, s.bot.ID)
	m.threadID = th.ID
	m.flags |= MessageFlagHasThread
	s.dispatchMessageLocked("MESSAGE_UPDATE", m)
	s.publishMessageLocked(EventMessageUpdate, m)
	return created(s.renderChannel(th))
}

// startThread creates a thread without a starter message; the type
// defaults to a private thread, as in API v9/v10.
func (s *Server) startThread(c *restCall) (reply, error) {
	ch, err := s.channelFor(c)
	if err != nil {
		return reply{}, err
	}
	if ch.IsThread() {
		return reply{}, errBadRequest(CodeInvalidChannelType)
	}
	req, err := c.threadRequest()
	if err != nil {
		return reply{}, err
	}
	typ := ChannelTypePrivateThread
	if req.Type != nil {
		typ = *req.Type
	}
	perm := PermissionCreatePrivateThreads
	switch typ {
	case ChannelTypePublicThread:
		perm = PermissionCreatePublicThreads
	case ChannelTypePrivateThread:
	default:
		return reply{}, errForm("type", "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.")
	}
	if err := requirePermission(ch, perm); err != nil {
		return reply{}, err
	}
	th := s.createThreadLocked(strconv.FormatUint(s.ids.nextAt(c.now), 10), ch, typ, req.Name, req.AutoArchiveDuration, s.bot.ID)
	return created(s.renderChannel(th))
}
