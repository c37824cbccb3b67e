package llmtest

import (
	"net/http"
	"strconv"
	"time"
)

// Fault describes how the server misbehaves on one request. The zero value
// is no fault. Fields combine in this order: Delay/Hang, then Status, then
// Malformed, then Cut.
type Fault struct {
	// Delay holds the response this long before writing headers, then goes
	// on (with the other fields, or normally).
	Delay time.Duration
	// Hang holds the response until the client goes away or the server is
	// closed; nothing is ever written.
	Hang bool
	// Status, if non-zero, answers with this HTTP status and an
	// OpenAI-shaped error body {"error":{"message","type","code"}}.
	Status int
	// RetryAfter is sent as the Retry-After header with Status, verbatim
	// ("2", or an HTTP date).
	RetryAfter string
	// Message overrides the error message sent with Status.
	Message string
	// Malformed answers 200 with a body that is not valid JSON (when
	// streaming: one event whose data is not valid JSON, then the end).
	Malformed bool
	// Cut closes the connection abruptly: when streaming, after CutAfter
	// content chunks and without [DONE]; otherwise halfway through the JSON
	// body.
	Cut      bool
	CutAfter int
}

// RateLimited is a 429 with "Retry-After" in whole seconds (rounded up); a
// zero retryAfter sends no header.
func RateLimited(retryAfter time.Duration) Fault {
	f := Fault{Status: http.StatusTooManyRequests}
	if retryAfter > 0 {
		f.RetryAfter = strconv.FormatInt(int64((retryAfter+time.Second-1)/time.Second), 10)
	}
	return f
}

// ServerError is a 500.
func ServerError() Fault { return Fault{Status: http.StatusInternalServerError} }

// Unauthorized is a 401 with code "invalid_api_key".
func Unauthorized() Fault { return Fault{Status: http.StatusUnauthorized} }

// Hang never answers.
func Hang() Fault { return Fault{Hang: true} }

// MalformedJSON answers 200 with a body that does not parse.
func MalformedJSON() Fault { return Fault{Malformed: true} }

// CutStream closes a streamed response after n content chunks, without
// [DONE].
func CutStream(n int) Fault { return Fault{Cut: true, CutAfter: n} }

// errorShape gives type and code for an error status, as OpenAI sends them.
func errorShape(status int) (typ, code, msg string) {
	switch status {
	case http.StatusUnauthorized:
		return "invalid_request_error", "invalid_api_key", "Incorrect API key provided."
	case http.StatusTooManyRequests:
		return "requests", "rate_limit_exceeded", "Rate limit reached. Please try again later."
	case http.StatusBadRequest:
		return "invalid_request_error", "", "Bad request."
	}
	if status >= 500 {
		return "server_error", "", "The server had an error while processing your request."
	}
	return "invalid_request_error", "", http.StatusText(status)
}

// applyBefore runs the parts of f that come before a normal response: the
// delay or hang, and an error status. It reports whether the response is
// finished (or abandoned) and the handler must return.
func (c *call) applyBefore(w http.ResponseWriter, f Fault) bool {
	if f.Hang {
		<-c.ctx.Done()
		return true
	}
	if !c.wait(f.Delay) {
		return true
	}
	if f.Status != 0 {
		typ, code, msg := errorShape(f.Status)
		if f.Message != "" {
			msg = f.Message
		}
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		c.writeError(w, f.Status, typ, code, msg)
		return true
	}
	return false
}
