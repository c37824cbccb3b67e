package lang_test

import (
	"strings"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/lang"
)

// within fails the test if f takes longer than d. It does not wait for a
// slow f to finish: the goroutine is left to end with the test binary.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	start := time.Now()
	go func() {
		f()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not finish in %v (a linear pass takes a few milliseconds)", what, d)
	}
	t.Logf("%s: %v", what, time.Since(start))
}

// TestSentencesLinear: for every dot after an initialism ("U.S.") followed
// by a capital, startsWithCommonOpener tokenises the whole rest of the
// paragraph to read one word, so a paragraph with many initialisms takes
// quadratic time: 85 KB of "The U.S. Army said so" takes ~6 s, 340 KB
// ~2.5 min. Corpus files may be 8 MB, and a .txt without blank lines is one
// paragraph, so one fetched page can stall indexing.
func TestSentencesLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	in := strings.Repeat("The U.S. Army said so ", 8000) // 172 KB
	within(t, 3*time.Second, "Sentences of 172 KB with 8000 initialisms", func() { lang.Sentences(in) })
}

// TestTokenizeLinear: isInitialism re-reads the whole initialism so far at
// every dot, so a long run of "A.B.C.…" is quadratic: 40 KB takes ~2.4 s.
func TestTokenizeLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	in := strings.Repeat("A.", 50000) // 100 KB
	within(t, 3*time.Second, "Tokenize of 100 KB of A.A.A.", func() { lang.Tokenize(in) })
}
