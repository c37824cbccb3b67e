package localdiscord

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/localdiscord/localdiscordtest"
)

// specPath is Discord's OpenAPI document, relative to this package.
const specPath = "../testdata/discord-api-spec/openapi.json"

// testTimeout bounds every wait in these tests.
const testTimeout = 15 * time.Second

// fixture is a server with one guild, one text channel and one human user.
type fixture struct {
	srv     *Server
	guild   Guild
	channel Channel
	alice   User
}

func newFixture(t *testing.T, opts Options) *fixture {
	t.Helper()
	if opts.Validator == nil {
		opts.Validator = localdiscordtest.Spec(t, specPath)
	}
	if opts.HeartbeatInterval == 0 {
		opts.HeartbeatInterval = time.Second
	}
	opts.Logf = t.Logf
	srv, err := New(opts)
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("close server: %v", err)
		}
	})
	guild, err := srv.AddGuild(Guild{Name: "newsroom"})
	if err != nil {
		t.Fatal(err)
	}
	channel, err := srv.AddChannel(Channel{GuildID: guild.ID, Name: "general"})
	if err != nil {
		t.Fatal(err)
	}
	alice := srv.AddUser(User{Username: "alice"})
	return &fixture{srv: srv, guild: guild, channel: channel, alice: alice}
}

// audit fails the test on spec violations or unknown routes and logs how
// many requests were validated.
func (f *fixture) audit(t *testing.T) {
	t.Helper()
	if err := f.srv.Audit(); err != nil {
		t.Error(err)
	}
	if f.srv.ValidatedCount() == 0 {
		t.Error("no request was validated against the openapi spec")
	}
	t.Logf("%d requests validated against the openapi spec, %d violations", f.srv.ValidatedCount(), len(f.srv.Violations()))
}

// bot is a connected discordgo session with its events fanned into
// channels.
type bot struct {
	dg           *discordgo.Session
	interactions chan *discordgo.InteractionCreate
	creates      chan *discordgo.MessageCreate
	updates      chan *discordgo.MessageUpdate
	threads      chan *discordgo.ThreadCreate
	resumed      chan *discordgo.Resumed
}

// session is a new discordgo session on the fixture's server, not yet
// opened.
func (f *fixture) session(t *testing.T) *discordgo.Session {
	t.Helper()
	dg, err := f.srv.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	return dg
}

func (f *fixture) connect(t *testing.T, configure func(*discordgo.Session)) *bot {
	t.Helper()
	dg := f.session(t)
	dg.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentMessageContent
	if configure != nil {
		configure(dg)
	}
	b := &bot{
		dg:           dg,
		interactions: make(chan *discordgo.InteractionCreate, 64),
		creates:      make(chan *discordgo.MessageCreate, 256),
		updates:      make(chan *discordgo.MessageUpdate, 256),
		threads:      make(chan *discordgo.ThreadCreate, 64),
		resumed:      make(chan *discordgo.Resumed, 8),
	}
	dg.AddHandler(func(_ *discordgo.Session, e *discordgo.InteractionCreate) { b.interactions <- e })
	dg.AddHandler(func(_ *discordgo.Session, e *discordgo.MessageCreate) { b.creates <- e })
	dg.AddHandler(func(_ *discordgo.Session, e *discordgo.MessageUpdate) { b.updates <- e })
	dg.AddHandler(func(_ *discordgo.Session, e *discordgo.ThreadCreate) { b.threads <- e })
	dg.AddHandler(func(_ *discordgo.Session, e *discordgo.Resumed) { b.resumed <- e })
	if err := dg.Open(); err != nil {
		t.Fatalf("open session: %v", err)
	}
	t.Cleanup(func() { _ = dg.Close() })
	return b
}

// receive returns the first value from ch satisfying match.
func receive[T any](t *testing.T, ctx context.Context, ch <-chan T, what string, match func(T) bool) T {
	t.Helper()
	for {
		select {
		case v := <-ch:
			if match == nil || match(v) {
				return v
			}
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v", what, ctx.Err())
		}
	}
}

func ptr[T any](v T) *T { return &v }

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// commandBot connects a bot and registers its commands (see
// registerCommands).
func (f *fixture) commandBot(t *testing.T) *bot {
	t.Helper()
	b := f.connect(t, nil)
	registerCommands(t, f, b)
	return b
}

func registerCommands(t *testing.T, f *fixture, b *bot) {
	t.Helper()
	cmds, err := b.dg.ApplicationCommandBulkOverwrite(f.srv.ApplicationID(), f.guild.ID, []*discordgo.ApplicationCommand{
		{
			Name:        "ask",
			Description: "Ask a question about the news",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true},
			},
		},
		{Name: "Pin citation", Type: discordgo.MessageApplicationCommand},
	})
	if err != nil {
		t.Fatalf("bulk overwrite commands: %v", err)
	}
	if len(cmds) != 2 || cmds[0].ID == "" || cmds[0].Name != "ask" || cmds[1].Type != discordgo.MessageApplicationCommand {
		t.Fatalf("unexpected registered commands: %+v", cmds)
	}
	again, err := b.dg.ApplicationCommandBulkOverwrite(f.srv.ApplicationID(), f.guild.ID, []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask again", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true},
		}},
		{Name: "Pin citation", Type: discordgo.MessageApplicationCommand},
	})
	if err != nil {
		t.Fatalf("bulk overwrite commands again: %v", err)
	}
	if again[0].ID != cmds[0].ID {
		t.Errorf("overwrite changed the command id: %s -> %s", cmds[0].ID, again[0].ID)
	}
	listed, err := b.dg.ApplicationCommands(f.srv.ApplicationID(), f.guild.ID)
	if err != nil || len(listed) != 2 {
		t.Fatalf("list commands: %v, %d commands", err, len(listed))
	}
}

