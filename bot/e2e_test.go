package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/bot"
	"github.com/footnote-bot/footnote/llm/llmtest"
	"github.com/footnote-bot/footnote/localdiscord"
)

// Custom ids of footnote's buttons and its message command, as Discord
// sends them back.
const (
	idPin      = "footnote:pin"
	idVoteUp   = "footnote:vote:up"
	idVoteDown = "footnote:vote:down"
	idPost     = "footnote:post"
	pinCommand = "Pin cited answer"
)

// ackDeadline is Discord's: an interaction not acknowledged within 3 s is
// lost.
const ackDeadline = 3 * time.Second

var markerRe = regexp.MustCompile(`\[\d+\]`)

const askGlas = "Who was arrested at the Mexican embassy in Quito?"

// checkAnswer checks the layout of a public or private answer: text with
// [n] markers, a sources embed whose fields quote the articles, and the
// buttons.
func checkAnswer(t *testing.T, m localdiscord.Message, private bool) {
	t.Helper()
	if !markerRe.MatchString(m.Content) {
		t.Errorf("answer has no [n] marker: %q", m.Content)
	}
	if len(m.Embeds) != 1 {
		t.Fatalf("answer has %d embeds, want 1", len(m.Embeds))
	}
	e := m.Embeds[0]
	if e.Title != "Sources" || len(e.Fields) == 0 {
		t.Errorf("sources embed: title %q, %d fields", e.Title, len(e.Fields))
	}
	for _, f := range e.Fields {
		if !regexp.MustCompile(`^(\[\d+\])+ .+`).MatchString(f.Name) {
			t.Errorf("field name %q is not \"[n] title\" or \"[n][m] title\"", f.Name)
		}
		quote, _, _ := strings.Cut(f.Value, "\n")
		if !strings.HasPrefix(quote, "> ") || len(quote) < 20 {
			t.Errorf("field value %q does not start with a quoted sentence", f.Value)
		}
	}
	ids := customIDs(m)
	want := []string{idVoteUp, idVoteDown}
	if private {
		want = append(want, idPost)
		if _, ok := ids[idPin]; ok {
			t.Errorf("private answer has a Pin button: %v", ids)
		}
	} else {
		want = append(want, idPin)
		if _, ok := ids[idPost]; ok {
			t.Errorf("public answer has a Post button: %v", ids)
		}
	}
	for _, id := range want {
		if _, ok := ids[id]; !ok {
			t.Errorf("answer lacks button %s: %v", id, ids)
		}
	}
	if !strings.HasPrefix(ids[idPin]+ids[idPost], "📌") && !private {
		t.Errorf("pin button label %q", ids[idPin])
	}
	if !strings.HasPrefix(ids[idVoteUp], "👍") || !strings.HasPrefix(ids[idVoteDown], "👎") {
		t.Errorf("vote buttons %q, %q", ids[idVoteUp], ids[idVoteDown])
	}
}

func TestAskDefersStreamsAndAnswers(t *testing.T) {
	t.Parallel()
	// The reply streams word by word over about half a second, ten times
	// the edit interval.
	model := &scriptedModel{reply: func(cited string) llmtest.Reply {
		return llmtest.Reply{Text: cited, ChunkDelay: 15 * time.Millisecond}
	}}
	h := newHarness(t, harnessOptions{model: model, edit: 50 * time.Millisecond})
	ctx := h.ctx()

	in := h.ask(askGlas, false)
	st := h.acked(ctx, in.ID)
	t.Logf("ack latency %v", st.AckLatency)
	if st.AckType != localdiscord.CallbackDeferredChannelMessage || st.Ephemeral {
		t.Errorf("ack: type %d ephemeral %v, want a public deferral (5)", st.AckType, st.Ephemeral)
	}
	if st.AckLatency >= ackDeadline {
		t.Errorf("acknowledged after %v", st.AckLatency)
	}
	m := h.final(ctx, in.ID)
	checkAnswer(t, m, false)
	if f := m.Embeds[0].Footer.Text; f != "footnote · generated, every citation checked" {
		t.Errorf("footer %q", f)
	}
	// the answer is the model's cited sentence
	if p := model.answerPrompts(); len(p) != 1 || !strings.Contains(p[0], "Question (English): "+askGlas) {
		t.Errorf("answer prompts: %q", p)
	}

	edits := h.srv.RequestsTo("PATCH", routeOriginal)
	progress := 0
	for _, r := range edits {
		if strings.Contains(string(r.Body), "▍") {
			progress++
		}
	}
	if progress == 0 {
		t.Errorf("no streaming edit among %d edits", len(edits))
	}
	// the final edit is the last: no late progress edit overwrote it
	if last := edits[len(edits)-1]; bytes.Contains(last.Body, []byte("▍")) || !bytes.Contains(last.Body, []byte(`"footer"`)) {
		t.Errorf("last edit is not the answer: %s", last.Body)
	}
	if got, ok := h.srv.Message(h.channel.ID, m.ID); !ok || got.Content != m.Content {
		t.Errorf("answer changed after it was posted: %q", got.Content)
	}
	t.Logf("%d streaming edit(s) before the answer; answer: %s", progress, m.Content)
}

