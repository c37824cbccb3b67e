// Package bot is footnote on Discord: the /ask, /summary and /sources slash
// commands; /timeline, and for moderators /ingest and /forget, when the bot
// has a Library; @mentions answered in a thread, where follow-ups ("Where
// is he now?") are read against the thread's conversation; 👍/👎 votes,
// posting a private answer to the channel, and moderators pinning cited
// answers. Every interaction is acknowledged before any work, answers
// stream into their message, and every message allows no pings.
//
// Handlers have the form func(ctx, *Interaction) error: an Interaction is
// Discord's event with a Responder (respond, edit, follow up), routed by
// command name or button custom-ID pattern. A returned error takes one
// path that logs it and tells the user what the handler chose to say. The
// discordgo adapter (onInteraction, discordResponder) is thin, so handlers
// are tested with a recording Responder as well as end to end against
// localdiscord.
package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/metrics"
	"github.com/footnote-bot/footnote/store"
)

// Answerer answers questions and summarises the corpus (*answer.Service
// is one). A request's OnDelta and Summarize's onDelta receive the text as
// a model writes it (they may never be called).
type Answerer interface {
	Ask(ctx context.Context, r answer.Request) (*answer.Answer, error)
	Summarize(ctx context.Context, opts answer.SummaryOptions, onDelta func(string)) (*answer.Summary, error)
}

// Config configures a Bot.
type Config struct {
	Token string
	// GuildID registers the commands on one server (instantly); empty
	// registers them globally.
	GuildID string
	// HTTPClient carries REST calls (a rewriting transport reaches a REST
	// proxy or a Discord-compatible server); nil uses a client with a timeout.
	HTTPClient *http.Client
	// MessageContent asks for the privileged message content intent, which
	// lets thread follow-ups be answered without a mention.
	MessageContent bool
	// Shard and ShardCount split the gateway across processes (ShardCount 0
	// or 1: one shard).
	Shard, ShardCount int
	K                 int
	// Workers answer at once; the rest wait in a queue of QueueSize.
	Workers, QueueSize int
	// EditInterval is the least time between two edits of a streaming answer.
	EditInterval time.Duration
	// DataDir keeps feedback votes.
	DataDir string
	// ShutdownGrace bounds how long Run waits for answers in flight.
	ShutdownGrace time.Duration
	// AutoShards asks Discord for the recommended shard count at start and
	// runs shard Shard of that many.
	AutoShards bool
	// Store keeps votes, pins and the questions behind answers; nil opens
	// SQLite in DataDir. Run closes a store it opened, not one given.
	Store store.Store
	// Metrics counts questions, acknowledgements, pins and votes (nil: none).
	Metrics *metrics.Metrics
	// Generative says answers come from a model, so an extractive answer
	// with a note is a fallback.
	Generative bool
	// Library lets moderators add and remove articles (/ingest, /forget)
	// and serves /timeline; nil leaves those commands out.
	Library Library
	// Corpora, when set, gives each server its own corpus (answers,
	// /sources, /summary, /timeline, /ingest, /forget), and the Answerer,
	// sources and Library given to New are not used.
	Corpora Corpora
	// IngestRole names a role whose members may add and remove articles,
	// besides those with Manage Server.
	IngestRole string
	Logger     *slog.Logger
}

// Bot is a running footnote on Discord.
type Bot struct {
	cfg      Config
	answers  Answerer
	sources  func() []library.Article
	log      *slog.Logger
	session  *discordgo.Session
	queue    *queue
	feedback *feedbackStore
	ownStore bool
	threads  *threadBook
	metrics  *metrics.Metrics
	router   *router
	// slots numbers the rate-limit buckets of interactions in flight
	slots bucketSlots
	// generative: answers come from a model (see Config.Generative)
	generative bool
	// acks holds when each interaction arrived, until it is acknowledged
	acks sync.Map
	// connected follows the gateway; registerErr holds why the commands
	// could not be registered, if they could not
	connected   atomic.Bool
	registerErr atomic.Pointer[error]

	mu    sync.Mutex
	appID string
	me    *discordgo.User
	ready chan struct{}
	once  sync.Once
}

