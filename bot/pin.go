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

func (b *Bot) pinFromButton(ctx context.Context, in *Interaction) error {
	return b.pin(ctx, in, in.Message)
}

func (b *Bot) pinFromCommand(ctx context.Context, in *Interaction) error {
	data := in.ApplicationCommandData()
	var target *discordgo.Message
	if data.Resolved != nil {
		target = data.Resolved.Messages[data.TargetID]
	}
	return b.pin(ctx, in, target)
}

// pin pins a footnote answer for a moderator, after checking who asks and
// what: members without the permission are told so privately and nothing is
// pinned.
func (b *Bot) pin(ctx context.Context, in *Interaction, msg *discordgo.Message) error {
	if !canPin(in.InteractionCreate) {
		b.metrics.Pin(metrics.PinRefused)
		return b.replyPrivate(ctx, in, "Only moderators can pin answers (it takes the Pin Messages permission).")
	}
	if !isAnswer(msg, b.botUser()) {
		return b.replyPrivate(ctx, in, "That message is not a footnote answer; only answers can be pinned this way.")
	}
	if msg.Pinned {
		return b.replyPrivate(ctx, in, "That answer is already pinned.")
	}
	if err := b.deferReply(ctx, in, true); err != nil {
		return fmt.Errorf("pin: %w", err)
	}
	who := userOf(in.InteractionCreate)
	channel := msg.ChannelID
	if channel == "" {
		channel = in.ChannelID
	}
	if err := b.session.ChannelMessagePin(channel, msg.ID); err != nil {
		if isCode(err, codeMaxPins) {
			b.metrics.Pin(metrics.PinLimit)
		} else {
			b.metrics.Pin(metrics.PinError)
		}
		return tell(pinError(err), fmt.Errorf("pin message %s for %s: %w", msg.ID, who.ID, err))
	}
	b.metrics.Pin(metrics.PinPinned)
	b.log.Info("answer pinned", "message", msg.ID, "channel", channel, "guild", in.GuildID, "by", who.ID, "username", who.Username)
	sctx, cancel := context.WithTimeout(ctx, storeTimeout)
	err := b.feedback.st.RecordPin(sctx, store.Pin{MessageID: msg.ID, ChannelID: channel, GuildID: in.GuildID, UserID: who.ID, Username: who.Username})
	cancel()
	if err != nil {
		b.log.Warn("record pin", "err", err)
	}
	if err := b.markPinned(channel, msg, who); err != nil {
		b.log.Warn("pinned footer", "err", err)
	}
	if _, err := b.editReply(ctx, in, rendered{content: "📌 Pinned."}); err != nil {
		return fmt.Errorf("confirm pin: %w", err)
	}
	return nil
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
func (b *Bot) markPinned(channel string, msg *discordgo.Message, who *discordgo.User) error {
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
	_, err := b.session.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: msg.ID, Channel: channel, Embeds: &embeds, AllowedMentions: noPings()})
	return err
}
