package localdiscord

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway intents the server interprets.
const (
	intentNone           = 0
	intentGuilds         = 1 << 0
	intentGuildMessages  = 1 << 9
	intentDirectMessages = 1 << 12
	intentMessageContent = 1 << 15
)

// Gateway close codes (Discord's numbering).
const (
	CloseUnknownOpcode        = 4001
	CloseDecodeError          = 4002
	CloseNotAuthenticated     = 4003
	CloseAuthenticationFailed = 4004
	CloseAlreadyAuthenticated = 4005
	CloseInvalidShard         = 4010
	CloseInvalidAPIVersion    = 4012
	CloseInvalidIntents       = 4013
	CloseDisallowedIntents    = 4014
)

// Limits of the gateway implementation.
const (
	// resumeBufferSize is how many dispatches a session keeps for replay.
	resumeBufferSize = 1000
	// outboundQueueSize is how many frames may wait for a slow client
	// before its connection is dropped.
	outboundQueueSize = 4096
	gatewayWriteWait  = 10 * time.Second
	maxGatewayPayload = 1 << 20
)

// GatewayEvent kinds.
const (
	GatewayConnect      = "connect"
	GatewayIdentify     = "identify"
	GatewayResume       = "resume"
	GatewayResumeFailed = "resume_failed"
	GatewayInvalidated  = "invalidated"
	GatewayDisconnect   = "disconnect"
)

// GatewayEvent is a lifecycle event of a gateway connection or session.
type GatewayEvent struct {
	Time time.Time
	// Kind is one of the Gateway* kind constants.
	Kind      string
	SessionID string
	Shard     [2]int
	Intents   int
	// Replayed is the number of dispatches replayed on resume.
	Replayed int
	// CloseCode is the close code the client sent on disconnect, 0 if the
	// connection ended without a close frame from the client.
	CloseCode int
	// ServerCloseCode is the close code the server sent (e.g. 4004 for a
	// bad token), 0 if none.
	ServerCloseCode int
}

// GatewaySession describes an identified gateway session.
type GatewaySession struct {
	ID      string
	Shard   [2]int
	Intents int
	// Seq is the last sequence number dispatched.
	Seq int64
	// Connected reports whether a connection is attached; a disconnected
	// valid session can be resumed.
	Connected bool
	Valid     bool
	// Dispatches are the event names sent, in sequence order (READY first).
	Dispatches []string
	// Heartbeats counts op 1 payloads received after IDENTIFY or RESUME
	// (each is answered with op 11).
	Heartbeats int
}

// event is a dispatch to fan out to sessions.
type event struct {
	name    string
	guildID string
	// intent is the intent a session needs to receive the event.
	intent int
	data   []byte
	// noContent replaces data for sessions without MESSAGE_CONTENT; nil
	// when the event is delivered in full to everyone.
	noContent []byte
}

type gatewayState struct {
	sessions map[string]*gatewaySession
	conns    map[*gatewayConn]bool
	log      []GatewayEvent
}

func newGatewayState() gatewayState {
	return gatewayState{sessions: map[string]*gatewaySession{}, conns: map[*gatewayConn]bool{}}
}

func (g *gatewayState) connList() []*gatewayConn {
	out := make([]*gatewayConn, 0, len(g.conns))
	for c := range g.conns {
		out = append(out, c)
	}
	return out
}

type bufferedDispatch struct {
	seq   int64
	name  string
	frame []byte
}

type gatewaySession struct {
	id         string
	token      string
	shard      [2]int
	intents    int
	seq        int64
	buffer     []bufferedDispatch
	names      []string
	conn       *gatewayConn
	invalid    bool
	heartbeats int
}

// gatewayConn is one websocket connection. Frames are written by a single
// writer goroutine fed by out, so dispatching never blocks on the network
// and a close frame is sent after the frames queued before it.
type gatewayConn struct {
	ws   *websocket.Conn
	out  chan outFrame
	done chan struct{}
	once sync.Once
	// sentClose is the close code queued by closeWith.
	sentClose atomic.Int32

	// Guarded by Server.mu.
	session *gatewaySession
}

