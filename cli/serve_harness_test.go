package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/footnote-bot/footnote/cli"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/llm/llmtest"
	"github.com/footnote-bot/footnote/localdiscord"
	"github.com/footnote-bot/footnote/localdiscord/localdiscordtest"
)

// The serve tests run `footnote serve` as main does, through cli.Run, against
// localdiscord (a local Discord-compatible REST and gateway server) and, for
// generative answers, llmtest (a local OpenAI-compatible server). They look
// at what an operator sees: the admin listener, the logs and the commands.

const (
	// serveSpecPath is Discord's OpenAPI document, relative to this package.
	serveSpecPath = "../testdata/discord-api-spec/openapi.json"
	// serveWait bounds every wait of a test.
	serveWait = 20 * time.Second
	// serveStopWait is how long serve may take to return once its context
	// ends: discordgo's close waits 1 s, the admin listener up to 5 s.
	serveStopWait = 15 * time.Second

	serveAskGlas = "Who was arrested at the Mexican embassy in Quito?"
	serveAskTies = "Why did Mexico break diplomatic ties with Ecuador?"

	// Custom ids of the vote buttons, as Discord sends them back.
	serveVoteUp   = "footnote:vote:up"
	serveVoteDown = "footnote:vote:down"

	// serveMemberPerms are a plain member's permissions in a channel.
	serveMemberPerms = localdiscord.PermissionViewChannel | localdiscord.PermissionSendMessages | localdiscord.PermissionReadMessageHistory

	serveRouteCallback = "/interactions/{interaction_id}/{interaction_token}/callback"
)

// newServeDiscord starts a local Discord whose bot token is token (empty:
// localdiscord's default). At the end of the test, once the serve processes
// started after it have stopped, every REST request must have conformed to
// Discord's OpenAPI document.
func newServeDiscord(t *testing.T, token string) *localdiscord.Server {
	t.Helper()
	tl := localdiscordtest.NewLogWriter(t) // its cleanup runs last
	srv, err := localdiscord.New(localdiscord.Options{
		Validator: localdiscordtest.Spec(t, serveSpecPath),
		Token:     token,
		// well above discordgo's 1 s close sleep, so no heartbeat races it
		HeartbeatInterval: 30 * time.Second,
		Logf:              tl.Logf,
	})
	if err != nil {
		t.Fatalf("localdiscord: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Audit(); err != nil {
			t.Error(err)
		}
		if srv.ValidatedCount() == 0 {
			t.Error("no REST request was validated against Discord's OpenAPI document")
		}
		if err := srv.Close(); err != nil {
			t.Errorf("close discord: %v", err)
		}
	})
	return srv
}

// serveGuild is a guild with a text channel and a member.
type serveGuild struct {
	guild   localdiscord.Guild
	channel localdiscord.Channel
	alice   localdiscord.User
}

