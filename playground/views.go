package playground

import (
	"encoding/json"
	"time"

	"github.com/footnote-bot/footnote/localdiscord"
)

// This file is the JSON the page reads: users, channels and messages as
// the page draws them. Text stays as Discord stores it (markdown, untrusted);
// the page renders it.

// userView is a user as the page shows it.
type userView struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Username string `json:"username"`
	Bot      bool   `json:"bot,omitempty"`
	// Role and Permissions are set for the playground's own users.
	Role        string   `json:"role,omitempty"`
	Permissions []string `json:"permissions,omitempty"`
}

func viewUser(u localdiscord.User) userView {
	name := u.GlobalName
	if name == "" {
		name = u.Username
	}
	return userView{ID: u.ID, Name: name, Username: u.Username, Bot: u.Bot}
}

func viewPerson(p person) userView {
	v := viewUser(p.user)
	v.Role = p.role
	v.Permissions = permissionNames(p.permissions)
	return v
}

// permissionNames lists the Discord permissions of a set, by name.
func permissionNames(perms int64) []string {
	named := []struct {
		bit  int64
		name string
	}{
		{localdiscord.PermissionViewChannel, "View Channel"},
		{localdiscord.PermissionSendMessages, "Send Messages"},
		{localdiscord.PermissionReadMessageHistory, "Read Message History"},
		{localdiscord.PermissionPinMessages, "Pin Messages"},
		{PermissionManageServer, "Manage Server"},
	}
	var out []string
	for _, n := range named {
		if perms&n.bit != 0 {
			out = append(out, n.name)
		}
	}
	return out
}

// channelView is a text channel or thread.
type channelView struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	ParentID string `json:"parent_id,omitempty"`
	Thread   bool   `json:"thread,omitempty"`
}

func viewChannel(c localdiscord.Channel) channelView {
	return channelView{ID: c.ID, Name: c.Name, ParentID: c.ParentID, Thread: c.IsThread()}
}

// interactionView is the "X used /command" line above a response.
type interactionView struct {
	ID   string   `json:"id"`
	Name string   `json:"name"`
	Type int      `json:"command_type"`
	User userView `json:"user"`
}

// referenceView points at the message a reply or a pin notice is about.
type referenceView struct {
	MessageID string `json:"message_id"`
	ChannelID string `json:"channel_id"`
}

// messageView is a message as the page draws it. Embeds and Components
// are Discord's JSON arrays as the bot sent them.
type messageView struct {
	ID          string           `json:"id"`
	ChannelID   string           `json:"channel_id"`
	Author      userView         `json:"author"`
	Content     string           `json:"content"`
	Embeds      json.RawMessage  `json:"embeds"`
	Components  json.RawMessage  `json:"components"`
	Type        int              `json:"type"`
	Ephemeral   bool             `json:"ephemeral,omitempty"`
	Loading     bool             `json:"loading,omitempty"`
	Pinned      bool             `json:"pinned,omitempty"`
	Timestamp   time.Time        `json:"timestamp"`
	Edited      *time.Time       `json:"edited,omitempty"`
	Thread      *channelView     `json:"thread,omitempty"`
	Reference   *referenceView   `json:"reference,omitempty"`
	Interaction *interactionView `json:"interaction,omitempty"`
	Mentions    []userView       `json:"mentions,omitempty"`
}

// viewMessage converts a message and returns, for an ephemeral message,
// the one user who may see it (empty when everyone may).
func (h *Handler) viewMessage(m localdiscord.Message) (messageView, string) {
	v := messageView{
		ID: m.ID, ChannelID: m.ChannelID, Author: viewUser(m.Author), Content: m.Content,
		Embeds: orEmpty(m.RawEmbeds), Components: orEmpty(m.RawComponents),
		Type: m.Type, Ephemeral: m.Ephemeral(), Loading: m.Flags&localdiscord.MessageFlagLoading != 0,
		Pinned: m.Pinned, Timestamp: m.Timestamp,
	}
	if !m.EditedTimestamp.IsZero() {
		t := m.EditedTimestamp
		v.Edited = &t
	}
	if m.ThreadID != "" {
		if th, ok := h.srv.Channel(m.ThreadID); ok {
			cv := viewChannel(th)
			v.Thread = &cv
		}
	}
	if m.Reference != nil {
		v.Reference = &referenceView{MessageID: m.Reference.MessageID, ChannelID: m.Reference.ChannelID}
	}
	for _, u := range m.Mentions {
		v.Mentions = append(v.Mentions, viewUser(u))
	}
	owner := ""
	if m.InteractionID != "" {
		if st, ok := h.srv.InteractionResponse(m.InteractionID); ok {
			if m.Ephemeral() {
				owner = st.User.ID
			}
			if st.Type == localdiscord.InteractionTypeApplicationCommand && st.OriginalMessageID == m.ID {
				v.Interaction = &interactionView{ID: st.ID, Name: st.Name, Type: st.CommandType, User: viewUser(st.User)}
			}
		}
	}
	if m.Ephemeral() && owner == "" {
		owner = "nobody" // an ephemeral message without its interaction is shown to no one
	}
	return v, owner
}

// visibleMessages converts the messages viewer may see.
func (h *Handler) visibleMessages(msgs []localdiscord.Message, viewer string) []messageView {
	out := make([]messageView, 0, len(msgs))
	for _, m := range msgs {
		if v, owner := h.viewMessage(m); owner == "" || owner == viewer {
			out = append(out, v)
		}
	}
	return out
}

func orEmpty(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage("[]")
	}
	return raw
}
