package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/metrics"
)

// maxTurns is how much of a thread's conversation is kept for follow-ups.
const maxTurns = 12

// threadBook remembers the conversation of each thread footnote opened.
type threadBook struct {
	mu      sync.Mutex
	threads map[string][]answer.Turn
}

func newThreadBook() *threadBook { return &threadBook{threads: map[string][]answer.Turn{}} }

func (tb *threadBook) open(id string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if _, ok := tb.threads[id]; !ok {
		tb.threads[id] = nil
	}
}

func (tb *threadBook) history(id string) ([]answer.Turn, bool) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	h, ok := tb.threads[id]
	return append([]answer.Turn(nil), h...), ok
}

func (tb *threadBook) add(id string, turns ...answer.Turn) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	h := append(tb.threads[id], turns...)
	if len(h) > maxTurns {
		h = h[len(h)-maxTurns:]
	}
	tb.threads[id] = h
}

var mentionRe = regexp.MustCompile(`<@!?\d+>`)

// onMessage answers a mention by opening a thread on the message, and
// follow-ups inside footnote's threads with the thread's history. It ignores
// bots, itself included.
func (b *Bot) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	me := b.botUser()
	if m.Author == nil || me == nil || m.Author.Bot || m.Author.ID == me.ID {
		return
	}
	mentioned := false
	for _, u := range m.Mentions {
		mentioned = mentioned || u.ID == me.ID
	}
	text := strings.TrimSpace(mentionRe.ReplaceAllString(m.Content, " "))
	history, ours := b.threads.history(m.ChannelID)
	if !ours {
		if ch, err := s.State.Channel(m.ChannelID); err == nil && ch.IsThread() && ch.OwnerID == me.ID {
			ours = true
			history = b.threadHistory(s, m.ChannelID, m.ID, me)
			b.threads.open(m.ChannelID)
			b.threads.add(m.ChannelID, history...)
		}
	}
	switch {
	case ours:
		if text == "" {
			return // no message content intent, or an empty message
		}
		q, err := answer.CleanQuestion(text)
		if err != nil {
			b.sendPlain(s, m.ChannelID, "Can't ask that: "+err.Error()+".")
			return
		}
		b.answerInThread(s, m.GuildID, m.ChannelID, q, history)
	case mentioned:
		if text == "" {
			b.sendPlain(s, m.ChannelID, "Ask me a question after the mention, e.g. @footnote Who was arrested at the embassy?")
			return
		}
		q, err := answer.CleanQuestion(text)
		if err != nil {
			b.sendPlain(s, m.ChannelID, "Can't ask that: "+err.Error()+".")
			return
		}
		th, err := s.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{
			Name: clip(q, 90), AutoArchiveDuration: 1440, Type: discordgo.ChannelTypeGuildPublicThread,
		})
		if err != nil {
			b.log.Warn("open thread, answering in the channel", "err", err)
			b.answerInThread(s, m.GuildID, m.ChannelID, q, nil)
			return
		}
		b.threads.open(th.ID)
		b.answerInThread(s, m.GuildID, th.ID, q, nil)
	}
}

// threadHistory rebuilds a thread's conversation from its messages, for a
// thread footnote opened before a restart.
func (b *Bot) threadHistory(s *discordgo.Session, channelID, before string, me *discordgo.User) []answer.Turn {
	msgs, err := s.ChannelMessages(channelID, 20, before, "", "")
	if err != nil {
		b.log.Warn("read thread history", "err", err)
		return nil
	}
	var turns []answer.Turn
	for i := len(msgs) - 1; i >= 0; i-- { // oldest first
		m := msgs[i]
		text := strings.TrimSpace(mentionRe.ReplaceAllString(m.Content, " "))
		if text == "" || m.Author == nil {
			continue
		}
		role := "user"
		if m.Author.ID == me.ID {
			role = "assistant"
			text = answerText(text)
		} else if m.Author.Bot {
			continue
		}
		if text == "" {
			continue
		}
		turns = append(turns, answer.Turn{Role: role, Text: text})
	}
	if len(turns) > maxTurns {
		turns = turns[len(turns)-maxTurns:]
	}
	return turns
}

// answerText is what an answer message says, without the small print
// footnote puts under it (notes, "Answering: …"): the earlier answer a
// follow-up is read against.
func answerText(content string) string {
	var keep []string
	for _, line := range strings.Split(content, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "-# ") {
			keep = append(keep, line)
		}
	}
	return strings.TrimSpace(strings.Join(keep, "\n"))
}

