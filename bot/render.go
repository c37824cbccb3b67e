package bot

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
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
		for _, c := range a.Citations {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
				Name:  fmt.Sprintf("[%d] %s", c.N, plain(c.Title)),
				Value: sourceValue(c),
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
			parts = append(parts, fmt.Sprintf("%d citation(s) dropped", len(v.Dropped)))
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
func renderSources(list []Source) rendered {
	e := &discordgo.MessageEmbed{Title: fmt.Sprintf("%d article(s)", len(list)), Color: colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{Text: footerBrand + " · sources"}}
	for _, s := range list {
		var meta []string
		for _, m := range []string{plain(s.Outlet), plain(s.Date), fmt.Sprintf("%d passages", s.Chunks)} {
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
