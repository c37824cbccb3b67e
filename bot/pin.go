package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/metrics"
	"github.com/footnote-bot/footnote/store"
)

// Permission bits that let a member pin: Discord's PIN_MESSAGES, and
// MANAGE_MESSAGES and ADMINISTRATOR, which include it.
const (
	permPinMessages    int64 = 1 << 51
	permManageMessages int64 = 1 << 13
	permAdministrator  int64 = 1 << 3
)

// Discord error codes footnote explains to moderators.
const (
	codeMaxPins           = 30003
	codeMissingPermission = 50013
	codeMissingAccess     = 50001
)

// canPin reports whether the member who pressed may pin in this channel:
// Discord sends their permissions in the channel with every interaction.
func canPin(i *discordgo.InteractionCreate) bool {
	if i.Member == nil {
		return false
	}
	return i.Member.Permissions&(permPinMessages|permManageMessages|permAdministrator) != 0
}

func (b *Bot) pinFromButton(s *discordgo.Session, i *discordgo.InteractionCreate) {
	b.pin(s, i, i.Message)
}

func (b *Bot) pinFromCommand(s *discordgo.Session, i *discordgo.InteractionCreate, data discordgo.ApplicationCommandInteractionData) {
	var target *discordgo.Message
	if data.Resolved != nil {
		target = data.Resolved.Messages[data.TargetID]
	}
	b.pin(s, i, target)
}

// pin pins a footnote answer for a moderator, after checking who asks and
// what: members without the permission are told so privately and nothing is
// pinned.
func (b *Bot) pin(s *discordgo.Session, i *discordgo.InteractionCreate, msg *discordgo.Message) {
	if !canPin(i) {
		b.metrics.Pin(metrics.PinRefused)
		b.replyPrivate(s, i, "Only moderators can pin answers (it takes the Pin Messages permission).")
		return
	}
	if !isAnswer(msg, b.botUser()) {
		b.replyPrivate(s, i, "That message is not a footnote answer; only answers can be pinned this way.")
		return
	}
	if msg.Pinned {
		b.replyPrivate(s, i, "That answer is already pinned.")
		return
	}
	if err := b.deferReply(s, i, true); err != nil {
		b.log.Warn("pin", "err", err)
		return
	}
	who := userOf(i)
	channel := msg.ChannelID
	if channel == "" {
		channel = i.ChannelID
	}
	if err := s.ChannelMessagePin(channel, msg.ID); err != nil {
		b.log.Warn("pin failed", "message", msg.ID, "by", who.ID, "err", err)
		if isCode(err, codeMaxPins) {
			b.metrics.Pin(metrics.PinLimit)
		} else {
			b.metrics.Pin(metrics.PinError)
		}
		_ = b.editReply(s, i, rendered{content: pinError(err)})
		return
	}
	b.metrics.Pin(metrics.PinPinned)
	b.log.Info("answer pinned", "message", msg.ID, "channel", channel, "guild", i.GuildID, "by", who.ID, "username", who.Username)
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	err := b.feedback.st.RecordPin(ctx, store.Pin{MessageID: msg.ID, ChannelID: channel, GuildID: i.GuildID, UserID: who.ID, Username: who.Username})
	cancel()
	if err != nil {
		b.log.Warn("record pin", "err", err)
	}
	if err := b.markPinned(s, channel, msg, who); err != nil {
		b.log.Warn("pinned footer", "err", err)
	}
	_ = b.editReply(s, i, rendered{content: "📌 Pinned."})
}

// isCode reports whether err is a Discord error with the given code.
func isCode(err error, code int) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Message != nil && re.Message.Code == code
}

// pinError explains a failed pin to a moderator in one line.
func pinError(err error) string {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		switch re.Message.Code {
		case codeMaxPins:
			return "This channel has reached Discord's pin limit. Unpin an older message, then try again."
		case codeMissingPermission, codeMissingAccess:
			return "footnote lacks the Pin Messages permission in this channel; ask an admin to grant it."
		}
	}
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == 403 {
		return "footnote lacks the Pin Messages permission in this channel; ask an admin to grant it."
	}
	return "Could not pin the answer: Discord said " + strings.TrimSpace(brief(err)) + "."
}

func brief(err error) string {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return fmt.Sprintf("%s (%d)", re.Message.Message, re.Message.Code)
	}
	return err.Error()
}

// markPinned adds "Pinned by …" to the answer's footer.
func (b *Bot) markPinned(s *discordgo.Session, channel string, msg *discordgo.Message, who *discordgo.User) error {
	if len(msg.Embeds) == 0 || msg.Embeds[0].Footer == nil {
		return nil
	}
	embeds := msg.Embeds
	name := who.GlobalName
	if name == "" {
		name = who.Username
	}
	if !strings.Contains(embeds[0].Footer.Text, "Pinned by") {
		embeds[0].Footer.Text = clip(embeds[0].Footer.Text+" · Pinned by "+name, maxFooter)
	}
	// the longer footer may take an answer at the size limit over it
	embeds = fitEmbeds(embeds)
	_, err := s.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: msg.ID, Channel: channel, Embeds: &embeds, AllowedMentions: noPings()})
	return err
}
