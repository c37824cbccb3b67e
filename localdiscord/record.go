package localdiscord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Request is a REST request the server received, recorded after it was
// answered.
type Request struct {
	// Seq numbers requests from 1 in arrival order.
	Seq  int
	Time time.Time
	// Method and Path are as received; Path includes the /api/vN prefix.
	Method string
	Path   string
	// APIPath is Path relative to the API base, e.g. "/channels/1/messages".
	APIPath string
	// Version is the API version from the path (9, 10); 0 if absent.
	Version int
	// Route is the matched route template, e.g.
	// "/channels/{channel_id}/messages"; empty when no route matched.
	Route string
	// Params are the route's path parameters.
	Params map[string]string
	Query  string
	// Header holds Authorization, Content-Type, User-Agent and
	// X-Audit-Log-Reason when present.
	Header http.Header
	Body   []byte
	// Status and Response are what the server answered.
	Status   int
	Response []byte
	// Injected reports that the answer was a failure queued with Fail.
	Injected bool
	// Violation is the OpenAPI validation failure, if any.
	Violation string
}

// Violation is a request that does not conform to the OpenAPI document.
type Violation struct {
	Seq    int
	Method string
	// Path is relative to the API base.
	Path string
	// Operation is the matched OpenAPI operation ID, if any.
	Operation string
	Err       string
}

func (v Violation) String() string {
	return fmt.Sprintf("request %d %s %s (%s): %s", v.Seq, v.Method, v.Path, v.Operation, v.Err)
}

var recordedHeaders = []string{"Authorization", "Content-Type", "User-Agent", "X-Audit-Log-Reason"}

// Requests returns every recorded request in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// RequestsTo returns the recorded requests for method (empty for any) and
// route template (e.g. "/channels/{channel_id}/messages").
func (s *Server) RequestsTo(method, route string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.requests {
		if (method == "" || r.Method == method) && r.Route == route {
			out = append(out, r)
		}
	}
	return out
}

// UnknownRequests returns requests that matched no route (answered 404 or
// 405), which usually means the client called an endpoint the fake, and
// possibly Discord, does not have.
func (s *Server) UnknownRequests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.requests {
		if r.Route == "" {
			out = append(out, r)
		}
	}
	return out
}

// WaitRequest blocks until a recorded request satisfies match and returns
// the earliest such request. Requests recorded before the call count, so
// filter on Seq or Time to wait for a later one.
func (s *Server) WaitRequest(ctx context.Context, match func(Request) bool) (Request, error) {
	found, err := waitFor(ctx, s, func() []Request { return slices.Clone(s.requests) }, match)
	if err != nil {
		return Request{}, fmt.Errorf("wait for request: %w", err)
	}
	return found, nil
}

// ValidatedCount is the number of requests checked by Options.Validator
// (zero without one).
func (s *Server) ValidatedCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.validated
}

// Violations returns the requests that failed OpenAPI validation.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violations)
}

// Audit returns an error listing spec violations and requests to unknown
// routes, or nil if there were none. Tests typically call it at the end:
//
//	if err := srv.Audit(); err != nil { t.Error(err) }
func (s *Server) Audit() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var problems []string
	for _, v := range s.violations {
		problems = append(problems, "spec violation: "+v.String())
	}
	for _, r := range s.requests {
		if r.Route == "" {
			problems = append(problems, fmt.Sprintf("unknown route: request %d %s %s -> %d", r.Seq, r.Method, r.Path, r.Status))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return errors.New("localdiscord audit: " + strings.Join(problems, "\n"))
}

// Fail queues a failure: the next f.Times requests matching f.Method and
// f.Route are answered with the error instead of being handled. They are
// still recorded and validated. For 429s discordgo sleeps RetryAfter and
// retries by itself; the retry is a separate recorded request.
func (s *Server) Fail(f Failure) {
	if f.Times <= 0 {
		f.Times = 1
	}
	if f.Status == 0 {
		f.Status = http.StatusInternalServerError
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, &pendingFailure{Failure: f, remaining: f.Times})
}

// FailNext queues one failure of the next request matching method and
// route (see Fail), e.g.
//
//	srv.FailNext("POST", "/channels/{channel_id}/messages", 403, 50013, 0)
//	srv.FailNext("", "/channels/{channel_id}/pins/{message_id}", 429, 0, 50*time.Millisecond)
func (s *Server) FailNext(method, route string, status, code int, retryAfter time.Duration) {
	s.Fail(Failure{Method: method, Route: route, Status: status, Code: code, RetryAfter: retryAfter})
}

// takeFailureLocked consumes the first queued failure matching the request.
func (s *Server) takeFailureLocked(method, route string) *APIError {
	for i, f := range s.failures {
		if !f.matches(method, route) {
			continue
		}
		f.remaining--
		if f.remaining <= 0 {
			s.failures = slices.Delete(s.failures, i, i+1)
		}
		return f.apiError()
	}
	return nil
}