func TestSessionReadyAndSlashCommand(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := testContext(t)
	b := f.connect(t, nil)

	if b.dg.State.User == nil || b.dg.State.User.ID != f.srv.BotUser().ID {
		t.Fatalf("READY user = %+v, want the bot %s", b.dg.State.User, f.srv.BotUser().ID)
	}
	if _, err := f.srv.WaitGatewayEvent(ctx, func(e GatewayEvent) bool { return e.Kind == GatewayIdentify }); err != nil {
		t.Fatal(err)
	}
	sessions := f.srv.GatewaySessions()
	if len(sessions) != 1 || sessions[0].Dispatches[0] != "READY" || sessions[0].Dispatches[1] != "GUILD_CREATE" {
		t.Fatalf("sessions = %+v, want one with READY then GUILD_CREATE", sessions)
	}
	if sessions[0].Intents&int(discordgo.IntentMessageContent) == 0 {
		t.Errorf("identify intents %d lack MESSAGE_CONTENT", sessions[0].Intents)
	}
	registerCommands(t, f, b)

	perms := PermissionPinMessages | PermissionSendMessages
	sent, err := f.srv.SendSlashCommand(SlashCommand{
		Invoker: Invoker{GuildID: f.guild.ID, ChannelID: f.channel.ID, User: f.alice, Permissions: perms},
		Name:    "ask",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{StringOption("question", "what happened today?")},
	})
	if err != nil {
		t.Fatal(err)
	}
	ic := receive(t, ctx, b.interactions, "INTERACTION_CREATE", nil)
	if ic.ID != sent.ID || ic.Token != sent.Token || ic.AppID != f.srv.ApplicationID() {
		t.Fatalf("interaction = %s/%s app %s, want %s/%s", ic.ID, ic.Token, ic.AppID, sent.ID, sent.Token)
	}
	data := ic.ApplicationCommandData()
	if data.Name != "ask" || len(data.Options) != 1 || data.Options[0].StringValue() != "what happened today?" {
		t.Fatalf("command data = %+v", data)
	}
	if ic.Member == nil || ic.Member.User.ID != f.alice.ID || ic.Member.Permissions != perms {
		t.Fatalf("member = %+v, want alice with permissions %d", ic.Member, perms)
	}
	if ic.AppPermissions&discordgo.PermissionManageMessages == 0 {
		t.Errorf("app_permissions %d lack MANAGE_MESSAGES", ic.AppPermissions)
	}

	// Defer, then edit the response, as the bot does for slow answers.
	if err := b.dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatalf("defer: %v", err)
	}
	st, err := f.srv.WaitInteraction(ctx, sent.ID, func(s InteractionState) bool { return s.Acked })
	if err != nil {
		t.Fatal(err)
	}
	if st.AckType != CallbackDeferredChannelMessage || st.OriginalMessageID == "" || st.AckLatency <= 0 || st.Ephemeral {
		t.Fatalf("after defer: %+v", st)
	}
	loading, _ := f.srv.Message(f.channel.ID, st.OriginalMessageID)
	if loading.Flags&MessageFlagLoading == 0 {
		t.Errorf("deferred original has flags %d, want LOADING", loading.Flags)
	}
	created := receive(t, ctx, b.creates, "MESSAGE_CREATE of the loading message", func(m *discordgo.MessageCreate) bool { return m.ID == st.OriginalMessageID })
	if created.Author.ID != f.srv.BotUser().ID || created.Type != discordgo.MessageTypeChatInputCommand {
		t.Errorf("loading message author %s type %d", created.Author.ID, created.Type)
	}

	edited, err := b.dg.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{
		Content: ptr("Three things happened [1]."),
		Embeds: &[]*discordgo.MessageEmbed{{
			Title:       "Sources",
			Description: "[1] Example News",
			URL:         "https://example.com/news/1",
			Color:       0x2b6cb0,
			Fields:      []*discordgo.MessageEmbedField{{Name: "Published", Value: "today", Inline: true}},
			Footer:      &discordgo.MessageEmbedFooter{Text: "footnote"},
		}},
	})
	if err != nil {
		t.Fatalf("edit original: %v", err)
	}
	if edited.ID != st.OriginalMessageID || edited.Content != "Three things happened [1]." {
		t.Fatalf("edited = %s %q", edited.ID, edited.Content)
	}
	msg, err := f.srv.WaitMessage(ctx, f.channel.ID, func(m Message) bool { return m.ID == st.OriginalMessageID && m.Flags&MessageFlagLoading == 0 })
	if err != nil {
		t.Fatal(err)
	}
	if len(msg.Embeds) != 1 || msg.Embeds[0].Title != "Sources" || msg.Embeds[0].Type != discordgo.EmbedTypeRich {
		t.Errorf("stored embeds = %s", msg.RawEmbeds)
	}
	receive(t, ctx, b.updates, "MESSAGE_UPDATE of the answer", func(m *discordgo.MessageUpdate) bool {
		return m.ID == st.OriginalMessageID && m.Content == "Three things happened [1]."
	})
	orig, err := b.dg.InteractionResponse(ic.Interaction)
	if err != nil || orig.ID != st.OriginalMessageID {
		t.Fatalf("get original: %v, %+v", err, orig)
	}

	// A followup, and a second acknowledgement that Discord refuses.
	follow, err := b.dg.FollowupMessageCreate(ic.Interaction, true, &discordgo.WebhookParams{Content: "More sources follow.", Flags: discordgo.MessageFlagsEphemeral})
	if err != nil {
		t.Fatalf("followup: %v", err)
	}
	st, _ = f.srv.InteractionResponse(sent.ID)
	if len(st.FollowupIDs) != 1 || st.FollowupIDs[0] != follow.ID {
		t.Errorf("followups = %v, want [%s]", st.FollowupIDs, follow.ID)
	}
	if m, _ := f.srv.Message(f.channel.ID, follow.ID); !m.Ephemeral() {
		t.Errorf("followup flags %d, want ephemeral", m.Flags)
	}
	err = b.dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: &discordgo.InteractionResponseData{Content: "again"}})
	assertRESTCode(t, err, http.StatusBadRequest, CodeAlreadyAcknowledged)

	f.audit(t)
}