// pinRequests counts the pin requests that reached Discord.
func (h *harness) pinRequests() int {
	return len(h.srv.RequestsTo("PUT", routePinLegacy)) + len(h.srv.RequestsTo("PUT", routePin))
}

// privateReply waits for the ephemeral reply to an interaction that
// contains want.
func (h *harness) privateReply(ctx context.Context, id, want string) localdiscord.Message {
	h.t.Helper()
	m := h.reply(ctx, id, func(m localdiscord.Message) bool { return strings.Contains(m.Content, want) })
	if !m.Ephemeral() {
		h.t.Errorf("reply %q is public, want ephemeral", m.Content)
	}
	return m
}

func TestPinByModeratorsOnly(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{pinLimit: 1})
	ctx := h.ctx()
	a := h.final(ctx, h.ask(askGlas, false).ID)

	// A member without the permission: refused privately, nothing pinned.
	p := h.press(h.alice, memberPerms, a.ID, idPin)
	h.privateReply(ctx, p.ID, "Only moderators can pin")
	if n := h.pinRequests(); n != 0 {
		t.Fatalf("%d pin request(s) reached Discord for a member without the permission", n)
	}
	mc, err := h.srv.SendMessageCommand(localdiscord.MessageCommand{Invoker: h.invoker(h.alice, memberPerms), Name: pinCommand, TargetMessageID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	h.privateReply(ctx, mc.ID, "Only moderators can pin")
	if n := h.pinRequests(); n != 0 {
		t.Fatalf("%d pin request(s) after the message command of a member", n)
	}

	// A moderator: pinned, and the footer says by whom.
	p = h.press(h.mod, modPerms, a.ID, idPin)
	h.privateReply(ctx, p.ID, "📌 Pinned.")
	if n := h.pinRequests(); n != 1 {
		t.Errorf("%d pin requests, want 1", n)
	}
	if pins := h.srv.Pins(h.channel.ID); len(pins) != 1 || pins[0].ID != a.ID {
		t.Fatalf("pins = %+v", pins)
	}
	pinned, err := h.srv.WaitMessage(ctx, h.channel.ID, func(m localdiscord.Message) bool {
		return m.ID == a.ID && len(m.Embeds) == 1 && m.Embeds[0].Footer != nil && strings.HasSuffix(m.Embeds[0].Footer.Text, " · Pinned by Maria Moderator")
	})
	if err != nil {
		t.Fatalf("footer never said who pinned: %v", err)
	}
	if pinned.Content != a.Content || len(customIDs(pinned)) != 3 || len(pinned.Embeds[0].Fields) != len(a.Embeds[0].Fields) {
		t.Errorf("marking the pin changed the answer: %+v", pinned)
	}

	// Pinning again, by button or by the message command, is harmless.
	p = h.press(h.mod, modPerms, a.ID, idPin)
	h.privateReply(ctx, p.ID, "already pinned")
	mc, err = h.srv.SendMessageCommand(localdiscord.MessageCommand{Invoker: h.invoker(h.mod, modPerms), Name: pinCommand, TargetMessageID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	h.privateReply(ctx, mc.ID, "already pinned")
	if n, pins := h.pinRequests(), h.srv.Pins(h.channel.ID); n != 1 || len(pins) != 1 {
		t.Errorf("after pinning twice: %d pin requests, %d pins", n, len(pins))
	}
	if m, _ := h.srv.Message(h.channel.ID, a.ID); strings.Count(m.Embeds[0].Footer.Text, "Pinned by") != 1 {
		t.Errorf("footer %q", m.Embeds[0].Footer.Text)
	}

	// The channel is at its pin limit (1): the moderator is told clearly.
	b := h.final(ctx, h.ask("Where was Jorge Glas taken?", false).ID)
	p = h.press(h.mod, modPerms, b.ID, idPin)
	h.privateReply(ctx, p.ID, "This channel has reached Discord's pin limit. Unpin an older message, then try again.")
	if pins := h.srv.Pins(h.channel.ID); len(pins) != 1 {
		t.Errorf("%d pins at the limit", len(pins))
	}
	if m, _ := h.srv.Message(h.channel.ID, b.ID); strings.Contains(m.Embeds[0].Footer.Text, "Pinned") {
		t.Errorf("unpinned answer's footer says pinned: %q", m.Embeds[0].Footer.Text)
	}

	// The same limit reported by Discord on a request (code 30003).
	h.srv.FailNext("PUT", routePinLegacy, http.StatusBadRequest, localdiscord.CodeMaxPins, 0)
	mc, err = h.srv.SendMessageCommand(localdiscord.MessageCommand{Invoker: h.invoker(h.mod, modPerms), Name: pinCommand, TargetMessageID: b.ID})
	if err != nil {
		t.Fatal(err)
	}
	h.privateReply(ctx, mc.ID, "pin limit")

	// footnote without the permission in the channel.
	if err := h.srv.SetBotPermissions(h.channel.ID, localdiscord.DefaultBotPermissions&^(localdiscord.PermissionPinMessages|localdiscord.PermissionManageMessages)); err != nil {
		t.Fatal(err)
	}
	p = h.press(h.mod, modPerms, b.ID, idPin)
	h.privateReply(ctx, p.ID, "footnote lacks the Pin Messages permission")
	if err := h.srv.SetBotPermissions(h.channel.ID, localdiscord.DefaultBotPermissions); err != nil {
		t.Fatal(err)
	}

	// The message command on a message that is not an answer.
	before := h.pinRequests()
	um, err := h.srv.SendMessage(h.channel.ID, h.alice, "The embassy raid was on Friday.")
	if err != nil {
		t.Fatal(err)
	}
	mc, err = h.srv.SendMessageCommand(localdiscord.MessageCommand{Invoker: h.invoker(h.mod, modPerms), Name: pinCommand, TargetMessageID: um.ID})
	if err != nil {
		t.Fatal(err)
	}
	h.privateReply(ctx, mc.ID, "not a footnote answer")
	// nor is a message of the bot that is not an answer: the pin notice
	var notice localdiscord.Message
	for _, m := range h.srv.ChannelMessages(h.channel.ID) {
		if m.Type == localdiscord.MessageTypeChannelPinnedMessage {
			notice = m
		}
	}
	if notice.ID == "" {
		t.Fatal("no pin notice in the channel")
	}
	mc, err = h.srv.SendMessageCommand(localdiscord.MessageCommand{Invoker: h.invoker(h.mod, modPerms), Name: pinCommand, TargetMessageID: notice.ID})
	if err != nil {
		t.Fatal(err)
	}
	h.privateReply(ctx, mc.ID, "not a footnote answer")
	if n := h.pinRequests(); n != before {
		t.Errorf("pin requests for messages that are not answers: %d", n-before)
	}
}

// TestPinTwiceAtOnce: two moderators press Pin together, both seeing the
// answer unpinned; one pin, one "Pinned by" in the footer.
func TestPinTwiceAtOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{extractive: true})
	ctx := h.ctx()
	a := h.final(ctx, h.ask(askGlas, false).ID)
	other := h.srv.AddUser(localdiscord.User{Username: "mod2"})
	p1 := h.press(h.mod, modPerms, a.ID, idPin)
	p2 := h.press(other, modPerms, a.ID, idPin)
	h.privateReply(ctx, p1.ID, "Pinned.")
	h.privateReply(ctx, p2.ID, "Pinned.")
	if pins := h.srv.Pins(h.channel.ID); len(pins) != 1 || pins[0].ID != a.ID {
		t.Errorf("pins = %+v", pins)
	}
	if _, err := h.srv.WaitRequest(ctx, func(r localdiscord.Request) bool { return r.Route == routeMessage && r.Method == "PATCH" }); err != nil {
		t.Fatal(err)
	}
	m, _ := h.srv.Message(h.channel.ID, a.ID)
	if f := m.Embeds[0].Footer.Text; strings.Count(f, "Pinned by") != 1 {
		t.Errorf("footer %q", f)
	}
}

// TestPinAnswerAtSizeLimit: "Pinned by …" lengthens the footer of an
// answer whose embed is at Discord's 6000-character limit; the edit must
// still be one Discord accepts.
func TestPinAnswerAtSizeLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{extractive: true})
	ctx := h.ctx()
	var fields []map[string]string
	for i := range 5 {
		fields = append(fields, map[string]string{"name": fmt.Sprintf("[%d] %s", i+1, strings.Repeat("t", 186)), "value": "> " + strings.Repeat("q", 998)})
	}
	embeds, _ := json.Marshal([]map[string]any{{"title": "Sources", "fields": fields, "footer": map[string]string{"text": "footnote · quoted from the articles"}}})
	a, err := h.srv.PostMessage(localdiscord.UserMessage{ChannelID: h.channel.ID, Author: h.srv.BotUser(), Content: "A long answer [1][2][3][4][5].", Embeds: embeds})
	if err != nil {
		t.Fatalf("post an answer at the limit: %v", err)
	}
	mc, err := h.srv.SendMessageCommand(localdiscord.MessageCommand{Invoker: h.invoker(h.mod, modPerms), Name: pinCommand, TargetMessageID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	h.privateReply(ctx, mc.ID, "📌 Pinned.")
	for _, r := range h.srv.RequestsTo("PATCH", routeMessage) {
		if r.Status != http.StatusOK {
			t.Errorf("marking the pin failed: %d %s", r.Status, r.Response)
		}
	}
	m, _ := h.srv.Message(h.channel.ID, a.ID)
	// the last source gives way, and the footer says so
	if f := m.Embeds[0].Footer.Text; f != "footnote · quoted from the articles · Pinned by Maria Moderator · 1 more not shown: too long for Discord" || len(m.Embeds[0].Fields) != 4 {
		t.Errorf("footer %q, %d fields", f, len(m.Embeds[0].Fields))
	}
}

func TestMentionOpensThreadAndFollowUpUsesHistory(t *testing.T) {
	t.Parallel()
	const standalone = "Where was Jorge Glas taken after his arrest at the Mexican embassy?"
	model := &scriptedModel{standalone: standalone}
	h := newHarness(t, harnessOptions{model: model})
	ctx := h.ctx()
	me := h.srv.BotUser()

	q := "Who was arrested at the Mexican embassy?"
	asked, first := h.mention(ctx, q)
	threads := h.srv.Threads(h.channel.ID)
	if len(threads) != 1 || threads[0].ID != asked.ID || threads[0].OwnerID != me.ID || threads[0].Name != q {
		t.Fatalf("threads = %+v", threads)
	}
	if first.Author.ID != me.ID || !markerRe.MatchString(first.Content) || len(first.Embeds[0].Fields) == 0 {
		t.Errorf("thread answer = %+v", first)
	}
	if _, ok := customIDs(first)[idPin]; !ok {
		t.Errorf("thread answer lacks the Pin button")
	}
	if n := len(h.srv.ChannelMessages(h.channel.ID)); n != 1 {
		t.Errorf("%d messages in the channel, want only the question (the answer is in the thread)", n)
	}

	// A follow-up in the thread, without a mention.
	follow := "Where was he taken afterwards?"
	if _, err := h.srv.SendMessage(asked.ID, h.alice, follow); err != nil {
		t.Fatal(err)
	}
	second, err := h.srv.WaitMessage(ctx, asked.ID, func(m localdiscord.Message) bool { return m.ID != first.ID && isAnswer(m) })
	if err != nil {
		t.Fatalf("follow-up not answered: %v", err)
	}
	if !markerRe.MatchString(second.Content) {
		t.Errorf("follow-up answer %q", second.Content)
	}
	// The model was asked to rewrite the follow-up with the earlier turn...
	cp := model.condensePrompts()
	if len(cp) != 1 {
		t.Fatalf("%d condensation prompts, want 1", len(cp))
	}
	for _, want := range []string{"user: " + q, "assistant: ", "Last question: " + follow} {
		if !strings.Contains(cp[0], want) {
			t.Errorf("condensation prompt lacks %q:\n%s", want, cp[0])
		}
	}
	// ... and the answer was written for the rewritten question.
	ap := model.answerPrompts()
	if len(ap) != 2 || !strings.Contains(ap[1], "Question (English): "+standalone) {
		t.Errorf("follow-up answer prompt: %q", ap[len(ap)-1])
	}
	if len(h.srv.Threads(h.channel.ID)) != 1 {
		t.Errorf("the follow-up opened another thread")
	}
}

func TestFollowUpExtractiveKeepsSubject(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{extractive: true})
	ctx := h.ctx()
	asked, first := h.mention(ctx, "Who is Alicia Bárcena?")
	if !strings.Contains(first.Content, "Bárcena") {
		t.Errorf("first answer %q is not about Bárcena", first.Content)
	}
	// "she" is Bárcena only through the earlier turn: alone, the question
	// is answered with López Obrador's post on X.
	if _, err := h.srv.SendMessage(asked.ID, h.alice, "What did she post on X?"); err != nil {
		t.Fatal(err)
	}
	second, err := h.srv.WaitMessage(ctx, asked.ID, func(m localdiscord.Message) bool { return m.ID != first.ID && isAnswer(m) })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(second.Content, "Bárcena posted on the social platform X") {
		t.Errorf("follow-up answer %q is not about Bárcena's post", second.Content)
	}
}

