package retrieval

import (
	"context"
	"fmt"
	"slices"
	"strings"
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
	w := weightsOf(queryTerms(ix.Analyse("Who was apprehended?")), lang.English)
	if w[lang.Stem(lang.English, "arrest")] == 0 {
		t.Errorf("query weights for 'apprehended' = %v, want the corpus's 'arrest'", w)
	}
	w = weightsOf(queryTerms(ix.Analyse("Who was detained?")), lang.English)
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
	q = ix.Analyse("What did President López Obrador say?") // a title before the name
	for _, w := range q.Words {
		if (w.Text == "lopez" || w.Text == "obrador") && !hasAlt(w.Related, "amlo") {
			t.Errorf("%s after a title: related %+v, want amlo", w.Text, w.Related)
		}
	}
	q = ix.Analyse("What did the European Union say?") // "EU" is no word of the articles
	for _, w := range q.Words {
		if hasAlt(w.Related, "eu") {
			t.Errorf("%s: related %+v; the articles never write EU", w.Text, w.Related)
		}
	}
	// initials that spell a word are the word: "Lucía Álvarez Weber" and
	// "the law" give no "law" for Álvarez
	ix = relatedIndex(t, map[string]string{"a.md": "---\ntitle: Judge named\nlanguage: en\n---\n\nThe court named Lucia Alvarez Weber to hear the case under the new law.\n"})
	for _, w := range ix.Analyse("What did Alvarez Weber rule?").Words {
		if hasAlt(w.Related, "law") {
			t.Errorf("%s: related %+v; 'law' is a word, not initials", w.Text, w.Related)
		}
	}
}

// A name asked in lower case ("the national emergency office") reaches its
// initials only whole: its words are common words, and "the emergency
// office" may be any.
func TestLowerCaseNameReachesItsInitials(t *testing.T) {
	ix := relatedIndex(t, map[string]string{"a.md": "---\ntitle: Water cut\nlanguage: en\n---\n\n" +
		"The National Emergency Office (ONEM) cut the water.\n\n\"Nobody should drink it,\" ONEM director Ana Pinzón said.\n"})
	for _, w := range ix.Analyse("who runs the national emergency office").Words {
		if (w.Text == "national" || w.Text == "emergency" || w.Text == "office") && !hasAlt(w.Related, "onem") {
			t.Errorf("%s: related %+v, want onem", w.Text, w.Related)
		}
	}
	for _, w := range ix.Analyse("who runs the emergency office").Words {
		if hasAlt(w.Related, "onem") {
			t.Errorf("%s: related %+v; part of a name in lower case is no name", w.Text, w.Related)
		}
	}
	for _, w := range ix.Analyse("what did the national emergency office announce").Words {
		if (w.Text == "national" || w.Text == "office") && !hasAlt(w.Related, "onem") {
			t.Errorf("%s: related %+v, want onem; words after the name leave it whole", w.Text, w.Related)
		}
	}
	es := relatedIndex(t, map[string]string{"b.md": "---\ntitle: Agua\nlanguage: es\n---\n\n" +
		"La Oficina Nacional de Gestión de Emergencias (ONGE) cortó el agua.\n\nLa ONGE pidió calma.\n"})
	for _, w := range es.Analyse("¿quién dirige la oficina nacional de gestión de emergencias?").Words {
		if (w.Text == "oficina" || w.Text == "emergencias") && !hasAlt(w.Related, "onge") {
			t.Errorf("%s: related %+v, want onge; connectors stand inside a name", w.Text, w.Related)
		}
	}
}

// An acronym the articles spell out in both languages ("National
// Housing Agency (ANV)", "Agencia Nacional de Vivienda (ANV)") is reached
// from either name, not only from the one spelled out most often.
func TestBothNamesReachTheirSharedInitials(t *testing.T) {
	ix := relatedIndex(t, map[string]string{
		"en.md": "---\ntitle: Agency\nlanguage: en\n---\n\nThe National Housing Agency (ANV) was created in April.\n\nANV staff visited the town.\n",
		"es.md": "---\ntitle: Agencia\nlanguage: es\n---\n\nLa Agencia Nacional de Vivienda (ANV) abrió oficinas.\n\nLa ANV pidió calma.\n\nLa Agencia Nacional de Vivienda (ANV) publicó su plan.\n",
	})
	for q, words := range map[string][]string{
		"who runs the national housing agency":           {"national", "housing", "agency"},
		"¿quién dirige la agencia nacional de vivienda?": {"agencia", "nacional", "vivienda"},
	} {
		for _, w := range ix.Analyse(q).Words {
			if slices.Contains(words, w.Text) && !hasAlt(w.Related, "anv") {
				t.Errorf("%q: %s related %+v, want anv", q, w.Text, w.Related)
			}
		}
	}
}

// weightsOf gives each stem of the query terms its greatest weight for a
// chunk in language l.
func weightsOf(terms []queryTerm, l lang.Lang) map[string]float64 {
	out := map[string]float64{}
	for _, t := range terms {
		for s, w := range t {
			out[s] = max(out[s], w.of(l))
		}
	}
	return out
}

// A translation is a word of the other language: Related tags it with
// that language, and a same-language form with the question's.
func TestRelatedFormsKnowTheirLanguage(t *testing.T) {
	ix := relatedIndex(t, map[string]string{"en.md": relatedEN, "es.md": relatedES})
	tagged := func(word, stem string) lang.Lang {
		for _, a := range ix.Related(lang.English, word) {
			if a.Stem == stem {
				return a.Lang
			}
		}
		t.Errorf("Related(%q) lacks %q", word, stem)
		return ""
	}
	if l := tagged("evacuated", lang.Stem(lang.Spanish, "evacuaron")); l != lang.Spanish {
		t.Errorf("translation of evacuated tagged %q, want Spanish", l)
	}
	if l := tagged("apprehended", lang.Stem(lang.English, "arrested")); l != lang.English {
		t.Errorf("synonym of apprehended tagged %q, want English", l)
	}
}

