package retrieval

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/footnote-bot/footnote/corpus"
)

// builder is one Build in progress: each document's segment, which of them
// changed and must be saved, and which need vectors. Its steps run in
// order with the store's lock held.
type builder struct {
	log   *slog.Logger
	emb   Embedder
	batch int
	// progress is Options.Progress.
	progress func(done, total int)
	dir      string
	st       *store
	code     string
	docs     []*corpus.Document
	keep     map[string]bool // ids of docs
	stats    Stats

	// legacy is the single-file state of earlier versions, read on first
	// need (legacyRead).
	legacy     *state
	legacyRead bool

	segs    []*segment
	changed []bool              // segment to save
	todo    []int               // documents whose chunks need vectors
	fresh   map[int][][]float32 // new vectors by document
}

// newBuilder applies opts' defaults.
func newBuilder(docs []*corpus.Document, opts Options) *builder {
	b := &builder{log: opts.Logger, emb: opts.Embedder, batch: opts.BatchSize, progress: opts.Progress, dir: opts.DataDir,
		st: storeFor(opts.DataDir), code: codeFingerprint(), docs: docs,
		segs: make([]*segment, len(docs)), changed: make([]bool, len(docs)), fresh: map[int][][]float32{},
		keep: make(map[string]bool, len(docs))}
	if b.log == nil {
		b.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if b.emb == nil {
		b.emb = NewHashEmbedder(0)
	}
	if b.batch <= 0 {
		b.batch = 64
	}
	for _, d := range docs {
		b.keep[d.ID] = true
	}
	return b
}

// segments finds or makes every document's segment and lists those
// without vectors of the embedder.
func (b *builder) segments(ctx context.Context) error {
	for di, d := range b.docs {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("index documents: %w", err)
		}
		seg := b.saved(d)
		if seg != nil && seg.describes(d, b.code) {
			b.segs[di] = seg
		} else {
			b.segs[di], b.changed[di] = b.split(d, seg), true
		}
		if b.segs[di].hasVectors(b.emb.ID()) {
			b.stats.Reused += len(b.segs[di].Chunks)
		} else {
			b.todo = append(b.todo, di)
		}
	}
	return nil
}

// saved returns d's segment in memory or on disk, read again from disk when
// the one in memory was made by this program from another version of d
// (another process may have indexed the new one); nil when there is none.
func (b *builder) saved(d *corpus.Document) *segment {
	seg, err := b.st.get(d.ID, false)
	if seg != nil && seg.Code == b.code && !seg.describes(d, b.code) {
		seg, err = b.st.get(d.ID, true)
	}
	if err != nil {
		b.log.Warn("index segment unreadable; the document is indexed again", "doc", d.ID, "err", err)
	}
	return seg
}

// split makes d's segment afresh: chunks, terms and acronyms, with the
// vectors of old (d's previous segment, or the legacy state when there is
// none) when they were made from the same chunk texts.
func (b *builder) split(d *corpus.Document, old *segment) *segment {
	chunks := corpus.Split(d)
	ns := &segment{Code: b.code, Chunker: segmentVersion, ChunksHash: chunksHash(chunks), Doc: d, Chunks: chunks,
		Lex: termsOf(d, chunks), Acronyms: acronymsOf(chunks)}
	switch {
	case old != nil && old.ChunksHash == ns.ChunksHash && old.hasVectors(b.emb.ID()):
		ns.EmbedderID, ns.Dim, ns.Vectors = old.EmbedderID, old.Dim, old.Vectors
	case old == nil:
		ns.fromLegacy(b.legacyState(), b.emb.ID())
	}
	return ns
}

// legacyState reads the state file of earlier versions once.
func (b *builder) legacyState() *state {
	if !b.legacyRead {
		b.legacyRead = true
		var err error
		b.legacy, err = loadState(b.dir)
		if err != nil {
			b.log.Warn("old index state unreadable", "err", err)
		}
	}
	return b.legacy
}

// countRemoved counts the segments in memory of documents no longer given.
func (b *builder) countRemoved() {
	for id := range b.st.segs {
		if !b.keep[id] {
			b.stats.Removed++
		}
	}
}

// vectors embeds what has no vectors and returns the index's dimension; a
// model that changed its dimension under the same name invalidates every
// saved vector, which is embedded again. Documents with new vectors get
// them in a segment of their own, marked changed.
func (b *builder) vectors(ctx context.Context) (int, error) {
	if err := b.embedDocs(ctx, b.todo); err != nil {
		return 0, err
	}
	dim := b.dimension()
	if stale := b.stale(dim); len(stale) > 0 {
		n := 0
		for _, di := range stale {
			n += len(b.segs[di].Chunks)
		}
		b.log.Info("embedding dimension changed, re-embedding", "dim", dim, "chunks", n)
		b.stats.Reused -= n
		if err := b.embedDocs(ctx, stale); err != nil {
			return 0, err
		}
	}
	return dim, b.attach(dim)
}

