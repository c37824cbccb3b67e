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

// Build indexes docs. Each document's chunks, vectors, BM25 terms and
// acronyms are kept in a segment of its own under opts.DataDir (and in
// memory for the life of the process): a document whose segment matches it
// (same file hash, chunker and program) is not chunked, stemmed or embedded
// again; one whose chunks are unchanged keeps its vectors; the rest are
// embedded in batches. Segments of documents no longer present are deleted.
// Builds of one data directory in one process take turns.
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
	st := storeFor(opts.DataDir)
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, err := range st.readAll() {
		log.Warn("index segment unreadable; its document is indexed again", "err", err)
	}
	code := codeFingerprint()
	var legacy *state // the single-file state of earlier versions, read when needed

	segs := make([]*segment, len(docs))
	changed := make([]bool, len(docs)) // segment to save
	var todo []int                     // documents whose chunks need vectors
	for di, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, stats, fmt.Errorf("index documents: %w", err)
		}
		seg, err := st.get(d.ID, false)
		if seg != nil && seg.Code == code && !seg.describes(d, code) {
			// the document changed: another process may have indexed
			// the new version
			seg, err = st.get(d.ID, true)
		}
		if err != nil {
			log.Warn("index segment unreadable; the document is indexed again", "doc", d.ID, "err", err)
		}
		if seg != nil && seg.describes(d, code) {
			segs[di] = seg
		} else {
			chunks := corpus.Split(d)
			ns := &segment{Code: code, Chunker: corpus.ChunkerVersion, ChunksHash: chunksHash(chunks), Doc: d, Chunks: chunks,
				Lex: termsOf(d, chunks), Acronyms: acronymsOf(chunks)}
			switch {
			case seg != nil && seg.ChunksHash == ns.ChunksHash && seg.hasVectors(emb.ID()):
				ns.EmbedderID, ns.Dim, ns.Vectors = seg.EmbedderID, seg.Dim, seg.Vectors
			case seg == nil:
				if legacy == nil {
					legacy, err = loadState(opts.DataDir)
					if err != nil {
						log.Warn("old index state unreadable", "err", err)
					}
				}
				ns.fromLegacy(legacy, emb.ID())
			}
			segs[di], changed[di] = ns, true
		}
		if segs[di].hasVectors(emb.ID()) {
			stats.Reused += len(segs[di].Chunks)
		} else {
			todo = append(todo, di)
		}
	}
	keep := make(map[string]bool, len(docs))
	for _, d := range docs {
		keep[d.ID] = true
	}
	for id := range st.segs {
		if !keep[id] {
			stats.Removed++
		}
	}

	// embed what has no vectors; a model that changed its dimension under
	// the same name invalidates every saved vector
	fresh := map[int][][]float32{}
	embedDocs := func(dis []int) error {
		type ref struct{ doc, chunk int }
		var refs []ref
		for _, di := range dis {
			for ci := range segs[di].Chunks {
				refs = append(refs, ref{di, ci})
			}
		}
		for _, di := range dis {
			fresh[di] = make([][]float32, len(segs[di].Chunks))
		}
		for start := 0; start < len(refs); start += batch {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("embed chunks: %w", err)
			}
			end := min(start+batch, len(refs))
			texts := make([]string, 0, end-start)
			for _, r := range refs[start:end] {
				texts = append(texts, segs[r.doc].Chunks[r.chunk].Text)
			}
			vs, err := emb.Embed(ctx, texts)
			stats.EmbedCalls++
			first, last := refs[start], refs[end-1]
			if err != nil {
				return fmt.Errorf("embed chunks %s to %s: %w", segs[first.doc].Chunks[first.chunk].ID, segs[last.doc].Chunks[last.chunk].ID, err)
			}
			if len(vs) != len(texts) {
				return fmt.Errorf("embed chunks: got %d vectors for %d texts", len(vs), len(texts))
			}
			for j, r := range refs[start:end] {
				if len(vs[j]) == 0 {
					return fmt.Errorf("embed chunk %s: empty vector", segs[r.doc].Chunks[r.chunk].ID)
				}
				normalize(vs[j])
				if isZero(vs[j]) {
					// a chunk of stop words only: give it a direction so
					// chromem-go does not divide by zero normalising it
					vs[j][0] = 1
				}
				fresh[r.doc][r.chunk] = vs[j]
			}
			stats.Embedded += end - start
			if opts.Progress != nil {
				opts.Progress(end, len(refs))
			}
		}
		return nil
	}
	if err := embedDocs(todo); err != nil {
		return nil, stats, err
	}
	dim := 0
	for _, di := range todo {
		if len(fresh[di]) > 0 {
			dim = len(fresh[di][0])
			break
		}
	}
	if dim == 0 {
		for _, s := range segs {
			if len(s.Chunks) > 0 {
				dim = s.Dim
				break
			}
		}
	}
	var stale []int
	for di, s := range segs {
		if fresh[di] == nil && len(s.Chunks) > 0 && s.Dim != dim {
			stale = append(stale, di)
		}
	}
	if len(stale) > 0 {
		n := 0
		for _, di := range stale {
			n += len(segs[di].Chunks)
		}
		log.Info("embedding dimension changed, re-embedding", "dim", dim, "chunks", n)
		stats.Reused -= n
		if err := embedDocs(stale); err != nil {
			return nil, stats, err
		}
	}
	for di, vs := range fresh {
		s := segs[di]
		if !changed[di] {
			// the document is unchanged but its vectors are new: a copy,
			// so the segment in memory changes only once all is done
			c := *s
			s = &c
			segs[di], changed[di] = s, true
		}
		s.EmbedderID, s.Dim, s.Vectors = emb.ID(), dim, make([]float32, 0, len(vs)*dim)
		for ci, v := range vs {
			if len(v) != dim {
				return nil, stats, fmt.Errorf("embed chunk %s: dimension %d, want %d", s.Chunks[ci].ID, len(v), dim)
			}
			s.Vectors = append(s.Vectors, v...)
		}
	}

	ix, err := assemble(ctx, docs, segs, dim, &st.stems)
	if err != nil {
		return nil, stats, err
	}
	stats.Documents, stats.Chunks = len(docs), len(ix.chunks)
	ix.embedder = emb

	// the index is ready: keep its segments, in memory and on disk
	var save []*segment
	for di, s := range segs {
		st.segs[s.Doc.ID] = s
		if changed[di] {
			save = append(save, s)
		}
	}
	var removed []string
	for id := range st.segs {
		if !keep[id] {
			removed = append(removed, id)
			delete(st.segs, id)
		}
	}
	if opts.DataDir != "" {
		if err := persist(opts.DataDir, save, removed); err != nil {
			log.Warn("index segments not all saved; the next start will index those documents again", "err", err)
		} else if legacy != nil || len(save) > 0 {
			removeLegacyState(opts.DataDir)
		}
	}
	return ix, stats, nil
}

// describes reports whether s was made from d by this program: then its
// chunks, terms and acronyms are d's.
func (s *segment) describes(d *corpus.Document, code string) bool {
	return s.Code == code && s.Chunker == corpus.ChunkerVersion && (s.Doc == d || *s.Doc == *d)
}

// fromLegacy takes s's vectors from the state file of earlier versions,
// when it holds them for the same chunk texts and embedder.
func (s *segment) fromLegacy(st *state, embedderID string) {
	if st == nil || st.EmbedderID != embedderID {
		return
	}
	prev, ok := st.Docs[s.Doc.ID]
	if !ok || prev.Hash != s.ChunksHash || prev.Chunker != s.Chunker || len(prev.Vectors) != len(s.Chunks) || st.Dim <= 0 {
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
	ix.acronyms = mergeAcronyms(acr)
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
