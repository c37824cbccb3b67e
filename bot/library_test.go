package bot_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/fetch"
	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/localdiscord"
	"github.com/footnote-bot/footnote/store"
)

// testWeb is the part of the web the test controls: a resolver that says
// which address each host name has, and a server standing behind the public
// ones.
type testWeb struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits map[string]int // path → requests
}

// publicAddr is a public address the test's dialer routes to its server.
var publicAddr = netip.MustParseAddr("93.184.216.34")

var hosts = map[string][]netip.Addr{
	"news.example":     {publicAddr},
	"intranet.example": {netip.MustParseAddr("10.1.2.3")},
}

func (w *testWeb) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := hosts[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func (w *testWeb) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, _ := net.SplitHostPort(addr)
	if host != publicAddr.String() {
		return nil, errors.New("test web: no route to " + addr)
	}
	return (&net.Dialer{}).DialContext(ctx, network, w.srv.Listener.Addr().String())
}

func (w *testWeb) requests(path string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits[path]
}

const orderPage = `<html lang="en"><head><title>Court declines Mexico's request</title>
<meta property="og:site_name" content="Harbor Press Service">
<meta property="article:published_time" content="2024-05-23T12:00:00Z"></head>
<body><article><h1>Court declines Mexico's request</h1>
<p>THE HAGUE — The International Court of Justice on Thursday declined to order emergency measures against Ecuador over the raid on the Mexican embassy.</p>
<p>The judges said Ecuador had given assurances that it would protect the embassy's premises, property and archives.</p>
</article></body></html>`

// newLibrary gives the harness a corpus folder (the seed article), a live
// index over it, and a library fetching from the test's web.
func (h *harness) newLibrary() *library.Library {
	t := h.t
	h.web = &testWeb{hits: map[string]int{}}
	h.web.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.web.mu.Lock()
		h.web.hits[r.URL.Path]++
		h.web.mu.Unlock()
		switch r.URL.Path {
		case "/order":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(orderPage))
		case "/redirect":
			http.Redirect(w, r, "http://intranet.example/secret", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(h.web.srv.Close)
	h.corpusDir = t.TempDir()
	seed, err := os.ReadFile("../corpus/000_81644a94c58555c8.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(h.corpusDir, "000_81644a94c58555c8.md"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := library.Open(context.Background(), library.Options{
		CorpusDir: h.corpusDir,
		IndexRoot: t.TempDir(),
		Fetcher:   fetch.New(fetch.Options{Resolver: h.web, Dial: h.web.dial}),
	})
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// ingest sends /ingest url: as the given user.
func (h *harness) ingest(u localdiscord.User, perms int64, url string) localdiscord.InteractionState {
	h.t.Helper()
	st, err := h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(u, perms), Name: "ingest",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{localdiscord.StringOption("url", url)}})
	if err != nil {
		h.t.Fatalf("send /ingest: %v", err)
	}
	return st
}

const manageGuild = 1 << 5

