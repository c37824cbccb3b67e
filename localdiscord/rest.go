package localdiscord

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/footnote-bot/footnote/localdiscord/internal/pathtemplate"
)

// maxBodyBytes bounds request bodies (Discord's upload limit is 25 MiB for
// bots without boosts).
const maxBodyBytes = 25 << 20

// route is one REST endpoint. Patterns use the OpenAPI document's path
// templates so recorded routes, failures and the spec agree.
type route struct {
	method   string
	pattern  string
	segments []string
	// auth requires "Authorization: Bot <token>". Interaction callbacks and
	// webhook routes authenticate by their token in the path instead.
	auth   bool
	handle func(s *Server, c *restCall) (reply, error)
}

// restCall is a request as handlers see it. Handlers run with Server.mu
// held.
type restCall struct {
	method string
	params map[string]string
	query  url.Values
	// body is the JSON payload: the body itself, or the payload_json part
	// of a multipart body.
	body []byte
	// files are the uploads of a multipart body.
	files []upload
	now   time.Time
}

// reply is a successful response.
type reply struct {
	status int
	body   []byte
}

func ok(v any) (reply, error)      { return reply{http.StatusOK, mustJSON(v)}, nil }
func created(v any) (reply, error) { return reply{http.StatusCreated, mustJSON(v)}, nil }
func noContent() (reply, error)    { return reply{status: http.StatusNoContent}, nil }

