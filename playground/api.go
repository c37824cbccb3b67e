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

// channelRequest is a request body that acts in a channel.
type channelRequest interface {
	userRequest
	channel() string
}

func (r messageRequest) channel() string { return r.Channel }
func (r commandRequest) channel() string { return r.Channel }

// targetRequest is a request body that acts on a message.
type targetRequest interface {
	userRequest
	target() string
}

func (r pressRequest) target() string          { return r.Message }
func (r messageCommandRequest) target() string { return r.Target }

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

// inChannel is request for a body that names a channel: it also returns
// that channel of the World's guild, or answers 404 and returns false.
func inChannel[T channelRequest](h *Handler, w http.ResponseWriter, r *http.Request) (T, *localdiscord.Client, localdiscord.Channel, bool) {
	req, c, ok := request[T](h, w, r)
	if !ok {
		return req, nil, localdiscord.Channel{}, false
	}
	ch, err := h.channel(req.channel())
	if err != nil {
		writeError(w, http.StatusNotFound, err.Error())
		return req, nil, localdiscord.Channel{}, false
	}
	return req, c, ch, true
}

// onMessage decodes the body of r as a T, answers 404 unless its user can
// see the message it targets, and otherwise answers with the interaction
// start starts (see replyInteraction).
func onMessage[T targetRequest](h *Handler, w http.ResponseWriter, r *http.Request, start func(T, *localdiscord.Client) (localdiscord.InteractionState, error)) {
	req, c, ok := request[T](h, w, r)
	if !ok || !h.visible(w, req.target(), c) {
		return
	}
	st, err := start(req, c)
	replyInteraction(w, st, err)
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
	req, c, ch, ok := inChannel[messageRequest](h, w, r)
	if !ok {
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
	req, c, ch, ok := inChannel[commandRequest](h, w, r)
	if !ok {
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
	onMessage(h, w, r, func(req pressRequest, c *localdiscord.Client) (localdiscord.InteractionState, error) {
		return c.Press(req.Message, req.CustomID)
	})
}

func (h *Handler) runMessageCommand(w http.ResponseWriter, r *http.Request) {
	onMessage(h, w, r, func(req messageCommandRequest, c *localdiscord.Client) (localdiscord.InteractionState, error) {
		return c.MessageCommand(req.Name, req.Target)
	})
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
