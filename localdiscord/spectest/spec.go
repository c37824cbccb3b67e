// Package spectest validates requests against Discord's OpenAPI 3.1
// document for tests of the local Discord server: a *Spec is a
// localdiscord.Validator. Only tests import it, so the JSON-schema
// validator it needs stays out of the footnote binary.
package spectest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/url"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/footnote-bot/footnote/localdiscord/internal/pathtemplate"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// specResourceURL is the location under which the OpenAPI document is
// registered with the schema compiler. Every schema is compiled as a JSON
// pointer into this resource, so "#/components/schemas/..." references
// resolve against the document itself.
const specResourceURL = "https://discord.com/api/openapi.json"

// ErrNoOperation reports that the OpenAPI document has no operation for a
// method and concrete path.
var ErrNoOperation = errors.New("no operation in the openapi document")

// Spec validates requests against Discord's OpenAPI 3.1 description: the
// JSON request body (or the payload_json part of a multipart body) against
// the operation's requestBody schema, and path and query parameters against
// their parameter schemas.
//
// Schemas are compiled lazily, once per operation, with JSON Schema draft
// 2020-12 semantics. Formats are asserted: the standard ones (uri, date-time)
// with the validator's own checks, the OpenAPI/Discord ones (int32, int64 as
// range checks; snowflake, nonce, double as annotations).
//
// A Spec is safe for concurrent use.
type Spec struct {
	ops []*specOperation

	mu       sync.Mutex
	compiler *jsonschema.Compiler
	compiled map[string]*jsonschema.Schema
}

// Operation identifies an OpenAPI operation.
type Operation struct {
	// ID is the operationId, e.g. "create_message".
	ID string
	// Method is the upper-case HTTP method.
	Method string
	// Path is the path template, e.g. "/channels/{channel_id}/messages".
	Path string
}

type specOperation struct {
	Operation
	segments     []string
	bodyRequired bool
	// bodies maps a media type to the JSON pointer of its schema.
	bodies map[string]string
	params []specParam
}

type specParam struct {
	name     string
	in       string
	required bool
	pointer  string // JSON pointer of the parameter's schema
	kind     string // "integer", "number", "boolean" or "" (string)
}

// LoadSpec reads and parses the OpenAPI document at path.
func LoadSpec(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load openapi spec: %w", err)
	}
	sp, err := ParseSpec(data)
	if err != nil {
		return nil, fmt.Errorf("load openapi spec %s: %w", path, err)
	}
	return sp, nil
}

// ParseSpec parses an OpenAPI 3.1 document.
func ParseSpec(data []byte) (*Spec, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse openapi spec: %w", err)
	}
	root, ok := doc.(map[string]any)
	if !ok {
		return nil, errors.New("parse openapi spec: document is not an object")
	}
	paths, ok := root["paths"].(map[string]any)
	if !ok {
		return nil, errors.New("parse openapi spec: no paths object")
	}

	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	for _, f := range specFormats {
		c.RegisterFormat(f)
	}
	if err := c.AddResource(specResourceURL, doc); err != nil {
		return nil, fmt.Errorf("parse openapi spec: %w", err)
	}

	sp := &Spec{compiler: c, compiled: map[string]*jsonschema.Schema{}}
	for tmpl, item := range paths {
		itemObj, ok := item.(map[string]any)
		if !ok {
			continue
		}
		itemPtr := "/paths/" + escapePointerToken(tmpl)
		shared := collectParams(root, itemObj["parameters"], itemPtr+"/parameters")
		for _, method := range []string{"get", "put", "post", "patch", "delete"} {
			opObj, ok := itemObj[method].(map[string]any)
			if !ok {
				continue
			}
			opPtr := itemPtr + "/" + method
			op := &specOperation{
				Operation: Operation{Method: strings.ToUpper(method), Path: tmpl},
				segments:  pathtemplate.Split(tmpl),
				bodies:    map[string]string{},
			}
			op.ID, _ = opObj["operationId"].(string)
			op.params = mergeParams(shared, collectParams(root, opObj["parameters"], opPtr+"/parameters"))
			if rb, ok := opObj["requestBody"].(map[string]any); ok {
				op.bodyRequired, _ = rb["required"].(bool)
				if content, ok := rb["content"].(map[string]any); ok {
					for mt := range content {
						op.bodies[mt] = opPtr + "/requestBody/content/" + escapePointerToken(mt) + "/schema"
					}
				}
			}
			sp.ops = append(sp.ops, op)
		}
	}
	sort.Slice(sp.ops, func(i, j int) bool {
		if sp.ops[i].Path != sp.ops[j].Path {
			return sp.ops[i].Path < sp.ops[j].Path
		}
		return sp.ops[i].Method < sp.ops[j].Method
	})
	return sp, nil
}

