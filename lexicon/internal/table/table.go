// Package table is the in-memory and on-disk form of a lexicon relation: for
// each key word of one language, its related words (in the same or another
// language) with weights. The generator encodes tables; package lexicon
// decodes them. Keeping both sides in one package keeps the format in one
// place.
package table

import (
	"sort"
	"strings"
)

// MaxWeight is the quantised weight that stands for 1.0. Weights are stored
// as integers in 1..MaxWeight.
const MaxWeight = 100

// Table maps each of Keys (sorted, unique, in language From) to edges
// pointing into Targets (sorted, unique, in language To). When From == To,
// Targets is the same slice as Keys.
type Table struct {
	From, To string
	Keys     []string
	Targets  []string
	// Start[i]..Start[i+1] are the edges of Keys[i]; len(Start) == len(Keys)+1.
	Start []uint32
	// Edges pack a target index (high 24 bits) and a weight in 1..MaxWeight
	// (low 8 bits), best first within a key.
	Edges []uint32
}

// Edge is one unpacked relation.
type Edge struct {
	Target string
	Weight uint8
}

// maxTargets is the number of distinct targets an edge can address.
const maxTargets = 1 << 24

// Lookup returns the edges of key, best first, or nil when key is not a key.
func (t *Table) Lookup(key string) []Edge {
	i := sort.SearchStrings(t.Keys, key)
	if i == len(t.Keys) || t.Keys[i] != key {
		return nil
	}
	es := t.Edges[t.Start[i]:t.Start[i+1]]
	if len(es) == 0 {
		return nil
	}
	out := make([]Edge, len(es))
	for j, e := range es {
		out[j] = Edge{Target: t.Targets[e>>8], Weight: uint8(e)}
	}
	return out
}

// Len returns the number of keys and of edges.
func (t *Table) Len() (keys, edges int) { return len(t.Keys), len(t.Edges) }

// Build makes a table from a map of key to edges (in any order; duplicates
// keep their best weight). Edges are sorted best first, then by target, and
// cut to at most limit per key; a key left with no edge is dropped.
func Build(from, to string, rel map[string][]Edge, limit int) *Table {
	t := &Table{From: from, To: to}
	keys := make([]string, 0, len(rel))
	targetSet := map[string]bool{}
	clean := make(map[string][]Edge, len(rel))
	for k, es := range rel {
		best := map[string]uint8{}
		for _, e := range es {
			if e.Target == "" || e.Weight == 0 || (from == to && e.Target == k) {
				continue
			}
			if e.Weight > best[e.Target] {
				best[e.Target] = e.Weight
			}
		}
		if len(best) == 0 {
			continue
		}
		out := make([]Edge, 0, len(best))
		for target, w := range best {
			out = append(out, Edge{Target: target, Weight: min(w, MaxWeight)})
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Weight != out[j].Weight {
				return out[i].Weight > out[j].Weight
			}
			return out[i].Target < out[j].Target
		})
		if len(out) > limit {
			out = out[:limit]
		}
		clean[k] = out
		keys = append(keys, k)
		for _, e := range out {
			targetSet[e.Target] = true
		}
	}
	sort.Strings(keys)
	t.Keys = keys
	if from == to {
		for _, k := range keys {
			targetSet[k] = true
		}
	}
	targets := make([]string, 0, len(targetSet))
	for s := range targetSet {
		targets = append(targets, s)
	}
	sort.Strings(targets)
	if from == to {
		// keys that are only targets must become keys too so the lists are equal
		t.Keys = targets
	}
	t.Targets = targets
	index := make(map[string]uint32, len(targets))
	for i, s := range targets {
		index[s] = uint32(i)
	}
	t.Start = make([]uint32, 0, len(t.Keys)+1)
	for _, k := range t.Keys {
		t.Start = append(t.Start, uint32(len(t.Edges)))
		for _, e := range clean[k] {
			t.Edges = append(t.Edges, index[e.Target]<<8|uint32(e.Weight))
		}
	}
	t.Start = append(t.Start, uint32(len(t.Edges)))
	return t
}

// valid reports whether s can be a key or target: non-empty, no newline.
func valid(s string) bool { return s != "" && !strings.ContainsAny(s, "\n\x00") }
