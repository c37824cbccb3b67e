package corpus

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"
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

// Errors a skipped symbolic link is reported with.
var (
	ErrLinkOutside = errors.New("symbolic link points outside the corpus folder")
	ErrLinkLoop    = errors.New("symbolic link loop")
	ErrNotRegular  = errors.New("not a regular file")
)

// maxLinkHops bounds how many symbolic links one path may pass through.
const maxLinkHops = 40

// Load reads every article file under fsys (recursively; hidden files and
// folders skipped) and returns the documents sorted by path. A file that
// cannot be read or parsed is skipped and reported in skipped; two files with
// the same document id keep the first by path and report the second. err is
// set only when the folder itself cannot be walked.
//
// Only regular files are read, and at most MaxFileSize+1 bytes of each. A
// symbolic link is followed only when fsys can read links (fs.ReadLinkFS, as
// os.DirFS can) and every link on the way stays inside fsys and ends at a
// regular file; links that lead outside (absolute or through ".."), loop, or
// end at a device, FIFO or folder are skipped and reported. Every document
// returned has been through Sanitize.
func Load(fsys fs.FS) (docs []*Document, skipped []*FileError, err error) {
	seen := map[string]string{}
	walkErr := walkArticles(fsys, &skipped, func(p string, d fs.DirEntry) {
		doc, err := readFile(fsys, p, d.Type())
		if err != nil {
			skipped = append(skipped, &FileError{Path: p, Err: err})
			return
		}
		if other, dup := seen[doc.ID]; dup {
			skipped = append(skipped, &FileError{Path: p, Err: fmt.Errorf("document id %q is already used by %s", doc.ID, other)})
			return
		}
		seen[doc.ID] = p
		docs = append(docs, doc)
	})
	if walkErr != nil {
		return nil, skipped, fmt.Errorf("read corpus: %w", walkErr)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	return docs, skipped, nil
}

// Files lists the article files under fsys that Load would read, by the
// same rules (hidden files and folders skipped, symbolic links only inside
// fsys and to regular files), sorted by path, without reading them.
func Files(fsys fs.FS) (files []string, skipped []*FileError, err error) {
	walkErr := walkArticles(fsys, &skipped, func(p string, d fs.DirEntry) {
		if _, err := regularPath(fsys, p, d.Type()); err != nil {
			skipped = append(skipped, &FileError{Path: p, Err: err})
			return
		}
		files = append(files, p)
	})
	if walkErr != nil {
		return nil, skipped, fmt.Errorf("read folder: %w", walkErr)
	}
	sort.Strings(files)
	return files, skipped, nil
}

// walkArticles calls visit with every file under fsys whose name is
// [Supported], hidden files and folders skipped, in lexical order. A file
// or folder that cannot be walked is added to *skipped and passed over; the
// error is the root's, when fsys itself cannot be walked.
func walkArticles(fsys fs.FS, skipped *[]*FileError, visit func(p string, d fs.DirEntry)) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			*skipped = append(*skipped, &FileError{Path: p, Err: err})
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
		visit(p, d)
		return nil
	})
}

// readFile reads and parses the article at p, whose directory entry has the
// type bits typ.
func readFile(fsys fs.FS, p string, typ fs.FileMode) (*Document, error) {
	real, err := regularPath(fsys, p, typ)
	if err != nil {
		return nil, err
	}
	data, err := ReadBounded(fsys, real)
	if err != nil {
		return nil, err
	}
	doc, err := Parse(path.Clean(p), data)
	if err != nil {
		return nil, err
	}
	Sanitize(doc)
	return doc, nil
}

// regularPath returns the path of the regular file that p is or links to,
// inside fsys, or why there is none.
func regularPath(fsys fs.FS, p string, typ fs.FileMode) (string, error) {
	if typ&fs.ModeSymlink == 0 {
		if !typ.IsRegular() {
			return "", fmt.Errorf("%w (%s)", ErrNotRegular, typeName(typ))
		}
		return p, nil
	}
	lfs, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return "", errors.New("symbolic link in a folder whose links cannot be read")
	}
	real, err := resolve(lfs, p)
	if err != nil {
		return "", err
	}
	info, err := lfs.Lstat(real)
	if err != nil {
		return "", fmt.Errorf("symbolic link target: %w", err)
	}
	if !info.Mode().IsRegular() {
		return "", fmt.Errorf("symbolic link to something that is %w (%s)", ErrNotRegular, typeName(info.Mode().Type()))
	}
	return real, nil
}

// resolve follows the symbolic links of name one path element at a time,
// never letting the path leave fsys, and returns a path with no link in it.
func resolve(fsys fs.ReadLinkFS, name string) (string, error) {
	var done []string
	todo := strings.Split(name, "/")
	hops := 0
	for len(todo) > 0 {
		elem := todo[0]
		todo = todo[1:]
		switch elem {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				return "", ErrLinkOutside
			}
			done = done[:len(done)-1]
			continue
		}
		cur := path.Join(append(done, elem)...)
		info, err := fsys.Lstat(cur)
		if err != nil {
			return "", fmt.Errorf("symbolic link target: %w", err)
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			done = append(done, elem)
			continue
		}
		if hops++; hops > maxLinkHops {
			return "", ErrLinkLoop
		}
		target, err := fsys.ReadLink(cur)
		if err != nil {
			return "", fmt.Errorf("read symbolic link: %w", err)
		}
		if target == "" || path.IsAbs(target) {
			return "", ErrLinkOutside
		}
		todo = append(strings.Split(target, "/"), todo...)
	}
	if len(done) == 0 {
		return ".", nil
	}
	return path.Join(done...), nil
}

// ReadBounded reads the regular file name from fsys, refusing one over
// MaxFileSize bytes without reading more than one byte past the limit.
func ReadBounded(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%w (%s)", ErrNotRegular, typeName(info.Mode().Type()))
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit", info.Size(), MaxFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("file is over the %d-byte limit", MaxFileSize)
	}
	return data, nil
}

func typeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a plain file"
}

// Sanitize removes, in place, the characters of a document that a terminal
// or a chat client would act on rather than show: C0 and C1 control
// characters (escape sequences start with one), DEL, and the bidirectional
// embedding, override and isolate marks. Text keeps its line breaks (a tab
// becomes a space); the one-line fields (id, title, source, URL, date) keep
// none. Load applies it to every document; code that builds documents
// another way (ingest) calls it too.
func Sanitize(d *Document) {
	d.ID = CleanLine(d.ID)
	d.Title = CleanLine(d.Title)
	d.Source = CleanLine(d.Source)
	d.URL = CleanLine(d.URL)
	d.Date = CleanLine(d.Date)
	d.Text = CleanText(d.Text)
}

// CleanLine returns s without control characters (see Sanitize); line
// breaks and tabs become spaces.
func CleanLine(s string) string { return clean(s, false) }

// CleanText returns s without control characters (see Sanitize), keeping
// its line breaks; a tab becomes a space and a carriage return is dropped.
func CleanText(s string) string { return clean(s, true) }

func clean(s string, keepNewlines bool) string {
	ok := true
	for _, r := range s {
		if isControl(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteByte('\n')
		case r == '\t' || r == '\n':
			b.WriteByte(' ')
		case isControl(r):
		case r == utf8.RuneError:
			// a real U+FFFD is kept; a stray byte is dropped, lest two of
			// them meet around a removed character and spell a control
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 3 {
				b.WriteRune(r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isControl reports whether r is acted on by terminals or reorders text:
// C0, DEL, C1, and U+202A–U+202E, U+2066–U+2069.
func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