func TestIngestThenAskCitesTheNewArticle(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{library: true, extractive: true})
	ctx := h.ctx()

	// A member without Manage Server: refused, and nothing is fetched.
	r := h.ingest(h.alice, memberPerms, "http://news.example/order")
	h.privateReply(ctx, r.ID, "Manage Server")
	if n := h.web.requests("/order"); n != 0 {
		t.Fatalf("a refused ingest fetched the page %d time(s)", n)
	}

	// A moderator: added, with title, date, size and a cited summary.
	in := h.ingest(h.mod, memberPerms|manageGuild, "http://news.example/order")
	added := h.reply(ctx, in.ID, func(m localdiscord.Message) bool { return strings.Contains(m.Content, "Added") })
	for _, want := range []string{"Court declines Mexico", "2024-05-23", "passages", "[1]"} {
		if !strings.Contains(added.Content, want) {
			t.Errorf("ingest reply lacks %q:\n%s", want, added.Content)
		}
	}
	entries, _ := os.ReadDir(h.corpusDir)
	if len(entries) != 2 {
		t.Fatalf("corpus folder has %d files after ingest", len(entries))
	}

	// The next /ask cites it, with its date.
	a := h.final(ctx, h.ask("What did the International Court of Justice decide about emergency measures?", false).ID)
	if !strings.Contains(a.Content, "declined") {
		t.Fatalf("answer does not use the new article:\n%s", a.Content)
	}
	cited := false
	for _, e := range a.Embeds {
		for _, f := range e.Fields {
			cited = cited || strings.Contains(f.Name, "Court declines") && strings.Contains(f.Value, "2024-05-23")
		}
	}
	if !cited {
		t.Fatalf("the new article is not cited with its date: %+v", a.Embeds)
	}

	// The same URL again is recognised, not added twice.
	again := h.ingest(h.mod, memberPerms|manageGuild, "http://news.example/order")
	h.reply(ctx, again.ID, func(m localdiscord.Message) bool { return strings.Contains(m.Content, "Already in the sources") })

	// Who added what, when and from where is recorded.
	st, err := store.Open(ctx, "", h.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ing, err := st.Ingests(ctx)
	if err != nil || len(ing) != 1 || ing[0].UserID != h.mod.ID || ing[0].Source != "http://news.example/order" {
		t.Fatalf("ingest record %+v, %v", ing, err)
	}

	// The timeline lists the raid before the court's order, each cited.
	tl, err := h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(h.alice, memberPerms), Name: "timeline"})
	if err != nil {
		t.Fatal(err)
	}
	m := h.reply(ctx, tl.ID, func(m localdiscord.Message) bool { return strings.Contains(m.Content, "2024-") })
	raid, order := strings.Index(m.Content, "2024-04-05"), strings.Index(m.Content, "2024-05-23")
	if raid < 0 || order < 0 || raid > order || !strings.Contains(m.Content, "[1]") {
		t.Fatalf("timeline:\n%s", m.Content)
	}
}

func TestIngestRefusesAddressesThatAreNotPublic(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{library: true, extractive: true})
	ctx := h.ctx()
	for _, u := range []string{
		"http://127.0.0.1/admin",
		"http://169.254.169.254/latest/meta-data/",
		"http://intranet.example/secret", // resolves to 10.1.2.3
		"http://news.example/redirect",   // public, redirecting to a private host
	} {
		in := h.ingest(h.mod, memberPerms|manageGuild, u)
		h.reply(ctx, in.ID, func(m localdiscord.Message) bool { return strings.Contains(m.Content, "not lead to a public address") })
	}
	if entries, _ := os.ReadDir(h.corpusDir); len(entries) != 1 {
		t.Fatalf("corpus folder has %d files", len(entries))
	}
	if n := h.web.requests("/secret"); n != 0 {
		t.Fatal("a private target was reached")
	}
}

func TestForgetAsksFirst(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{library: true, extractive: true})
	ctx := h.ctx()
	in := h.ingest(h.mod, memberPerms|manageGuild, "http://news.example/order")
	h.reply(ctx, in.ID, func(m localdiscord.Message) bool { return strings.Contains(m.Content, "Added") })
	var docID string
	for _, d := range h.cfg.Library.Documents() {
		if strings.Contains(d.Title, "Court declines") {
			docID = d.ID
		}
	}
	// a member cannot
	f, err := h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(h.alice, memberPerms), Name: "forget",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{localdiscord.StringOption("document", docID)}})
	if err != nil {
		t.Fatal(err)
	}
	h.privateReply(ctx, f.ID, "Manage Server")
	// a moderator is asked to confirm, then it is gone
	f, err = h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(h.mod, memberPerms|manageGuild), Name: "forget",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{localdiscord.StringOption("document", docID)}})
	if err != nil {
		t.Fatal(err)
	}
	confirm := h.privateReply(ctx, f.ID, "Remove")
	p := h.press(h.mod, memberPerms|manageGuild, confirm.ID, "footnote:forget:"+docID)
	h.reply(ctx, p.ID, func(m localdiscord.Message) bool { return strings.Contains(m.Content, "Removed") })
	if entries, _ := os.ReadDir(h.corpusDir); len(entries) != 1 {
		t.Fatalf("corpus folder has %d files after forget", len(entries))
	}
	for _, d := range h.cfg.Library.Documents() {
		if d.ID == docID {
			t.Fatal("the forgotten article is still indexed")
		}
	}
	// the built-in article cannot be removed this way
	f, err = h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(h.mod, memberPerms|manageGuild), Name: "forget",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{localdiscord.StringOption("document", "nope")}})
	if err != nil {
		t.Fatal(err)
	}
	h.privateReply(ctx, f.ID, "No article")
}
