package cli

import (
	"flag"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/bot"
	"github.com/footnote-bot/footnote/library"
)

// guildFlag adds --guild to a command that reads or changes a corpus:
// with it, the command works on that Discord server's corpus (the
// built-in articles plus those added in the server); without it, on the
// shared corpus.
func guildFlag(e *env, fs *flag.FlagSet) {
	fs.StringVar(&e.guild, "guild", e.guild, "a Discord server's id: use that server's articles (default: the shared corpus)")
}

// guildCorpora gives every server the bot is in its own corpus, and
// direct messages the shared one (shared): loaded when a server first
// asks, at most FOOTNOTE_MAX_LOADED_CORPORA at once. shards is the shard
// count when known (0: every guild may be asked of).
func (e *env) guildCorpora(shared *library.Library, shards int) (bot.LibraryCorpora, *library.Guilds, error) {
	o, err := e.libraryOptions()
	if err != nil {
		return bot.LibraryCorpora{}, nil, err
	}
	m, err := e.chatModelOrNil()
	if err != nil {
		return bot.LibraryCorpora{}, nil, err
	}
	gs := library.NewGuilds(o, library.GuildOptions{MaxLoaded: e.cfg.MaxLoadedCorpora, Shard: e.cfg.ShardID, ShardCount: shards})
	answerer := func(lib *library.Library) bot.Answerer {
		return answer.NewService(func() answer.Corpus { return lib.Index() }, m, e.cfg.ModelTimeout, e.log)
	}
	return bot.LibraryCorpora{Guilds: gs, Shared: shared, Answerer: answerer}, gs, nil
}

// chatModelOrNil is the model answers are written by, nil when none is
// configured (extractive answers), as open uses.
func (e *env) chatModelOrNil() (answer.ChatModel, error) {
	c, err := e.llmClient()
	if err != nil || c == nil {
		return nil, err
	}
	return chatModel{c: c, m: e.metrics}, nil
}