// collectParams reads a parameters array. Parameters given as $ref to
// #/components/parameters are resolved.
func collectParams(root map[string]any, v any, ptr string) []specParam {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	var out []specParam
	for i, p := range list {
		pObj, ok := p.(map[string]any)
		if !ok {
			continue
		}
		pPtr := ptr + "/" + strconv.Itoa(i)
		if ref, ok := pObj["$ref"].(string); ok && strings.HasPrefix(ref, "#/") {
			resolved, ok := resolvePointer(root, ref[1:]).(map[string]any)
			if !ok {
				continue
			}
			pObj, pPtr = resolved, ref[1:]
		}
		name, _ := pObj["name"].(string)
		in, _ := pObj["in"].(string)
		if name == "" || (in != "path" && in != "query") {
			continue
		}
		required, _ := pObj["required"].(bool)
		sp := specParam{name: name, in: in, required: required}
		if schema, ok := pObj["schema"].(map[string]any); ok {
			sp.pointer = pPtr + "/schema"
			sp.kind = schemaKind(root, schema)
		}
		out = append(out, sp)
	}
	return out
}

// mergeParams overlays operation-level parameters on path-level ones.
func mergeParams(shared, own []specParam) []specParam {
	out := slices.Clone(shared)
	for _, p := range own {
		replaced := false
		for i := range out {
			if out[i].name == p.name && out[i].in == p.in {
				out[i], replaced = p, true
			}
		}
		if !replaced {
			out = append(out, p)
		}
	}
	return out
}

// schemaKind returns the primitive JSON type a query or path parameter
// string must be converted to before validation.
func schemaKind(root map[string]any, schema map[string]any) string {
	for range 8 { // follow a bounded chain of $refs
		ref, ok := schema["$ref"].(string)
		if !ok || !strings.HasPrefix(ref, "#/") {
			break
		}
		next, ok := resolvePointer(root, ref[1:]).(map[string]any)
		if !ok {
			break
		}
		schema = next
	}
	var types []string
	switch t := schema["type"].(type) {
	case string:
		types = []string{t}
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				types = append(types, s)
			}
		}
	}
	for _, k := range []string{"integer", "number", "boolean"} {
		if slices.Contains(types, k) {
			return k
		}
	}
	return ""
}

func resolvePointer(doc any, ptr string) any {
	cur := doc
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = obj[tok]
	}
	return cur
}

func escapePointerToken(tok string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(tok)
}

// Operations lists every operation of the document, sorted by path then
// method.
func (sp *Spec) Operations() []Operation {
	out := make([]Operation, len(sp.ops))
	for i, op := range sp.ops {
		out[i] = op.Operation
	}
	return out
}

// FindOperation matches a method and a concrete path (relative to the API
// base, e.g. "/channels/123/messages", without query) to an operation. When
// several templates match, the one with a literal segment at the first
// position where they differ wins, so ".../messages/@original" is preferred
// over ".../messages/{message_id}".
func (sp *Spec) FindOperation(method, path string) (Operation, bool) {
	op, _ := sp.find(method, path)
	if op == nil {
		return Operation{}, false
	}
	return op.Operation, true
}