func assertRESTCode(t *testing.T, err error, status, code int) {
	t.Helper()
	var rerr *discordgo.RESTError
	if !errors.As(err, &rerr) {
		t.Fatalf("error = %v, want a discordgo REST error %d/%d", err, status, code)
	}
	if rerr.Response.StatusCode != status || rerr.Message == nil || rerr.Message.Code != code {
		t.Fatalf("REST error = %s, want http %d code %d", rerr, status, code)
	}
}

func TestEphemeralReplyComponentsAndContextMenu(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := testContext(t)
	b := f.commandBot(t)
	inv := Invoker{GuildID: f.guild.ID, ChannelID: f.channel.ID, User: f.alice}

	// Immediate ephemeral reply: stored, flagged, not dispatched.
	sent, err := f.srv.SendSlashCommand(SlashCommand{Invoker: inv, Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{StringOption("question", "q")}})
	if err != nil {
		t.Fatal(err)
	}
	ic := receive(t, ctx, b.interactions, "slash command", nil)
	err = b.dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "Only you can see this.", Flags: discordgo.MessageFlagsEphemeral},
	})
	if err != nil {
		t.Fatalf("respond: %v", err)
	}
	st, _ := f.srv.InteractionResponse(sent.ID)
	if !st.Ephemeral || st.AckType != CallbackChannelMessageWithSource {
		t.Fatalf("state = %+v, want an ephemeral type 4 response", st)
	}
	if _, err := b.dg.ChannelMessage(f.channel.ID, st.OriginalMessageID); err == nil {
		t.Error("ephemeral message is visible through the channel API")
	}

	// A message with a button; a press updates the message (type 7).
	withButton, err := b.dg.ChannelMessageSendComplex(f.channel.ID, &discordgo.MessageSend{
		Content: "Was this answer helpful?",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Yes", Style: discordgo.PrimaryButton, CustomID: "feedback:yes"},
		}}},
	})
	if err != nil {
		t.Fatalf("send message with button: %v", err)
	}
	if _, err := f.srv.SendComponentPress(ComponentPress{Invoker: Invoker{User: f.alice}, MessageID: withButton.ID, CustomID: "nope"}); err == nil {
		t.Error("pressing a component that does not exist succeeded")
	}
	press, err := f.srv.SendComponentPress(ComponentPress{Invoker: Invoker{User: f.alice}, MessageID: withButton.ID, CustomID: "feedback:yes"})
	if err != nil {
		t.Fatal(err)
	}
	ic = receive(t, ctx, b.interactions, "component press", func(e *discordgo.InteractionCreate) bool { return e.ID == press.ID })
	if ic.MessageComponentData().CustomID != "feedback:yes" || ic.Message == nil || ic.Message.ID != withButton.ID {
		t.Fatalf("component interaction = %+v", ic.MessageComponentData())
	}
	err = b.dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{Content: "Thanks for the feedback!", Components: []discordgo.MessageComponent{}},
	})
	if err != nil {
		t.Fatalf("update message: %v", err)
	}
	updated, _ := f.srv.Message(f.channel.ID, withButton.ID)
	if updated.Content != "Thanks for the feedback!" || len(updated.Components) != 0 {
		t.Errorf("updated message = %q with %d components", updated.Content, len(updated.Components))
	}

	// Deferred update (type 6): @original is the component's message,
	// which the bot then edits and deletes through the webhook.
	twoButtons, err := b.dg.ChannelMessageSendComplex(f.channel.ID, &discordgo.MessageSend{
		Content: "Show sources?",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Show", Style: discordgo.SecondaryButton, CustomID: "sources:show"},
			discordgo.Button{Label: "Source", Style: discordgo.LinkButton, URL: "https://example.com/source"},
		}}},
	})
	if err != nil {
		t.Fatalf("send message with two buttons: %v", err)
	}
	press, err = f.srv.SendComponentPress(ComponentPress{Invoker: Invoker{User: f.alice}, MessageID: twoButtons.ID, CustomID: "sources:show"})
	if err != nil {
		t.Fatal(err)
	}
	ic = receive(t, ctx, b.interactions, "second component press", func(e *discordgo.InteractionCreate) bool { return e.ID == press.ID })
	if err := b.dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}); err != nil {
		t.Fatalf("deferred update: %v", err)
	}
	if st, _ := f.srv.InteractionResponse(press.ID); st.OriginalMessageID != twoButtons.ID || st.AckType != CallbackDeferredUpdateMessage {
		t.Fatalf("deferred update state = %+v", st)
	}
	if _, err := b.dg.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: ptr("Sources: [1] https://example.com/source")}); err != nil {
		t.Fatalf("edit component message via @original: %v", err)
	}
	if m, _ := f.srv.Message(f.channel.ID, twoButtons.ID); m.Content != "Sources: [1] https://example.com/source" || len(m.Components) != 1 {
		t.Errorf("component message after edit = %q, %d components", m.Content, len(m.Components))
	}
	if err := b.dg.InteractionResponseDelete(ic.Interaction); err != nil {
		t.Fatalf("delete @original: %v", err)
	}
	if _, ok := f.srv.Message(f.channel.ID, twoButtons.ID); ok {
		t.Error("@original still exists after delete")
	}

	// A modal (type 9) is recorded.
	modal, err := f.srv.SendSlashCommand(SlashCommand{Invoker: inv, Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{StringOption("question", "q")}})
	if err != nil {
		t.Fatal(err)
	}
	ic = receive(t, ctx, b.interactions, "slash command for a modal", func(e *discordgo.InteractionCreate) bool { return e.ID == modal.ID })
	err = b.dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{CustomID: "ask:modal", Title: "Ask footnote", Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: "question", Label: "Question", Style: discordgo.TextInputParagraph, Required: true},
			}},
		}},
	})
	if err != nil {
		t.Fatalf("modal: %v", err)
	}
	if st, _ := f.srv.InteractionResponse(modal.ID); st.AckType != CallbackModal || !strings.Contains(string(st.Response), "ask:modal") {
		t.Errorf("modal state = %+v", st)
	}

	// Message context menu on a user's message.
	target, err := f.srv.SendMessage(f.channel.ID, f.alice, "Breaking: footnotes are great https://example.com/a")
	if err != nil {
		t.Fatal(err)
	}
	mc, err := f.srv.SendMessageCommand(MessageCommand{Invoker: Invoker{User: f.alice, Permissions: PermissionManageMessages}, Name: "Pin citation", TargetMessageID: target.ID})
	if err != nil {
		t.Fatal(err)
	}
	ic = receive(t, ctx, b.interactions, "message command", func(e *discordgo.InteractionCreate) bool { return e.ID == mc.ID })
	data := ic.ApplicationCommandData()
	if data.TargetID != target.ID || data.Resolved == nil || data.Resolved.Messages[target.ID] == nil ||
		data.Resolved.Messages[target.ID].Content != target.Content {
		t.Fatalf("message command data = %+v", data)
	}
	if ic.Member.Permissions&discordgo.PermissionManageMessages == 0 {
		t.Errorf("member permissions = %d", ic.Member.Permissions)
	}
	if err := b.dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}}); err != nil {
		t.Fatal(err)
	}
	// The first followup after a deferral replaces the loading message.
	reply, err := b.dg.FollowupMessageCreate(ic.Interaction, true, &discordgo.WebhookParams{Content: "Pinned."})
	if err != nil {
		t.Fatal(err)
	}
	st, _ = f.srv.InteractionResponse(mc.ID)
	if reply.ID != st.OriginalMessageID || !st.Ephemeral || len(st.FollowupIDs) != 0 {
		t.Errorf("followup after ephemeral defer: reply %s, state %+v", reply.ID, st)
	}

	if _, err := f.srv.SendSlashCommand(SlashCommand{Invoker: inv, Name: "unregistered"}); err == nil {
		t.Error("sending an unregistered command succeeded")
	}
	f.audit(t)
}

