package library_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/retrieval"
)

const (
	guildA = "175928847299117063"
	guildB = "286032516467654656"
	guildC = "419483162818887681"
)

// counting is an embedder that counts the texts it was asked to embed.
type counting struct {
	retrieval.Embedder
	texts atomic.Int64
}

func (c *counting) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	c.texts.Add(int64(len(texts)))
	return c.Embedder.Embed(ctx, texts)
}

// countingEmbedder is a model embedder (not the local one) that counts.
func countingEmbedder() *counting {
	return &counting{Embedder: namedEmbedder{retrieval.NewHashEmbedder(0)}}
}

type namedEmbedder struct{ retrieval.Embedder }

func (namedEmbedder) ID() string { return "test-model" }

var (
	pilotsArticle = []byte("---\ntitle: Harbour pilots strike\ndate: 2024-04-11\n---\n\nThe harbour pilots of Puerto Lindo stopped work on Thursday after the port authority doubled their night shifts.\n")
	dairyArticle  = []byte("---\ntitle: Dairy cooperative vote\ndate: 2024-04-12\n---\n\nThe dairy cooperative of Valle Alto voted on Friday to sell its milk to a new buyer in the capital.\n")
)

func newGuilds(t *testing.T, emb retrieval.Embedder, g library.GuildOptions) (*library.Guilds, library.Options) {
	t.Helper()
	builtin := fstest.MapFS{"builtin.md": {Data: []byte("# Built in\n\nThe built-in article about the embassy raid in Quito.\n")}}
	o := library.Options{DataDir: t.TempDir(), IndexRoot: t.TempDir(), Builtin: builtin}
	if emb != nil {
		o.Embedder = emb
	}
	return library.NewGuilds(o, g), o
}

func guildLib(t *testing.T, gs *library.Guilds, guild string) *library.Library {
	t.Helper()
	l, err := gs.Library(context.Background(), guild)
	if err != nil {
		t.Fatalf("Library(%s): %v", guild, err)
	}
	return l
}

func ids(l *library.Library) map[string]bool {
	out := map[string]bool{}
	for _, d := range l.Documents() {
		out[d.ID] = true
	}
	return out
}

