package cli_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIngestThenAsk(t *testing.T) {
	data := t.TempDir()
	env := map[string]string{"FOOTNOTE_DATA_DIR": data}
	article := filepath.Join(t.TempDir(), "icj-order.md")
	body := "---\ntitle: Court declines Mexico's request\nsource: Harbor Press Service\ndate: 2024-05-23\n---\n\n" +
		"THE HAGUE — The International Court of Justice on Thursday declined to order emergency measures against Ecuador.\n\n" +
		"The judges noted Ecuador's assurances that it would protect the Mexican embassy's premises and archives.\n"
	if err := os.WriteFile(article, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, env, "ingest", article)
	if r.code != 0 || !strings.Contains(r.stdout, "added icj-order") {
		t.Fatalf("ingest: %v\n%s%s", r.err, r.stdout, r.stderr)
	}
	a := askJSON(t, env, "What did the court decide about emergency measures?")
	if a.Refused || len(a.Citations) == 0 || a.Citations[0].DocID != "icj-order" || a.Citations[0].Date != "2024-05-23" {
		t.Fatalf("answer %q citations %+v", a.Answer, a.Citations)
	}
	// the built-in article is still answered from
	b := askJSON(t, env, "Who was arrested at the Mexican embassy?")
	if !strings.Contains(b.Answer, "Glas") {
		t.Fatalf("built-in corpus lost: %q", b.Answer)
	}
	// again: recognised, not added twice
	r = runCLI(t, env, "ingest", article)
	if r.code != 0 || !strings.Contains(r.stdout, "already in the corpus") {
		t.Fatalf("second ingest: %v\n%s", r.err, r.stdout)
	}
	src := runCLI(t, env, "sources")
	if strings.Count(src.stdout, "Court declines") != 1 {
		t.Fatalf("sources:\n%s", src.stdout)
	}
}

func TestIngestURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html lang="en"><head><title>OAS vote</title><meta property="article:published_time" content="2024-04-10"></head>
<body><article><p>The Organization of American States approved a resolution condemning the raid, with 29 votes in favour.</p></article></body></html>`))
	}))
	defer srv.Close()
	env := map[string]string{"FOOTNOTE_DATA_DIR": t.TempDir()}
	// a local address is refused unless allowed
	r := runCLI(t, env, "ingest", srv.URL+"/oas")
	if r.code != 1 || !strings.Contains(r.stderr, "not public") {
		t.Fatalf("loopback URL: exit %d\n%s", r.code, r.stderr)
	}
	r = runCLI(t, env, "ingest", "--allow-private", srv.URL+"/oas")
	if r.code != 0 || !strings.Contains(r.stdout, "OAS vote") {
		t.Fatalf("allowed: exit %d %v\n%s%s", r.code, r.err, r.stdout, r.stderr)
	}
	a := askJSON(t, env, "How many votes did the OAS resolution get?")
	if a.Refused || !strings.Contains(a.Answer, "29") {
		t.Fatalf("answer %q", a.Answer)
	}
}
