package spectest

import (
	"bytes"
	"errors"
	"mime/multipart"
	"net/textproto"
	"strings"
	"sync"
	"testing"

	"github.com/footnote-bot/footnote/localdiscord"
)

const specPath = "../../testdata/discord-api-spec/openapi.json"

// A Spec is what the local Discord server takes as its Validator.
var _ localdiscord.Validator = (*Spec)(nil)

var (
	specOnce sync.Once
	specVal  *Spec
	specErr  error
)

// loadTestSpec parses the OpenAPI document once per test binary.
func loadTestSpec(t testing.TB) *Spec {
	t.Helper()
	specOnce.Do(func() { specVal, specErr = LoadSpec(specPath) })
	if specErr != nil {
		t.Fatalf("load spec: %v", specErr)
	}
	return specVal
}

func TestSpecFindOperation(t *testing.T) {
	t.Parallel()
	sp := loadTestSpec(t)
	cases := []struct {
		method, path, want string
	}{
		{"POST", "/channels/1/messages", "/channels/{channel_id}/messages"},
		{"GET", "/channels/1/messages/pins", "/channels/{channel_id}/messages/pins"},
		{"PUT", "/channels/1/messages/pins/2", "/channels/{channel_id}/messages/pins/{message_id}"},
		{"GET", "/channels/1/messages/2", "/channels/{channel_id}/messages/{message_id}"},
		{"PATCH", "/webhooks/1/tok/messages/@original", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"},
		{"PATCH", "/webhooks/1/tok/messages/3", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"},
		{"PUT", "/channels/1/pins/2", "/channels/{channel_id}/pins/{message_id}"},
		{"GET", "/users/@me", "/users/@me"},
	}
	for _, c := range cases {
		op, ok := sp.FindOperation(c.method, c.path)
		if !ok || op.Path != c.want {
			t.Errorf("FindOperation(%s %s) = %+v, %v; want %s", c.method, c.path, op, ok, c.want)
		}
	}
	if _, ok := sp.FindOperation("POST", "/no/such/route"); ok {
		t.Error("FindOperation matched a route that does not exist")
	}
}

func TestSpecValidateRequest(t *testing.T) {
	t.Parallel()
	sp := loadTestSpec(t)
	good := []struct {
		name, method, path, query, body string
	}{
		{"message content", "POST", "/channels/123/messages", "", `{"content":"hello"}`},
		{"message embed", "POST", "/channels/123/messages", "", `{"embeds":[{"type":"rich","title":"t","url":"https://example.com/a","color":255,"fields":[{"name":"n","value":"v"}]}]}`},
		{"null fields allowed", "POST", "/channels/123/messages", "", `{"content":"x","components":null,"embeds":null}`},
		{"deferred ack", "POST", "/interactions/123/tok/callback", "", `{"type":5}`},
		{"history limit", "GET", "/channels/123/messages", "limit=50&before=99", ``},
		{"pin", "PUT", "/channels/123/pins/456", "", ``},
		{"pin via the new route", "PUT", "/channels/123/messages/pins/456", "", ``},
		{"followup", "POST", "/webhooks/123/tok", "wait=true", `{"content":"x","flags":64}`},
		{"edit original", "PATCH", "/webhooks/123/tok/messages/@original", "", `{"content":"x","embeds":[]}`},
		{"commands", "PUT", "/applications/123/guilds/456/commands", "", `[{"name":"ask","description":"d","options":[{"type":3,"name":"q","description":"d","required":true}]}]`},
	}
	for _, c := range good {
		ct := ""
		if c.body != "" {
			ct = "application/json"
		}
		if _, err := sp.ValidateRequest(c.method, c.path, c.query, ct, []byte(c.body)); err != nil {
			t.Errorf("%s: unexpected violation: %v", c.name, err)
		}
	}

	bad := []struct {
		name, method, path, query, body string
		// wantAt must appear in the explanation, so each case fails for
		// the intended reason.
		wantAt string
	}{
		{"content is a number", "POST", "/channels/123/messages", "", `{"content":42}`, "at '/content'"},
		{"embed color is a string", "POST", "/channels/123/messages", "", `{"embeds":[{"title":"t","color":"red"}]}`, "at '/embeds/0/color'"},
		{"embed title too long", "POST", "/channels/123/messages", "", `{"embeds":[{"title":"` + strings.Repeat("a", 300) + `"}]}`, "at '/embeds/0/title'"},
		{"embed url not a uri", "POST", "/channels/123/messages", "", `{"embeds":[{"url":"not a uri at all"}]}`, "at '/embeds/0/url'"},
		{"too many embeds", "POST", "/channels/123/messages", "", `{"embeds":[` + strings.Repeat(`{},`, 10) + `{}]}`, "at '/embeds'"},
		{"callback type missing", "POST", "/interactions/123/tok/callback", "", `{"data":{"content":"x"}}`, "missing property 'type'"},
		{"callback unknown type", "POST", "/interactions/123/tok/callback", "", `{"type":42}`, "at '/type'"},
		{"callback content is a number", "POST", "/interactions/123/tok/callback", "", `{"type":4,"data":{"content":5}}`, "at '/data/content'"},
		{"followup content too long", "POST", "/webhooks/123/tok", "", `{"content":"` + strings.Repeat("a", 2001) + `"}`, "at '/content'"},
		{"button without style", "POST", "/channels/123/messages", "", `{"components":[{"type":1,"components":[{"type":2,"custom_id":"x"}]}]}`, "missing property 'style'"},
		{"command name too long", "PUT", "/applications/123/commands", "", `[{"name":"` + strings.Repeat("a", 33) + `","description":"d"}]`, "at '/0/name'"},
		{"history limit too big", "GET", "/channels/123/messages", "limit=500", ``, "maximum"},
		{"channel id not a snowflake", "GET", "/channels/abc/messages", "", ``, "does not match pattern"},
		{"malformed json", "POST", "/channels/123/messages", "", `{"content":`, "malformed json"},
		{"missing required body", "POST", "/channels/123/messages", "", ``, "required"},
		{"body on bodiless operation", "PUT", "/channels/123/pins/456", "", `{}`, "takes no request body"},
	}
	for _, c := range bad {
		ct := ""
		if c.body != "" {
			ct = "application/json"
		}
		_, err := sp.ValidateRequest(c.method, c.path, c.query, ct, []byte(c.body))
		var verr *ValidationError
		if !errors.As(err, &verr) {
			t.Errorf("%s: want a *ValidationError, got %v", c.name, err)
			continue
		}
		if !strings.Contains(verr.Detail, c.wantAt) {
			t.Errorf("%s: explanation does not mention %q:\n%s", c.name, c.wantAt, verr.Detail)
		}
	}

	if _, err := sp.ValidateRequest("POST", "/not/a/route", "", "", nil); !errors.Is(err, ErrNoOperation) {
		t.Errorf("unknown route: want ErrNoOperation, got %v", err)
	}
}

func TestSpecValidatesMultipartPayload(t *testing.T) {
	t.Parallel()
	sp := loadTestSpec(t)
	body := func(payload string) (string, []byte) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="payload_json"`)
		h.Set("Content-Type", "application/json")
		p, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		p.Write([]byte(payload))
		f, err := w.CreateFormFile("files[0]", "sources.txt")
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte("[1] https://example.com"))
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return w.FormDataContentType(), buf.Bytes()
	}
	ct, good := body(`{"content":"see attached"}`)
	if _, err := sp.ValidateRequest("POST", "/channels/1/messages", "", ct, good); err != nil {
		t.Errorf("good multipart body: %v", err)
	}
	ct, bad := body(`{"content":42}`)
	var verr *ValidationError
	if _, err := sp.ValidateRequest("POST", "/channels/1/messages", "", ct, bad); !errors.As(err, &verr) || !strings.Contains(verr.Detail, "/content") {
		t.Errorf("bad payload_json: want a violation at /content, got %v", err)
	}
}
