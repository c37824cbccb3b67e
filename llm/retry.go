package llm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// attemptInfo carries what the HTTP layer saw during one attempt. go-openai
// does not expose response headers on errors, so headerDoer records them
// here, found through the request's context.
type attemptInfo struct {
	status  int
	header  http.Header
	sawDone bool // an SSE "data: [DONE]" line was read from the body
}

type attemptKey struct{}

// headerDoer is the go-openai HTTPDoer: it records the status and headers of
// every response into the attemptInfo of the request's context, if any, and
// watches event-stream bodies for the closing [DONE]. go-openai calls Do and
// reads stream bodies in the attempt's goroutine, so the attempt reads the
// info afterwards without further locking.
type headerDoer struct{ client *http.Client }

func (d headerDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.client.Do(req)
	if resp == nil {
		return resp, err
	}
	if info, ok := req.Context().Value(attemptKey{}).(*attemptInfo); ok {
		info.status = resp.StatusCode
		info.header = resp.Header
		if req.Header.Get("Accept") == "text/event-stream" {
			resp.Body = &doneSpy{ReadCloser: resp.Body, info: info}
		}
	}
	return resp, err
}

// doneSpy passes an SSE body through and sets info.sawDone when it has read
// a "data: [DONE]" line. It looks only at the first bytes of each line.
type doneSpy struct {
	io.ReadCloser
	info *attemptInfo
	line []byte
}

func (s *doneSpy) Read(p []byte) (int, error) {
	n, err := s.ReadCloser.Read(p)
	for _, b := range p[:n] {
		if b == '\n' {
			if l := bytes.TrimSpace(s.line); bytes.Equal(l, []byte("data: [DONE]")) || bytes.Equal(l, []byte("data:[DONE]")) {
				s.info.sawDone = true
			}
			s.line = s.line[:0]
		} else if len(s.line) < 32 {
			s.line = append(s.line, b)
		}
	}
	return n, err
}

// attemptFunc runs one attempt. The context carries the attempt's
// attemptInfo; errors it returns are classified by retryable.
type attemptFunc func(ctx context.Context) error

// withRetry runs fn until it succeeds, fails permanently, the retries run out
// or ctx ends. If timeout > 0 each attempt gets a context that ends after
// timeout (reported as a retryable *timeoutError). Before each retry it waits
// the server's Retry-After if there was one, else a full-jitter exponential
// backoff; if that wait would pass ctx's deadline it fails at once with the
// last error.
func (c *Client) withRetry(ctx context.Context, op string, timeout time.Duration, fn attemptFunc) error {
	for attempt := 0; ; attempt++ {
		info := &attemptInfo{}
		actx := context.WithValue(ctx, attemptKey{}, info)
		var cancel context.CancelFunc = func() {}
		if timeout > 0 {
			actx, cancel = context.WithTimeoutCause(actx, timeout, errAttemptTimeout)
		}
		err := fn(actx)
		timedOut := errors.Is(context.Cause(actx), errAttemptTimeout)
		cancel()
		if err == nil {
			return nil
		}
		err = translate(err)

		var pe *permanentError
		if errors.As(err, &pe) {
			return pe.err
		}
		if ctx.Err() != nil {
			return ctxError(ctx, err)
		}
		if timedOut {
			err = &timeoutError{what: "no complete response", d: timeout}
		}
		if !retryable(err) {
			return err
		}
		if attempt >= c.cfg.MaxRetries {
			return fmt.Errorf("gave up after %d attempts: %w", attempt+1, err)
		}

		wait, fromServer := retryAfter(info.header, time.Now())
		if !fromServer {
			wait = c.backoff(attempt)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return fmt.Errorf("next attempt in %s would pass the deadline: %w", wait.Round(time.Millisecond), err)
		}
		c.log.LogAttrs(ctx, slog.LevelWarn, "llm: retrying",
			slog.String("op", op), slog.Int("attempt", attempt+1), slog.Int("status", info.status),
			slog.Duration("wait", wait), slog.Bool("retry_after", fromServer), slog.String("err", err.Error()))
		if sleep(ctx, wait) != nil {
			return ctxError(ctx, err)
		}
	}
}

var errAttemptTimeout = errors.New("attempt timed out")

// ctxError reports that ctx ended, keeping the last attempt's error visible;
// both match under errors.Is.
func ctxError(ctx context.Context, last error) error {
	cause := context.Cause(ctx)
	if errors.Is(last, cause) {
		return last
	}
	return fmt.Errorf("%w (last error: %w)", cause, last)
}

// backoff returns the full-jitter wait before retry number attempt+1: a
// uniform draw from [0, min(MaxBackoff, BaseBackoff*2^attempt)].
func (c *Client) backoff(attempt int) time.Duration {
	ceiling := c.cfg.MaxBackoff
	if attempt < 62 {
		if d := c.cfg.BaseBackoff << attempt; d > 0 && d < ceiling {
			ceiling = d
		}
	}
	if ceiling <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// retryAfter reads the wait a server asked for: Retry-After in seconds or as
// an HTTP date, or the non-standard retry-after-ms that OpenAI and Azure send.
// ok is false when there is no usable header.
func retryAfter(h http.Header, now time.Time) (wait time.Duration, ok bool) {
	if h == nil {
		return 0, false
	}
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 {
			return time.Duration(ms * float64(time.Millisecond)), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// sleep waits d or until ctx ends, whichever is first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