// TestRestartKeepsThreadsAndVotes: after a restart the bot still answers
// follow-ups in the threads it opened, and remembers the votes.
func TestRestartKeepsThreadsAndVotes(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{extractive: true})
	ctx := h.ctx()
	me := h.srv.BotUser()
	asked, first := h.mention(ctx, "Where was Jorge Glas taken on Saturday?")
	h.privateReply(ctx, h.press(h.alice, memberPerms, first.ID, idVoteUp).ID, "noted as helpful")

	h.restart()

	if _, err := h.srv.SendMessage(asked.ID, h.alice, "Where will he remain in custody?"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.srv.WaitMessage(ctx, asked.ID, func(m localdiscord.Message) bool { return m.ID != first.ID && isAnswer(m) }); err != nil {
		t.Fatalf("follow-up after a restart not answered: %v", err)
	}
	h.privateReply(ctx, h.press(h.alice, memberPerms, first.ID, idVoteUp).ID, "You already voted that way.")
	tallies, err := bot.ReadFeedback(h.dataDir)
	if err != nil || len(tallies) != 1 || tallies[0].Up != 1 || !strings.HasPrefix(tallies[0].Question, "Where was Jorge Glas taken") {
		t.Errorf("feedback after restart = %+v, %v", tallies, err)
	}

	// A follow-up too long to ask is refused in the thread, as a mention is.
	long := strings.Repeat("why ", 300)
	if _, err := h.srv.SendMessage(asked.ID, h.alice, long); err != nil {
		t.Fatal(err)
	}
	if _, err := h.srv.WaitMessage(ctx, asked.ID, func(m localdiscord.Message) bool {
		return m.Author.ID == me.ID && strings.HasPrefix(m.Content, "Can't ask that: the question is 1199 characters long")
	}); err != nil {
		t.Errorf("long follow-up not refused: %v", err)
	}
}