// outFrame is a text frame, or a close frame when closeCode is set.
type outFrame struct {
	data      []byte
	closeCode int
}

func (c *gatewayConn) drop() {
	c.once.Do(func() {
		close(c.done)
		_ = c.ws.Close() // abrupt: no close frame
	})
}

// send queues a text frame; a client too slow to drain its queue is
// dropped.
func (c *gatewayConn) send(frame []byte) { c.queue(outFrame{data: frame}) }

// closeWith queues a close frame with Discord's code and reason; the
// connection is dropped once it is written.
func (c *gatewayConn) closeWith(code int, reason string) {
	c.sentClose.CompareAndSwap(0, int32(code))
	c.queue(outFrame{data: []byte(reason), closeCode: code})
}

func (c *gatewayConn) queue(f outFrame) {
	select {
	case c.out <- f:
	case <-c.done:
	default:
		c.drop()
	}
}

func (s *Server) writeLoop(c *gatewayConn) {
	defer s.wg.Done()
	for {
		select {
		case f := <-c.out:
			deadline := time.Now().Add(gatewayWriteWait)
			if f.closeCode != 0 {
				_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(f.closeCode, string(f.data)), deadline)
				c.drop()
				return
			}
			_ = c.ws.SetWriteDeadline(deadline)
			if err := c.ws.WriteMessage(websocket.TextMessage, f.data); err != nil {
				c.drop()
				return
			}
		case <-c.done:
			return
		}
	}
}

// serveGateway runs one gateway connection: HELLO, then the client's
// payloads until the connection ends.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.logf("localdiscord: gateway upgrade: %v", err)
		return
	}
	c := &gatewayConn{ws: ws, out: make(chan outFrame, outboundQueueSize), done: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = ws.Close()
		return
	}
	s.gw.conns[c] = true
	s.wg.Add(2) // this reader and the writer
	s.gatewayLogLocked(GatewayEvent{Kind: GatewayConnect})
	s.mu.Unlock()
	defer s.wg.Done()
	go s.writeLoop(c)

	if enc := r.URL.Query().Get("encoding"); enc != "" && enc != "json" {
		c.closeWith(CloseDecodeError, "Error while decoding payload.")
	} else if v := r.URL.Query().Get("v"); v != "" && v != "9" && v != "10" {
		c.closeWith(CloseInvalidAPIVersion, "Invalid API version.")
	} else {
		c.send(mustJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": s.opts.HeartbeatInterval.Milliseconds()}, "s": nil, "t": nil}))
	}

	ws.SetReadLimit(maxGatewayPayload)
	closeCode := 0
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				closeCode = ce.Code
			}
			break
		}
		s.handleGatewayPayload(c, data)
	}

	s.mu.Lock()
	delete(s.gw.conns, c)
	ev := GatewayEvent{Kind: GatewayDisconnect, CloseCode: closeCode, ServerCloseCode: int(c.sentClose.Load())}
	if sess := c.session; sess != nil && sess.conn == c {
		sess.conn = nil
		// A client closing with 1000 or 1001 ends its session, as on
		// Discord; any other ending leaves it resumable.
		if closeCode == websocket.CloseNormalClosure || closeCode == websocket.CloseGoingAway {
			sess.invalid = true
		}
		ev.SessionID, ev.Shard, ev.Intents = sess.id, sess.shard, sess.intents
	}
	s.gatewayLogLocked(ev)
	s.mu.Unlock()
	c.drop()
}

type gatewayPayload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
}

type identifyData struct {
	Token   string  `json:"token"`
	Intents *int    `json:"intents"`
	Shard   *[2]int `json:"shard"`
}

type resumeData struct {
	Token     string `json:"token"`
	SessionID string `json:"session_id"`
	Seq       int64  `json:"seq"`
}

