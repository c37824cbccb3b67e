package bot

import (
	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
)

// Custom ids of footnote's buttons.
const (
	idPin      = "footnote:pin"
	idVoteUp   = "footnote:vote:up"
	idVoteDown = "footnote:vote:down"
	idPost     = "footnote:post"
	// pinCommand is the message command's name.
	pinCommand = "Pin cited answer"
)

// permManageGuild is Discord's MANAGE_GUILD ("Manage Server").
const permManageGuild int64 = 1 << 5

// commands are footnote's application commands; the library commands
// (/ingest, /forget, /timeline) only when the bot can change its corpus.
func commands(library bool) []*discordgo.ApplicationCommand {
	var lengths []*discordgo.ApplicationCommandOptionChoice
	for _, l := range answer.SummaryLengths {
		lengths = append(lengths, &discordgo.ApplicationCommandOptionChoice{Name: l, Value: l})
	}
	// guilds only: footnote answers in channels and threads, not in DMs
	guildOnly := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	cmds := []*discordgo.ApplicationCommand{
		{
			Name:        "ask",
			Description: "Ask about the event; every claim in the answer is cited",
			Contexts:    guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true, MaxLength: answer.MaxQuestionRunes},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Show the answer only to you first"},
			},
		},
		{
			Name:        "summary",
			Description: "The key points of the event, each cited",
			Contexts:    guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "length", Description: "How many points", Choices: lengths},
				{Type: discordgo.ApplicationCommandOptionString, Name: "focus", Description: "Only points about this topic", MaxLength: 200},
			},
		},
		{
			Name:        "sources",
			Description: "The articles footnote answers from",
			Contexts:    guildOnly,
		},
		{
			Name:     pinCommand,
			Type:     discordgo.MessageApplicationCommand,
			Contexts: guildOnly,
		},
	}
	if !library {
		return cmds
	}
	// Who may use /ingest and /forget is checked when they are used:
	// discordgo sends default_member_permissions as a string, which Discord's
	// OpenAPI description does not allow.
	return append(cmds,
		&discordgo.ApplicationCommand{
			Name:        "ingest",
			Description: "Add an article to footnote's sources (moderators)",
			Contexts:    guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "Link to the article"},
				{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "The article as HTML, Markdown or text"},
			},
		},
		&discordgo.ApplicationCommand{
			Name:        "forget",
			Description: "Remove an article from footnote's sources (moderators)",
			Contexts:    guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "document", Description: "The article's id or title (see /sources)", Required: true},
			},
		},
		&discordgo.ApplicationCommand{
			Name:        "timeline",
			Description: "The event's dated developments in order, each cited",
			Contexts:    guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "focus", Description: "Only developments about this topic", MaxLength: 200},
			},
		},
	)
}
