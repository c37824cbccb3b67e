package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/footnote-bot/footnote/bot"
)

func init() {
	register(command{name: "serve", summary: "Run the Discord bot (needs DISCORD_TOKEN).", run: runServe})
	register(command{name: "feedback", summary: "Print the 👍/👎 tallies and the questions with the most 👎.", run: runFeedback})
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := flagSet(e, "serve")
	fs.StringVar(&e.cfg.DiscordGuildID, "guild", e.cfg.DiscordGuildID, "register commands on this server only")
	fs.BoolVar(&e.cfg.Offline, "offline", e.cfg.Offline, "answer extractively even with a model configured")
	commonFlags(e, fs)
	pos, err := parse(e, fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) > 0 {
		return usagef("serve: takes no arguments")
	}
	if e.cfg.DiscordToken == "" {
		return usagef("serve: set DISCORD_TOKEN (or DISCORD_TOKEN_FILE) to the bot's token")
	}
	if err := e.validate(); err != nil {
		return err
	}
	hc, err := bot.NewHTTPClient(e.cfg.DiscordAPIURL)
	if err != nil {
		return err
	}
	ans, err := e.answerer(ctx)
	if err != nil {
		return err
	}
	b, err := bot.New(bot.Config{
		Token:          e.cfg.DiscordToken,
		GuildID:        e.cfg.DiscordGuildID,
		HTTPClient:     hc,
		MessageContent: e.cfg.MessageContent,
		K:              e.cfg.K,
		DataDir:        e.cfg.DataDir,
		Logger:         e.log,
	}, ans, func() []bot.Source { return botSources(ans) })
	if err != nil {
		return err
	}
	e.log.Info("starting", "mode", mode(ans), "documents", len(ans.Index.Documents()), "chunks", len(ans.Index.Chunks()))
	go e.watchCorpus(ctx, ans.Live, e.cfg.WatchInterval, nil)
	return b.Run(ctx)
}

func mode(a *Answerer) string {
	if a.Gen != nil {
		return "generative"
	}
	return "extractive"
}

func botSources(a *Answerer) []bot.Source {
	var out []bot.Source
	for _, s := range sourcesOf(a.Current()) {
		out = append(out, bot.Source{Title: s.Title, Outlet: s.Source, Date: s.Date, URL: s.URL, Chunks: s.Chunks})
	}
	return out
}

func runFeedback(ctx context.Context, e *env, args []string) error {
	fs := flagSet(e, "feedback")
	asJSON := fs.Bool("json", false, "print JSON")
	top := fs.Int("top", 10, "how many of the most 👎 questions to list")
	fs.StringVar(&e.cfg.DataDir, "data-dir", e.cfg.DataDir, "folder the bot keeps its state in")
	pos, err := parse(e, fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) > 0 {
		return usagef("feedback: takes no arguments")
	}
	tallies, err := bot.ReadFeedback(e.cfg.DataDir)
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
	fmt.Fprintf(e.stdout, "%d answers voted on: %d 👍, %d 👎\n", len(tallies), up, down)
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
