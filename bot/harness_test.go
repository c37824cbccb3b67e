package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/bot"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/llm"
	"github.com/footnote-bot/footnote/llm/llmtest"
	"github.com/footnote-bot/footnote/localdiscord"
	"github.com/footnote-bot/footnote/localdiscord/localdiscordtest"
)

// The end-to-end tests run the real bot (a discordgo session) against
// localdiscord, a local Discord, and answer with the real engine over the
// built-in corpus; generative answers come from the real llm client talking
// to llmtest, a local OpenAI-compatible server. Only Discord and the model
// API are fakes.

// specPath is Discord's OpenAPI document, relative to this package.
const specPath = "../testdata/discord-api-spec/openapi.json"

// waitTimeout bounds every wait of a test.
const waitTimeout = 20 * time.Second

// Route templates of localdiscord that the tests look at.
const (
	routeCallback    = "/interactions/{interaction_id}/{interaction_token}/callback"
	routeOriginal    = "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
	routeFollowup    = "/webhooks/{webhook_id}/{webhook_token}"
	routeWebhookMsg  = "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"
	routeMessages    = "/channels/{channel_id}/messages"
	routeMessage     = "/channels/{channel_id}/messages/{message_id}"
	routePinLegacy   = "/channels/{channel_id}/pins/{message_id}"
	routePin         = "/channels/{channel_id}/messages/pins/{message_id}"
	routeThreadStart = "/channels/{channel_id}/messages/{message_id}/threads"
)

// Totals over every harness of the test binary, printed by TestMain.
var (
	totalValidated  atomic.Int64
	totalBodies     atomic.Int64
	totalViolations atomic.Int64
)

func TestMain(m *testing.M) {
	code := m.Run()
	if n := totalValidated.Load(); n > 0 {
		fmt.Printf("bot e2e: %d REST requests (%d with JSON bodies) validated against Discord's OpenAPI spec, %d violations\n",
			n, totalBodies.Load(), totalViolations.Load())
	}
	if totalViolations.Load() > 0 && code == 0 {
		code = 1
	}
	os.Exit(code)
}

// chatModel adapts the llm client to answer.ChatModel, as cli's adapter
// does (it is unexported there).
type chatModel struct{ c *llm.Client }

func (m chatModel) Stream(ctx context.Context, system, user string, onDelta func(string)) (string, error) {
	text, _, err := m.c.ChatStream(ctx, chatMessages(system, user), llm.ChatOptions{Temperature: 0.1}, onDelta)
	return text, err
}

func (m chatModel) Complete(ctx context.Context, system, user string) (string, error) {
	text, _, err := m.c.Chat(ctx, chatMessages(system, user), llm.ChatOptions{Temperature: 0.1, MaxTokens: 200})
	return text, err
}

func chatMessages(system, user string) []llm.Message {
	return []llm.Message{{Role: "system", Content: system}, {Role: "user", Content: user}}
}

// sourceRe finds the numbered sources of an answer or summary prompt.
var sourceRe = regexp.MustCompile(`(?s)<source n="(\d+)"[^>]*>\n(.*?)\n</source>`)

// scriptedModel answers like a well-behaved model: for an answer or summary
// prompt it quotes the first sentence of source 1 and cites it; for a
// condensation prompt it returns a fixed standalone question. Every prompt
// is kept.
type scriptedModel struct {
	// reply shapes the streamed reply around the cited sentence; nil sends
	// it word by word at once.
	reply func(cited string) llmtest.Reply
	// standalone is the condensed question; empty echoes the last question.
	standalone string

	mu       sync.Mutex
	prompts  []llmtest.ChatRequest
	condense []string // user messages of condensation prompts
}

func (m *scriptedModel) respond(req llmtest.ChatRequest) llmtest.Reply {
	m.mu.Lock()
	m.prompts = append(m.prompts, req)
	m.mu.Unlock()
	user := req.LastUser()
	if strings.Contains(user, "<conversation>") {
		m.mu.Lock()
		m.condense = append(m.condense, user)
		m.mu.Unlock()
		if m.standalone != "" {
			return llmtest.Reply{Text: m.standalone}
		}
		_, last, _ := strings.Cut(user, "Last question: ")
		return llmtest.Reply{Text: strings.TrimSpace(last)}
	}
	src := sourceRe.FindStringSubmatch(user)
	if src == nil {
		return llmtest.Reply{Text: "NOT_IN_SOURCES"}
	}
	cited := firstSentence(src[2]) + " [" + src[1] + "]"
	if m.reply != nil {
		return m.reply(cited)
	}
	return llmtest.Reply{Text: cited}
}

