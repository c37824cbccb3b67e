package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// ChatStream runs a streamed chat completion (server-sent events). It calls
// onDelta (if not nil) with each non-empty content delta of the first choice
// as soon as its event is read, from the calling goroutine, and returns the
// full text and the usage (zero if the server sent none; it is asked for with
// stream_options.include_usage unless the server rejected that option once).
//
// Retries follow the package policy, but only until the first delta was
// delivered: after that nothing is retried, and a failure — connection cut,
// idle timeout, malformed event, the context ending, or the body ending
// without finish_reason and [DONE] — returns the partial text together with
// an error matching ErrStreamInterrupted (and the cause, e.g.
// context.Canceled). Config.Timeout bounds the wait for the response and then
// each gap between events, not the whole stream.
func (c *Client) ChatStream(ctx context.Context, msgs []Message, opts ChatOptions, onDelta func(string)) (string, Usage, error) {
	req, err := c.chatRequest(msgs, opts)
	if err != nil {
		return "", Usage{}, fmt.Errorf("chat stream: %w", err)
	}
	if onDelta == nil {
		onDelta = func(string) {}
	}
	var (
		text  strings.Builder
		usage Usage
	)
	run := func() error {
		req.StreamOptions = nil
		if !c.noStreamUsage.Load() {
			req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
		}
		return c.withRetry(ctx, "chat stream", 0, func(ctx context.Context) error {
			text.Reset() // only retried while nothing was delivered
			usage = Usage{}
			return c.streamOnce(ctx, req, onDelta, &text, &usage)
		})
	}
	err = run()
	if err != nil && req.StreamOptions != nil && rejectsStreamOptions(err) {
		c.noStreamUsage.Store(true)
		c.log.Info("llm: server rejects stream_options; streaming without usage from now on", "err", err)
		err = run()
	}
	if err != nil {
		return text.String(), usage, fmt.Errorf("chat stream: %w", err)
	}
	return text.String(), usage, nil
}

// streamOnce is one streaming attempt. It returns a *permanentError wrapping
// ErrStreamInterrupted once a delta was delivered, so that withRetry stops.
func (c *Client) streamOnce(ctx context.Context, req openai.ChatCompletionRequest, onDelta func(string), text *strings.Builder, usage *Usage) error {
	info, _ := ctx.Value(attemptKey{}).(*attemptInfo)
	idle := c.cfg.Timeout
	sctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	timer := time.AfterFunc(idle, func() { cancel(errAttemptTimeout) })
	defer timer.Stop()

	// failure turns a read error into the attempt's error.
	delivered := false
	failure := func(err error, what string) error {
		switch {
		case ctx.Err() != nil:
			err = ctxError(ctx, err)
		case errors.Is(context.Cause(sctx), errAttemptTimeout):
			err = &timeoutError{what: what, d: idle}
		default:
			err = translate(err)
		}
		if delivered {
			return &permanentError{fmt.Errorf("%w after %d bytes: %w", ErrStreamInterrupted, text.Len(), err)}
		}
		return err
	}

	stream, err := c.api.CreateChatCompletionStream(sctx, req)
	if err != nil {
		return failure(err, "no response")
	}
	defer stream.Close()

	finished := false
	for {
		chunk, err := stream.Recv()
		timer.Stop() // idle time is time spent waiting for the server, not in onDelta
		if errors.Is(err, io.EOF) {
			if finished || (info != nil && info.sawDone) {
				return nil
			}
			err = fmt.Errorf("stream ended without finish_reason or [DONE]: %w", io.ErrUnexpectedEOF)
		}
		if err != nil {
			return failure(err, "no stream event")
		}
		if chunk.Usage != nil {
			*usage = usageOf(*chunk.Usage)
		}
		for _, ch := range chunk.Choices {
			if ch.Index != 0 {
				continue
			}
			if d := ch.Delta.Content; d != "" {
				text.WriteString(d)
				delivered = true
				onDelta(d)
			}
			if ch.FinishReason != "" {
				finished = true
			}
		}
		timer.Reset(idle)
	}
}

// rejectsStreamOptions recognises a server refusing the stream_options
// field, as some older OpenAI-compatible servers do.
func rejectsStreamOptions(err error) bool {
	var se *StatusError
	return errors.As(err, &se) && (se.StatusCode == 400 || se.StatusCode == 422) &&
		strings.Contains(strings.ToLower(se.Message), "stream_options")
}
