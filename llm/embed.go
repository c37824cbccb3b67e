package llm

import (
	"context"
	"fmt"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Embed returns one vector per text, in the order of texts. It sends batches
// of Config.EmbedBatch inputs, at most Config.EmbedConcurrency at once, and
// retries each batch on its own (see the package doc). The first batch that
// fails for good cancels the others, and its error is returned, naming the
// batch. Every batch must come back with one vector per input, all of one
// dimension, equal to the dimension learned by earlier calls; anything else
// is an error. Empty strings are sent as they are (OpenAI rejects them with
// 400). No texts means no request and a nil result.
func (c *Client) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	start := time.Now()
	size := c.cfg.EmbedBatch
	batches := (len(texts) + size - 1) / size
	out := make([][]float32, len(texts))

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
		sem      = make(chan struct{}, c.cfg.EmbedConcurrency)
		started  int
	)
launch:
	for b := range batches {
		if ctx.Err() != nil { // a batch failed, or the caller gave up
			break
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			break launch
		}
		started++
		lo, hi := b*size, min((b+1)*size, len(texts))
		wg.Go(func() {
			defer func() { <-sem }()
			vecs, err := c.embedBatch(ctx, texts[lo:hi])
			if err != nil {
				once.Do(func() {
					firstErr = fmt.Errorf("embed batch %d of %d: %w", b+1, batches, err)
					cancel(firstErr)
				})
				return
			}
			copy(out[lo:hi], vecs)
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if started < batches { // the caller's context ended before all batches started
		return nil, fmt.Errorf("embed: %w", context.Cause(ctx))
	}
	c.log.Debug("llm: embedded", "texts", len(texts), "batches", batches, "took", time.Since(start))
	return out, nil
}

// embedBatch embeds one batch with retries and checks the response's shape.
func (c *Client) embedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	var resp openai.EmbeddingResponse
	err := c.withRetry(ctx, "embed", c.cfg.Timeout, func(ctx context.Context) error {
		var err error
		resp, err = c.api.CreateEmbeddings(ctx, openai.EmbeddingRequest{
			Input: texts,
			Model: openai.EmbeddingModel(c.cfg.EmbedModel),
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	vecs, err := orderVectors(resp.Data, len(texts))
	if err != nil {
		return nil, err
	}
	dim := int64(len(vecs[0]))
	if !c.dim.CompareAndSwap(0, dim) && c.dim.Load() != dim {
		return nil, fmt.Errorf("embedding dimension %d, earlier responses had %d", dim, c.dim.Load())
	}
	return vecs, nil
}

// orderVectors places the vectors of a response by their index and checks
// that there is exactly one per input, all of one non-zero dimension. A
// server that leaves every index at 0 is taken to answer in input order.
func orderVectors(data []openai.Embedding, n int) ([][]float32, error) {
	if len(data) != n {
		return nil, fmt.Errorf("got %d vectors for %d inputs", len(data), n)
	}
	allZero := true
	for _, d := range data {
		allZero = allZero && d.Index == 0
	}
	out := make([][]float32, n)
	for i, d := range data {
		at := d.Index
		if allZero {
			at = i
		}
		if at < 0 || at >= n || out[at] != nil {
			return nil, fmt.Errorf("vector index %d out of range or repeated", d.Index)
		}
		if len(d.Embedding) == 0 || len(d.Embedding) != len(data[0].Embedding) {
			return nil, fmt.Errorf("vector %d has dimension %d, vector 0 has %d", d.Index, len(d.Embedding), len(data[0].Embedding))
		}
		out[at] = d.Embedding
	}
	return out, nil
}
