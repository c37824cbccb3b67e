package playground

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/footnote-bot/footnote/localdiscord"
)

// Defaults applied by New for zero Options fields.
const (
	DefaultMessageLimit = 50
	DefaultKeepAlive    = 20 * time.Second
)

// maxBody bounds a request body of the JSON API.
const maxBody = 64 << 10

// Options configure a Handler.
type Options struct {
	// Discord is the local Discord the bot is connected to; World must
	// have been created in it with NewWorld.
	Discord *localdiscord.Server
	World   World
	// Logger receives request failures; nil discards them.
	Logger *slog.Logger
	// AnyHost accepts requests whatever their Host header. Off, only
	// loopback names (127.0.0.1, ::1, localhost) are served, so a web
	// page elsewhere cannot reach the playground through DNS rebinding.
	AnyHost bool
	// MessageLimit is how many of each channel's latest messages the state
	// holds; default DefaultMessageLimit.
	MessageLimit int
	// KeepAlive is how often an idle event stream sends a comment, so
	// proxies and browsers keep it open; default DefaultKeepAlive.
	KeepAlive time.Duration
}

// Handler serves the playground page, its JSON API and its event stream.
// Create it with New; Close ends the event streams (call it before
// http.Server.Shutdown, which does not end streaming responses).
type Handler struct {
	srv     *localdiscord.Server
	world   World
	people  map[string]person
	log     *slog.Logger
	anyHost bool
	limit   int
	alive   time.Duration
	mux     *http.ServeMux

	ctx     context.Context // done once Close is called
	cancel  context.CancelFunc
	streams sync.WaitGroup
}

// New returns a handler for a world in a local Discord.
func New(opts Options) (*Handler, error) {
	if opts.Discord == nil {
		return nil, errors.New("playground: no localdiscord server")
	}
	if opts.World.General.ID == "" || opts.World.Member.ID == "" || opts.World.Moderator.ID == "" {
		return nil, errors.New("playground: world not created (see NewWorld)")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.MessageLimit <= 0 {
		opts.MessageLimit = DefaultMessageLimit
	}
	if opts.KeepAlive <= 0 {
		opts.KeepAlive = DefaultKeepAlive
	}
	h := &Handler{
		srv: opts.Discord, world: opts.World, people: map[string]person{}, log: opts.Logger,
		anyHost: opts.AnyHost, limit: opts.MessageLimit, alive: opts.KeepAlive, mux: http.NewServeMux(),
	}
	for _, p := range opts.World.people() {
		h.people[p.user.ID] = p
	}
	h.ctx, h.cancel = context.WithCancel(context.Background())
	h.mux.HandleFunc("GET /api/state", h.serveState)
	h.mux.HandleFunc("GET /api/events", h.serveEvents)
	h.mux.HandleFunc("POST /api/messages", h.postMessage)
	h.mux.HandleFunc("POST /api/commands", h.runCommand)
	h.mux.HandleFunc("POST /api/press", h.press)
	h.mux.HandleFunc("POST /api/message-command", h.runMessageCommand)
	serveAssets(h.mux)
	return h, nil
}

// Close ends the event streams and waits for them to return.
func (h *Handler) Close() {
	h.cancel()
	h.streams.Wait()
}

// ServeHTTP checks the request's host and origin, then serves it.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("X-Frame-Options", "DENY")
	if !h.anyHost && !loopbackHost(r.Host) {
		writeError(w, http.StatusMisdirectedRequest, "the playground answers only on 127.0.0.1, ::1 and localhost")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if err := sameOrigin(r); err != nil {
			writeError(w, http.StatusForbidden, err.Error())
			return
		}
	}
	h.mux.ServeHTTP(w, r)
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameOrigin refuses a state-changing request sent by another site: it
// must be JSON (a cross-site form cannot send that without a preflight
// the handler never grants) and, when the browser says where it comes
// from, come from the page's own origin.
func sameOrigin(r *http.Request) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		return errors.New("send JSON (Content-Type: application/json)")
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return errors.New("cross-site request refused")
	}
	if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host && o != "https://"+r.Host {
		return errors.New("cross-origin request refused")
	}
	return nil
}

// viewer resolves the user a request acts or looks as: a user ID, or a
// role ("member", "moderator").
func (h *Handler) viewer(id string) (person, error) {
	if p, ok := h.people[id]; ok {
		return p, nil
	}
	for _, p := range h.people {
		if p.role == id {
			return p, nil
		}
	}
	return person{}, errors.New("unknown user: use the id or role of one of the playground's users (see /api/state)")
}

// decode reads a JSON request body into v, refusing unknown fields.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return errors.New("bad request body: " + err.Error())
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client may have gone; nothing to do
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
