package bot

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/corpus"
)

// Discord's limits on what a message may hold, in characters.
const (
	maxContent          = 2000
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFooter           = 2048
	maxEmbedTotal       = 6000
	maxFields           = 25
)

// clip shortens s to at most n characters, cutting at a word boundary when
// one is near and marking the cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return string([]rune(s)[:max(n, 0)])
	}
	r := []rune(s)[:n-1]
	cut := len(r)
	for i := len(r) - 1; i > len(r)-40 && i > 0; i-- {
		if r[i] == ' ' || r[i] == '\n' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " \n") + "…"
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// maxAuthorName is Discord's limit on an embed's author name.
const maxAuthorName = 256

// noteRoom is kept free in a message whose embeds lost fields, for the note
// saying how many.
const noteRoom = 48

// embedSize counts the characters Discord adds up against the 6000 limit.
func embedSize(e *discordgo.MessageEmbed) int {
	n := runes(e.Title) + runes(e.Description)
	if e.Footer != nil {
		n += runes(e.Footer.Text)
	}
	if e.Author != nil {
		n += runes(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += runes(f.Name) + runes(f.Value)
	}
	return n
}

// fitEmbeds makes embeds obey Discord's limits: each part clipped, at most
// 25 fields, and all embeds of a message together at most 6000 characters,
// dropping trailing fields (noting how many in the last footer) and then
// shortening texts when needed.
func fitEmbeds(embeds []*discordgo.MessageEmbed) []*discordgo.MessageEmbed {
	total := 0
	for _, e := range embeds {
		e.Title = clip(e.Title, maxEmbedTitle)
		e.Description = clip(e.Description, maxEmbedDescription)
		if e.Footer != nil {
			e.Footer.Text = clip(e.Footer.Text, maxFooter)
		}
		if e.Author != nil {
			e.Author.Name = clip(e.Author.Name, maxAuthorName)
		}
		if len(e.Fields) > maxFields {
			e.Fields = e.Fields[:maxFields]
		}
		for _, f := range e.Fields {
			f.Name = clip(f.Name, maxFieldName)
			f.Value = clip(f.Value, maxFieldValue)
			if strings.TrimSpace(f.Value) == "" {
				f.Value = "—"
			}
			if strings.TrimSpace(f.Name) == "" {
				f.Name = "—"
			}
		}
		total += embedSize(e)
	}
	limit, dropped := maxEmbedTotal, 0
	for total > limit {
		// drop the last field of the last embed that has one...
		if e := lastEmbedWithFields(embeds); e != nil {
			f := e.Fields[len(e.Fields)-1]
			e.Fields = e.Fields[:len(e.Fields)-1]
			total -= runes(f.Name) + runes(f.Value)
			dropped++
			limit = maxEmbedTotal - noteRoom
			continue
		}
		// ... else shorten the last text there is, descriptions first
		t := lastText(embeds)
		if t == nil {
			break // cannot happen: total > 0 means some text is left
		}
		n := runes(*t)
		*t = clip(*t, max(n-(total-limit), 0))
		total -= n - runes(*t)
	}
	if dropped > 0 {
		e := embeds[len(embeds)-1]
		if e.Footer == nil {
			e.Footer = &discordgo.MessageEmbedFooter{}
		}
		note := fmt.Sprintf("%d more not shown: too long for Discord", dropped)
		if e.Footer.Text != "" {
			note = " · " + note
		}
		e.Footer.Text = clip(e.Footer.Text, maxFooter-runes(note)) + note
	}
	return embeds
}

func lastEmbedWithFields(embeds []*discordgo.MessageEmbed) *discordgo.MessageEmbed {
	for i := len(embeds) - 1; i >= 0; i-- {
		if len(embeds[i].Fields) > 0 {
			return embeds[i]
		}
	}
	return nil
}

// lastText is the text to shorten next: the last non-empty description,
// else footer, title or author name.
func lastText(embeds []*discordgo.MessageEmbed) *string {
	parts := []func(e *discordgo.MessageEmbed) *string{
		func(e *discordgo.MessageEmbed) *string { return &e.Description },
		func(e *discordgo.MessageEmbed) *string {
			if e.Footer == nil {
				return nil
			}
			return &e.Footer.Text
		},
		func(e *discordgo.MessageEmbed) *string { return &e.Title },
		func(e *discordgo.MessageEmbed) *string {
			if e.Author == nil {
				return nil
			}
			return &e.Author.Name
		},
	}
	for _, part := range parts {
		for i := len(embeds) - 1; i >= 0; i-- {
			if t := part(embeds[i]); t != nil && *t != "" {
				return t
			}
		}
	}
	return nil
}

// markdownEscaper keeps article text from turning into Discord formatting:
// emphasis, code, spoilers, quotes, headings, and the brackets of a masked
// link.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "|", `\|`, ">", `\>`, "#", `\#`,
	"[", `\[`, "]", `\]`,
)

// escapedMarker is a citation marker [n] after markdownEscaper.
var escapedMarker = regexp.MustCompile(`\\\[(\d{1,4})\\\]`)

// linkDefuser breaks what Discord would still make a link of once brackets
// are escaped: a marker followed by "(" ("[1](https://…)" is a masked link
// labelled 1), and a scheme's "://" (Discord links bare URLs).
var linkDefuser = strings.NewReplacer("](", `]\(`, "://", `\://`)

// plain makes text taken from articles or models safe to show in a Discord
// message: control characters removed, markdown escaped, no masked or bare
// link left. Citation markers [n] are kept as they are. What keeps mentions
// from pinging is allowed_mentions (noPings), sent with every message; an
// escaped ">" keeps <@id> from even looking like one.
func plain(s string) string {
	s = markdownEscaper.Replace(corpus.CleanText(s))
	s = escapedMarker.ReplaceAllString(s, "[$1]")
	return linkDefuser.Replace(s)
}

// maxLinkURL is the longest article URL footnote makes a link of.
const maxLinkURL = 512

// link is the only way footnote makes a link in a message: a masked link
// with footnote's own label to an http(s) URL with a host, its user info
// dropped and the characters that could end or break the Markdown
// percent-encoded. Anything else gives "".
func link(label, raw string) string {
	raw = strings.TrimSpace(raw)
	if strings.ContainsFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Opaque != "" {
		return ""
	}
	u.User = nil
	s := urlEscaper.Replace(u.String())
	if len(s) > maxLinkURL || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f || r > 0x7e }) {
		return ""
	}
	return "[" + label + "](" + s + ")"
}

var urlEscaper = strings.NewReplacer("(", "%28", ")", "%29", "[", "%5B", "]", "%5D", "<", "%3C", ">", "%3E", " ", "%20", `"`, "%22", "`", "%60", `\`, "%5C")

// noPings allows no mention of anyone, @everyone and roles included.
func noPings() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}