// answerInThread posts a placeholder in the channel, streams the answer
// from guildID's corpus into it and records the exchange.
func (b *Bot) answerInThread(s *discordgo.Session, guildID, channelID, q string, history []answer.Turn) {
	placeholder, err := s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{Content: "🔎 Looking through the articles…", AllowedMentions: noPings()})
	if err != nil {
		b.log.Warn("thread placeholder", "err", err)
		return
	}
	edit := func(r rendered) error {
		content := r.content
		embeds, components := r.embeds, r.components
		if embeds == nil {
			embeds = []*discordgo.MessageEmbed{}
		}
		if components == nil {
			components = []discordgo.MessageComponent{}
		}
		_, err := s.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: placeholder.ID, Channel: channelID, Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noPings()})
		return err
	}
	err = b.push(func(ctx context.Context) {
		start := time.Now()
		st := newStreamer(b, edit)
		var a *answer.Answer
		c, err := b.corpus(ctx, guildID)
		if err == nil {
			a, err = c.Answers.Ask(ctx, answer.Request{Question: q, History: history, K: b.cfg.K, OnDelta: st.delta})
		}
		st.stop()
		if err != nil {
			b.metrics.Question(metrics.Unknown, metrics.OutcomeFailed)
			b.log.Error("answer failed", "channel", channelID, "err", err)
			if err := edit(rendered{content: msgAnswerFailed}); err != nil {
				b.log.Warn("tell the user of a failure", "channel", channelID, "err", err)
			}
			return
		}
		// record the exchange before it shows: a follow-up sent as soon as
		// the answer appears must find it
		if err := b.feedback.remember(ctx, placeholder.ID, q); err != nil {
			b.log.Warn("remember question", "err", err)
		}
		// the question as asked: a later follow-up is read against the
		// whole conversation again, not against an earlier reading
		b.threads.add(channelID, answer.Turn{Role: "user", Text: q}, answer.Turn{Role: "assistant", Text: a.Answer})
		if a.StandaloneQuestion != "" {
			b.log.Debug("follow-up read", "channel", channelID, "standalone", a.StandaloneQuestion)
		}
		if err := edit(renderAnswer(a, false)); err != nil {
			b.log.Error("post answer", "err", err)
			return
		}
		b.logAnswer(placeholder.ID, guildOf(s, channelID), a, time.Since(start))
	}, func(ahead int) {
		if err := edit(rendered{content: queuedText(ahead)}); err != nil {
			b.log.Warn("queue position", "err", err)
		}
	})
	if err != nil {
		if err := edit(rendered{content: "⏳ " + err.Error()}); err != nil {
			b.log.Warn("queue full", "err", err)
		}
	}
}

func (b *Bot) sendPlain(s *discordgo.Session, channelID, text string) {
	if _, err := s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{Content: clip(text, maxContent), AllowedMentions: noPings()}); err != nil {
		b.log.Warn("send message", "err", err)
	}
}

// postToChannel publishes a private answer: the same message, posted by the
// bot in the channel for everyone, with the Pin button.
func (b *Bot) postToChannel(ctx context.Context, in *Interaction) error {
	if in.Message == nil {
		return nil
	}
	err := b.respond(ctx, in, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate})
	if err != nil {
		return fmt.Errorf("post to channel: %w", err)
	}
	src := in.Message
	posted, err := b.session.ChannelMessageSendComplex(in.ChannelID, &discordgo.MessageSend{
		Content: src.Content, Embeds: src.Embeds, Components: buttons(false), AllowedMentions: noPings(),
	})
	if err != nil {
		// told in a private follow-up: the pressed message is the answer itself
		if _, ferr := in.FollowUp(ctx, &discordgo.WebhookParams{Content: "Could not post: " + brief(err), Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noPings()}); ferr != nil {
			b.log.Warn("tell the user of a failure", "id", in.ID, "err", ferr)
		}
		return fmt.Errorf("post to channel: %w", err)
	}
	if q := b.pendingQuestionOf(src); q != "" {
		if err := b.feedback.remember(ctx, posted.ID, q); err != nil {
			b.log.Warn("remember question", "err", err)
		}
	} else if err := b.copyQuestion(src.ID, posted.ID); err != nil {
		b.log.Warn("remember question", "err", err)
	}
	who := userOf(in.InteractionCreate)
	b.log.Info("private answer posted", "message", posted.ID, "by", who.ID)
	content := src.Content + "\n-# Posted to the channel."
	none := []discordgo.MessageComponent{}
	if _, err := in.Edit(ctx, &discordgo.WebhookEdit{Content: &content, Components: &none, AllowedMentions: noPings()}); err != nil {
		b.log.Debug("mark posted", "err", err)
	}
	return nil
}

// copyQuestion records for a message the question remembered for another
// (a private answer posted to the channel).
func (b *Bot) copyQuestion(fromID, toID string) error {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	q, err := b.feedback.st.Question(ctx, fromID)
	if err != nil || q == "" {
		return err
	}
	return b.feedback.st.RememberQuestion(ctx, toID, q)
}

// guildOf is the guild of a channel, from the gateway's state.
func guildOf(s *discordgo.Session, channelID string) string {
	if ch, err := s.State.Channel(channelID); err == nil {
		return ch.GuildID
	}
	return ""
}
