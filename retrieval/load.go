package retrieval

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/footnote-bot/footnote/corpus"
)

// LoadFolder reads the article files of fsys as corpus.Load does (the same
// files, parsed and sanitised the same way, sorted by path; a file that
// cannot be read or parsed, or whose document id an earlier path took, is
// skipped and reported), but reuses the document saved in dataDir's index
// for every file whose path, size and modification time are those it was
// read with, by this program: on a start where nothing changed it parses
// nothing. key names the folder across runs (its absolute path, or
// "builtin"); dataDir is the directory Build keeps the index in (empty:
// nothing is reused). Changed files are parsed on several cores.
func LoadFolder(fsys fs.FS, key, dataDir string) (docs []*corpus.Document, skipped []*corpus.FileError, err error) {
	files, skipped, err := corpus.Files(fsys)
	if err != nil {
		return nil, skipped, err
	}
	code := codeFingerprint()
	old := readFileList(dataDir, key, code)
	st := storeFor(dataDir)
	st.mu.Lock()
	for _, err := range st.readAll() {
		_ = err // Build reports unreadable segments
	}
	type result struct {
		doc   *corpus.Document
		entry fileEntry
		err   error
	}
	res := make([]result, len(files))
	var parse []int
	for i, p := range files {
		info, err := fs.Stat(fsys, p)
		if err != nil {
			res[i].err = err
			continue
		}
		res[i].entry = fileEntry{Path: path.Clean(p), Size: info.Size(), ModTime: info.ModTime().UnixNano()}
		e, ok := old[res[i].entry.Path]
		if ok && e.Size == res[i].entry.Size && e.ModTime == res[i].entry.ModTime {
			if s, _ := st.get(e.DocID, false); s != nil && s.Code == code && s.Doc.Hash == e.Hash && s.Doc.Path == e.Path {
				res[i].doc, res[i].entry = s.Doc, e
				continue
			}
		}
		parse = append(parse, i)
	}
	st.mu.Unlock()

	jobs := make(chan int, len(parse))
	for _, i := range parse {
		jobs <- i
	}
	close(jobs)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(parse))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				p := files[i]
				data, err := corpus.ReadBounded(fsys, p)
				var doc *corpus.Document
				if err == nil {
					doc, err = corpus.Parse(path.Clean(p), data)
				}
				if err != nil {
					res[i].err = err
					continue
				}
				corpus.Sanitize(doc)
				res[i].doc = doc
				res[i].entry = entryOf(res[i].entry, doc)
			}
		}()
	}
	wg.Wait()

	seen := map[string]string{}
	list := make([]fileEntry, 0, len(files))
	for i, r := range res {
		if r.err != nil {
			skipped = append(skipped, &corpus.FileError{Path: files[i], Err: r.err})
			continue
		}
		if other, dup := seen[r.doc.ID]; dup {
			skipped = append(skipped, &corpus.FileError{Path: files[i], Err: fmt.Errorf("document id %q is already used by %s", r.doc.ID, other)})
			continue
		}
		seen[r.doc.ID] = files[i]
		docs = append(docs, r.doc)
		list = append(list, r.entry)
	}
	if len(parse) > 0 || len(list) != len(old) {
		if err := writeFileList(dataDir, key, code, list); err != nil {
			return docs, skipped, nil // the next start parses again; nothing is lost
		}
	}
	return docs, skipped, nil
}

// fileEntry is what LoadFolder remembers of a file it read: enough to know
// it has not changed, and which document it held.
type fileEntry struct {
	Path    string
	Size    int64
	ModTime int64 // Unix nanoseconds
	DocID   string
	Hash    string // the document's Hash
	// Text is TextKey of the document's text and URL its URL: with Hash,
	// what a duplicate check needs, without reading the document.
	Text [32]byte
	URL  string
}

// entryOf is e completed with what it remembers of doc.
func entryOf(e fileEntry, doc *corpus.Document) fileEntry {
	e.DocID, e.Hash, e.Text, e.URL = doc.ID, doc.Hash, TextKey(doc.Text), doc.URL
	return e
}

const fileListMagic = "FNLST\x00\x02"

// fileListName is the file a folder's list is kept in, named by its key.
func fileListName(dataDir, key string) string {
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(dataDir, "files-"+hex.EncodeToString(sum[:8])+".list")
}

// readFileList returns the files LoadFolder last read from the folder
// named key, by path; nothing when there is no list, when it is damaged or
// when another program wrote it.
func readFileList(dataDir, key, code string) map[string]fileEntry {
	out := map[string]fileEntry{}
	if dataDir == "" {
		return out
	}
	b, err := os.ReadFile(fileListName(dataDir, key))
	if err != nil || len(b) < len(fileListMagic)+4 || !bytes.HasPrefix(b, []byte(fileListMagic)) {
		return out
	}
	body := b[:len(b)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return out
	}
	d := &decoder{b: body[len(fileListMagic):]}
	if d.str() != code || d.str() != key {
		return out
	}
	for n := d.count(4); n > 0 && d.err == nil; n-- {
		e := fileEntry{Path: d.str(), Size: int64(d.uint64()), ModTime: int64(d.uint64()), DocID: d.str(), Hash: d.str()}
		if text := d.str(); len(text) == len(e.Text) {
			copy(e.Text[:], text)
		} else {
			d.fail(fmt.Errorf("text key of %d bytes", len(text)))
		}
		e.URL = d.str()
		out[e.Path] = e
	}
	if d.err != nil {
		return map[string]fileEntry{}
	}
	return out
}

// writeFileList saves a folder's list atomically.
func writeFileList(dataDir, key, code string, list []fileEntry) error {
	if dataDir == "" {
		return nil
	}
	e := &encoder{b: []byte(fileListMagic)}
	e.str(code)
	e.str(key)
	e.uint(len(list))
	for _, f := range list {
		e.str(f.Path)
		e.uint64(uint64(f.Size))
		e.uint64(uint64(f.ModTime))
		e.str(f.DocID)
		e.str(f.Hash)
		e.str(string(f.Text[:]))
		e.str(f.URL)
	}
	e.b = binary.LittleEndian.AppendUint32(e.b, crc32.ChecksumIEEE(e.b))
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return fmt.Errorf("write file list: %w", err)
	}
	name := fileListName(dataDir, key)
	tmp, err := os.CreateTemp(dataDir, filepath.Base(name)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write file list: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(e.b)
	if err := errors.Join(werr, tmp.Close()); err != nil {
		return fmt.Errorf("write file list: %w", err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write file list: %w", err)
	}
	return nil
}