func TestPrivateAnswerPostedToChannel(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	ctx := h.ctx()

	in := h.ask(askGlas, true)
	st := h.acked(ctx, in.ID)
	if st.AckType != localdiscord.CallbackDeferredChannelMessage || !st.Ephemeral {
		t.Errorf("ack: type %d ephemeral %v, want an ephemeral deferral", st.AckType, st.Ephemeral)
	}
	private := h.final(ctx, in.ID)
	if !private.Ephemeral() {
		t.Fatal("private answer is public")
	}
	checkAnswer(t, private, true)
	if ids := customIDs(private); ids[idPost] != "Post to channel" {
		t.Errorf("post button label %q", ids[idPost])
	}
	for _, m := range h.srv.ChannelMessages(h.channel.ID) {
		if !m.Ephemeral() {
			t.Fatalf("a public message before posting: %+v", m)
		}
	}

	// footnote may not post in the channel: the user is told, privately
	if err := h.srv.SetBotPermissions(h.channel.ID, localdiscord.DefaultBotPermissions&^localdiscord.PermissionSendMessages); err != nil {
		t.Fatal(err)
	}
	h.press(h.alice, memberPerms, private.ID, idPost)
	if _, err := h.srv.WaitMessage(ctx, h.channel.ID, func(m localdiscord.Message) bool {
		return m.Ephemeral() && m.Content == "Could not post: Missing Permissions (50013)"
	}); err != nil {
		t.Errorf("failed post not explained: %v", err)
	}
	if err := h.srv.SetBotPermissions(h.channel.ID, localdiscord.DefaultBotPermissions); err != nil {
		t.Fatal(err)
	}

	p := h.press(h.alice, memberPerms, private.ID, idPost)
	if st := h.acked(ctx, p.ID); st.AckType != localdiscord.CallbackDeferredUpdateMessage {
		t.Errorf("post ack type %d, want 6", st.AckType)
	}
	public, err := h.srv.WaitMessage(ctx, h.channel.ID, func(m localdiscord.Message) bool { return !m.Ephemeral() && isAnswer(m) })
	if err != nil {
		t.Fatalf("answer not posted: %v", err)
	}
	if public.Content != private.Content || public.Author.ID != h.srv.BotUser().ID {
		t.Errorf("posted %q by %s, want %q by the bot", public.Content, public.Author.Username, private.Content)
	}
	checkAnswer(t, public, false)
	if len(public.Embeds[0].Fields) != len(private.Embeds[0].Fields) || public.Embeds[0].Fields[0].Value != private.Embeds[0].Fields[0].Value {
		t.Errorf("posted sources differ from the private ones")
	}
	if _, err := h.srv.WaitMessage(ctx, h.channel.ID, func(m localdiscord.Message) bool {
		return m.ID == private.ID && strings.HasSuffix(m.Content, "Posted to the channel.") && len(m.Components) == 0
	}); err != nil {
		t.Errorf("private answer not marked as posted: %v", err)
	}

	// The posted answer can be voted on and keeps its question.
	v := h.press(h.alice, memberPerms, public.ID, idVoteUp)
	h.privateReply(ctx, v.ID, "noted as helpful")
	tallies, err := bot.ReadFeedback(h.dataDir)
	if err != nil || len(tallies) != 1 || tallies[0].MessageID != public.ID || tallies[0].Question != askGlas {
		t.Errorf("feedback = %+v, %v", tallies, err)
	}
}