func (s *Server) handleGatewayPayload(c *gatewayConn, data []byte) {
	var p gatewayPayload
	if err := json.Unmarshal(data, &p); err != nil {
		c.closeWith(CloseDecodeError, "Error while decoding payload.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch p.Op {
	case 1: // heartbeat
		if c.session != nil {
			c.session.heartbeats++
			s.notifyLocked()
		}
		c.send([]byte(`{"op":11,"d":null,"s":null,"t":null}`))
	case 2:
		var id identifyData
		if err := json.Unmarshal(p.D, &id); err != nil {
			c.closeWith(CloseDecodeError, "Error while decoding payload.")
			return
		}
		s.identifyLocked(c, id)
	case 6:
		var rd resumeData
		if err := json.Unmarshal(p.D, &rd); err != nil {
			c.closeWith(CloseDecodeError, "Error while decoding payload.")
			return
		}
		s.resumeLocked(c, rd)
	case 3, 4, 8: // presence update, voice state update, request guild members
		if c.session == nil {
			c.closeWith(CloseNotAuthenticated, "Not authenticated.")
		}
	default:
		c.closeWith(CloseUnknownOpcode, "Unknown opcode.")
	}
}

func (s *Server) tokenMatches(token string) bool {
	return strings.TrimPrefix(token, "Bot ") == s.opts.Token
}

func (s *Server) identifyLocked(c *gatewayConn, id identifyData) {
	if c.session != nil {
		c.closeWith(CloseAlreadyAuthenticated, "Already authenticated.")
		return
	}
	if !s.tokenMatches(id.Token) {
		c.closeWith(CloseAuthenticationFailed, "Authentication failed.")
		return
	}
	if id.Intents == nil || *id.Intents < 0 {
		c.closeWith(CloseInvalidIntents, "Invalid intent(s).")
		return
	}
	if *id.Intents&s.opts.DeniedIntents != 0 {
		c.closeWith(CloseDisallowedIntents, "Disallowed intent(s).")
		return
	}
	shard := [2]int{0, 1}
	if id.Shard != nil {
		shard = *id.Shard
	}
	if shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1] {
		c.closeWith(CloseInvalidShard, "Invalid shard.")
		return
	}
	sess := &gatewaySession{id: randomHex(16), token: id.Token, shard: shard, intents: *id.Intents, conn: c}
	s.gw.sessions[sess.id] = sess
	c.session = sess
	s.gatewayLogLocked(GatewayEvent{Kind: GatewayIdentify, SessionID: sess.id, Shard: shard, Intents: sess.intents})

	var guilds []any
	var inShard []*Guild
	for _, gid := range s.st.guildOrder {
		if shardOf(gid, shard[1]) == shard[0] {
			guilds = append(guilds, map[string]any{"id": gid, "unavailable": true})
			inShard = append(inShard, s.st.guilds[gid])
		}
	}
	if guilds == nil {
		guilds = []any{}
	}
	user := renderUser(&s.bot)
	user["verified"] = true
	user["mfa_enabled"] = false
	ready := map[string]any{
		"v":                  10,
		"user":               user,
		"guilds":             guilds,
		"session_id":         sess.id,
		"session_type":       "normal",
		"resume_gateway_url": s.GatewayURL(),
		"shard":              shard,
		"application":        map[string]any{"id": s.appID, "flags": 0},
		"private_channels":   []any{},
		"relationships":      []any{},
		"presences":          []any{},
	}
	s.sendToSessionLocked(sess, "READY", mustJSON(ready))
	if sess.intents&intentGuilds != 0 {
		for _, g := range inShard {
			s.sendToSessionLocked(sess, "GUILD_CREATE", mustJSON(s.renderGuild(g)))
		}
	}
}

