package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wireSets are the question sets written against testdata/corpus-wire.
var wireSets = []string{
	"../testdata/eval/wire-dev.jsonl",
	"../testdata/eval/wire-heldout.jsonl",
}

// wireKinds are the kinds a wire question may be labelled with.
var wireKinds = map[string]bool{
	"who": true, "when": true, "how-many": true, "why": true, "where": true,
	"fact": true, "paraphrase": true, "multi-doc": true, "time-sensitive": true,
}

// wireArticle is one article of the wire corpus: its language and its
// body's paragraphs (text between blank lines), front matter removed.
type wireArticle struct {
	lang  string
	paras []string
}

// wireCorpus reads the wire corpus, keyed by file name.
func wireCorpus(t *testing.T) map[string]wireArticle {
	t.Helper()
	paths, err := filepath.Glob("../testdata/corpus-wire/*.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no articles in testdata/corpus-wire")
	}
	out := map[string]wireArticle{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		rest, ok := strings.CutPrefix(text, "---\n")
		if !ok {
			t.Errorf("%s: no front matter", p)
			continue
		}
		front, body, ok := strings.Cut(rest, "\n---\n")
		if !ok {
			t.Errorf("%s: front matter not closed", p)
			continue
		}
		fields := map[string]string{}
		for _, line := range strings.Split(front, "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok {
				fields[k] = strings.TrimSpace(v)
			}
		}
		for _, key := range []string{"title", "source", "date", "language"} {
			if fields[key] == "" {
				t.Errorf("%s: front matter has no %s", p, key)
			}
		}
		out[filepath.Base(p)] = wireArticle{lang: fields["language"], paras: strings.Split(body, "\n\n")}
	}
	return out
}

// The wire question sets are well-formed: they parse, their labels are
// known, their ids are unique across both sets, and every gold passage of an
// answerable question sits verbatim inside one paragraph of an article (of
// the other language when the question is marked cross-lingual). This checks
// the data only; it measures nothing.
func TestWireSetsWellFormed(t *testing.T) {
	articles := wireCorpus(t)
	seen := map[string]string{}
	for _, set := range wireSets {
		f, err := os.Open(set)
		if err != nil {
			t.Fatal(err)
		}
		items, err := Read(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", set, err)
		}
		for _, it := range items {
			where := set + " " + it.ID
			if prev, dup := seen[it.ID]; dup {
				t.Errorf("%s: id also used in %s", where, prev)
			}
			seen[it.ID] = set
			if !wireKinds[it.Kind] {
				t.Errorf("%s: kind %q is not a known kind", where, it.Kind)
			}
			if it.Lang != "en" && it.Lang != "es" {
				t.Errorf("%s: lang %q is not en or es", where, it.Lang)
			}
			if !it.Answerable {
				if len(it.Expect) > 0 || len(it.Gold) > 0 || it.CrossLingual {
					t.Errorf("%s: unanswerable question has expect, gold or cross_lingual", where)
				}
				continue
			}
			if len(it.Expect) == 0 || len(it.Gold) == 0 {
				t.Errorf("%s: answerable question needs expect and gold", where)
			}
			for _, g := range it.Gold {
				if strings.TrimSpace(g) == "" {
					t.Errorf("%s: empty gold passage", where)
					continue
				}
				langs := goldLanguages(articles, g)
				switch {
				case len(langs) == 0:
					t.Errorf("%s: gold %q is in no paragraph of testdata/corpus-wire", where, g)
				case it.CrossLingual && langs[it.Lang]:
					t.Errorf("%s: cross-lingual, but gold %q is in an article in %s", where, g, it.Lang)
				}
			}
		}
	}
}

// goldLanguages is the set of languages of the articles that hold s inside
// one paragraph; empty when none does.
func goldLanguages(articles map[string]wireArticle, s string) map[string]bool {
	langs := map[string]bool{}
	for _, a := range articles {
		for _, p := range a.paras {
			if strings.Contains(p, s) {
				langs[a.lang] = true
				break
			}
		}
	}
	return langs
}
