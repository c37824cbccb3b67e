package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

// questionSets are the question sets written against the invented corpora
// in testdata, by corpus folder.
var questionSets = map[string][]string{
	"../testdata/corpus-wire": {"../testdata/eval/wire-dev.jsonl", "../testdata/eval/wire-heldout.jsonl"},
	"../testdata/corpus-fresh": {"../testdata/eval/fresh-dev.jsonl", "../testdata/eval/fresh-heldout.jsonl",
		"../testdata/eval/fresh-dev2.jsonl"},
	"../testdata/corpus-fresh2": {"../testdata/eval/fresh2-dev.jsonl", "../testdata/eval/fresh2-heldout.jsonl"},
	"../testdata/corpus-fresh3": {"../testdata/eval/fresh3-dev.jsonl", "../testdata/eval/fresh3-heldout.jsonl"},
	"../testdata/corpus-fresh4": {"../testdata/eval/fresh4-dev.jsonl", "../testdata/eval/fresh4-heldout.jsonl"},
	"../testdata/corpus-fresh5": {"../testdata/eval/fresh5-dev.jsonl", "../testdata/eval/fresh5-heldout.jsonl"},
	"../testdata/corpus-fresh6": {"../testdata/eval/fresh6-dev.jsonl", "../testdata/eval/fresh6-heldout.jsonl"},
	"../testdata/corpus-fresh7": {"../testdata/eval/fresh7-dev.jsonl", "../testdata/eval/fresh7-heldout.jsonl"},
	"../testdata/corpus-fresh8": {"../testdata/eval/fresh8-dev.jsonl", "../testdata/eval/fresh8-heldout.jsonl"},
}

// setKinds are the kinds a question may be labelled with.
var setKinds = map[string]bool{
	"who": true, "when": true, "how-many": true, "why": true, "where": true,
	"fact": true, "paraphrase": true, "multi-doc": true, "time-sensitive": true, "unanswerable": true,
}

// article is one article of a corpus: its language and its body's
// paragraphs (text between blank lines), front matter removed.
type article struct {
	lang  string
	paras []string
}

// readCorpus reads a corpus folder, keyed by file name: Markdown with front
// matter, which must give title, source, date and language, and text
// files without it, whose language is detected.
func readCorpus(t *testing.T, dir string) map[string]article {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]article{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if strings.HasSuffix(p, ".txt") {
			out[filepath.Base(p)] = article{lang: string(lang.Detect(text, lang.English)), paras: strings.Split(text, "\n\n")}
			continue
		}
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
		out[filepath.Base(p)] = article{lang: fields["language"], paras: strings.Split(body, "\n\n")}
	}
	if len(out) == 0 {
		t.Fatalf("no articles in %s", dir)
	}
	return out
}

// The question sets on the invented corpora are well-formed: they parse,
// their labels are known, their ids are unique within a corpus, and every
// gold passage of an answerable question sits verbatim inside one
// paragraph of an article (of the other language when the question is
// marked cross-lingual). This checks the data only; it measures nothing.
func TestQuestionSetsWellFormed(t *testing.T) {
	for dir, sets := range questionSets {
		articles := readCorpus(t, dir)
		seen := map[string]string{}
		for _, set := range sets {
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
				checkItem(t, set+" "+it.ID, it, articles)
				if prev, dup := seen[it.ID]; dup {
					t.Errorf("%s %s: id also used in %s", set, it.ID, prev)
				}
				seen[it.ID] = set
			}
		}
	}
}

// checkItem checks one question of a set against its corpus's articles.
func checkItem(t *testing.T, where string, it Item, articles map[string]article) {
	t.Helper()
	if !setKinds[it.Kind] {
		t.Errorf("%s: kind %q is not a known kind", where, it.Kind)
	}
	if it.Lang != "en" && it.Lang != "es" {
		t.Errorf("%s: lang %q is not en or es", where, it.Lang)
	}
	if !it.Answerable {
		if len(it.Expect) > 0 || len(it.Gold) > 0 || it.CrossLingual {
			t.Errorf("%s: unanswerable question has expect, gold or cross_lingual", where)
		}
		return
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
			t.Errorf("%s: gold %q is in no paragraph of its corpus", where, g)
		case it.CrossLingual && langs[it.Lang]:
			t.Errorf("%s: cross-lingual, but gold %q is in an article in %s", where, g, it.Lang)
		}
	}
}

// goldLanguages is the set of languages of the articles that hold s inside
// one paragraph; empty when none does.
func goldLanguages(articles map[string]article, s string) map[string]bool {
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
