package bot

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/corpus"
)

func TestForgetIDFitsDiscordsLimit(t *testing.T) {
	t.Parallel()
	var docs []*corpus.Document
	for _, id := range []string{
		"raid", "#starts-with-hash", strings.Repeat("a", 84), strings.Repeat("b", 85), strings.Repeat("ñ", 60),
		strings.Repeat("x", 300), strings.Repeat("x", 299) + "y",
	} {
		docs = append(docs, &corpus.Document{ID: id})
	}
	seen := map[string]string{}
	for _, d := range docs {
		cid := forgetID(d.ID)
		if n := len(cid); n > maxCustomID {
			t.Errorf("forgetID(%.20q…) has %d bytes, over %d", d.ID, n, maxCustomID)
		}
		if other, dup := seen[cid]; dup {
			t.Errorf("%q and %q share custom_id %q", other, d.ID, cid)
		}
		seen[cid] = d.ID
		if !strings.HasPrefix(cid, idForget) {
			t.Fatalf("forgetID(%q) = %q lacks the prefix", d.ID, cid)
		}
		if got := forgetTarget(docs, strings.TrimPrefix(cid, idForget)); got != d.ID {
			t.Errorf("forgetTarget(forgetID(%.20q…)) = %.20q…", d.ID, got)
		}
	}
	if got := forgetTarget(docs, "#00000000000000000000000000000000"); got != "" {
		t.Errorf("an unknown hash resolved to %q", got)
	}
}

func TestCanManageMatchesTheRoleByID(t *testing.T) {
	t.Parallel()
	const guild, roleID, otherID = "1", "223456789012345678", "323456789012345678"
	s := &discordgo.Session{State: discordgo.NewState()}
	if err := s.State.GuildAdd(&discordgo.Guild{ID: guild, Roles: []*discordgo.Role{
		{ID: roleID, Name: "editors"},
		{ID: otherID, Name: roleID}, // a role named like the configured id
		{ID: "423456789012345678", Name: "Editors"},
	}}); err != nil {
		t.Fatal(err)
	}
	press := func(roles ...string) *discordgo.InteractionCreate {
		return &discordgo.InteractionCreate{Interaction: &discordgo.Interaction{GuildID: guild, Member: &discordgo.Member{Roles: roles}}}
	}
	for _, tc := range []struct {
		config string
		roles  []string
		want   bool
	}{
		{roleID, []string{roleID}, true},
		{roleID, []string{otherID}, false}, // its name is the id: not the role
		{roleID, []string{"423456789012345678"}, false},
		{roleID, nil, false},
		{"editors", []string{roleID}, true}, // by name when given a name
		{"editors", []string{"423456789012345678"}, true},
		{"editors", []string{otherID}, false},
		{"", []string{roleID}, false},
	} {
		b := &Bot{cfg: Config{IngestRole: tc.config}}
		if got := b.canManage(s, press(tc.roles...)); got != tc.want {
			t.Errorf("role %q, member roles %v: canManage = %v, want %v", tc.config, tc.roles, got, tc.want)
		}
	}
	manager := press()
	manager.Member.Permissions = permManageGuild
	if !(&Bot{}).canManage(s, manager) {
		t.Error("Manage Server no longer suffices")
	}
}
