package store

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestUpgradeFromVersion1 opens the database of a data directory written
// by the version before servers had their own articles (see
// ../testdata/datadir-v1/README.md): its ingest moves to no server, its
// vote gets no server, its pin keeps its server, and the upgraded
// database records guilds.
func TestUpgradeFromVersion1(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "datadir-v1", DatabaseFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, DatabaseFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	s, err := Open(ctx, "", dir)
	if err != nil {
		t.Fatalf("open the old database: %v", err)
	}
	defer s.Close()
	if got := s.(migrationInfo).newlyApplied(); !slices.Equal(got, []int{2}) {
		t.Errorf("migrations applied to the old database = %v, want [2]", got)
	}
	at := time.Date(2024, 4, 10, 12, 0, 0, 0, time.UTC)
	ing, err := s.Ingests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantIng := []Ingest{{DocID: "oldvote-article", Title: "An article added before servers had their own", Source: "old.md", UserID: "u1", Username: "mod", At: at}}
	if !slices.EqualFunc(ing, wantIng, sameIngest) {
		t.Errorf("Ingests = %+v\nwant %+v", ing, wantIng)
	}
	if got, want := tallies(t, s), []Tally{{MessageID: "m1", Question: "Who was arrested?", Down: 1}}; !slices.Equal(got, want) {
		t.Errorf("Tallies = %+v\nwant %+v", got, want)
	}
	pins, err := s.Pins(ctx, "111111111111111111")
	if err != nil || len(pins) != 1 || pins[0].MessageID != "m1" {
		t.Errorf("Pins of the old pin's server = %+v, %v; want the old pin", pins, err)
	}
	// the upgraded schema keeps a document per guild
	for _, g := range []string{"", "222222222222222222"} {
		if err := s.RecordIngest(ctx, Ingest{DocID: "oldvote-article", Title: "again", GuildID: g, At: at.Add(time.Hour)}); err != nil {
			t.Fatalf("RecordIngest in guild %q: %v", g, err)
		}
	}
	if ing, err = s.Ingests(ctx); err != nil || len(ing) != 2 {
		t.Errorf("Ingests after adding in a server = %+v, %v; want 2 records", ing, err)
	}
}