// resumeLocked attaches a connection to an existing session and replays
// the dispatches after the client's sequence number, then sends RESUMED.
// An unknown, invalidated or unreplayable session gets op 9 (d: false).
func (s *Server) resumeLocked(c *gatewayConn, rd resumeData) {
	if c.session != nil {
		c.closeWith(CloseAlreadyAuthenticated, "Already authenticated.")
		return
	}
	sess := s.gw.sessions[rd.SessionID]
	replayable := sess != nil && !sess.invalid && s.tokenMatches(rd.Token) && rd.Seq <= sess.seq &&
		(len(sess.buffer) == 0 || sess.buffer[0].seq <= rd.Seq+1)
	if !replayable {
		s.gatewayLogLocked(GatewayEvent{Kind: GatewayResumeFailed, SessionID: rd.SessionID})
		c.send([]byte(`{"op":9,"d":false,"s":null,"t":null}`))
		return
	}
	if old := sess.conn; old != nil && old != c {
		old.session = nil
		old.drop()
	}
	sess.conn = c
	c.session = sess
	replayed := 0
	for _, d := range sess.buffer {
		if d.seq > rd.Seq {
			c.send(d.frame)
			replayed++
		}
	}
	s.sendToSessionLocked(sess, "RESUMED", []byte(`{}`))
	s.gatewayLogLocked(GatewayEvent{Kind: GatewayResume, SessionID: sess.id, Shard: sess.shard, Intents: sess.intents, Replayed: replayed})
}

// sendToSessionLocked numbers a dispatch, keeps it for replay and sends it
// if the session is connected.
func (s *Server) sendToSessionLocked(sess *gatewaySession, name string, data []byte) {
	sess.seq++
	frame := mustJSON(map[string]any{"op": 0, "t": name, "s": sess.seq, "d": json.RawMessage(data)})
	if name != "RESUMED" {
		sess.buffer = append(sess.buffer, bufferedDispatch{seq: sess.seq, name: name, frame: frame})
		if len(sess.buffer) > resumeBufferSize {
			sess.buffer = slices.Delete(sess.buffer, 0, len(sess.buffer)-resumeBufferSize)
		}
	}
	sess.names = append(sess.names, name)
	if keep := s.opts.Retention; keep > 0 && len(sess.names) > 2*keep {
		sess.names = append([]string(nil), sess.names[len(sess.names)-keep:]...)
	}
	if sess.conn != nil {
		sess.conn.send(frame)
	}
}

// dispatchLocked fans an event out to every valid session whose shard
// owns the guild and whose intents cover it. Disconnected sessions buffer
// it for resume.
func (s *Server) dispatchLocked(ev event) {
	for _, sess := range s.sortedSessionsLocked() {
		if sess.invalid {
			continue
		}
		if ev.guildID != "" && shardOf(ev.guildID, sess.shard[1]) != sess.shard[0] {
			continue
		}
		if ev.guildID == "" && sess.shard[0] != 0 {
			continue // DMs go to shard 0
		}
		if ev.intent != intentNone && sess.intents&ev.intent == 0 {
			continue
		}
		data := ev.data
		if ev.noContent != nil && sess.intents&intentMessageContent == 0 {
			data = ev.noContent
		}
		s.sendToSessionLocked(sess, ev.name, data)
	}
	s.notifyLocked()
}

func (s *Server) sortedSessionsLocked() []*gatewaySession {
	out := make([]*gatewaySession, 0, len(s.gw.sessions))
	for _, sess := range s.gw.sessions {
		out = append(out, sess)
	}
	slices.SortFunc(out, func(a, b *gatewaySession) int { return strings.Compare(a.id, b.id) })
	return out
}

// dispatchMessageLocked dispatches MESSAGE_CREATE or MESSAGE_UPDATE for m.
// Sessions without the MESSAGE_CONTENT intent receive the message without
// content, embeds and components unless the bot wrote it or is mentioned.
func (s *Server) dispatchMessageLocked(name string, m *message) {
	full := s.renderMessage(m, true)
	ev := event{name: name, guildID: m.guildID, intent: intentFor(m.guildID), data: mustJSON(full)}
	if m.authorID != s.bot.ID && !slices.Contains(m.mentions, s.bot.ID) && m.guildID != "" {
		full["content"] = ""
		full["embeds"] = []any{}
		full["components"] = []any{}
		full["attachments"] = []any{}
		delete(full, "poll")
		ev.noContent = mustJSON(full)
	}
	s.dispatchLocked(ev)
}

