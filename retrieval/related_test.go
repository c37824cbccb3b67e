package retrieval

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

func relatedIndex(t *testing.T, files map[string]string) *Index {
	t.Helper()
	fsys := fstest.MapFS{}
	for n, b := range files {
		fsys[n] = &fstest.MapFile{Data: []byte(b)}
	}
	docs, skipped, err := corpus.Load(fsys)
	if err != nil || len(skipped) > 0 {
		t.Fatalf("load: %v %v", err, skipped)
	}
	ix, _, err := Build(context.Background(), docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

const relatedEN = `---
title: Port police make arrests
language: en
---

Police arrested the union leader at the gate on Monday.

Officers detained two drivers near the warehouse.

Mexican officials said Andres Manuel Lopez Obrador would speak.

Spain and the European Union condemned the raid.
`

const relatedES = `---
title: El volcán obliga a evacuar
language: es
---

Las autoridades de Ecuador evacuaron a los vecinos de la aldea.
`

// A question word's related forms are found, each weighing less than the
// word itself, and only forms the corpus uses come back.
func TestRelatedWeighsLessThanTheWord(t *testing.T) {
	ix := relatedIndex(t, map[string]string{"en.md": relatedEN, "es.md": relatedES})
	alts := ix.Related(lang.English, "apprehended")
	found := false
	for _, a := range alts {
		if a.Weight <= 0 || a.Weight >= 1 {
			t.Errorf("%s has weight %v, want in (0, 1)", a.Stem, a.Weight)
		}
		if ix.lex.postings[a.Stem] == nil {
			t.Errorf("%s is not in the corpus", a.Stem)
		}
		found = found || a.Stem == lang.Stem(lang.English, "arrested")
	}
	if !found {
		t.Errorf("Related(apprehended) = %+v, want the corpus's 'arrest'", alts)
	}
	if alts := ix.Related(lang.English, "zzyzx"); len(alts) != 0 {
		t.Errorf("Related of a non-word = %+v", alts)
	}
}

// The asker's own word outranks a related one: "detained" finds the passage
// that says detained before the one that says arrested, and a word no
// article uses reaches the corpus through its related forms.
func TestSearchPrefersTheAskersWord(t *testing.T) {
	ix := relatedIndex(t, map[string]string{"en.md": relatedEN})
	ctx := context.Background()
	hits, err := ix.Search(ctx, "Who was detained?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || !lang.ContainsFold(hits[0].Chunk.Text, "detained") {
		t.Fatalf("first hit for 'detained': %+v", hits)
	}
	w := queryWeights(ix.Analyse("Who was apprehended?"))
	if w[lang.Stem(lang.English, "arrest")] == 0 {
		t.Errorf("query weights for 'apprehended' = %v, want the corpus's 'arrest'", w)
	}
	w = queryWeights(ix.Analyse("Who was detained?"))
	if own, alt := w[lang.Stem(lang.English, "detained")], w[lang.Stem(lang.English, "arrested")]; own != 1 || alt >= own {
		t.Errorf("query weights: detained %v, arrested %v; want 1 and less", own, alt)
	}
}

// Names spelled another way: a demonym reaches its country in both
// languages, and the initials of a multi-word name stand for it.
func TestNamesSpelledAnotherWay(t *testing.T) {
	ix := relatedIndex(t, map[string]string{"en.md": relatedEN, "es.md": relatedES})
	has := func(alts []Alt, stem string) bool {
		for _, a := range alts {
			if a.Stem == stem {
				return true
			}
		}
		return false
	}
	if alts := ix.Related(lang.English, "mexico"); !has(alts, lang.Stem(lang.English, "mexican")) {
		t.Errorf("Related(mexico) = %+v, want mexican", alts)
	}
	if alts := ix.Related(lang.Spanish, "ecuatoriano"); ix.lex.postings[lang.Stem(lang.Spanish, "ecuatoriano")] == nil && !has(alts, "ecuador") {
		t.Errorf("Related(ecuatoriano) = %+v, want ecuador", alts)
	}
	if name, ok := ix.Acronym("amlo"); !ok || name != "Andres Manuel Lopez Obrador" {
		t.Errorf("Acronym(amlo) = %q, %v", name, ok)
	}
	// "and" joins two names, it does not make one
	if name, ok := ix.Acronym("eu"); !ok || name != "European Union" {
		t.Errorf("Acronym(eu) = %q, %v", name, ok)
	}
	if name, ok := ix.Acronym("seu"); ok {
		t.Errorf("Acronym(seu) = %q: a run across two names", name)
	}
}

// otherEmbedder stands for an embedding model: any embedder but the local
// HashEmbedder.
type otherEmbedder struct{ Embedder }

// The vector ranking counts half of BM25's in the fusion when it comes from
// the local hashing embedder, and as much as BM25's from a model.
func TestDenseWeightFollowsTheEmbedder(t *testing.T) {
	if w := relatedIndex(t, map[string]string{"en.md": relatedEN}).denseWeight(); w != hashDenseWeight {
		t.Errorf("local embedder: weight %v, want %v", w, hashDenseWeight)
	}
	docs, _, err := corpus.Load(fstest.MapFS{"en.md": {Data: []byte(relatedEN)}})
	if err != nil {
		t.Fatal(err)
	}
	ix, _, err := Build(context.Background(), docs, Options{Embedder: otherEmbedder{NewHashEmbedder(0)}})
	if err != nil {
		t.Fatal(err)
	}
	if w := ix.denseWeight(); w != 1 {
		t.Errorf("a model's embedder: weight %v, want 1", w)
	}
}

// A name asked in part ("López Obrador") reaches the passages that write
// the initials of the whole name ("AMLO") when the articles use them as a
// word, and both words of the name carry them; initials the articles never
// write, or of a name that does not hold the asked words, are not added.
func TestNameReachesItsInitials(t *testing.T) {
	ix := relatedIndex(t, map[string]string{"en.md": relatedEN, "amlo.md": "---\ntitle: Remarks\nlanguage: en\n---\n\nThe expulsion followed remarks made by AMLO at a morning press conference.\n"})
	q := ix.Analyse("What did López Obrador say at the press conference?")
	for _, w := range q.Words {
		if w.Text != "lopez" && w.Text != "obrador" {
			continue
		}
		found := false
		for _, a := range w.Related {
			found = found || a.Stem == "amlo"
		}
		if !found {
			t.Errorf("%s: related %+v, want amlo", w.Text, w.Related)
		}
	}
	hits, err := ix.Search(context.Background(), "What remarks did López Obrador make?", 1)
	if err != nil || len(hits) == 0 || !lang.ContainsFold(hits[0].Chunk.Text, "AMLO") {
		t.Fatalf("first hit: %+v, %v", hits, err)
	}
	q = ix.Analyse("What did the European Union say?") // "EU" is no word of the articles
	for _, w := range q.Words {
		if len(w.Related) > 0 && w.Related[0].Stem == "eu" {
			t.Errorf("%s: related %+v; the articles never write EU", w.Text, w.Related)
		}
	}
}
