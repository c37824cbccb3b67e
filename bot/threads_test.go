package bot_test

import (
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/localdiscord"
)

// TestThreadFollowUpsReadOffline: in a thread footnote opened, follow-ups
// sent without a mention (message content intent on) are answered about the
// subject they refer to, offline, and the answer says in small print how the
// follow-up was read. A topic shift and an ellipsis are read too.
func TestThreadFollowUpsReadOffline(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{extractive: true})
	ctx := h.ctx()
	asked, first := h.mention(ctx, "Who is Alicia Bárcena?")
	if strings.Contains(first.Content, "Answering:") {
		t.Errorf("a first question is shown as rewritten: %q", first.Content)
	}
	seen := map[string]bool{first.ID: true}
	steps := []struct {
		say, answering, about string
	}{
		{"What did she post on X?", "What did Bárcena post on X?", "Bárcena posted on the social platform X"},
		{"What did Nicaragua do?", "", "Nicaragua also decided to cut all diplomatic relations"},
		{"And Colombia?", "What did Colombia do?", "Colombia"},
	}
	for _, s := range steps {
		if _, err := h.srv.SendMessage(asked.ID, h.alice, s.say); err != nil {
			t.Fatal(err)
		}
		got, err := h.srv.WaitMessage(ctx, asked.ID, func(m localdiscord.Message) bool { return !seen[m.ID] && isAnswer(m) })
		if err != nil {
			t.Fatalf("%q not answered: %v", s.say, err)
		}
		seen[got.ID] = true
		text, small, _ := strings.Cut(got.Content, "\n-# ")
		if !strings.Contains(text, s.about) {
			t.Errorf("%q answered %q, want it about %q", s.say, text, s.about)
		}
		switch {
		case s.answering == "" && strings.Contains(got.Content, "Answering:"):
			t.Errorf("%q names its subject, yet is shown as rewritten: %q", s.say, got.Content)
		case s.answering != "" && !strings.Contains("-# "+small, "-# Answering: "+s.answering):
			t.Errorf("%q: answer %q lacks the small print \"-# Answering: %s\"", s.say, got.Content, s.answering)
		}
	}
}
