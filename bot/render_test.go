package bot

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/timeline"
)

func citation(n int, quote, url string) answer.Citation {
	return answer.Citation{N: n, Title: "Mexico breaks ties with Ecuador", Source: "The Associated Press", Date: "2024-04-06", URL: url, Quote: quote}
}

func TestRenderAnswerKeepsMentionsInertAndText(t *testing.T) {
	t.Parallel()
	a := &answer.Answer{
		Answer:    "@everyone <@&123> <@456> Police *broke* into the embassy [1].",
		Mode:      answer.ModeGenerative,
		Citations: []answer.Citation{citation(1, "Ecuadorian police broke through the external doors of the embassy.", "https://apnews.com/x")},
	}
	r := renderAnswer(a, false)
	// The text is shown as written, markdown escaped; what keeps it from
	// pinging is allowed_mentions, sent with every message.
	if want := `@everyone <@&123\> <@456\> Police \*broke\* into the embassy [1].`; r.content != want {
		t.Errorf("content %q, want %q", r.content, want)
	}
	data, err := json.Marshal(&discordgo.WebhookEdit{Content: &r.content, AllowedMentions: noPings()})
	if err != nil {
		t.Fatal(err)
	}
	var sent struct {
		AllowedMentions map[string]json.RawMessage `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(data, &sent); err != nil {
		t.Fatal(err)
	}
	if p := string(sent.AllowedMentions["parse"]); p != "[]" {
		t.Errorf("allowed_mentions.parse = %s, want [] (in %s)", p, data)
	}
	for _, k := range []string{"users", "roles"} {
		if v, ok := sent.AllowedMentions[k]; ok && string(v) != "[]" {
			t.Errorf("allowed_mentions.%s = %s", k, v)
		}
	}
}

func TestRenderAnswer(t *testing.T) {
	t.Parallel()
	a := &answer.Answer{
		Answer: "Police arrested Jorge Glas [1]. He had lived there since December [2].",
		Mode:   answer.ModeExtractive,
		Note:   "The language model did not answer (timed out); this is the extractive answer.",
		Citations: []answer.Citation{
			citation(1, "Ecuadorian police broke through the\nexternal doors > to arrest Jorge Glas.", "https://apnews.com/a"),
			citation(2, "Glas had been residing there since December.", "javascript:alert(1)"),
		},
	}
	r := renderAnswer(a, false)
	if !strings.HasSuffix(r.content, "\n-# The language model did not answer (timed out); this is the extractive answer.") {
		t.Errorf("note missing: %q", r.content)
	}
	e := r.embeds[0]
	if e.Title != "Sources" || e.Color != colorAnswer || e.Footer.Text != "footnote · quoted from the articles" {
		t.Errorf("embed %+v, footer %q", e, e.Footer.Text)
	}
	// both citations are of one article: one field, both quotes
	if len(e.Fields) != 1 || e.Fields[0].Name != "[1][2] Mexico breaks ties with Ecuador" {
		t.Fatalf("fields %+v", e.Fields)
	}
	if want := "> [1] Ecuadorian police broke through the external doors \\> to arrest Jorge Glas.\n> [2] Glas had been residing there since December.\nThe Associated Press · 2024-04-06 · [article](https://apnews.com/a)"; e.Fields[0].Value != want {
		t.Errorf("field 1 = %q, want %q", e.Fields[0].Value, want)
	}
	js := renderAnswer(&answer.Answer{Answer: "Claim [1].", Citations: []answer.Citation{citation(1, "Glas had been residing there since December.", "javascript:alert(1)")}}, false)
	if strings.Contains(js.embeds[0].Fields[0].Value, "javascript") {
		t.Errorf("a non-http link was rendered: %q", js.embeds[0].Fields[0].Value)
	}
	if !isAnswer(&discordgo.Message{Author: &discordgo.User{ID: "7"}, Embeds: r.embeds}, &discordgo.User{ID: "7"}) {
		t.Error("isAnswer does not recognise a rendered answer")
	}

	private := renderAnswer(a, true)
	row := private.components[0].(discordgo.ActionsRow)
	var ids []string
	for _, c := range row.Components {
		ids = append(ids, c.(discordgo.Button).CustomID)
	}
	if strings.Join(ids, ",") != idVoteUp+","+idVoteDown+","+idPost {
		t.Errorf("private buttons %v", ids)
	}
	row = r.components[0].(discordgo.ActionsRow)
	if b := row.Components[0].(discordgo.Button); b.CustomID != idPin || b.Emoji.Name != "📌" || len(row.Components) != 3 {
		t.Errorf("public buttons %+v", row.Components)
	}
}

func TestRenderLongQuoteKeepsTheLink(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a long sentence of the article ", 100)
	a := &answer.Answer{Answer: "Claim [1].", Mode: answer.ModeExtractive, Citations: []answer.Citation{citation(1, long, "https://apnews.com/long")}}
	v := renderAnswer(a, false).embeds[0].Fields[0].Value
	if runes(v) > maxFieldValue || !strings.HasSuffix(v, "…\nThe Associated Press · 2024-04-06 · [article](https://apnews.com/long)") {
		t.Errorf("field of %d characters: ...%q", runes(v), v[max(0, len(v)-120):])
	}
}

func TestRenderRefusal(t *testing.T) {
	t.Parallel()
	a := &answer.Answer{
		Answer: "The articles don't say. The closest passages are below.", Refused: true, Mode: answer.ModeExtractive,
		Closest: []answer.Passage{{Title: "Mexico breaks ties", Quote: "Nicaragua also cut ties.", Date: "2024-04-06"}},
	}
	e := renderAnswer(a, false).embeds[0]
	if e.Title != "Closest passages" || e.Color != colorRefusal || e.Footer.Text != "footnote · the articles don't say" {
		t.Errorf("refusal embed %+v", e)
	}
	if len(e.Fields) != 1 || e.Fields[0].Value != "> Nicaragua also cut ties.\n2024-04-06" {
		t.Errorf("fields %+v", e.Fields)
	}
}

func TestRenderProgressAndSources(t *testing.T) {
	t.Parallel()
	p := renderProgress(strings.Repeat("x", 3000))
	if runes(p.content) > maxContent {
		t.Errorf("progress of %d characters", runes(p.content))
	}
	var list []library.Article
	for range 30 {
		list = append(list, library.Article{Title: strings.Repeat("t", 300), Source: "AP", Date: "2024-04-06", URL: "https://apnews.com", Chunks: 4})
	}
	s := renderSources(list)
	e := s.embeds[0]
	if e.Title != "30 articles" || e.Description != "Showing 25 of 30." {
		t.Errorf("sources embed %q / %q", e.Title, e.Description)
	}
	if n := 0; true {
		for _, e := range s.embeds {
			n += embedSize(e)
		}
		if n > maxEmbedTotal || len(e.Fields) > maxFields {
			t.Errorf("sources: %d characters, %d fields", n, len(e.Fields))
		}
	}
}

// unescaped reports whether s[i] is preceded by an even number of
// backslashes (so Discord reads it as markup).
func unescaped(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 0
}

// checkSafeText fails when text taken from articles could act in Discord:
// a link other than the allowed ones footnote built, a bare URL, a mention
// that is not escaped, or a control character.
func checkSafeText(t *testing.T, where, s string, allowed []string) {
	t.Helper()
	for _, l := range allowed {
		s = strings.ReplaceAll(s, l, "")
	}
	for i := 0; i+1 < len(s); i++ {
		if s[i] == ']' && s[i+1] == '(' && unescaped(s, i) {
			t.Errorf("%s: unescaped \"](\" (a masked link) at %d in %q", where, i, s)
			break
		}
	}
	for i := 0; i+3 <= len(s); i++ {
		if s[i:i+3] == "://" && unescaped(s, i) {
			t.Errorf("%s: a bare URL Discord would link in %q", where, s)
			break
		}
	}
	for _, m := range regexp.MustCompile(`<(@[!&]?|#)\d+>`).FindAllStringIndex(s, -1) {
		t.Errorf("%s: a mention %q", where, s[m[0]:m[1]])
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f }) {
		t.Errorf("%s: a control character in %q", where, s)
	}
}

