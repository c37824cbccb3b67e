package localdiscord

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Defaults applied by New for zero Options fields.
const (
	DefaultToken                 = "test-bot-token"
	DefaultBotUsername           = "footnote"
	DefaultHeartbeatInterval     = 41250 * time.Millisecond
	DefaultPinLimit              = 50
	DefaultInteractionAckTimeout = 3 * time.Second
)

// Options configures a Server. The zero value gives a permissive server
// with Discord's defaults.
type Options struct {
	// Addr is the TCP address to listen on; default "127.0.0.1:0". When
	// it is all interfaces (":8080"), URLs advertise 127.0.0.1.
	Addr string
	// Token is the bot token without the "Bot " prefix; default
	// DefaultToken. REST calls to bot routes must carry
	// "Authorization: Bot <Token>" and IDENTIFY must carry the token.
	Token string
	// BotUsername names the bot user; default DefaultBotUsername.
	BotUsername string
	// HeartbeatInterval is sent in HELLO; default DefaultHeartbeatInterval.
	HeartbeatInterval time.Duration
	// PinLimit is the number of pins a channel holds before pinning fails
	// with code 30003; default DefaultPinLimit.
	PinLimit int
	// InteractionAckTimeout is how long after dispatch an interaction can
	// be acknowledged; later callbacks fail with 10062 Unknown interaction,
	// as on Discord. Default DefaultInteractionAckTimeout; negative
	// disables the limit.
	InteractionAckTimeout time.Duration
	// Validator, when set, checks every REST request; what it reports is
	// recorded (see Server.Violations), and the request is served anyway.
	// Tests plug in spectest.Spec (Discord's OpenAPI document); the
	// playground runs without one.
	Validator Validator
	// DeniedIntents are gateway intents the application is not allowed
	// to request (for example the privileged MESSAGE_CONTENT, 1<<15);
	// IDENTIFY requesting any of them is closed with 4014.
	DeniedIntents int
	// Logf receives diagnostic messages (e.g. testing.T.Logf); optional.
	Logf func(format string, args ...any)
	// RequestLogLimit, when positive, keeps only the last that many
	// requests in the log (Requests, WaitRequest, Audit), so a long-running
	// server does not grow without bound; zero keeps every request.
	RequestLogLimit int
	// Retention, when positive, keeps only the newest that many messages
	// of each channel (pinned ones stay) and the newest that many
	// interactions, so a long-running server (the playground) holds steady
	// memory; tests keep everything.
	Retention int
	// SubscriberBacklog, when positive, is how many undelivered events a
	// subscription holds before it is told it lagged (default
	// SubscriberBacklog).
	SubscriberBacklog int
}

// Server is an in-process fake of Discord's REST API and gateway that a
// real discordgo session can talk to. Create it with New and release it
// with Close. All methods are safe for concurrent use.
type Server struct {
	opts      Options
	ln        net.Listener
	http      *http.Server
	host      string // 127.0.0.1:PORT
	transport *http.Transport
	upgrader  websocket.Upgrader
	started   time.Time
	ids       snowflakes
	bot       User
	appID     string
	wg        sync.WaitGroup // gateway connection goroutines

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced on every change; see waitFor
	closed     bool
	st         *state
	requests   []Request
	violations []Violation
	validated  int
	failures   []*pendingFailure
	gw         gatewayState
	// requestSeq numbers requests (the log may keep only the last ones).
	requestSeq int
	// subs are the subscriptions of Subscribe; eventSeq numbers events.
	subs     map[*subscriber]bool
	eventSeq uint64
}

// New starts a server listening on opts.Addr.
func New(opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.Token == "" {
		opts.Token = DefaultToken
	}
	if opts.BotUsername == "" {
		opts.BotUsername = DefaultBotUsername
	}
	if opts.HeartbeatInterval <= 0 {
		opts.HeartbeatInterval = DefaultHeartbeatInterval
	}
	if opts.PinLimit <= 0 {
		opts.PinLimit = DefaultPinLimit
	}
	if opts.InteractionAckTimeout == 0 {
		opts.InteractionAckTimeout = DefaultInteractionAckTimeout
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("localdiscord: listen: %w", err)
	}
	// Advertise a dialable address when listening on all interfaces.
	host := ln.Addr().String()
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		host = net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
	}
	s := &Server{
		opts:      opts,
		ln:        ln,
		host:      host,
		transport: &http.Transport{Proxy: nil, MaxIdleConnsPerHost: 16},
		started:   time.Now().UTC(),
		changed:   make(chan struct{}),
		st:        newState(),
		gw:        newGatewayState(),
	}
	s.upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	// Discord bots are applications whose ID equals the bot user's ID.
	s.appID = s.ids.next()
	s.bot = User{ID: s.appID, Username: opts.BotUsername, Bot: true}
	s.st.users[s.bot.ID] = &s.bot
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logf("localdiscord: serve: %v", err)
		}
	}()
	return s, nil
}

