package playground

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/localdiscord"
)

// This file is the page's actions: each acts through localdiscord's client
// as one of the World's users, with that user's permissions.

// maxContent is Discord's limit on a message's length, in characters.
const maxContent = 2000

// messageRequest is the body of POST /api/messages.
type messageRequest struct {
	Channel string `json:"channel"`
	User    string `json:"user"`
	Content string `json:"content"`
}

// commandRequest is the body of POST /api/commands. Channel defaults to
// #general; options are by name, as text, numbers or booleans.
type commandRequest struct {
	Name    string         `json:"name"`
	Options map[string]any `json:"options"`
	User    string         `json:"user"`
	Channel string         `json:"channel"`
}

// pressRequest is the body of POST /api/press.
type pressRequest struct {
	Message  string `json:"message"`
	CustomID string `json:"custom_id"`
	User     string `json:"user"`
}

// messageCommandRequest is the body of POST /api/message-command.
type messageCommandRequest struct {
	Name   string `json:"name"`
	Target string `json:"target"`
	User   string `json:"user"`
}

// interactionReply answers the actions that start an interaction.
type interactionReply struct {
	Interaction struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"interaction"`
}

// replyInteraction answers 202 with the interaction an action started, or
// 400 with the error that kept it from starting.
func replyInteraction(w http.ResponseWriter, st localdiscord.InteractionState, err error) {
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	var out interactionReply
	out.Interaction.ID, out.Interaction.Name = st.ID, st.Name
	writeJSON(w, http.StatusAccepted, out)
}

// userRequest is a request body that names the user acting.
type userRequest interface {
	user() string
}

func (r messageRequest) user() string        { return r.User }
func (r commandRequest) user() string        { return r.User }
func (r pressRequest) user() string          { return r.User }
func (r messageCommandRequest) user() string { return r.User }

// request decodes the body of r as a T and returns it with the client of
// the user it names; on bad input it has already answered 400 and
// returns false.
func request[T userRequest](h *Handler, w http.ResponseWriter, r *http.Request) (T, *localdiscord.Client, bool) {
	var req T
	if err := decode(w, r, &req); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return req, nil, false
	}
	c, ok := h.client(w, req.user())
	return req, c, ok
}

// visible reports whether message id is one c's user can see; when not,
// it has already answered 404.
func (h *Handler) visible(w http.ResponseWriter, id string, c *localdiscord.Client) bool {
	if _, err := h.message(id, c.User().ID); err != nil {
		writeError(w, http.StatusNotFound, err.Error())
		return false
	}
	return true
}

// client returns the localdiscord client of the request's user.
func (h *Handler) client(w http.ResponseWriter, userID string) (*localdiscord.Client, bool) {
	p, err := h.viewer(userID)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return nil, false
	}
	return h.srv.Client(h.world.Guild.ID, p.user, p.permissions), true
}

// channel resolves a channel or thread of the World's guild; empty is
// #general.
func (h *Handler) channel(id string) (localdiscord.Channel, error) {
	if id == "" {
		return h.world.General, nil
	}
	ch, ok := h.srv.Channel(id)
	if !ok || ch.GuildID != h.world.Guild.ID {
		return localdiscord.Channel{}, errors.New("unknown channel")
	}
	return ch, nil
}

// message finds a message of the World's guild that viewer can see.
func (h *Handler) message(id, viewer string) (localdiscord.Message, error) {
	for _, ch := range h.srv.Channels(h.world.Guild.ID) {
		if m, ok := h.srv.Message(ch.ID, id); ok {
			if _, owner := h.viewMessage(m); owner != "" && owner != viewer {
				break
			}
			return m, nil
		}
	}
	return localdiscord.Message{}, errors.New("unknown message")
}

func (h *Handler) postMessage(w http.ResponseWriter, r *http.Request) {
	req, c, ok := request[messageRequest](h, w, r)
	if !ok {
		return
	}
	ch, err := h.channel(req.Channel)
	if err != nil {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	content := strings.TrimSpace(req.Content)
	switch n := utf8.RuneCountInString(content); {
	case n == 0:
		writeError(w, http.StatusBadRequest, "cannot send an empty message")
		return
	case n > maxContent:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("messages are at most %d characters (this one has %d)", maxContent, n))
		return
	}
	m, err := c.Post(ch.ID, h.mentions(content))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	v, _ := h.viewMessage(m)
	writeJSON(w, http.StatusCreated, map[string]any{"message": v})
}

func (h *Handler) runCommand(w http.ResponseWriter, r *http.Request) {
	req, c, ok := request[commandRequest](h, w, r)
	if !ok {
		return
	}
	ch, err := h.channel(req.Channel)
	if err != nil {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	name := strings.TrimPrefix(strings.TrimSpace(req.Name), "/")
	opts, err := h.srv.CommandOptions(h.world.Guild.ID, name, req.Options)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	st, err := c.Slash(ch.ID, name, opts...)
	replyInteraction(w, st, err)
}

func (h *Handler) press(w http.ResponseWriter, r *http.Request) {
	req, c, ok := request[pressRequest](h, w, r)
	if !ok {
		return
	}
	if h.visible(w, req.Message, c) {
		st, err := c.Press(req.Message, req.CustomID)
		replyInteraction(w, st, err)
	}
}

func (h *Handler) runMessageCommand(w http.ResponseWriter, r *http.Request) {
	req, c, ok := request[messageCommandRequest](h, w, r)
	if !ok {
		return
	}
	if h.visible(w, req.Target, c) {
		st, err := c.MessageCommand(req.Name, req.Target)
		replyInteraction(w, st, err)
	}
}

// mentionRe finds "@name" typed in a message: at the start or after a
// space or punctuation, not inside a word or an e-mail address.
var mentionRe = regexp.MustCompile(`(^|[\s(,;:!?])@([\p{L}\p{N}_.]+)`)

// mentions turns "@footnote", "@Member" and "@Moderator" (username or
// display name, any case) into Discord's <@id>, as the Discord app does
// when a person picks a user from the mention list.
func (h *Handler) mentions(content string) string {
	users := []localdiscord.User{h.srv.BotUser(), h.world.Member, h.world.Moderator}
	return mentionRe.ReplaceAllStringFunc(content, func(match string) string {
		sub := mentionRe.FindStringSubmatch(match)
		lead, name := sub[1], strings.TrimRight(sub[2], ".")
		rest := sub[2][len(name):]
		for _, u := range users {
			if strings.EqualFold(name, u.Username) || (u.GlobalName != "" && strings.EqualFold(name, u.GlobalName)) {
				return lead + "<@" + u.ID + ">" + rest
			}
		}
		return match
	})
}