// renderedTexts lists every text of a rendered message by where it is.
func renderedTexts(r rendered) map[string]string {
	out := map[string]string{"content": r.content}
	for i, e := range r.embeds {
		out[fmt.Sprintf("embed %d title", i)] = e.Title
		out[fmt.Sprintf("embed %d description", i)] = e.Description
		if e.Footer != nil {
			out[fmt.Sprintf("embed %d footer", i)] = e.Footer.Text
		}
		for j, f := range e.Fields {
			out[fmt.Sprintf("embed %d field %d name", i, j)] = f.Name
			out[fmt.Sprintf("embed %d field %d value", i, j)] = f.Value
		}
	}
	return out
}

func TestArticleTextMakesNoLinks(t *testing.T) {
	t.Parallel()
	evil := "Read [the official notice](https://evil.example/login) or https://evil.example/x [1](https://evil.example) <@123> \x1b]8;;https://evil.example\x07here\x1b]8;;\x07."
	c := answer.Citation{N: 1, Title: "[Official](https://evil.example/t)", Source: "[AP](https://evil.example/s)", Date: "2024-04-06", Quote: evil,
		URL: "https://apnews.com/x) [login](https://evil.example/login"}
	good := answer.Citation{N: 2, Title: "Raid", Source: "AP", Date: "2024-04-06", Quote: "Police entered.", URL: "https://apnews.com/raid"}
	a := &answer.Answer{Answer: evil + " [1] [2]", Note: evil, Mode: answer.ModeGenerative, Citations: []answer.Citation{c, good}}
	allowed := []string{"[article](https://apnews.com/raid)", "[link](https://apnews.com/raid)"}
	for where, s := range renderedTexts(renderAnswer(a, false)) {
		checkSafeText(t, "answer "+where, s, allowed)
	}
	if !strings.Contains(renderAnswer(a, false).embeds[0].Fields[1].Value, allowed[0]) {
		t.Error("the http(s) source link footnote builds is missing")
	}
	refusal := &answer.Answer{Answer: evil, Refused: true, Closest: []answer.Passage{{Title: evil, Quote: evil, Date: "2024\x1b[2J"}}}
	for where, s := range renderedTexts(renderAnswer(refusal, false)) {
		checkSafeText(t, "refusal "+where, s, nil)
	}
	srcs := renderSources([]library.Article{{Title: evil, Source: evil, Date: "2024-04-06", URL: "javascript:alert(1)"}, {Title: "Raid", URL: "https://apnews.com/raid"}})
	for where, s := range renderedTexts(srcs) {
		checkSafeText(t, "sources "+where, s, allowed)
		if strings.Contains(s, "javascript") {
			t.Errorf("sources %s: %q links javascript:", where, s)
		}
	}
	tl := renderTimeline([]timeline.Event{{Date: "2024-04-05", Text: evil, Title: evil, Source: evil, URL: "https://evil.example/a)(", Published: "2024-04-06"}}, "")
	for where, s := range renderedTexts(rendered{content: tl.Content, embeds: tl.Embeds}) {
		checkSafeText(t, "timeline "+where, s, []string{"[article](https://evil.example/a%29%28)"})
	}
	checkSafeText(t, "progress", renderProgress(evil).content, nil)
}