// answerPrompts returns the user messages of answer prompts received.
func (m *scriptedModel) answerPrompts() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, p := range m.prompts {
		if u := p.LastUser(); strings.Contains(u, "<sources>") {
			out = append(out, u)
		}
	}
	return out
}

func (m *scriptedModel) condensePrompts() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.condense)
}

func firstSentence(text string) string {
	spans := lang.Sentences(text)
	if len(spans) == 0 {
		return strings.TrimSpace(text)
	}
	return strings.TrimSpace(text[spans[0].Start:spans[0].End])
}

// harnessOptions configure a harness; the zero value is a generative bot
// with one worker per question and fast streaming edits.
type harnessOptions struct {
	// extractive answers without a model.
	extractive bool
	model      *scriptedModel
	workers    int
	edit       time.Duration
	pinLimit   int
	// quiet logs only warnings of the bot (for many questions).
	quiet bool
	// llmOptions configure the model server (e.g. a hook holding requests).
	llmOptions []llmtest.Option
	// transport wraps the bot's REST transport (e.g. to slow one request
	// down as a congested network would).
	transport func(http.RoundTripper) http.RoundTripper
	// library gives the bot a corpus folder it may change (/ingest,
	// /forget, /timeline), and a web the test serves (h.web).
	library bool
}

// harness is a running bot in a local Discord, with a guild, a text channel,
// a member and a moderator.
type harness struct {
	t       testing.TB
	srv     *localdiscord.Server
	llm     *llmtest.Server // nil when extractive
	model   *scriptedModel
	bot     *bot.Bot
	dataDir string

	cfg      bot.Config
	answerer bot.Answerer
	sources  func() []library.Article
	stop     func() // stops the running bot

	guild   localdiscord.Guild
	channel localdiscord.Channel
	alice   localdiscord.User // a member without moderation rights
	mod     localdiscord.User // a moderator (Pin Messages)

	// with harnessOptions.library: the corpus folder and the web pages the
	// test serves at http://news.example/ (a public address to the bot)
	corpusDir string
	web       *testWeb
}

// memberPerms and modPerms are what Discord computes for the two users in
// the channel.
const (
	memberPerms = localdiscord.PermissionViewChannel | localdiscord.PermissionSendMessages | localdiscord.PermissionReadMessageHistory
	modPerms    = memberPerms | localdiscord.PermissionPinMessages
)

func newHarness(t testing.TB, o harnessOptions) *harness {
	t.Helper()
	lw := localdiscordtest.NewLogWriter(t) // its cleanup runs last: logs stay on until everything stopped
	if o.workers == 0 {
		o.workers = 4
	}
	if o.edit == 0 {
		o.edit = 50 * time.Millisecond
	}
	srv, err := localdiscord.New(localdiscord.Options{
		Validator: localdiscordtest.Spec(t, specPath),
		// well above discordgo's 1s close sleep: see DropConnections
		HeartbeatInterval: 30 * time.Second,
		PinLimit:          o.pinLimit,
		Logf:              lw.Logf,
	})
	if err != nil {
		t.Fatalf("localdiscord: %v", err)
	}
	h := &harness{t: t, srv: srv, dataDir: t.TempDir()}
	t.Cleanup(func() {
		h.audit()
		if err := srv.Close(); err != nil {
			t.Errorf("close discord: %v", err)
		}
	})
	if h.guild, err = srv.AddGuild(localdiscord.Guild{Name: "newsroom"}); err != nil {
		t.Fatal(err)
	}
	if h.channel, err = srv.AddChannel(localdiscord.Channel{GuildID: h.guild.ID, Name: "ecuador"}); err != nil {
		t.Fatal(err)
	}
	h.alice = srv.AddUser(localdiscord.User{Username: "alice"})
	h.mod = srv.AddUser(localdiscord.User{Username: "mod", GlobalName: "Maria Moderator"})

	ix := localdiscordtest.BuiltinIndex(t)
	current := func() answer.Corpus { return ix }
	var lib *library.Library
	if o.library {
		lib = h.newLibrary()
		current = func() answer.Corpus { return lib.Index() }
	}
	var model answer.ChatModel
	if !o.extractive {
		h.model = o.model
		if h.model == nil {
			h.model = &scriptedModel{}
		}
		h.llm = llmtest.NewServer(append([]llmtest.Option{llmtest.WithResponder(h.model.respond)}, o.llmOptions...)...)
		t.Cleanup(h.llm.Close)
		c, err := llm.New(llm.Config{
			BaseURL: h.llm.URL(), ChatModel: "scripted", Timeout: 10 * time.Second,
			MaxRetries: 1, BaseBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		})
		if err != nil {
			t.Fatal(err)
		}
		model = chatModel{c}
	}
	ans := answer.NewService(current, model, 10*time.Second, nil)

	level := slog.LevelDebug
	if o.quiet {
		level = slog.LevelWarn
	}
	var out io.Writer = lw
	hc := srv.HTTPClient()
	if o.transport != nil {
		hc.Transport = o.transport(hc.Transport)
	}
	h.cfg = bot.Config{
		Token:          srv.Token(),
		GuildID:        h.guild.ID,
		HTTPClient:     hc,
		MessageContent: true,
		DataDir:        h.dataDir,
		EditInterval:   o.edit,
		Workers:        o.workers,
		ShutdownGrace:  5 * time.Second,
		Logger:         slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: level})),
	}
	if lib != nil {
		h.cfg.Library = lib
	}
	h.answerer = ans
	h.sources = func() []library.Article {
		if lib != nil {
			return lib.Articles()
		}
		return library.Articles(ix)
	}
	t.Cleanup(h.stopBot)
	h.startBot()
	return h
}

