package config

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the README's configuration table from the code")

// The README's configuration table is generated from the code; this keeps
// them equal (regenerate with `go test ./config -run README -update`, or
// paste the output of `footnote config --markdown`).
func TestREADMETableMatchesCode(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	const start, end = "<!-- config table start -->\n", "<!-- config table end -->"
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatal("README has no config table markers")
	}
	if got := s[i+len(start) : j]; got != Table() {
		if *update {
			if err := os.WriteFile("../README.md", []byte(s[:i+len(start)]+Table()+s[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README's configuration table is stale; run `go test ./config -run README -update`:\n%s", Table())
	}
}
