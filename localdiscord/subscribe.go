package localdiscord

import (
	"context"
	"slices"
	"sync"
)

// This file is the server's push channel for clients other than the bot
// (a web page showing the channel, a test): every change a Discord client
// would see, in order, without polling.

// EventKind names what an Event reports.
type EventKind string

// Event kinds.
const (
	// EventMessageCreate: a message was stored (Message is set). Unlike
	// the gateway, ephemeral messages are reported too; check
	// Message.Ephemeral and the interaction's user before showing one.
	EventMessageCreate EventKind = "message_create"
	// EventMessageUpdate: a message was edited, completed (a deferred
	// response's loading message), or got a thread (Message is set).
	EventMessageUpdate EventKind = "message_update"
	// EventMessageDelete: a message was deleted (MessageID is set).
	EventMessageDelete EventKind = "message_delete"
	// EventChannelCreate: a text channel was added (Channel is set).
	EventChannelCreate EventKind = "channel_create"
	// EventThreadCreate: a thread was created (Channel is set).
	EventThreadCreate EventKind = "thread_create"
	// EventPinsUpdate: a channel's pins changed (Pins lists the pinned
	// messages in pin order, oldest first).
	EventPinsUpdate EventKind = "pins_update"
	// EventInteractionAck: the bot acknowledged an interaction
	// (Interaction is set).
	EventInteractionAck EventKind = "interaction_ack"
	// EventLagged: the subscriber fell more than SubscriberBacklog events
	// behind; the undelivered events before it were dropped (Seq is the
	// last of them), so it must re-read the state it shows. Events after
	// it are delivered as usual. Only Seq and Kind are set.
	EventLagged EventKind = "lagged"
)

// SubscriberBacklog is, unless Options.SubscriberBacklog says otherwise, how
// many undelivered events a subscription holds
// before it drops them and reports EventLagged.
const SubscriberBacklog = 10000

// Event is one change of the server's state. Snapshots (Message, Channel,
// Pins, Interaction) are taken when the change happens, so a subscriber
// applying events in order ends with the server's state.
type Event struct {
	// Seq numbers the server's events from 1; a subscription sees them in
	// increasing order.
	Seq       uint64
	Kind      EventKind
	GuildID   string
	ChannelID string
	MessageID string
	// Message is set for EventMessageCreate and EventMessageUpdate.
	Message *Message
	// Channel is set for EventChannelCreate and EventThreadCreate.
	Channel *Channel
	// Pins is set for EventPinsUpdate (empty when nothing is pinned).
	Pins []Message
	// Interaction is set for EventInteractionAck.
	Interaction *InteractionState
}

// subscriber is one subscription's queue. The server appends under its
// own lock and never blocks on a subscriber; a goroutine per subscription
// forwards the queue to the subscriber's channel.
type subscriber struct {
	mu      sync.Mutex
	queue   []Event
	wake    chan struct{} // capacity 1: "the queue has events"
	backlog int
	done    chan struct{} // closed by the server's Close
}

// Subscribe returns a channel of every event published after it returns,
// in order. The channel is closed when ctx is done or the server closes.
// The server never waits for a subscriber: a subscriber that falls more
// than SubscriberBacklog events behind loses them and receives one
// EventLagged in their place; the events after it are delivered.
func (s *Server) Subscribe(ctx context.Context) <-chan Event {
	backlog := s.opts.SubscriberBacklog
	if backlog <= 0 {
		backlog = SubscriberBacklog
	}
	sub := &subscriber{wake: make(chan struct{}, 1), done: make(chan struct{}), backlog: backlog}
	out := make(chan Event)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		close(out)
		return out
	}
	if s.subs == nil {
		s.subs = map[*subscriber]bool{}
	}
	s.subs[sub] = true
	s.mu.Unlock()
	go func() {
		defer close(out)
		defer func() {
			s.mu.Lock()
			delete(s.subs, sub)
			s.mu.Unlock()
		}()
		for {
			batch := sub.take()
			for _, ev := range batch {
				select {
				case out <- ev:
				case <-ctx.Done():
					return
				case <-sub.done:
					return
				}
			}
			if len(batch) > 0 {
				continue
			}
			select {
			case <-sub.wake:
			case <-ctx.Done():
				return
			case <-sub.done:
				return
			}
		}
	}()
	return out
}

// take empties the queue.
func (sub *subscriber) take() []Event {
	sub.mu.Lock()
	defer sub.mu.Unlock()
	batch := sub.queue
	sub.queue = nil
	return batch
}

// push queues ev. A full queue gives way: its events are dropped and one
// EventLagged (numbered as the last dropped event) stands in their place,
// ahead of ev, so that what happens after a lag always arrives.
func (sub *subscriber) push(ev Event) {
	sub.mu.Lock()
	if len(sub.queue) >= sub.backlog {
		sub.queue = []Event{{Seq: ev.Seq - 1, Kind: EventLagged}, ev}
	} else {
		sub.queue = append(sub.queue, ev)
	}
	sub.mu.Unlock()
	select {
	case sub.wake <- struct{}{}:
	default:
	}
}

// publishLocked numbers an event and queues it for every subscriber; call
// with s.mu held. build makes the event's snapshots and runs only when
// someone listens.
func (s *Server) publishLocked(build func() Event) {
	if len(s.subs) == 0 {
		return
	}
	ev := build()
	s.eventSeq++
	ev.Seq = s.eventSeq
	for sub := range s.subs {
		sub.push(ev)
	}
}

// closeSubscribersLocked ends every subscription; call with s.mu held.
func (s *Server) closeSubscribersLocked() {
	for sub := range s.subs {
		close(sub.done)
	}
	s.subs = nil
}

// publishMessageLocked reports a created or updated message.
func (s *Server) publishMessageLocked(kind EventKind, m *message) {
	s.publishLocked(func() Event {
		snap := s.st.snapshot(m)
		return Event{Kind: kind, GuildID: m.guildID, ChannelID: m.channelID, MessageID: m.id, Message: &snap}
	})
}

// publishDeleteLocked reports a deleted message.
func (s *Server) publishDeleteLocked(m *message) {
	s.publishLocked(func() Event {
		return Event{Kind: EventMessageDelete, GuildID: m.guildID, ChannelID: m.channelID, MessageID: m.id}
	})
}

// publishChannelLocked reports a created channel or thread.
func (s *Server) publishChannelLocked(kind EventKind, ch *channelState) {
	s.publishLocked(func() Event {
		c := ch.Channel
		return Event{Kind: kind, GuildID: c.GuildID, ChannelID: c.ID, Channel: &c}
	})
}

// publishPinsLocked reports a channel's pins.
func (s *Server) publishPinsLocked(ch *channelState) {
	s.publishLocked(func() Event {
		pins := make([]Message, 0, len(ch.pins))
		for _, id := range ch.pins {
			pins = append(pins, s.st.snapshot(s.st.messages[id]))
		}
		return Event{Kind: EventPinsUpdate, GuildID: ch.GuildID, ChannelID: ch.ID, Pins: slices.Clip(pins)}
	})
}

// publishAckLocked reports an acknowledged interaction.
func (s *Server) publishAckLocked(in *interaction) {
	s.publishLocked(func() Event {
		st := s.interactionState(in)
		return Event{Kind: EventInteractionAck, GuildID: in.guildID, ChannelID: in.channelID, MessageID: in.originalID, Interaction: &st}
	})
}
