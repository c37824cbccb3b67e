package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// FileError is a corpus file that was skipped, and why.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }

// ErrEmpty is returned when a corpus holds no readable article.
var ErrEmpty = errors.New("the corpus has no readable articles")

// Load reads every article file under fsys (recursively; hidden files and
// folders skipped) and returns the documents sorted by path. A file that
// cannot be read or parsed is skipped and reported in skipped; two files with
// the same document id keep the first by path and report the second. err is
// set only when the folder itself cannot be walked.
func Load(fsys fs.FS) (docs []*Document, skipped []*FileError, err error) {
	seen := map[string]string{}
	walkErr := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			skipped = append(skipped, &FileError{Path: p, Err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != "." && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !Supported(name) {
			return nil
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		doc, err := readFile(fsys, p)
		if err != nil {
			skipped = append(skipped, &FileError{Path: p, Err: err})
			return nil
		}
		if other, dup := seen[doc.ID]; dup {
			skipped = append(skipped, &FileError{Path: p, Err: fmt.Errorf("document id %q is already used by %s", doc.ID, other)})
			return nil
		}
		seen[doc.ID] = p
		docs = append(docs, doc)
		return nil
	})
	if walkErr != nil {
		return nil, skipped, fmt.Errorf("read corpus: %w", walkErr)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	return docs, skipped, nil
}

func readFile(fsys fs.FS, p string) (*Document, error) {
	if info, err := fs.Stat(fsys, p); err == nil && info.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit", info.Size(), MaxFileSize)
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, err
	}
	return Parse(path.Clean(p), data)
}