// intentFor is the intent that carries message events of a guild (or of
// DMs when guildID is empty).
func intentFor(guildID string) int {
	if guildID == "" {
		return intentDirectMessages
	}
	return intentGuildMessages
}

// shardOf is Discord's sharding formula.
func shardOf(guildID string, count int) int {
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil || count <= 0 {
		return 0
	}
	return int((id >> 22) % uint64(count))
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

func (s *Server) gatewayLogLocked(ev GatewayEvent) {
	ev.Time = time.Now()
	s.gw.log = append(s.gw.log, ev)
	s.notifyLocked()
}

// GatewayEvents returns the gateway lifecycle log in order.
func (s *Server) GatewayEvents() []GatewayEvent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.gw.log)
}

// WaitGatewayEvent blocks until a logged gateway event satisfies match and
// returns the earliest such event (earlier events count).
func (s *Server) WaitGatewayEvent(ctx context.Context, match func(GatewayEvent) bool) (GatewayEvent, error) {
	found, err := waitFor(ctx, s, func() []GatewayEvent { return slices.Clone(s.gw.log) }, match)
	if err != nil {
		return GatewayEvent{}, fmt.Errorf("wait for gateway event: %w", err)
	}
	return found, nil
}

// GatewaySessions describes every session identified so far, in session
// ID order.
func (s *Server) GatewaySessions() []GatewaySession {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gatewaySessionsLocked()
}

func (s *Server) gatewaySessionsLocked() []GatewaySession {
	var out []GatewaySession
	for _, sess := range s.sortedSessionsLocked() {
		out = append(out, GatewaySession{
			ID: sess.id, Shard: sess.shard, Intents: sess.intents, Seq: sess.seq,
			Connected: sess.conn != nil, Valid: !sess.invalid, Dispatches: slices.Clone(sess.names),
			Heartbeats: sess.heartbeats,
		})
	}
	return out
}

// WaitGatewaySession blocks until a session satisfies match and returns
// it, e.g. to wait for a shard to connect or for its first heartbeat.
func (s *Server) WaitGatewaySession(ctx context.Context, match func(GatewaySession) bool) (GatewaySession, error) {
	found, err := waitFor(ctx, s, s.gatewaySessionsLocked, match)
	if err != nil {
		return GatewaySession{}, fmt.Errorf("wait for gateway session: %w", err)
	}
	return found, nil
}

// DropConnections closes every gateway connection abruptly, without a
// close frame, as a network failure would. Sessions stay resumable;
// discordgo reconnects and sends RESUME.
//
// discordgo v0.29 has a race here: if its heartbeat goroutine is not idle
// when the drop is noticed (right after Open, or when a heartbeat falls in
// the 1s discordgo's Close sleeps), it later closes the fresh connection
// with code 1000, which ends the session (as on Discord) and makes the
// client identify again. Wait for the session's first heartbeat (see
// WaitGatewaySession) and use a HeartbeatInterval well above 1s in tests
// that drop connections.
func (s *Server) DropConnections() {
	s.mu.Lock()
	conns := s.gw.connList()
	s.mu.Unlock()
	for _, c := range conns {
		c.drop()
	}
}

// InvalidateSession ends every session: connected clients receive op 9
// (Invalid Session, not resumable) and must identify again, and
// disconnected sessions can no longer be resumed.
func (s *Server) InvalidateSession() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sess := range s.sortedSessionsLocked() {
		if sess.invalid {
			continue
		}
		sess.invalid = true
		if c := sess.conn; c != nil {
			sess.conn = nil
			c.session = nil
			c.send([]byte(`{"op":9,"d":false,"s":null,"t":null}`))
		}
		s.gatewayLogLocked(GatewayEvent{Kind: GatewayInvalidated, SessionID: sess.id, Shard: sess.shard, Intents: sess.intents})
	}
}

// RequestReconnect sends op 7 (Reconnect) on every connection; clients
// reconnect and resume.
func (s *Server) RequestReconnect() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.gw.conns {
		c.send([]byte(`{"op":7,"d":null,"s":null,"t":null}`))
	}
}
