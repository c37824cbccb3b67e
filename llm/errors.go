package llm

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Sentinel errors. Errors returned by this package wrap them; test with
// errors.Is.
var (
	// ErrUnauthorized: the server answered 401 (bad or missing API key).
	// Never retried.
	ErrUnauthorized = errors.New("llm: unauthorized")
	// ErrRateLimited: the server answered 429 and the retries ran out or
	// the next wait would have passed the context deadline.
	ErrRateLimited = errors.New("llm: rate limited")
	// ErrStreamInterrupted: a chat stream failed after at least one content
	// delta was delivered. ChatStream then returns the partial text with it.
	ErrStreamInterrupted = errors.New("llm: stream interrupted")
)

// StatusError is an HTTP error response from the API (or an error event in a
// stream, with StatusCode 0).
type StatusError struct {
	StatusCode int    // HTTP status, 0 for an in-stream error event
	Type       string // OpenAI error type, e.g. "invalid_request_error", if given
	Code       string // OpenAI error code, e.g. "invalid_api_key", if given
	Message    string // the server's message, or a prefix of the raw body
}

// Error returns e.g. "http 401: Incorrect API key provided".
func (e *StatusError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "(no message)"
	}
	if e.StatusCode == 0 {
		return "api error: " + msg
	}
	return fmt.Sprintf("http %d: %s", e.StatusCode, msg)
}

// HTTPStatus returns the HTTP status, 0 for an in-stream error event. It
// lets callers sort errors without importing this package.
func (e *StatusError) HTTPStatus() int { return e.StatusCode }

// Is makes a 401 match [ErrUnauthorized] and a 429 match [ErrRateLimited].
func (e *StatusError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == 401
	case ErrRateLimited:
		return e.StatusCode == 429
	}
	return false
}

// retryableStatus reports the statuses worth another attempt.
func retryableStatus(code int) bool {
	return code == 408 || code == 409 || code == 429 || code >= 500
}

// timeoutError is one attempt running out of Config.Timeout. It deliberately
// does not wrap context.DeadlineExceeded: the caller's context did not expire.
type timeoutError struct {
	what string
	d    time.Duration
}

func (e *timeoutError) Error() string { return fmt.Sprintf("%s within %s", e.what, e.d) }

// Timeout reports that this is a timeout, as net.Error does.
func (e *timeoutError) Timeout() bool { return true }

// permanentError marks an attempt error that must not be retried whatever
// its cause, e.g. a stream that already delivered tokens.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// malformedError is a response body that is not the JSON expected.
type malformedError struct{ err error }

func (e *malformedError) Error() string { return "malformed response: " + e.err.Error() }
func (e *malformedError) Unwrap() error { return e.err }

// translate turns a go-openai error into this package's vocabulary: status
// errors become *StatusError, JSON decoding errors are labelled as a
// malformed response; everything else is returned unchanged.
func translate(err error) error {
	var (
		synErr    *json.SyntaxError
		typeErr   *json.UnmarshalTypeError
		malformed *malformedError
	)
	if errors.As(err, &malformed) {
		return err
	}
	if errors.As(err, &synErr) || errors.As(err, &typeErr) {
		return &malformedError{err}
	}
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		se := &StatusError{StatusCode: apiErr.HTTPStatusCode, Type: apiErr.Type, Message: apiErr.Message}
		if apiErr.Code != nil {
			se.Code = fmt.Sprint(apiErr.Code)
		}
		return se
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return &StatusError{StatusCode: reqErr.HTTPStatusCode, Message: bodySnippet(reqErr.Body)}
	}
	return err
}

func bodySnippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

// retryable classifies an attempt error that is not the caller's context
// ending: timeouts, retryable statuses and connection-level failures are
// worth another attempt; 4xx, malformed responses and the like are not.
func retryable(err error) bool {
	var pe *permanentError
	if errors.As(err, &pe) {
		return false
	}
	var te *timeoutError
	if errors.As(err, &te) {
		return true
	}
	var se *StatusError
	if errors.As(err, &se) {
		return retryableStatus(se.StatusCode)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return true
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) && urlErr.Timeout() {
		return true
	}
	for _, e := range []error{io.EOF, io.ErrUnexpectedEOF, syscall.ECONNRESET, syscall.ECONNREFUSED, syscall.ECONNABORTED, syscall.EPIPE} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
