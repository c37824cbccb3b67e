package bot

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

func TestClip(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("word ", 100)
	cases := []struct {
		name string
		s    string
		n    int
		want string
	}{
		{"short", "hello", 10, "hello"},
		{"exact", "hello", 5, "hello"},
		{"at a word", "hello big world", 12, "hello big…"},
		{"no space near", strings.Repeat("x", 100), 10, strings.Repeat("x", 9) + "…"},
		{"one", "hello", 1, "h"},
		{"zero", "hello", 0, ""},
		{"negative", "hello", -3, ""},
		{"runes, not bytes", "ñandú ñandú ñandú", 11, "ñandú…"},
		{"emoji", "👍👍👍👍", 3, "👍👍…"},
		{"trailing newline", "line one\n\nline two", 11, "line one…"},
		{"long text", long, 50, strings.TrimSpace(long[:45]) + "…"},
	}
	for _, c := range cases {
		if got := clip(c.s, c.n); got != c.want {
			t.Errorf("%s: clip(%q, %d) = %q, want %q", c.name, c.s, c.n, got, c.want)
		}
	}
}

func FuzzClip(f *testing.F) {
	for _, s := range []string{"", "hello big world", strings.Repeat("ab ", 700), "ñandú 👍 \n x", "\xff\xfe"} {
		f.Add(s, 10)
		f.Add(s, 1)
		f.Add(s, 2000)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n %= 5000
		got := clip(s, n)
		if r := utf8.RuneCountInString(got); r > max(n, 0) {
			t.Fatalf("clip(%q, %d) has %d runes", s, n, r)
		}
		if !utf8.ValidString(s) {
			return
		}
		if !utf8.ValidString(got) {
			t.Fatalf("clip(%q, %d) = %q is not UTF-8", s, n, got)
		}
		if utf8.RuneCountInString(s) <= n {
			if got != s {
				t.Fatalf("clip(%q, %d) = %q changed a text within the limit", s, n, got)
			}
			return
		}
		if !strings.HasPrefix(s, strings.TrimSuffix(got, "…")) {
			t.Fatalf("clip(%q, %d) = %q is not a prefix", s, n, got)
		}
		if n > 1 && !strings.HasSuffix(got, "…") {
			t.Fatalf("clip(%q, %d) = %q does not mark the cut", s, n, got)
		}
	})
}

// checkEmbedLimits fails unless embeds keep every Discord limit.
func checkEmbedLimits(t *testing.T, embeds []*discordgo.MessageEmbed) {
	t.Helper()
	total := 0
	for i, e := range embeds {
		if n := runes(e.Title); n > 256 {
			t.Errorf("embed %d: title has %d characters", i, n)
		}
		if n := runes(e.Description); n > 4096 {
			t.Errorf("embed %d: description has %d characters", i, n)
		}
		if e.Footer != nil && runes(e.Footer.Text) > 2048 {
			t.Errorf("embed %d: footer has %d characters", i, runes(e.Footer.Text))
		}
		if e.Author != nil && runes(e.Author.Name) > 256 {
			t.Errorf("embed %d: author name has %d characters", i, runes(e.Author.Name))
		}
		if len(e.Fields) > 25 {
			t.Errorf("embed %d: %d fields", i, len(e.Fields))
		}
		for j, f := range e.Fields {
			if n := runes(f.Name); n > 256 || strings.TrimSpace(f.Name) == "" {
				t.Errorf("embed %d field %d: name of %d characters %q", i, j, n, f.Name)
			}
			if n := runes(f.Value); n > 1024 || strings.TrimSpace(f.Value) == "" {
				t.Errorf("embed %d field %d: value of %d characters %q", i, j, n, f.Value)
			}
		}
		total += embedSize(e)
	}
	if total > 6000 {
		t.Errorf("embeds total %d characters", total)
	}
}

func fields(n, nameLen, valueLen int) []*discordgo.MessageEmbedField {
	var out []*discordgo.MessageEmbedField
	for i := range n {
		out = append(out, &discordgo.MessageEmbedField{
			Name: fmt.Sprintf("[%d] %s", i+1, strings.Repeat("n", nameLen)), Value: strings.Repeat("v", valueLen),
		})
	}
	return out
}

