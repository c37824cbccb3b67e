package bot

import (
	"context"
	"errors"
)

// userError is a failure with the words its user is told.
type userError struct {
	msg string
	err error
}

func (e *userError) Error() string { return e.err.Error() }
func (e *userError) Unwrap() error { return e.err }

// tell marks err as a failure the user is told about, in msg.
func tell(msg string, err error) error { return &userError{msg: msg, err: err} }

// fail is the one error path of the handlers. It logs err and tells the
// user what tell gave it: in place of the interaction's response once it
// is acknowledged, else in a private reply. An error without words for the
// user (a request to Discord failed) is only logged: telling would take
// the same failing way.
func (b *Bot) fail(ctx context.Context, in *Interaction, err error) {
	var ue *userError
	if !errors.As(err, &ue) {
		b.log.Warn("interaction failed", "id", in.ID, "err", err)
		return
	}
	b.log.Error("interaction failed", "id", in.ID, "err", err)
	var terr error
	if in.Responded() {
		_, terr = b.editReply(ctx, in, rendered{content: ue.msg})
	} else {
		terr = b.replyPrivate(ctx, in, ue.msg)
	}
	if terr != nil {
		b.log.Warn("tell the user of a failure", "id", in.ID, "err", terr)
	}
}