func TestLateAcknowledgementIsRejected(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{InteractionAckTimeout: time.Nanosecond})
	ctx := testContext(t)
	b := f.commandBot(t)
	sent, err := f.srv.SendSlashCommand(SlashCommand{Invoker: Invoker{GuildID: f.guild.ID, ChannelID: f.channel.ID, User: f.alice}, Name: "ask",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{StringOption("question", "q")}})
	if err != nil {
		t.Fatal(err)
	}
	ic := receive(t, ctx, b.interactions, "slash command", nil)
	err = b.dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
	assertRESTCode(t, err, http.StatusNotFound, CodeUnknownInteraction)
	if st, _ := f.srv.InteractionResponse(sent.ID); st.Acked || st.RejectedCallbacks != 1 {
		t.Errorf("state after late ack = %+v", st)
	}
	f.audit(t)
}

func TestMessagesEmbedsThreadsAndHistory(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := testContext(t)
	b := f.connect(t, nil)

	msg, err := b.dg.ChannelMessageSendComplex(f.channel.ID, &discordgo.MessageSend{
		Content: "Here is what I found:",
		Embeds: []*discordgo.MessageEmbed{{
			Title:       "Example headline",
			URL:         "https://example.com/story",
			Description: "A summary with a citation [1].",
			Timestamp:   time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC).Format(time.RFC3339),
			Author:      &discordgo.MessageEmbedAuthor{Name: "Example News", URL: "https://example.com"},
			Fields:      []*discordgo.MessageEmbedField{{Name: "[1]", Value: "https://example.com/story"}},
		}},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
	})
	if err != nil {
		t.Fatalf("send embed: %v", err)
	}
	if msg.Author.ID != f.srv.BotUser().ID || len(msg.Embeds) != 1 || msg.Embeds[0].Type != discordgo.EmbedTypeRich {
		t.Fatalf("sent message = %+v", msg)
	}
	receive(t, ctx, b.creates, "MESSAGE_CREATE of the bot's own message", func(m *discordgo.MessageCreate) bool { return m.ID == msg.ID })

	// Files go as multipart with payload_json.
	withFile, err := b.dg.ChannelMessageSendComplex(f.channel.ID, &discordgo.MessageSend{
		Content: "Sources attached.",
		Files:   []*discordgo.File{{Name: "sources.txt", ContentType: "text/plain", Reader: strings.NewReader("[1] https://example.com/story\n")}},
	})
	if err != nil {
		t.Fatalf("send file: %v", err)
	}
	if len(withFile.Attachments) != 1 || withFile.Attachments[0].Filename != "sources.txt" || withFile.Attachments[0].Size != 30 {
		t.Errorf("attachments = %+v", withFile.Attachments)
	}
	if gw, err := b.dg.GatewayBot(); err != nil || !strings.HasPrefix(gw.URL, "ws://") || gw.Shards != 1 {
		t.Errorf("gateway/bot = %+v, %v", gw, err)
	}

	reply, err := b.dg.ChannelMessageSendReply(f.channel.ID, "A reply.", msg.Reference())
	if err != nil {
		t.Fatalf("reply: %v", err)
	}
	if reply.Type != discordgo.MessageTypeReply || reply.MessageReference == nil || reply.MessageReference.MessageID != msg.ID {
		t.Errorf("reply = type %d ref %+v", reply.Type, reply.MessageReference)
	}
	if _, err := b.dg.ChannelMessageSend(f.channel.ID, strings.Repeat("x", 2001)); err == nil {
		t.Error("a 2001-character message was accepted")
	}
	_, err = b.dg.ChannelMessageSendComplex(f.channel.ID, &discordgo.MessageSend{})
	assertRESTCode(t, err, http.StatusBadRequest, CodeEmptyMessage)

	edited, err := b.dg.ChannelMessageEdit(f.channel.ID, reply.ID, "An edited reply.")
	if err != nil || edited.Content != "An edited reply." || edited.EditedTimestamp == nil {
		t.Fatalf("edit: %v, %+v", err, edited)
	}

	// A user mentions the bot; the bot reads the message and starts a thread.
	question, err := f.srv.SendMessage(f.channel.ID, f.alice, "<@"+f.srv.BotUser().ID+"> what is new?")
	if err != nil {
		t.Fatal(err)
	}
	got := receive(t, ctx, b.creates, "MESSAGE_CREATE of the question", func(m *discordgo.MessageCreate) bool { return m.ID == question.ID })
	if got.Content != question.Content || len(got.Mentions) != 1 || got.Mentions[0].ID != f.srv.BotUser().ID || got.GuildID != f.guild.ID {
		t.Fatalf("question as received = %+v", got.Message)
	}
	thread, err := b.dg.MessageThreadStartComplex(f.channel.ID, question.ID, &discordgo.ThreadStart{Name: "what is new?", AutoArchiveDuration: 60})
	if err != nil {
		t.Fatalf("start thread: %v", err)
	}
	if thread.ID != question.ID || thread.ParentID != f.channel.ID || !thread.IsThread() {
		t.Fatalf("thread = %+v", thread)
	}
	receive(t, ctx, b.threads, "THREAD_CREATE", func(e *discordgo.ThreadCreate) bool { return e.ID == thread.ID })
	_, err = b.dg.MessageThreadStartComplex(f.channel.ID, question.ID, &discordgo.ThreadStart{Name: "again"})
	assertRESTCode(t, err, http.StatusBadRequest, CodeThreadAlreadyCreated)
	inThread, err := b.dg.ChannelMessageSend(thread.ID, "Answer in the thread.")
	if err != nil {
		t.Fatalf("send in thread: %v", err)
	}
	if ch, ok := f.srv.Channel(thread.ID); !ok || ch.ParentID != f.channel.ID {
		t.Errorf("thread channel = %+v", ch)
	}
	fromBot, err := f.srv.SendMessage(thread.ID, User{ID: "1000", Username: "otherbot", Bot: true}, "beep")
	if err != nil {
		t.Fatal(err)
	}
	got = receive(t, ctx, b.creates, "MESSAGE_CREATE from another bot in the thread", func(m *discordgo.MessageCreate) bool { return m.ID == fromBot.ID })
	if !got.Author.Bot || got.ChannelID != thread.ID {
		t.Errorf("bot message = %+v", got.Message)
	}
	if got := f.srv.ChannelMessages(thread.ID); len(got) != 2 || got[0].ID != inThread.ID {
		t.Errorf("thread messages = %d", len(got))
	}

	// History: newest first, with limit and before.
	history, err := b.dg.ChannelMessages(f.channel.ID, 2, "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 2 || history[0].ID != question.ID {
		t.Fatalf("history = %d messages, first %v", len(history), history)
	}
	older, err := b.dg.ChannelMessages(f.channel.ID, 10, history[1].ID, "", "")
	if err != nil || len(older) != 2 || older[0].ID != withFile.ID || older[1].ID != msg.ID {
		t.Fatalf("history before %s = %v, %d messages", history[1].ID, err, len(older))
	}

	if err := b.dg.ChannelMessageDelete(f.channel.ID, reply.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.srv.Message(f.channel.ID, reply.ID); ok {
		t.Error("deleted message still stored")
	}
	err = b.dg.ChannelMessageDelete(f.channel.ID, reply.ID)
	assertRESTCode(t, err, http.StatusNotFound, CodeUnknownMessage)
	f.audit(t)
}

