package retrieval_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/internal/benchgen"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/retrieval"
)

// syntheticDocs makes n chunk-sized documents by recombining the seed
// article's sentences with varied names and numbers, so the vocabulary and
// posting lists grow as with a real news corpus.
func syntheticDocs(b *testing.B, n int) []*corpus.Document {
	b.Helper()
	seed := builtinDocs(b)[0]
	var sents []string
	for _, c := range corpus.Split(seed) {
		for i := range c.Sentences {
			sents = append(sents, c.Sentence(i))
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"Quito", "Lima", "Bogotá", "Caracas", "Santiago", "Montevideo", "La Paz", "Asunción", "Brasilia", "Panamá"}
	docs := make([]*corpus.Document, n)
	for i := range docs {
		var p []string
		for j := 0; j < 3; j++ {
			p = append(p, sents[rng.IntN(len(sents))])
		}
		text := strings.Join(p, " ") + fmt.Sprintf(" Officials in %s counted %d people on day %d of case%d.", names[rng.IntN(len(names))], rng.IntN(5000), rng.IntN(365), i%997)
		docs[i] = &corpus.Document{ID: fmt.Sprintf("d%06d", i), Path: fmt.Sprintf("d%06d.md", i), Title: "synthetic", Language: lang.English, Text: text, Hash: fmt.Sprint(i)}
	}
	return docs
}

// BenchmarkLocalEmbedder measures indexing throughput of the local embedder.
func BenchmarkLocalEmbedder(b *testing.B) {
	docs := syntheticDocs(b, 1000)
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Text
	}
	e := retrieval.NewHashEmbedder(0)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Embed(ctx, texts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(texts)*b.N)/b.Elapsed().Seconds(), "chunks/s")
}

// BenchmarkBuild measures a full first build (chunking, embedding, chromem-go
// collection and BM25) per chunk.
func BenchmarkBuild(b *testing.B) {
	docs := syntheticDocs(b, 10000)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := retrieval.Build(ctx, docs, retrieval.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "chunks/s")
}

var queries = []string{
	"Who was arrested at the Mexican embassy?",
	"Why did Mexico break diplomatic ties with Ecuador?",
	"¿Dónde está detenido Glas?",
	"What did the Organization of American States say?",
	"How many people were counted in Lima?",
}

// BenchmarkQuery compares footnote's hybrid search with chromem-go's raw
// QueryEmbedding on the same collection and query vector, at three sizes.
func BenchmarkQuery(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 10000, 100000} {
		docs := syntheticDocs(b, n)
		ix, _, err := retrieval.Build(ctx, docs, retrieval.Options{})
		if err != nil {
			b.Fatal(err)
		}
		emb := retrieval.NewHashEmbedder(0)
		vecs, _ := emb.Embed(ctx, queries)
		b.Run(fmt.Sprintf("chunks=%d/raw", n), func(b *testing.B) {
			retrieval.BenchPerQuery(b, func(i int) error {
				_, err := ix.Collection().QueryEmbedding(ctx, vecs[i%len(vecs)], 50, nil, nil)
				return err
			})
		})
		b.Run(fmt.Sprintf("chunks=%d/hybrid", n), func(b *testing.B) {
			retrieval.BenchPerQuery(b, func(i int) error {
				_, err := ix.Search(ctx, queries[i%len(queries)], 5)
				return err
			})
		})
	}
}

// benchFolder is a corpus folder of benchgen articles and the data
// directory of its index.
type benchFolder struct {
	corpusDir, dataDir string
	next               int // the benchgen number of the next article to add
}

// benchCorpus writes n benchgen articles into a temporary folder and
// builds their index once.
func benchCorpus(b *testing.B, n int) *benchFolder {
	b.Helper()
	f := &benchFolder{corpusDir: b.TempDir(), dataDir: b.TempDir(), next: n}
	if err := benchgen.Write(f.corpusDir, 0, n); err != nil {
		b.Fatal(err)
	}
	docs, _, err := retrieval.LoadFolder(os.DirFS(f.corpusDir), f.corpusDir, f.dataDir)
	if err != nil {
		b.Fatal(err)
	}
	if _, _, err := retrieval.Build(context.Background(), docs, retrieval.Options{DataDir: f.dataDir}); err != nil {
		b.Fatal(err)
	}
	return f
}

// add writes the next benchgen article into the folder.
func (f *benchFolder) add(b *testing.B) {
	b.Helper()
	if err := benchgen.Write(f.corpusDir, f.next, f.next+1); err != nil {
		b.Fatal(err)
	}
	f.next++
}

// BenchmarkOpen measures a second start with nothing changed: the corpus
// folder listed, its saved documents and segments read from disk (as a new
// process does) and the index assembled. Compare with BenchmarkBuild.
func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	const n = 1000
	f := benchCorpus(b, n)
	for b.Loop() {
		retrieval.ForgetSegments()
		docs, _, err := retrieval.LoadFolder(os.DirFS(f.corpusDir), f.corpusDir, f.dataDir)
		if err != nil {
			b.Fatal(err)
		}
		if _, st, err := retrieval.Build(ctx, docs, retrieval.Options{DataDir: f.dataDir}); err != nil || st.Embedded != 0 {
			b.Fatalf("open: %+v %v", st, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/open")
	b.ReportMetric(float64(n), "articles")
}

// BenchmarkAddOne measures what a running process does when one article
// is added: list the folder, parse the new file, embed its chunks, save
// its segment and assemble the new index from the segments in memory.
func BenchmarkAddOne(b *testing.B) {
	ctx := context.Background()
	f := benchCorpus(b, 1000)
	for b.Loop() {
		f.add(b)
		docs, _, err := retrieval.LoadFolder(os.DirFS(f.corpusDir), f.corpusDir, f.dataDir)
		if err != nil {
			b.Fatal(err)
		}
		if _, st, err := retrieval.Build(ctx, docs, retrieval.Options{DataDir: f.dataDir}); err != nil || st.Embedded == 0 {
			b.Fatalf("add one: %+v %v", st, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/add")
}
