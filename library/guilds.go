package library

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/footnote-bot/footnote/retrieval"
)

// DefaultMaxLoaded is how many servers' corpora are kept in memory at once
// when nothing else is said (FOOTNOTE_MAX_LOADED_CORPORA).
const DefaultMaxLoaded = 64

// DefaultIdleAfter is how long a server's corpus stays in memory after it
// was last asked of, when nothing else is said.
const DefaultIdleAfter = 30 * time.Minute

// ErrOtherShard is returned for a guild whose events another gateway shard
// receives: this process does not load its corpus.
var ErrOtherShard = errors.New("that server belongs to another shard")

// GuildOptions bound the servers' corpora kept in memory.
type GuildOptions struct {
	// MaxLoaded is how many corpora may be in memory at once; loading one
	// more evicts the least recently asked. 0 is DefaultMaxLoaded.
	MaxLoaded int
	// IdleAfter evicts a corpus not asked of for that long (by Watch).
	// 0 is DefaultIdleAfter.
	IdleAfter time.Duration
	// Shard and ShardCount name this process's gateway shard: only the
	// guilds of that shard (ShardOf) are loaded. ShardCount below 2 is
	// every guild.
	Shard, ShardCount int
}

// GuildStats says what Guilds did.
type GuildStats struct {
	// Loaded is how many corpora are in memory now.
	Loaded int
	// Loads counts corpora read and indexed (first asks, and asks after an
	// eviction); Evictions counts corpora dropped from memory.
	Loads, Evictions int64
}

// Guilds is every Discord server's corpus (see guild.go): loaded when the
// server is first asked of, kept while it is asked, evicted when more than
// MaxLoaded are loaded (least recently asked first) or after IdleAfter,
// so memory follows the active servers, not all of them. Vectors are
// shared by content across servers (vectors.go): an article added in two
// servers is embedded once. Its methods are safe for concurrent use.
type Guilds struct {
	base Options
	g    GuildOptions

	mu      sync.Mutex
	loaded  map[string]*list.Element // of *guildEntry
	order   *list.List               // most recently asked first
	loading map[string]*guildLoad
	stats   GuildStats
}

type guildEntry struct {
	id   string
	lib  *Library
	used time.Time
	s    settler // for Watch
}

// guildLoad is a load in progress, which later askers of the same guild
// wait for instead of loading again.
type guildLoad struct {
	done chan struct{}
	lib  *Library
	err  error
}

// NewGuilds returns the servers' corpora, each over the base options o
// (the same base articles, data folder, index root and embedder; see
// Options.Guild). Nothing is loaded until asked.
func NewGuilds(o Options, g GuildOptions) *Guilds {
	if g.MaxLoaded <= 0 {
		g.MaxLoaded = DefaultMaxLoaded
	}
	if g.IdleAfter <= 0 {
		g.IdleAfter = DefaultIdleAfter
	}
	o.OnIndexed, o.Progress = nil, nil // one server's index is not the process's
	return &Guilds{base: o, g: g, loaded: map[string]*list.Element{}, order: list.New(), loading: map[string]*guildLoad{}}
}

// Library returns guild's corpus, loading it when it is not in memory
// (and evicting the least recently asked one beyond MaxLoaded). Concurrent
// first asks of one guild load it once.
func (g *Guilds) Library(ctx context.Context, guild string) (*Library, error) {
	if err := ValidGuild(guild); err != nil {
		return nil, err
	}
	if g.g.ShardCount > 1 && ShardOf(guild, g.g.ShardCount) != g.g.Shard {
		return nil, fmt.Errorf("guild %s: %w", guild, ErrOtherShard)
	}
	g.mu.Lock()
	if el, ok := g.loaded[guild]; ok {
		e := el.Value.(*guildEntry)
		e.used = time.Now()
		g.order.MoveToFront(el)
		g.mu.Unlock()
		return e.lib, nil
	}
	ld, ok := g.loading[guild]
	if !ok {
		ld = &guildLoad{done: make(chan struct{})}
		g.loading[guild] = ld
		g.mu.Unlock()
		g.load(ctx, guild, ld)
	} else {
		g.mu.Unlock()
	}
	select {
	case <-ld.done:
	case <-ctx.Done():
		return nil, fmt.Errorf("load the corpus of guild %s: %w", guild, ctx.Err())
	}
	return ld.lib, ld.err
}

// load opens guild's library and files it as the most recently asked. The
// build does not take the caller's cancellation: others may be waiting for
// it.
func (g *Guilds) load(ctx context.Context, guild string, ld *guildLoad) {
	o := g.base
	o.Guild = guild
	o.Logger = o.logger().With("guild", guild)
	ld.lib, ld.err = Open(context.WithoutCancel(ctx), o)
	if ld.err != nil {
		ld.err = fmt.Errorf("load the corpus of guild %s: %w", guild, ld.err)
	}
	g.mu.Lock()
	delete(g.loading, guild)
	if ld.err == nil {
		g.stats.Loads++
		g.loaded[guild] = g.order.PushFront(&guildEntry{id: guild, lib: ld.lib, used: time.Now()})
		for g.order.Len() > g.g.MaxLoaded {
			g.evictLocked(g.order.Back())
		}
	}
	g.mu.Unlock()
	close(ld.done)
}

// evictLocked drops a corpus from memory: its index goes when the last
// answer using it ends. Under mu.
func (g *Guilds) evictLocked(el *list.Element) {
	e := el.Value.(*guildEntry)
	g.order.Remove(el)
	delete(g.loaded, e.id)
	retrieval.Release(e.lib.o.indexDir())
	g.stats.Evictions++
	e.lib.o.logger().Debug("corpus evicted")
}

// evictIdle evicts the corpora last asked of before now-IdleAfter and
// reports how many.
func (g *Guilds) evictIdle(now time.Time) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for el := g.order.Back(); el != nil; {
		prev := el.Prev()
		if now.Sub(el.Value.(*guildEntry).used) < g.g.IdleAfter {
			break // the rest were asked of later
		}
		g.evictLocked(el)
		n++
		el = prev
	}
	return n
}

// Stats reports the corpora in memory, loads and evictions so far.
func (g *Guilds) Stats() GuildStats {
	g.mu.Lock()
	defer g.mu.Unlock()
	s := g.stats
	s.Loaded = g.order.Len()
	return s
}

// Watch keeps every loaded corpus in step with its folders, looking at
// them every interval (an article another process or a person added or
// removed is answerable within a few intervals), and evicts the corpora
// idle for IdleAfter. A corpus with a build in progress skips its turn. It
// returns when ctx ends. Run one Watch per Guilds.
func (g *Guilds) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			g.look(ctx)
			g.evictIdle(now)
		}
	}
}

// look walks the folders of every loaded corpus once and reloads those
// whose change has settled.
func (g *Guilds) look(ctx context.Context) {
	g.mu.Lock()
	entries := make([]*guildEntry, 0, g.order.Len())
	for el := g.order.Front(); el != nil; el = el.Next() {
		entries = append(entries, el.Value.(*guildEntry))
	}
	g.mu.Unlock()
	for _, e := range entries {
		l := e.lib
		select {
		case l.sem <- struct{}{}:
		default:
			continue // a build is under way; it will read the folders
		}
		fp := fingerprint(l.dirs)
		if e.s.look(fp, l.seen) {
			if _, err := l.reloadLocked(ctx, fp); err != nil && ctx.Err() == nil {
				l.o.logger().Warn("corpus changed but could not be indexed; still answering from the previous index", "err", err)
			}
		}
		l.unlock()
	}
}
