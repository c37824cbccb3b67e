package config

import (
	"os"
	"strings"
	"testing"
)

// The README's configuration table is generated from the code; this keeps
// them equal (regenerate with `go run . config --markdown`).
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
		t.Errorf("README's configuration table is stale; replace it with the output of `go run . config --markdown`:\n%s", Table())
	}
}
