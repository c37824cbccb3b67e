package store

import (
	"os"
	"path/filepath"
	"testing"
)

// sqliteOpener returns the suite's open function for SQLite: each test t
// has its own database file in t's temporary directory.
func sqliteOpener() func(t *testing.T) Store {
	return perTestOpener(func(t *testing.T) string {
		return filepath.Join(t.TempDir(), "state", DatabaseFile)
	}, OpenSQLite)
}

func TestSQLite(t *testing.T) {
	testStore(t, sqliteOpener())
}

func TestOpenSQLiteInDataDir(t *testing.T) {
	// Open without a database URL keeps footnote.db in the data directory,
	// creating it; the path may hold characters special in URIs.
	dir := filepath.Join(t.TempDir(), "data dir?#%", "nested")
	s, err := Open(t.Context(), "", dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	sq, ok := s.(*SQLite)
	if !ok {
		t.Fatalf("Open without a URL returned %T, want *SQLite", s)
	}
	if want := filepath.Join(dir, DatabaseFile); sq.Path() != want {
		t.Errorf("Path = %q, want %q", sq.Path(), want)
	}
	if _, err := os.Stat(filepath.Join(dir, DatabaseFile)); err != nil {
		t.Errorf("database file: %v", err)
	}
	var mode string
	if err := sq.db.QueryRowContext(t.Context(), "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var timeout int
	if err := sq.db.QueryRowContext(t.Context(), "PRAGMA busy_timeout").Scan(&timeout); err != nil || timeout <= 0 {
		t.Errorf("busy_timeout = %d, %v; want > 0", timeout, err)
	}
}

func TestOpenWithoutDataDir(t *testing.T) {
	if s, err := Open(t.Context(), "", ""); err == nil {
		s.Close()
		t.Fatal("Open with no URL and no data directory succeeded")
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(t.Context(), "", filepath.Join(file, "data")); err == nil || s != nil {
		t.Errorf("Open in a data directory under a file = %#v, %v; want nil, an error", s, err)
	}
}

func TestMigrationsEmbedded(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		ms, err := loadMigrations(dialect)
		if err != nil {
			t.Fatalf("%s: %v", dialect, err)
		}
		if len(ms) == 0 || ms[0].Version != 1 {
			t.Fatalf("%s: migrations %+v, want 0001 first", dialect, ms)
		}
		for i := 1; i < len(ms); i++ {
			if ms[i].Version <= ms[i-1].Version {
				t.Errorf("%s: %s after %s", dialect, ms[i].Name, ms[i-1].Name)
			}
		}
	}
}

func TestSQLiteConcurrentOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), DatabaseFile)
	testConcurrentOpen(t, func() (Store, error) { return OpenSQLite(t.Context(), path) })
}