func TestFitEmbeds(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("long text ", 1000)
	cases := []struct {
		name   string
		embeds []*discordgo.MessageEmbed
		check  func(t *testing.T, out []*discordgo.MessageEmbed)
	}{
		{"within limits: unchanged", []*discordgo.MessageEmbed{{Title: "Sources", Fields: fields(3, 10, 100), Footer: &discordgo.MessageEmbedFooter{Text: "footnote"}}},
			func(t *testing.T, out []*discordgo.MessageEmbed) {
				if len(out[0].Fields) != 3 || out[0].Footer.Text != "footnote" || out[0].Fields[2].Value != strings.Repeat("v", 100) {
					t.Errorf("changed: %+v", out[0])
				}
			}},
		{"every part too long", []*discordgo.MessageEmbed{{Title: huge, Description: huge, Footer: &discordgo.MessageEmbedFooter{Text: huge},
			Author: &discordgo.MessageEmbedAuthor{Name: huge}, Fields: fields(40, 300, 2000)}}, nil},
		{"five long sources over 6000: the last dropped, and said", []*discordgo.MessageEmbed{{Title: "Sources", Fields: fields(5, 250, 1024),
			Footer: &discordgo.MessageEmbedFooter{Text: "footnote · quoted from the articles"}}},
			func(t *testing.T, out []*discordgo.MessageEmbed) {
				if len(out[0].Fields) != 4 || out[0].Footer.Text != "footnote · quoted from the articles · 1 more not shown: too long for Discord" {
					t.Errorf("%d fields, footer %q", len(out[0].Fields), out[0].Footer.Text)
				}
			}},
		{"empty field parts", []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: " ", Value: ""}}}},
			func(t *testing.T, out []*discordgo.MessageEmbed) {
				if out[0].Fields[0].Name != "—" || out[0].Fields[0].Value != "—" {
					t.Errorf("field %+v", out[0].Fields[0])
				}
			}},
		// the overflow is in an earlier embed and the last has nothing to
		// give: this looped for ever
		{"overflow before an empty last embed", []*discordgo.MessageEmbed{
			{Title: huge, Description: huge, Footer: &discordgo.MessageEmbedFooter{Text: huge}}, {}}, nil},
		{"overflow in titles and footers only", []*discordgo.MessageEmbed{
			{Title: huge, Footer: &discordgo.MessageEmbedFooter{Text: huge}},
			{Title: huge, Footer: &discordgo.MessageEmbedFooter{Text: huge}},
			{Title: huge, Footer: &discordgo.MessageEmbedFooter{Text: huge}, Author: &discordgo.MessageEmbedAuthor{Name: huge}}}, nil},
		{"no embeds", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := fitEmbeds(c.embeds)
			checkEmbedLimits(t, out)
			if c.check != nil {
				c.check(t, out)
			}
		})
	}
}

func FuzzFitEmbeds(f *testing.F) {
	f.Add("Sources", "", "footnote · generated", "", "[1] Title", "> a quoted sentence", uint8(1), uint8(5), uint16(1))
	f.Add("t", "d", "f", "a", "n", "v", uint8(3), uint8(30), uint16(400))
	f.Add("title ", "description ", "footer ", "author ", "name ", "value ", uint8(10), uint8(26), uint16(2000))
	f.Add("", "", "", "", " ", " ", uint8(2), uint8(0), uint16(5000))
	f.Add("x", "", "", "", "", "", uint8(4), uint8(0), uint16(3000))
	f.Fuzz(func(t *testing.T, title, desc, footer, author, name, value string, nEmbeds, nFields uint8, rep uint16) {
		n := int(nEmbeds%10) + 1
		r := int(rep % 4000)
		grow := func(s string, k int) string {
			if len(s)*k > 1<<16 {
				k = (1 << 16) / max(len(s), 1)
			}
			return strings.Repeat(s, k)
		}
		var embeds []*discordgo.MessageEmbed
		for i := range n {
			e := &discordgo.MessageEmbed{Title: grow(title, r/(i+1)), Description: grow(desc, r*(i%2))}
			if i%3 != 1 {
				e.Footer = &discordgo.MessageEmbedFooter{Text: grow(footer, r)}
			}
			if i%4 == 2 {
				e.Author = &discordgo.MessageEmbedAuthor{Name: grow(author, r)}
			}
			for j := range int(nFields % 40) {
				e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: grow(name, j), Value: grow(value, r/(j+1))})
			}
			embeds = append(embeds, e)
		}
		fitEmbeds(embeds)
		checkEmbedLimits(t, embeds)
	})
}

func TestPlainDefusesLinksAndControls(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"Police entered the embassy [1].", "Police entered the embassy [1]."},
		{"[the official notice](https://evil.example/login)", `\[the official notice\]\(https\://evil.example/login)`},
		{"see [1](https://evil.example) now", `see [1]\(https\://evil.example) now`},
		{"bare https://evil.example/login link", `bare https\://evil.example/login link`},
		{"<https://evil.example>", `<https\://evil.example\>`},
		{"[[1]](x)", `\[[1]\]\(x)`},
		{"red \x1b[31malert\x1b[0m\r\n", `red \[31malert\[0m` + "\n"},
		{"a\u202eb\u0085c", "abc"},
		{"(AP) — 10:30 a.m.", "(AP) — 10:30 a.m."},
		{"*bold* _it_ `code` ||spoiler|| # head > quote", `\*bold\* \_it\_ \` + "`code\\`" + ` \|\|spoiler\|\| \# head \> quote`},
	} {
		if got := plain(tc.in); got != tc.want {
			t.Errorf("plain(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLink(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"https://apnews.com/a", "[article](https://apnews.com/a)"},
		{"http://example.com/x?y=1#z", "[article](http://example.com/x?y=1#z)"},
		{"https://example.com/a_(b)", "[article](https://example.com/a_%28b%29)"},
		{"https://example.com/a) [x](https://evil.example", ""}, // a space: not one URL
		{"https://user:pw@apnews.com/a", "[article](https://apnews.com/a)"},
		{"javascript:alert(1)", ""},
		{"JAVASCRIPT://%0aalert(1)", ""},
		{"data:text/html,<script>", ""},
		{"//evil.example/x", ""},
		{"https:evil", ""},
		{"", ""},
		{"https://exa\x1bmple.com", ""},
		{"https://" + strings.Repeat("a", 600) + ".com", ""},
	} {
		if got := link("article", tc.in); got != tc.want {
			t.Errorf("link(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
