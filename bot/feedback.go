package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// feedbackFile holds votes inside the data directory.
const feedbackFile = "feedback.json"

// Vote values.
const (
	voteUp   = 1
	voteDown = -1
)

// answerVotes is what is kept of one posted answer.
type answerVotes struct {
	Question string         `json:"question"`
	Votes    map[string]int `json:"votes"` // user id → +1 or -1
	Updated  time.Time      `json:"updated"`
}

// feedbackStore keeps 👍/👎 votes durably: one vote per user per answer,
// changeable, written whole to a file after each change (atomically).
type feedbackStore struct {
	path string

	mu        sync.Mutex
	answers   map[string]*answerVotes // message id → votes
	questions map[string]string       // interaction or message id → question, until posted
}

func openFeedback(dir string) (*feedbackStore, error) {
	fb := &feedbackStore{answers: map[string]*answerVotes{}, questions: map[string]string{}}
	if dir == "" {
		return fb, nil
	}
	fb.path = filepath.Join(dir, feedbackFile)
	data, err := os.ReadFile(fb.path)
	if errors.Is(err, fs.ErrNotExist) {
		return fb, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read feedback: %w", err)
	}
	if err := json.Unmarshal(data, &fb.answers); err != nil {
		return nil, fmt.Errorf("read feedback %s: %w", fb.path, err)
	}
	return fb, nil
}

// remember notes the question behind an answer, keyed by its interaction or
// message id.
func (fb *feedbackStore) remember(id, question string) {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	fb.questions[id] = question
}

// forget drops a question remembered by an id no longer needed.
func (fb *feedbackStore) forget(id string) {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	delete(fb.questions, id)
}

func (fb *feedbackStore) question(ids ...string) string {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	for _, id := range ids {
		if q, ok := fb.questions[id]; ok {
			return q
		}
		if a, ok := fb.answers[id]; ok && a.Question != "" {
			return a.Question
		}
	}
	return ""
}

// record sets a user's vote on an answer message and saves. It returns
// whether the vote changed.
func (fb *feedbackStore) record(messageID, userID, question string, v int) (bool, error) {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	a := fb.answers[messageID]
	if a == nil {
		a = &answerVotes{Question: question, Votes: map[string]int{}}
		fb.answers[messageID] = a
	}
	if a.Question == "" {
		a.Question = question
	}
	if a.Votes[userID] == v {
		return false, nil
	}
	a.Votes[userID] = v
	a.Updated = time.Now().UTC()
	return true, fb.saveLocked()
}

func (fb *feedbackStore) saveLocked() error {
	if fb.path == "" {
		return nil
	}
	data, err := json.MarshalIndent(fb.answers, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(fb.path), 0o755); err != nil {
		return fmt.Errorf("save feedback: %w", err)
	}
	tmp := fb.path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("save feedback: %w", err)
	}
	if err := os.Rename(tmp, fb.path); err != nil {
		return fmt.Errorf("save feedback: %w", err)
	}
	return nil
}

func (fb *feedbackStore) close() error { return nil }

// Tally is the votes on one answer.
type Tally struct {
	MessageID string `json:"message_id"`
	Question  string `json:"question"`
	Up        int    `json:"up"`
	Down      int    `json:"down"`
}

// ReadFeedback loads the tallies kept in a data directory, most 👎 first.
func ReadFeedback(dir string) ([]Tally, error) {
	fb, err := openFeedback(dir)
	if err != nil {
		return nil, err
	}
	var out []Tally
	for id, a := range fb.answers {
		t := Tally{MessageID: id, Question: a.Question}
		for _, v := range a.Votes {
			if v > 0 {
				t.Up++
			} else if v < 0 {
				t.Down++
			}
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Down != out[j].Down {
			return out[i].Down > out[j].Down
		}
		return out[i].MessageID < out[j].MessageID
	})
	return out, nil
}

func (b *Bot) vote(s *discordgo.Session, i *discordgo.InteractionCreate, v int) {
	if i.Message == nil {
		return
	}
	who := userOf(i)
	q := b.questionOf(i.Message)
	changed, err := b.feedback.record(i.Message.ID, who.ID, q, v)
	if err != nil {
		b.log.Error("save vote", "err", err)
		b.replyPrivate(s, i, "Sorry, your vote could not be saved.")
		return
	}
	word := "👍 Thanks, noted as helpful."
	if v < 0 {
		word = "👎 Thanks, noted as not helpful."
	}
	if !changed {
		word = "You already voted that way."
	}
	b.log.Info("feedback", "message", i.Message.ID, "user", who.ID, "vote", v, "changed", changed)
	b.replyPrivate(s, i, word)
}

// questionOf is the question an answer message replies to: known by the
// message, or by the interaction it answers while its id was not yet known.
func (b *Bot) questionOf(m *discordgo.Message) string {
	ids := []string{m.ID}
	if m.InteractionMetadata != nil {
		ids = append(ids, m.InteractionMetadata.ID)
	}
	if m.Interaction != nil { // deprecated by Discord, still sent by some
		ids = append(ids, m.Interaction.ID)
	}
	return b.feedback.question(ids...)
}