// Close stops the server: it closes gateway connections and the listener
// and waits for connection goroutines to finish.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	conns := s.gw.connList()
	s.closeSubscribersLocked()
	s.notifyLocked()
	s.mu.Unlock()

	for _, c := range conns {
		c.drop()
	}
	err := s.http.Close()
	s.wg.Wait()
	s.transport.CloseIdleConnections()
	if err != nil {
		return fmt.Errorf("localdiscord: close: %w", err)
	}
	return nil
}

// URL returns the REST API base, e.g. "http://127.0.0.1:PORT/api/v10/".
// Requests under /api/v9/ are served identically (discordgo v0.29 uses v9).
func (s *Server) URL() string { return "http://" + s.host + "/api/v10/" }

// GatewayURL returns the websocket URL advertised by GET /gateway and
// /gateway/bot, e.g. "ws://127.0.0.1:PORT/gateway".
func (s *Server) GatewayURL() string { return "ws://" + s.host + "/gateway" }

// Token returns the bot token (without "Bot ").
func (s *Server) Token() string { return s.opts.Token }

// BotUser returns the bot's user.
func (s *Server) BotUser() User { return s.bot }

// ApplicationID returns the application ID (equal to the bot user ID).
func (s *Server) ApplicationID() string { return s.appID }

// Transport returns a RoundTripper that sends requests addressed to
// Discord's REST API (https://discord.com/api/vN/...) to this server and
// passes requests already addressed to the server through. Any other
// request fails, so tests cannot reach the real Discord by accident.
func (s *Server) Transport() http.RoundTripper {
	rt, err := newRewriteTransport(s.URL(), s.transport, true)
	if err != nil {
		// URL() is always a valid absolute URL.
		panic(fmt.Sprintf("localdiscord: %v", err))
	}
	return rt
}

// HTTPClient returns an http.Client using Transport.
func (s *Server) HTTPClient() *http.Client {
	return &http.Client{Transport: s.Transport(), Timeout: 20 * time.Second}
}

// NewSession returns a discordgo session wired to the server: REST through
// HTTPClient (so discordgo's global https://discord.com endpoints reach the
// server), and the gateway through the URL the server advertises on
// GET /gateway. The token is the server's. The caller may adjust
// Identify.Intents, ShardID/ShardCount and handlers, then calls Open.
//
// Configuring a session by hand is equivalent:
//
//	dg, _ := discordgo.New("Bot " + srv.Token())
//	dg.Client = srv.HTTPClient() // or &http.Client{Transport: RewriteTransport(srv.URL(), nil)}
//	dg.Dialer = &websocket.Dialer{HandshakeTimeout: 10 * time.Second}
func (s *Server) NewSession() (*discordgo.Session, error) {
	dg, err := discordgo.New("Bot " + s.opts.Token)
	if err != nil {
		return nil, fmt.Errorf("localdiscord: new session: %w", err)
	}
	dg.Client = s.HTTPClient()
	dg.Dialer = &websocket.Dialer{HandshakeTimeout: 10 * time.Second}
	return dg, nil
}

// ServeHTTP serves the gateway websocket and the REST API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case websocket.IsWebSocketUpgrade(r) && (r.URL.Path == "/" || strings.TrimSuffix(r.URL.Path, "/") == "/gateway"):
		s.serveGateway(w, r)
	default:
		s.serveREST(w, r)
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// notifyLocked wakes every waiter; call with s.mu held after a change.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor blocks until one of the items produced by snapshot satisfies
// match, and returns the first that does, or fails when ctx is done or the
// server closes. snapshot runs with s.mu held and must copy what it
// returns; match runs without the lock, so it may call the Server. Both
// are re-run after every state change.
func waitFor[T any](ctx context.Context, s *Server, snapshot func() []T, match func(T) bool) (T, error) {
	for {
		s.mu.Lock()
		items := snapshot()
		ch := s.changed
		closed := s.closed
		s.mu.Unlock()
		for _, it := range items {
			if match(it) {
				return it, nil
			}
		}
		var zero T
		if closed {
			return zero, errors.New("server closed")
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return zero, ctx.Err()
		}
	}
}
