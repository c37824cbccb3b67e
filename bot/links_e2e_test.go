package bot_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/localdiscord"
)

// ownLink is the only link footnote may put in a message: its own label
// around an http(s) URL.
var ownLink = regexp.MustCompile(`\[(article|link)\]\(https?://[^\s()<>\[\]]+\)`)

// checkNoArticleLinks fails when a text Discord shows holds a link footnote
// did not build: a masked link ("](" not escaped) or a bare URL ("://" not
// escaped), or a control character.
func checkNoArticleLinks(t *testing.T, where, s string) {
	t.Helper()
	rest := ownLink.ReplaceAllString(s, "")
	for _, pat := range []string{"](", "://"} {
		for i := strings.Index(rest, pat); i >= 0; {
			n := 0
			for j := i - 1; j >= 0 && rest[j] == '\\'; j-- {
				n++
			}
			if n%2 == 0 {
				t.Errorf("%s: %q is a link Discord would show: %q", where, pat, s)
				break
			}
			next := strings.Index(rest[i+1:], pat)
			if next < 0 {
				break
			}
			i += 1 + next
		}
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f }) {
		t.Errorf("%s: a control character in %q", where, s)
	}
}

func checkMessageLinks(t *testing.T, m localdiscord.Message) {
	t.Helper()
	checkNoArticleLinks(t, "content", m.Content)
	for _, e := range m.Embeds {
		checkNoArticleLinks(t, "embed title", e.Title)
		checkNoArticleLinks(t, "embed description", e.Description)
		for _, f := range e.Fields {
			checkNoArticleLinks(t, "field name", f.Name)
			checkNoArticleLinks(t, "field value", f.Value)
		}
	}
}

// TestArticleLinksDoNotReachDiscord: an article whose text carries a masked
// phishing link, a bare URL and terminal escapes, and whose metadata points
// at a javascript: URL, is cited and listed without any of them becoming a
// link or reaching the message.
func TestArticleLinksDoNotReachDiscord(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{library: true, extractive: true})
	ctx := h.ctx()
	body := "---\ntitle: \"Ministry notice [Login](https://evil.example/t)\"\nsource: \"[AP](https://evil.example/s)\"\nurl: \"javascript:alert(1)\"\ndate: 2024-04-08\n---\n\n" +
		"The foreign ministry published [the official notice](https://evil.example/login) about the consular staff leaving Quito.\x1b[2J\n\n" +
		"The consular staff left Quito on Sunday, the ministry said at https://evil.example/more in its notice.\n"
	if _, err := h.cfg.Library.AddFile(ctx, "notice.txt", []byte(body)); err != nil {
		t.Fatal(err)
	}
	m := h.final(ctx, h.ask("When did the consular staff leave Quito?", false).ID)
	if !strings.Contains(m.Content, "consular staff") {
		t.Fatalf("the article was not cited: %q", m.Content)
	}
	checkMessageLinks(t, m)

	in, err := h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(h.alice, memberPerms), Name: "sources"})
	if err != nil {
		t.Fatal(err)
	}
	st := h.acked(ctx, in.ID)
	src, _ := h.srv.Message(h.channel.ID, st.OriginalMessageID)
	if len(src.Embeds) == 0 || !strings.Contains(src.Embeds[0].Title, "2 articles") {
		t.Fatalf("sources message = %+v", src)
	}
	checkMessageLinks(t, src)
	for _, f := range src.Embeds[0].Fields {
		if strings.Contains(f.Value, "javascript") {
			t.Errorf("sources field %q links javascript:", f.Value)
		}
	}
}
