// Package admin is footnote's admin HTTP listener: /healthz for liveness,
// /readyz for readiness and /metrics for Prometheus. Probe is the client side
// of /healthz, for `footnote healthcheck` (a container's HEALTHCHECK).
package admin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Timeouts of the listener.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	WriteTimeout      = 30 * time.Second
	IdleTimeout       = 60 * time.Second
	// ShutdownTimeout bounds the graceful shutdown once Run's context ends.
	ShutdownTimeout = 5 * time.Second
	// ProbeTimeout bounds Probe when its context has no earlier deadline.
	ProbeTimeout = 3 * time.Second
)

// Server is the admin listener.
type Server struct {
	addr    string
	log     *slog.Logger
	handler http.Handler
}

// New returns the admin listener for addr (like ":8080"). ready reports why
// the process cannot serve yet (nil when it can); a nil ready is always
// ready. A nil reg serves no /metrics; a nil log discards.
func New(addr string, reg *prometheus.Registry, ready func() error, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if ready == nil {
		ready = func() error { return nil }
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		text(w, http.StatusOK, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if err := ready(); err != nil {
			text(w, http.StatusServiceUnavailable, "not ready: "+err.Error())
			return
		}
		text(w, http.StatusOK, "ready")
	})
	if reg != nil {
		h := promhttp.HandlerFor(reg, promhttp.HandlerOpts{
			ErrorLog:          slogPrintln{log},
			ErrorHandling:     promhttp.ContinueOnError,
			Registry:          reg,
			Timeout:           WriteTimeout - time.Second,
			EnableOpenMetrics: true,
		})
		mux.Handle("GET /metrics", promhttp.InstrumentMetricHandler(reg, h))
	}
	return &Server{addr: addr, log: log, handler: mux}
}

func text(w http.ResponseWriter, code int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	io.WriteString(w, body+"\n")
}

type slogPrintln struct{ log *slog.Logger }

func (l slogPrintln) Println(v ...any) {
	l.log.Warn("metrics: " + strings.TrimSuffix(fmt.Sprintln(v...), "\n"))
}

// Handler is the listener's routes, for tests and for mounting elsewhere.
func (s *Server) Handler() http.Handler { return s.handler }

// Run listens on the server's address and serves until ctx is done, then
// shuts down gracefully (waiting up to ShutdownTimeout for requests in
// flight). It returns nil after a graceful shutdown, and at once when the
// address is empty (the listener is off).
func (s *Server) Run(ctx context.Context) error {
	if s.addr == "" {
		return nil
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.addr)
	if err != nil {
		return fmt.Errorf("admin: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve is Run on a listener the caller opened; it closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	s.log.Info("admin listener started", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("admin: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		srv.Close()
		return fmt.Errorf("admin: shutdown: %w", err)
	}
	s.log.Info("admin listener stopped")
	return nil
}

// HealthURL is the /healthz URL of a listener on addr, as seen from the same
// host: ":8080" and "0.0.0.0:8080" become http://127.0.0.1:8080/healthz,
// "[::]:8080" becomes http://[::1]:8080/healthz.
func HealthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("admin address %q: %w", addr, err)
	}
	if port == "" {
		return "", fmt.Errorf("admin address %q has no port", addr)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return (&url.URL{Scheme: "http", Host: net.JoinHostPort(host, port), Path: "/healthz"}).String(), nil
}

// Probe GETs target and returns an error unless the answer is 200 OK.
// target is a URL (a URL without a path gets /healthz) or a listener
// address like ":8080" (see HealthURL). It gives up after ProbeTimeout,
// ignores proxy settings and follows no redirects.
func Probe(ctx context.Context, target string) error {
	u := target
	if !strings.Contains(target, "://") {
		var err error
		if u, err = HealthURL(target); err != nil {
			return err
		}
	} else if p, err := url.Parse(target); err == nil && (p.Path == "" || p.Path == "/") {
		p.Path = "/healthz"
		u = p.String()
	}
	ctx, cancel := context.WithTimeout(ctx, ProbeTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("health probe: %w", err)
	}
	client := &http.Client{
		Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("health probe: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode != http.StatusOK {
		msg := strings.TrimSpace(string(body))
		if msg != "" {
			msg = ": " + msg
		}
		return fmt.Errorf("health probe: %s answered %s%s", u, resp.Status, msg)
	}
	return nil
}
