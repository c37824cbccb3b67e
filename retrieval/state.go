package retrieval

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"time"
)

// stateVersion changes when the state file's layout does.
const stateVersion = 1

// stateFile is the name of the index state inside the data directory.
const stateFile = "index.gob"

// state is what earlier versions kept between runs, in one file: for each
// document, the hash of its chunk texts and their vectors. Build reads it
// only to take vectors over into segments (see segment), then removes it.
type state struct {
	Version    int
	EmbedderID string
	Dim        int
	Docs       map[string]docState
}

type docState struct {
	Hash    string // of the document's chunk texts
	Chunker string // corpus.ChunkerVersion
	Vectors [][]float32
}

// loadState reads the state under dir. A missing file is an empty state;
// a damaged or older one, or one whose vectors are the wrong size or not
// finite, is reported so the caller can rebuild. Temporary files a killed
// save left behind are removed first.
func loadState(dir string) (*state, error) {
	st := &state{Version: stateVersion, Docs: map[string]docState{}}
	if dir == "" {
		return st, nil
	}
	removeStaleTmp(dir, stateFile+".*.tmp", time.Now())
	f, err := os.Open(filepath.Join(dir, stateFile))
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("open index state: %w", err)
	}
	defer f.Close()
	var got state
	if err := gob.NewDecoder(f).Decode(&got); err != nil {
		return st, fmt.Errorf("read index state %s: %w", f.Name(), err)
	}
	if got.Version != stateVersion {
		return st, fmt.Errorf("index state %s is version %d, want %d", f.Name(), got.Version, stateVersion)
	}
	if got.Docs == nil {
		got.Docs = map[string]docState{}
	}
	if err := got.check(); err != nil {
		return st, fmt.Errorf("index state %s: %w", f.Name(), err)
	}
	return &got, nil
}

// check rejects a state that decoded but cannot be right: a vector of the
// wrong dimension, or one holding NaN or ±Inf (a search would rank with it).
func (st *state) check() error {
	if len(st.Docs) > 0 && st.Dim <= 0 {
		return fmt.Errorf("dimension %d", st.Dim)
	}
	for id, d := range st.Docs {
		for i, v := range d.Vectors {
			if len(v) != st.Dim {
				return fmt.Errorf("document %s vector %d has %d dimensions, want %d", id, i, len(v), st.Dim)
			}
			for _, x := range v {
				if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
					return fmt.Errorf("document %s vector %d holds %v", id, i, x)
				}
			}
		}
	}
	return nil
}

// staleTmpAge is how old a temporary state file must be before it is taken
// for one left by a killed process; a younger one may be another process's
// save in progress.
const staleTmpAge = 10 * time.Minute

// removeStaleTmp removes temporary files matching pattern under dir that a
// killed process left behind, and reports how many it removed.
func removeStaleTmp(dir, pattern string, now time.Time) int {
	if dir == "" {
		return 0
	}
	names, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return 0
	}
	n := 0
	for _, name := range names {
		info, err := os.Lstat(name)
		if err != nil || !info.Mode().IsRegular() || now.Sub(info.ModTime()) < staleTmpAge {
			continue
		}
		if os.Remove(name) == nil {
			n++
		}
	}
	return n
}

// save writes the state atomically: a reader sees the old file or the new
// one, never half of one.
func (st *state) save(dir string) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create data dir: %w", err)
	}
	tmp, err := os.CreateTemp(dir, stateFile+".*.tmp")
	if err != nil {
		return fmt.Errorf("write index state: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := gob.NewEncoder(tmp).Encode(st); err != nil {
		tmp.Close()
		return fmt.Errorf("write index state: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write index state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write index state: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, stateFile)); err != nil {
		return fmt.Errorf("write index state: %w", err)
	}
	return nil
}

// removeLegacyState deletes the state file of earlier versions once its
// vectors are in segments.
func removeLegacyState(dir string) {
	_ = os.Remove(filepath.Join(dir, stateFile))
}
