package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"

	chromem "github.com/philippgille/chromem-go"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// Options configures Build.
type Options struct {
	// Embedder makes the vectors; nil means the local HashEmbedder.
	Embedder Embedder
	// DataDir keeps the index state between runs; empty keeps nothing.
	DataDir string
	// BatchSize is how many chunks go to the embedder at once (default 64).
	BatchSize int
	Logger    *slog.Logger
	// Progress, when set, is called after each batch with how many of the
	// chunks to embed are done; total is 0 when nothing needs embedding.
	Progress func(done, total int)
}

// Stats says what Build did.
type Stats struct {
	Documents int `json:"documents"`
	Chunks    int `json:"chunks"`
	// Embedded chunks were sent to the embedder; Reused ones came from the
	// data directory.
	Embedded int `json:"embedded"`
	Reused   int `json:"reused"`
	// Removed documents were in the saved state but not in the corpus.
	Removed int `json:"removed"`
	// EmbedCalls is how many times the embedder was called.
	EmbedCalls int `json:"embed_calls"`
}

// Index is a searchable corpus. It is immutable once built and safe for
// concurrent use.
type Index struct {
	embedder Embedder
	docs     []*corpus.Document
	docByID  map[string]*corpus.Document
	chunks   []corpus.Chunk
	// chunkLang is each chunk's language, row i = chunks[i], kept apart
	// so the lexical search reads it per posting without loading chunks.
	chunkLang []lang.Lang
	byID      map[string]int
	col       *chromem.Collection
	flat      *flatVectors // the collection's vectors, row i = chunks[i]; shared with col
	lex       *bm25
	lang      lang.Lang
	dim       int
	acronyms  map[string]string // folded acronym → the name it stands for
	// acronymNames holds every name the articles spell each acronym out
	// as: an English one and a Spanish one often share it ("National
	// Reconstruction Agency (ARN)", "Agencia de Reconstrucción Nacional
	// (ARN)").
	acronymNames map[string][]string
	// initials lists, by each folded word of their names, the acronyms
	// the articles also use as words (see addInitials); built on first
	// use, since telling a word from initials reads the lexicons.
	initials     map[string][]abbrev
	initialsOnce sync.Once
}

// Build indexes docs. Each document's chunks, vectors, BM25 terms and
// acronyms are kept in a segment of its own under opts.DataDir (and in
// memory for the life of the process): a document whose segment matches it
// (same file hash, chunker and program) is not chunked, stemmed or embedded
// again; one whose chunks are unchanged keeps its vectors; the rest are
// embedded in batches. Segments of documents no longer present are deleted.
// Builds of one data directory in one process take turns.
func Build(ctx context.Context, docs []*corpus.Document, opts Options) (*Index, Stats, error) {
	if len(docs) == 0 {
		return nil, Stats{}, corpus.ErrEmpty
	}
	b := newBuilder(docs, opts)
	b.st.mu.Lock()
	defer b.st.mu.Unlock()
	for _, err := range b.st.readAll() {
		b.log.Warn("index segment unreadable; its document is indexed again", "err", err)
	}
	if err := b.segments(ctx); err != nil {
		return nil, b.stats, err
	}
	b.countRemoved()
	dim, err := b.vectors(ctx)
	if err != nil {
		return nil, b.stats, err
	}
	ix, err := assemble(ctx, docs, b.segs, dim, &b.st.stems)
	if err != nil {
		return nil, b.stats, err
	}
	b.stats.Documents, b.stats.Chunks = len(docs), len(ix.chunks)
	ix.embedder = b.emb
	b.commit()
	return ix, b.stats, nil
}

