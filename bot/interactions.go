package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/metrics"
)

// onInteraction acknowledges first, then works: every slash command and
// every button press gets its acknowledgement before anything slow.
func (b *Bot) onInteraction(s *discordgo.Session, i *discordgo.InteractionCreate) {
	b.acks.Store(i.ID, time.Now())
	defer b.acks.Delete(i.ID)
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		data := i.ApplicationCommandData()
		switch data.Name {
		case "ask":
			b.slashAsk(s, i, data)
		case "summary":
			b.slashSummary(s, i, data)
		case "sources":
			b.slashSources(s, i)
		case pinCommand:
			b.pinFromCommand(s, i, data)
		case "ingest":
			b.slashIngest(s, i, data)
		case "forget":
			b.slashForget(s, i, data)
		case "timeline":
			b.slashTimeline(s, i, data)
		default:
			b.replyPrivate(s, i, "Unknown command.")
		}
	case discordgo.InteractionMessageComponent:
		switch i.MessageComponentData().CustomID {
		case idPin:
			b.pinFromButton(s, i)
		case idVoteUp:
			b.vote(s, i, +1)
		case idVoteDown:
			b.vote(s, i, -1)
		case idPost:
			b.postToChannel(s, i)
		default:
			if id := i.MessageComponentData().CustomID; strings.HasPrefix(id, idForget) {
				b.confirmForget(s, i, strings.TrimPrefix(id, idForget))
			} else if id == idForgetCancel {
				b.updatePrivate(s, i, "Kept.")
			}
		}
	}
}

// replyPrivate answers an interaction at once with a message only its user
// sees.
func (b *Bot) replyPrivate(s *discordgo.Session, i *discordgo.InteractionCreate, text string) {
	err := b.respond(s, i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: clip(text, maxContent), Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noPings()},
	})
	if err != nil {
		b.log.Warn("reply to interaction", "err", err)
	}
}

// defer acknowledges an interaction with "footnote is thinking…".
func (b *Bot) deferReply(s *discordgo.Session, i *discordgo.InteractionCreate, private bool) error {
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if private {
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	if err := b.respond(s, i, resp); err != nil {
		return fmt.Errorf("acknowledge interaction: %w", err)
	}
	return nil
}

// respond sends an interaction's first response and measures how long after
// its arrival the acknowledgement went out.
func (b *Bot) respond(s *discordgo.Session, i *discordgo.InteractionCreate, resp *discordgo.InteractionResponse) error {
	uri := discordgo.EndpointInteractionResponse(i.ID, i.Token)
	_, err := s.RequestWithBucketID("POST", uri, *resp, interactionBucket("callback", i.Token))
	if t, ok := b.acks.LoadAndDelete(i.ID); ok && err == nil {
		b.metrics.ObserveAck(time.Since(t.(time.Time)))
	}
	return err
}

// editReply replaces the interaction's original response.
func (b *Bot) editReply(s *discordgo.Session, i *discordgo.InteractionCreate, r rendered) error {
	_, err := b.editReplyMsg(s, i, r)
	return err
}

// editReplyMsg is editReply returning the edited message.
func (b *Bot) editReplyMsg(s *discordgo.Session, i *discordgo.InteractionCreate, r rendered) (*discordgo.Message, error) {
	content := r.content
	embeds := r.embeds
	components := r.components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	return editOriginal(s, i.Interaction, &discordgo.WebhookEdit{
		Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noPings(),
	})
}

// editOriginal edits an interaction's original response, in a rate-limit
// bucket of its own as Discord counts them (per interaction token).
// discordgo's InteractionResponseEdit puts every webhook edit of the
// process in one bucket: each edit would wait for all the others, and one
// answer told to slow down would hold up every answer.
func editOriginal(s *discordgo.Session, i *discordgo.Interaction, edit *discordgo.WebhookEdit) (*discordgo.Message, error) {
	uri := discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original")
	body, err := s.RequestWithBucketID("PATCH", uri, edit, interactionBucket("edit", i.Token))
	if err != nil {
		return nil, err
	}
	var m discordgo.Message
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("read edited message: %w", err)
	}
	return &m, nil
}

// interactionBuckets bounds how many rate-limit buckets interactions use.
// Discord limits each interaction on its own, but discordgo keeps a bucket
// per key for the life of the process: keyed by token, a long-running bot
// would keep one per question it ever answered. Spread over a fixed number
// of buckets, a 429 on one answer slows only a few others.
const interactionBuckets = 64

