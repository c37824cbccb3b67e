package ingest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/ingest"
)

func article(i int) string {
	return fmt.Sprintf("---\ntitle: Report %d on the embassy raid\ndate: 2024-04-06\n---\n\n"+
		"Dispatch %d: diplomats in Quito discussed the raid on the Mexican embassy.\n\nOfficials answered statement %d with a note of protest.\n", i, i, i)
}

// BenchmarkAddFile adds one new file to a corpus that already holds 250,
// 1,000 or 4,000 articles: the duplicate check is a lookup, so the time per
// file does not grow with the corpus.
func BenchmarkAddFile(b *testing.B) {
	for _, n := range []int{250, 1000, 4000} {
		b.Run(fmt.Sprintf("existing=%d", n), func(b *testing.B) {
			var docs []*corpus.Document
			for i := range n {
				d, err := corpus.Parse(fmt.Sprintf("old%05d.md", i), []byte(article(i)))
				if err != nil {
					b.Fatal(err)
				}
				docs = append(docs, d)
			}
			seen := ingest.NewSeen(docs)
			src, dir := b.TempDir(), b.TempDir()
			a := &ingest.Adder{Dir: dir}
			i := n
			for b.Loop() {
				b.StopTimer()
				p := filepath.Join(src, fmt.Sprintf("new%07d.md", i))
				if err := os.WriteFile(p, []byte(article(i)), 0o644); err != nil {
					b.Fatal(err)
				}
				i++
				b.StartTimer()
				if _, err := a.AddFile(p, seen); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
