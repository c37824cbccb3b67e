// Package llmtest is a local OpenAI-compatible HTTP server for tests, built
// on net/http/httptest. It serves POST /v1/embeddings (deterministic
// hashed bag-of-words vectors) and POST /v1/chat/completions (scripted
// replies, streamed as server-sent events or not), can inject faults (429
// with Retry-After, 500, 401, slow or hanging responses, malformed JSON, a
// stream cut mid-way) and records every request for assertions.
//
// Typical use:
//
//	srv := llmtest.NewServer()
//	defer srv.Close()
//	srv.QueueFaults(llmtest.Chat, llmtest.RateLimited(time.Second))
//	srv.QueueReplies(llmtest.Reply{Text: "Hello world"})
//	// point the client under test at srv.URL()
//
// Every wait inside the server (Fault.Delay, Fault.Hang, Reply.ChunkDelay)
// ends as soon as the client disconnects or the server is closed, so tests
// finish fast.
package llmtest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"time"
)

// Endpoint names one API route of the server.
type Endpoint string

// The endpoints served under /v1.
const (
	Embeddings Endpoint = "embeddings"       // POST /v1/embeddings
	Chat       Endpoint = "chat/completions" // POST /v1/chat/completions
)

// DefaultDimension is the embedding dimension unless WithDimension says
// otherwise or a request asks for "dimensions".
const DefaultDimension = 64

// Record is one request as the server saw it.
type Record struct {
	Endpoint Endpoint
	Seq      int         // 1-based arrival order over all endpoints
	Start    time.Time   // when the handler started
	Header   http.Header // request headers
	Body     []byte      // raw request body
	Inputs   int         // embeddings: number of inputs (0 if the request was invalid)
	Status   int         // status written; 0 if none was (hang, client gone)
	// ChunkWrites holds, for a streamed chat reply, the time just before
	// each content chunk was written, in order.
	ChunkWrites []time.Time
}

// Server is an OpenAI-compatible test server. Its methods are safe for
// concurrent use.
type Server struct {
	ts        *httptest.Server
	ctx       context.Context // ends at Close; every wait selects on it
	cancel    context.CancelFunc
	dim       int
	apiKey    string
	hook      func(ctx context.Context, ep Endpoint)
	embedFunc func(text string, dim int) []float32

	mu        sync.Mutex
	responder func(ChatRequest) Reply
	replies   []Reply
	faults    map[Endpoint][]Fault
	sticky    map[Endpoint]*Fault
	records   []*Record
	inFlight  map[Endpoint]int
	maxFlight map[Endpoint]int
}

// Option configures a Server at construction.
type Option func(*Server)

// WithDimension sets the embedding dimension (default 64).
func WithDimension(n int) Option { return func(s *Server) { s.dim = n } }

// WithAPIKey makes the server require "Authorization: Bearer key" and answer
// 401 (code "invalid_api_key") otherwise.
func WithAPIKey(key string) Option { return func(s *Server) { s.apiKey = key } }

// WithResponder sets the function that builds chat replies when the reply
// queue is empty. It runs on the handler goroutine, possibly concurrently.
func WithResponder(fn func(ChatRequest) Reply) Option {
	return func(s *Server) { s.responder = fn }
}

// WithHook installs fn, called for every well-formed, authorised request
// after it was recorded and counted as in flight and before any fault or
// reply. It may block (e.g. on a channel) to hold requests; ctx ends when the
// client goes away or the server closes.
func WithHook(fn func(ctx context.Context, ep Endpoint)) Option {
	return func(s *Server) { s.hook = fn }
}

// WithEmbedFunc replaces the built-in vectors: fn gets each input text and
// the requested dimension. Use it to make a server answer with vectors of
// the wrong dimension.
func WithEmbedFunc(fn func(text string, dim int) []float32) Option {
	return func(s *Server) { s.embedFunc = fn }
}

// NewServer starts a server. Close it when done.
func NewServer(opts ...Option) *Server {
	s := &Server{
		dim:       DefaultDimension,
		embedFunc: Vector,
		faults:    map[Endpoint][]Fault{},
		sticky:    map[Endpoint]*Fault{},
		inFlight:  map[Endpoint]int{},
		maxFlight: map[Endpoint]int{},
	}
	for _, o := range opts {
		o(s)
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/embeddings", s.route(Embeddings, s.serveEmbeddings))
	mux.HandleFunc("/v1/chat/completions", s.route(Chat, s.serveChat))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "invalid_request_error", "unknown_url", "unknown url "+r.URL.Path)
	})
	s.ts = httptest.NewServer(mux)
	return s
}