// termsVersion changes whenever lang.Terms would read the same chunk into
// other BM25 terms (t2: "May" the month is indexed, not dropped as the
// verb; t3: concessive conjunctions, "although", "aunque", are stop
// words; t4: Spanish verbs whose root vowel changes stem as their
// infinitive, "piden" as "pedir"; t5: "vs" and "versus" are stop words;
// t6: words for the numbers 2 to 99 are indexed as their digits, "quince"
// as "15"; t7: irregular English plurals stem as their singular,
// "children" as "child"; t8: a Spanish "ex" joined to a post is two
// words, "exalcalde" as "ex alcalde"):
// segments record it beside the chunker's version and are rebuilt
// when it changes. Vectors depend on the chunks and the embedder's ID
// alone (the local embedder hashes words by lang.IsStop, so it still drops
// "May" the month).
const termsVersion = "t8"

// segmentVersion is what a segment records of the program that made it.
const segmentVersion = corpus.ChunkerVersion + "/" + termsVersion

// describes reports whether s was made from d by this program: then its
// chunks, terms and acronyms are d's.
func (s *segment) describes(d *corpus.Document, code string) bool {
	return s.Code == code && s.Chunker == segmentVersion && (s.Doc == d || *s.Doc == *d)
}

// fromLegacy takes s's vectors from the state file of earlier versions,
// when it holds them for the same chunk texts and embedder.
func (s *segment) fromLegacy(st *state, embedderID string) {
	if st == nil || st.EmbedderID != embedderID {
		return
	}
	prev, ok := st.Docs[s.Doc.ID]
	if !ok || prev.Hash != s.ChunksHash || prev.Chunker != corpus.ChunkerVersion || len(prev.Vectors) != len(s.Chunks) || st.Dim <= 0 {
		return
	}
	vs := make([]float32, 0, len(s.Chunks)*st.Dim)
	for _, v := range prev.Vectors {
		vs = append(vs, v...)
	}
	s.EmbedderID, s.Dim, s.Vectors = embedderID, st.Dim, vs
}

