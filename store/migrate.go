package store

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The schema of each backend is a sequence of migrations,
// migrations/DIALECT/NNNN_name.sql, applied in version order on open. A
// migration, once released, is never edited: a change is a new file with the
// next version. The versions applied are kept in schema_migrations(version,
// applied_at), so re-opening a database applies only the new ones.
//
//go:embed migrations
var migrationFiles embed.FS

// migration is one schema change.
type migration struct {
	Version int
	Name    string // file name, for errors
	SQL     string
}

// appliedMigration is a row of schema_migrations.
type appliedMigration struct {
	Version   int
	AppliedAt time.Time
}

// loadMigrations returns the migrations of dialect ("sqlite" or
// "postgres") in version order.
func loadMigrations(dialect string) ([]migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		prefix, _, _ := strings.Cut(name, "_")
		version, err := strconv.Atoi(prefix)
		if err != nil || version <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive version, as in 0001_init.sql", name)
		}
		if other, ok := seen[version]; ok {
			return nil, fmt.Errorf("migrations %s and %s have the same version %d", other, name, version)
		}
		seen[version] = name
		body, err := fs.ReadFile(migrationFiles, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		ms = append(ms, migration{Version: version, Name: name, SQL: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// pending returns the migrations whose versions are not in applied.
func pending(all []migration, applied map[int]bool) []migration {
	var out []migration
	for _, m := range all {
		if !applied[m.Version] {
			out = append(out, m)
		}
	}
	return out
}
