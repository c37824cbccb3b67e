package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/bot"
	"github.com/footnote-bot/footnote/fetch"
	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/localdiscord"
	"github.com/footnote-bot/footnote/store"
)

// twoGuilds is a harness whose bot gives each of two servers its own
// corpus (bot.LibraryCorpora over library.Guilds), with the built-in
// article as the base. Server A is the harness's guild; B is added.
type twoGuilds struct {
	*harness
	guilds   *library.Guilds
	b        localdiscord.Guild
	bChannel localdiscord.Channel
}

func newTwoGuilds(t *testing.T) *twoGuilds {
	h := newHarness(t, harnessOptions{library: true, extractive: true})
	h.stopBot()
	g := &twoGuilds{harness: h}
	var err error
	if g.b, err = h.srv.AddGuild(localdiscord.Guild{Name: "other newsroom"}); err != nil {
		t.Fatal(err)
	}
	if g.bChannel, err = h.srv.AddChannel(localdiscord.Channel{GuildID: g.b.ID, Name: "news"}); err != nil {
		t.Fatal(err)
	}
	g.guilds = library.NewGuilds(library.Options{DataDir: t.TempDir(), IndexRoot: t.TempDir(),
		Fetcher: fetch.New(fetch.Options{Resolver: h.web, Dial: h.web.dial})}, library.GuildOptions{})
	h.cfg.GuildID = "" // commands for every server
	h.cfg.Library = nil
	h.cfg.Corpora = bot.LibraryCorpora{Guilds: g.guilds, Answerer: func(lib *library.Library) bot.Answerer {
		return answer.NewService(func() answer.Corpus { return lib.Index() }, nil, 0, nil)
	}}
	h.startBot()
	return g
}

// in is the invoker of u in server guild's channel.
func (g *twoGuilds) in(guild localdiscord.Guild, u localdiscord.User, perms int64) localdiscord.Invoker {
	ch := g.channel.ID
	if guild.ID == g.b.ID {
		ch = g.bChannel.ID
	}
	return localdiscord.Invoker{GuildID: guild.ID, ChannelID: ch, User: u, Permissions: perms}
}

func (g *twoGuilds) slash(inv localdiscord.Invoker, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) localdiscord.InteractionState {
	g.t.Helper()
	st, err := g.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: inv, Name: name, Options: opts})
	if err != nil {
		g.t.Fatalf("send /%s: %v", name, err)
	}
	return st
}

// cites reports whether an answer cites an article whose title has title.
func cites(m localdiscord.Message, title string) bool {
	for _, e := range m.Embeds {
		for _, f := range e.Fields {
			if strings.Contains(f.Name, title) {
				return true
			}
		}
	}
	return false
}

func (g *twoGuilds) sources(ctx context.Context, inv localdiscord.Invoker) localdiscord.Message {
	g.t.Helper()
	st := g.slash(inv, "sources")
	return g.reply(ctx, st.ID, func(m localdiscord.Message) bool { return len(m.Embeds) > 0 })
}

const (
	courtTitle    = "Court declines"
	courtQuestion = "What did the International Court of Justice decide about emergency measures?"
)

// An article a moderator of server A adds is cited in A and never in B; B's
// moderators cannot see it in /sources nor forget it; the same article
// added in B is B's own, and forgetting it in A leaves B's untouched.
func TestEachServerHasItsOwnArticles(t *testing.T) {
	t.Parallel()
	g := newTwoGuilds(t)
	ctx := g.ctx()
	a, b := g.guild, g.b
	mod := memberPerms | manageGuild

	in := g.slash(g.in(a, g.mod, mod), "ingest", localdiscord.StringOption("url", "http://news.example/order"))
	g.reply(ctx, in.ID, func(m localdiscord.Message) bool { return strings.Contains(m.Content, "Added") })

	ansA := g.final(ctx, g.slash(g.in(a, g.alice, memberPerms), "ask", localdiscord.StringOption("question", courtQuestion)).ID)
	if !cites(ansA, courtTitle) {
		t.Fatalf("server A's answer does not cite the article A added: %+v", ansA.Embeds)
	}
	ansB := g.final(ctx, g.slash(g.in(b, g.alice, memberPerms), "ask", localdiscord.StringOption("question", courtQuestion)).ID)
	if cites(ansB, courtTitle) {
		t.Fatalf("server B's answer cites the article A added:\n%s %+v", ansB.Content, ansB.Embeds)
	}
	if srcB := g.sources(ctx, g.in(b, g.alice, memberPerms)); cites(srcB, courtTitle) {
		t.Fatalf("server B's /sources lists A's article: %+v", srcB.Embeds)
	}
	if srcA := g.sources(ctx, g.in(a, g.alice, memberPerms)); !cites(srcA, courtTitle) {
		t.Fatalf("server A's /sources does not list its article: %+v", srcA.Embeds)
	}

	// B's moderator cannot reach A's article, by id or by title.
	libA, err := g.guilds.Library(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var docID string
	for _, d := range libA.Documents() {
		if strings.Contains(d.Title, courtTitle) {
			docID = d.ID
		}
	}
	if docID == "" {
		t.Fatal("A's corpus lacks the article")
	}
	for _, want := range []string{docID, "Court declines Mexico's request"} {
		f := g.slash(g.in(b, g.mod, mod), "forget", localdiscord.StringOption("document", want))
		g.privateReply(ctx, f.ID, "No article")
	}
	// A's moderator asks to forget it (confirmed below, after B adds it)
	f := g.slash(g.in(a, g.mod, mod), "forget", localdiscord.StringOption("document", docID))
	confirm := g.privateReply(ctx, f.ID, "Remove")
	var remove string
	for id, label := range customIDs(confirm) {
		if label == "Remove" {
			remove = id
		}
	}

	// B adds the same article: its own, not a duplicate of A's.
	inB := g.slash(g.in(b, g.mod, mod), "ingest", localdiscord.StringOption("url", "http://news.example/order"))
	g.reply(ctx, inB.ID, func(m localdiscord.Message) bool { return strings.Contains(m.Content, "Added") })

	// A forgets it; B keeps it.
	p, err := g.srv.SendComponentPress(localdiscord.ComponentPress{Invoker: g.in(a, g.mod, mod), MessageID: confirm.ID, CustomID: remove})
	if err != nil {
		t.Fatal(err)
	}
	g.reply(ctx, p.ID, func(m localdiscord.Message) bool { return strings.Contains(m.Content, "Removed") })
	ansA = g.final(ctx, g.slash(g.in(a, g.alice, memberPerms), "ask", localdiscord.StringOption("question", courtQuestion)).ID)
	if cites(ansA, courtTitle) {
		t.Fatal("server A still cites the article it forgot")
	}
	ansB = g.final(ctx, g.slash(g.in(b, g.alice, memberPerms), "ask", localdiscord.StringOption("question", courtQuestion)).ID)
	if !cites(ansB, courtTitle) {
		t.Fatalf("forgetting in A removed B's copy: %+v", ansB.Embeds)
	}

	// Each ingest is recorded with its server.
	st, err := store.Open(ctx, "", g.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ing, err := st.Ingests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	guilds := map[string]bool{}
	for _, r := range ing {
		guilds[r.GuildID] = true
	}
	if len(ing) != 2 || !guilds[a.ID] || !guilds[b.ID] {
		t.Errorf("ingest records %+v, want one in each server", ing)
	}
}
