package retrieval_test

import (
	"context"
	"os"
	"testing"

	"github.com/footnote-bot/footnote/internal/benchgen"
	"github.com/footnote-bot/footnote/retrieval"
)

// BenchmarkIngestOne measures what `footnote ingest` of one article does
// in a new process: the duplicate check's prints of the whole folder (from
// its file list), then the new file alone parsed, embedded, saved and
// listed. Compare with BenchmarkAddOne, which assembles the whole index.
func BenchmarkIngestOne(b *testing.B) {
	ctx := context.Background()
	const n = 1000
	f := benchCorpus(b, n)
	for b.Loop() {
		b.StopTimer()
		name, _ := benchgen.Article(f.next)
		f.add(b)
		retrieval.ForgetSegments() // a new process
		b.StartTimer()
		prints, _, err := retrieval.FolderPrints(os.DirFS(f.corpusDir), f.corpusDir, f.dataDir)
		if err != nil || len(prints) != f.next {
			b.Fatalf("prints: %d of %d, %v", len(prints), f.next, err)
		}
		st, err := retrieval.IndexFiles(ctx, os.DirFS(f.corpusDir), f.corpusDir, []string{name}, retrieval.Options{DataDir: f.dataDir})
		if err != nil || st.Documents != 1 || st.Embedded == 0 {
			b.Fatalf("index one: %+v %v", st, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/ingest")
	b.ReportMetric(float64(n), "articles")
}
