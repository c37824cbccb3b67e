package retrieval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	chromem "github.com/philippgille/chromem-go"
)

// BenchmarkVectorSearch compares, on the same 384-dimension unit vectors
// (11,700 and 117,000 rows: about 1,000 and 10,000 articles), chromem-go's
// QueryEmbedding, footnote's scan of the flat copy, and the floor: one
// goroutine's plain loop over the flat copy. Each reports µs/query.
func BenchmarkVectorSearch(b *testing.B) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, rows := range []int{11_700, 117_000} {
		vecs := randomUnit(rng, rows, DefaultHashDim)
		flat, err := newFlatVectors(vecs, DefaultHashDim)
		if err != nil {
			b.Fatal(err)
		}
		col, err := chromem.NewDB().CreateCollection("b", nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		for i := range rows {
			if err := col.AddDocument(ctx, chromem.Document{ID: fmt.Sprint(i), Embedding: flat.row(i), Content: "x"}); err != nil {
				b.Fatal(err)
			}
		}
		qs := randomUnit(rng, 16, DefaultHashDim)
		b.Run(fmt.Sprintf("rows=%d/chromem", rows), func(b *testing.B) {
			BenchPerQuery(b, func(i int) error {
				_, err := col.QueryEmbedding(ctx, qs[i%len(qs)], 50, nil, nil)
				return err
			})
		})
		b.Run(fmt.Sprintf("rows=%d/scan", rows), func(b *testing.B) {
			BenchPerQuery(b, func(i int) error {
				_, err := flat.search(ctx, qs[i%len(qs)], 50)
				return err
			})
		})
		b.Run(fmt.Sprintf("rows=%d/floor", rows), func(b *testing.B) {
			var sink float32
			BenchPerQuery(b, func(i int) error {
				q := qs[i%len(qs)]
				for r := range rows {
					var s float32
					for j, x := range flat.row(r) {
						s += x * q[j]
					}
					sink += s
				}
				return nil
			})
			_ = sink
		})
	}
}

// BenchPerQuery runs query(i) for the i-th round of b's loop, failing on an
// error, and reports µs/query. It is exported for the retrieval_test
// benchmarks (BenchmarkQuery), which compare with these.
func BenchPerQuery(b *testing.B, query func(i int) error) {
	b.Helper()
	i := 0
	for b.Loop() {
		if err := query(i); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/query")
}
