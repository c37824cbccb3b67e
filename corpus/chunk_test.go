package corpus_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/internal/golden"
	"github.com/footnote-bot/footnote/lang"
)

// checkChunks asserts Split's invariants for doc.
func checkChunks(t *testing.T, doc *corpus.Document, chunks []corpus.Chunk) {
	t.Helper()
	text := doc.Text
	prevEnd := 0
	for i, c := range chunks {
		where := fmt.Sprintf("chunk %d [%d,%d)", i, c.Start, c.End)
		if c.Ordinal != i || c.ID != fmt.Sprintf("%s#%d", doc.ID, i) || c.DocID != doc.ID {
			t.Fatalf("%s: ID %q, DocID %q, Ordinal %d; want %s#%d", where, c.ID, c.DocID, c.Ordinal, doc.ID, i)
		}
		if c.Language != doc.Language {
			t.Fatalf("%s: Language %q, want %q", where, c.Language, doc.Language)
		}
		if c.Start < prevEnd || c.Start >= c.End || c.End > len(text) {
			t.Fatalf("%s: out of order, empty or out of range (previous end %d, text %d bytes)", where, prevEnd, len(text))
		}
		if c.Text != text[c.Start:c.End] {
			t.Fatalf("%s: Text %q is not doc.Text[Start:End] %q", where, c.Text, text[c.Start:c.End])
		}
		checkUnits(t, where, &c)
		prevEnd = c.End
	}
	// every non-space character is in a chunk
	j := 0
	for off, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		for j < len(chunks) && chunks[j].End <= off {
			j++
		}
		if j == len(chunks) || off < chunks[j].Start {
			t.Fatalf("%q at byte %d is in no chunk", r, off)
		}
	}
	// paragraph alignment and size
	paraOf := paragraphs(text)
	for i, c := range chunks {
		words := 0 // of sentences: headings after the last one may add some
		for j := range c.Sentences {
			words += len(strings.Fields(c.Sentence(j)))
		}
		if words > corpus.MaxWords && len(c.Sentences) > 1 {
			t.Fatalf("chunk %d has %d words in %d sentences, over the %d-word maximum", i, words, len(c.Sentences), corpus.MaxWords)
		}
		if i == 0 {
			continue
		}
		prev := chunks[i-1]
		opensWithHeading := len(c.Headings) > 0 && c.Headings[0].Start == 0
		if p := paraOf(prev.End - 1); p == paraOf(c.Start) && !opensWithHeading {
			if n := len(strings.Fields(p)); n <= corpus.MaxWords {
				t.Fatalf("chunks %d and %d split a paragraph of %d words (max %d): %q", i-1, i, n, corpus.MaxWords, p)
			}
		}
	}
}

// checkUnits asserts that a chunk's sentences and headings are trimmed,
// ordered spans that together run from its start to its end, that headings
// come before or after all sentences, never between two, and that only a
// chunk of headings alone has headings among its sentences.
func checkUnits(t *testing.T, where string, c *corpus.Chunk) {
	t.Helper()
	if len(c.Sentences) == 0 {
		t.Fatalf("%s: no sentences", where)
	}
	all := append(append([]lang.Span{}, c.Sentences...), c.Headings...)
	slices.SortFunc(all, func(a, b lang.Span) int { return a.Start - b.Start })
	if lead := c.Text[:all[0].Start]; lead != "" && !listMarker.MatchString(lead) || all[len(all)-1].End != len(c.Text) {
		t.Fatalf("%s: units %v do not span the chunk of %d bytes", where, all, len(c.Text))
	}
	prev := 0
	for j, s := range all {
		if s.Start < prev || s.Start >= s.End || s.End > len(c.Text) {
			t.Fatalf("%s: unit %d %v out of order or outside the chunk of %d bytes", where, j, s, len(c.Text))
		}
		if got := c.Text[s.Start:s.End]; strings.TrimSpace(got) != got {
			t.Fatalf("%s: unit %d %q is untrimmed", where, j, got)
		}
		prev = s.End
	}
	first, last := c.Sentences[0], c.Sentences[len(c.Sentences)-1]
	for _, h := range c.Headings {
		if h.Kind != lang.Heading {
			t.Fatalf("%s: heading %q of kind %v", where, c.Text[h.Start:h.End], h.Kind)
		}
		if h.Start > first.Start && h.Start < last.End {
			t.Fatalf("%s: heading %q between sentences", where, c.Text[h.Start:h.End])
		}
	}
	headings := 0
	for _, s := range c.Sentences {
		if s.Kind == lang.Heading {
			headings++
		}
	}
	if headings > 0 && (headings < len(c.Sentences) || len(c.Headings) > 0) {
		t.Fatalf("%s: %d of %d sentences are headings, beside %d headings", where, headings, len(c.Sentences), len(c.Headings))
	}
}