func TestNoMessageCanPing(t *testing.T) {
	t.Parallel()
	// The model writes mentions: one inside a supported sentence, which is
	// kept, one in a sentence of its own, which verification removes but
	// the streaming edits show.
	model := &scriptedModel{reply: func(cited string) llmtest.Reply {
		return llmtest.Reply{Text: "<@&123> and @here, look at this.\n@everyone " + cited, ChunkDelay: 10 * time.Millisecond}
	}}
	h := newHarness(t, harnessOptions{model: model})
	ctx := h.ctx()
	m := h.final(ctx, h.ask("@everyone "+askGlas, false).ID)
	if !strings.Contains(m.Content, "@everyone") {
		t.Errorf("the answer lost the supported sentence with @everyone: %q", m.Content)
	}
	if !strings.Contains(m.Content, "1 unsupported sentence(s) removed.") {
		t.Errorf("answer %q", m.Content)
	}
	sawRole := false
	for _, r := range h.srv.RequestsTo("PATCH", routeOriginal) {
		var edit struct{ Content string }
		if err := json.Unmarshal(r.Body, &edit); err != nil {
			t.Fatal(err)
		}
		sawRole = sawRole || strings.Contains(edit.Content, "<@&123")
	}
	if !sawRole {
		t.Error("no streaming edit showed the role mention")
	}
	// A mention opening a thread, with @everyone in the question.
	h.mention(ctx, "@everyone <@&123> "+askGlas)
	// Every message and edit of both is checked by the harness's audit
	// (allowed_mentions {"parse": []}); check here that there were some.
	n := 0
	for _, r := range h.srv.Requests() {
		if (r.Method == "POST" || r.Method == "PATCH") && bytes.Contains(r.Body, []byte(`"allowed_mentions":{"parse":[]`)) {
			n++
		}
		if err := checkNoPings(r); err != nil {
			t.Errorf("request %d: %v", r.Seq, err)
		}
	}
	if n < 4 {
		t.Errorf("only %d requests carried allowed_mentions", n)
	}
}

