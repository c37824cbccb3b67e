package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
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
	if len(e.Fields) != 2 || e.Fields[0].Name != "[1] Mexico breaks ties with Ecuador" {
		t.Fatalf("fields %+v", e.Fields)
	}
	if want := "> Ecuadorian police broke through the external doors \\> to arrest Jorge Glas.\nThe Associated Press · 2024-04-06 · [article](https://apnews.com/a)"; e.Fields[0].Value != want {
		t.Errorf("field 1 = %q, want %q", e.Fields[0].Value, want)
	}
	if strings.Contains(e.Fields[1].Value, "javascript") {
		t.Errorf("a non-http link was rendered: %q", e.Fields[1].Value)
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
	var list []Source
	for range 30 {
		list = append(list, Source{Title: strings.Repeat("t", 300), Outlet: "AP", Date: "2024-04-06", URL: "https://apnews.com", Chunks: 4})
	}
	s := renderSources(list)
	e := s.embeds[0]
	if e.Title != "30 article(s)" || e.Description != "Showing 25 of 30." {
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
