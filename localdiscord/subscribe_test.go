package localdiscord

import (
	"context"
	"fmt"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// next returns the next event of a subscription, failing the test when
// the subscription ends or ctx does first.
func next(t *testing.T, ctx context.Context, events <-chan Event) Event {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatal("subscription ended")
		}
		return ev
	case <-ctx.Done():
		t.Fatalf("waiting for an event: %v", ctx.Err())
	}
	return Event{}
}

func TestSubscribeReportsEveryChangeInOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := testContext(t)
	b := f.commandBot(t)
	events := f.srv.Subscribe(ctx)

	var lastSeq uint64
	expect := func(kind EventKind, check func(Event) bool) Event {
		t.Helper()
		ev := next(t, ctx, events)
		if ev.Kind != kind || (check != nil && !check(ev)) {
			t.Fatalf("event %+v, want %s", ev, kind)
		}
		if ev.Seq <= lastSeq {
			t.Fatalf("event seq %d after %d", ev.Seq, lastSeq)
		}
		lastSeq = ev.Seq
		return ev
	}

	alice := f.srv.Client(f.guild.ID, f.alice, PermissionViewChannel|PermissionSendMessages)
	posted, err := alice.Post(f.channel.ID, "hello <@"+f.srv.BotUser().ID+">")
	if err != nil {
		t.Fatal(err)
	}
	expect(EventMessageCreate, func(ev Event) bool {
		return ev.MessageID == posted.ID && ev.Message.Content == posted.Content && len(ev.Message.Mentions) == 1
	})

	sent, err := b.dg.ChannelMessageSend(f.channel.ID, "first draft")
	if err != nil {
		t.Fatal(err)
	}
	expect(EventMessageCreate, func(ev Event) bool { return ev.MessageID == sent.ID && ev.Message.Author.Bot })
	if _, err := b.dg.ChannelMessageEdit(f.channel.ID, sent.ID, "final"); err != nil {
		t.Fatal(err)
	}
	expect(EventMessageUpdate, func(ev Event) bool { return ev.Message.Content == "final" })

	th, err := b.dg.MessageThreadStart(f.channel.ID, sent.ID, "talk", 60)
	if err != nil {
		t.Fatal(err)
	}
	expect(EventThreadCreate, func(ev Event) bool { return ev.Channel.ID == th.ID && ev.Channel.ParentID == f.channel.ID })
	expect(EventMessageUpdate, func(ev Event) bool { return ev.MessageID == sent.ID && ev.Message.ThreadID == th.ID })

	if err := b.dg.ChannelMessagePin(f.channel.ID, sent.ID); err != nil {
		t.Fatal(err)
	}
	expect(EventMessageCreate, func(ev Event) bool { return ev.Message.Type == MessageTypeChannelPinnedMessage })
	expect(EventPinsUpdate, func(ev Event) bool { return len(ev.Pins) == 1 && ev.Pins[0].ID == sent.ID && ev.Pins[0].Pinned })

	// An ephemeral reply is reported (a client shows it to its user) and
	// so is the acknowledgement.
	st, err := alice.Slash(f.channel.ID, "ask", StringOption("question", "q"))
	if err != nil {
		t.Fatal(err)
	}
	ic := receive(t, ctx, b.interactions, "slash command", func(e *discordgo.InteractionCreate) bool { return e.ID == st.ID })
	err = b.dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "just you", Flags: discordgo.MessageFlagsEphemeral},
	})
	if err != nil {
		t.Fatal(err)
	}
	reply := expect(EventMessageCreate, func(ev Event) bool {
		return ev.Message.Ephemeral() && ev.Message.InteractionID == st.ID && ev.Message.Content == "just you"
	})
	expect(EventInteractionAck, func(ev Event) bool {
		return ev.Interaction.ID == st.ID && ev.Interaction.Ephemeral && ev.MessageID == reply.MessageID && ev.Interaction.User.ID == f.alice.ID
	})

	if err := b.dg.ChannelMessageDelete(f.channel.ID, sent.ID); err != nil {
		t.Fatal(err)
	}
	expect(EventMessageDelete, func(ev Event) bool { return ev.MessageID == sent.ID })

	if _, err := f.srv.AddChannel(Channel{GuildID: f.guild.ID, Name: "news"}); err != nil {
		t.Fatal(err)
	}
	expect(EventChannelCreate, func(ev Event) bool { return ev.Channel.Name == "news" })
	f.audit(t)
}