// persist writes segments and deletes those of removed documents, several
// files at a time.
func persist(dir string, save []*segment, removed []string) error {
	jobs := make(chan func() error, len(save)+len(removed))
	for _, s := range save {
		jobs <- func() error { return writeSegment(dir, s) }
	}
	for _, id := range removed {
		jobs <- func() error { return removeSegment(dir, id) }
	}
	close(jobs)
	errs := make([]error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range jobs {
				if err := job(); err != nil && errs[w] == nil {
					errs[w] = err
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// assemble makes the index of docs from their segments, which all hold
// vectors of dimension dim: chunks in document order, one contiguous
// array of vectors, the chromem-go collection, BM25 and acronyms. The
// segments' vectors are then pointed into the index's array, so the
// process keeps one copy. dict numbers the segments' stems; a segment
// numbered once is not hashed again by later builds.
func assemble(ctx context.Context, docs []*corpus.Document, segs []*segment, dim int, dict *stemDict) (*Index, error) {
	n := 0
	for _, s := range segs {
		n += len(s.Chunks)
	}
	if n == 0 {
		return nil, corpus.ErrEmpty
	}
	ix := &Index{docs: docs, docByID: make(map[string]*corpus.Document, len(docs)), byID: make(map[string]int, n),
		chunks: make([]corpus.Chunk, 0, n), dim: dim}
	flat := &flatVectors{dim: dim, rows: n, data: make([]float32, 0, n*dim)}
	langCount := map[lang.Lang]int{}
	langs := map[lang.Lang]bool{}
	lex := make([]docTerms, len(segs))
	ids := make([][]int32, len(segs))
	acr := make([]map[string]map[string]int, len(segs))
	for di, d := range docs {
		s := segs[di]
		ix.docByID[d.ID] = d
		langCount[d.Language]++
		for i := range s.Chunks {
			ix.byID[s.Chunks[i].ID] = len(ix.chunks)
			ix.chunks = append(ix.chunks, s.Chunks[i])
			ix.chunkLang = append(ix.chunkLang, s.Chunks[i].Language)
			langs[s.Chunks[i].Language] = true
		}
		flat.data = append(flat.data, s.Vectors...)
		if len(s.stemIDs) != len(s.Lex.Stems) {
			s.stemIDs = dict.ids(s.Lex.Stems)
		}
		lex[di], ids[di], acr[di] = s.Lex, s.stemIDs, s.Acronyms
	}
	if len(flat.data) != n*dim {
		return nil, fmt.Errorf("assemble index: %d floats for %d chunks of dimension %d", len(flat.data), n, dim)
	}
	ix.lang = lang.English
	if langCount[lang.Spanish] > langCount[lang.English] {
		ix.lang = lang.Spanish
	}
	if err := ix.fill(ctx, flat); err != nil {
		return nil, err
	}
	ix.lex = mergeBM25IDs(lex, ids, dict.words, langs)
	ix.acronyms, ix.acronymNames = mergeAcronyms(acr)
	at := 0
	for _, s := range segs {
		s.Vectors = flat.data[at*dim : (at+len(s.Chunks))*dim : (at+len(s.Chunks))*dim]
		at += len(s.Chunks)
	}
	return ix, nil
}

// fill puts the chunks into an in-memory chromem-go collection. Vectors are
// given, already normalised, so chromem-go never calls its embedding function
// for documents (it would, one document at a time). They are in one
// contiguous array that the collection's documents point into, so the fast
// scan and chromem-go read the same memory.
func (ix *Index) fill(ctx context.Context, flat *flatVectors) error {
	ix.flat = flat
	db := chromem.NewDB()
	col, err := db.CreateCollection("chunks", nil, ix.embedOne)
	if err != nil {
		return fmt.Errorf("create collection: %w", err)
	}
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(ix.chunks); i += workers {
				c := &ix.chunks[i]
				err := col.AddDocument(ctx, chromem.Document{ID: c.ID, Embedding: flat.row(i), Content: c.Text})
				if err != nil {
					errs[w] = fmt.Errorf("add chunk %s: %w", c.ID, err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	ix.col = col
	return nil
}

// embedOne is the collection's embedding function, for text queries made
// through chromem-go directly.
func (ix *Index) embedOne(ctx context.Context, text string) ([]float32, error) {
	vs, err := ix.embedder.Embed(ctx, []string{text})
	if err != nil {
		return nil, err
	}
	if len(vs) != 1 {
		return nil, fmt.Errorf("embed query: got %d vectors", len(vs))
	}
	normalize(vs[0])
	return vs[0], nil
}

// Documents returns the indexed documents, sorted by path.
func (ix *Index) Documents() []*corpus.Document { return ix.docs }

// Document returns a document by id, or nil.
func (ix *Index) Document(id string) *corpus.Document { return ix.docByID[id] }

// Chunks returns every chunk, in document order.
func (ix *Index) Chunks() []corpus.Chunk { return ix.chunks }

// Chunk returns a chunk by id, or nil.
func (ix *Index) Chunk(id string) *corpus.Chunk {
	i, ok := ix.byID[id]
	if !ok {
		return nil
	}
	return &ix.chunks[i]
}

// ChunksOf returns the chunks of one document, in order.
func (ix *Index) ChunksOf(docID string) []corpus.Chunk {
	var out []corpus.Chunk
	for _, c := range ix.chunks {
		if c.DocID == docID {
			out = append(out, c)
		}
	}
	return out
}

// Language is the corpus's main language.
func (ix *Index) Language() lang.Lang { return ix.lang }

// Collection exposes the chromem-go collection, for benchmarks that compare
// against its raw query.
func (ix *Index) Collection() *chromem.Collection { return ix.col }

func isZero(v []float32) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// chunksHash fingerprints what a document's vectors were made from: the
// text of its chunks. A change of file, parser or chunker that changes any
// chunk changes it; one that changes nothing re-embeds nothing.
func chunksHash(chunks []corpus.Chunk) string {
	h := sha256.New()
	for _, c := range chunks {
		h.Write([]byte(c.Text))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
