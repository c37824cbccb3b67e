package bot_test

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/localdiscord"
)

// TestForgetAnArticleWithALongID: ids come from file names, so they can be
// longer than a custom_id may be (100 characters); the confirmation still
// works, and every request stays valid against Discord's OpenAPI document.
func TestForgetAnArticleWithALongID(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{library: true, extractive: true})
	ctx := h.ctx()
	long := "ecuador-mexico-embassy-raid-" + strings.Repeat("diplomatic-crisis-", 8) + "report"
	added, err := h.cfg.Library.AddFile(ctx, long+".md", []byte("# Embassy raid report\n\nThe Organization of American States condemned the raid on the embassy in Quito."))
	if err != nil {
		t.Fatal(err)
	}
	if len(added.ID) <= 100 {
		t.Fatalf("id %q is only %d characters", added.ID, len(added.ID))
	}
	f, err := h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(h.mod, memberPerms|manageGuild), Name: "forget",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{localdiscord.StringOption("document", added.ID)}})
	if err != nil {
		t.Fatal(err)
	}
	confirm := h.privateReply(ctx, f.ID, "Remove")
	var remove string
	for id, label := range customIDs(confirm) {
		if label == "Remove" {
			remove = id
		}
	}
	if remove == "" || len(remove) > 100 {
		t.Fatalf("remove button custom_id %q (%d characters)", remove, len(remove))
	}
	p := h.press(h.mod, memberPerms|manageGuild, confirm.ID, remove)
	h.reply(ctx, p.ID, func(m localdiscord.Message) bool { return strings.Contains(m.Content, "Removed") })
	for _, d := range h.cfg.Library.Documents() {
		if d.ID == added.ID {
			t.Fatal("the article is still indexed")
		}
	}
}