func (sp *Spec) find(method, path string) (*specOperation, map[string]string) {
	segs := pathtemplate.Split(path)
	var best *specOperation
	var bestParams map[string]string
	for _, op := range sp.ops {
		if op.Method != method {
			continue
		}
		params, ok := pathtemplate.Match(op.segments, segs)
		if !ok {
			continue
		}
		if best == nil || pathtemplate.MoreSpecific(op.segments, best.segments) {
			best, bestParams = op, params
		}
	}
	return best, bestParams
}

// ValidationError describes why a request does not conform to the
// OpenAPI document.
type ValidationError struct {
	Operation Operation
	// Part is what failed: "body", "path parameter x", "query parameter y".
	Part string
	// Detail is the validator's explanation, including the failing JSON
	// locations.
	Detail string
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("%s %s (%s): invalid %s: %s", e.Operation.Method, e.Operation.Path, e.Operation.ID, e.Part, e.Detail)
}

// ValidateRequest checks a request against the matching operation: path
// parameters, query parameters and the body. path is relative to the API
// base (e.g. "/channels/123/messages"); query is the raw query string.
// contentType may be empty when body is empty.
//
// It returns the matched operation and nil when the request conforms, a
// *ValidationError when it does not, and an error wrapping ErrNoOperation
// when the document has no such operation.
func (sp *Spec) ValidateRequest(method, path, query, contentType string, body []byte) (Operation, error) {
	op, pathParams := sp.find(method, path)
	if op == nil {
		return Operation{}, fmt.Errorf("%w: %s %s", ErrNoOperation, method, path)
	}
	values, err := url.ParseQuery(query)
	if err != nil {
		return op.Operation, &ValidationError{Operation: op.Operation, Part: "query", Detail: err.Error()}
	}
	for _, p := range op.params {
		var raw string
		var present bool
		switch p.in {
		case "path":
			raw, present = pathParams[p.name]
		case "query":
			if vs, ok := values[p.name]; ok && len(vs) > 0 {
				raw, present = vs[0], true
			}
		}
		part := p.in + " parameter " + p.name
		if !present {
			if p.required {
				return op.Operation, &ValidationError{Operation: op.Operation, Part: part, Detail: "required but missing"}
			}
			continue
		}
		if p.pointer == "" {
			continue
		}
		v, ok := convertParam(raw, p.kind)
		if !ok {
			return op.Operation, &ValidationError{Operation: op.Operation, Part: part, Detail: fmt.Sprintf("%q is not a valid %s", raw, p.kind)}
		}
		if err := sp.validate(p.pointer, v); err != nil {
			return op.Operation, &ValidationError{Operation: op.Operation, Part: part, Detail: describeSchemaError(err)}
		}
	}
	if err := sp.validateBody(op, contentType, body); err != nil {
		return op.Operation, err
	}
	return op.Operation, nil
}

// Validate is ValidateRequest in the shape of localdiscord.Validator: it
// returns the matched operation's ID.
func (sp *Spec) Validate(method, path, query, contentType string, body []byte) (string, error) {
	op, err := sp.ValidateRequest(method, path, query, contentType, body)
	return op.ID, err
}

func convertParam(raw, kind string) (any, bool) {
	switch kind {
	case "integer", "number":
		n := json.Number(raw)
		if _, err := n.Float64(); err != nil {
			return nil, false
		}
		return n, true
	case "boolean":
		// Discord accepts the usual spellings of booleans in query strings.
		switch strings.ToLower(raw) {
		case "true", "1":
			return true, true
		case "false", "0":
			return false, true
		}
		return nil, false
	default:
		return raw, true
	}
}

