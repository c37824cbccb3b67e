package bot

import (
	"context"
	"fmt"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// recorder is a Responder that keeps what a handler said, as
// httptest.ResponseRecorder does for an http.Handler. Its calls fail with
// respondErr and editErr when those are set.
type recorder struct {
	respondErr, editErr error

	mu    sync.Mutex
	calls []said
}

// said is one thing a handler said: a first response, an edit of it, or a
// follow-up message.
type said struct {
	kind    string // "respond", "edit" or "followup"
	text    string
	private bool
	// respType is the first response's type.
	respType discordgo.InteractionResponseType
}

func (r *recorder) Respond(_ context.Context, resp *discordgo.InteractionResponse) error {
	s := said{kind: "respond", respType: resp.Type}
	if resp.Data != nil {
		s.text = resp.Data.Content
		s.private = resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0
	}
	r.add(s)
	return r.respondErr
}

func (r *recorder) Edit(_ context.Context, edit *discordgo.WebhookEdit) (*discordgo.Message, error) {
	s := said{kind: "edit"}
	if edit.Content != nil {
		s.text = *edit.Content
	}
	n := r.add(s)
	if r.editErr != nil {
		return nil, r.editErr
	}
	return &discordgo.Message{ID: fmt.Sprintf("message-%d", n)}, nil
}

func (r *recorder) FollowUp(_ context.Context, params *discordgo.WebhookParams) (*discordgo.Message, error) {
	n := r.add(said{kind: "followup", text: params.Content, private: params.Flags&discordgo.MessageFlagsEphemeral != 0})
	return &discordgo.Message{ID: fmt.Sprintf("message-%d", n)}, nil
}

func (r *recorder) add(s said) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, s)
	return len(r.calls)
}

// said returns everything said so far, in order.
func (r *recorder) said() []said {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]said(nil), r.calls...)
}