func TestSubscriptionEndsWithItsContextAndTheServer(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx, cancel := context.WithCancel(testContext(t))
	events := f.srv.Subscribe(ctx)
	cancel()
	for range events { // drains until closed
	}

	other := f.srv.Subscribe(testContext(t))
	if err := f.srv.Close(); err != nil {
		t.Fatal(err)
	}
	for range other {
	}
	if _, ok := <-f.srv.Subscribe(testContext(t)); ok {
		t.Error("subscribing to a closed server delivered an event")
	}
}

func TestSlowSubscriberIsToldItLagged(t *testing.T) {
	t.Parallel()
	const backlog = 50
	f := newFixture(t, Options{SubscriberBacklog: backlog})
	ctx := testContext(t)
	events := f.srv.Subscribe(ctx)
	// Nobody reads while more than twice the backlog is published: the
	// delivery goroutine may already hold one batch (at most a backlog's
	// worth), and the queue overflows after another backlog.
	for i := range 2*backlog + 10 {
		if _, err := f.srv.SendMessage(f.channel.ID, f.alice, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	lagged := false
	for !lagged {
		ev := next(t, ctx, events)
		lagged = ev.Kind == EventLagged
	}
	last, err := f.srv.SendMessage(f.channel.ID, f.alice, "after")
	if err != nil {
		t.Fatal(err)
	}
	for {
		ev := next(t, ctx, events)
		if ev.Kind == EventMessageCreate && ev.MessageID == last.ID {
			break
		}
	}
}

// TestLagKeepsWhatFollows pins the queue's rule without goroutines: an
// overflow drops what was waiting, and the events pushed after the lag
// marker wait behind it rather than being dropped too (a subscriber that
// has just read a lag must still see the next message).
func TestLagKeepsWhatFollows(t *testing.T) {
	const backlog = 3
	sub := &subscriber{wake: make(chan struct{}, 1), backlog: backlog}
	for seq := range uint64(2*backlog + 1) {
		sub.push(Event{Seq: seq + 1, Kind: EventMessageCreate})
	}
	batch := sub.take()
	if len(batch) == 0 || batch[0].Kind != EventLagged || batch[len(batch)-1].Seq != 2*backlog+1 || len(batch) > backlog {
		t.Fatalf("after overflow the queue is %+v, want a lag marker first and event %d last, at most %d events", batch, 2*backlog+1, backlog)
	}
	if batch[0].Seq != batch[1].Seq-1 {
		t.Errorf("lag marker numbered %d, want the last dropped event %d", batch[0].Seq, batch[1].Seq-1)
	}
	sub.push(Event{Seq: 100, Kind: EventMessageCreate})
	if got := sub.take(); len(got) != 1 || got[0].Seq != 100 {
		t.Fatalf("after the lag the queue is %+v, want event 100", got)
	}
}

func TestClientActsAsAUserWithPermissions(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := testContext(t)
	b := f.connect(t, nil)
	_, err := b.dg.ApplicationCommandBulkOverwrite(f.srv.ApplicationID(), f.guild.ID, []*discordgo.ApplicationCommand{
		{Name: "summary", Description: "Key points", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "length", Description: "How many", Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "short", Value: "short"}, {Name: "long", Value: "long"}}},
			{Type: discordgo.ApplicationCommandOptionString, Name: "focus", Description: "Topic", Required: true},
			{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Only me"},
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "k", Description: "Passages"},
			{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "A file"},
		}},
		{Name: "Pin citation", Type: discordgo.MessageApplicationCommand},
	})
	if err != nil {
		t.Fatal(err)
	}
	cmds := f.srv.GuildCommands(f.guild.ID)
	if len(cmds) != 2 || cmds[0].Name != "summary" || len(cmds[0].Options) != 5 || len(cmds[0].Options[0].Choices) != 2 || !cmds[0].Options[1].Required {
		t.Fatalf("commands = %+v", cmds)
	}

	for _, bad := range []map[string]any{
		{"length": "short"},                  // focus is required
		{"focus": "x", "length": "medium"},   // not a choice
		{"focus": "x", "private": "perhaps"}, // not a boolean
		{"focus": "x", "k": 2.5},             // not whole
		{"focus": "x", "file": "a.txt"},      // cannot be typed
		{"focus": "x", "colour": "blue"},     // no such option
		{"focus": 3},                         // not text
	} {
		if _, err := f.srv.CommandOptions(f.guild.ID, "summary", bad); err == nil {
			t.Errorf("options %v accepted", bad)
		}
	}
	if _, err := f.srv.CommandOptions(f.guild.ID, "nope", nil); err == nil {
		t.Error("options of an unknown command accepted")
	}
	opts, err := f.srv.CommandOptions(f.guild.ID, "summary", map[string]any{"length": "long", "focus": "embassy", "private": "true", "k": "3"})
	if err != nil {
		t.Fatal(err)
	}

	mod := f.srv.Client(f.guild.ID, User{ID: "4242", Username: "mod"}, PermissionPinMessages|PermissionSendMessages)
	st, err := mod.Slash(f.channel.ID, "summary", opts...)
	if err != nil {
		t.Fatal(err)
	}
	ic := receive(t, ctx, b.interactions, "slash command", func(e *discordgo.InteractionCreate) bool { return e.ID == st.ID })
	if ic.Member == nil || ic.Member.User.ID != "4242" || ic.Member.Permissions != PermissionPinMessages|PermissionSendMessages {
		t.Fatalf("member = %+v", ic.Member)
	}
	got := map[string]any{}
	for _, o := range ic.ApplicationCommandData().Options {
		got[o.Name] = o.Value
	}
	if got["length"] != "long" || got["focus"] != "embassy" || got["private"] != true || got["k"] != float64(3) {
		t.Errorf("options as the bot sees them = %v", got)
	}

	withButton, err := b.dg.ChannelMessageSendComplex(f.channel.ID, &discordgo.MessageSend{
		Content: "answer",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Pin", Style: discordgo.SecondaryButton, CustomID: "pin"},
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	press, err := mod.Press(withButton.ID, "pin")
	if err != nil {
		t.Fatal(err)
	}
	ic = receive(t, ctx, b.interactions, "press", func(e *discordgo.InteractionCreate) bool { return e.ID == press.ID })
	if ic.ChannelID != f.channel.ID || ic.Member.Permissions&PermissionPinMessages == 0 {
		t.Errorf("press interaction = %+v", ic.Interaction)
	}
	mc, err := mod.MessageCommand("Pin citation", withButton.ID)
	if err != nil {
		t.Fatal(err)
	}
	ic = receive(t, ctx, b.interactions, "message command", func(e *discordgo.InteractionCreate) bool { return e.ID == mc.ID })
	if ic.ApplicationCommandData().TargetID != withButton.ID {
		t.Errorf("target = %q", ic.ApplicationCommandData().TargetID)
	}

	if _, err := mod.Post("999", "nowhere"); err == nil {
		t.Error("posting in an unknown channel succeeded")
	}
	if _, err := mod.Post(f.channel.ID, "hi"); err != nil {
		t.Fatal(err)
	}
	if u, ok := f.srv.User("4242"); !ok || u.Username != "mod" {
		t.Errorf("user = %+v, %v", u, ok)
	}
	if got := f.srv.RecentMessages(f.channel.ID, 1); len(got) != 1 || got[0].Content != "hi" {
		t.Errorf("recent messages = %+v", got)
	}
	if chs := f.srv.Channels(f.guild.ID); len(chs) != 1 || chs[0].ID != f.channel.ID {
		t.Errorf("channels = %+v", chs)
	}
	f.audit(t)
}

func TestRequestLogLimitKeepsTheLatest(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{RequestLogLimit: 3})
	b := f.connect(t, nil)
	for i := range 5 {
		if _, err := b.dg.ChannelMessageSend(f.channel.ID, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	reqs := f.srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests kept, want 3", len(reqs))
	}
	for i := 1; i < len(reqs); i++ {
		if reqs[i].Seq != reqs[i-1].Seq+1 {
			t.Errorf("seqs %d then %d", reqs[i-1].Seq, reqs[i].Seq)
		}
	}
	if reqs[2].Seq < 5 {
		t.Errorf("last seq %d, want at least 5 (the gateway lookups come first)", reqs[2].Seq)
	}
}

// With Retention, a channel keeps only its newest messages (pinned ones
// stay) and the server only its newest interactions.
func TestRetention(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{Retention: 5})
	var first Message
	for i := range 12 {
		m, err := f.srv.SendMessage(f.channel.ID, f.alice, fmt.Sprint(i))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = m
		}
	}
	msgs := f.srv.ChannelMessages(f.channel.ID)
	if len(msgs) != 5 || msgs[len(msgs)-1].Content != "11" {
		t.Fatalf("kept %d messages, last %+v", len(msgs), msgs[len(msgs)-1])
	}
	if _, ok := f.srv.Message(f.channel.ID, first.ID); ok {
		t.Fatal("the oldest message was kept")
	}
}