// startBot starts a bot and waits until it is ready.
func (h *harness) startBot() {
	t := h.t
	t.Helper()
	b, err := bot.New(h.cfg, h.answerer, h.sources)
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	h.bot = b
	h.stop = localdiscordtest.Start(t, waitTimeout, b.Run, b.Ready())
}

// stopBot stops the running bot, if any, and waits for Run to return.
func (h *harness) stopBot() {
	if h.stop != nil {
		h.stop()
		h.stop = nil
	}
}

// restart stops the bot and starts a new one with the same configuration
// and data directory, as a deploy would.
func (h *harness) restart() {
	h.t.Helper()
	h.stopBot()
	h.startBot()
}

// mention sends "@footnote text" as alice in the harness's channel and
// waits for the answer in the thread it opens. It returns the mention
// (Discord gives a thread started from a message the message's id) and the
// answer.
func (h *harness) mention(ctx context.Context, text string) (asked, answer localdiscord.Message) {
	h.t.Helper()
	asked, err := h.srv.SendMessage(h.channel.ID, h.alice, "<@"+h.srv.BotUser().ID+"> "+text)
	if err != nil {
		h.t.Fatal(err)
	}
	answer, err = h.srv.WaitMessage(ctx, asked.ID, isAnswer)
	if err != nil {
		h.t.Fatalf("no answer in the thread: %v", err)
	}
	return asked, answer
}

func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	h.t.Cleanup(cancel)
	return ctx
}

func (h *harness) invoker(u localdiscord.User, perms int64) localdiscord.Invoker {
	return localdiscord.Invoker{GuildID: h.guild.ID, ChannelID: h.channel.ID, User: u, Permissions: perms}
}

// ask sends /ask as alice.
func (h *harness) ask(q string, private bool) localdiscord.InteractionState {
	h.t.Helper()
	opts := []*discordgo.ApplicationCommandInteractionDataOption{localdiscord.StringOption("question", q)}
	if private {
		opts = append(opts, localdiscord.BooleanOption("private", true))
	}
	st, err := h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(h.alice, memberPerms), Name: "ask", Options: opts})
	if err != nil {
		h.t.Fatalf("send /ask: %v", err)
	}
	return st
}

// acked waits for an interaction's acknowledgement.
func (h *harness) acked(ctx context.Context, id string) localdiscord.InteractionState {
	h.t.Helper()
	st, err := h.srv.WaitInteraction(ctx, id, func(s localdiscord.InteractionState) bool { return s.Acked })
	if err != nil {
		h.t.Fatal(err)
	}
	return st
}

// final waits for an interaction's response message to be a footnote answer
// (an embed with footnote's footer) and returns it.
func (h *harness) final(ctx context.Context, id string) localdiscord.Message {
	h.t.Helper()
	st := h.acked(ctx, id)
	m, err := h.srv.WaitMessage(ctx, st.ChannelID, func(m localdiscord.Message) bool {
		return m.ID == st.OriginalMessageID && isAnswer(m)
	})
	if err != nil {
		h.t.Fatalf("answer of interaction %s: %v", id, err)
	}
	return m
}

