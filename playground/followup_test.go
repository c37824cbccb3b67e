package playground_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestFollowUpShowsHowItWasRead: in the playground, a follow-up in the
// bot's thread is answered about the subject it refers to, and the answer
// carries the reading as Discord small print ("-# Answering: …"), which the
// page renders as subtext.
func TestFollowUpShowsHowItWasRead(t *testing.T) {
	t.Parallel()
	l := newLocal(t, localOptions{})
	ctx := testContext(t)
	events := l.openEvents(t, "member")
	events.next(t, ctx, "state", func(ev sseEvent) bool { return ev.Name == "state" })

	status, body := l.post(t, "/api/messages", map[string]string{"user": "member", "content": "@footnote Who is Alicia Bárcena?"})
	if status != http.StatusCreated {
		t.Fatalf("post mention: %d %v", status, body)
	}
	thread := events.next(t, ctx, "the thread", func(ev sseEvent) bool { return ev.Name == "thread_create" })
	var th struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(thread.Data, &th)
	first := events.next(t, ctx, "the first answer", func(ev sseEvent) bool {
		m := ev.message()
		return ev.Name == "message_update" && m.ChannelID == th.ID && m.answered()
	}).message()
	if strings.Contains(first.Content, "Answering:") {
		t.Errorf("a first question is shown as rewritten: %q", first.Content)
	}

	if status, body := l.post(t, "/api/messages", map[string]string{"channel": th.ID, "user": "member", "content": "What did she post on X?"}); status != http.StatusCreated {
		t.Fatalf("follow-up: %d %v", status, body)
	}
	second := events.next(t, ctx, "the follow-up's answer", func(ev sseEvent) bool {
		m := ev.message()
		return ev.Name == "message_update" && m.ChannelID == th.ID && m.answered() && m.ID != first.ID
	}).message()
	if !strings.Contains(second.Content, "posted on the social platform X") {
		t.Errorf("follow-up answered %q, want Bárcena's post on X", second.Content)
	}
	if !strings.Contains(second.Content, "\n-# Answering: What did Bárcena post on X?") {
		t.Errorf("follow-up answer %q lacks the small-print reading", second.Content)
	}
}