func (sp *Spec) validateBody(op *specOperation, contentType string, body []byte) error {
	verr := func(detail string) error {
		return &ValidationError{Operation: op.Operation, Part: "body", Detail: detail}
	}
	if len(body) == 0 {
		if op.bodyRequired {
			return verr("request body is required")
		}
		return nil
	}
	if len(op.bodies) == 0 {
		return verr(fmt.Sprintf("operation takes no request body, got %d bytes", len(body)))
	}
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return verr(fmt.Sprintf("content type %q: %v", contentType, err))
	}
	jsonPtr, hasJSON := op.bodies["application/json"]
	var payload []byte
	switch mediaType {
	case "application/json":
		if !hasJSON {
			return verr("operation does not accept application/json")
		}
		payload = body
	case "multipart/form-data":
		if _, ok := op.bodies["multipart/form-data"]; !ok {
			return verr("operation does not accept multipart/form-data")
		}
		if !hasJSON {
			return nil // nothing structured to check
		}
		payload, err = payloadJSON(body, params["boundary"])
		if err != nil {
			return verr(err.Error())
		}
		if payload == nil {
			return nil // files only
		}
	default:
		return verr(fmt.Sprintf("unsupported content type %q", mediaType))
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(payload))
	if err != nil {
		return verr(fmt.Sprintf("malformed json: %v", err))
	}
	if err := sp.validate(jsonPtr, inst); err != nil {
		return verr(describeSchemaError(err))
	}
	return nil
}

// payloadJSON extracts the payload_json part of a multipart body; it
// returns nil when there is none.
func payloadJSON(body []byte, boundary string) ([]byte, error) {
	if boundary == "" {
		return nil, errors.New("multipart body without boundary")
	}
	r := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read multipart body: %w", err)
		}
		if part.FormName() != "payload_json" {
			continue
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, fmt.Errorf("read payload_json: %w", err)
		}
		return data, nil
	}
}

// validate compiles (once) the schema at ptr and validates v against it.
func (sp *Spec) validate(ptr string, v any) error {
	sch, err := sp.schema(ptr)
	if err != nil {
		return err
	}
	return sch.Validate(v)
}

func (sp *Spec) schema(ptr string) (*jsonschema.Schema, error) {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if sch, ok := sp.compiled[ptr]; ok {
		return sch, nil
	}
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, t := range toks {
		toks[i] = url.PathEscape(t)
	}
	sch, err := sp.compiler.Compile(specResourceURL + "#/" + strings.Join(toks, "/"))
	if err != nil {
		return nil, fmt.Errorf("compile schema %s: %w", ptr, err)
	}
	sp.compiled[ptr] = sch
	return sch, nil
}

// specFormats are the OpenAPI and Discord formats that JSON Schema does
// not define. The integer formats are checked as ranges; the others are
// annotations whose constraints are already expressed by other keywords.
var specFormats = []*jsonschema.Format{
	{Name: "int32", Validate: intRange(math.MinInt32, math.MaxInt32)},
	{Name: "int64", Validate: intRange(math.MinInt64, math.MaxInt64)},
	{Name: "double", Validate: func(any) error { return nil }},
	{Name: "snowflake", Validate: func(any) error { return nil }},
	{Name: "nonce", Validate: func(any) error { return nil }},
}

func intRange(lo, hi int64) func(any) error {
	return func(v any) error {
		n, ok := v.(json.Number)
		if !ok {
			return nil // formats apply only to their type
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || i < lo || i > hi {
			if f, ferr := n.Float64(); ferr == nil && f == math.Trunc(f) && f >= float64(lo) && f <= float64(hi) {
				return nil // e.g. 5.0
			}
			return fmt.Errorf("%s out of range [%d, %d]", n, lo, hi)
		}
		return nil
	}
}

// describeSchemaError renders a schema failure without the compiler's
// internal schema URL, keeping the per-location explanations.
func describeSchemaError(err error) string {
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return err.Error()
	}
	msg := verr.Error()
	if _, rest, ok := strings.Cut(msg, "\n"); ok && strings.HasPrefix(msg, "jsonschema validation failed") {
		return strings.TrimSpace(rest)
	}
	return msg
}
