package lang_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

// BenchmarkSentences splits the sentence testdata articles, repeated to about
// 200 KB, and reports the sentences found per KB alongside the throughput.
func BenchmarkSentences(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("testdata", "sentences", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no testdata/sentences/*.txt: %v", err)
	}
	var sb strings.Builder
	for sb.Len() < 200<<10 {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(data)
			sb.WriteString("\n\n")
		}
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(lang.Sentences(text))
	}
	b.ReportMetric(float64(n)/float64(len(text)>>10), "sentences/KB")
}
