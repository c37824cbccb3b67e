package localdiscordtest

import (
	"context"
	"sync"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

var builtin struct {
	once  sync.Once
	index *retrieval.Index
	err   error
}

// BuiltinIndex returns the index of the built-in corpus, built once per
// test binary; callers only read it. It fails tb when the corpus does not
// load or index.
func BuiltinIndex(tb testing.TB) *retrieval.Index {
	tb.Helper()
	builtin.once.Do(func() {
		docs, _, err := corpus.Load(corpus.Builtin())
		if err != nil {
			builtin.err = err
			return
		}
		builtin.index, _, builtin.err = retrieval.Build(context.Background(), docs, retrieval.Options{})
	})
	if builtin.err != nil {
		tb.Fatalf("build index: %v", builtin.err)
	}
	return builtin.index
}
