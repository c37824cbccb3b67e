package cli

import (
	"context"
	"errors"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

// fallBack decides whether an index build that failed with err should be
// retried with the local embedder: when the model endpoint's embeddings
// failed (down, unreachable, refusing the key or the model) and the caller
// has not given up. It says so once per process, and every later index of
// this process is built locally too, so that reloads stay consistent and
// do not wait on the endpoint again.
func (e *env) fallBack(ctx context.Context, emb retrieval.Embedder, err error) bool {
	if _, api := emb.(apiEmbedder); !api || ctx.Err() != nil || errors.Is(err, corpus.ErrEmpty) {
		return false
	}
	e.localEmbed = true
	e.log.Warn("the model endpoint's embeddings failed; indexing with the local embedder instead", "err", err.Error())
	return true
}
