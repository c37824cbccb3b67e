package cli

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/answer"
)

func TestVersionFromBuildInfo(t *testing.T) {
	vcs := func(rev, modified string) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}}
	}
	tests := []struct {
		name    string
		stamped string
		bi      *debug.BuildInfo
		want    string
	}{
		{"stamped by -ldflags wins", "v0.2.0", &debug.BuildInfo{Main: debug.Module{Version: "v0.1.0"}}, "v0.2.0"},
		{"go install module@version", "dev", &debug.BuildInfo{Main: debug.Module{Version: "v0.1.0"}}, "v0.1.0"},
		{"pseudo-version", "dev", &debug.BuildInfo{Main: debug.Module{Version: "v0.1.1-0.20261129020000-abcdef123456"}}, "v0.1.1-0.20261129020000-abcdef123456"},
		{"checkout build with vcs stamping", "dev", vcs("0123456789abcdef0123", "false"), "dev-0123456789ab"},
		{"dirty checkout", "dev", vcs("0123456789abcdef0123", "true"), "dev-0123456789ab-dirty"},
		{"go run without vcs", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{"no build info", "dev", nil, "dev"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := version(tt.stamped, tt.bi); got != tt.want {
				t.Errorf("version = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	cmds := []string{"ask", "completion", "config", "eval", "feedback", "healthcheck", "help", "ingest", "playground", "serve", "sources", "summary", "timeline", "version"}
	tests := []struct{ in, want string }{
		{"aks", "ask"},
		{"ak", "ask"},
		{"summry", "summary"},
		{"sumary", "summary"},
		{"timelin", "timeline"},
		{"ingets", "ingest"},
		{"serv", "serve"},
		{"playgrond", "playground"},
		{"ver", "version"},
		{"frobnicate", ""},
		{"x", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.in, cmds); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"ask", "ask", 0}, {"", "ask", 3}, {"aks", "ask", 1}, {"ask", "asks", 1},
		{"kitten", "sitting", 3}, {"preguntá", "pregunta", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

// An article cited several times is listed once, headed by all its
// numbers, each quote under its own number.
func TestPrintAnswerGroupsCitationsByArticle(t *testing.T) {
	ap := answer.Citation{DocID: "ap", Title: "Mexico breaks ties", Source: "Wire Service", Date: "2024-04-06", URL: "https://example.com/ap"}
	es := answer.Citation{DocID: "es", Title: "México rompe relaciones", Source: "Diario", Date: "2024-04-07"}
	cite := func(c answer.Citation, n int, quote string) answer.Citation {
		c.N, c.Quote = n, quote
		return c
	}
	a := &answer.Answer{
		Question: "Why did Mexico break ties?",
		Answer:   "Police raided the embassy [1]. The president condemned it [2]. Mexico cut relations [3]. Glas was taken [4].",
		Citations: []answer.Citation{
			cite(ap, 1, "Police raided the embassy."), cite(ap, 2, "The president condemned it."),
			cite(es, 3, "México cortó relaciones."), cite(ap, 4, "Glas was taken."),
		},
	}
	var b bytes.Buffer
	printAnswer(&b, a)
	out := b.String()
	if !strings.HasPrefix(out, "Q: Why did Mexico break ties?\n") {
		t.Errorf("the question does not head the answer:\n%s", out)
	}
	if strings.Count(out, "Mexico breaks ties") != 1 || strings.Count(out, "México rompe relaciones") != 1 {
		t.Errorf("an article's title is repeated:\n%s", out)
	}
	for _, want := range []string{
		"  [1][2][4] Mexico breaks ties · Wire Service · 2024-04-06\n      https://example.com/ap\n      [1] “Police raided the embassy.”\n      [2] “The president condemned it.”\n      [4] “Glas was taken.”\n",
		"  [3] México rompe relaciones · Diario · 2024-04-07\n      “México cortó relaciones.”\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks\n%s\ngot\n%s", want, out)
		}
	}
	if strings.Index(out, "[1][2][4]") > strings.Index(out, "[3] México") {
		t.Error("articles are not in the order they are first cited")
	}
}

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 chunks"}, {1, "1 chunk"}, {2, "2 chunks"}} {
		if got := plural(tt.n, "chunk", "chunks"); got != tt.want {
			t.Errorf("plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// An article whose source is its URL shows the URL once.
func TestPrintSourcesURLAsSourceOnce(t *testing.T) {
	var b bytes.Buffer
	printSources(&b, []cited{{n: 1, doc: "icj", title: "ICJ filing", source: "https://example.com/icj", url: "https://example.com/icj", quote: "Mexico filed."}}, true)
	if n := strings.Count(b.String(), "https://example.com/icj"); n != 1 {
		t.Errorf("URL shown %d times:\n%s", n, b.String())
	}
}