func TestGatewayDropResumesAndAnswers(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{extractive: true})
	ctx := h.ctx()
	checkAnswer(t, h.final(ctx, h.ask(askGlas, false).ID), false)

	// Drop only once discordgo's heartbeat goroutine is idle (see
	// localdiscord.Server.DropConnections).
	if _, err := h.srv.WaitGatewaySession(ctx, func(s localdiscord.GatewaySession) bool { return s.Heartbeats > 0 }); err != nil {
		t.Fatal(err)
	}
	before := len(h.srv.GatewayEvents())
	h.srv.DropConnections()
	// A mention during the outage is replayed on resume.
	me := h.srv.BotUser()
	during, err := h.srv.SendMessage(h.channel.ID, h.alice, "<@"+me.ID+"> Where was Jorge Glas taken?")
	if err != nil {
		t.Fatal(err)
	}
	resumed, err := h.srv.WaitGatewayEvent(ctx, func(e localdiscord.GatewayEvent) bool { return e.Kind == localdiscord.GatewayResume })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.srv.WaitMessage(ctx, during.ID, isAnswer); err != nil {
		t.Fatalf("mention sent during the outage not answered: %v", err)
	}
	// The next question after the resume.
	in := h.ask("Which country broke diplomatic ties with Ecuador?", false)
	if st := h.acked(ctx, in.ID); st.AckLatency >= ackDeadline {
		t.Errorf("ack after resume took %v", st.AckLatency)
	}
	checkAnswer(t, h.final(ctx, in.ID), false)
	for _, e := range h.srv.GatewayEvents()[before:] {
		if e.Kind == localdiscord.GatewayIdentify {
			t.Errorf("the bot identified again instead of resuming: %+v", e)
		}
	}
	t.Logf("resumed session %s, %d dispatch(es) replayed", resumed.SessionID, resumed.Replayed)
}

