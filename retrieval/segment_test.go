package retrieval

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"reflect"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// segmentDocs are articles written for these tests, in both languages,
// with acronyms spelled out and headings.
func segmentDocs(t testing.TB) []*corpus.Document {
	t.Helper()
	files := []struct{ name, text string }{
		{"court.md", "---\ntitle: Mexico goes to court\ndate: 2024-04-12\n---\n\nMexico filed a case at the International Court of Justice (ICJ) on Thursday.\n\nThe ICJ will hear both sides in The Hague. Judges of the International Court of Justice rarely act fast.\n\n## Reactions\n\nThe Organization of American States met on Tuesday."},
		{"oea.md", "---\ntitle: La OEA condena la irrupción\ndate: 2024-04-10\nlanguage: es\n---\n\nLa Organización de los Estados Americanos (OEA) condenó la irrupción en la embajada de México en Quito.\n\nEl Consejo Permanente aprobó la resolución con 29 votos a favor."},
		{"plain.txt", "Police entered the embassy\n\nPolice entered the embassy in Quito late on Friday and arrested Jorge Glas. Mexico broke off relations."},
	}
	var docs []*corpus.Document
	for _, f := range files {
		d, err := corpus.Parse(f.name, []byte(f.text))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

func newSegment(t testing.TB, d *corpus.Document) *segment {
	t.Helper()
	chunks := corpus.Split(d)
	s := &segment{Code: "c", Chunker: segmentVersion, ChunksHash: chunksHash(chunks), Doc: d, Chunks: chunks,
		Lex: termsOf(d, chunks), Acronyms: acronymsOf(chunks), EmbedderID: "e", Dim: 4}
	for i := range chunks {
		s.Vectors = append(s.Vectors, float32(i), 0.5, -1, 2)
	}
	return s
}

func TestSegmentRoundTrip(t *testing.T) {
	for _, d := range segmentDocs(t) {
		s := newSegment(t, d)
		got, err := decodeSegment(s.encode())
		if err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
		if !reflect.DeepEqual(got, s) {
			t.Errorf("%s: decoded segment differs:\n got %+v\nwant %+v", d.ID, got, s)
		}
	}
}

// TestMergedBM25EqualsNewBM25: the BM25 index joined from documents'
// saved terms is the one newBM25 builds from the chunks' lexical texts, so
// every score is the same.
func TestMergedBM25EqualsNewBM25(t *testing.T) {
	docs := segmentDocs(t)
	var texts []string
	var langs []lang.Lang
	var parts []docTerms
	seen := map[lang.Lang]bool{}
	var acrs []map[string]map[string]int
	var chunkTexts []string
	for _, d := range docs {
		chunks := corpus.Split(d)
		for i := range chunks {
			texts = append(texts, lexicalText(&chunks[i], d))
			langs = append(langs, chunks[i].Language)
			chunkTexts = append(chunkTexts, chunks[i].Text)
			seen[chunks[i].Language] = true
		}
		// through the codec, as a later start reads them
		s, err := decodeSegment(newSegment(t, d).encode())
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, s.Lex)
		acrs = append(acrs, s.Acronyms)
	}
	want := newBM25(texts, langs)
	got := mergeBM25(parts, seen)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merged BM25 differs:\n got %+v\nwant %+v", got, want)
	}
	if a, b := mergeAcronymsBest(acrs), buildAcronyms(chunkTexts); !reflect.DeepEqual(a, b) {
		t.Errorf("merged acronyms %v, want %v", a, b)
	}
	if len(buildAcronyms(chunkTexts)) == 0 {
		t.Error("the test articles define no acronym")
	}
}

// TestIndexFromSegmentsSearchesAlike: an index opened from saved segments
// ranks every question as the freshly built one does.
func TestIndexFromSegmentsSearchesAlike(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fresh, _, err := Build(ctx, segmentDocs(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Build(ctx, segmentDocs(t), Options{DataDir: dir}); err != nil {
		t.Fatal(err)
	}
	ForgetSegments()
	loaded, st, err := Build(ctx, segmentDocs(t), Options{DataDir: dir})
	if err != nil || st.Embedded != 0 {
		t.Fatalf("reopen: %+v %v", st, err)
	}
	for _, q := range []string{"What did the ICJ hear?", "¿Qué condenó la OEA?", "Who was arrested in Quito?", "votos a favor"} {
		a, err1 := fresh.Search(ctx, q, 5)
		b, err2 := loaded.Search(ctx, q, 5)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if fmt.Sprint(hitSummary(a)) != fmt.Sprint(hitSummary(b)) {
			t.Errorf("%q: fresh %v, from segments %v", q, hitSummary(a), hitSummary(b))
		}
	}
}

func hitSummary(hs []Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, fmt.Sprintf("%s %.6f %.6f", h.Chunk.ID, h.Score, h.Lexical))
	}
	return out
}

// FuzzDecodeSegment: any bytes after the header, with a valid checksum,
// decode to a segment or an error, never a panic or an allocation beyond
// their size; what decodes encodes to something that decodes.
func FuzzDecodeSegment(f *testing.F) {
	for _, d := range segmentDocs(f) {
		b := newSegment(f, d).encode()
		body := b[len(segmentMagic) : len(b)-4]
		f.Add(body)
		f.Add(body[:len(body)/2])
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		b := append([]byte(segmentMagic), body...)
		b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
		s, err := decodeSegment(b)
		if err != nil {
			return
		}
		if _, err := decodeSegment(s.encode()); err != nil {
			t.Fatalf("re-encoded segment does not decode: %v", err)
		}
	})
}

// mergeAcronymsBest is mergeAcronyms' name for each acronym alone.
func mergeAcronymsBest(parts []map[string]map[string]int) map[string]string {
	best, _ := mergeAcronyms(parts)
	return best
}
