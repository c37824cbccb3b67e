// Package retrieval finds the passages of a corpus that bear on a question:
// a chromem-go vector collection and a BM25 index over the same chunks, fused
// by reciprocal rank. The corpus is the source of truth; the index is derived
// from it and kept under a data directory so that unchanged documents are
// never embedded twice.
package retrieval

import "context"

// Embedder turns texts into vectors. Implementations must return one vector
// per input, in order, all of one dimension.
type Embedder interface {
	// ID names the model and its settings; vectors from embedders with
	// different IDs are never mixed in one index.
	ID() string
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}
