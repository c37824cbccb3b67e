package store

import (
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/footnote-bot/footnote/store/storetest"
)

// BenchmarkRecordVote measures votes that change (each one is a write), one
// at a time and from parallel goroutines, and reports ops/s.
func BenchmarkRecordVote(b *testing.B) {
	b.Run("SQLite", func(b *testing.B) {
		s, err := OpenSQLite(b.Context(), filepath.Join(b.TempDir(), DatabaseFile))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		benchmarkVotes(b, s)
	})
	b.Run("Postgres", func(b *testing.B) {
		s, err := OpenPostgres(b.Context(), storetest.PostgresSchema(b, storetest.PostgresURL(b, "./store/")))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		benchmarkVotes(b, s)
	})
}

func benchmarkVotes(b *testing.B, s Store) {
	// The i-th vote of a key flips it: 1000 keys per round, value by round.
	nth := func(prefix string, i int) Vote {
		v := Vote{
			MessageID: fmt.Sprintf("%s-msg%d", prefix, i%10),
			UserID:    fmt.Sprintf("user%d", (i/10)%100),
			Value:     Up,
		}
		if (i/1000)%2 == 1 {
			v.Value = Down
		}
		return v
	}
	b.Run("Serial", func(b *testing.B) {
		n := 0
		for b.Loop() {
			if _, err := s.RecordVote(b.Context(), nth("serial", n)); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "ops/s")
	})
	b.Run("Parallel", func(b *testing.B) {
		var worker, total atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			prefix := fmt.Sprint("parallel", worker.Add(1))
			n := 0
			for pb.Next() {
				if _, err := s.RecordVote(b.Context(), nth(prefix, n)); err != nil {
					b.Error(err)
					return
				}
				n++
			}
			total.Add(int64(n))
		})
		b.ReportMetric(float64(total.Load())/b.Elapsed().Seconds(), "ops/s")
	})
}
