package bot

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/library"
)

// footerBrand opens the footer of every footnote answer; the pin command
// recognises answers by it.
const footerBrand = "footnote"

// colors of the sources embed.
const (
	colorAnswer  = 0x2b6cb0
	colorRefusal = 0x718096
)

// rendered is a message ready to send or edit.
type rendered struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
}

var markerRe = regexp.MustCompile(`\[(\d+)\]`)

// renderAnswer lays an answer out as Discord shows it: the text with its [n]
// markers, then an embed with one field per source (title linked to the
// article, the quoted sentence, outlet and date), then the buttons.
func renderAnswer(a *answer.Answer, private bool) rendered {
	r := rendered{}
	text := plain(a.Answer)
	// markers were escaped to \[n\]? no: [ ] are not escaped, keep them.
	if a.Note != "" {
		text += "\n-# " + plain(a.Note)
	}
	if a.StandaloneQuestion != "" {
		// how a follow-up was read, in small print
		text += "\n-# Answering: " + plain(a.StandaloneQuestion)
	}
	r.content = clip(text, maxContent)
	e := &discordgo.MessageEmbed{Color: colorAnswer}
	if a.Refused {
		e.Color = colorRefusal
		e.Title = "Closest passages"
		for _, p := range a.Closest {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
				Name:  plain(p.Title),
				Value: "> " + plain(p.Quote) + dateSuffix(p.Date),
			})
		}
	} else {
		e.Title = "Sources"
		if a.Question != "" {
			// a pinned or forwarded answer keeps its question
			e.Description = "**Q:** " + plain(clip(a.Question, maxQuestionShown))
		}
		for _, g := range byArticle(a.Citations) {
			name := ""
			for _, c := range g {
				name += fmt.Sprintf("[%d]", c.N)
			}
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
				Name:  name + " " + plain(g[0].Title),
				Value: groupValue(g),
			})
		}
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: footerText(a)}
	r.embeds = fitEmbeds([]*discordgo.MessageEmbed{e})
	r.components = buttons(private)
	return r
}

func sourceValue(c answer.Citation) string {
	var b strings.Builder
	b.WriteString("> " + plain(strings.ReplaceAll(c.Quote, "\n", " ")) + "\n")
	var meta []string
	if c.Source != "" {
		meta = append(meta, plain(c.Source))
	}
	if c.Date != "" {
		meta = append(meta, plain(c.Date))
	}
	if l := link("article", c.URL); l != "" {
		meta = append(meta, l)
	}
	b.WriteString(strings.Join(meta, " · "))
	// keep the link whole: clip the quote, not the metadata
	if runes(b.String()) > maxFieldValue {
		tail := "\n" + strings.Join(meta, " · ")
		return clip("> "+plain(c.Quote), maxFieldValue-runes(tail)) + tail
	}
	return b.String()
}

// maxQuestionShown bounds the question an answer's embed repeats.
const maxQuestionShown = 300

// byArticle groups citations by article, in the order each article is
// first cited, so that an article cited three times is one field "[1][2][4]
// Title".
func byArticle(cs []answer.Citation) [][]answer.Citation {
	return answer.ByArticle(cs, answer.CitedArticle)
}

// groupValue is one article's field: each citation's quote ("> [n] …" when
// the article is cited more than once), then outlet, date and link. Quotes
// are clipped, evenly, so that the metadata and its link stay whole.
func groupValue(g []answer.Citation) string {
	if len(g) == 1 {
		return sourceValue(g[0])
	}
	var meta []string
	if g[0].Source != "" {
		meta = append(meta, plain(g[0].Source))
	}
	if g[0].Date != "" {
		meta = append(meta, plain(g[0].Date))
	}
	if l := link("article", g[0].URL); l != "" {
		meta = append(meta, l)
	}
	tail := strings.Join(meta, " · ")
	budget := (maxFieldValue - runes(tail)) / len(g)
	var b strings.Builder
	for _, c := range g {
		b.WriteString(clip(fmt.Sprintf("> [%d] %s", c.N, plain(strings.ReplaceAll(c.Quote, "\n", " "))), budget-1) + "\n")
	}
	b.WriteString(tail)
	return b.String()
}

func dateSuffix(d string) string {
	if d == "" {
		return ""
	}
	return "\n" + plain(d)
}

func footerText(a *answer.Answer) string {
	parts := []string{footerBrand}
	switch {
	case a.Refused:
		parts = append(parts, "the articles don't say")
	case a.Mode == answer.ModeGenerative:
		parts = append(parts, "generated, every citation checked")
		if v := a.Verification; v != nil && len(v.Dropped) > 0 {
			parts = append(parts, countOf(len(v.Dropped), "citation", "citations")+" dropped")
		}
	default:
		parts = append(parts, "quoted from the articles")
	}
	return strings.Join(parts, " · ")
}

// renderSummary lays out a summary like an answer.
func renderSummary(s *answer.Summary) rendered {
	a := &answer.Answer{Answer: s.Summary, Refused: s.Refused, Mode: s.Mode, Citations: s.Citations, Note: s.Note}
	return renderAnswer(a, false)
}

// renderProgress is the message while an answer streams in.
func renderProgress(text string) rendered {
	return rendered{content: clip(plain(text)+" ▍", maxContent)}
}

func buttons(private bool) []discordgo.MessageComponent {
	row := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{CustomID: idVoteUp, Label: "Helpful", Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton},
		discordgo.Button{CustomID: idVoteDown, Label: "Not helpful", Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton},
	}}
	if private {
		row.Components = append(row.Components, discordgo.Button{CustomID: idPost, Label: "Post to channel", Style: discordgo.PrimaryButton})
	} else {
		row.Components = append([]discordgo.MessageComponent{
			discordgo.Button{CustomID: idPin, Label: "Pin", Emoji: &discordgo.ComponentEmoji{Name: "📌"}, Style: discordgo.SecondaryButton},
		}, row.Components...)
	}
	return []discordgo.MessageComponent{row}
}

// isAnswer reports whether a message is a footnote answer posted by the
// bot: by the bot, with footnote's footer.
func isAnswer(m *discordgo.Message, bot *discordgo.User) bool {
	if m == nil || m.Author == nil || bot == nil || m.Author.ID != bot.ID {
		return false
	}
	for _, e := range m.Embeds {
		if e.Footer != nil && strings.HasPrefix(e.Footer.Text, footerBrand) {
			return true
		}
	}
	return false
}

// renderSources lists the articles.
func renderSources(list []library.Article) rendered {
	e := &discordgo.MessageEmbed{Title: countOf(len(list), "article", "articles"), Color: colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{Text: footerBrand + " · sources"}}
	for _, s := range list {
		var meta []string
		for _, m := range []string{plain(s.Source), plain(s.Date), countOf(s.Chunks, "passage", "passages")} {
			if m != "" {
				meta = append(meta, m)
			}
		}
		if l := link("link", s.URL); l != "" {
			meta = append(meta, l)
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: plain(s.Title), Value: strings.Join(meta, " · ")})
	}
	if len(list) > maxFields {
		e.Description = fmt.Sprintf("Showing %d of %d.", maxFields, len(list))
	}
	return rendered{embeds: fitEmbeds([]*discordgo.MessageEmbed{e})}
}

// countOf writes a count with its noun, singular for one: "1 article".
func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