// addServeGuild adds a guild (id "" is generated) with a channel and a
// member.
func addServeGuild(t *testing.T, srv *localdiscord.Server, id string) serveGuild {
	t.Helper()
	g, err := srv.AddGuild(localdiscord.Guild{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := srv.AddChannel(localdiscord.Channel{GuildID: g.ID, Name: "news"})
	if err != nil {
		t.Fatal(err)
	}
	return serveGuild{guild: g, channel: ch, alice: srv.AddUser(localdiscord.User{Username: "alice"})}
}

// guildOnShard returns the id of a guild that Discord puts on shard of
// count shards: (id >> 22) % count == shard. seq (below 1<<22) tells guilds
// of one shard apart.
func guildOnShard(shard, count int, seq uint64) string {
	ts := uint64(290_000_000_000) // milliseconds since Discord's epoch: 2024
	ts = ts - ts%uint64(count) + uint64(shard)
	return strconv.FormatUint(ts<<22|seq, 10)
}

// ask sends /ask as the guild's member and returns the interaction.
func (g serveGuild) ask(t *testing.T, srv *localdiscord.Server, q string) localdiscord.InteractionState {
	t.Helper()
	in, err := srv.SendSlashCommand(localdiscord.SlashCommand{
		Invoker: localdiscord.Invoker{GuildID: g.guild.ID, ChannelID: g.channel.ID, User: g.alice, Permissions: serveMemberPerms},
		Name:    "ask",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{localdiscord.StringOption("question", q)},
	})
	if err != nil {
		t.Fatalf("send /ask: %v", err)
	}
	return in
}

// serveAnswer waits for an interaction's response message to be a footnote
// answer (an embed with footnote's footer) and returns it.
func serveAnswer(ctx context.Context, t *testing.T, srv *localdiscord.Server, id string) localdiscord.Message {
	t.Helper()
	st, err := srv.WaitInteraction(ctx, id, func(s localdiscord.InteractionState) bool { return s.Acked })
	if err != nil {
		t.Fatal(err)
	}
	m, err := srv.WaitMessage(ctx, st.ChannelID, func(m localdiscord.Message) bool {
		if m.ID != st.OriginalMessageID {
			return false
		}
		for _, e := range m.Embeds {
			if e.Footer != nil && strings.HasPrefix(e.Footer.Text, "footnote") {
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("answer of interaction %s: %v", id, err)
	}
	return m
}

// serveLog collects what a command writes, safe for concurrent use, and
// wakes waiters on every write.
type serveLog struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newServeLog() *serveLog { return &serveLog{changed: make(chan struct{})} }

func (l *serveLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	close(l.changed)
	l.changed = make(chan struct{})
	return len(p), nil
}

func (l *serveLog) String() string {
	s, _ := l.snapshot()
	return s
}

// snapshot returns what was written and a channel closed by the next write.
func (l *serveLog) snapshot() (string, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String(), l.changed
}

// serveRecord is one JSON log line.
type serveRecord map[string]any

func (r serveRecord) str(k string) string {
	switch v := r[k].(type) {
	case string:
		return v
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// parseRecords parses the complete lines of text as JSON objects; lines
// that are not are returned apart.
func parseRecords(text string) (recs []serveRecord, bad []string) {
	if i := strings.LastIndexByte(text, '\n'); i >= 0 {
		text = text[:i+1]
	} else {
		return nil, nil
	}
	for line := range strings.Lines(text) {
		line = strings.TrimSuffix(line, "\n")
		var r serveRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			bad = append(bad, line)
			continue
		}
		recs = append(recs, r)
	}
	return recs, bad
}

// records parses every line written so far; every line must be JSON.
func (l *serveLog) records(t *testing.T) []serveRecord {
	t.Helper()
	recs, bad := parseRecords(l.String())
	for _, b := range bad {
		t.Errorf("log line is not JSON (FOOTNOTE_LOG_FORMAT=json): %q", b)
	}
	return recs
}

// wait returns the first record that satisfies match, waiting for more
// lines until ctx ends.
func (l *serveLog) wait(ctx context.Context, match func(serveRecord) bool) (serveRecord, error) {
	for {
		text, changed := l.snapshot()
		recs, _ := parseRecords(text)
		for _, r := range recs {
			if match(r) {
				return r, nil
			}
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, fmt.Errorf("wait for log line: %w", context.Cause(ctx))
		}
	}
}

// serveProc is one `footnote serve` running in this process.
type serveProc struct {
	t              *testing.T
	name           string
	env            map[string]string
	stdout, stderr *serveLog
	// admin is the admin listener's address, host:port.
	admin  string
	cancel context.CancelFunc
	done   chan struct{}
	err    error // Run's result, once done is closed

	stopOnce sync.Once
	// took is how long Run took to return once its context ended.
	took time.Duration
}

// serveEnv is the environment of a serve against srv: a fresh data folder,
// the admin listener on a free port of 127.0.0.1 (it logs which), JSON logs
// at debug level; extra are more variables, name then value.
func serveEnv(t *testing.T, srv *localdiscord.Server, extra ...string) map[string]string {
	t.Helper()
	env := map[string]string{
		"DISCORD_TOKEN":            srv.Token(),
		"FOOTNOTE_DISCORD_API_URL": srv.URL(),
		"FOOTNOTE_DATA_DIR":        t.TempDir(),
		"FOOTNOTE_HTTP_ADDR":       "127.0.0.1:0",
		"FOOTNOTE_LOG_FORMAT":      "json",
		"FOOTNOTE_LOG_LEVEL":       "debug",
	}
	if len(extra)%2 != 0 {
		t.Fatalf("serveEnv: odd number of extra arguments %q", extra)
	}
	for i := 0; i < len(extra); i += 2 {
		env[extra[i]] = extra[i+1]
	}
	return env
}

// launchServe starts `footnote serve` with env; it is stopped when the test
// ends. waitReady waits for it to serve.
func launchServe(t *testing.T, name string, env map[string]string) *serveProc {
	t.Helper()
	p := &serveProc{t: t, name: name, env: maps.Clone(env), stdout: newServeLog(), stderr: newServeLog(), done: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	go func() {
		defer close(p.done)
		p.err = cli.Run(ctx, []string{"serve"}, func(k string) string { return p.env[k] }, p.stdout, p.stderr)
	}()
	t.Cleanup(func() {
		p.stop()
		if t.Failed() {
			t.Logf("%s stdout:\n%s\n%s stderr:\n%s", name, p.stdout.String(), name, p.stderr.String())
		}
	})
	return p
}

// startServe launches serve and waits until it is ready.
func startServe(t *testing.T, name string, env map[string]string) *serveProc {
	t.Helper()
	p := launchServe(t, name, env)
	p.waitReady()
	return p
}

// waitReady waits for the admin listener's address in the log, then polls
// /readyz until it answers 200. It fails the test if serve returns first.
func (p *serveProc) waitReady() {
	t := p.t
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), serveWait)
	defer cancel()
	go func() {
		select {
		case <-p.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	fail := func(format string, args ...any) {
		t.Helper()
		select {
		case <-p.done:
			t.Fatalf("%s: serve returned %v before it was ready\nstderr:\n%s", p.name, p.err, p.stderr.String())
		default:
		}
		t.Fatalf(format, args...)
	}
	rec, err := p.stderr.wait(ctx, func(r serveRecord) bool { return r.str("msg") == "admin listener started" })
	if err != nil {
		fail("%s: the admin listener never said it started: %v", p.name, err)
	}
	p.admin = rec.str("addr")
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		code, body, err := serveGet(ctx, "http://"+p.admin+"/readyz")
		if err == nil && code == http.StatusOK {
			return
		}
		select {
		case <-ctx.Done():
			fail("%s: /readyz never answered 200: last %d %q %v", p.name, code, body, err)
		case <-tick.C:
		}
	}
}

// stop ends serve's context and waits for Run to return; a Run that does
// not return within serveStopWait fails the test (shutdown hangs), as does
// an error other than the context's.
func (p *serveProc) stop() {
	p.stopOnce.Do(func() {
		start := time.Now()
		p.cancel()
		select {
		case <-p.done:
			p.took = time.Since(start)
			if p.err != nil && !errors.Is(p.err, context.Canceled) {
				p.t.Errorf("%s: serve returned %v after its context ended", p.name, p.err)
			}
		case <-time.After(serveStopWait):
			p.t.Errorf("%s: serve had not returned %v after its context ended: shutdown hangs", p.name, serveStopWait)
		}
	})
}

// serveHTTP is the tests' HTTP client: no proxy, no pooled connections
// left behind.
var serveHTTP = &http.Client{Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}, Timeout: 5 * time.Second}

func serveGet(ctx context.Context, u string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, "", err
	}
	resp, err := serveHTTP.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// get GETs a path of the admin listener.
func (p *serveProc) get(path string) (int, string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), serveWait)
	defer cancel()
	code, body, err := serveGet(ctx, "http://"+p.admin+path)
	if err != nil {
		p.t.Fatalf("%s: GET %s: %v", p.name, path, err)
	}
	return code, body
}

// waitMetrics scrapes /metrics until ok accepts a scrape, for what is
// recorded after the last thing a test can wait for (an acknowledgement is
// measured once Discord has it). It returns the last scrape.
func (p *serveProc) waitMetrics(ctx context.Context, ok func(serveMetrics) bool) serveMetrics {
	p.t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		m := p.metrics()
		if ok(m) {
			return m
		}
		select {
		case <-ctx.Done():
			return m
		case <-tick.C:
		}
	}
}

// serveMetrics is a /metrics scrape.
type serveMetrics map[string]*dto.MetricFamily

// metrics scrapes /metrics and parses it as Prometheus' text format.
func (p *serveProc) metrics() serveMetrics {
	p.t.Helper()
	code, body := p.get("/metrics")
	if code != http.StatusOK {
		p.t.Fatalf("%s: /metrics answered %d: %s", p.name, code, body)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		p.t.Fatalf("%s: /metrics is not Prometheus' text format: %v\n%s", p.name, err, body)
	}
	return fams
}

// series returns the series of a family whose labels include labels
// ("name", "value", ...).
func (m serveMetrics) series(name string, labels ...string) []*dto.Metric {
	var out []*dto.Metric
	for _, mt := range m[name].GetMetric() {
		have := map[string]string{}
		for _, l := range mt.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		ok := true
		for i := 0; i+1 < len(labels); i += 2 {
			if have[labels[i]] != labels[i+1] {
				ok = false
			}
		}
		if ok {
			out = append(out, mt)
		}
	}
	return out
}

// value is the value of the one series of a counter or gauge with labels;
// ok is false when there is no such series.
func (m serveMetrics) value(name string, labels ...string) (v float64, ok bool) {
	s := m.series(name, labels...)
	if len(s) != 1 {
		return 0, false
	}
	switch {
	case s[0].Counter != nil:
		return s[0].GetCounter().GetValue(), true
	case s[0].Gauge != nil:
		return s[0].GetGauge().GetValue(), true
	case s[0].Untyped != nil:
		return s[0].GetUntyped().GetValue(), true
	}
	return 0, false
}

// count is the sample count of the one histogram series with labels.
func (m serveMetrics) count(name string, labels ...string) (n uint64, ok bool) {
	s := m.series(name, labels...)
	if len(s) != 1 || s[0].Histogram == nil {
		return 0, false
	}
	return s[0].GetHistogram().GetSampleCount(), true
}

// sum adds up every series of a counter family.
func (m serveMetrics) sum(name string) float64 {
	total := 0.0
	for _, mt := range m[name].GetMetric() {
		total += mt.GetCounter().GetValue()
	}
	return total
}

// serveResult is what one other command printed and returned.
type serveResult struct {
	stdout, stderr string
	err            error
	code           int
}

// runFootnote runs another footnote command with env, as main would.
func runFootnote(t *testing.T, env map[string]string, args ...string) serveResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), serveWait)
	defer cancel()
	var out, errb bytes.Buffer
	err := cli.Run(ctx, args, func(k string) string { return env[k] }, &out, &errb)
	return serveResult{out.String(), errb.String(), err, cli.ExitCode(err)}
}

// serveSourceRe finds the numbered sources of an answer prompt.
var serveSourceRe = regexp.MustCompile(`(?s)<source n="(\d+)"[^>]*>\n(.*?)\n</source>`)

// serveCite answers like a well-behaved model: the first sentence of
// source 1, cited.
func serveCite(r llmtest.ChatRequest) llmtest.Reply {
	m := serveSourceRe.FindStringSubmatch(r.LastUser())
	if m == nil {
		return llmtest.Reply{Text: "NOT_IN_SOURCES"}
	}
	text := m[2]
	if spans := lang.Sentences(text); len(spans) > 0 {
		text = text[spans[0].Start:spans[0].End]
	}
	return llmtest.Reply{Text: strings.TrimSpace(text) + " [" + m[1] + "]"}
}
