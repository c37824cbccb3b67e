package playground

import (
	"fmt"

	"github.com/footnote-bot/footnote/localdiscord"
)

// Permissions of the playground's users, as Discord computes them in a
// channel.
const (
	// MemberPermissions: View Channel, Send Messages, Read Message History.
	MemberPermissions = localdiscord.PermissionViewChannel | localdiscord.PermissionSendMessages |
		localdiscord.PermissionReadMessageHistory
	// PermissionManageServer is Discord's MANAGE_GUILD.
	PermissionManageServer int64 = 1 << 5
	// ModeratorPermissions add Pin Messages and Manage Server.
	ModeratorPermissions = MemberPermissions | localdiscord.PermissionPinMessages | PermissionManageServer
)

// Roles of the playground's users.
const (
	RoleMember    = "member"
	RoleModerator = "moderator"
)

// World is the playground's Discord: one guild with a #general channel,
// and the two people who use it.
type World struct {
	Guild     localdiscord.Guild
	General   localdiscord.Channel
	Member    localdiscord.User
	Moderator localdiscord.User
}

// NewWorld creates the playground's guild, #general and users in srv.
// Create it before the bot connects, so the bot's READY lists the guild.
func NewWorld(srv *localdiscord.Server) (World, error) {
	g, err := srv.AddGuild(localdiscord.Guild{Name: "footnote playground"})
	if err != nil {
		return World{}, fmt.Errorf("playground world: %w", err)
	}
	ch, err := srv.AddChannel(localdiscord.Channel{GuildID: g.ID, Name: "general"})
	if err != nil {
		return World{}, fmt.Errorf("playground world: %w", err)
	}
	return World{
		Guild:     g,
		General:   ch,
		Member:    srv.AddUser(localdiscord.User{Username: "member", GlobalName: "Member"}),
		Moderator: srv.AddUser(localdiscord.User{Username: "moderator", GlobalName: "Moderator"}),
	}, nil
}

// person is a user of the page and what Discord lets them do.
type person struct {
	user        localdiscord.User
	role        string
	permissions int64
}

// people are the World's users, member first.
func (w World) people() []person {
	return []person{
		{user: w.Member, role: RoleMember, permissions: MemberPermissions},
		{user: w.Moderator, role: RoleModerator, permissions: ModeratorPermissions},
	}
}
