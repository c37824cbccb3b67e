package bot

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/metrics"
	"github.com/footnote-bot/footnote/store"
)

// Vote values.
const (
	voteUp   = store.Up
	voteDown = store.Down
)

// storeTimeout bounds one write to the store.
const storeTimeout = 5 * time.Second

// feedbackStore keeps 👍/👎 votes in the durable store (one vote per user per
// answer, changeable), and, only while an answer is being written, the
// question behind it by interaction id.
type feedbackStore struct {
	st store.Store

	mu      sync.Mutex
	pending map[string]string // interaction id → question, until the answer is posted
}

func newFeedback(st store.Store) *feedbackStore {
	return &feedbackStore{st: st, pending: map[string]string{}}
}

// rememberPending notes the question of an answer whose message id is not
// known yet.
func (fb *feedbackStore) rememberPending(interactionID, question string) {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	fb.pending[interactionID] = question
}

// forgetPending drops a pending question once its answer is posted.
func (fb *feedbackStore) forgetPending(interactionID string) {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	delete(fb.pending, interactionID)
}

func (fb *feedbackStore) pendingQuestion(ids ...string) string {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	for _, id := range ids {
		if q, ok := fb.pending[id]; ok {
			return q
		}
	}
	return ""
}

// remember stores the question behind a posted answer message.
func (fb *feedbackStore) remember(ctx context.Context, messageID, question string) error {
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	return fb.st.RememberQuestion(ctx, messageID, question)
}

// Tally is the votes on one answer.
type Tally = store.Tally

// ReadFeedback loads the tallies kept in a data directory's store, most 👎
// first.
func ReadFeedback(dir string) ([]Tally, error) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	st, err := store.Open(ctx, "", dir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.Tallies(ctx)
}

func (b *Bot) vote(ctx context.Context, in *Interaction, v int) error {
	if in.Message == nil {
		return nil
	}
	who := userOf(in.InteractionCreate)
	sctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	changed, err := b.feedback.st.RecordVote(sctx, store.Vote{MessageID: in.Message.ID, UserID: who.ID, Question: b.pendingQuestionOf(in.Message), Value: v, GuildID: in.GuildID})
	if err != nil {
		return tell("Sorry, your vote could not be saved.", fmt.Errorf("save vote: %w", err))
	}
	word := "👍 Thanks, noted as helpful."
	label := metrics.VoteUp
	if v < 0 {
		word = "👎 Thanks, noted as not helpful."
		label = metrics.VoteDown
	}
	if !changed {
		word = "You already voted that way."
	} else {
		b.metrics.Vote(label)
	}
	b.log.Info("feedback", "message", in.Message.ID, "user", who.ID, "vote", v, "changed", changed)
	return b.replyPrivate(ctx, in, word)
}

// pendingQuestionOf is the question of an answer message whose own id the
// store may not know yet: by the interaction it answers.
func (b *Bot) pendingQuestionOf(m *discordgo.Message) string {
	ids := []string{m.ID}
	if m.InteractionMetadata != nil {
		ids = append(ids, m.InteractionMetadata.ID)
	}
	if m.Interaction != nil { // deprecated by Discord, still sent by some
		ids = append(ids, m.Interaction.ID)
	}
	return b.feedback.pendingQuestion(ids...)
}
