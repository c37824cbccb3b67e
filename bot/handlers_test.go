package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/timeline"
)

// fakeAnswerer answers every question with one cited sentence, or fails
// with err.
type fakeAnswerer struct{ err error }

func (f fakeAnswerer) Ask(_ context.Context, r answer.Request) (*answer.Answer, error) {
	if f.err != nil {
		return nil, f.err
	}
	return &answer.Answer{
		Question:  r.Question,
		Answer:    "Police arrested a former vice president [1].",
		Mode:      answer.ModeExtractive,
		Citations: []answer.Citation{citation(1, "Police arrested a former vice president.", "https://example.com/a")},
	}, nil
}

func (f fakeAnswerer) Summarize(context.Context, answer.SummaryOptions, func(string)) (*answer.Summary, error) {
	return nil, errors.New("no summaries here")
}

// logRecorder keeps the records a Bot logs.
type logRecorder struct {
	mu      sync.Mutex
	records []slog.Record
}

func (l *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (l *logRecorder) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.records = append(l.records, r)
	return nil
}
func (l *logRecorder) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logRecorder) WithGroup(string) slog.Handler      { return l }

// failures returns the "interaction failed" records' levels.
func (l *logRecorder) failures() []slog.Level {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []slog.Level
	for _, r := range l.records {
		if r.Message == "interaction failed" {
			out = append(out, r.Level)
		}
	}
	return out
}

// newTestBot is a Bot that is never connected: its handlers are driven
// with dispatch and a recorder. Its queue has one worker and room for
// queueSize questions, and is not started until the test starts it.
func newTestBot(t *testing.T, a Answerer, queueSize int) (*Bot, *logRecorder) {
	t.Helper()
	logs := &logRecorder{}
	b, err := New(Config{Token: "test", DataDir: t.TempDir(), Workers: 1, QueueSize: queueSize, Logger: slog.New(logs)}, a, func() []library.Article { return nil })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.feedback.st.Close(); err != nil {
			t.Error(err)
		}
	})
	return b, logs
}

// slash is a slash command from a member with the given permissions.
func slash(id, name string, perms int64, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.InteractionCreate {
	return &discordgo.InteractionCreate{Interaction: &discordgo.Interaction{
		ID: id, Token: "token-" + id, Type: discordgo.InteractionApplicationCommand, GuildID: "1", ChannelID: "2",
		Member: &discordgo.Member{User: &discordgo.User{ID: "3", Username: "alice"}, Permissions: perms},
		Data:   discordgo.ApplicationCommandInteractionData{Name: name, Options: opts},
	}}
}

// press is a button press on msg.
func press(id, customID string, perms int64, msg *discordgo.Message) *discordgo.InteractionCreate {
	return &discordgo.InteractionCreate{Interaction: &discordgo.Interaction{
		ID: id, Token: "token-" + id, Type: discordgo.InteractionMessageComponent, GuildID: "1", ChannelID: "2",
		Member:  &discordgo.Member{User: &discordgo.User{ID: "3", Username: "alice"}, Permissions: perms},
		Message: msg,
		Data:    discordgo.MessageComponentInteractionData{CustomID: customID},
	}}
}

func question(q string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: q}
}

// run dispatches ev through the bot's router with rec as its responder,
// and returns the interaction and how many times it was closed.
func run(b *Bot, ev *discordgo.InteractionCreate, rec *recorder) (*Interaction, *atomic.Int32) {
	closed := &atomic.Int32{}
	in := newInteraction(ev, rec, func() { closed.Add(1) })
	b.dispatch(context.Background(), in)
	return in, closed
}

func TestPinRefusedWithoutPermission(t *testing.T) {
	t.Parallel()
	b, _ := newTestBot(t, fakeAnswerer{}, 10)
	answerMsg := &discordgo.Message{ID: "9", ChannelID: "2"}
	for _, ev := range []*discordgo.InteractionCreate{
		press("10", idPin, permManageGuild, answerMsg), // Manage Server is not Pin Messages
		slash("11", pinCommand, 0),
	} {
		rec := &recorder{}
		run(b, ev, rec)
		got := rec.said()
		if len(got) != 1 || got[0].kind != "respond" || !got[0].private || !strings.Contains(got[0].text, "Only moderators can pin") {
			t.Errorf("%s: said %+v, want one private refusal", ev.ID, got)
		}
	}
}

// noLibrary is a Library that must not be reached.
type noLibrary struct{ t *testing.T }

func (l noLibrary) AddURL(context.Context, string) (*library.Added, error) {
	l.t.Error("AddURL reached")
	return nil, errors.New("not here")
}
func (l noLibrary) AddFile(context.Context, string, []byte) (*library.Added, error) {
	l.t.Error("AddFile reached")
	return nil, errors.New("not here")
}
func (l noLibrary) Forget(context.Context, string) (string, error) {
	l.t.Error("Forget reached")
	return "", errors.New("not here")
}
func (l noLibrary) Documents() []*corpus.Document         { return nil }
func (l noLibrary) Timeline(string, int) []timeline.Event { return nil }