func TestPinsAndPinLimit(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{PinLimit: 2})
	ctx := testContext(t)
	b := f.connect(t, nil)

	var ids []string
	for _, text := range []string{"one", "two", "three"} {
		m, err := f.srv.SendMessage(f.channel.ID, f.alice, text)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	if err := b.dg.ChannelMessagePin(f.channel.ID, ids[0]); err != nil {
		t.Fatalf("pin: %v", err)
	}
	// The pin notice is a system message authored by the bot itself.
	notice := receive(t, ctx, b.creates, "pin notice", func(m *discordgo.MessageCreate) bool {
		return m.Type == discordgo.MessageTypeChannelPinnedMessage
	})
	if notice.Author.ID != f.srv.BotUser().ID || notice.MessageReference == nil || notice.MessageReference.MessageID != ids[0] {
		t.Errorf("pin notice = %+v", notice.Message)
	}
	if err := b.dg.ChannelMessagePin(f.channel.ID, ids[0]); err != nil {
		t.Fatalf("re-pin must be a no-op: %v", err)
	}
	// The newer route works too.
	if _, err := b.dg.Request("PUT", discordgo.EndpointChannelMessages(f.channel.ID)+"/pins/"+ids[1], nil); err != nil {
		t.Fatalf("pin via /messages/pins: %v", err)
	}
	err := b.dg.ChannelMessagePin(f.channel.ID, ids[2])
	assertRESTCode(t, err, http.StatusBadRequest, CodeMaxPins)
	var rerr *discordgo.RESTError
	if errors.As(err, &rerr) && rerr.Message.Message != "Maximum number of pins reached (2)" {
		t.Errorf("pin limit message = %q", rerr.Message.Message)
	}

	pins := f.srv.Pins(f.channel.ID)
	if len(pins) != 2 || pins[0].ID != ids[0] || !pins[0].Pinned {
		t.Fatalf("pins = %+v", pins)
	}
	listed, err := b.dg.ChannelMessagesPinned(f.channel.ID)
	if err != nil || len(listed) != 2 || listed[0].ID != ids[1] {
		t.Fatalf("pinned list = %v, %d", err, len(listed))
	}
	raw, err := b.dg.Request("GET", discordgo.EndpointChannelMessages(f.channel.ID)+"/pins?limit=1", nil)
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Items []struct {
			PinnedAt time.Time          `json:"pinned_at"`
			Message  *discordgo.Message `json:"message"`
		} `json:"items"`
		HasMore bool `json:"has_more"`
	}
	if err := json.Unmarshal(raw, &page); err != nil || len(page.Items) != 1 || !page.HasMore || page.Items[0].Message.ID != ids[1] {
		t.Fatalf("pins page = %v, %s", err, raw)
	}
	if err := b.dg.ChannelMessageUnpin(f.channel.ID, ids[0]); err != nil {
		t.Fatal(err)
	}
	if err := b.dg.ChannelMessagePin(f.channel.ID, ids[2]); err != nil {
		t.Fatalf("pin after unpin: %v", err)
	}

	// Without the permission, pinning is refused.
	if err := f.srv.SetBotPermissions(f.channel.ID, DefaultBotPermissions&^(PermissionPinMessages|PermissionManageMessages)); err != nil {
		t.Fatal(err)
	}
	err = b.dg.ChannelMessageUnpin(f.channel.ID, ids[2])
	assertRESTCode(t, err, http.StatusForbidden, CodeMissingPermissions)
	f.audit(t)
}

