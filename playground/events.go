package playground

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/footnote-bot/footnote/localdiscord"
)

// sseWriteWait bounds one write to an event stream; a browser that stops
// reading for longer loses its stream (and reconnects).
const sseWriteWait = 10 * time.Second

// sseState names the stream's state event. It comes first, and again
// whenever the stream had to drop events; the other event names are
// localdiscord's event kinds.
const sseState = "state"

// deleteView reports a deleted message.
type deleteView struct {
	ID        string `json:"id"`
	ChannelID string `json:"channel_id"`
}

// pinsView reports a channel's pins.
type pinsView struct {
	ChannelID string        `json:"channel_id"`
	Pins      []messageView `json:"pins"`
}

// ackView reports that the bot acknowledged an interaction.
type ackView struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	MessageID string `json:"message_id,omitempty"`
	Ephemeral bool   `json:"ephemeral,omitempty"`
}

// serveEvents streams Server-Sent Events for one user: first the state,
// then every change that user may see, in order, as localdiscord publishes
// it. A client applying them in order ends with the server's state; after
// a reconnect it gets a fresh state first.
func (h *Handler) serveEvents(w http.ResponseWriter, r *http.Request) {
	viewer, err := h.viewer(r.URL.Query().Get("user"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	h.streams.Add(1)
	defer h.streams.Done()
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(h.ctx, cancel)
	defer stop()

	// Subscribe before the state is read: an event from in between is
	// sent after the state, which it may repeat but never contradicts.
	events := h.srv.Subscribe(ctx)
	hdr := w.Header()
	hdr.Set("Content-Type", "text/event-stream")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	send := func(id uint64, name string, v any) error {
		var buf bytes.Buffer
		if id > 0 {
			buf.WriteString("id: " + strconv.FormatUint(id, 10) + "\n")
		}
		if name != "" {
			data, err := json.Marshal(v)
			if err != nil {
				return fmt.Errorf("encode %s event: %w", name, err)
			}
			buf.WriteString("event: " + name + "\ndata: ")
			buf.Write(data) // JSON has no raw newlines
			buf.WriteString("\n\n")
		} else {
			buf.WriteString(": keep-alive\n\n")
		}
		_ = rc.SetWriteDeadline(time.Now().Add(sseWriteWait))
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
		return rc.Flush()
	}
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil {
		return
	}
	if err := send(0, sseState, h.state(viewer)); err != nil {
		return
	}
	keepAlive := time.NewTicker(h.alive)
	defer keepAlive.Stop()
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return
			}
			name, v := h.eventView(ev, viewer)
			if name == "" {
				continue
			}
			if err := send(ev.Seq, name, v); err != nil {
				h.log.Debug("playground: event stream ended", "err", err)
				return
			}
		case <-keepAlive.C:
			if err := send(0, "", nil); err != nil {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// eventView converts an event for viewer; an empty name means the viewer
// must not see it.
func (h *Handler) eventView(ev localdiscord.Event, viewer person) (string, any) {
	if ev.Kind == localdiscord.EventLagged {
		return sseState, h.state(viewer)
	}
	if ev.GuildID != h.world.Guild.ID {
		return "", nil
	}
	switch ev.Kind {
	case localdiscord.EventMessageCreate, localdiscord.EventMessageUpdate:
		v, owner := h.viewMessage(*ev.Message)
		if owner != "" && owner != viewer.user.ID {
			return "", nil
		}
		return string(ev.Kind), v
	case localdiscord.EventMessageDelete:
		return string(ev.Kind), deleteView{ID: ev.MessageID, ChannelID: ev.ChannelID}
	case localdiscord.EventChannelCreate, localdiscord.EventThreadCreate:
		return string(ev.Kind), viewChannel(*ev.Channel)
	case localdiscord.EventPinsUpdate:
		return string(ev.Kind), pinsView{ChannelID: ev.ChannelID, Pins: h.visibleMessages(ev.Pins, viewer.user.ID)}
	case localdiscord.EventInteractionAck:
		if ev.Interaction.User.ID != viewer.user.ID {
			return "", nil
		}
		return string(ev.Kind), ackView{ID: ev.Interaction.ID, Name: ev.Interaction.Name, MessageID: ev.MessageID, Ephemeral: ev.Interaction.Ephemeral}
	}
	return "", nil
}
