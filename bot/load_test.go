package bot_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/llm/llmtest"
	"github.com/footnote-bot/footnote/localdiscord"
)

// slowModel takes two seconds per answer: the cited sentence, a second's
// wait, the marker, another second.
func slowModel() *scriptedModel {
	return &scriptedModel{reply: func(cited string) llmtest.Reply {
		i := bytes.LastIndexByte([]byte(cited), ' ')
		return llmtest.Reply{Chunks: []string{cited[:i], cited[i:]}, ChunkDelay: time.Second}
	}}
}

var queuedRe = regexp.MustCompile(`Queued: (\d+) question\(s\) ahead of yours\.`)

// burst is the outcome of many questions asked at once.
type burst struct {
	acks   []time.Duration // acknowledgement latency of each
	queued []int           // the queue positions shown
	took   time.Duration   // until every answer was posted
}

// askMany sends n /ask at once and waits for every acknowledgement and
// every answer.
func askMany(tb testing.TB, h *harness, n int) burst {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	firstSeq := len(h.srv.Requests())
	ids := make([]string, n)
	for i := range n {
		in, err := h.srv.SendSlashCommand(localdiscord.SlashCommand{
			Invoker: h.invoker(h.alice, memberPerms), Name: "ask",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{localdiscord.StringOption("question", fmt.Sprintf("%s (%d)", askGlas, i))},
		})
		if err != nil {
			tb.Fatal(err)
		}
		ids[i] = in.ID
	}
	// One waiter for all: the server wakes every waiter on every change,
	// and two hundred of them would slow it down more than the bot does.
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	acked := map[string]bool{}
	if _, err := h.srv.WaitRequest(ctx, func(r localdiscord.Request) bool {
		if r.Route == routeCallback && want[r.Params["interaction_id"]] {
			acked[r.Params["interaction_id"]] = true
		}
		return len(acked) == n
	}); err != nil {
		tb.Fatalf("%d of %d acknowledged: %v", len(acked), n, err)
	}
	var out burst
	tokens := map[string]string{} // token → interaction
	for _, id := range ids {
		st, _ := h.srv.InteractionResponse(id)
		if !st.Acked {
			tb.Errorf("interaction %s: acknowledgement rejected (too late?)", id)
			continue
		}
		out.acks = append(out.acks, st.AckLatency)
		tokens[st.Token] = id
	}
	answered := map[string]bool{}
	if _, err := h.srv.WaitRequest(ctx, func(r localdiscord.Request) bool {
		if id, ok := tokens[r.Params["webhook_token"]]; ok && r.Route == routeOriginal && r.Status == 200 && bytes.Contains(r.Body, []byte(`"footer"`)) {
			answered[id] = true
		}
		return len(answered) == len(tokens)
	}); err != nil {
		tb.Fatalf("%d of %d answered: %v", len(answered), len(tokens), err)
	}
	for _, id := range ids {
		st, _ := h.srv.InteractionResponse(id)
		if m, ok := h.srv.Message(st.ChannelID, st.OriginalMessageID); !ok || !isAnswer(m) {
			tb.Errorf("interaction %s: the answer is not what stays: %q", id, m.Content)
		}
	}
	out.took = time.Since(start)
	for _, r := range h.srv.Requests()[firstSeq:] {
		if r.Route != routeOriginal {
			continue
		}
		if m := queuedRe.FindSubmatch(r.Body); m != nil {
			n, _ := strconv.Atoi(string(m[1]))
			out.queued = append(out.queued, n)
		}
	}
	return out
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// TestConcurrentAsks asks 200 questions at once (50 with -short, to 25
// workers) of a bot with 50 workers and a model taking 2 s per answer: every one must be
// acknowledged within Discord's 3 s, every one answered, and those that wait
// told where they stand.
func TestConcurrentAsks(t *testing.T) {
	t.Parallel()
	n, workers := 200, 50
	if testing.Short() {
		n, workers = 50, 25
	}
	h := newHarness(t, harnessOptions{model: slowModel(), workers: workers, edit: 500 * time.Millisecond, quiet: true})
	b := askMany(t, h, n)
	if len(b.acks) != n {
		t.Fatalf("%d of %d acknowledged", len(b.acks), n)
	}
	slices.Sort(b.acks)
	for _, d := range b.acks {
		if d >= ackDeadline {
			t.Errorf("acknowledged after %v (Discord's limit is %v)", d, ackDeadline)
		}
	}
	if len(b.queued) == 0 {
		t.Fatalf("no question was told its place in the queue")
	}
	for _, q := range b.queued {
		if q < 1 || q > n-workers {
			t.Errorf("queue position %d out of range 1..%d", q, n-workers)
		}
	}
	t.Logf("%d questions, %d workers: answered in %v; ack p50 %v p99 %v max %v; %d told their queue place (up to %d ahead)",
		n, workers, b.took.Round(time.Millisecond), percentile(b.acks, .5), percentile(b.acks, .99), b.acks[len(b.acks)-1],
		len(b.queued), slices.Max(b.queued))
}

// BenchmarkAck200Concurrent measures how fast 200 simultaneous /ask are
// acknowledged (Discord drops those not acknowledged within 3 s) while 50
// workers answer with a model taking 2 s each.
func BenchmarkAck200Concurrent(b *testing.B) {
	h := newHarness(b, harnessOptions{model: slowModel(), workers: 50, edit: 500 * time.Millisecond, quiet: true})
	var acks []time.Duration
	for b.Loop() {
		acks = append(acks, askMany(b, h, 200).acks...)
	}
	b.StopTimer()
	slices.Sort(acks)
	if len(acks) == 0 {
		b.Fatal("nothing acknowledged")
	}
	b.ReportMetric(ms(percentile(acks, .50)), "p50-ack-ms")
	b.ReportMetric(ms(percentile(acks, .95)), "p95-ack-ms")
	b.ReportMetric(ms(percentile(acks, .99)), "p99-ack-ms")
	b.ReportMetric(ms(acks[len(acks)-1]), "max-ack-ms")
}
