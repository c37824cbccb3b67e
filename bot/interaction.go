package bot

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

// Responder says what the bot has to say about one interaction: its first
// response (an answer, a deferral, an update of the pressed message), edits
// of that response, and follow-up messages. discordResponder talks to
// Discord through discordgo; tests record what a handler said.
type Responder interface {
	Respond(ctx context.Context, resp *discordgo.InteractionResponse) error
	Edit(ctx context.Context, edit *discordgo.WebhookEdit) (*discordgo.Message, error)
	FollowUp(ctx context.Context, params *discordgo.WebhookParams) (*discordgo.Message, error)
}

// Interaction is one slash command, message command or button press being
// handled: Discord's event and the Responder that answers it.
//
// It stays open while its handler runs and while work the handler left
// running holds it (see hold); once all are done, the responder's
// resources (its rate-limit bucket) are released.
type Interaction struct {
	*discordgo.InteractionCreate
	r Responder

	responded atomic.Bool
	refs      atomic.Int32
	closeOnce sync.Once
	close     func()
}

// newInteraction opens an interaction; close, if not nil, runs once when
// the handler and everything it held are done.
func newInteraction(ev *discordgo.InteractionCreate, r Responder, close func()) *Interaction {
	in := &Interaction{InteractionCreate: ev, r: r, close: close}
	in.refs.Store(1) // the handler's
	return in
}

// Respond sends the interaction's first response.
func (in *Interaction) Respond(ctx context.Context, resp *discordgo.InteractionResponse) error {
	if err := in.r.Respond(ctx, resp); err != nil {
		return err
	}
	in.responded.Store(true)
	return nil
}

// Edit replaces the interaction's original response.
func (in *Interaction) Edit(ctx context.Context, edit *discordgo.WebhookEdit) (*discordgo.Message, error) {
	return in.r.Edit(ctx, edit)
}

// FollowUp sends a message after the first response.
func (in *Interaction) FollowUp(ctx context.Context, params *discordgo.WebhookParams) (*discordgo.Message, error) {
	return in.r.FollowUp(ctx, params)
}

// Responded reports whether the first response went out, so later words go
// in an edit.
func (in *Interaction) Responded() bool { return in.responded.Load() }

// hold keeps the interaction open for work that outlives its handler (a
// queued answer, an article being fetched); that work calls release, once,
// when done.
func (in *Interaction) hold() (release func()) {
	in.refs.Add(1)
	var once sync.Once
	return func() { once.Do(in.release) }
}

// release drops one hold; the last closes the interaction.
func (in *Interaction) release() {
	if in.refs.Add(-1) == 0 && in.close != nil {
		in.closeOnce.Do(in.close)
	}
}
