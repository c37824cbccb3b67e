package library

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

// A Discord server's (guild's) corpus is the base articles (the built-in
// ones, or the corpus folder when one is set) plus the articles its
// moderators added. On disk, under the data folder:
//
//	corpus/                      articles added without a server (the shared corpus)
//	guilds/<guild id>/corpus/    articles added in that server
//
// and under the index root:
//
//	index/builtin/                       the shared corpus's segments
//	index/guilds/<guild id>/<base>/      a server's segments
//	vectors/                             vectors by content, shared by every server (see vectors.go)

// ValidGuild reports whether id can name a guild: a Discord snowflake, 1
// to 20 digits that fit in 64 bits.
func ValidGuild(id string) error {
	if id == "" || len(id) > 20 {
		return fmt.Errorf("guild id %q: want a Discord server id (up to 20 digits)", id)
	}
	if _, err := strconv.ParseUint(id, 10, 64); err != nil {
		return fmt.Errorf("guild id %q: want a Discord server id (digits only)", id)
	}
	return nil
}

// ShardOf is the gateway shard that receives guild's events among count
// shards: (id >> 22) % count, Discord's formula. A count below 2 is one
// shard, 0.
func ShardOf(guild string, count int) int {
	if count < 2 {
		return 0
	}
	id, err := strconv.ParseUint(guild, 10, 64)
	if err != nil {
		return 0
	}
	return int((id >> 22) % uint64(count))
}

// guildDir is the folder of the articles added in guild.
func guildDir(dataDir, guild string) string {
	return filepath.Join(dataDir, "guilds", guild, "corpus")
}

// guildIndexDir is where a guild's segments are kept: one folder per guild
// and base corpus, so a guild's build never removes another's segments.
func guildIndexDir(o *Options) string {
	base := "builtin"
	if o.CorpusDir != "" {
		abs := absPath(o.CorpusDir)
		sum := sha256.Sum256([]byte(abs))
		base = filepath.Base(abs) + "-" + hex.EncodeToString(sum[:6])
	}
	return filepath.Join(o.IndexRoot, "index", "guilds", o.Guild, base)
}

// guildDirs are the folders a guild's corpus is read from, for watching.
func guildDirs(o *Options) []string {
	if o.CorpusDir != "" {
		return []string{o.CorpusDir, o.Dir()}
	}
	return []string{o.Dir()}
}

// loadBase reads the articles every corpus starts from: the built-in ones,
// or, for a guild, the corpus folder when one is set.
func loadBase(o *Options) ([]*corpus.Document, []*corpus.FileError, error) {
	if o.CorpusDir != "" {
		return loadCorpusDir(o)
	}
	return retrieval.LoadFolder(o.builtin(), "builtin", o.indexDir())
}