var routes = buildRoutes([]route{
	{method: "GET", pattern: "/gateway", handle: (*Server).getGateway},
	{method: "GET", pattern: "/gateway/bot", auth: true, handle: (*Server).getGatewayBot},
	{method: "GET", pattern: "/users/@me", auth: true, handle: (*Server).getMe},
	{method: "GET", pattern: "/users/{user_id}", auth: true, handle: (*Server).getUser},
	{method: "GET", pattern: "/oauth2/applications/@me", auth: true, handle: (*Server).getApplication},
	{method: "GET", pattern: "/applications/@me", auth: true, handle: (*Server).getApplication},

	{method: "GET", pattern: "/applications/{application_id}/commands", auth: true, handle: (*Server).listCommands},
	{method: "PUT", pattern: "/applications/{application_id}/commands", auth: true, handle: (*Server).overwriteCommands},
	{method: "GET", pattern: "/applications/{application_id}/guilds/{guild_id}/commands", auth: true, handle: (*Server).listCommands},
	{method: "PUT", pattern: "/applications/{application_id}/guilds/{guild_id}/commands", auth: true, handle: (*Server).overwriteCommands},

	{method: "POST", pattern: "/interactions/{interaction_id}/{interaction_token}/callback", handle: (*Server).interactionCallback},
	{method: "POST", pattern: "/webhooks/{webhook_id}/{webhook_token}", handle: (*Server).createFollowup},
	{method: "GET", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/@original", handle: (*Server).getWebhookMessage},
	{method: "PATCH", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/@original", handle: (*Server).editWebhookMessage},
	{method: "DELETE", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/@original", handle: (*Server).deleteWebhookMessage},
	{method: "GET", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", handle: (*Server).getWebhookMessage},
	{method: "PATCH", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", handle: (*Server).editWebhookMessage},
	{method: "DELETE", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", handle: (*Server).deleteWebhookMessage},

	{method: "GET", pattern: "/guilds/{guild_id}", auth: true, handle: (*Server).getGuild},
	{method: "GET", pattern: "/guilds/{guild_id}/channels", auth: true, handle: (*Server).getGuildChannels},
	{method: "GET", pattern: "/channels/{channel_id}", auth: true, handle: (*Server).getChannel},
	{method: "POST", pattern: "/channels/{channel_id}/typing", auth: true, handle: (*Server).triggerTyping},
	{method: "GET", pattern: "/channels/{channel_id}/messages", auth: true, handle: (*Server).listMessages},
	{method: "POST", pattern: "/channels/{channel_id}/messages", auth: true, handle: (*Server).createMessage},
	{method: "GET", pattern: "/channels/{channel_id}/messages/{message_id}", auth: true, handle: (*Server).getMessage},
	{method: "PATCH", pattern: "/channels/{channel_id}/messages/{message_id}", auth: true, handle: (*Server).editMessage},
	{method: "DELETE", pattern: "/channels/{channel_id}/messages/{message_id}", auth: true, handle: (*Server).deleteMessage},
	{method: "POST", pattern: "/channels/{channel_id}/messages/{message_id}/threads", auth: true, handle: (*Server).startThreadFromMessage},
	{method: "POST", pattern: "/channels/{channel_id}/threads", auth: true, handle: (*Server).startThread},

	{method: "GET", pattern: "/channels/{channel_id}/pins", auth: true, handle: (*Server).listPinsLegacy},
	{method: "PUT", pattern: "/channels/{channel_id}/pins/{message_id}", auth: true, handle: (*Server).pinMessage},
	{method: "DELETE", pattern: "/channels/{channel_id}/pins/{message_id}", auth: true, handle: (*Server).unpinMessage},
	{method: "GET", pattern: "/channels/{channel_id}/messages/pins", auth: true, handle: (*Server).listPins},
	{method: "PUT", pattern: "/channels/{channel_id}/messages/pins/{message_id}", auth: true, handle: (*Server).pinMessage},
	{method: "DELETE", pattern: "/channels/{channel_id}/messages/pins/{message_id}", auth: true, handle: (*Server).unpinMessage},
})

func buildRoutes(rs []route) []route {
	for i := range rs {
		rs[i].segments = pathtemplate.Split(rs[i].pattern)
	}
	return rs
}

// matchRoute finds the route for a method and API path. When the path
// matches a route under another method only, methodMismatch is true.
func matchRoute(method, path string) (rt *route, params map[string]string, methodMismatch bool) {
	segs := pathtemplate.Split(path)
	for i := range routes {
		r := &routes[i]
		p, ok := pathtemplate.Match(r.segments, segs)
		if !ok {
			continue
		}
		if r.method != method {
			methodMismatch = true
			continue
		}
		if rt == nil || pathtemplate.MoreSpecific(r.segments, rt.segments) {
			rt, params = r, p
		}
	}
	if rt != nil {
		methodMismatch = false
	}
	return rt, params, methodMismatch
}

var versionedAPIPath = regexp.MustCompile(`^/api(?:/v([0-9]+))?(/.*)?$`)

// splitAPIPath splits "/api/v10/channels/1" into "/channels/1" and 10.
func splitAPIPath(p string) (apiPath string, version int, ok bool) {
	m := versionedAPIPath.FindStringSubmatch(p)
	if m == nil {
		return "", 0, false
	}
	if m[1] != "" {
		version, _ = strconv.Atoi(m[1])
	}
	apiPath = m[2]
	if apiPath == "" {
		apiPath = "/"
	}
	return apiPath, version, true
}

// incoming is one REST request as read and routed, before it is handled.
type incoming struct {
	r       *http.Request
	body    []byte
	readErr error
	apiPath string
	isAPI   bool
	rt      *route
	params  map[string]string
	// methodMismatch: the path has a route under another method only
	methodMismatch bool
}

// serveREST runs the REST pipeline: read, validate, route, authenticate,
// apply injected failures, handle, record.
func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	arrived := time.Now()
	in := incoming{r: r}
	in.body, in.readErr = io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	var version int
	in.apiPath, version, in.isAPI = splitAPIPath(r.URL.Path)
	if in.isAPI {
		in.rt, in.params, in.methodMismatch = matchRoute(r.Method, in.apiPath)
	}
	rec := newRequestRecord(r, arrived, in, version)
	validated, violation := s.validate(in, &rec)

	s.mu.Lock()
	s.requestSeq++
	rec.Seq = s.requestSeq
	if validated {
		s.validated++
	}
	if violation != nil {
		violation.Seq = rec.Seq
		s.violations = append(s.violations, *violation)
		s.logf("localdiscord: %s", violation)
	}
	rep, err := s.handleLocked(in, &rec, arrived)
	rep = s.replyFor(w.Header(), in, rep, err)
	rec.Status, rec.Response = rep.status, rep.body
	if in.rt == nil {
		s.logf("localdiscord: unknown route %s %s -> %d", r.Method, r.URL.Path, rep.status)
	}
	s.requests = append(s.requests, rec)
	if n := s.opts.RequestLogLimit; n > 0 && len(s.requests) > n {
		s.requests = slices.Delete(s.requests, 0, len(s.requests)-n)
	}
	s.notifyLocked()
	s.mu.Unlock()

	writeReply(w, rep)
}

// newRequestRecord is the log entry of a request, before its answer.
func newRequestRecord(r *http.Request, arrived time.Time, in incoming, version int) Request {
	rec := Request{
		Time:    arrived,
		Method:  r.Method,
		Path:    r.URL.Path,
		APIPath: in.apiPath,
		Version: version,
		Params:  in.params,
		Query:   r.URL.RawQuery,
		Header:  http.Header{},
		Body:    in.body,
	}
	if in.rt != nil {
		rec.Route = in.rt.pattern
	}
	for _, h := range recordedHeaders {
		if v := r.Header.Values(h); len(v) > 0 {
			rec.Header[h] = v
		}
	}
	return rec
}

// validate checks an API request with Options.Validator, if there is one:
// whether it was checked, and what it violates (also noted in rec).
func (s *Server) validate(in incoming, rec *Request) (bool, *Violation) {
	if s.opts.Validator == nil || !in.isAPI || in.readErr != nil {
		return false, nil
	}
	r := in.r
	op, err := s.opts.Validator.Validate(r.Method, in.apiPath, r.URL.RawQuery, r.Header.Get("Content-Type"), in.body)
	if err == nil {
		return true, nil
	}
	rec.Violation = err.Error()
	return true, &Violation{Method: r.Method, Path: in.apiPath, Operation: op, Err: err.Error()}
}

// handleLocked answers a routed request: errors for unreadable, unknown or
// unauthenticated requests and injected failures, else its route's
// handler. Call with s.mu held.
func (s *Server) handleLocked(in incoming, rec *Request, arrived time.Time) (reply, error) {
	r := in.r
	switch {
	case in.readErr != nil:
		return reply{}, &APIError{Status: http.StatusRequestEntityTooLarge, Code: CodeEntityTooLarge, Message: knownErrorMessages[CodeEntityTooLarge]}
	case !in.isAPI || (in.rt == nil && !in.methodMismatch):
		return reply{}, errNotFound()
	case in.rt == nil:
		return reply{}, errMethodNotAllowed()
	case in.rt.auth && r.Header.Get("Authorization") != "Bot "+s.opts.Token:
		return reply{}, errUnauthorized()
	}
	if f := s.takeFailureLocked(r.Method, in.rt.pattern); f != nil {
		rec.Injected = true
		return reply{}, f
	}
	payload, files, err := requestPayload(r.Header.Get("Content-Type"), in.body)
	if err != nil {
		return reply{}, err
	}
	return in.rt.handle(s, &restCall{method: r.Method, params: in.params, query: r.URL.Query(), body: payload, files: files, now: arrived})
}

// replyFor turns a handler's error into Discord's error reply (with its
// rate-limit headers for a 429), or an internal error.
func (s *Server) replyFor(header http.Header, in incoming, rep reply, err error) reply {
	var apiErr *APIError
	switch {
	case err == nil:
		return rep
	case errors.As(err, &apiErr):
		route := ""
		if in.rt != nil {
			route = in.rt.pattern
		}
		apiErr.writeHeaders(header, bucketFor(route, in.params))
		return reply{status: apiErr.Status, body: apiErr.body()}
	default:
		s.logf("localdiscord: internal error handling %s %s: %v", in.r.Method, in.r.URL.Path, err)
		return reply{status: http.StatusInternalServerError, body: newAPIError(http.StatusInternalServerError, 0).body()}
	}
}

// writeReply sends a reply with Discord's headers.
func writeReply(w http.ResponseWriter, rep reply) {
	header := w.Header()
	if rep.body != nil {
		header.Set("Content-Type", "application/json")
	}
	header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	w.WriteHeader(rep.status)
	if rep.body != nil {
		_, _ = w.Write(rep.body)
	}
}

// bucketFor names a rate-limit bucket the way Discord scopes them: per
// route and top-level resource.
func bucketFor(route string, params map[string]string) string {
	key := route
	for _, p := range []string{"channel_id", "guild_id", "webhook_id"} {
		if v := params[p]; v != "" {
			key += ":" + v
		}
	}
	return fmt.Sprintf("%08x", fnv32(key))
}

func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// upload is a file part of a multipart request.
type upload struct {
	filename    string
	contentType string
	size        int
}

// requestPayload returns the JSON payload of a body (the body itself, or
// the payload_json part of a multipart body) and the uploaded files, whose
// names and sizes are kept but not their contents.
func requestPayload(contentType string, body []byte) ([]byte, []upload, error) {
	if len(body) == 0 || contentType == "" {
		return body, nil, nil
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil, nil, errBadRequest(CodeInvalidJSON)
	}
	if mt != "multipart/form-data" {
		return body, nil, nil
	}
	bad := func(err error) error { return errForm("payload_json", "BASE_TYPE_BAD_MULTIPART", err.Error()) }
	r := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var payload []byte
	var files []upload
	for {
		part, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, bad(err)
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, nil, bad(err)
		}
		switch {
		case part.FormName() == "payload_json":
			payload = data
		case part.FileName() != "":
			files = append(files, upload{filename: part.FileName(), contentType: part.Header.Get("Content-Type"), size: len(data)})
		}
	}
	if payload == nil {
		payload = []byte("{}")
	}
	return payload, files, nil
}

// decode unmarshals the JSON payload into v, mapping failures to
// Discord's errors: malformed JSON is 50109, a wrong type is 50035.
func (c *restCall) decode(v any) error {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return errBadRequest(CodeInvalidJSON)
	}
	dec := json.NewDecoder(bytes.NewReader(c.body))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return errForm(typeErr.Field, "BASE_TYPE_INVALID", fmt.Sprintf("Invalid %s: %v", typeErr.Value, typeErr.Type))
		}
		return errBadRequest(CodeInvalidJSON)
	}
	return nil
}

// fields decodes the payload's top-level keys, for PATCH semantics: an
// absent key leaves a field unchanged, null clears it.
func (c *restCall) fields() (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := c.decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

// boolQuery parses a boolean query parameter.
// limit reads the limit query parameter: def when absent, else 1 to max.
func (c *restCall) limit(def, max int) (int, error) {
	v := c.query.Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > max {
		return 0, errForm("limit", "NUMBER_TYPE_MAX", fmt.Sprintf("Int value should be less than or equal to %d.", max))
	}
	return n, nil
}

func (c *restCall) boolQuery(name string) bool {
	v, _ := strconv.ParseBool(strings.ToLower(c.query.Get(name)))
	return v
}
