package cli

import (
	"bytes"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// clock is a settable time for progress.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestProgressLogsPeriodically(t *testing.T) {
	var logs bytes.Buffer
	c := &clock{t: time.Date(2024, 4, 6, 0, 0, 0, 0, time.UTC)}
	p := newProgress(io.Discard, slog.New(slog.NewTextHandler(&logs, nil)), "indexing 2,000 articles", "chunks")
	p.now = c.now
	p.update(0, 21993)
	for done := 1000; done <= 9800; done += 1000 {
		c.t = c.t.Add(time.Second)
		p.update(min(done, 9800), 21993)
	}
	// 9 s in: one line at 5 s
	if n := strings.Count(logs.String(), "indexing"); n != 1 {
		t.Fatalf("%d lines after 9 s, want 1:\n%s", n, logs.String())
	}
	c.t = c.t.Add(5 * time.Second)
	p.update(9800, 21993)
	last := strings.Split(strings.TrimSpace(logs.String()), "\n")[1]
	// 9,800 done in 14 s: 12,193 left at that pace is ~17 s
	if !strings.Contains(last, "indexing 2,000 articles: 9,800/21,993 chunks, ~17 s left") {
		t.Errorf("line %q", last)
	}
	c.t = c.t.Add(time.Minute)
	p.update(21993, 21993)
	if n := strings.Count(logs.String(), "indexing"); n != 2 {
		t.Errorf("the last update logged a line; want none (done)")
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 21993: "21,993", 1234567: "1,234,567", -4000: "-4,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
