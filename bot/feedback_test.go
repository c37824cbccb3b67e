package bot

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestQuestionOfAnAnswerNotYetKnownByItsID(t *testing.T) {
	t.Parallel()
	fb, err := openFeedback("")
	if err != nil {
		t.Fatal(err)
	}
	b := &Bot{feedback: fb}
	// a vote right after the answer showed, before its message id was noted
	fb.remember("interaction-1", "Who was arrested?")
	m := &discordgo.Message{ID: "message-1", InteractionMetadata: &discordgo.MessageInteractionMetadata{ID: "interaction-1"}}
	if q := b.questionOf(m); q != "Who was arrested?" {
		t.Errorf("question by interaction = %q", q)
	}
	fb.remember("message-1", "Who was arrested?")
	fb.forget("interaction-1")
	if q := b.questionOf(&discordgo.Message{ID: "message-1"}); q != "Who was arrested?" {
		t.Errorf("question by message = %q", q)
	}
	if q := b.questionOf(&discordgo.Message{ID: "other"}); q != "" {
		t.Errorf("question of an unknown message = %q", q)
	}
}

func TestFeedbackDurable(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	fb, err := openFeedback(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		msg, user string
		vote      int
		changed   bool
	}{
		{"m1", "alice", voteUp, true},
		{"m1", "alice", voteUp, false},
		{"m1", "alice", voteDown, true},
		{"m1", "bob", voteDown, true},
		{"m2", "alice", voteUp, true},
	} {
		changed, err := fb.record(v.msg, v.user, "q "+v.msg, v.vote)
		if err != nil || changed != v.changed {
			t.Fatalf("record %+v: changed %v, %v", v, changed, err)
		}
	}
	tallies, err := ReadFeedback(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Tally{{MessageID: "m1", Question: "q m1", Down: 2}, {MessageID: "m2", Question: "q m2", Up: 1}}
	if len(tallies) != 2 || tallies[0] != want[0] || tallies[1] != want[1] {
		t.Errorf("tallies %+v, want %+v", tallies, want)
	}
	// reopened, the votes are there and a vote again is no change
	again, err := openFeedback(dir)
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := again.record("m1", "alice", "", voteDown); err != nil || changed {
		t.Errorf("same vote after reopening: changed %v, %v", changed, err)
	}
	if _, err := os.Stat(filepath.Join(dir, feedbackFile+".tmp")); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
	// a damaged file is an error, not an empty store
	if err := os.WriteFile(filepath.Join(dir, feedbackFile), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFeedback(dir); err == nil {
		t.Error("damaged feedback file read without error")
	}
}