// New prepares a bot; Run connects it.
func New(cfg Config, a Answerer, sources func() []library.Article) (*Bot, error) {
	if cfg.Token == "" {
		return nil, errors.New("no Discord token: set DISCORD_TOKEN")
	}
	if cfg.K <= 0 {
		cfg.K = answer.DefaultK
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 8
	}
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = 1000
	}
	if cfg.EditInterval <= 0 {
		cfg.EditInterval = time.Second
	}
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = 20 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	st, ownStore := cfg.Store, false
	if st == nil {
		if cfg.DataDir == "" {
			return nil, errors.New("the bot needs a data directory or a store for votes and pins")
		}
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		var err error
		if st, err = store.Open(ctx, "", cfg.DataDir); err != nil {
			return nil, err
		}
		ownStore = true
	}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	if cfg.HTTPClient != nil {
		s.Client = cfg.HTTPClient
	} else {
		s.Client = &http.Client{Timeout: 30 * time.Second}
	}
	s.ShouldReconnectOnError = true
	s.ShouldRetryOnRateLimit = true
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages
	if cfg.MessageContent {
		s.Identify.Intents |= discordgo.IntentMessageContent
	}
	if cfg.ShardCount > 1 {
		s.ShardID, s.ShardCount = cfg.Shard, cfg.ShardCount
	}
	b := &Bot{
		cfg: cfg, answers: a, sources: sources, log: cfg.Logger, session: s,
		feedback: newFeedback(st), ownStore: ownStore, threads: newThreadBook(), ready: make(chan struct{}),
		metrics: cfg.Metrics, generative: cfg.Generative,
	}
	b.router = b.routes()
	b.queue = newQueue(cfg.Workers, cfg.QueueSize)
	b.queue.onDepth = b.metrics.SetQueueDepth
	s.AddHandler(b.onReady)
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	s.AddHandler(func(s *discordgo.Session, e *discordgo.Resumed) { b.onConnection(s, e) })
	s.AddHandler(func(s *discordgo.Session, e *discordgo.Disconnect) { b.onConnection(s, e) })
	return b, nil
}

// Ready is closed once the gateway said READY and commands are registered.
func (b *Bot) Ready() <-chan struct{} { return b.ready }

// Run connects to Discord, registers the commands and serves until ctx is
// done; then it stops taking work, lets answers in flight finish (up to
// ShutdownGrace) and closes the connection.
func (b *Bot) Run(ctx context.Context) error {
	if b.cfg.AutoShards {
		gb, err := b.session.GatewayBot()
		if err != nil {
			return fmt.Errorf("ask discord for the shard count: %w", err)
		}
		b.session.ShardID, b.session.ShardCount = b.cfg.Shard, max(gb.Shards, 1)
		if b.cfg.Shard >= b.session.ShardCount {
			return fmt.Errorf("shard %d does not exist: discord recommends %d shards", b.cfg.Shard, b.session.ShardCount)
		}
		b.log.Info("sharding", "shard", b.cfg.Shard, "count", b.session.ShardCount)
	}
	if err := b.session.Open(); err != nil {
		return fmt.Errorf("connect to discord gateway: %w", err)
	}
	b.queue.start(ctx, b.log)
	<-ctx.Done()
	b.log.Info("shutting down: finishing answers in flight", "grace", b.cfg.ShutdownGrace)
	b.queue.close(b.cfg.ShutdownGrace)
	if err := b.session.Close(); err != nil {
		b.log.Warn("close gateway", "err", err)
	}
	if b.ownStore {
		return b.feedback.st.Close()
	}
	return nil
}

// Connected reports whether the gateway is connected and the commands are
// registered, for readiness probes.
func (b *Bot) Connected() error {
	select {
	case <-b.ready:
	default:
		return errors.New("gateway not ready yet")
	}
	if !b.connected.Load() {
		return errors.New("gateway connection lost; reconnecting")
	}
	if err := b.registerErr.Load(); err != nil {
		return *err
	}
	return nil
}

func (b *Bot) onReady(s *discordgo.Session, r *discordgo.Ready) {
	b.mu.Lock()
	b.me = r.User
	if r.Application != nil {
		b.appID = r.Application.ID
	}
	if b.appID == "" && r.User != nil {
		b.appID = r.User.ID
	}
	appID := b.appID
	b.mu.Unlock()
	_, err := s.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, commands(b.manages()))
	if err != nil {
		b.log.Error("register commands", "err", err)
		werr := fmt.Errorf("commands not registered: %w", err)
		b.registerErr.Store(&werr)
	} else {
		b.registerErr.Store(nil)
		b.log.Info("connected", "user", r.User.Username, "guilds", len(r.Guilds), "commands_guild", b.cfg.GuildID)
	}
	b.connected.Store(true)
	b.once.Do(func() { close(b.ready) })
}

// onConnection follows the gateway connection for readiness probes, without
// reading discordgo's state under its lock.
func (b *Bot) onConnection(_ *discordgo.Session, e any) {
	switch e.(type) {
	case *discordgo.Resumed:
		b.connected.Store(true)
	case *discordgo.Disconnect:
		b.connected.Store(false)
	}
}

func (b *Bot) botUser() *discordgo.User {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.me
}

// routeOnce guards discordgo's package-level logger.
var routeOnce sync.Once

// RouteDiscordgoLogs sends discordgo's own log lines (which it writes with
// the log package) to log, so every line follows the configured format.
// discordgo has one logger per process: the first call sets it, later calls
// do nothing.
func RouteDiscordgoLogs(log *slog.Logger) {
	routeOnce.Do(func() { discordgo.Logger = routeTo(log) })
}

func routeTo(log *slog.Logger) func(level, caller int, format string, a ...any) {
	return func(level, caller int, format string, a ...any) {
		msg := fmt.Sprintf(format, a...)
		switch level {
		case discordgo.LogError:
			log.Error("discordgo", "msg", msg)
		case discordgo.LogWarning:
			log.Warn("discordgo", "msg", msg)
		case discordgo.LogInformational:
			log.Info("discordgo", "msg", msg)
		default:
			log.Debug("discordgo", "msg", msg)
		}
	}
}
