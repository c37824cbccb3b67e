package bot

import (
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/timeline"
)

// An answer's sources embed lists each article once, headed by all the
// markers that cite it, and repeats the question, so that a pinned answer
// stands on its own.
func TestRenderAnswerGroupsByArticleAndShowsTheQuestion(t *testing.T) {
	t.Parallel()
	ap := answer.Citation{DocID: "ap", Title: "Mexico breaks ties", Source: "Wire", Date: "2024-04-06", URL: "https://example.com/ap"}
	es := answer.Citation{DocID: "es", Title: "México rompe relaciones", Source: "Diario", Date: "2024-04-07"}
	c := func(base answer.Citation, n int, q string) answer.Citation { base.N, base.Quote = n, q; return base }
	a := &answer.Answer{
		Question: "Why did Mexico break ties?",
		Answer:   "Police raided the embassy [1]. Mexico cut ties [2]. Glas was taken [3].",
		Mode:     answer.ModeExtractive,
		Citations: []answer.Citation{
			c(ap, 1, "Police raided the embassy."), c(es, 2, "México cortó relaciones."), c(ap, 3, "Glas was taken."),
		},
	}
	e := renderAnswer(a, false).embeds[0]
	if e.Description != "**Q:** Why did Mexico break ties?" {
		t.Errorf("description %q does not show the question", e.Description)
	}
	if len(e.Fields) != 2 || e.Fields[0].Name != "[1][3] Mexico breaks ties" || e.Fields[1].Name != "[2] México rompe relaciones" {
		t.Fatalf("fields: %+v", e.Fields)
	}
	if want := "> [1] Police raided the embassy.\n> [3] Glas was taken.\nWire · 2024-04-06 · [article](https://example.com/ap)"; e.Fields[0].Value != want {
		t.Errorf("grouped field %q, want %q", e.Fields[0].Value, want)
	}
	// A summary has no question to show.
	if d := renderSummary(&answer.Summary{Summary: "Point [1].", Citations: a.Citations[:1]}).embeds[0].Description; d != "" {
		t.Errorf("summary description %q", d)
	}
}

// Many long quotes of one article are clipped evenly; the link stays whole.
func TestRenderGroupedQuotesFitTheField(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a long sentence of the article ", 40)
	var cs []answer.Citation
	for n := 1; n <= 6; n++ {
		cs = append(cs, answer.Citation{N: n, DocID: "ap", Title: "T", Source: "Wire", Date: "2024-04-06", URL: "https://example.com/ap", Quote: long})
	}
	v := renderAnswer(&answer.Answer{Answer: "x [1]", Citations: cs}, false).embeds[0].Fields[0].Value
	if runes(v) > maxFieldValue || !strings.HasSuffix(v, "\nWire · 2024-04-06 · [article](https://example.com/ap)") || strings.Count(v, "> [") != 6 {
		t.Errorf("field of %d characters:\n%s", runes(v), v)
	}
}

// /timeline names each article once, however many of its events it lists.
func TestRenderTimelineGroupsByArticle(t *testing.T) {
	t.Parallel()
	var ev []timeline.Event
	for i := 0; i < 10; i++ {
		doc, title := "ap", "Mexico breaks ties"
		if i == 4 {
			doc, title = "es", "México rompe relaciones"
		}
		ev = append(ev, timeline.Event{Date: "2024-04-0" + string(rune('1'+i%9)), Text: "Something happened.", DocID: doc, Title: title, Source: "Wire", Published: "2024-04-06"})
	}
	d := renderTimeline(ev, "")
	f := d.Embeds[0].Fields
	if len(f) != 2 || f[0].Name != "[1][2][3][4][6][7][8][9][10] Mexico breaks ties" || f[1].Name != "[5] México rompe relaciones" {
		t.Fatalf("fields: %+v", f)
	}
}

func TestCountOf(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 articles"}, {1, "1 article"}, {12, "12 articles"}} {
		if got := countOf(tt.n, "article", "articles"); got != tt.want {
			t.Errorf("countOf(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
