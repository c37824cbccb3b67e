package playground_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/localdiscord"
	"github.com/footnote-bot/footnote/playground"
)

func TestStateListsTheWorldAndTheBotsCommands(t *testing.T) {
	t.Parallel()
	l := newLocal(t, localOptions{})
	status, st := l.do(t, mustRequest(t, http.MethodGet, l.ts.URL+"/api/state?user=member", nil))
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, st)
	}
	var state struct {
		Me       struct{ ID, Role string }
		Bot      struct{ ID string }
		Users    []struct{ ID, Name, Role string }
		General  string
		Channels []struct{ ID, Name string }
		Commands []struct {
			Name string
			Type int
		}
		Messages map[string][]json.RawMessage
	}
	reencode(t, st, &state)
	if state.Me.ID != l.world.Member.ID || state.Me.Role != playground.RoleMember {
		t.Errorf("me = %+v", state.Me)
	}
	if state.Bot.ID != l.srv.BotUser().ID || len(state.Users) != 3 {
		t.Errorf("bot %+v, users %+v", state.Bot, state.Users)
	}
	if state.General != l.world.General.ID || len(state.Channels) != 1 || state.Channels[0].Name != "general" {
		t.Errorf("general %s, channels %+v", state.General, state.Channels)
	}
	var names []string
	for _, c := range state.Commands {
		names = append(names, c.Name)
	}
	for _, want := range []string{"ask", "summary", "sources", "Pin cited answer"} {
		if !slices.Contains(names, want) {
			t.Errorf("commands %v lack %q", names, want)
		}
	}
	// The user can be named by role or by id.
	status, byID := l.do(t, mustRequest(t, http.MethodGet, l.ts.URL+"/api/state?user="+l.world.Moderator.ID, nil))
	if me, _ := byID["me"].(map[string]any); status != http.StatusOK || me["role"] != playground.RoleModerator {
		t.Errorf("state as the moderator by id: %d %v", status, byID["me"])
	}
}

func TestPostingAsAUserKeepsTheTextAndMentionsTheBot(t *testing.T) {
	t.Parallel()
	l := newLocal(t, localOptions{})
	ctx := testContext(t)
	events := l.openEvents(t, "member")
	events.next(t, ctx, "state", func(ev sseEvent) bool { return ev.Name == "state" })

	hostile := `<img src=x onerror=alert(1)> **hi**`
	status, body := l.post(t, "/api/messages", map[string]string{"channel": l.world.General.ID, "user": "member", "content": hostile})
	if status != http.StatusCreated {
		t.Fatalf("post: %d %v", status, body)
	}
	stored := l.srv.ChannelMessages(l.world.General.ID)
	if len(stored) != 1 || stored[0].Content != hostile || stored[0].Author.ID != l.world.Member.ID {
		t.Fatalf("stored %+v", stored)
	}
	// The text is the page's to render: the API passes it on verbatim.
	ev := events.next(t, ctx, "the posted message", func(ev sseEvent) bool { return ev.Name == "message_create" })
	if ev.message().Content != hostile {
		t.Errorf("event content %q", ev.message().Content)
	}

	// "@footnote" becomes a mention; the bot answers in a thread.
	status, body = l.post(t, "/api/messages", map[string]string{"user": "member", "content": "@footnote Who was arrested at the Mexican embassy?"})
	if status != http.StatusCreated {
		t.Fatalf("post mention: %d %v", status, body)
	}
	msg, _ := body["message"].(map[string]any)
	if want := "<@" + l.srv.BotUser().ID + "> Who was arrested"; !strings.HasPrefix(msg["content"].(string), want) {
		t.Errorf("content %q, want it to start with %q", msg["content"], want)
	}
	thread := events.next(t, ctx, "the thread", func(ev sseEvent) bool { return ev.Name == "thread_create" })
	var th struct {
		ID       string `json:"id"`
		ParentID string `json:"parent_id"`
	}
	_ = json.Unmarshal(thread.Data, &th)
	if th.ID != msg["id"] || th.ParentID != l.world.General.ID {
		t.Errorf("thread %s, want one started from %s", thread.Data, msg["id"])
	}
	events.next(t, ctx, "the answer in the thread", func(ev sseEvent) bool {
		m := ev.message()
		return ev.Name == "message_update" && m.ChannelID == th.ID && m.answered()
	})

	// A follow-up in the thread, as the moderator.
	if status, body := l.post(t, "/api/messages", map[string]string{"channel": th.ID, "user": "moderator", "content": "Why was he there?"}); status != http.StatusCreated {
		t.Fatalf("follow-up: %d %v", status, body)
	}
	events.next(t, ctx, "the follow-up's answer", func(ev sseEvent) bool {
		m := ev.message()
		return ev.Name == "message_update" && m.ChannelID == th.ID && m.answered() && !strings.Contains(m.Content, "Who was arrested")
	})
}