func TestModelDownFallsBackToExtractive(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	ctx := h.ctx()
	h.llm.SetFault(llmtest.Chat, &llmtest.Fault{Status: http.StatusInternalServerError})
	m := h.final(ctx, h.ask(askGlas, false).ID)
	checkAnswer(t, m, false)
	if !strings.Contains(m.Content, "\n-# The language model did not answer") || !strings.HasSuffix(m.Content, "this is the extractive answer.") {
		t.Errorf("answer does not say it is extractive: %q", m.Content)
	}
	if f := m.Embeds[0].Footer.Text; f != "footnote · quoted from the articles" {
		t.Errorf("footer %q", f)
	}
	if h.llm.Requests(llmtest.Chat) == 0 {
		t.Error("the model was never asked")
	}
	// The summary falls back too.
	in, err := h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(h.alice, memberPerms), Name: "summary"})
	if err != nil {
		t.Fatal(err)
	}
	s := h.final(ctx, in.ID)
	if !strings.Contains(s.Content, "this is the extractive summary.") {
		t.Errorf("summary does not say it is extractive: %q", s.Content)
	}
}

func TestSourcesAndSummary(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	ctx := h.ctx()

	in, err := h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(h.alice, memberPerms), Name: "sources"})
	if err != nil {
		t.Fatal(err)
	}
	st := h.acked(ctx, in.ID)
	if st.AckType != localdiscord.CallbackChannelMessageWithSource {
		t.Errorf("sources ack type %d, want 4", st.AckType)
	}
	m, _ := h.srv.Message(h.channel.ID, st.OriginalMessageID)
	if len(m.Embeds) != 1 || m.Embeds[0].Title != "1 article" || len(m.Embeds[0].Fields) != 1 ||
		!strings.HasPrefix(m.Embeds[0].Fields[0].Name, "Mexico’s president says") ||
		!strings.Contains(m.Embeds[0].Fields[0].Value, "The Associated Press · 2024-04-06 · ") {
		t.Errorf("sources message = %+v", m)
	}

	in, err = h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(h.alice, memberPerms), Name: "summary",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{localdiscord.StringOption("length", "short")}})
	if err != nil {
		t.Fatal(err)
	}
	s := h.final(ctx, in.ID)
	checkAnswer(t, s, false)
	if f := s.Embeds[0].Footer.Text; f != "footnote · generated, every citation checked" {
		t.Errorf("summary footer %q", f)
	}

	// extractive, with a focus
	in, err = h.srv.SendSlashCommand(localdiscord.SlashCommand{Invoker: h.invoker(h.alice, memberPerms), Name: "summary",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{localdiscord.StringOption("length", "medium"), localdiscord.StringOption("focus", "Glas")}})
	if err != nil {
		t.Fatal(err)
	}
	checkAnswer(t, h.final(ctx, in.ID), false)
}

func TestFeedbackOneVotePerUserStoredDurably(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{extractive: true})
	ctx := h.ctx()
	a := h.final(ctx, h.ask(askGlas, false).ID)

	h.privateReply(ctx, h.press(h.alice, memberPerms, a.ID, idVoteUp).ID, "👍 Thanks, noted as helpful.")
	h.privateReply(ctx, h.press(h.alice, memberPerms, a.ID, idVoteDown).ID, "👎 Thanks, noted as not helpful.")
	h.privateReply(ctx, h.press(h.alice, memberPerms, a.ID, idVoteDown).ID, "You already voted that way.")

	tallies, err := bot.ReadFeedback(h.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(tallies) != 1 || tallies[0] != (bot.Tally{MessageID: a.ID, Question: askGlas, GuildID: h.guild.ID, Up: 0, Down: 1}) {
		t.Fatalf("tallies = %+v, want alice's one 👎", tallies)
	}
	h.privateReply(ctx, h.press(h.mod, modPerms, a.ID, idVoteUp).ID, "noted as helpful")
	tallies, err = bot.ReadFeedback(h.dataDir)
	if err != nil || len(tallies) != 1 || tallies[0].Up != 1 || tallies[0].Down != 1 {
		t.Fatalf("tallies = %+v, %v", tallies, err)
	}
}

