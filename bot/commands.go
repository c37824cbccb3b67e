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

func commands() []*discordgo.ApplicationCommand {
	var lengths []*discordgo.ApplicationCommandOptionChoice
	for _, l := range answer.SummaryLengths {
		lengths = append(lengths, &discordgo.ApplicationCommandOptionChoice{Name: l, Value: l})
	}
	noDM := false
	return []*discordgo.ApplicationCommand{
		{
			Name:         "ask",
			Description:  "Ask about the event; every claim in the answer is cited",
			DMPermission: &noDM,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true, MaxLength: answer.MaxQuestionRunes},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Show the answer only to you first"},
			},
		},
		{
			Name:         "summary",
			Description:  "The key points of the event, each cited",
			DMPermission: &noDM,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "length", Description: "How many points", Choices: lengths},
				{Type: discordgo.ApplicationCommandOptionString, Name: "focus", Description: "Only points about this topic", MaxLength: 200},
			},
		},
		{
			Name:         "sources",
			Description:  "The articles footnote answers from",
			DMPermission: &noDM,
		},
		{
			Name:         pinCommand,
			Type:         discordgo.MessageApplicationCommand,
			DMPermission: &noDM,
		},
	}
}