func TestEphemeralRepliesReachOnlyTheirUser(t *testing.T) {
	t.Parallel()
	l := newLocal(t, localOptions{})
	ctx := testContext(t)
	member := l.openEvents(t, "member")
	mod := l.openEvents(t, "moderator")
	member.next(t, ctx, "member's state", func(ev sseEvent) bool { return ev.Name == "state" })
	mod.next(t, ctx, "moderator's state", func(ev sseEvent) bool { return ev.Name == "state" })

	id := l.start(t, "/api/commands", map[string]any{
		"name": "ask", "user": "member", "options": map[string]any{"question": "Who was arrested at the Mexican embassy?"},
	})
	member.next(t, ctx, "the acknowledgement", func(ev sseEvent) bool {
		var a struct{ ID string }
		_ = json.Unmarshal(ev.Data, &a)
		return ev.Name == "interaction_ack" && a.ID == id
	})
	answer := member.next(t, ctx, "the answer", func(ev sseEvent) bool {
		m := ev.message()
		return ev.Name == "message_update" && m.Interaction != nil && m.Interaction.ID == id && m.answered()
	}).message()
	if answer.Ephemeral || answer.Interaction.Name != "ask" {
		t.Errorf("answer %+v", answer)
	}
	mod.next(t, ctx, "the answer, for the moderator", func(ev sseEvent) bool {
		return ev.Name == "message_update" && ev.message().ID == answer.ID && ev.message().answered()
	})

	// The member may not pin: the refusal is theirs alone.
	l.start(t, "/api/press", map[string]string{"message": answer.ID, "custom_id": "footnote:pin", "user": "member"})
	refusal := member.next(t, ctx, "the refusal", func(ev sseEvent) bool {
		return ev.Name == "message_create" && ev.message().Ephemeral
	}).message()
	if !strings.Contains(refusal.Content, "Only moderators can pin") {
		t.Errorf("refusal %q", refusal.Content)
	}
	if l.statesHave(t, "moderator", refusal.ID) || !l.statesHave(t, "member", refusal.ID) {
		t.Error("the member's refusal is not theirs alone in /api/state")
	}
	// Pressing a button on someone else's private message fails.
	if status, _ := l.post(t, "/api/press", map[string]string{"message": refusal.ID, "custom_id": "x", "user": "moderator"}); status != http.StatusNotFound {
		t.Errorf("moderator pressed the member's private message: status %d", status)
	}

	// The moderator pins with the message command; both see the pins.
	l.start(t, "/api/message-command", map[string]string{"name": "Pin cited answer", "target": answer.ID, "user": "moderator"})
	for who, s := range map[string]*sseStream{"member": member, "moderator": mod} {
		pins := s.next(t, ctx, who+"'s pins", func(ev sseEvent) bool { return ev.Name == "pins_update" })
		var p struct {
			ChannelID string            `json:"channel_id"`
			Pins      []json.RawMessage `json:"pins"`
		}
		_ = json.Unmarshal(pins.Data, &p)
		if p.ChannelID != l.world.General.ID || len(p.Pins) != 1 {
			t.Errorf("%s: pins %s", who, pins.Data)
		}
	}
	done := mod.next(t, ctx, "the moderator's confirmation", func(ev sseEvent) bool {
		m := ev.message()
		return ev.Name == "message_update" && m.Ephemeral && strings.Contains(m.Content, "Pinned")
	})
	if l.statesHave(t, "member", done.message().ID) {
		t.Error("the member sees the moderator's confirmation")
	}
	// An event reached the member stream for nothing private of the moderator.
	for len(member.events) > 0 {
		if ev := <-member.events; ev.message().Ephemeral && ev.message().ID == done.message().ID {
			t.Error("the member's stream carried the moderator's confirmation")
		}
	}
}

// statesHave reports whether user's /api/state lists a message.
func (l *local) statesHave(t *testing.T, user, messageID string) bool {
	t.Helper()
	status, st := l.do(t, mustRequest(t, http.MethodGet, l.ts.URL+"/api/state?user="+user, nil))
	if status != http.StatusOK {
		t.Fatalf("state: %d", status)
	}
	var state struct {
		Messages map[string][]struct{ ID string }
	}
	reencode(t, st, &state)
	for _, list := range state.Messages {
		for _, m := range list {
			if m.ID == messageID {
				return true
			}
		}
	}
	return false
}

// apiCase is a request the API must refuse.
type apiCase struct {
	name   string
	req    *http.Request
	status int
	want   string
}