// reply waits for an interaction's response message to satisfy match.
func (h *harness) reply(ctx context.Context, id string, match func(localdiscord.Message) bool) localdiscord.Message {
	h.t.Helper()
	st := h.acked(ctx, id)
	m, err := h.srv.WaitMessage(ctx, st.ChannelID, func(m localdiscord.Message) bool {
		return m.ID == st.OriginalMessageID && m.Flags&localdiscord.MessageFlagLoading == 0 && match(m)
	})
	if err != nil {
		h.t.Fatalf("response of interaction %s: %v", id, err)
	}
	return m
}

// press presses a button of a message.
func (h *harness) press(u localdiscord.User, perms int64, messageID, customID string) localdiscord.InteractionState {
	h.t.Helper()
	st, err := h.srv.SendComponentPress(localdiscord.ComponentPress{
		Invoker: localdiscord.Invoker{GuildID: h.guild.ID, User: u, Permissions: perms}, MessageID: messageID, CustomID: customID,
	})
	if err != nil {
		h.t.Fatalf("press %s: %v", customID, err)
	}
	return st
}

func isAnswer(m localdiscord.Message) bool {
	for _, e := range m.Embeds {
		if e.Footer != nil && strings.HasPrefix(e.Footer.Text, "footnote") {
			return true
		}
	}
	return false
}

// customIDs lists a message's buttons by custom id, with their labels.
func customIDs(m localdiscord.Message) map[string]string {
	out := map[string]string{}
	for _, c := range m.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, b := range row.Components {
			if btn, ok := b.(*discordgo.Button); ok {
				label := btn.Label
				if btn.Emoji != nil {
					label = btn.Emoji.Name + " " + label
				}
				out[btn.CustomID] = label
			}
		}
	}
	return out
}

// audit checks, at the end of a test, that every REST request conformed to
// Discord's OpenAPI document and that every message the bot sent or edited
// allows no pings.
func (h *harness) audit() {
	t := h.t
	if err := h.srv.Audit(); err != nil {
		t.Error(err)
	}
	bodies := 0
	for _, r := range h.srv.Requests() {
		if len(r.Body) > 0 {
			bodies++
		}
		if err := checkNoPings(r); err != nil {
			t.Errorf("request %d %s %s: %v\nbody: %s", r.Seq, r.Method, r.APIPath, err, r.Body)
		}
	}
	n, v := h.srv.ValidatedCount(), len(h.srv.Violations())
	totalValidated.Add(int64(n))
	totalBodies.Add(int64(bodies))
	totalViolations.Add(int64(v))
	if n == 0 {
		t.Error("no request was validated against the OpenAPI spec")
	}
	t.Logf("%d REST requests (%d with JSON bodies) validated against Discord's OpenAPI spec, %d violations", n, bodies, v)
}

// checkNoPings checks that a request that posts or edits a message with
// content or embeds carries allowed_mentions {"parse": []} and no user or
// role allowance.
func checkNoPings(r localdiscord.Request) error {
	if len(r.Body) == 0 || (r.Method != "POST" && r.Method != "PATCH") {
		return nil
	}
	var msg map[string]json.RawMessage
	switch r.Route {
	case routeCallback:
		var cb struct {
			Data map[string]json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(r.Body, &cb); err != nil {
			return err
		}
		msg = cb.Data
	case routeOriginal, routeFollowup, routeWebhookMsg, routeMessages, routeMessage:
		if err := json.Unmarshal(r.Body, &msg); err != nil {
			return err
		}
	default:
		return nil
	}
	// a deferral's empty "thinking" message has nothing that could ping
	var content string
	var embeds []json.RawMessage
	_ = json.Unmarshal(msg["content"], &content)
	_ = json.Unmarshal(msg["embeds"], &embeds)
	if content == "" && len(embeds) == 0 {
		return nil
	}
	raw, ok := msg["allowed_mentions"]
	if !ok {
		return fmt.Errorf("no allowed_mentions")
	}
	var am struct {
		Parse *[]string `json:"parse"`
		Users []string  `json:"users"`
		Roles []string  `json:"roles"`
	}
	if err := json.Unmarshal(raw, &am); err != nil {
		return err
	}
	if am.Parse == nil || len(*am.Parse) != 0 || len(am.Users) != 0 || len(am.Roles) != 0 {
		return fmt.Errorf("allowed_mentions %s allows pings", raw)
	}
	return nil
}