func TestInjectedFailuresAndRateLimitRetry(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	b := f.connect(t, nil)
	route := "/channels/{channel_id}/messages"

	f.srv.FailNext("POST", route, http.StatusTooManyRequests, 0, 50*time.Millisecond)
	m, err := b.dg.ChannelMessageSend(f.channel.ID, "retried")
	if err != nil {
		t.Fatalf("send after 429: %v", err)
	}
	reqs := f.srv.RequestsTo("POST", route)
	if len(reqs) != 2 || reqs[0].Status != http.StatusTooManyRequests || !reqs[0].Injected || reqs[1].Status != http.StatusOK {
		t.Fatalf("requests = %+v, want a 429 then a 200", reqs)
	}
	if !strings.Contains(string(reqs[0].Response), `"retry_after":0.05`) || reqs[1].Time.Sub(reqs[0].Time) < 50*time.Millisecond {
		t.Errorf("429 body %s; retry after %v", reqs[0].Response, reqs[1].Time.Sub(reqs[0].Time))
	}
	if got := f.srv.ChannelMessages(f.channel.ID); len(got) != 1 || got[0].ID != m.ID {
		t.Errorf("stored %d messages, want exactly the retried one", len(got))
	}

	f.srv.FailNext("POST", route, http.StatusForbidden, CodeMissingPermissions, 0)
	_, err = b.dg.ChannelMessageSend(f.channel.ID, "forbidden")
	assertRESTCode(t, err, http.StatusForbidden, CodeMissingPermissions)

	f.srv.FailNext("", "/channels/{channel_id}/messages/{message_id}", http.StatusNotFound, CodeUnknownMessage, 0)
	_, err = b.dg.ChannelMessageEdit(f.channel.ID, m.ID, "edited")
	assertRESTCode(t, err, http.StatusNotFound, CodeUnknownMessage)
	f.audit(t)
}

