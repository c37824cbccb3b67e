// Package storetest is what the tests that use a PostgreSQL database share
// (store's own and cli's serve tests): the test database's URL and a schema
// of each test's own in it.
//
// It is for tests only; no program links it.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// URLEnv names the PostgreSQL database the tests may use; .ci/postgres.sh
// starts one and sets it.
const URLEnv = "FOOTNOTE_TEST_DATABASE_URL"

// adminTimeout bounds creating or dropping a test's schema.
const adminTimeout = 20 * time.Second

// PostgresURL returns the test database's URL. Without one the test is
// skipped, except on CI (CI=true), where it fails: CI must run them. pkg
// is the package to name in the skip message ("./store/").
func PostgresURL(tb testing.TB, pkg string) string {
	tb.Helper()
	if u := os.Getenv(URLEnv); u != "" {
		return u
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s is not set, and CI=true: CI must run the PostgreSQL tests; "+
			"`source .ci/postgres.sh` in .ci/run before `go test` starts a database and sets it", URLEnv)
	}
	tb.Skipf("%s is not set; to run the PostgreSQL tests: source .ci/postgres.sh && go test %s", URLEnv, pkg)
	return ""
}

// PostgresSchema creates a schema of its own for tb in the database at
// base, dropped when tb ends, and returns base with that schema as
// search_path, so that runs and tests do not see one another's tables.
func PostgresSchema(tb testing.TB, base string) string {
	tb.Helper()
	var b [8]byte
	rand.Read(b[:])
	schema := "footnote_test_" + hex.EncodeToString(b[:])
	admin := func(sql string) error {
		// not tb's context: this runs in cleanup too, after it is done
		ctx, cancel := context.WithTimeout(context.Background(), adminTimeout)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := admin("CREATE SCHEMA " + schema); err != nil {
		tb.Fatalf("create schema %s: %v", schema, err)
	}
	tb.Cleanup(func() {
		if err := admin("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return withSearchPath(tb, base, schema)
}

// withSearchPath returns base, a URL or a key=value connection string,
// with search_path set to schema.
func withSearchPath(tb testing.TB, base, schema string) string {
	tb.Helper()
	if !strings.HasPrefix(base, "postgres://") && !strings.HasPrefix(base, "postgresql://") {
		return base + " search_path=" + schema // key=value form
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", URLEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