// listMarker is a list item's marker, all a chunk may hold before its first
// unit.
var listMarker = regexp.MustCompile(`^(?:[-*+•▪◦·]|\d{1,3}[.)]|[a-z]\))[ \t]+$`)

// paragraphs returns a function giving the paragraph (as Split cuts the text,
// at "\n\n") holding byte off.
func paragraphs(text string) func(off int) string {
	type para struct{ start, end int }
	var ps []para
	off := 0
	for _, p := range strings.Split(text, "\n\n") {
		ps = append(ps, para{off, off + len(p)})
		off += len(p) + 2
	}
	return func(o int) string {
		for _, p := range ps {
			if o >= p.start && o < p.end {
				return text[p.start:p.end]
			}
		}
		return ""
	}
}

// sentence makes a sentence of n words.
func sentence(n int, word string) string {
	w := strings.TrimSpace(strings.Repeat(word+" ", n))
	return strings.ToUpper(w[:1]) + w[1:] + "."
}

// paragraph makes a paragraph of sentences of the given word counts.
func paragraph(word string, sizes ...int) string {
	var s []string
	for _, n := range sizes {
		s = append(s, sentence(n, word))
	}
	return strings.Join(s, " ")
}

func doc(id, text string) *corpus.Document {
	return &corpus.Document{ID: id, Text: text, Language: lang.English}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		text string
		// want is, per chunk, the number of paragraphs and sentences.
		want [][2]int
	}{
		{name: "empty", text: "", want: nil},
		{name: "white space", text: "  \n\n \t ", want: nil},
		{name: "one sentence", text: "The embassy was raided.", want: [][2]int{{1, 1}}},
		{
			name: "short paragraphs gather up to the target",
			// 30 words each: 30+30 fits 70, a third does not
			text: strings.Join([]string{paragraph("a", 10, 20), paragraph("b", 30), paragraph("c", 15, 15), paragraph("d", 30), paragraph("e", 30)}, "\n\n"),
			want: [][2]int{{2, 3}, {2, 3}, {1, 1}},
		},
		{
			name: "a paragraph that would pass the target starts a chunk",
			text: strings.Join([]string{paragraph("a", 10), paragraph("b", 61)}, "\n\n"),
			want: [][2]int{{1, 1}, {1, 1}},
		},
		{
			name: "a paragraph that reaches the target exactly joins",
			text: strings.Join([]string{paragraph("a", 10), paragraph("b", 60)}, "\n\n"),
			want: [][2]int{{2, 2}},
		},
		{
			name: "a paragraph up to the maximum stays whole",
			text: strings.Join([]string{paragraph("a", 50), paragraph("b", 20, 20, 20, 20, 20, 20, 20), paragraph("c", 10)}, "\n\n"),
			want: [][2]int{{1, 1}, {1, 7}, {1, 1}},
		},
		{
			name: "a paragraph over the maximum is cut between sentences",
			text: strings.Join([]string{paragraph("a", 10), paragraph("b", 50, 50, 50, 50, 50), paragraph("c", 10)}, "\n\n"),
			want: [][2]int{{1, 1}, {1, 2}, {1, 2}, {2, 2}},
		},
		{
			name: "one sentence over the maximum is one chunk",
			text: strings.Join([]string{paragraph("a", 200), paragraph("b", 5)}, "\n\n"),
			want: [][2]int{{1, 1}, {1, 1}},
		},
		{
			name: "extra blank lines",
			text: "First.\n\n\n\nSecond.\n\n",
			want: [][2]int{{2, 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc("doc", tt.text)
			chunks := corpus.Split(d)
			checkChunks(t, d, chunks)
			paraOf := paragraphs(d.Text)
			var got [][2]int
			for _, c := range chunks {
				paras := map[string]bool{}
				for _, s := range c.Sentences {
					paras[paraOf(c.Start+s.Start)] = true
				}
				got = append(got, [2]int{len(paras), len(c.Sentences)})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split: (paragraphs, sentences) per chunk = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSplitHeadings: a heading opens a chunk and is kept out of its
// sentences, whatever the chunk's size.
func TestSplitHeadings(t *testing.T) {
	tests := []struct {
		name string
		text string
		// want is, per chunk, its headings and its sentences, joined by |.
		want []string
	}{
		{name: "heading opens a chunk", text: "Glas was arrested.\n\nBackground\n\nHe sought asylum.",
			want: []string{"|Glas was arrested.", "Background|He sought asylum."}},
		{name: "heading line in the paragraph", text: "Glas was arrested.\nBackground\nHe sought asylum.",
			want: []string{"|Glas was arrested.", "Background|He sought asylum."}},
		{name: "headings above the first sentence stay together", text: "# Raid\n\nBy Jane Doe\n\nQUITO (AP) —\n\nPolice broke in.",
			want: []string{"# Raid By Jane Doe QUITO (AP) —|Police broke in."}},
		{name: "title repeated as the first line", text: "Mexico’s president says his country is breaking diplomatic ties with Ecuador\n\nPolice broke in.",
			want: []string{"Mexico’s president says his country is breaking diplomatic ties with Ecuador|Police broke in."}},
		{name: "trailing heading closes the last chunk", text: "Police broke in.\n\nRelated coverage",
			want: []string{"Related coverage|Police broke in."}},
		{name: "long line without a stop is text", text: "Glas is escorted by police in Guayaquil on Saturday, after the raid on the embassy\n\nPolice broke in.",
			want: []string{"|Glas is escorted by police in Guayaquil on Saturday, after the raid on the embassy Police broke in."}},
		{name: "short lines in a row are a list", text: "The filing asks for\n\nA suspension\n\nAn apology\n\nReparations\n\nA hearing is set.",
			want: []string{"|The filing asks for A suspension An apology Reparations A hearing is set."}},
		{name: "only headings", text: "## One\n\n## Two", want: []string{"|## One ## Two"}},
		{name: "a line alone is text", text: "Police broke in", want: []string{"|Police broke in"}},
		{name: "info box items are text", text: "Key facts\nBorn: 3 May 1969\nParty: PAIS\n\nHe was arrested.",
			want: []string{"Key facts|Born: 3 May 1969 Party: PAIS He was arrested."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc("doc", tt.text)
			d.Title = "Mexico’s president says his country is breaking diplomatic ties with Ecuador"
			chunks := corpus.Split(d)
			checkChunks(t, d, chunks)
			var got []string
			for _, c := range chunks {
				var hs, ss []string
				for _, h := range c.Headings {
					hs = append(hs, c.Text[h.Start:h.End])
				}
				for i := range c.Sentences {
					ss = append(ss, c.Sentence(i))
				}
				got = append(got, strings.Join(hs, " ")+"|"+strings.Join(ss, " "))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Split(%q) =\n%q\nwant\n%q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSplitFields(t *testing.T) {
	d := &corpus.Document{ID: "ap-raid", Language: lang.Spanish, Text: paragraph("uno", 65) + "\n\n" + paragraph("dos", 65) + "\n\n" + "«Es imposible. No puede ser», dijo. Luego se fue."}
	chunks := corpus.Split(d)
	checkChunks(t, d, chunks)
	if len(chunks) != 3 {
		t.Fatalf("got %d chunks, want 3", len(chunks))
	}
	c := chunks[2]
	want := corpus.Chunk{
		ID:        "ap-raid#2",
		DocID:     "ap-raid",
		Ordinal:   2,
		Start:     strings.Index(d.Text, "«"),
		End:       len(d.Text),
		Text:      "«Es imposible. No puede ser», dijo. Luego se fue.",
		Sentences: []lang.Span{{Start: 0, End: len("«Es imposible. No puede ser», dijo.")}, {Start: len("«Es imposible. No puede ser», dijo. "), End: len("«Es imposible. No puede ser», dijo. Luego se fue.")}},
		Language:  lang.Spanish,
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("chunk =\n %+v\nwant\n %+v", c, want)
	}
	if got := c.Sentence(1); got != "Luego se fue." {
		t.Errorf("Sentence(1) = %q", got)
	}
}

func TestSplitDeterministic(t *testing.T) {
	docs, _, err := corpus.Load(corpus.Builtin())
	if err != nil || len(docs) == 0 {
		t.Fatalf("Load(Builtin()) = %v, %v", docs, err)
	}
	a, b := corpus.Split(docs[0]), corpus.Split(docs[0])
	if !reflect.DeepEqual(a, b) {
		t.Error("Split gave two different results for the same document")
	}
}

// TestSplitBuiltinGolden pins how the seed article is cut. If it changes on
// purpose, bump ChunkerVersion too: indexes keyed on it must be rebuilt.
func TestSplitBuiltinGolden(t *testing.T) {
	docs, _, err := corpus.Load(corpus.Builtin())
	if err != nil || len(docs) != 1 {
		t.Fatalf("Load(Builtin()) = %v, %v", docs, err)
	}
	chunks := corpus.Split(docs[0])
	checkChunks(t, docs[0], chunks)
	var b strings.Builder
	fmt.Fprintf(&b, "chunker %s\n", corpus.ChunkerVersion)
	for _, c := range chunks {
		writeChunk(&b, &c)
	}
	golden.Check(t, "testdata/split_builtin.golden", b.String(), *update)
}

// TestSplitGolden pins how articles with headlines, bylines, datelines,
// headings, lists, info boxes and wrapped lines (testdata/split) are read
// and cut: the text, then each chunk with its headings and sentences.
func TestSplitGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "split", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, file := range files {
		if filepath.Ext(file) == ".golden" {
			continue
		}
		n++
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			d, err := corpus.Parse(filepath.Base(file), data)
			if err != nil {
				t.Fatal(err)
			}
			chunks := corpus.Split(d)
			checkChunks(t, d, chunks)
			var b strings.Builder
			fmt.Fprintf(&b, "chunker %s\ntitle %q\n\n%s\n", corpus.ChunkerVersion, d.Title, d.Text)
			for _, c := range chunks {
				writeChunk(&b, &c)
			}
			golden.Check(t, strings.TrimSuffix(file, filepath.Ext(file))+".golden", b.String(), *update)
		})
	}
	if n == 0 {
		t.Fatal("no testdata/split files")
	}
}

// writeChunk writes a chunk for a golden file: its id, range and size, then
// its headings ("# ") and sentences, those that are not prose with their kind.
func writeChunk(b *strings.Builder, c *corpus.Chunk) {
	fmt.Fprintf(b, "\n== %s [%d,%d) %d words\n", c.ID, c.Start, c.End, len(strings.Fields(c.Text)))
	for _, h := range c.Headings {
		fmt.Fprintf(b, "# %s\n", c.Text[h.Start:h.End])
	}
	for i, s := range c.Sentences {
		if s.Kind != lang.Prose {
			fmt.Fprintf(b, "(%v) ", s.Kind)
		}
		fmt.Fprintf(b, "%s\n", c.Sentence(i))
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("")
	f.Add("The embassy was raided.")
	f.Add(paragraph("a", 10, 20) + "\n\n" + paragraph("b", 50, 50, 50, 50) + "\n\n\n" + paragraph("c", 200))
	f.Add("“This is not possible. It cannot be,” he said.\n\nMr. Glas left the U.S. The end.\n\n\n\n")
	f.Add("\n\n\n\na\n\n\nb\nc. D\xff. E")
	f.Add(strings.Repeat("word ", 500))
	f.Add("# Title\n\nBy A B\nQUITO (AP) —\nText here.\n\nBackground\nBorn: 1 May\n- item\n\n== End ==")
	f.Add("Short line\n\nAnother short line\n\nA sentence.\n\nTrailing")
	f.Fuzz(func(t *testing.T, text string) {
		d := doc("fuzz", text)
		chunks := corpus.Split(d)
		checkChunks(t, d, chunks)
		for _, c := range chunks {
			if utf8.ValidString(text) && !utf8.ValidString(c.Text) {
				t.Fatalf("chunk %q cuts a character", c.Text)
			}
		}
	})
}

// BenchmarkSplit cuts the built-in article, repeated to about 200 KB, and
// reports the chunks made per 100 KB.
func BenchmarkSplit(b *testing.B) {
	docs, _, err := corpus.Load(corpus.Builtin())
	if err != nil || len(docs) == 0 {
		b.Fatalf("Load(Builtin()) = %v, %v", docs, err)
	}
	text := docs[0].Text
	for len(text) < 200<<10 {
		text += "\n\n" + docs[0].Text
	}
	d := doc("bench", text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(corpus.Split(d))
	}
	b.ReportMetric(float64(n)*100/float64(len(text)>>10), "chunks/100KB")
}

// An interviewer's question, a paragraph of its own, stays in the chunk of
// the answer under it: the chunk closes before the question when the two
// would not fit, not between them.
func TestSplitKeepsQuestionWithAnswer(t *testing.T) {
	intro := strings.TrimSpace(strings.Repeat("The scientist has measured the river every day since the spill and says the damage will last. ", 3))
	text := intro + "\n\nHow long will the river take to recover?\n\n" +
		"For the fish, between five and ten years. We need to study the sediments before we give a better figure, and we have asked for funds."
	d := doc("interview", text)
	chunks := corpus.Split(d)
	checkChunks(t, d, chunks)
	for _, c := range chunks {
		if strings.Contains(c.Text, "How long will the river") && !strings.Contains(c.Text, "between five and ten years") {
			t.Fatalf("the question's chunk lacks its answer: %q", c.Text)
		}
	}
	if len(chunks) != 2 {
		t.Errorf("%d chunks, want the intro apart from the question and its answer", len(chunks))
	}
}

// An answer longer than a chunk's target still stays with its question: the
// question alone would be a chunk no search can use.
func TestSplitKeepsQuestionWithLongAnswer(t *testing.T) {
	intro := strings.TrimSpace(strings.Repeat("The scientist has measured the river every day since the spill and says the damage will last. ", 3))
	answer := strings.TrimSpace(strings.Repeat("For the fish it will take between five and ten years, and we still need to study the sediments. ", 4))
	d := doc("interview", intro+"\n\nHow long will the river take to recover?\n\n"+answer)
	chunks := corpus.Split(d)
	checkChunks(t, d, chunks)
	for _, c := range chunks {
		if strings.Contains(c.Text, "How long will the river") && !strings.Contains(c.Text, "between five and ten years") {
			t.Fatalf("the question's chunk lacks its answer: %q", c.Text)
		}
	}
}
