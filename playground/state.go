package playground

import (
	"net/http"

	"github.com/footnote-bot/footnote/localdiscord"
)

// stateView is everything the page draws, as one user sees it.
type stateView struct {
	Me    userView   `json:"me"`
	Bot   userView   `json:"bot"`
	Users []userView `json:"users"`
	Guild struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"guild"`
	// General is the channel the page opens on.
	General string `json:"general"`
	// Channels are the text channels and threads, in creation order.
	Channels []channelView `json:"channels"`
	// Messages are each channel's latest messages the user may see,
	// oldest first; Pins each channel's pinned messages in pin order.
	Messages map[string][]messageView `json:"messages"`
	Pins     map[string][]messageView `json:"pins"`
	// Commands are the commands the bot registered.
	Commands []localdiscord.CommandInfo `json:"commands"`
}

// state snapshots the World for viewer.
func (h *Handler) state(viewer person) stateView {
	var st stateView
	st.Me = viewPerson(viewer)
	bot := viewUser(h.srv.BotUser())
	st.Bot = bot
	st.Users = []userView{bot}
	for _, p := range h.world.people() {
		st.Users = append(st.Users, viewPerson(p))
	}
	st.Guild.ID, st.Guild.Name = h.world.Guild.ID, h.world.Guild.Name
	st.General = h.world.General.ID
	st.Messages = map[string][]messageView{}
	st.Pins = map[string][]messageView{}
	for _, ch := range h.srv.Channels(h.world.Guild.ID) {
		st.Channels = append(st.Channels, viewChannel(ch))
		st.Messages[ch.ID] = h.visibleMessages(h.srv.RecentMessages(ch.ID, h.limit), viewer.user.ID)
		st.Pins[ch.ID] = h.visibleMessages(h.srv.Pins(ch.ID), viewer.user.ID)
	}
	st.Commands = h.srv.GuildCommands(h.world.Guild.ID)
	if st.Commands == nil {
		st.Commands = []localdiscord.CommandInfo{}
	}
	return st
}

func (h *Handler) serveState(w http.ResponseWriter, r *http.Request) {
	viewer, err := h.viewer(r.URL.Query().Get("user"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, h.state(viewer))
}
