package benchgen

import (
	"testing"

	"github.com/footnote-bot/footnote/corpus"
)

// TestArticlesAreLikeNews: articles parse, are stable for the same index,
// differ across indexes, and cut into 10 to 14 chunks each.
func TestArticlesAreLikeNews(t *testing.T) {
	total := 0
	langs := map[string]int{}
	for i := range 40 {
		name, text := Article(i)
		if n2, t2 := Article(i); n2 != name || t2 != text {
			t.Fatalf("article %d differs between calls", i)
		}
		if _, t2 := Article(i + 1); t2 == text {
			t.Fatalf("articles %d and %d are the same", i, i+1)
		}
		d, err := corpus.Parse(name, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		langs[string(d.Language)]++
		n := len(corpus.Split(d))
		if n < 10 || n > 14 {
			t.Errorf("article %d: %d chunks, want 10 to 14", i, n)
		}
		total += n
	}
	if langs["en"] != 30 || langs["es"] != 10 {
		t.Errorf("languages %v, want 30 en and 10 es", langs)
	}
	t.Logf("%.1f chunks an article", float64(total)/40)
}