func TestAPIRefusesBadRequests(t *testing.T) {
	t.Parallel()
	l := newLocal(t, localOptions{})
	post := func(path, body string, header ...string) *http.Request {
		r := mustRequest(t, http.MethodPost, l.ts.URL+path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		for i := 0; i+1 < len(header); i += 2 {
			r.Header.Set(header[i], header[i+1])
		}
		return r
	}
	rebound := mustRequest(t, http.MethodGet, l.ts.URL+"/api/state?user=member", nil)
	rebound.Host = "attacker.example:8787"
	cases := []apiCase{
		{"unknown user", post("/api/messages", `{"user":"admin","content":"hi"}`), 400, "unknown user"},
		{"empty message", post("/api/messages", `{"user":"member","content":"  "}`), 400, "empty"},
		{"too long", post("/api/messages", `{"user":"member","content":"`+strings.Repeat("a", 2001)+`"}`), 400, "2000"},
		{"unknown channel", post("/api/messages", `{"user":"member","channel":"42","content":"hi"}`), 404, "unknown channel"},
		{"unknown field", post("/api/messages", `{"user":"member","content":"hi","as":"bot"}`), 400, "unknown field"},
		{"unknown command", post("/api/commands", `{"user":"member","name":"nuke"}`), 400, "not registered"},
		{"missing option", post("/api/commands", `{"user":"member","name":"ask","options":{}}`), 400, "required"},
		{"bad option", post("/api/commands", `{"user":"member","name":"ask","options":{"question":"q","private":"perhaps"}}`), 400, "true or false"},
		{"unknown message", post("/api/press", `{"user":"member","message":"1","custom_id":"footnote:pin"}`), 404, "unknown message"},
		{"unknown target", post("/api/message-command", `{"user":"member","target":"1","name":"Pin cited answer"}`), 404, "unknown message"},
		{"no user for state", mustRequest(t, http.MethodGet, l.ts.URL+"/api/state", nil), 400, "unknown user"},
		{"no user for events", mustRequest(t, http.MethodGet, l.ts.URL+"/api/events", nil), 400, "unknown user"},
		{"not JSON", post("/api/messages", `{"user":"member","content":"hi"}`, "Content-Type", "text/plain"), 403, "JSON"},
		{"other origin", post("/api/messages", `{"user":"member","content":"hi"}`, "Origin", "http://evil.example"), 403, "cross-origin"},
		{"other site", post("/api/messages", `{"user":"member","content":"hi"}`, "Sec-Fetch-Site", "cross-site"), 403, "cross-site"},
		{"foreign host", rebound, 421, "only on"},
	}
	for _, c := range cases {
		status, body := l.do(t, c.req)
		msg, _ := body["error"].(string)
		if status != c.status || !strings.Contains(msg, c.want) {
			t.Errorf("%s: %d %q, want %d with %q", c.name, status, msg, c.status, c.want)
		}
	}
	if n := len(l.srv.ChannelMessages(l.world.General.ID)); n != 0 {
		t.Errorf("%d messages were posted by refused requests", n)
	}
	resp, err := l.ts.Client().Get(l.ts.URL + "/api/messages")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/messages: %d", resp.StatusCode)
	}
}

func TestPageIsServedFromTheBinaryWithAStrictPolicy(t *testing.T) {
	t.Parallel()
	l := newLocal(t, localOptions{})
	for path, want := range map[string]string{
		"/":            "text/html",
		"/app.js":      "javascript",
		"/markdown.js": "javascript",
		"/style.css":   "text/css",
		"/favicon.svg": "image/svg+xml",
	} {
		resp, err := l.ts.Client().Get(l.ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		_, _ = body.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), want) {
			t.Errorf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "connect-src 'self'") {
			t.Errorf("%s: policy %q", path, csp)
		}
		// Nothing is loaded from elsewhere: no absolute URL but the SVG namespace.
		text := strings.ReplaceAll(body.String(), `xmlns="http://www.w3.org/2000/svg"`, "")
		for _, scheme := range []string{"http://", "https://", "//cdn", "@import", "url("} {
			if strings.Contains(text, scheme) && !(path == "/markdown.js" || path == "/app.js") {
				t.Errorf("%s mentions %q", path, scheme)
			}
		}
	}
}

func mustRequest(t *testing.T, method, url string, body *strings.Reader) *http.Request {
	t.Helper()
	var r *http.Request
	var err error
	if body == nil {
		r, err = http.NewRequest(method, url, nil)
	} else {
		r, err = http.NewRequest(method, url, body)
	}
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// reencode converts a decoded JSON object into a typed value.
func reencode(t *testing.T, from any, to any) {
	t.Helper()
	data, err := json.Marshal(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, to); err != nil {
		t.Fatal(err)
	}
}

// TestMemberAndModeratorPermissions pins the permission sets down: the
// bot decides who may pin from them.
func TestMemberAndModeratorPermissions(t *testing.T) {
	if playground.MemberPermissions&localdiscord.PermissionPinMessages != 0 {
		t.Error("members can pin")
	}
	if playground.ModeratorPermissions&(localdiscord.PermissionPinMessages|playground.PermissionManageServer) !=
		localdiscord.PermissionPinMessages|playground.PermissionManageServer {
		t.Error("moderators cannot pin or manage the server")
	}
}