func TestLibraryRefusedWithoutManageServer(t *testing.T) {
	t.Parallel()
	b, _ := newTestBot(t, fakeAnswerer{}, 10)
	b.cfg.Library = noLibrary{t}
	for _, c := range []struct {
		ev   *discordgo.InteractionCreate
		want string
	}{
		{slash("12", "ingest", permPinMessages|permManageMessages), "Only members with the Manage Server permission can add articles."},
		{slash("13", "forget", 0), "Only members with the Manage Server permission can remove articles."},
		{press("14", forgetID("doc-1"), permManageMessages, nil), "Only members with the Manage Server permission can remove articles."},
	} {
		rec := &recorder{}
		run(b, c.ev, rec)
		if got := rec.said(); len(got) != 1 || !got[0].private || got[0].text != c.want {
			t.Errorf("%s: said %+v, want %q privately", c.ev.ID, got, c.want)
		}
	}
	b.cfg.Library = nil
	rec := &recorder{}
	run(b, slash("15", "ingest", permManageGuild), rec)
	if got := rec.said(); len(got) != 1 || !got[0].private || got[0].text != "Adding articles is not enabled on this bot." {
		t.Errorf("without a library: said %+v", got)
	}
}

func TestQueueNoticesAndFullQueue(t *testing.T) {
	t.Parallel()
	b, logs := newTestBot(t, fakeAnswerer{}, 2)
	// one worker, not started: the first question waits for it, the second
	// has one ahead, the third finds the queue full
	recs := []*recorder{{}, {}, {}}
	var closed []*atomic.Int32
	for n, rec := range recs {
		_, c := run(b, slash(string(rune('a'+n)), "ask", 0, question("Who was arrested?")), rec)
		closed = append(closed, c)
	}
	// the queued two stay open until answered; the refused one is closed
	if closed[0].Load() != 0 || closed[1].Load() != 0 || closed[2].Load() != 1 {
		t.Errorf("closed before the answers: %d %d %d, want 0 0 1", closed[0].Load(), closed[1].Load(), closed[2].Load())
	}
	b.queue.start(context.Background(), b.log)
	b.queue.close(time.Minute) // waits for both answers

	texts := func(r *recorder) []string {
		var out []string
		for _, s := range r.said() {
			out = append(out, s.kind+": "+s.text)
		}
		return out
	}
	answered := "edit: Police arrested a former vice president [1]."
	for n, want := range [][]string{
		{"respond: ", answered},
		{"respond: ", "edit: " + queuedText(1), answered},
		{"respond: ", "edit: ⏳ " + errQueueFull.Error()},
	} {
		got := texts(recs[n])
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("question %d said\n%s\nwant\n%s", n+1, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	if got := logs.failures(); len(got) != 1 || got[0] != slog.LevelError {
		t.Errorf("logged failures %v, want the full queue once", got)
	}
	for n, c := range closed {
		if c.Load() != 1 {
			t.Errorf("question %d closed %d times after the answers, want once", n+1, c.Load())
		}
	}
}

func TestFailedAnswerIsLoggedAndTold(t *testing.T) {
	t.Parallel()
	b, logs := newTestBot(t, fakeAnswerer{err: errors.New("model down")}, 10)
	rec := &recorder{}
	run(b, slash("20", "ask", 0, question("Who was arrested?")), rec)
	b.queue.start(context.Background(), b.log)
	b.queue.close(time.Minute)
	got := rec.said()
	if len(got) != 2 || got[0].kind != "respond" || got[0].respType != discordgo.InteractionResponseDeferredChannelMessageWithSource ||
		got[1].kind != "edit" || got[1].text != msgAnswerFailed {
		t.Errorf("said %+v, want a deferral then %q", got, msgAnswerFailed)
	}
	if f := logs.failures(); len(f) != 1 || f[0] != slog.LevelError {
		t.Errorf("logged failures %v, want one error", f)
	}
}

func TestFailureBeforeAcknowledgementIsToldPrivately(t *testing.T) {
	t.Parallel()
	b, _ := newTestBot(t, fakeAnswerer{}, 10)
	rec := &recorder{}
	in := newInteraction(slash("30", "ask", 0), rec, nil)
	b.fail(context.Background(), in, tell("Sorry, no.", errors.New("broken")))
	if got := rec.said(); len(got) != 1 || got[0].kind != "respond" || !got[0].private || got[0].text != "Sorry, no." {
		t.Errorf("said %+v, want one private reply", got)
	}
}

func TestDiscordFailureIsLoggedNotRetold(t *testing.T) {
	t.Parallel()
	b, logs := newTestBot(t, fakeAnswerer{}, 10)
	rec := &recorder{respondErr: errors.New("discord unreachable")}
	run(b, slash("40", "ask", 0, question("Who was arrested?")), rec)
	if got := rec.said(); len(got) != 1 || got[0].kind != "respond" {
		t.Errorf("said %+v, want only the failed acknowledgement", got)
	}
	if f := logs.failures(); len(f) != 1 || f[0] != slog.LevelWarn {
		t.Errorf("logged failures %v, want one warning", f)
	}
	if b.queue.depth() != 0 {
		t.Error("an unacknowledged question was queued")
	}
}

func TestUnknownCommandAndButton(t *testing.T) {
	t.Parallel()
	b, _ := newTestBot(t, fakeAnswerer{}, 10)
	rec := &recorder{}
	run(b, slash("50", "nope", 0), rec)
	if got := rec.said(); len(got) != 1 || got[0].text != "Unknown command." || !got[0].private {
		t.Errorf("unknown command: said %+v", got)
	}
	rec = &recorder{}
	run(b, press("51", "someone-else:button", 0, nil), rec)
	if got := rec.said(); len(got) != 0 {
		t.Errorf("unknown button: said %+v, want nothing", got)
	}
	rec = &recorder{}
	run(b, press("52", idForgetCancel, 0, nil), rec)
	if got := rec.said(); len(got) != 1 || got[0].respType != discordgo.InteractionResponseUpdateMessage || got[0].text != "Kept." {
		t.Errorf("cancel: said %+v", got)
	}
}