func TestGatewayDropAndResume(t *testing.T) {
	t.Parallel()
	// discordgo's Close sleeps 1s; a heartbeat falling into that window
	// makes discordgo close its own fresh connection (a discordgo v0.29
	// race), so keep heartbeats well apart here.
	f := newFixture(t, Options{HeartbeatInterval: 30 * time.Second})
	ctx := testContext(t)
	b := f.connect(t, nil)

	// Drop only once discordgo's heartbeat goroutine is idle (see
	// DropConnections).
	if _, err := f.srv.WaitGatewaySession(ctx, func(s GatewaySession) bool { return s.Heartbeats > 0 }); err != nil {
		t.Fatal(err)
	}
	before := len(f.srv.GatewayEvents())
	f.srv.DropConnections()
	// Sent while the client is reconnecting: must be replayed on resume.
	during, err := f.srv.SendMessage(f.channel.ID, f.alice, "sent during the outage")
	if err != nil {
		t.Fatal(err)
	}
	resume, err := f.srv.WaitGatewayEvent(ctx, func(e GatewayEvent) bool { return e.Kind == GatewayResume })
	if err != nil {
		t.Fatal(err)
	}
	receive(t, ctx, b.resumed, "RESUMED", nil)
	receive(t, ctx, b.creates, "replayed MESSAGE_CREATE", func(m *discordgo.MessageCreate) bool { return m.ID == during.ID })
	after, err := f.srv.SendMessage(f.channel.ID, f.alice, "sent after the resume")
	if err != nil {
		t.Fatal(err)
	}
	receive(t, ctx, b.creates, "MESSAGE_CREATE after resume", func(m *discordgo.MessageCreate) bool { return m.ID == after.ID })

	for _, e := range f.srv.GatewayEvents()[before:] {
		if e.Kind == GatewayIdentify {
			t.Errorf("client identified again instead of resuming: %+v", e)
		}
	}
	if sessions := f.srv.GatewaySessions(); len(sessions) != 1 || !sessions[0].Connected {
		t.Errorf("sessions after resume = %+v", sessions)
	}
	t.Logf("resumed session %s, %d dispatches replayed", resume.SessionID, resume.Replayed)

	// An invalidated session makes the client identify again.
	f.srv.InvalidateSession()
	if _, err := f.srv.WaitGatewayEvent(ctx, func(e GatewayEvent) bool { return e.Kind == GatewayIdentify && e.SessionID != resume.SessionID }); err != nil {
		t.Fatal(err)
	}
	third, err := f.srv.SendMessage(f.channel.ID, f.alice, "sent to the new session")
	if err != nil {
		t.Fatal(err)
	}
	receive(t, ctx, b.creates, "MESSAGE_CREATE on the new session", func(m *discordgo.MessageCreate) bool { return m.ID == third.ID })
	f.audit(t)
}

func TestIdentifyWithBadTokenIsRejected(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := testContext(t)
	dg := f.session(t)
	dg.Token = "Bot wrong-token"
	dg.Identify.Token = "Bot wrong-token"
	dg.ShouldReconnectOnError = false
	// GET /gateway needs no authorization, so the gateway is reached and
	// the IDENTIFY is refused with 4004.
	if err := dg.Open(); err == nil {
		_ = dg.Close()
		t.Fatal("open with a bad token succeeded")
	}
	ev, err := f.srv.WaitGatewayEvent(ctx, func(e GatewayEvent) bool { return e.Kind == GatewayDisconnect })
	if err != nil {
		t.Fatal(err)
	}
	if ev.SessionID != "" || ev.ServerCloseCode != CloseAuthenticationFailed {
		t.Errorf("disconnect = %+v, want no session and close code %d", ev, CloseAuthenticationFailed)
	}
	// REST with the bad token is unauthorized.
	_, err = dg.ChannelMessageSend(f.channel.ID, "hello")
	assertRESTCode(t, err, http.StatusUnauthorized, 0)
}

