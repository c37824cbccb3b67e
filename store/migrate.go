package store

import (
	"context"
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

// migrator runs the statements of a migration in one transaction.
type migrator interface {
	reader
	// exec runs query: with args, a statement with "?" parameters;
	// without, a migration file's text, every statement of it.
	exec(ctx context.Context, query string, args ...any) error
}

// migrate brings a database of dialect ("sqlite" or "postgres") to its
// latest migration and returns the versions it applied. inTx runs apply in
// one transaction, locking and retrying as the store does; timeType is the
// SQL type the database keeps a time in, and now the time recorded for each
// version applied, as the database takes it.
func migrate(ctx context.Context, dialect, timeType string, now any, inTx func(apply func(migrator) error) error) ([]int, error) {
	all, err := loadMigrations(dialect)
	if err != nil {
		return nil, err
	}
	var done []int
	err = inTx(func(tx migrator) error {
		done = nil
		if err := tx.exec(ctx, fmt.Sprintf(sqlCreateMigrations, timeType)); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		versions, err := collect(ctx, tx, sqlMigrationVersions, nil, func(row rows) (int, error) {
			var v int
			err := row.Scan(&v)
			return v, err
		})
		if err != nil {
			return fmt.Errorf("read schema_migrations: %w", err)
		}
		applied := map[int]bool{}
		for _, v := range versions {
			applied[v] = true
		}
		for _, m := range pending(all, applied) {
			if err := tx.exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %s: %w", m.Name, err)
			}
			if err := tx.exec(ctx, sqlRecordMigration, m.Version, now); err != nil {
				return fmt.Errorf("migration %s: %w", m.Name, err)
			}
			done = append(done, m.Version)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return done, nil
}
