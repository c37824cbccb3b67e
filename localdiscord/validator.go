package localdiscord

// Validator checks a REST request against a description of Discord's API,
// such as its OpenAPI document (package spectest, which only tests import,
// so the JSON-schema validator is not linked into programs).
//
// path is relative to the API base ("/channels/123/messages"), query is
// the raw query string, and contentType may be empty when body is. It
// returns the ID of the operation the request matched ("" when none), and
// a non-nil error when the request does not conform or matches no
// operation. It must be safe for concurrent use.
type Validator interface {
	Validate(method, path, query, contentType string, body []byte) (operation string, err error)
}
