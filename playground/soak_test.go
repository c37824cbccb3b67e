package playground_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/internal/procmem"
)

// soakUsers is how many people ask at once in the soak.
const soakUsers = 5

// soakQuestions are asked in turn.
var soakQuestions = []string{
	"Who was arrested at the Mexican embassy?",
	"Why did Mexico break diplomatic ties with Ecuador?",
	"What did Ecuador's president say about the raid?",
	"Where had Jorge Glas been living since December?",
	"How did other governments in the region react?",
}

// BenchmarkSoak runs the real bot behind the playground while five
// simulated users ask continuously through the client API, each as a
// browser would: POST /api/commands, then wait on their own event stream
// (GET /api/events) for the finished answer. It runs b.N questions in all,
// or, with FOOTNOTE_SOAK_DURATION set (e.g. 10m), for that long whatever
// b.N is; run it with -benchtime 1x then:
//
//	FOOTNOTE_SOAK_DURATION=10m go test -run '^$' -bench Soak -benchtime 1x -timeout 15m ./playground/
//
// It reports the process's resident memory (VmRSS) before and after, the
// live heap after a collection, answers per second and answer latency.
// FOOTNOTE_SOAK_HEAP=FILE also saves a heap profile taken at the end.
// The local Discord keeps every message, as Discord does, so the heap
// grows with the messages; the per-question figure says by how much.
func BenchmarkSoak(b *testing.B) {
	var duration time.Duration
	if v := os.Getenv("FOOTNOTE_SOAK_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			b.Fatalf("FOOTNOTE_SOAK_DURATION=%q: want a duration like 10m", v)
		}
		duration = d
	}
	l := newLocal(b, localOptions{quiet: true, retention: 500})
	streams := make([]*sseStream, soakUsers)
	for i := range streams {
		role := "member"
		if i%2 == 1 {
			role = "moderator"
		}
		streams[i] = l.openEvents(b, role)
		streams[i].next(b, testContext(b), "state", func(ev sseEvent) bool { return ev.Name == "state" })
	}
	runtime.GC()
	rssStart := rssMB(b)
	heapStart := heapMB()

	var (
		asked     atomic.Int64
		mu        sync.Mutex
		latencies []time.Duration
		failures  []error
	)
	more := func(start time.Time) bool {
		if duration > 0 {
			return time.Since(start) < duration
		}
		return asked.Add(1) <= int64(b.N)
	}
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for i, s := range streams {
		role := "member"
		if i%2 == 1 {
			role = "moderator"
		}
		wg.Go(func() {
			for n := i; more(start); n += soakUsers {
				took, err := askAndWait(l, s, role, soakQuestions[n%len(soakQuestions)])
				mu.Lock()
				if err != nil {
					failures = append(failures, err)
				} else {
					latencies = append(latencies, took)
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()

	for _, err := range failures {
		b.Error(err)
	}
	runtime.GC()
	rssEnd := rssMB(b)
	heapEnd := heapMB()
	if path := os.Getenv("FOOTNOTE_SOAK_HEAP"); path != "" {
		writeHeapProfile(b, path)
	}
	answered := len(latencies)
	if answered == 0 {
		b.Fatal("no question was answered")
	}
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[min(len(latencies)-1, int(p*float64(len(latencies))))].Microseconds()) / 1000
	}
	b.ReportMetric(rssStart, "rss-start-MB")
	b.ReportMetric(rssEnd, "rss-end-MB")
	b.ReportMetric(heapStart, "heap-start-MB")
	b.ReportMetric(heapEnd, "heap-end-MB")
	b.ReportMetric((heapEnd-heapStart)*1024/float64(answered), "heap-KB/answer")
	b.ReportMetric(float64(answered)/elapsed.Seconds(), "answers/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(answered), "answers")
	b.Logf("%d answers in %v by %d users; RSS %.1f → %.1f MB; heap %.1f → %.1f MB", answered, elapsed.Round(time.Millisecond), soakUsers, rssStart, rssEnd, heapStart, heapEnd)
}

// askAndWait asks one question as role and waits on the user's stream for
// the finished answer.
func askAndWait(l *local, s *sseStream, role, q string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	sent := time.Now()
	id, err := l.startErr("/api/commands", map[string]any{"name": "ask", "user": role, "options": map[string]any{"question": q}})
	if err != nil {
		return 0, err
	}
	_, err = s.nextErr(ctx, func(ev sseEvent) bool {
		if ev.Name != "message_update" {
			return false
		}
		m := ev.message()
		return m.Interaction != nil && m.Interaction.ID == id && m.answered()
	})
	if err != nil {
		return 0, fmt.Errorf("%s asking %q (interaction %s): %w", role, q, id, err)
	}
	return time.Since(sent), nil
}

// rssMB is the process's resident set size; the test skips where there
// is no /proc/self/status to read it from.
func rssMB(tb testing.TB) float64 {
	tb.Helper()
	mb, err := procmem.ResidentMB()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		tb.Skipf("no /proc/self/status to read memory from: %v", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return mb
}

// writeHeapProfile saves what the heap holds while the playground still
// runs (go test -memprofile writes after the test's cleanup has freed it).
func writeHeapProfile(tb testing.TB, path string) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		tb.Fatal(err)
	}
}

// heapMB is the live heap, after a collection when the caller ran one.
func heapMB() float64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}
