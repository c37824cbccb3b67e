package cli_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/cli"
)

// BenchmarkIngest runs `footnote ingest --corpus DIR FOLDER` of 250, 1,000
// and 4,000 new articles into an empty corpus, indexing included: each file
// is checked against all those added before it, so a quadratic check would
// show as a per-file time growing with the count. Reported: ns/file, and
// the share of the copy (ms) and of the whole run.
func BenchmarkIngest(b *testing.B) {
	for _, n := range []int{250, 1000, 4000} {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			src := writeArticles(b, b.TempDir(), n)
			var total time.Duration
			for b.Loop() {
				b.StopTimer()
				dir, data := filepath.Join(b.TempDir(), "corpus"), b.TempDir()
				env := map[string]string{"FOOTNOTE_DATA_DIR": data}
				b.StartTimer()
				start := time.Now()
				err := cli.Run(context.Background(), []string{"ingest", "--corpus", dir, src}, func(k string) string { return env[k] }, io.Discard, io.Discard)
				total += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total.Nanoseconds())/float64(b.N*n), "ns/file")
		})
	}
}
