package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"sync"
	"text/tabwriter"

	"github.com/footnote-bot/footnote/admin"
	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/bot"
	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/metrics"
	"github.com/footnote-bot/footnote/store"
)

func init() {
	register(command{name: "serve", summary: "Run the Discord bot (needs DISCORD_TOKEN).", run: runServe})
	register(command{name: "feedback", summary: "Print the 👍/👎 tallies and the questions with the most 👎.", run: runFeedback})
}

func runServe(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	fs.StringVar(&e.cfg.DiscordGuildID, "guild", e.cfg.DiscordGuildID, "register commands on this server only")
	if err := parseBotFlags(e, fs, args); err != nil {
		return err
	}
	if e.cfg.DiscordToken == "" {
		return usagef("serve: set DISCORD_TOKEN (or DISCORD_TOKEN_FILE) to the bot's token")
	}
	shards, auto, err := e.cfg.Sharding()
	if err != nil {
		return usagef("serve: %v", err)
	}
	bot.RouteDiscordgoLogs(e.log)
	hc, err := bot.NewHTTPClient(e.cfg.DiscordAPIURL)
	if err != nil {
		return err
	}
	reg := metrics.NewRegistry()
	e.metrics = metrics.New(reg)
	st, err := store.Open(ctx, e.cfg.DatabaseURL, e.cfg.DataDir)
	if err != nil {
		return fmt.Errorf("open state store: %w", err)
	}
	defer st.Close()
	lib, ans, err := e.open(ctx)
	if err != nil {
		return err
	}
	ix := lib.Index()
	e.metrics.SetIndexed(len(ix.Documents()), len(ix.Chunks()))
	// with auto sharding the count is known only once connected: every
	// guild may then be asked of, and Discord sends this shard only its own
	perGuild, guilds, err := e.guildCorpora(lib, shards)
	if err != nil {
		return err
	}
	b, err := e.newBot(lib, ans, func(c *bot.Config) {
		c.Corpora = perGuild
		c.Token = e.cfg.DiscordToken
		c.GuildID = e.cfg.DiscordGuildID
		c.HTTPClient = hc
		c.MessageContent = e.cfg.MessageContent
		c.Shard, c.ShardCount, c.AutoShards = e.cfg.ShardID, shards, auto
		c.Store = st
		c.Metrics = e.metrics
	})
	if err != nil {
		return err
	}
	e.log.Info("starting", "mode", mode(ans), "documents", len(ix.Documents()), "chunks", len(ix.Chunks()), "shard", e.cfg.ShardID, "shards", e.cfg.ShardCount)
	// The admin listener must come up, or an orchestrator's health checks
	// would fail forever while the bot looked fine.
	var ln net.Listener
	if e.cfg.HTTPAddr != "" {
		if ln, err = net.Listen("tcp", e.cfg.HTTPAddr); err != nil {
			return fmt.Errorf("admin listener: %w", err)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var admErr error
	wg.Go(func() { lib.Watch(ctx, e.cfg.WatchInterval) })
	wg.Go(func() { guilds.Watch(ctx, e.cfg.WatchInterval) })
	if ln != nil {
		adm := admin.New(e.cfg.HTTPAddr, reg, b.Connected, e.log)
		wg.Go(func() { admErr = adm.Serve(ctx, ln) })
	}
	runErr := b.Run(ctx)
	cancel()
	wg.Wait()
	return errors.Join(runErr, admErr)
}

// newBot builds the bot serve and playground run, over the same corpus
// and answers with the same settings; site sets what differs (where
// Discord is, where state is kept, sharding).
func (e *env) newBot(lib *library.Library, ans *answer.Service, site func(*bot.Config)) (*bot.Bot, error) {
	cfg := bot.Config{
		K:          e.cfg.K,
		DataDir:    e.cfg.DataDir,
		Generative: ans.Generative(),
		Library:    lib,
		IngestRole: e.cfg.IngestRole,
		Logger:     e.log,
	}
	site(&cfg)
	return bot.New(cfg, ans, lib.Articles)
}

func mode(a *answer.Service) string {
	if a.Generative() {
		return "generative"
	}
	return "extractive"
}

func runFeedback(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print JSON")
	top := fs.Int("top", 10, "how many of the most 👎 questions to list")
	fs.StringVar(&e.cfg.DataDir, "data-dir", e.cfg.DataDir, "folder the bot keeps its state in")
	if err := parseNone(e, fs, args, parseChecked, ""); err != nil {
		return err
	}
	st, err := store.Open(ctx, e.cfg.DatabaseURL, e.cfg.DataDir)
	if err != nil {
		return fmt.Errorf("open state store: %w", err)
	}
	defer st.Close()
	tallies, err := st.Tallies(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, tallies)
	}
	up, down := 0, 0
	for _, t := range tallies {
		up += t.Up
		down += t.Down
	}
	fmt.Fprintf(e.stdout, "%s voted on: %d 👍, %d 👎\n", plural(len(tallies), "answer", "answers"), up, down)
	if down == 0 {
		return nil
	}
	fmt.Fprintln(e.stdout, "\nMost 👎:")
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for i, t := range tallies {
		if i == *top || t.Down == 0 {
			break
		}
		fmt.Fprintf(tw, "  %d👎 %d👍\t%s\n", t.Down, t.Up, dash(t.Question))
	}
	return tw.Flush()
}
