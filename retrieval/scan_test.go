package retrieval

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
)

// randomUnit returns n random unit vectors of dimension dim.
func randomUnit(rng *rand.Rand, n, dim int) [][]float32 {
	out := make([][]float32, n)
	for i := range out {
		v := make([]float32, dim)
		for j := range v {
			v[j] = float32(rng.NormFloat64())
		}
		normalize(v)
		out[i] = v
	}
	return out
}

// TestFlatSearchMatchesBruteForce: the parallel scan returns the same rows,
// in the same order, as sorting every row's similarity, for sizes on both
// sides of the one-goroutine threshold and k from 1 to more than the rows.
func TestFlatSearchMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for _, tc := range []struct{ rows, dim, k int }{
		{1, 8, 1}, {5, 3, 10}, {100, 17, 7}, {minScanPerWorker*3 + 5, 32, 50},
	} {
		t.Run(fmt.Sprintf("rows=%d/dim=%d/k=%d", tc.rows, tc.dim, tc.k), func(t *testing.T) {
			vecs := randomUnit(rng, tc.rows, tc.dim)
			f, err := newFlatVectors(vecs, tc.dim)
			if err != nil {
				t.Fatal(err)
			}
			q := randomUnit(rng, 1, tc.dim)[0]
			got, err := f.search(context.Background(), q, tc.k)
			if err != nil {
				t.Fatal(err)
			}
			want := make([]simHit, tc.rows)
			for i, v := range vecs {
				want[i] = simHit{idx: i, sim: dot(q, v)}
			}
			sort.Slice(want, func(i, j int) bool { return worse(want[j], want[i]) })
			want = want[:min(tc.k, tc.rows)]
			if len(got) != len(want) {
				t.Fatalf("got %d hits, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("rank %d: got %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
}

func TestFlatSearchRejectsBadInput(t *testing.T) {
	f, err := newFlatVectors([][]float32{{1, 0}, {0, 1}}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.search(context.Background(), []float32{1, 0, 0}, 1); err == nil {
		t.Error("a query of the wrong dimension was accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.search(ctx, []float32{1, 0}, 1); err == nil {
		t.Error("a scan under an ended context succeeded")
	}
	if _, err := newFlatVectors([][]float32{{1, 0}, {1}}, 2); err == nil {
		t.Error("a ragged vector was accepted")
	}
}

// TestDenseMatchesChromem holds the flat scan to chromem-go's own query on
// the same collection: the same chunks at each rank, and the same
// similarity to within float rounding (the scan sums in four accumulators).
// Where two chunks' similarities are within rounding of each other, their
// order may differ, so ranks are compared as sets of near-equal scores.
func TestDenseMatchesChromem(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	words := strings.Fields("embassy police raid quito mexico ecuador glas asylum court justice vice president arrest diplomatic ties broke protest nations organization american states minister foreign ambassador lopez obrador noboa hague case suspend")
	var docs []*corpus.Document
	for i := range 300 {
		var b strings.Builder
		fmt.Fprintf(&b, "# Report %d\n\n", i)
		for p := range 3 {
			for s := range 4 {
				for w := range 6 + rng.IntN(8) {
					if w > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(words[rng.IntN(len(words))])
				}
				fmt.Fprintf(&b, " %d. ", p*10+s)
			}
			b.WriteString("\n\n")
		}
		d, err := corpus.Parse(fmt.Sprintf("r%03d.md", i), []byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	ctx := context.Background()
	ix, _, err := Build(ctx, docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const eps = 1e-5
	for _, q := range []string{"police raid on the embassy", "vice president glas asylum", "hague court case", "organization of american states"} {
		qv, err := ix.embedOne(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		n := 50
		got, err := ix.dense(ctx, qv, n)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ix.col.QueryEmbedding(ctx, qv, n, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%q: scan gave %d, chromem-go %d", q, len(got), len(want))
		}
		for i := range want {
			if d := math.Abs(float64(got[i].Similarity - want[i].Similarity)); d > eps {
				t.Fatalf("%q rank %d: scan %s %.6f, chromem-go %s %.6f", q, i, got[i].ID, got[i].Similarity, want[i].ID, want[i].Similarity)
			}
			if got[i].ID == want[i].ID {
				continue
			}
			// a tie within rounding: the chunk must be at a near-equal rank
			found := false
			for j := range want {
				if want[j].ID == got[i].ID && math.Abs(float64(want[j].Similarity-got[i].Similarity)) <= eps {
					found = true
				}
			}
			if !found && math.Abs(float64(got[i].Similarity-want[len(want)-1].Similarity)) > eps {
				t.Fatalf("%q rank %d: scan has %s, which chromem-go's top %d lacks", q, i, got[i].ID, n)
			}
		}
	}
}