// URL returns the API base, e.g. "http://127.0.0.1:PORT/v1".
func (s *Server) URL() string { return s.ts.URL + "/v1" }

// Close ends every pending wait, then shuts the server down.
func (s *Server) Close() {
	s.cancel()
	s.ts.Close()
}

// SetResponder replaces the chat responder (nil restores the default echo).
func (s *Server) SetResponder(fn func(ChatRequest) Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.responder = fn
}

// QueueReplies appends chat replies, used one per chat request (that is not
// answered by a queued fault) before the responder is asked.
func (s *Server) QueueReplies(r ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies = append(s.replies, r...)
}

// QueueFaults appends faults for the next requests to ep, one per request.
func (s *Server) QueueFaults(ep Endpoint, f ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[ep] = append(s.faults[ep], f...)
}

// SetFault makes f apply to every request to ep once its fault queue is
// empty; nil clears it.
func (s *Server) SetFault(ep Endpoint, f *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sticky[ep] = f
}

// Requests returns the number of requests received on ep.
func (s *Server) Requests(ep Endpoint) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.records {
		if r.Endpoint == ep {
			n++
		}
	}
	return n
}

// Records returns copies of the records of ep in arrival order; "" means
// every endpoint.
func (s *Server) Records(ep Endpoint) []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Record
	for _, r := range s.records {
		if ep == "" || r.Endpoint == ep {
			c := *r
			c.Header = r.Header.Clone()
			c.Body = slices.Clone(r.Body)
			c.ChunkWrites = slices.Clone(r.ChunkWrites)
			out = append(out, c)
		}
	}
	return out
}

// EmbeddingInputs returns the number of inputs of each valid embeddings
// request, in arrival order.
func (s *Server) EmbeddingInputs() []int {
	var out []int
	for _, r := range s.Records(Embeddings) {
		if r.Inputs > 0 {
			out = append(out, r.Inputs)
		}
	}
	return out
}

// MaxInFlight returns the largest number of requests to ep that were being
// handled at once. A request counts from its arrival until just before the
// final bytes of its response are written, so the count never includes a
// request whose client could already have seen the whole response.
func (s *Server) MaxInFlight(ep Endpoint) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxFlight[ep]
}

// call is the per-request state shared by the handlers.
type call struct {
	s    *Server
	rec  *Record
	ctx  context.Context // ends when the client leaves or the server closes
	once sync.Once
}

// done marks the request as no longer in flight; idempotent.
func (c *call) done() {
	c.once.Do(func() {
		c.s.mu.Lock()
		c.s.inFlight[c.rec.Endpoint]--
		c.s.mu.Unlock()
	})
}

// update changes the record under the server's lock.
func (c *call) update(fn func(r *Record)) {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	fn(c.rec)
}

// wait sleeps d or until the request ends; it reports whether the full time
// passed.
func (c *call) wait(d time.Duration) bool {
	if d <= 0 {
		return c.ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-c.ctx.Done():
		return false
	}
}

// route records the request, counts it in flight, checks method and auth,
// then runs h.
func (s *Server) route(ep Endpoint, h func(w http.ResponseWriter, r *http.Request, c *call)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		stop := context.AfterFunc(s.ctx, cancel)
		defer stop()

		s.mu.Lock()
		rec := &Record{Endpoint: ep, Seq: len(s.records) + 1, Start: time.Now(), Header: r.Header.Clone(), Body: body}
		s.records = append(s.records, rec)
		s.inFlight[ep]++
		s.maxFlight[ep] = max(s.maxFlight[ep], s.inFlight[ep])
		s.mu.Unlock()
		c := &call{s: s, rec: rec, ctx: ctx}
		defer c.done()

		switch {
		case err != nil:
			c.writeError(w, http.StatusBadRequest, "invalid_request_error", "", fmt.Sprintf("reading body: %v", err))
		case r.Method != http.MethodPost:
			c.writeError(w, http.StatusMethodNotAllowed, "invalid_request_error", "", "use POST")
		case s.apiKey != "" && r.Header.Get("Authorization") != "Bearer "+s.apiKey:
			c.writeError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.")
		default:
			h(w, r, c)
		}
	}
}

// nextFault pops the next queued fault of ep, or returns the sticky one.
func (s *Server) nextFault(ep Endpoint) Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	if q := s.faults[ep]; len(q) > 0 {
		s.faults[ep] = q[1:]
		return q[0]
	}
	if f := s.sticky[ep]; f != nil {
		return *f
	}
	return Fault{}
}

// runHook calls the hook, if any.
func (c *call) runHook() {
	if c.s.hook != nil {
		c.s.hook(c.ctx, c.rec.Endpoint)
	}
}
