package config

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

var legacyNames = []string{"corpus", "footnote.db", "playground"}

// An old cache folder's articles and database move to the data folder; its
// index stays where the index now lives.
func TestMigrateLegacyMovesStateOutOfTheCache(t *testing.T) {
	cache, data := t.TempDir(), filepath.Join(t.TempDir(), "share", "footnote")
	write(t, filepath.Join(cache, "corpus", "oas-vote.md"), "# OAS vote\n\nThe OAS met.\n")
	write(t, filepath.Join(cache, "footnote.db"), "votes")
	write(t, filepath.Join(cache, "footnote.db-wal"), "recent votes")
	write(t, filepath.Join(cache, "playground", "footnote.db"), "playground votes")
	write(t, filepath.Join(cache, "index", "builtin", "state.json"), "{}")

	moved, err := MigrateLegacy(cache, data, legacyNames)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"corpus", "footnote.db", "footnote.db-wal", "playground"}; !slices.Equal(moved, want) {
		t.Errorf("moved %v, want %v", moved, want)
	}
	if got := read(t, filepath.Join(data, "corpus", "oas-vote.md")); got != "# OAS vote\n\nThe OAS met.\n" {
		t.Errorf("article after the move: %q", got)
	}
	if read(t, filepath.Join(data, "footnote.db")) != "votes" || read(t, filepath.Join(data, "playground", "footnote.db")) != "playground votes" {
		t.Error("databases not moved intact")
	}
	if read(t, filepath.Join(data, "footnote.db-wal")) != "recent votes" {
		t.Error("the database's write-ahead log did not move with it")
	}
	for _, gone := range []string{"corpus", "footnote.db", "footnote.db-wal", "playground"} {
		if exists(filepath.Join(cache, gone)) {
			t.Errorf("%s is still in the cache folder", gone)
		}
	}
	if !exists(filepath.Join(cache, "index", "builtin", "state.json")) || exists(filepath.Join(data, "index")) {
		t.Error("the index must stay in the cache folder")
	}

	// A second start moves nothing.
	moved, err = MigrateLegacy(cache, data, legacyNames)
	if err != nil || len(moved) != 0 {
		t.Fatalf("second run moved %v, err %v", moved, err)
	}
}

// State already in the data folder is never overwritten by an older copy.
func TestMigrateLegacyKeepsNewerState(t *testing.T) {
	cache, data := t.TempDir(), t.TempDir()
	write(t, filepath.Join(cache, "footnote.db"), "old")
	write(t, filepath.Join(cache, "footnote.db-wal"), "old log")
	write(t, filepath.Join(data, "footnote.db"), "new")
	write(t, filepath.Join(cache, "corpus", "a.md"), "a")
	moved, err := MigrateLegacy(cache, data, legacyNames)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(moved, []string{"corpus"}) {
		t.Errorf("moved %v", moved)
	}
	if read(t, filepath.Join(data, "footnote.db")) != "new" || read(t, filepath.Join(cache, "footnote.db")) != "old" {
		t.Error("the data folder's database was replaced")
	}
	if exists(filepath.Join(data, "footnote.db-wal")) {
		t.Error("an old database's log was put beside the new database")
	}
}

func TestMigrateLegacyNothingToDo(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ name, from, to string }{
		{"same folder", dir, dir},
		{"empty cache", t.TempDir(), filepath.Join(dir, "data")},
		{"no cache folder", filepath.Join(dir, "missing"), filepath.Join(dir, "data")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			moved, err := MigrateLegacy(tt.from, tt.to, legacyNames)
			if err != nil || len(moved) != 0 {
				t.Fatalf("moved %v, err %v", moved, err)
			}
			if tt.from != tt.to && exists(tt.to) {
				t.Error("created a data folder with nothing to put in it")
			}
		})
	}
}

// copyTree is the cross-device path of a move; it must copy a folder intact.
func TestCopyTree(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	write(t, filepath.Join(src, "a", "b.md"), "b")
	write(t, filepath.Join(src, "c.txt"), "c")
	if err := copyTree(src, dst); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dst, "a", "b.md")) != "b" || read(t, filepath.Join(dst, "c.txt")) != "c" {
		t.Error("copy differs")
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(src, "link")); err != nil {
		t.Skip("no symlinks here")
	}
	if err := copyTree(src, filepath.Join(t.TempDir(), "copy2")); err == nil {
		t.Error("copied a symlink instead of refusing it")
	}
}

func TestIndexRoot(t *testing.T) {
	tests := []struct {
		name        string
		data, cache string
		want        string
	}{
		{"defaults: the cache folder", DefaultDataDir(), "", DefaultCacheDir()},
		{"data folder chosen: everything in it", "/srv/footnote", "", "/srv/footnote"},
		{"cache folder chosen", "/srv/footnote", "/var/cache/footnote", "/var/cache/footnote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Config{DataDir: tt.data, CacheDir: tt.cache}
			if got := c.IndexRoot(); got != tt.want {
				t.Errorf("IndexRoot = %q, want %q", got, tt.want)
			}
		})
	}
	if DefaultDataDir() == DefaultCacheDir() {
		t.Errorf("data and cache folders are both %s", DefaultDataDir())
	}
}
