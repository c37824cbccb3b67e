package main

import (
	"slices"

	"github.com/footnote-bot/footnote/lexicon/internal/table"
)

// overlay returns the entries of full that differ from base's, whole: the
// table package lexicon lays over base when the GPL file is compiled in (a
// key found in the overlay is looked up there only). Both tables are of the
// same language pair and already capped.
func overlay(full, base *table.Table) *table.Table {
	rel := map[string][]table.Edge{}
	for _, k := range full.Keys {
		es := full.Lookup(k)
		if len(es) == 0 || slices.Equal(es, base.Lookup(k)) {
			continue
		}
		rel[k] = es
	}
	return table.Build(full.From, full.To, rel, maxRels)
}
