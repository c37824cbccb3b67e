package cli_test

import (
	"net"
	"strings"
	"testing"
)

// closedURL is an endpoint address nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/v1"
}

// With the model endpoint down, ask still answers, from an index built with
// the local embedder, and says once that it fell back.
func TestUnreachableEndpointStillAnswers(t *testing.T) {
	env := map[string]string{"OPENAI_BASE_URL": closedURL(t), "FOOTNOTE_MODEL_TIMEOUT": "5s"}
	r := runCLI(t, env, "ask", "--json", "Who was arrested at the Mexican embassy?")
	if r.code != 0 {
		t.Fatalf("exit %d: %v\n%s", r.code, r.err, r.stderr)
	}
	if !strings.Contains(r.stdout, "Jorge Glas") || !strings.Contains(r.stdout, `"mode": "extractive"`) {
		t.Errorf("no extractive answer naming Glas:\n%s", r.stdout)
	}
	if n := strings.Count(r.stderr, "local embedder"); n != 1 {
		t.Errorf("the fallback to the local embedder is said %d times, want once:\n%s", n, r.stderr)
	}
}
