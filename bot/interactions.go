package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/metrics"
)

// onInteraction is the discordgo adapter: it opens the interaction with a
// responder that talks to Discord and dispatches it.
func (b *Bot) onInteraction(s *discordgo.Session, ev *discordgo.InteractionCreate) {
	slot := b.slots.take()
	in := newInteraction(ev, &discordResponder{s: s, i: ev.Interaction, slot: slot}, func() { b.slots.give(slot) })
	b.dispatch(context.Background(), in)
}

// dispatch runs an interaction's handler, which acknowledges it before any
// slow work, and sends what it returns down the one error path, fail.
func (b *Bot) dispatch(ctx context.Context, in *Interaction) {
	b.acks.Store(in.ID, time.Now())
	defer b.acks.Delete(in.ID)
	defer in.release()
	h := b.handlerOf(in)
	if h == nil {
		return
	}
	if err := h(ctx, in); err != nil {
		b.fail(ctx, in, err)
	}
}

// handlerOf routes an interaction: an unknown command is told so, an
// unknown button is ignored.
func (b *Bot) handlerOf(in *Interaction) handler {
	switch in.Type {
	case discordgo.InteractionApplicationCommand:
		if h, ok := b.router.commandHandler(in.ApplicationCommandData().Name); ok {
			return h
		}
		return func(ctx context.Context, in *Interaction) error {
			return b.replyPrivate(ctx, in, "Unknown command.")
		}
	case discordgo.InteractionMessageComponent:
		h, _ := b.router.componentHandler(in.MessageComponentData().CustomID)
		return h
	}
	return nil
}

// routes are footnote's commands and buttons.
func (b *Bot) routes() *router {
	rt := newRouter()
	rt.command("ask", b.slashAsk)
	rt.command("summary", b.slashSummary)
	rt.command("sources", b.slashSources)
	rt.command(pinCommand, b.pinFromCommand)
	rt.command("ingest", b.slashIngest)
	rt.command("forget", b.slashForget)
	rt.command("timeline", b.slashTimeline)
	rt.component(idPin, b.pinFromButton)
	rt.component(idVoteUp, func(ctx context.Context, in *Interaction) error { return b.vote(ctx, in, +1) })
	rt.component(idVoteDown, func(ctx context.Context, in *Interaction) error { return b.vote(ctx, in, -1) })
	rt.component(idPost, b.postToChannel)
	rt.component(idForget+"*", b.confirmForget)
	rt.component(idForgetCancel, func(ctx context.Context, in *Interaction) error { return b.updatePrivate(ctx, in, "Kept.") })
	return rt
}

// replyPrivate answers an interaction at once with a message only its user
// sees.
func (b *Bot) replyPrivate(ctx context.Context, in *Interaction, text string) error {
	err := b.respond(ctx, in, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: clip(text, maxContent), Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noPings()},
	})
	if err != nil {
		return fmt.Errorf("reply to interaction: %w", err)
	}
	return nil
}

// deferReply acknowledges an interaction with "footnote is thinking…".
func (b *Bot) deferReply(ctx context.Context, in *Interaction, private bool) error {
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if private {
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	if err := b.respond(ctx, in, resp); err != nil {
		return fmt.Errorf("acknowledge interaction: %w", err)
	}
	return nil
}

// respond sends an interaction's first response and measures how long after
// its arrival the acknowledgement went out.
func (b *Bot) respond(ctx context.Context, in *Interaction, resp *discordgo.InteractionResponse) error {
	err := in.Respond(ctx, resp)
	if t, ok := b.acks.LoadAndDelete(in.ID); ok && err == nil {
		b.metrics.ObserveAck(time.Since(t.(time.Time)))
	}
	return err
}

// editReply replaces the interaction's original response with r, and
// returns the edited message.
func (b *Bot) editReply(ctx context.Context, in *Interaction, r rendered) (*discordgo.Message, error) {
	content := r.content
	embeds := r.embeds
	components := r.components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	return in.Edit(ctx, &discordgo.WebhookEdit{
		Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noPings(),
	})
}

func options(data discordgo.ApplicationCommandInteractionData) map[string]*discordgo.ApplicationCommandInteractionDataOption {
	m := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	for _, o := range data.Options {
		m[o.Name] = o
	}
	return m
}

// textOption is the text of the command's string option name, trimmed; ""
// when the command was sent without it.
func textOption(opts map[string]*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	if o, ok := opts[name]; ok {
		return strings.TrimSpace(o.StringValue())
	}
	return ""
}

func userOf(i *discordgo.InteractionCreate) *discordgo.User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	return i.User
}

