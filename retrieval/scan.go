package retrieval

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"

	chromem "github.com/philippgille/chromem-go"
)

// minScanPerWorker is the fewest rows a scan gives one goroutine: below it
// starting the goroutine costs more than the rows.
const minScanPerWorker = 4096

// flatVectors is a contiguous, row-major copy of the vectors chromem-go
// holds, row i being chunk i. chromem-go stays the store of record; this
// copy exists because a scan over one slice, with several accumulators and
// no per-document channel or lock, is several times faster than
// Collection.QueryEmbedding over the same vectors.
type flatVectors struct {
	dim  int
	rows int
	data []float32 // rows*dim
}

// newFlatVectors copies vectors, which must all have dimension dim.
func newFlatVectors(vectors [][]float32, dim int) (*flatVectors, error) {
	f := &flatVectors{dim: dim, rows: len(vectors), data: make([]float32, len(vectors)*dim)}
	for i, v := range vectors {
		if len(v) != dim {
			return nil, fmt.Errorf("flat vectors: row %d has dimension %d, want %d", i, len(v), dim)
		}
		copy(f.data[i*dim:], v)
	}
	return f, nil
}

// row returns row i, sharing memory with f.
func (f *flatVectors) row(i int) []float32 { return f.data[i*f.dim : (i+1)*f.dim : (i+1)*f.dim] }

// dot is the dot product of two vectors of the same length, summed in four
// independent accumulators so the CPU can overlap the additions.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// simHit is a row of a scan with its similarity to the query.
type simHit struct {
	idx int
	sim float32
}

// worse orders hits: lower similarity first, and at equal similarity the
// higher index, so results are deterministic.
func worse(a, b simHit) bool {
	if a.sim != b.sim {
		return a.sim < b.sim
	}
	return a.idx > b.idx
}

// topK keeps the k best hits seen in a bounded min-heap.
type topK struct {
	k int
	h []simHit
}

func (t *topK) push(c simHit) {
	if len(t.h) < t.k {
		t.h = append(t.h, c)
		for i := len(t.h) - 1; i > 0; {
			p := (i - 1) / 2
			if !worse(t.h[i], t.h[p]) {
				break
			}
			t.h[i], t.h[p] = t.h[p], t.h[i]
			i = p
		}
		return
	}
	if !worse(t.h[0], c) {
		return
	}
	t.h[0] = c
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < len(t.h) && worse(t.h[l], t.h[m]) {
			m = l
		}
		if r := l + 1; r < len(t.h) && worse(t.h[r], t.h[m]) {
			m = r
		}
		if m == i {
			return
		}
		t.h[i], t.h[m] = t.h[m], t.h[i]
		i = m
	}
}

// search returns the k rows most similar to q (a normalised vector of
// dimension f.dim) by dot product, best first, ties by row. The rows are
// split across up to GOMAXPROCS goroutines. It fails only when ctx ends or
// q has the wrong dimension.
func (f *flatVectors) search(ctx context.Context, q []float32, k int) ([]simHit, error) {
	if len(q) != f.dim {
		return nil, fmt.Errorf("scan: query dimension %d, vectors have %d", len(q), f.dim)
	}
	k = min(k, f.rows)
	if k <= 0 {
		return nil, nil
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, f.rows/minScanPerWorker))
	parts := make([]topK, workers)
	per := (f.rows + workers - 1) / workers
	scan := func(w int) {
		t := &parts[w]
		t.k, t.h = k, make([]simHit, 0, k)
		end := min((w+1)*per, f.rows)
		for i := w * per; i < end; i++ {
			if i&4095 == 0 && ctx.Err() != nil {
				return
			}
			t.push(simHit{idx: i, sim: dot(q, f.data[i*f.dim:(i+1)*f.dim])})
		}
	}
	if workers == 1 {
		scan(0)
	} else {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() { defer wg.Done(); scan(w) }()
		}
		wg.Wait()
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	all := parts[0]
	for _, p := range parts[1:] {
		for _, c := range p.h {
			all.push(c)
		}
	}
	sort.Slice(all.h, func(i, j int) bool { return worse(all.h[j], all.h[i]) })
	return all.h, nil
}

// dense returns the n chunks nearest to the normalised question vector qv,
// best first, as chromem-go's QueryEmbedding would: it scans the flat copy
// of the collection's vectors (see flatVectors), which a test holds to the
// same top-n as the collection's own query.
func (ix *Index) dense(ctx context.Context, qv []float32, n int) ([]chromem.Result, error) {
	hits, err := ix.flat.search(ctx, qv, n)
	if err != nil {
		return nil, err
	}
	out := make([]chromem.Result, len(hits))
	for i, h := range hits {
		c := &ix.chunks[h.idx]
		out[i] = chromem.Result{ID: c.ID, Content: c.Text, Similarity: h.sim}
	}
	return out, nil
}
