package store

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/store/storetest"
)

// pgOpener returns the suite's open function for PostgreSQL: each test t
// has its own schema in the test database.
func pgOpener(base string) func(t *testing.T) Store {
	return perTestOpener(func(t *testing.T) string {
		return storetest.PostgresSchema(t, base)
	}, OpenPostgres)
}

func TestPostgres(t *testing.T) {
	testStore(t, pgOpener(storetest.PostgresURL(t, "./store/")))
}

func TestPostgresConcurrentOpen(t *testing.T) {
	u := storetest.PostgresSchema(t, storetest.PostgresURL(t, "./store/"))
	testConcurrentOpen(t, func() (Store, error) { return OpenPostgres(t.Context(), u) })
}

func TestOpenPostgresFromURL(t *testing.T) {
	u := storetest.PostgresSchema(t, storetest.PostgresURL(t, "./store/"))
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
			if !strings.HasPrefix(kv, storetest.URLEnv+"=") && !strings.HasPrefix(kv, "CI=") {
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