// Words for the user when an answer or summary fails.
const (
	msgAnswerFailed  = "Sorry, footnote could not answer that just now. Please try again."
	msgSummaryFailed = "Sorry, footnote could not summarise just now."
)

func (b *Bot) slashAsk(ctx context.Context, in *Interaction) error {
	opts := options(in.ApplicationCommandData())
	private := false
	if o, ok := opts["private"]; ok {
		private = o.BoolValue()
	}
	raw := ""
	if o, ok := opts["question"]; ok {
		raw = o.StringValue()
	}
	q, err := answer.CleanQuestion(raw)
	if err != nil {
		return b.replyPrivate(ctx, in, "Can't ask that: "+err.Error()+".")
	}
	if err := b.deferReply(ctx, in, private); err != nil {
		return fmt.Errorf("ask: %w", err)
	}
	start := time.Now()
	return b.enqueue(ctx, in, func(ctx context.Context) error {
		// the answer is known by its interaction until its message id is:
		// a vote may come as soon as the answer shows
		b.feedback.rememberPending(in.ID, q)
		defer b.feedback.forgetPending(in.ID)
		c, err := b.corpus(ctx, in.GuildID)
		if err != nil {
			b.metrics.Question(metrics.Unknown, metrics.OutcomeFailed)
			return tell(msgAnswerFailed, fmt.Errorf("answer: %w", err))
		}
		st := newStreamer(b, func(r rendered) error { _, err := b.editReply(ctx, in, r); return err })
		a, err := c.Answers.Ask(ctx, answer.Request{Question: q, K: b.cfg.K, OnDelta: st.delta})
		st.stop()
		if err != nil {
			b.metrics.Question(metrics.Unknown, metrics.OutcomeFailed)
			return tell(msgAnswerFailed, fmt.Errorf("answer: %w", err))
		}
		msg, err := b.editReply(ctx, in, renderAnswer(a, private))
		if err != nil {
			b.metrics.Question(a.Mode, metrics.OutcomeFailed)
			return fmt.Errorf("post answer: %w", err)
		}
		if err := b.feedback.remember(ctx, msg.ID, q); err != nil {
			b.log.Warn("remember question", "err", err)
		}
		b.logAnswer(in.ID, in.GuildID, a, time.Since(start))
		return nil
	})
}

// logAnswer writes the one log line of a question (its text only at debug
// level) and counts it.
func (b *Bot) logAnswer(id, guild string, a *answer.Answer, took time.Duration) {
	outcome := metrics.OutcomeAnswered
	switch {
	case a.Refused:
		outcome = metrics.OutcomeRefused
	case a.Note != "" && a.Mode == answer.ModeExtractive && b.generative:
		outcome = metrics.OutcomeFellBack
	}
	b.metrics.Question(a.Mode, outcome)
	b.metrics.ObserveAnswer(a.Mode, took)
	if r, ok := a.TimingsMS["retrieve"]; ok {
		b.metrics.ObserveRetrieval(time.Duration(r * float64(time.Millisecond)))
	}
	b.log.Info("question", "id", id, "guild", guild, "mode", a.Mode, "outcome", outcome, "citations", len(a.Citations),
		"retrieve_ms", a.TimingsMS["retrieve"], "total_ms", took.Milliseconds())
	b.log.Debug("question text", "id", id, "question", a.Question)
}

// enqueue queues an answer job for an acknowledged interaction and, when
// it must wait, says where it stands in the queue. The interaction stays
// open until the job is done; the job's error takes the error path.
func (b *Bot) enqueue(ctx context.Context, in *Interaction, j func(ctx context.Context) error) error {
	release := in.hold()
	err := b.push(func(ctx context.Context) {
		defer release()
		if err := j(ctx); err != nil {
			b.fail(ctx, in, err)
		}
	}, func(ahead int) {
		if _, err := b.editReply(ctx, in, rendered{content: queuedText(ahead)}); err != nil {
			b.log.Warn("queue position", "err", err)
		}
	})
	if err != nil {
		release()
		return tell("⏳ "+err.Error(), fmt.Errorf("queue: %w", err))
	}
	return nil
}

