package retrieval

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/corpus"
)

func stateDocs(t *testing.T) []*corpus.Document {
	t.Helper()
	d, err := corpus.Parse("a.md", []byte("# Raid\n\nPolice entered the embassy in Quito late on Friday.\n\nMexico broke off relations the next day."))
	if err != nil {
		t.Fatal(err)
	}
	return []*corpus.Document{d}
}

// TestCorruptVectorsAreRebuilt: a segment that decodes but holds NaN, Inf
// or vectors of the wrong size is not trusted; its document is embedded
// again.
func TestCorruptVectorsAreRebuilt(t *testing.T) {
	for name, spoil := range map[string]func(v []float32) []float32{
		"nan":   func(v []float32) []float32 { v[3] = float32(math.NaN()); return v },
		"+inf":  func(v []float32) []float32 { v[0] = float32(math.Inf(1)); return v },
		"-inf":  func(v []float32) []float32 { v[len(v)-1] = float32(math.Inf(-1)); return v },
		"short": func(v []float32) []float32 { return v[:len(v)-1] },
		"long":  func(v []float32) []float32 { return append(v, 0) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			docs := stateDocs(t)
			_, first, err := Build(context.Background(), docs, Options{DataDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			seg, err := readSegment(dir, docs[0].ID)
			if err != nil || seg == nil {
				t.Fatalf("segment not saved: %v", err)
			}
			seg.Vectors = spoil(append([]float32(nil), seg.Vectors...))
			if err := writeSegment(dir, seg); err != nil {
				t.Fatal(err)
			}
			if _, err := readSegment(dir, docs[0].ID); err == nil {
				t.Fatal("readSegment accepted a corrupt segment")
			}
			ForgetSegments()
			ix, stats, err := Build(context.Background(), docs, Options{DataDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if stats.Embedded != first.Chunks || stats.Reused != 0 {
				t.Errorf("embedded %d, reused %d; want all %d re-embedded", stats.Embedded, stats.Reused, first.Chunks)
			}
			if res, err := ix.Search(context.Background(), "embassy Quito", 2); err != nil || len(res) == 0 {
				t.Error("the rebuilt index finds nothing")
			}
			if _, err := readSegment(dir, docs[0].ID); err != nil {
				t.Errorf("the rebuilt segment does not load: %v", err)
			}
		})
	}
}

// TestLegacyStateVectorsAreReused: the single-file state of earlier
// versions gives its vectors to the segments, and is then removed.
func TestLegacyStateVectorsAreReused(t *testing.T) {
	dir := t.TempDir()
	docs := stateDocs(t)
	chunks := corpus.Split(docs[0])
	emb := NewHashEmbedder(0)
	texts := make([]string, len(chunks))
	for i := range chunks {
		texts[i] = chunks[i].Text
	}
	vs, err := emb.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		normalize(v)
	}
	old := &state{Version: stateVersion, EmbedderID: emb.ID(), Dim: len(vs[0]),
		Docs: map[string]docState{docs[0].ID: {Hash: chunksHash(chunks), Chunker: corpus.ChunkerVersion, Vectors: vs}}}
	if err := old.save(dir); err != nil {
		t.Fatal(err)
	}
	_, stats, err := Build(context.Background(), docs, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Embedded != 0 || stats.Reused != len(chunks) {
		t.Errorf("embedded %d, reused %d; want the %d old vectors reused", stats.Embedded, stats.Reused, len(chunks))
	}
	if _, err := os.Stat(filepath.Join(dir, stateFile)); err == nil {
		t.Error("the old state file is still there")
	}
}

func TestStaleTmpFilesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	old := filepath.Join(dir, stateFile+".123.tmp")
	fresh := filepath.Join(dir, stateFile+".456.tmp")
	other := filepath.Join(dir, "notes.tmp")
	for _, p := range []string{old, fresh, other} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{old, other} {
		if err := os.Chtimes(p, now.Add(-time.Hour), now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if n := removeStaleTmp(dir, stateFile+".*.tmp", now); n != 1 {
		t.Errorf("removed %d, want 1", n)
	}
	for p, want := range map[string]bool{old: false, fresh: true, other: true} {
		_, err := os.Stat(p)
		if got := err == nil; got != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(p), got, want)
		}
	}
}
