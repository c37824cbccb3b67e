package retrieval

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// store is the segments of one data directory, kept in memory for the
// life of the process so that a rebuild (a reload in serve, the build
// after a document loader's pass) reads from disk only what another
// process changed. The index built from it shares its documents, chunks
// and terms: they are not copied.
type store struct {
	dir  string
	mu   sync.Mutex
	segs map[string]*segment // by document id
	read bool                // whether the folder has been read whole
	// stems numbers every stem of the segments, for mergeBM25IDs; it
	// only grows (a vocabulary is small beside the postings).
	stems stemDict
}

var (
	storesMu sync.Mutex
	stores   = map[string]*store{}
)

// storeFor returns the process's store of dir; an empty dir gets a new
// store that keeps nothing on disk.
func storeFor(dir string) *store {
	if dir == "" {
		return &store{segs: map[string]*segment{}, read: true}
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	storesMu.Lock()
	defer storesMu.Unlock()
	s := stores[dir]
	if s == nil {
		s = &store{dir: dir, segs: map[string]*segment{}}
		stores[dir] = s
	}
	return s
}

// Release drops the process's segments of dataDir from memory, so that an
// index built from them, once no longer used, can be collected (a corpus
// evicted from memory). A later Build or LoadFolder of dataDir reads its
// segments from disk again.
func Release(dataDir string) {
	if dataDir == "" {
		return
	}
	if abs, err := filepath.Abs(dataDir); err == nil {
		dataDir = abs
	}
	storesMu.Lock()
	delete(stores, dataDir)
	storesMu.Unlock()
}

// readAll loads every segment on disk that is not yet in memory, in
// parallel. Unreadable or damaged segments are skipped and reported in
// bad: their documents are indexed again. Caller holds s.mu.
func (s *store) readAll() (bad []error) {
	if s.read || s.dir == "" {
		return nil
	}
	s.read = true
	removeStaleTmp(filepath.Join(s.dir, segmentDir), "*.tmp", time.Now())
	entries, err := os.ReadDir(filepath.Join(s.dir, segmentDir))
	if err != nil {
		return nil // no segments yet
	}
	names := make(chan string, len(entries))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".seg") && e.Type().IsRegular() {
			names <- e.Name()
		}
	}
	close(names)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte // reused: decoding copies what it keeps
			for name := range names {
				p := filepath.Join(s.dir, segmentDir, name)
				var err error
				buf, err = readInto(buf, p)
				var seg *segment
				if err == nil {
					seg, err = decodeSegment(buf)
				}
				if err == nil && segmentName(seg.Doc.ID) != name {
					err = fmt.Errorf("holds document %q", seg.Doc.ID)
				}
				mu.Lock()
				if err != nil {
					bad = append(bad, fmt.Errorf("segment %s: %w", p, err))
				} else if s.segs[seg.Doc.ID] == nil {
					s.segs[seg.Doc.ID] = seg
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return bad
}

// readInto reads the file at p into buf, growing it as needed.
func readInto(buf []byte, p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return buf, err
	}
	n := int(info.Size())
	if cap(buf) < n {
		buf = make([]byte, n, n+n/4)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(f, buf); err != nil {
		return buf, err
	}
	return buf, nil
}

// get returns the segment of docID: the one in memory, or the one on disk
// when fresh is set or none is in memory (another process may have written
// it). Caller holds s.mu.
func (s *store) get(docID string, fresh bool) (*segment, error) {
	if seg := s.segs[docID]; seg != nil && !fresh {
		return seg, nil
	}
	if s.dir == "" {
		return nil, nil
	}
	seg, err := readSegment(s.dir, docID)
	if err != nil || seg == nil {
		return s.segs[docID], err
	}
	s.segs[docID] = seg
	return seg, nil
}

var (
	codeOnce sync.Once
	codeFP   string
)

// codeFingerprint names the running program: a hash of its executable's
// path, size and modification time. Chunks, BM25 terms and acronyms saved
// by another program are recomputed (its parser, chunker or stemmer may
// differ); vectors are still reused when the chunk texts are the same.
// When the executable cannot be found, every run is a different program.
func codeFingerprint() string {
	codeOnce.Do(func() {
		h := sha256.New()
		exe, err := os.Executable()
		var info os.FileInfo
		if err == nil {
			info, err = os.Stat(exe)
		}
		if err != nil {
			fmt.Fprintf(h, "unknown %d %d", os.Getpid(), time.Now().UnixNano())
		} else {
			fmt.Fprintf(h, "%s\x00%d\x00%d", exe, info.Size(), info.ModTime().UnixNano())
		}
		codeFP = hex.EncodeToString(h.Sum(nil)[:12])
	})
	return codeFP
}
