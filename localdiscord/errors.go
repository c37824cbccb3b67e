package localdiscord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Discord JSON error codes the server produces.
const (
	CodeUnknownApplication      = 10002
	CodeUnknownChannel          = 10003
	CodeUnknownGuild            = 10004
	CodeUnknownMessage          = 10008
	CodeUnknownUser             = 10013
	CodeUnknownWebhook          = 10015
	CodeUnknownInteraction      = 10062
	CodeMaxPins                 = 30003
	CodeEntityTooLarge          = 40005
	CodeAlreadyAcknowledged     = 40060
	CodeMissingAccess           = 50001
	CodeCannotEditOthersMessage = 50005
	CodeEmptyMessage            = 50006
	CodeMissingPermissions      = 50013
	CodeInvalidChannelType      = 50024
	CodeInvalidFormBody         = 50035
	CodeInvalidJSON             = 50109
	CodeThreadAlreadyCreated    = 160004
)

// knownErrorMessages are Discord's messages for the codes above.
var knownErrorMessages = map[int]string{
	CodeUnknownApplication:      "Unknown Application",
	CodeUnknownChannel:          "Unknown Channel",
	CodeUnknownGuild:            "Unknown Guild",
	CodeUnknownMessage:          "Unknown Message",
	CodeUnknownUser:             "Unknown User",
	CodeUnknownWebhook:          "Unknown Webhook",
	CodeUnknownInteraction:      "Unknown interaction",
	CodeMaxPins:                 "Maximum number of pins reached (50)",
	CodeEntityTooLarge:          "Request entity too large",
	CodeAlreadyAcknowledged:     "Interaction has already been acknowledged.",
	CodeMissingAccess:           "Missing Access",
	CodeCannotEditOthersMessage: "Cannot edit a message authored by another user",
	CodeEmptyMessage:            "Cannot send an empty message",
	CodeMissingPermissions:      "Missing Permissions",
	CodeInvalidChannelType:      "Cannot execute action on this channel type",
	CodeInvalidFormBody:         "Invalid Form Body",
	CodeInvalidJSON:             "The request body contains invalid JSON.",
	CodeThreadAlreadyCreated:    "A thread has already been created for this message",
}

// APIError is an error response in Discord's JSON shape:
// {"message": ..., "code": ...} plus, for form errors, "errors", and for
// rate limits, "retry_after" and "global".
type APIError struct {
	Status  int
	Code    int
	Message string
	// Errors is Discord's nested form-error object (code 50035).
	Errors map[string]any
	// RetryAfter and Global apply to 429 responses.
	RetryAfter time.Duration
	Global     bool
}

func (e *APIError) Error() string {
	return fmt.Sprintf("discord api error: http %d, code %d: %s", e.Status, e.Code, e.Message)
}

// newAPIError builds an error with Discord's message for code, or a
// generic one for the status when the code is unknown.
func newAPIError(status, code int) *APIError {
	msg, ok := knownErrorMessages[code]
	if !ok {
		switch status {
		case http.StatusTooManyRequests:
			msg = "You are being rate limited."
		default:
			msg = fmt.Sprintf("%d: %s", status, http.StatusText(status))
		}
	}
	return &APIError{Status: status, Code: code, Message: msg}
}

func errNotFound() *APIError {
	return &APIError{Status: http.StatusNotFound, Message: "404: Not Found"}
}

func errMethodNotAllowed() *APIError {
	return &APIError{Status: http.StatusMethodNotAllowed, Message: "405: Method Not Allowed"}
}

func errUnauthorized() *APIError {
	return &APIError{Status: http.StatusUnauthorized, Message: "401: Unauthorized"}
}

func errUnknown(code int) *APIError { return newAPIError(http.StatusNotFound, code) }

func errForbidden(code int) *APIError { return newAPIError(http.StatusForbidden, code) }

func errBadRequest(code int) *APIError { return newAPIError(http.StatusBadRequest, code) }

func errMaxPins(limit int) *APIError {
	return &APIError{Status: http.StatusBadRequest, Code: CodeMaxPins, Message: fmt.Sprintf("Maximum number of pins reached (%d)", limit)}
}

// errForm is an "Invalid Form Body" error for the field at path (dotted,
// e.g. "embeds.0.title") with Discord's error code and message.
func errForm(path, code, message string) *APIError {
	leaf := map[string]any{"_errors": []any{map[string]any{"code": code, "message": message}}}
	keys := strings.Split(path, ".")
	var node map[string]any = leaf
	for i := len(keys) - 1; i >= 0; i-- {
		node = map[string]any{keys[i]: node}
	}
	e := errBadRequest(CodeInvalidFormBody)
	e.Errors = node
	return e
}

// body renders the error in Discord's JSON shape.
func (e *APIError) body() []byte {
	out := map[string]any{"message": e.Message, "code": e.Code}
	if e.Errors != nil {
		out["errors"] = e.Errors
	}
	if e.Status == http.StatusTooManyRequests {
		out["retry_after"] = e.RetryAfter.Seconds()
		out["global"] = e.Global
	}
	data, err := json.Marshal(out)
	if err != nil {
		// Only plain values are marshalled; this cannot fail.
		panic(fmt.Sprintf("localdiscord: marshal api error: %v", err))
	}
	return data
}

// writeHeaders sets the headers Discord sends with the error; for 429s
// these are Retry-After and the X-RateLimit-* family discordgo reads.
func (e *APIError) writeHeaders(h http.Header, bucket string) {
	if e.Status != http.StatusTooManyRequests {
		return
	}
	secs := e.RetryAfter.Seconds()
	h.Set("Retry-After", fmt.Sprintf("%.0f", max(1, secs+0.5))) // Discord rounds the header up to whole seconds
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", fmt.Sprintf("%.3f", float64(time.Now().Add(e.RetryAfter).UnixMilli())/1000))
	h.Set("X-RateLimit-Reset-After", fmt.Sprintf("%.3f", secs))
	h.Set("X-RateLimit-Bucket", bucket)
	if e.Global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	} else {
		h.Set("X-RateLimit-Scope", "user")
	}
}

// Failure describes an error the server returns instead of handling a
// matching request. See Server.Fail.
type Failure struct {
	// Method matches the request method; empty matches any.
	Method string
	// Route matches the OpenAPI-style route template, e.g.
	// "/channels/{channel_id}/messages"; empty matches any route.
	Route string
	// Status is the HTTP status, e.g. 403, 404, 429, 500.
	Status int
	// Code is the Discord JSON error code, e.g. 50013; Message defaults
	// to Discord's message for it.
	Code    int
	Message string
	// RetryAfter is sent for 429s (header and JSON); default 50ms.
	RetryAfter time.Duration
	// Global marks a 429 as a global rate limit.
	Global bool
	// Times is how many matching requests fail; default 1.
	Times int
}

type pendingFailure struct {
	Failure
	remaining int
}

func (f *pendingFailure) matches(method, route string) bool {
	return (f.Method == "" || strings.EqualFold(f.Method, method)) && (f.Route == "" || f.Route == route)
}

func (f *pendingFailure) apiError() *APIError {
	e := newAPIError(f.Status, f.Code)
	if f.Message != "" {
		e.Message = f.Message
	}
	if f.Status == http.StatusTooManyRequests {
		e.RetryAfter = f.RetryAfter
		if e.RetryAfter <= 0 {
			e.RetryAfter = 50 * time.Millisecond
		}
		e.Global = f.Global
	}
	return e
}
