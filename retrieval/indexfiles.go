package retrieval

import (
	"context"
	"fmt"
	"io/fs"
	"sort"

	"github.com/footnote-bot/footnote/corpus"
)

// IndexFiles indexes the article files paths of fsys (the folder named
// key, as LoadFolder reads it, indexed under opts.DataDir) without
// building an index: each file is parsed as LoadFolder parses it, chunked,
// stemmed and embedded (only its chunks), saved as its document's segment,
// and entered in the folder's file list; the rest of the folder is not
// read. The next LoadFolder and Build of the folder, in this process or
// another run of this program, reuse them and embed nothing more. A file
// whose document id another file of the list already holds is left to the
// next Build, which decides between them. Stats count the documents
// indexed and what was embedded. Without a DataDir nothing is kept, and
// IndexFiles does nothing.
func IndexFiles(ctx context.Context, fsys fs.FS, key string, paths []string, opts Options) (Stats, error) {
	if opts.DataDir == "" || len(paths) == 0 {
		return Stats{}, nil
	}
	code := codeFingerprint()
	list := readFileList(opts.DataDir, key, code)
	owner := make(map[string]string, len(list)) // document id → path
	for _, e := range list {
		owner[e.DocID] = e.Path
	}
	var docs []*corpus.Document
	var entries []fileEntry
	for _, p := range paths {
		e, err := statEntry(fsys, p)
		var doc *corpus.Document
		if err == nil {
			doc, err = parseFile(fsys, p)
		}
		if err != nil {
			return Stats{}, fmt.Errorf("index %s: %w", p, err)
		}
		if o, taken := owner[doc.ID]; taken && o != e.Path {
			continue
		}
		owner[doc.ID] = e.Path
		docs = append(docs, doc)
		entries = append(entries, entryOf(e, doc))
	}
	if len(docs) == 0 {
		return Stats{}, nil
	}
	stats, err := saveSegments(ctx, docs, opts)
	if err != nil {
		return stats, err
	}
	for _, e := range entries {
		list[e.Path] = e
	}
	if err := writeFileList(opts.DataDir, key, code, sortedEntries(list)); err != nil {
		return stats, fmt.Errorf("index files: %w", err)
	}
	return stats, nil
}

// saveSegments makes and saves the segments of docs, reusing what a saved
// segment of theirs holds, as Build does, but neither assembles an index
// nor deletes other documents' segments.
func saveSegments(ctx context.Context, docs []*corpus.Document, opts Options) (Stats, error) {
	b := newBuilder(docs, opts)
	b.st.mu.Lock()
	defer b.st.mu.Unlock()
	if err := b.segments(ctx); err != nil {
		return b.stats, err
	}
	if _, err := b.vectors(ctx); err != nil {
		return b.stats, err
	}
	var save []*segment
	for di, s := range b.segs {
		if b.changed[di] {
			save = append(save, s)
		}
		b.st.segs[s.Doc.ID] = s
	}
	b.stats.Documents = len(docs)
	for _, s := range b.segs {
		b.stats.Chunks += len(s.Chunks)
	}
	if err := persist(b.dir, save, nil); err != nil {
		return b.stats, fmt.Errorf("save segments: %w", err)
	}
	return b.stats, nil
}

// sortedEntries is list's entries by path, as LoadFolder writes them.
func sortedEntries(list map[string]fileEntry) []fileEntry {
	out := make([]fileEntry, 0, len(list))
	for _, e := range list {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
