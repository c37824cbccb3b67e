package main

import (
	"slices"
	"testing"

	"github.com/footnote-bot/footnote/lexicon/internal/table"
)

func TestOverlay(t *testing.T) {
	base := graph{"arrest": {"nab": 1}, "shout": {"yell": 1}}
	full := graph{"arrest": {"nab": 1, "detain": 0.5}, "shout": {"yell": 1}, "envoy": {"emissary": 0.5}}
	b, f := base.table("en", "en", maxRels), full.table("en", "en", maxRels)
	o := overlay(f, b)
	tests := []struct {
		key  string
		want []table.Edge
	}{
		{"arrest", []table.Edge{{Target: "nab", Weight: 100}, {Target: "detain", Weight: 50}}}, // changed: whole list
		{"envoy", []table.Edge{{Target: "emissary", Weight: 50}}},                              // new key
		{"shout", nil}, // unchanged: left to the base table
	}
	for _, tt := range tests {
		if got := o.Lookup(tt.key); !slices.Equal(got, tt.want) {
			t.Errorf("overlay Lookup(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}
