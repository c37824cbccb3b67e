package store

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/footnote-bot/footnote/store/storetest"
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
	checkUpgradedGuilds(t, s, "oldvote-article", at)
}

// checkUpgradedGuilds checks what both upgrades from version 1 keep alike:
// the old pin of message m1 stays in its server, and the schema keeps a
// document per guild: docID added again to no server and to a server is
// two records.
func checkUpgradedGuilds(t *testing.T, s Store, docID string, at time.Time) {
	t.Helper()
	ctx := t.Context()
	pins, err := s.Pins(ctx, "111111111111111111")
	if err != nil || len(pins) != 1 || pins[0].MessageID != "m1" {
		t.Errorf("Pins of the old pin's server = %+v, %v; want the old pin", pins, err)
	}
	for _, g := range []string{"", "222222222222222222"} {
		if err := s.RecordIngest(ctx, Ingest{DocID: docID, Title: "again", GuildID: g, At: at.Add(time.Hour)}); err != nil {
			t.Fatalf("RecordIngest in guild %q: %v", g, err)
		}
	}
	if ing, err := s.Ingests(ctx); err != nil || len(ing) != 2 {
		t.Errorf("Ingests after adding in a server = %+v, %v; want 2 records", ing, err)
	}
}

// TestPostgresUpgradeFromVersion1 builds a database of schema version 1
// (the released 0001 migration, rows as that version wrote them) and opens
// it: migration 2 moves its ingest to no server, gives its vote no server,
// keeps its pin's server, and lets a document be added per guild.
func TestPostgresUpgradeFromVersion1(t *testing.T) {
	u := storetest.PostgresSchema(t, storetest.PostgresURL(t, "./store/"))
	ctx := t.Context()
	ms, err := loadMigrations("postgres")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 4, 10, 12, 0, 0, 0, time.UTC)
	for _, sql := range []string{
		`CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`,
		ms[0].SQL,
		`INSERT INTO schema_migrations (version, applied_at) VALUES (1, now())`,
		`INSERT INTO ingests (doc_id, title, source, user_id, username, guild_id, ingested_at) VALUES ('harbour', 'Harbour pilots strike', 'old.md', 'u1', 'mod', '111111111111111111', $1)`,
		`INSERT INTO votes (message_id, user_id, value, voted_at) VALUES ('m1', 'u2', -1, $1)`,
		`INSERT INTO pins (message_id, channel_id, guild_id, user_id, username, pinned_at) VALUES ('m1', 'c1', '111111111111111111', 'u1', 'mod', $1)`,
	} {
		var args []any
		if strings.Contains(sql, "$1") {
			args = append(args, at)
		}
		if _, err := conn.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	conn.Close(ctx)
	s, err := OpenPostgres(ctx, u)
	if err != nil {
		t.Fatalf("open the version 1 database: %v", err)
	}
	defer s.Close()
	if got := s.newlyApplied(); !slices.Equal(got, []int{2}) {
		t.Errorf("migrations applied = %v, want [2]", got)
	}
	ing, err := s.Ingests(ctx)
	if err != nil || len(ing) != 1 || ing[0].GuildID != "" || ing[0].DocID != "harbour" {
		t.Errorf("Ingests = %+v, %v; want harbour with no server", ing, err)
	}
	if got, want := tallies(t, s), []Tally{{MessageID: "m1", Down: 1}}; !slices.Equal(got, want) {
		t.Errorf("Tallies = %+v, want %+v", got, want)
	}
	checkUpgradedGuilds(t, s, "harbour", at)
}