func TestShardingRoutesGuildEvents(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := testContext(t)
	// Guild IDs whose (id >> 22) % 2 selects shard 0 and shard 1.
	g0, err := f.srv.AddGuild(Guild{ID: "41772528959488", Name: "even"}) // 9959347 << 22
	if err != nil {
		t.Fatal(err)
	}
	g1, err := f.srv.AddGuild(Guild{ID: "41772533153792", Name: "odd"}) // 9959348 << 22
	if err != nil {
		t.Fatal(err)
	}
	if shardOf(g0.ID, 2) == shardOf(g1.ID, 2) {
		t.Fatalf("test guilds %s and %s are on the same shard", g0.ID, g1.ID)
	}
	byShard := map[int]Guild{shardOf(g0.ID, 2): g0, shardOf(g1.ID, 2): g1}
	var bots [2]*bot
	channels := map[int]Channel{}
	for shard := range 2 {
		bots[shard] = f.connect(t, func(dg *discordgo.Session) { dg.ShardID, dg.ShardCount = shard, 2 })
		ch, err := f.srv.AddChannel(Channel{GuildID: byShard[shard].ID, Name: "news"})
		if err != nil {
			t.Fatal(err)
		}
		channels[shard] = ch
	}
	for shard := range 2 {
		m, err := f.srv.SendMessage(channels[shard].ID, f.alice, "hello shard")
		if err != nil {
			t.Fatal(err)
		}
		got := receive(t, ctx, bots[shard].creates, "MESSAGE_CREATE on the owning shard", func(e *discordgo.MessageCreate) bool { return e.ChannelID == channels[shard].ID })
		if got.ID != m.ID {
			t.Errorf("shard %d received %s, want %s", shard, got.ID, m.ID)
		}
	}
	// Dispatch is synchronous on the server, so each session's log is
	// final: exactly one MESSAGE_CREATE each, its own guild's.
	for _, sess := range f.srv.GatewaySessions() {
		if sess.Shard[1] != 2 {
			t.Fatalf("session %s identified with shard %v", sess.ID, sess.Shard)
		}
		n := 0
		for _, d := range sess.Dispatches {
			if d == "MESSAGE_CREATE" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("shard %v was sent %d MESSAGE_CREATE, want 1: %v", sess.Shard, n, sess.Dispatches)
		}
	}
	f.audit(t)
}

func TestMessageContentIntent(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	ctx := testContext(t)
	b := f.connect(t, func(dg *discordgo.Session) {
		dg.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages
	})
	plain, err := f.srv.SendMessage(f.channel.ID, f.alice, "no mention here")
	if err != nil {
		t.Fatal(err)
	}
	got := receive(t, ctx, b.creates, "plain message", func(m *discordgo.MessageCreate) bool { return m.ID == plain.ID })
	if got.Content != "" {
		t.Errorf("content %q delivered without the MESSAGE_CONTENT intent", got.Content)
	}
	mention, err := f.srv.SendMessage(f.channel.ID, f.alice, "hey <@"+f.srv.BotUser().ID+">")
	if err != nil {
		t.Fatal(err)
	}
	got = receive(t, ctx, b.creates, "mention", func(m *discordgo.MessageCreate) bool { return m.ID == mention.ID })
	if got.Content != mention.Content {
		t.Errorf("mention content = %q, want %q", got.Content, mention.Content)
	}

	denied := newFixture(t, Options{DeniedIntents: int(discordgo.IntentMessageContent)})
	dg := denied.session(t)
	dg.Identify.Intents = discordgo.IntentMessageContent
	dg.ShouldReconnectOnError = false
	if err := dg.Open(); err == nil {
		_ = dg.Close()
		t.Error("identify with a denied privileged intent succeeded")
	}
}

func TestUnknownRoutesAreRecorded(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	dg := f.session(t)
	_, err := dg.Request("GET", discordgo.EndpointAPI+"no/such/route", nil)
	assertRESTCode(t, err, http.StatusNotFound, 0)
	unknown := f.srv.UnknownRequests()
	if len(unknown) != 1 || unknown[0].APIPath != "/no/such/route" || unknown[0].Version != 10 {
		t.Fatalf("unknown requests = %+v", unknown)
	}
	if f.srv.Audit() == nil {
		t.Error("audit passed despite an unknown route")
	}
}

func TestRewriteTransport(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	rt, err := RewriteTransport(f.srv.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: rt}
	req, err := http.NewRequest("GET", "https://discord.com/api/v9/users/@me", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bot "+f.srv.Token())
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var me discordgo.User
	if err := json.NewDecoder(resp.Body).Decode(&me); err != nil || me.ID != f.srv.BotUser().ID {
		t.Fatalf("GET /users/@me = %v, %+v", err, me)
	}
	reqs := f.srv.Requests()
	if last := reqs[len(reqs)-1]; last.Path != "/api/v10/users/@me" || last.Route != "/users/@me" {
		t.Errorf("recorded %s (route %s), want /api/v10/users/@me", last.Path, last.Route)
	}
	if _, err := f.srv.HTTPClient().Get("https://example.com/"); err == nil {
		t.Error("the server's client reached a non-discord host")
	}
}

func TestServerRecordsSpecViolations(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	dg := f.session(t)
	// content must be a string: Discord answers 400 and the request is a
	// recorded violation.
	_, err := dg.Request("POST", discordgo.EndpointChannelMessages(f.channel.ID), map[string]any{"content": 42})
	assertRESTCode(t, err, http.StatusBadRequest, CodeInvalidFormBody)
	violations := f.srv.Violations()
	if len(violations) != 1 || violations[0].Operation != "create_message" || !strings.Contains(violations[0].Err, "/content") {
		t.Fatalf("violations = %+v", violations)
	}
	if f.srv.ValidatedCount() != 1 || f.srv.Audit() == nil {
		t.Errorf("validated %d, audit %v", f.srv.ValidatedCount(), f.srv.Audit())
	}
}
