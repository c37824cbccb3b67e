package retrieval_test

import (
	"context"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

// TestIndexFilesThenBuild: a file indexed alone by IndexFiles, in one
// process, is found by the next process's LoadFolder and Build, which
// embed nothing and parse nothing, and give the index a fresh build of the
// whole folder gives.
func TestIndexFilesThenBuild(t *testing.T) {
	ctx := context.Background()
	corpusDir, dataDir := corpusFolder(t, map[string]string{
		"a.md": "# Alpha\n\nThe alpha article talks about rivers and bridges in the north.\n",
		"b.md": "# Beta\n\nThe beta article talks about mountains and snow in the south.\n",
	})
	open := func(emb retrieval.Embedder) (*retrieval.Index, retrieval.Stats, []string) {
		t.Helper()
		retrieval.ForgetSegments() // a new process
		fsys := &countingFS{FS: os.DirFS(corpusDir)}
		docs, _, err := retrieval.LoadFolder(fsys, corpusDir, dataDir)
		if err != nil {
			t.Fatal(err)
		}
		ix, stats, err := retrieval.Build(ctx, docs, retrieval.Options{DataDir: dataDir, Embedder: emb})
		if err != nil {
			t.Fatal(err)
		}
		return ix, stats, fsys.take()
	}
	open(nil)

	writeFiles(t, corpusDir, map[string]string{
		"c.md": "# Gamma\n\nThe gamma article talks about deserts and camels in the east.\n\nCaravans crossed the dunes at night.\n",
	})
	retrieval.ForgetSegments()
	emb := newCounter()
	fsys := &countingFS{FS: os.DirFS(corpusDir)}
	stats, err := retrieval.IndexFiles(ctx, fsys, corpusDir, []string{"c.md"}, retrieval.Options{DataDir: dataDir, Embedder: emb})
	if err != nil {
		t.Fatal(err)
	}
	chunks := len(corpus.Split(mustParse(t, corpusDir, "c.md")))
	if stats.Documents != 1 || stats.Embedded != chunks || int(emb.texts.Load()) != chunks {
		t.Errorf("IndexFiles: %+v, %d texts embedded; want 1 document and its %d chunks", stats, emb.texts.Load(), chunks)
	}
	if got := fsys.take(); !reflect.DeepEqual(got, []string{"c.md"}) {
		t.Errorf("IndexFiles read %v, want only c.md", got)
	}

	emb = newCounter()
	ix, stats, parsed := open(emb)
	if emb.calls.Load() != 0 || stats.Embedded != 0 || len(parsed) != 0 {
		t.Errorf("the start after IndexFiles embedded %d texts (stats %+v) and parsed %v; want nothing", emb.texts.Load(), stats, parsed)
	}
	hits, err := ix.Search(ctx, "camels in the desert", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Chunk.DocID != "c" {
		t.Errorf("search for the indexed article: %+v", hits)
	}

	// the same as indexing the folder from nothing
	fresh, _, err := corpus.Load(os.DirFS(corpusDir))
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := retrieval.Build(ctx, fresh, retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ix.Chunks(), want.Chunks()) || !reflect.DeepEqual(ix.Documents(), want.Documents()) {
		t.Error("the index after IndexFiles differs from a fresh build's")
	}
}

// TestIndexFilesLeavesATakenID: a file whose document id another listed
// file holds is not indexed (it would replace that document's segment).
func TestIndexFilesLeavesATakenID(t *testing.T) {
	ctx := context.Background()
	corpusDir, dataDir := corpusFolder(t, map[string]string{"a.md": "# Alpha\n\nThe alpha article talks about rivers.\n"})
	docs, _, err := retrieval.LoadFolder(os.DirFS(corpusDir), corpusDir, dataDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := retrieval.Build(ctx, docs, retrieval.Options{DataDir: dataDir}); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, corpusDir, map[string]string{"z.md": "---\nid: a\n---\n\nAnother article with the first one's id.\n"})
	emb := newCounter()
	stats, err := retrieval.IndexFiles(ctx, os.DirFS(corpusDir), corpusDir, []string{"z.md"}, retrieval.Options{DataDir: dataDir, Embedder: emb})
	if err != nil || stats.Documents != 0 || emb.calls.Load() != 0 {
		t.Errorf("IndexFiles of a taken id: %+v, %d embed calls, err %v; want nothing done", stats, emb.calls.Load(), err)
	}
}

// TestFolderPrints: prints from the file list equal prints made by parsing
// every file, and a file changed since the list was written is parsed.
func TestFolderPrints(t *testing.T) {
	ctx := context.Background()
	corpusDir, dataDir := corpusFolder(t, map[string]string{
		"a.md":  "---\ntitle: Alpha\nsource: https://example.com/a\n---\n\nThe alpha article talks about Rivers.\n",
		"b.txt": "Beta\n\nThe beta article talks about mountains.\n",
	})
	printsOf := func() ([]retrieval.Print, []string) {
		t.Helper()
		fsys := &countingFS{FS: os.DirFS(corpusDir)}
		ps, skipped, err := retrieval.FolderPrints(fsys, corpusDir, dataDir)
		if err != nil || len(skipped) != 0 {
			t.Fatalf("FolderPrints: skipped %v, err %v", skipped, err)
		}
		return ps, fsys.take()
	}
	want, _, err := corpus.Load(os.DirFS(corpusDir))
	if err != nil {
		t.Fatal(err)
	}
	var wantPrints []retrieval.Print
	for _, d := range want {
		wantPrints = append(wantPrints, retrieval.Print{ID: d.ID, FileHash: d.Hash, Text: retrieval.TextKey(d.Text), URL: d.URL})
	}
	before, read := printsOf()
	if !reflect.DeepEqual(before, wantPrints) || len(read) != 2 {
		t.Errorf("prints before any index: %+v (read %v), want %+v", before, read, wantPrints)
	}
	docs, _, err := retrieval.LoadFolder(os.DirFS(corpusDir), corpusDir, dataDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := retrieval.Build(ctx, docs, retrieval.Options{DataDir: dataDir}); err != nil {
		t.Fatal(err)
	}
	after, read := printsOf()
	if !reflect.DeepEqual(after, wantPrints) || len(read) != 0 {
		t.Errorf("prints from the file list: %+v (read %v), want %+v and no file read", after, read, wantPrints)
	}
	later := time.Now().Add(time.Minute)
	writeFiles(t, corpusDir, map[string]string{"b.txt": "Beta\n\nThe beta article now talks about glaciers.\n"})
	if err := os.Chtimes(corpusDir+"/b.txt", later, later); err != nil {
		t.Fatal(err)
	}
	changed, read := printsOf()
	if len(read) != 1 || read[0] != "b.txt" || changed[1] == after[1] || changed[0] != after[0] {
		t.Errorf("after b.txt changed: read %v, prints %+v", read, changed)
	}
	if _, read := printsOf(); len(read) != 0 {
		t.Errorf("a second call read %v again", read)
	}
	if retrieval.TextKey("The  ALPHA article") != retrieval.TextKey("the alpha article") {
		t.Error("TextKey differs for texts differing only in case and spacing")
	}
}

func mustParse(t *testing.T, dir, name string) *corpus.Document {
	t.Helper()
	data, err := os.ReadFile(dir + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	d, err := corpus.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	corpus.Sanitize(d)
	return d
}