// dimension is that of the new vectors, or else of the first segment with
// chunks.
func (b *builder) dimension() int {
	for _, di := range b.todo {
		if len(b.fresh[di]) > 0 {
			return len(b.fresh[di][0])
		}
	}
	for _, s := range b.segs {
		if len(s.Chunks) > 0 {
			return s.Dim
		}
	}
	return 0
}

// stale lists the documents whose saved vectors are not of dimension dim.
func (b *builder) stale(dim int) []int {
	var stale []int
	for di, s := range b.segs {
		if b.fresh[di] == nil && len(s.Chunks) > 0 && s.Dim != dim {
			stale = append(stale, di)
		}
	}
	return stale
}

// chunkRef names chunk chunk of document doc.
type chunkRef struct{ doc, chunk int }

// embedDocs embeds every chunk of the documents dis, in batches, into
// b.fresh.
func (b *builder) embedDocs(ctx context.Context, dis []int) error {
	var refs []chunkRef
	for _, di := range dis {
		for ci := range b.segs[di].Chunks {
			refs = append(refs, chunkRef{di, ci})
		}
		b.fresh[di] = make([][]float32, len(b.segs[di].Chunks))
	}
	for start := 0; start < len(refs); start += b.batch {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("embed chunks: %w", err)
		}
		end := min(start+b.batch, len(refs))
		if err := b.embedBatch(ctx, refs[start:end]); err != nil {
			return err
		}
		b.stats.Embedded += end - start
		if b.progress != nil {
			b.progress(end, len(refs))
		}
	}
	return nil
}

// embedBatch makes one embedder call for the chunks refs and keeps their
// normalised vectors.
func (b *builder) embedBatch(ctx context.Context, refs []chunkRef) error {
	chunk := func(r chunkRef) *corpus.Chunk { return &b.segs[r.doc].Chunks[r.chunk] }
	texts := make([]string, 0, len(refs))
	for _, r := range refs {
		texts = append(texts, chunk(r).Text)
	}
	vs, err := b.emb.Embed(ctx, texts)
	b.stats.EmbedCalls++
	if err != nil {
		return fmt.Errorf("embed chunks %s to %s: %w", chunk(refs[0]).ID, chunk(refs[len(refs)-1]).ID, err)
	}
	if len(vs) != len(texts) {
		return fmt.Errorf("embed chunks: got %d vectors for %d texts", len(vs), len(texts))
	}
	for j, r := range refs {
		if len(vs[j]) == 0 {
			return fmt.Errorf("embed chunk %s: empty vector", chunk(r).ID)
		}
		normalize(vs[j])
		if isZero(vs[j]) {
			// a chunk of stop words only: give it a direction so
			// chromem-go does not divide by zero normalising it
			vs[j][0] = 1
		}
		b.fresh[r.doc][r.chunk] = vs[j]
	}
	return nil
}

// attach puts the new vectors into their segments, each of dimension dim.
func (b *builder) attach(dim int) error {
	for di, vs := range b.fresh {
		s := b.segs[di]
		if !b.changed[di] {
			// the document is unchanged but its vectors are new: a copy,
			// so the segment in memory changes only once all is done
			c := *s
			s = &c
			b.segs[di], b.changed[di] = s, true
		}
		s.EmbedderID, s.Dim, s.Vectors = b.emb.ID(), dim, make([]float32, 0, len(vs)*dim)
		for ci, v := range vs {
			if len(v) != dim {
				return fmt.Errorf("embed chunk %s: dimension %d, want %d", s.Chunks[ci].ID, len(v), dim)
			}
			s.Vectors = append(s.Vectors, v...)
		}
	}
	return nil
}

// commit keeps the built index's segments, in memory and on disk, and
// deletes those of documents no longer given.
func (b *builder) commit() {
	var save []*segment
	for di, s := range b.segs {
		b.st.segs[s.Doc.ID] = s
		if b.changed[di] {
			save = append(save, s)
		}
	}
	var removed []string
	for id := range b.st.segs {
		if !b.keep[id] {
			removed = append(removed, id)
			delete(b.st.segs, id)
		}
	}
	if b.dir == "" {
		return
	}
	if err := persist(b.dir, save, removed); err != nil {
		b.log.Warn("index segments not all saved; the next start will index those documents again", "err", err)
	} else if b.legacy != nil || len(save) > 0 {
		removeLegacyState(b.dir)
	}
}
