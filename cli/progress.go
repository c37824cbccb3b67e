package cli

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"
)

// progressEvery is how often a progress line is logged when stderr is not
// a terminal.
const progressEvery = 5 * time.Second

// progress reports a long count ("indexing 2,000 articles: 9,800/21,993
// chunks, ~6 s left"): as a bar redrawn in place on a terminal, else as a
// log line every progressEvery. It is safe for concurrent use.
type progress struct {
	what string // "indexing 2,000 articles"
	unit string // "chunks"
	tty  io.Writer
	log  *slog.Logger
	now  func() time.Time

	mu      sync.Mutex
	start   time.Time
	last    time.Time // of the last line or redraw
	drawn   bool
	started bool
}

// newProgress reports to w when it is a terminal, else to log.
func newProgress(w io.Writer, log *slog.Logger, what, unit string) *progress {
	p := &progress{what: what, unit: unit, log: log, now: time.Now}
	if isTerminal(w) {
		p.tty = w
	}
	return p
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// update records that done of total are finished.
func (p *progress) update(done, total int) {
	if total <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if !p.started {
		p.started, p.start, p.last = true, now, now
	}
	if p.tty != nil {
		if now.Sub(p.last) < 100*time.Millisecond && done < total {
			return
		}
		p.last, p.drawn = now, true
		fmt.Fprintf(p.tty, "\r\x1b[K%s", p.line(done, total, now, true))
		return
	}
	if now.Sub(p.last) < progressEvery || done >= total {
		return
	}
	p.last = now
	p.log.Info(p.line(done, total, now, false))
}

// line renders the state: "indexing 2,000 articles: 9,800/21,993 chunks,
// ~6 s left", with a bar in front on a terminal.
func (p *progress) line(done, total int, now time.Time, bar bool) string {
	var b strings.Builder
	if bar {
		const width = 24
		n := done * width / total
		b.WriteString("[" + strings.Repeat("#", n) + strings.Repeat(".", width-n) + "] ")
	}
	fmt.Fprintf(&b, "%s: %s/%s %s", p.what, thousands(done), thousands(total), p.unit)
	if el := now.Sub(p.start); done > 0 && done < total && el > 0 {
		left := time.Duration(float64(el) * float64(total-done) / float64(done))
		fmt.Fprintf(&b, ", ~%s left", roundLeft(left))
	}
	return b.String()
}

// finish clears the bar from the terminal.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty != nil && p.drawn {
		fmt.Fprint(p.tty, "\r\x1b[K")
		p.drawn = false
	}
}

func roundLeft(d time.Duration) string {
	switch {
	case d < time.Second:
		return "1 s"
	case d < 100*time.Second:
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	}
	return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
}

// thousands formats n with commas: 21993 → "21,993".
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// indexProgress reports the embedding of a corpus of docs articles on
// stderr (see progress); the bar is cleared when the last chunk is done.
func (e *env) indexProgress(docs int) func(done, total int) {
	var p *progress
	return func(done, total int) {
		if p == nil {
			p = newProgress(e.stderr, e.log, fmt.Sprintf("indexing %s articles", thousands(docs)), "chunks")
		}
		p.update(done, total)
		if done >= total {
			p.finish()
		}
	}
}
