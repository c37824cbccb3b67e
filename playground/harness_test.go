package playground_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/bot"
	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/localdiscord"
	"github.com/footnote-bot/footnote/localdiscord/localdiscordtest"
	"github.com/footnote-bot/footnote/playground"
)

// The API tests run the real bot (extractive, over the built-in corpus)
// against localdiscord, with the playground's handler in an httptest
// server; only Discord is a fake.

// waitTimeout bounds every wait of a test.
const waitTimeout = 30 * time.Second

// local is a playground in the test process: a local Discord, the World,
// the running bot and the handler behind an httptest server.
type local struct {
	srv     *localdiscord.Server
	world   playground.World
	handler *playground.Handler
	ts      *httptest.Server
}

// localOptions configure newLocal.
type localOptions struct {
	// retention caps what the local Discord keeps, as the playground
	// command does (0: everything, as tests need).
	retention int
	// quiet sends nothing to the test log (for benchmarks).
	quiet bool
	// keepAlive is the handler's keep-alive interval (default: the
	// handler's).
	keepAlive time.Duration
}

func newLocal(tb testing.TB, o localOptions) *local {
	tb.Helper()
	var out io.Writer = io.Discard
	level := slog.LevelWarn
	if !o.quiet {
		lw := localdiscordtest.NewLogWriter(tb)
		out = lw
	}
	log := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: level}))
	srv, err := localdiscord.New(localdiscord.Options{
		HeartbeatInterval: 30 * time.Second,
		RequestLogLimit:   100,
		Retention:         o.retention,
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := srv.Close(); err != nil {
			tb.Errorf("close discord: %v", err)
		}
	})
	world, err := playground.NewWorld(srv)
	if err != nil {
		tb.Fatal(err)
	}
	ix := localdiscordtest.BuiltinIndex(tb)
	ans := answer.NewService(func() answer.Corpus { return ix }, nil, 0, nil)
	b, err := bot.New(bot.Config{
		Token:          srv.Token(),
		GuildID:        world.Guild.ID,
		HTTPClient:     srv.HTTPClient(),
		MessageContent: true,
		DataDir:        tb.TempDir(),
		ShutdownGrace:  5 * time.Second,
		Logger:         log,
	}, ans, func() []library.Article { return library.Articles(ix) })
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(localdiscordtest.Start(tb, waitTimeout, b.Run, b.Ready()))
	h, err := playground.New(playground.Options{Discord: srv, World: world, Logger: log, KeepAlive: o.keepAlive})
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(h)
	tb.Cleanup(func() {
		h.Close() // ends the event streams, which ts.Close waits for
		ts.Close()
	})
	return &local{srv: srv, world: world, handler: h, ts: ts}
}

// post sends a JSON body as the page does and decodes the JSON answer.
func (l *local) post(tb testing.TB, path string, body any) (int, map[string]any) {
	tb.Helper()
	status, out, err := l.postErr(path, body)
	if err != nil {
		tb.Fatal(err)
	}
	return status, out
}

// postErr is post for goroutines other than the test's.
func (l *local) postErr(path string, body any) (int, map[string]any, error) {
	data, err := json.Marshal(body)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequest(http.MethodPost, l.ts.URL+path, bytes.NewReader(data))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return l.doErr(req)
}

func (l *local) do(tb testing.TB, req *http.Request) (int, map[string]any) {
	tb.Helper()
	status, out, err := l.doErr(req)
	if err != nil {
		tb.Fatal(err)
	}
	return status, out
}

func (l *local) doErr(req *http.Request) (int, map[string]any, error) {
	resp, err := l.ts.Client().Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return resp.StatusCode, nil, fmt.Errorf("%s %s: decode answer (status %d): %w", req.Method, req.URL.Path, resp.StatusCode, err)
	}
	return resp.StatusCode, out, nil
}

// start posts an action that starts an interaction (/api/commands,
// /api/press, /api/message-command) and returns the interaction's id.
func (l *local) start(tb testing.TB, path string, body any) string {
	tb.Helper()
	id, err := l.startErr(path, body)
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// startErr is start for goroutines other than the test's.
func (l *local) startErr(path string, body any) (string, error) {
	status, out, err := l.postErr(path, body)
	if err != nil {
		return "", err
	}
	if status != http.StatusAccepted {
		return "", fmt.Errorf("%s: status %d: %v", path, status, out)
	}
	in, _ := out["interaction"].(map[string]any)
	id, _ := in["id"].(string)
	if id == "" {
		return "", fmt.Errorf("%s: no interaction id in %v", path, out)
	}
	return id, nil
}

// sseEvent is one event of /api/events.
type sseEvent struct {
	ID   string
	Name string
	Data json.RawMessage
}

// message decodes a message event's data.
func (e sseEvent) message() eventMessage {
	var m eventMessage
	_ = json.Unmarshal(e.Data, &m)
	return m
}

// eventMessage is the part of the page's message JSON the tests look at.
type eventMessage struct {
	ID        string `json:"id"`
	ChannelID string `json:"channel_id"`
	Content   string `json:"content"`
	Ephemeral bool   `json:"ephemeral"`
	Loading   bool   `json:"loading"`
	Type      int    `json:"type"`
	Author    struct {
		ID  string `json:"id"`
		Bot bool   `json:"bot"`
	} `json:"author"`
	Embeds []struct {
		Title  string `json:"title"`
		Footer *struct {
			Text string `json:"text"`
		} `json:"footer"`
		Fields []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"fields"`
	} `json:"embeds"`
	Components  json.RawMessage `json:"components"`
	Interaction *struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"interaction"`
	Thread *struct {
		ID string `json:"id"`
	} `json:"thread"`
}

// answered reports whether a message is a finished footnote answer.
func (m eventMessage) answered() bool {
	for _, e := range m.Embeds {
		if e.Footer != nil && strings.HasPrefix(e.Footer.Text, "footnote") && !m.Loading {
			return true
		}
	}
	return false
}

// sseStream reads /api/events for one user.
type sseStream struct {
	events chan sseEvent
	body   io.Closer
	done   chan struct{} // closed when the stream ends
}

// openEvents connects to the event stream as user; the connection closes
// at the end of the test.
func (l *local) openEvents(tb testing.TB, user string) *sseStream {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, l.ts.URL+"/api/events?user="+user, nil)
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := l.ts.Client().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		tb.Fatalf("events: status %d, content type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	s := &sseStream{events: make(chan sseEvent, 4096), body: resp.Body, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.Name != "" {
					select {
					case s.events <- ev:
					case <-ctx.Done():
						return
					}
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "id: "):
				ev.ID = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "event: "):
				ev.Name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.Data = json.RawMessage(strings.TrimPrefix(line, "data: "))
			}
		}
	}()
	return s
}

// next returns the first event satisfying match, skipping others.
func (s *sseStream) next(tb testing.TB, ctx context.Context, what string, match func(sseEvent) bool) sseEvent {
	tb.Helper()
	ev, err := s.nextErr(ctx, match)
	if err != nil {
		tb.Fatalf("waiting for %s: %v", what, err)
	}
	return ev
}

// nextErr is next for goroutines other than the test's.
func (s *sseStream) nextErr(ctx context.Context, match func(sseEvent) bool) (sseEvent, error) {
	for {
		select {
		case ev := <-s.events:
			if match(ev) {
				return ev, nil
			}
		case <-s.done:
			return sseEvent{}, errors.New("the event stream ended")
		case <-ctx.Done():
			return sseEvent{}, ctx.Err()
		}
	}
}

func testContext(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	tb.Cleanup(cancel)
	return ctx
}
