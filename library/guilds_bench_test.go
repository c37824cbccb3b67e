package library_test

import (
	"context"
	"flag"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/internal/benchgen"
	"github.com/footnote-bot/footnote/internal/procmem"
	"github.com/footnote-bot/footnote/library"
)

var (
	benchServers  = flag.Int("guilds.servers", 1000, "servers in BenchmarkGuilds")
	benchArticles = flag.Int("guilds.articles", 5, "articles each server added in BenchmarkGuilds")
	benchActive   = flag.Int("guilds.active", 50, "servers asking at once (the bound) in BenchmarkGuilds")
)

// BenchmarkGuilds measures per-server corpora at scale: servers that each
// added articles of their own (internal/benchgen, about 12 chunks each)
// over the built-in article, at most guilds.active in memory. It reports
// the time to a first answer in a cold server (nothing on disk yet, and
// after an eviction, from its saved segments), a warm answer, the heap and
// resident memory with the active servers loaded and again after every
// server has asked once (evictions keeping memory to the active ones), and
// the evictions counted. Run with -benchtime=1x.
func BenchmarkGuilds(b *testing.B) {
	servers, perServer, active := *benchServers, *benchArticles, *benchActive
	data := b.TempDir()
	ids := make([]string, servers)
	for g := range servers {
		ids[g] = strconv.FormatUint(uint64(175928847299117063+g*(1<<22)), 10)
		if err := benchgen.Write(filepath.Join(data, "guilds", ids[g], "corpus"), g*perServer, (g+1)*perServer); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	ask := func(gs *library.Guilds, id string) time.Duration {
		start := time.Now()
		l, err := gs.Library(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := answer.NewEngine(l.Index()).Ask(ctx, "What did the foreign minister say about the embassy?", answer.Options{}); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	for range b.N {
		gs := library.NewGuilds(library.Options{DataDir: data, IndexRoot: filepath.Join(b.TempDir(), "cache")}, library.GuildOptions{MaxLoaded: active})
		baseHeap, baseRSS := memory()

		var cold []time.Duration
		for _, id := range ids[:active] {
			cold = append(cold, ask(gs, id))
		}
		var warm []time.Duration
		for _, id := range ids[:active] {
			warm = append(warm, ask(gs, id))
		}
		heapActive, rssActive := memory()

		for _, id := range ids[active:] {
			cold = append(cold, ask(gs, id))
		}
		heapAll, rssAll := memory()
		st := gs.Stats()

		var reloaded []time.Duration
		for _, id := range ids[:min(active, 20)] { // evicted long ago
			reloaded = append(reloaded, ask(gs, id))
		}

		b.ReportMetric(median(cold), "cold-first-answer-ms")
		b.ReportMetric(median(reloaded), "cold-after-eviction-answer-ms")
		b.ReportMetric(median(warm), "warm-answer-ms")
		b.ReportMetric(heapActive-baseHeap, "heap-MB-active")
		b.ReportMetric(rssActive-baseRSS, "rss-MB-active")
		b.ReportMetric(heapAll-baseHeap, "heap-MB-after-all-asked")
		b.ReportMetric(rssAll-baseRSS, "rss-MB-after-all-asked")
		b.ReportMetric(float64(st.Loaded), "loaded")
		b.ReportMetric(float64(st.Evictions), "evictions")
	}
}

// median is the median of ds in milliseconds.
func median(ds []time.Duration) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	return float64(s[len(s)/2].Microseconds()) / 1000
}

// memory is the live heap and the process's resident size, in MB, once
// garbage is collected and free pages are returned.
func memory() (heap, rss float64) {
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	rss, _ = procmem.ResidentMB() // 0 where there is no /proc
	return float64(m.HeapInuse) / (1 << 20), rss
}
