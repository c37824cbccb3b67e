package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/footnote-bot/footnote/library"
)

// Corpora gives each server its own corpus: an article a server's
// moderators add or forget changes that server's answers, /sources,
// /timeline and /summary only.
type Corpora interface {
	// Corpus returns the corpus of guildID ("" for a direct message). It
	// may load it, so it can take a moment on a server's first question.
	Corpus(ctx context.Context, guildID string) (Corpus, error)
}

// Corpus is one server's corpus: what answers from it, the library its
// moderators change (nil: no /ingest, /forget or /timeline) and its
// articles.
type Corpus struct {
	Answers Answerer
	Library Library
	Sources func() []library.Article
}

// corpus returns the corpus of the server an interaction or message comes
// from: Config.Corpora's, or, without it, the one corpus every server
// shares.
func (b *Bot) corpus(ctx context.Context, guildID string) (Corpus, error) {
	if b.cfg.Corpora == nil {
		return Corpus{Answers: b.answers, Library: b.cfg.Library, Sources: b.sources}, nil
	}
	c, err := b.cfg.Corpora.Corpus(ctx, guildID)
	if err != nil {
		return Corpus{}, fmt.Errorf("corpus of guild %q: %w", guildID, err)
	}
	return c, nil
}

// manages reports whether the bot lets moderators change articles at all.
func (b *Bot) manages() bool { return b.cfg.Library != nil || b.cfg.Corpora != nil }

// LibraryCorpora is Corpora over library.Guilds: a server's corpus is its
// own (loaded when first asked of), a direct message's the shared one.
type LibraryCorpora struct {
	Guilds *library.Guilds
	// Shared answers direct messages; nil refuses them.
	Shared *library.Library
	// Answerer makes the answerer of one corpus (answer.NewService over
	// lib.Index); it is called for every question, so it must be cheap.
	Answerer func(lib *library.Library) Answerer
}

// Corpus implements Corpora.
func (c LibraryCorpora) Corpus(ctx context.Context, guildID string) (Corpus, error) {
	lib := c.Shared
	if guildID != "" {
		var err error
		if lib, err = c.Guilds.Library(ctx, guildID); err != nil {
			return Corpus{}, err
		}
	}
	if lib == nil {
		return Corpus{}, errors.New("no corpus for direct messages")
	}
	return Corpus{Answers: c.Answerer(lib), Library: lib, Sources: lib.Articles}, nil
}
