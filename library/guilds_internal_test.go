package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"
)

func internalGuilds(t *testing.T, g GuildOptions) *Guilds {
	t.Helper()
	builtin := fstest.MapFS{"builtin.md": {Data: []byte("# Built in\n\nThe built-in article about the embassy raid in Quito.\n")}}
	return NewGuilds(Options{DataDir: t.TempDir(), IndexRoot: t.TempDir(), Builtin: builtin}, g)
}

// A file written into one server's folder by another process is indexed
// in that server's corpus once the change has settled; another server's
// corpus does not change.
func TestGuildsLookReloadsOneServer(t *testing.T) {
	ctx := context.Background()
	gs := internalGuilds(t, GuildOptions{})
	a, err := gs.Library(ctx, "175928847299117063")
	if err != nil {
		t.Fatal(err)
	}
	b, err := gs.Library(ctx, "286032516467654656")
	if err != nil {
		t.Fatal(err)
	}
	bIndex := b.Index()
	if err := os.MkdirAll(a.Dir(), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(a.Dir(), "dropped.md"), []byte("# Dropped\n\nA fisherman found a bottle on the beach of Salinas on Sunday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gs.look(ctx) // the change is seen
	if a.Index().Document("dropped") != nil {
		t.Fatal("indexed before the change settled")
	}
	gs.look(ctx) // and has not changed since
	if a.Index().Document("dropped") == nil {
		t.Fatal("a file dropped into the server's folder was not indexed")
	}
	if b.Index() != bIndex {
		t.Error("another server's corpus was rebuilt")
	}
}

// Corpora not asked of for IdleAfter are evicted, the least recently asked
// first; one asked since stays.
func TestGuildsEvictIdle(t *testing.T) {
	ctx := context.Background()
	gs := internalGuilds(t, GuildOptions{IdleAfter: time.Hour})
	for _, g := range []string{"175928847299117063", "286032516467654656"} {
		if _, err := gs.Library(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	if n := gs.evictIdle(start); n != 0 {
		t.Fatalf("evicted %d fresh corpora", n)
	}
	gs.mu.Lock()
	gs.loaded["175928847299117063"].Value.(*guildEntry).used = start.Add(-2 * time.Hour)
	gs.order.MoveToBack(gs.loaded["175928847299117063"])
	gs.mu.Unlock()
	if n := gs.evictIdle(start); n != 1 {
		t.Fatalf("evicted %d, want the one idle corpus", n)
	}
	if s := gs.Stats(); s.Loaded != 1 || s.Evictions != 1 {
		t.Errorf("stats %+v", s)
	}
	if n := gs.evictIdle(start.Add(2 * time.Hour)); n != 1 {
		t.Errorf("evicted %d after two hours, want the last one", n)
	}
}

func TestValidGuild(t *testing.T) {
	for id, ok := range map[string]bool{
		"175928847299117063": true, "1": true, "18446744073709551615": true,
		"": false, "18446744073709551616": false, "12 3": false, "+12": false, "0x1f": false, "١٢٣": false,
	} {
		if err := ValidGuild(id); (err == nil) != ok {
			t.Errorf("ValidGuild(%q) = %v, want ok %v", id, err, ok)
		}
	}
}

func FuzzDecodeVector(f *testing.F) {
	f.Add(encodeVector([]float32{1, 0.5, -0.25}))
	f.Add([]byte(vectorMagic))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := decodeVector(b)
		if err != nil {
			return
		}
		if len(v) == 0 {
			t.Fatal("decoded an empty vector")
		}
		again, err := decodeVector(encodeVector(v))
		if err != nil || len(again) != len(v) {
			t.Fatalf("round trip: %v, %d of %d", err, len(again), len(v))
		}
	})
}
