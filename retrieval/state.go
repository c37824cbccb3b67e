package retrieval

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// stateVersion changes when the state file's layout does.
const stateVersion = 1

// stateFile is the name of the index state inside the data directory.
const stateFile = "index.gob"

// state is what an index keeps between runs: for each document, the hash of
// the file it was built from and the vectors of its chunks. It is keyed by our
// own document ids, not by chromem-go's 32-bit file-name hashes.
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
// a damaged or older one is reported so the caller can rebuild.
func loadState(dir string) (*state, error) {
	st := &state{Version: stateVersion, Docs: map[string]docState{}}
	if dir == "" {
		return st, nil
	}
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
	return &got, nil
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