// An article added in server A is in A's corpus only; B cannot forget it
// (it is not there); forgetting in A leaves B's own copy untouched; neither
// reaches the shared corpus.
func TestGuildsKeepTheirOwnArticles(t *testing.T) {
	ctx := context.Background()
	gs, o := newGuilds(t, nil, library.GuildOptions{})
	a, b := guildLib(t, gs, guildA), guildLib(t, gs, guildB)
	if _, err := a.AddFile(ctx, "pilots.md", pilotsArticle); err != nil {
		t.Fatal(err)
	}
	if !ids(a)["pilots"] || ids(b)["pilots"] {
		t.Fatalf("after adding in A: A has %v, B has %v", ids(a), ids(b))
	}
	if !ids(a)["builtin"] || !ids(b)["builtin"] {
		t.Fatal("a server's corpus lost the built-in article")
	}
	if _, err := b.Forget(ctx, "pilots"); !errors.Is(err, library.ErrNotFound) {
		t.Fatalf("B forgetting A's article: %v, want ErrNotFound", err)
	}
	if _, err := b.Forget(ctx, "builtin"); !errors.Is(err, library.ErrBuiltIn) {
		t.Fatalf("B forgetting the built-in article: %v, want ErrBuiltIn", err)
	}
	if _, err := b.AddFile(ctx, "pilots-b.md", pilotsArticle); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Forget(ctx, "pilots"); err != nil {
		t.Fatal(err)
	}
	if ids(a)["pilots"] || !ids(b)["pilots-b"] {
		t.Fatalf("after forgetting in A: A has %v, B has %v", ids(a), ids(b))
	}
	shared, err := library.Open(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(shared); len(got) != 1 || !got["builtin"] {
		t.Errorf("the shared corpus holds %v, want the built-in article only", got)
	}
	for _, g := range []string{guildA, guildB} {
		if _, err := os.Stat(filepath.Join(o.DataDir, "guilds", g, "corpus")); err != nil {
			t.Errorf("server %s's folder: %v", g, err)
		}
	}
}

// The same article added in two servers is embedded once, and so is the
// built-in one read by both.
func TestGuildsShareVectorsByContent(t *testing.T) {
	ctx := context.Background()
	emb := countingEmbedder()
	gs, _ := newGuilds(t, emb, library.GuildOptions{})
	a := guildLib(t, gs, guildA)
	afterBuiltin := emb.texts.Load()
	if afterBuiltin == 0 {
		t.Fatal("nothing embedded for the first server")
	}
	if _, err := a.AddFile(ctx, "pilots.md", pilotsArticle); err != nil {
		t.Fatal(err)
	}
	afterA := emb.texts.Load()
	if afterA == afterBuiltin {
		t.Fatal("the new article was not embedded")
	}
	b := guildLib(t, gs, guildB)
	if _, err := b.AddFile(ctx, "same-story.md", pilotsArticle); err != nil {
		t.Fatal(err)
	}
	if got := emb.texts.Load(); got != afterA {
		t.Errorf("a second server with the same articles embedded %d more texts, want 0", got-afterA)
	}
	if _, err := b.AddFile(ctx, "dairy.md", dairyArticle); err != nil {
		t.Fatal(err)
	}
	if emb.texts.Load() == afterA {
		t.Error("a new article was served from the cache")
	}
}

// Loading one corpus more than MaxLoaded evicts the least recently asked;
// asking it again loads it from disk with its articles.
func TestGuildsEvictLeastRecentlyAsked(t *testing.T) {
	ctx := context.Background()
	gs, _ := newGuilds(t, nil, library.GuildOptions{MaxLoaded: 2})
	a := guildLib(t, gs, guildA)
	if _, err := a.AddFile(ctx, "pilots.md", pilotsArticle); err != nil {
		t.Fatal(err)
	}
	guildLib(t, gs, guildB)
	guildLib(t, gs, guildA) // A is now more recent than B
	guildLib(t, gs, guildC) // evicts B
	if s := gs.Stats(); s.Loaded != 2 || s.Loads != 3 || s.Evictions != 1 {
		t.Fatalf("stats %+v, want 2 loaded, 3 loads, 1 eviction", s)
	}
	if again := guildLib(t, gs, guildA); again != a {
		t.Error("A was reloaded though it was asked more recently than B")
	}
	guildLib(t, gs, guildB) // evicts C
	a2 := guildLib(t, gs, guildA)
	if s := gs.Stats(); s.Loads != 4 || s.Evictions != 2 {
		t.Fatalf("stats %+v, want 4 loads, 2 evictions", s)
	}
	if !ids(a2)["pilots"] {
		t.Error("A's article is gone after its corpus was evicted")
	}
}

// Servers asking at once of a cold corpus load it once.
func TestGuildsLoadOnce(t *testing.T) {
	gs, _ := newGuilds(t, nil, library.GuildOptions{})
	var wg sync.WaitGroup
	libs := make([]*library.Library, 8)
	for i := range libs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l, err := gs.Library(context.Background(), guildA)
			if err != nil {
				t.Error(err)
			}
			libs[i] = l
		}()
	}
	wg.Wait()
	for _, l := range libs[1:] {
		if l != libs[0] {
			t.Fatal("concurrent first asks got different corpora")
		}
	}
	if s := gs.Stats(); s.Loads != 1 {
		t.Errorf("%d loads, want 1", s.Loads)
	}
}

func TestGuildsRefuse(t *testing.T) {
	gs, _ := newGuilds(t, nil, library.GuildOptions{Shard: 0, ShardCount: 2})
	for _, guild := range []string{"", "12ab", "-1", "123456789012345678901", "99999999999999999999" /* over 64 bits */} {
		if _, err := gs.Library(context.Background(), guild); err == nil {
			t.Errorf("Library(%q) succeeded", guild)
		}
	}
	// a guild of shard 1
	var other string
	for _, g := range []string{guildA, guildB, guildC, "81384788765712384", "81384788765712385"} {
		if library.ShardOf(g, 2) == 1 {
			other = g
			break
		}
	}
	if other == "" {
		t.Fatal("no test guild falls on shard 1")
	}
	if _, err := gs.Library(context.Background(), other); !errors.Is(err, library.ErrOtherShard) {
		t.Errorf("Library(%s) of shard 1 on shard 0: %v, want ErrOtherShard", other, err)
	}
}

func TestShardOf(t *testing.T) {
	for _, tc := range []struct {
		guild  string
		shards int
		want   int
	}{
		{"41771983423143937", 1, 0},
		{"41771983423143937", 2, int((41771983423143937 >> 22) % 2)},
		{"41771983423143937", 16, int((41771983423143937 >> 22) % 16)},
		{"0", 4, 0},
		{"4194304", 4, 1}, // 1 << 22
		{"12582912", 4, 3},
	} {
		if got := library.ShardOf(tc.guild, tc.shards); got != tc.want {
			t.Errorf("ShardOf(%s, %d) = %d, want %d", tc.guild, tc.shards, got, tc.want)
		}
	}
}
