package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
)

// pgURLEnv names the PostgreSQL database the tests may use; .ci/postgres.sh
// starts one and sets it.
const pgURLEnv = "FOOTNOTE_TEST_DATABASE_URL"

// pgTestURL returns the test database's URL. Without one the test is
// skipped, except on CI (CI=true), where it fails: CI must run them.
func pgTestURL(tb testing.TB) string {
	tb.Helper()
	if u := os.Getenv(pgURLEnv); u != "" {
		return u
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s is not set, and CI=true: CI must run the PostgreSQL tests; "+
			"`source .ci/postgres.sh` in .ci/run before `go test` starts a database and sets it", pgURLEnv)
	}
	tb.Skipf("%s is not set; to run the PostgreSQL tests: source .ci/postgres.sh && go test ./store/", pgURLEnv)
	return ""
}

// pgSchema creates a schema of its own for tb in the database at base,
// dropped when tb ends, and returns base with that schema as search_path,
// so that runs and tests do not see one another's tables.
func pgSchema(tb testing.TB, base string) string {
	tb.Helper()
	var b [8]byte
	rand.Read(b[:])
	schema := "footnote_test_" + hex.EncodeToString(b[:])
	admin := func(sql string) error {
		ctx := context.Background() // also in cleanup, after tb's context is done
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

func withSearchPath(tb testing.TB, base, schema string) string {
	if !strings.HasPrefix(base, "postgres://") && !strings.HasPrefix(base, "postgresql://") {
		return base + " search_path=" + schema // key=value form
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", pgURLEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// pgOpener returns the suite's open function for PostgreSQL: each test t
// has its own schema in the test database.
func pgOpener(base string) func(t *testing.T) Store {
	var mu sync.Mutex
	urls := map[*testing.T]string{}
	return func(t *testing.T) Store {
		t.Helper()
		mu.Lock()
		u, ok := urls[t]
		if !ok {
			u = pgSchema(t, base)
			urls[t] = u
		}
		mu.Unlock()
		s, err := OpenPostgres(t.Context(), u)
		if err != nil {
			t.Fatalf("OpenPostgres: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
}

func TestPostgres(t *testing.T) {
	testStore(t, pgOpener(pgTestURL(t)))
}

func TestPostgresConcurrentOpen(t *testing.T) {
	u := pgSchema(t, pgTestURL(t))
	testConcurrentOpen(t, func() (Store, error) { return OpenPostgres(t.Context(), u) })
}

func TestOpenPostgresFromURL(t *testing.T) {
	u := pgSchema(t, pgTestURL(t))
	s, err := Open(t.Context(), u, t.TempDir())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if _, ok := s.(*Postgres); !ok {
		t.Fatalf("Open with a URL returned %T, want *Postgres", s)
	}
}

func TestOpenPostgresUnreachable(t *testing.T) {
	// Port 1 on loopback: nothing listens there.
	s, err := OpenPostgres(t.Context(), "postgres://nobody:secret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err == nil {
		s.Close()
		t.Fatal("OpenPostgres of an unreachable server succeeded")
	}
	if st, err := Open(t.Context(), "postgres://127.0.0.1:1/none?sslmode=disable&connect_timeout=2", ""); err == nil || st != nil {
		t.Errorf("Open of an unreachable server = %#v, %v; want nil, an error", st, err)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("error shows the password: %v", err)
	}
}

// TestPostgresRequiredOnCI runs the PostgreSQL test without a database URL,
// once as on CI, where it must fail, and once as on a developer's machine,
// where it must skip.
func TestPostgresRequiredOnCI(t *testing.T) {
	if os.Getenv("FOOTNOTE_STORE_CHILD") != "" {
		t.Skip("in the child")
	}
	for _, tc := range []struct {
		ci       string
		wantFail bool
		want     string
	}{
		{ci: "true", wantFail: true, want: "CI must run the PostgreSQL tests"},
		{ci: "", wantFail: false, want: "source .ci/postgres.sh"},
	} {
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestPostgres$", "-test.v", "-test.count=1")
		var env []string
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, pgURLEnv+"=") && !strings.HasPrefix(kv, "CI=") {
				env = append(env, kv)
			}
		}
		cmd.Env = append(env, "CI="+tc.ci, "FOOTNOTE_STORE_CHILD=1")
		out, err := cmd.CombinedOutput()
		if failed := err != nil; failed != tc.wantFail {
			t.Errorf("CI=%q: failed = %v, want %v\n%s", tc.ci, failed, tc.wantFail, out)
		}
		if !strings.Contains(string(out), tc.want) {
			t.Errorf("CI=%q: output lacks %q:\n%s", tc.ci, tc.want, out)
		}
	}
}