func interactionBucket(kind, token string) string {
	h := fnv.New32a()
	h.Write([]byte(token))
	return fmt.Sprintf("interactions/%s/%d", kind, h.Sum32()%interactionBuckets)
}

func options(data discordgo.ApplicationCommandInteractionData) map[string]*discordgo.ApplicationCommandInteractionDataOption {
	m := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	for _, o := range data.Options {
		m[o.Name] = o
	}
	return m
}

func userOf(i *discordgo.InteractionCreate) *discordgo.User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	return i.User
}

func (b *Bot) slashAsk(s *discordgo.Session, i *discordgo.InteractionCreate, data discordgo.ApplicationCommandInteractionData) {
	opts := options(data)
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
		b.replyPrivate(s, i, "Can't ask that: "+err.Error()+".")
		return
	}
	if err := b.deferReply(s, i, private); err != nil {
		b.log.Warn("ask", "err", err)
		return
	}
	start := time.Now()
	b.enqueue(s, i, func(ctx context.Context) {
		// the answer is known by its interaction until its message id is:
		// a vote may come as soon as the answer shows
		b.feedback.rememberPending(i.ID, q)
		defer b.feedback.forgetPending(i.ID)
		st := newStreamer(b, func(r rendered) error { return b.editReply(s, i, r) })
		a, err := b.answers.Ask(ctx, q, nil, b.cfg.K, st.delta)
		st.stop()
		if err != nil {
			b.metrics.Question(metrics.Unknown, metrics.OutcomeFailed)
			b.log.Error("answer failed", "interaction", i.ID, "err", err)
			_ = b.editReply(s, i, rendered{content: "Sorry, footnote could not answer that just now. Please try again."})
			return
		}
		msg, err := b.editReplyMsg(s, i, renderAnswer(a, private))
		if err != nil {
			b.metrics.Question(a.Mode, metrics.OutcomeFailed)
			b.log.Error("post answer", "interaction", i.ID, "err", err)
			return
		}
		if err := b.feedback.remember(ctx, msg.ID, q); err != nil {
			b.log.Warn("remember question", "err", err)
		}
		b.logAnswer(i.ID, i.GuildID, a, time.Since(start))
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

// enqueue queues an answer job and, when it must wait, says where it stands
// in the queue.
func (b *Bot) enqueue(s *discordgo.Session, i *discordgo.InteractionCreate, j job) {
	err := b.push(j, func(ahead int) {
		if err := b.editReply(s, i, rendered{content: queuedText(ahead)}); err != nil {
			b.log.Warn("queue position", "err", err)
		}
	})
	if err != nil {
		_ = b.editReply(s, i, rendered{content: "⏳ " + err.Error()})
	}
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

func (b *Bot) slashSummary(s *discordgo.Session, i *discordgo.InteractionCreate, data discordgo.ApplicationCommandInteractionData) {
	opts := options(data)
	var so answer.SummaryOptions
	if o, ok := opts["length"]; ok {
		so.Length = o.StringValue()
	}
	if o, ok := opts["focus"]; ok {
		so.Focus = strings.TrimSpace(o.StringValue())
	}
	if _, err := answer.CheckLength(so.Length); err != nil {
		b.replyPrivate(s, i, err.Error())
		return
	}
	if err := b.deferReply(s, i, false); err != nil {
		b.log.Warn("summary", "err", err)
		return
	}
	b.enqueue(s, i, func(ctx context.Context) {
		st := newStreamer(b, func(r rendered) error { return b.editReply(s, i, r) })
		sum, err := b.answers.Summarize(ctx, so, st.delta)
		st.stop()
		if err != nil {
			b.log.Error("summary failed", "err", err)
			_ = b.editReply(s, i, rendered{content: "Sorry, footnote could not summarise just now."})
			return
		}
		if err := b.editReply(s, i, renderSummary(sum)); err != nil {
			b.log.Error("post summary", "err", err)
		}
	})
}

func (b *Bot) slashSources(s *discordgo.Session, i *discordgo.InteractionCreate) {
	r := renderSources(b.sources())
	err := b.respond(s, i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Embeds: r.embeds, AllowedMentions: noPings()},
	})
	if err != nil {
		b.log.Warn("sources", "err", err)
	}
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
