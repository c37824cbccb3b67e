package bot

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/store"
)

func TestPendingQuestionByInteraction(t *testing.T) {
	t.Parallel()
	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	b := &Bot{feedback: newFeedback(st)}
	// a vote right after the answer showed, before its message id was noted
	b.feedback.rememberPending("interaction-1", "Who was arrested?")
	m := &discordgo.Message{ID: "message-1", InteractionMetadata: &discordgo.MessageInteractionMetadata{ID: "interaction-1"}}
	if q := b.pendingQuestionOf(m); q != "Who was arrested?" {
		t.Errorf("question by interaction = %q", q)
	}
	b.feedback.forgetPending("interaction-1")
	if q := b.pendingQuestionOf(m); q != "" {
		t.Errorf("forgotten pending question = %q", q)
	}
	if err := b.feedback.remember(context.Background(), "message-1", "Who was arrested?"); err != nil {
		t.Fatal(err)
	}
	if err := b.copyQuestion("message-1", "message-2"); err != nil {
		t.Fatal(err)
	}
	if q, err := st.Question(context.Background(), "message-2"); err != nil || q != "Who was arrested?" {
		t.Errorf("copied question = %q, %v", q, err)
	}
}

func TestReadFeedbackFromDataDir(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []store.Vote{{MessageID: "m1", UserID: "alice", Value: voteDown, Question: "q m1"}, {MessageID: "m1", UserID: "bob", Value: voteDown}, {MessageID: "m2", UserID: "alice", Value: voteUp, Question: "q m2"}} {
		if _, err := st.RecordVote(context.Background(), v); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	tallies, err := ReadFeedback(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Tally{{MessageID: "m1", Question: "q m1", Down: 2}, {MessageID: "m2", Question: "q m2", Up: 1}}
	if len(tallies) != 2 || tallies[0] != want[0] || tallies[1] != want[1] {
		t.Errorf("tallies %+v, want %+v", tallies, want)
	}
}