// A chunk scores once per question word, by the best of the word's forms
// it has: one word's four forms do not outweigh two words of the question.
func TestLexicalSearchCountsAWordOnce(t *testing.T) {
	b := newBM25([]string{
		"Police arrested, detained, apprehended and held the man.",
		"Police arrested the man at the gate.",
	}, []lang.Lang{lang.English, lang.English})
	st := func(w string) string { return lang.Stem(lang.English, w) }
	terms := []queryTerm{
		{st("arrested"): {any: 1}, st("detained"): {any: 0.5}, st("apprehended"): {any: 0.5}, st("held"): {any: 0.5}},
		{st("gate"): {any: 1}},
	}
	english := []lang.Lang{lang.English, lang.English}
	got := b.search(terms, english, 2)
	if len(got) != 2 || got[0].idx != 1 {
		t.Fatalf("search = %+v, want the chunk with both words first", got)
	}
	// a form that holds in Spanish only does not score an English chunk
	got = b.search([]queryTerm{{st("gate"): {in: map[lang.Lang]float64{lang.Spanish: 1}}}}, english, 2)
	if len(got) != 0 {
		t.Errorf("Spanish-only weight scored English chunks: %+v", got)
	}
}

// A general-vocabulary translation whose Spanish stem is too short to tell
// words apart is not used: "raid" → "redada" stems to "red", which is also
// "redes" (networks).
func TestShortVocabularyStemIsNotUsed(t *testing.T) {
	ix := relatedIndex(t, map[string]string{"en.md": relatedEN, "es.md": "---\ntitle: Las redes sociales\nlanguage: es\n---\n\nLas redes sociales difundieron la redada policial.\n"})
	for _, a := range ix.Related(lang.English, "raid") {
		if a.Lang == lang.Spanish && len(a.Stem) < minVocabularyStem {
			t.Errorf("Related(raid) has the short Spanish stem %+v", a)
		}
	}
}

// A question word no article uses reaches a weak link that looks like a
// form of it ("flown" → "flight", a later sense's derived form), but not
// a weak link of another root ("transported" → "facility"); a word the
// articles use keeps to its strong links.
func TestUnusedWordReachesItsWeakDerivedForms(t *testing.T) {
	has := func(alts []Alt, stem string) bool {
		for _, a := range alts {
			if a.Stem == stem {
				return true
			}
		}
		return false
	}
	flight := lang.Stem(lang.English, "flight")
	const doc = "---\ntitle: Leader moved\nlanguage: en\n---\n\nHe boarded a flight to the port city after guards moved prisoners out of the facility.\n"
	ix := relatedIndex(t, map[string]string{"a.md": doc})
	if !has(ix.Related(lang.English, "flown"), flight) {
		t.Errorf("Related(flown) = %v, want %q", ix.Related(lang.English, "flown"), flight)
	}
	if alts := ix.Related(lang.English, "transported"); has(alts, lang.Stem(lang.English, "facility")) {
		t.Errorf("Related(transported) = %v: a weak link of another root", alts)
	}
	used := relatedIndex(t, map[string]string{"a.md": doc + "\nBirds fly over the port.\n"})
	if alts := used.Related(lang.English, "flown"); has(alts, flight) {
		t.Errorf("Related(flown) = %v with fly in the articles: a weak link", alts)
	}
}

// stubEmbedder gives each text a fixed direction by the first of its
// markers it holds, and the question one of its own, so the vector ranking
// is known in advance.
type stubEmbedder struct{ dirs map[string][]float32 }

func (stubEmbedder) ID() string { return "stub" }

func (s stubEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		out[i] = []float32{0, 0, 1}
		for m, v := range s.dirs {
			if strings.Contains(t, m) {
				out[i] = v
			}
		}
	}
	return out, nil
}

// A chunk far ahead of the rest in BM25 (the only one with the question's
// rarest word) stays first though the vectors rank it below chunks that
// share only a common word: the fusion adds the lists' normalised scores
// to their ranks.
func TestFusionKeepsAFarLexicalLead(t *testing.T) {
	files := fstest.MapFS{"far.md": {Data: []byte("---\ntitle: Distances\nlanguage: en\n---\n\nThe capital lies 480 km north of the farm, over the pass.\n")}}
	for i := range 5 {
		files[fmt.Sprintf("farm%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Harvest %d\nlanguage: en\n---\n\nThe farm grows apples, pears and plums in year %d.\n", i, i))}
	}
	for i := range 3 {
		files[fmt.Sprintf("other%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Weather %d\nlanguage: en\n---\n\nRain fell on the coast on day %d.\n", i, i))}
	}
	docs, _, err := corpus.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	emb := stubEmbedder{dirs: map[string][]float32{
		"farm grows": {1, 0, 0},     // as the question
		"480 km":     {0.8, 0.6, 0}, // close, below the farm chunks
		"How far":    {1, 0, 0},
	}}
	ix, _, err := Build(context.Background(), docs, Options{Embedder: emb})
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Search(context.Background(), "How far is the farm from the capital?", 3)
	if err != nil || len(hits) == 0 || !strings.Contains(hits[0].Chunk.Text, "480 km") {
		t.Fatalf("first hit: %+v, %v", hits, err)
	}
}