// holdFirstChat returns a model hook that holds the first chat request
// until release is closed, and says on entered when it holds it.
func holdFirstChat(entered chan<- struct{}, release <-chan struct{}) func(context.Context, llmtest.Endpoint) {
	var n atomic.Int32
	return func(ctx context.Context, ep llmtest.Endpoint) {
		if ep != llmtest.Chat || n.Add(1) != 1 {
			return
		}
		entered <- struct{}{}
		select {
		case <-release:
		case <-ctx.Done():
		}
	}
}

// TestQueueNoticeNeverOverwritesAnswer: the "queued" notice of a waiting
// question edits the message its answer goes to; however late the notice
// lands (here Discord rate-limits it and discordgo retries it after half a
// second), the answer must land last.
func TestQueueNoticeNeverOverwritesAnswer(t *testing.T) {
	t.Parallel()
	entered, release := make(chan struct{}, 1), make(chan struct{})
	h := newHarness(t, harnessOptions{workers: 1, llmOptions: []llmtest.Option{llmtest.WithHook(holdFirstChat(entered, release))}})
	ctx := h.ctx()

	first := h.ask(askGlas, false)
	select {
	case <-entered: // the only worker is busy
	case <-ctx.Done():
		t.Fatal("the first question never reached the model")
	}
	h.srv.FailNext("PATCH", routeOriginal, http.StatusTooManyRequests, 0, 500*time.Millisecond)
	second := h.ask("Where was Jorge Glas taken?", false)
	st := h.acked(ctx, second.ID)
	if _, err := h.srv.WaitRequest(ctx, func(r localdiscord.Request) bool {
		return r.Status == http.StatusTooManyRequests && r.Params["webhook_token"] == st.Token
	}); err != nil {
		t.Fatalf("the queue notice was not rate-limited: %v", err)
	}
	close(release)
	h.final(ctx, first.ID)
	notice, err := h.srv.WaitRequest(ctx, func(r localdiscord.Request) bool {
		return r.Status == http.StatusOK && r.Params["webhook_token"] == st.Token && bytes.Contains(r.Body, []byte("Queued: 1 question(s) ahead of yours."))
	})
	if err != nil {
		t.Fatal(err)
	}
	answered, err := h.srv.WaitRequest(ctx, func(r localdiscord.Request) bool {
		return r.Status == http.StatusOK && r.Params["webhook_token"] == st.Token && bytes.Contains(r.Body, []byte(`"footer"`))
	})
	if err != nil {
		t.Fatal(err)
	}
	if notice.Seq > answered.Seq {
		t.Errorf("the queue notice (request %d) landed after the answer (request %d)", notice.Seq, answered.Seq)
	}
	if m, _ := h.srv.Message(h.channel.ID, st.OriginalMessageID); !isAnswer(m) {
		t.Errorf("the second answer was overwritten: %q", m.Content)
	}
}

// TestRateLimitedAnswerDoesNotHoldUpOthers: Discord rate-limits the edits
// of each interaction on their own; one answer told to wait must not make
// every other answer wait.
func TestRateLimitedAnswerDoesNotHoldUpOthers(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{extractive: true})
	ctx := h.ctx()
	const wait = 3 * time.Second
	h.srv.FailNext("PATCH", routeOriginal, http.StatusTooManyRequests, 0, wait)
	slow := h.ask(askGlas, false)
	limited, err := h.srv.WaitRequest(ctx, func(r localdiscord.Request) bool { return r.Status == http.StatusTooManyRequests })
	if err != nil {
		t.Fatal(err)
	}
	other := h.ask("Which country broke diplomatic ties with Ecuador?", false)
	h.final(ctx, other.ID)
	if took := time.Since(limited.Time); took >= wait {
		t.Errorf("another answer waited %v behind a rate-limited one", took)
	}
	h.final(ctx, slow.ID) // and the limited one is retried
}