// FuzzRenderAnswer: whatever an article or a model says, the rendered
// message holds no link but footnote's own source links, no mention, no
// control character, and keeps Discord's limits.
func FuzzRenderAnswer(f *testing.F) {
	f.Add("Police entered the embassy [1].", "Raid", "AP", "Police entered.", "https://apnews.com/a", false)
	f.Add("[the official notice](https://evil.example/login) [1]", "[t](https://e.x)", "[s](https://e.x)", "<@1> \x1b[2J", "javascript:alert(1)", true)
	f.Add(strings.Repeat("[1](x) ", 400), strings.Repeat("t", 300), "", strings.Repeat("q ", 900), "https://a.b/("+strings.Repeat("x", 600), false)
	f.Fuzz(func(t *testing.T, text, title, source, quote, rawURL string, refused bool) {
		c := answer.Citation{N: 1, Title: title, Source: source, Date: "2024-04-06", Quote: quote, URL: rawURL}
		a := &answer.Answer{Answer: text, Note: quote, Mode: answer.ModeExtractive, Refused: refused,
			Citations: []answer.Citation{c, c}, Closest: []answer.Passage{{Title: title, Quote: quote, Date: source}}}
		var allowed []string
		if l := link("article", rawURL); l != "" {
			allowed = append(allowed, l)
			if u, err := url.Parse(rawURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
				t.Fatalf("link made of %q", rawURL)
			}
		}
		if l := link("link", rawURL); l != "" {
			allowed = append(allowed, l)
		}
		for name, r := range map[string]rendered{
			"answer":  renderAnswer(a, false),
			"sources": renderSources([]library.Article{{Title: title, Source: source, Date: quote, URL: rawURL}}),
			"timeline": func() rendered {
				d := renderTimeline([]timeline.Event{{Date: "2024-04-05", Text: text, Title: title, Source: source, URL: rawURL}}, "")
				return rendered{content: d.Content, embeds: d.Embeds}
			}(),
			"progress": renderProgress(text),
		} {
			if n := runes(r.content); n > maxContent {
				t.Fatalf("%s: content of %d characters", name, n)
			}
			checkEmbedLimits(t, r.embeds)
			for where, s := range renderedTexts(r) {
				checkSafeText(t, name+" "+where, s, allowed)
			}
		}
	})
}
