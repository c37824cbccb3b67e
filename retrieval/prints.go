package retrieval

import (
	"crypto/sha256"
	"io/fs"
	"path"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// Print is what a duplicate check needs of a document: its id, the hash
// of its file's bytes, TextKey of its text and its URL.
type Print struct {
	ID       string
	FileHash string
	Text     [32]byte
	URL      string
}

// TextKey is the key of a text for duplicate checks: the SHA-256 of the
// text folded (case, accents and spacing aside, see lang.Fold).
func TextKey(text string) [32]byte { return sha256.Sum256([]byte(lang.Fold(text))) }

// FolderPrints returns the prints of fsys's article files (the folder
// named key, as LoadFolder reads it) without reading dataDir's segments:
// a file whose path, size and modification time are those LoadFolder (or
// IndexFiles) last saved in the folder's file list, by this program, is
// printed from the list; the others are read and parsed, and the list is
// saved with them, so the next call reads them no more (LoadFolder still
// checks each entry against its document's segment). Files that cannot be
// read or parsed are skipped and reported.
func FolderPrints(fsys fs.FS, key, dataDir string) ([]Print, []*corpus.FileError, error) {
	files, skipped, err := corpus.Files(fsys)
	if err != nil {
		return nil, skipped, err
	}
	code := codeFingerprint()
	old := readFileList(dataDir, key, code)
	prints := make([]Print, 0, len(files))
	list := make([]fileEntry, 0, len(files))
	parsed := 0
	for _, p := range files {
		e, err := statEntry(fsys, p)
		if o, ok := old[e.Path]; err == nil && ok && o.Size == e.Size && o.ModTime == e.ModTime {
			e = o
		} else if err == nil {
			var doc *corpus.Document
			if doc, err = parseFile(fsys, p); err == nil {
				e, parsed = entryOf(e, doc), parsed+1
			}
		}
		if err != nil {
			skipped = append(skipped, &corpus.FileError{Path: p, Err: err})
			continue
		}
		list = append(list, e)
		prints = append(prints, Print{ID: e.DocID, FileHash: e.Hash, Text: e.Text, URL: e.URL})
	}
	if parsed > 0 {
		_ = writeFileList(dataDir, key, code, list) // the next call parses again; nothing is lost
	}
	return prints, skipped, nil
}

// statEntry is the file list's entry of p, without its document's fields.
func statEntry(fsys fs.FS, p string) (fileEntry, error) {
	e := fileEntry{Path: path.Clean(p)}
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return e, err
	}
	e.Size, e.ModTime = info.Size(), info.ModTime().UnixNano()
	return e, nil
}

// parseFile reads and parses the article file p as LoadFolder does.
func parseFile(fsys fs.FS, p string) (*corpus.Document, error) {
	data, err := corpus.ReadBounded(fsys, p)
	if err != nil {
		return nil, err
	}
	doc, err := corpus.Parse(path.Clean(p), data)
	if err != nil {
		return nil, err
	}
	corpus.Sanitize(doc)
	return doc, nil
}
