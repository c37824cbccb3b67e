package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
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
	byID     map[string]int
	col      *chromem.Collection
	flat     *flatVectors // the collection's vectors, row i = chunks[i]; shared with col
	lex      *bm25
	lang     lang.Lang
	dim      int
	acronyms map[string]string // folded acronym → the name it stands for
}

// Build indexes docs. Documents whose file hash, chunker and embedder match
// the state saved in opts.DataDir reuse their vectors; the rest are embedded
// in batches. Documents no longer present are dropped from the state.
func Build(ctx context.Context, docs []*corpus.Document, opts Options) (*Index, Stats, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	emb := opts.Embedder
	if emb == nil {
		emb = NewHashEmbedder(0)
	}
	batch := opts.BatchSize
	if batch <= 0 {
		batch = 64
	}
	var stats Stats
	if len(docs) == 0 {
		return nil, stats, corpus.ErrEmpty
	}

	st, err := loadState(opts.DataDir)
	if err != nil {
		log.Warn("index state unreadable, rebuilding", "err", err)
	}
	if st.EmbedderID != "" && st.EmbedderID != emb.ID() {
		log.Info("embedder changed, rebuilding index", "from", st.EmbedderID, "to", emb.ID())
		st.Docs = map[string]docState{}
	}

	ix := &Index{embedder: emb, docs: docs, docByID: map[string]*corpus.Document{}, byID: map[string]int{}}
	vectors := make([][]float32, 0)
	var todo []int
	langCount := map[lang.Lang]int{}
	var hashes []string // per document, of its chunks' text
	for _, d := range docs {
		ix.docByID[d.ID] = d
		langCount[d.Language]++
		chunks := corpus.Split(d)
		hashes = append(hashes, chunksHash(chunks))
		prev, ok := st.Docs[d.ID]
		reuse := ok && prev.Hash == hashes[len(hashes)-1] && prev.Chunker == corpus.ChunkerVersion && len(prev.Vectors) == len(chunks)
		for i := range chunks {
			ix.byID[chunks[i].ID] = len(ix.chunks)
			ix.chunks = append(ix.chunks, chunks[i])
			if reuse {
				vectors = append(vectors, prev.Vectors[i])
				stats.Reused++
			} else {
				vectors = append(vectors, nil)
				todo = append(todo, len(ix.chunks)-1)
			}
		}
	}
	for id := range st.Docs {
		if ix.docByID[id] == nil {
			stats.Removed++
		}
	}
	if len(ix.chunks) == 0 {
		return nil, stats, corpus.ErrEmpty
	}
	ix.lang = lang.English
	if langCount[lang.Spanish] > langCount[lang.English] {
		ix.lang = lang.Spanish
	}

	embedAll := func(idxs []int) error {
		for start := 0; start < len(idxs); start += batch {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("embed chunks: %w", err)
			}
			end := min(start+batch, len(idxs))
			texts := make([]string, 0, end-start)
			for _, i := range idxs[start:end] {
				texts = append(texts, ix.chunks[i].Text)
			}
			vs, err := emb.Embed(ctx, texts)
			stats.EmbedCalls++
			if err != nil {
				return fmt.Errorf("embed chunks %s to %s: %w", ix.chunks[idxs[start]].ID, ix.chunks[idxs[end-1]].ID, err)
			}
			if len(vs) != len(texts) {
				return fmt.Errorf("embed chunks: got %d vectors for %d texts", len(vs), len(texts))
			}
			for j, i := range idxs[start:end] {
				if len(vs[j]) == 0 {
					return fmt.Errorf("embed chunk %s: empty vector", ix.chunks[i].ID)
				}
				normalize(vs[j])
				if isZero(vs[j]) {
					// a chunk of stop words only: give it a direction so
					// chromem-go does not divide by zero normalising it
					vs[j][0] = 1
				}
				vectors[i] = vs[j]
			}
			stats.Embedded += end - start
			if opts.Progress != nil {
				opts.Progress(end, len(idxs))
			}
		}
		return nil
	}
	if err := embedAll(todo); err != nil {
		return nil, stats, err
	}
	// A model that changed its dimension under the same name invalidates
	// every saved vector.
	ix.dim = len(vectors[0])
	if len(todo) > 0 {
		ix.dim = len(vectors[todo[0]])
	}
	var stale []int
	for i, v := range vectors {
		if len(v) != ix.dim {
			stale = append(stale, i)
		}
	}
	if len(stale) > 0 {
		log.Info("embedding dimension changed, re-embedding", "dim", ix.dim, "chunks", len(stale))
		stats.Reused -= len(stale)
		if err := embedAll(stale); err != nil {
			return nil, stats, err
		}
		for _, i := range stale {
			if len(vectors[i]) != ix.dim {
				return nil, stats, fmt.Errorf("embed chunk %s: dimension %d, want %d", ix.chunks[i].ID, len(vectors[i]), ix.dim)
			}
		}
	}
	stats.Documents, stats.Chunks = len(docs), len(ix.chunks)

	if stats.Embedded > 0 || stats.Removed > 0 || len(st.Docs) != len(docs) {
		next := &state{Version: stateVersion, EmbedderID: emb.ID(), Dim: ix.dim, Docs: map[string]docState{}}
		at := 0
		for di, d := range docs {
			n := 0
			for at+n < len(ix.chunks) && ix.chunks[at+n].DocID == d.ID {
				n++
			}
			next.Docs[d.ID] = docState{Hash: hashes[di], Chunker: corpus.ChunkerVersion, Vectors: vectors[at : at+n]}
			at += n
		}
		if err := next.save(opts.DataDir); err != nil {
			log.Warn("index state not saved; the next start will embed again", "err", err)
		}
	}

	if err := ix.fill(ctx, vectors); err != nil {
		return nil, stats, err
	}
	texts := make([]string, len(ix.chunks))
	langs := make([]lang.Lang, len(ix.chunks))
	for i := range ix.chunks {
		texts[i], langs[i] = ix.chunks[i].Text, ix.chunks[i].Language
	}
	ix.acronyms = buildAcronyms(texts)
	for i := range texts {
		texts[i] = lexicalText(&ix.chunks[i], ix.docByID[ix.chunks[i].DocID])
	}
	ix.lex = newBM25(texts, langs)
	return ix, stats, nil
}

// fill puts the chunks into an in-memory chromem-go collection. Vectors are
// given, already normalised, so chromem-go never calls its embedding function
// for documents (it would, one document at a time). They are first copied
// into one contiguous array that the collection's documents then point
// into, so the fast scan and chromem-go read the same memory.
func (ix *Index) fill(ctx context.Context, vectors [][]float32) error {
	flat, err := newFlatVectors(vectors, ix.dim)
	if err != nil {
		return err
	}
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