// push queues j and, when it must wait, calls notice with the number of
// questions ahead. The notice edits the message the answer goes to, so j
// starts only once the notice is done: a slow notice must never land on
// top of the answer.
func (b *Bot) push(j job, notice func(ahead int)) error {
	noticed := make(chan struct{})
	ahead, err := b.queue.push(func(ctx context.Context) {
		<-noticed
		j(ctx)
	})
	if err != nil {
		return err
	}
	if ahead > 0 {
		notice(ahead)
	}
	close(noticed)
	return nil
}

// queuedText says where a question waits.
func queuedText(ahead int) string {
	return fmt.Sprintf("⏳ Queued: %d question(s) ahead of yours.", ahead)
}

func (b *Bot) slashSummary(ctx context.Context, in *Interaction) error {
	opts := options(in.ApplicationCommandData())
	var so answer.SummaryOptions
	if o, ok := opts["length"]; ok {
		so.Length = o.StringValue()
	}
	so.Focus = textOption(opts, "focus")
	if _, err := answer.CheckLength(so.Length); err != nil {
		return b.replyPrivate(ctx, in, err.Error())
	}
	if err := b.deferReply(ctx, in, false); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	return b.enqueue(ctx, in, func(ctx context.Context) error {
		c, err := b.corpus(ctx, in.GuildID)
		if err != nil {
			return tell(msgSummaryFailed, fmt.Errorf("summary: %w", err))
		}
		st := newStreamer(b, func(r rendered) error { _, err := b.editReply(ctx, in, r); return err })
		sum, err := c.Answers.Summarize(ctx, so, st.delta)
		st.stop()
		if err != nil {
			return tell(msgSummaryFailed, fmt.Errorf("summary: %w", err))
		}
		if _, err := b.editReply(ctx, in, renderSummary(sum)); err != nil {
			return fmt.Errorf("post summary: %w", err)
		}
		return nil
	})
}

func (b *Bot) slashSources(ctx context.Context, in *Interaction) error {
	c, err := b.corpus(ctx, in.GuildID)
	if err != nil {
		return fmt.Errorf("sources: %w", err)
	}
	r := renderSources(c.Sources())
	err = b.respond(ctx, in, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Embeds: r.embeds, AllowedMentions: noPings()},
	})
	if err != nil {
		return fmt.Errorf("sources: %w", err)
	}
	return nil
}

// streamer turns a model's deltas into edits of one message, at most one
// per EditInterval, never two at once, and none after stop.
type streamer struct {
	b    *Bot
	edit func(rendered) error

	mu      sync.Mutex
	text    strings.Builder
	last    time.Time
	stopped bool
	busy    bool
	edits   sync.WaitGroup
}

func newStreamer(b *Bot, edit func(rendered) error) *streamer {
	return &streamer{b: b, edit: edit, last: time.Now()}
}

func (st *streamer) delta(d string) {
	st.mu.Lock()
	st.text.WriteString(d)
	if st.stopped || st.busy || time.Since(st.last) < st.b.cfg.EditInterval {
		st.mu.Unlock()
		return
	}
	st.busy = true
	st.edits.Add(1)
	text := st.text.String()
	st.mu.Unlock()
	// the edit runs on its own so a slow Discord never slows the model
	go func() {
		defer st.edits.Done()
		err := st.edit(renderProgress(markerRe.ReplaceAllString(text, "[$1]")))
		st.mu.Lock()
		st.busy = false
		st.last = time.Now()
		st.mu.Unlock()
		if err != nil {
			st.b.log.Debug("streaming edit", "err", err)
		}
	}()
}

// stop ends streaming and waits for an edit under way, so the final message
// is never overwritten by a late progress edit.
func (st *streamer) stop() {
	st.mu.Lock()
	st.stopped = true
	st.mu.Unlock()
	st.edits.Wait()
}
