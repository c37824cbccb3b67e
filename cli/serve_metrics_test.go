package cli_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/localdiscord"
)

// TestServeMetricsAfterAnAsk answers one /ask through the local Discord and
// scrapes the admin listener: the question, its acknowledgement and its
// answer are counted, the index size is reported, and a vote is counted.
func TestServeMetricsAfterAnAsk(t *testing.T) {
	t.Parallel()
	srv := newServeDiscord(t, "")
	g := addServeGuild(t, srv, "")
	p := startServe(t, "serve", serveEnv(t, srv, "DISCORD_GUILD_ID", g.guild.ID))
	ctx, cancel := context.WithTimeout(context.Background(), serveWait)
	defer cancel()

	if code, body := p.get("/healthz"); code != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("/healthz = %d %q, want 200 ok", code, body)
	}
	if code, body := p.get("/readyz"); code != http.StatusOK || strings.TrimSpace(body) != "ready" {
		t.Errorf("/readyz = %d %q, want 200 ready", code, body)
	}

	// Before any question: every question series exists, at zero, and the
	// index is reported as the start-up log line says.
	before := p.metrics()
	if s := before.series("footnote_questions_total", "mode", "extractive", "outcome", "answered"); len(s) != 1 {
		t.Errorf("footnote_questions_total{mode=extractive,outcome=answered} missing before the first question")
	}
	if n := before.sum("footnote_questions_total"); n != 0 {
		t.Errorf("footnote_questions_total sums to %v before any question", n)
	}
	started, err := p.stderr.wait(ctx, func(r serveRecord) bool { return r.str("msg") == "starting" })
	if err != nil {
		t.Fatal(err)
	}
	if chunks, ok := before.value("footnote_chunks_indexed"); !ok || chunks <= 0 || strconv.FormatFloat(chunks, 'f', -1, 64) != started.str("chunks") {
		t.Errorf("footnote_chunks_indexed = %v (present %v); the start-up log says %s chunks", chunks, ok, started.str("chunks"))
	}
	if docs, ok := before.value("footnote_documents_indexed"); !ok || docs <= 0 {
		t.Errorf("footnote_documents_indexed = %v (present %v), want > 0", docs, ok)
	}

	in := g.ask(t, srv, serveAskGlas)
	a := serveAnswer(ctx, t, srv, in.ID)
	// The question's counters and timings are updated before its log line
	// is written.
	if _, err := p.stderr.wait(ctx, func(r serveRecord) bool { return r.str("msg") == "question" && r.str("id") == in.ID }); err != nil {
		t.Fatalf("no question log line for interaction %s: %v", in.ID, err)
	}

	// The queue's depth drops once the job that wrote the line returns: poll
	// for it (waitMetrics gives up when ctx ends, and the check below fails).
	m := p.waitMetrics(ctx, func(m serveMetrics) bool {
		v, ok := m.value("footnote_queue_depth")
		return ok && v == 0
	})
	if v, ok := m.value("footnote_questions_total", "mode", "extractive", "outcome", "answered"); !ok || v != 1 {
		t.Errorf(`footnote_questions_total{mode="extractive",outcome="answered"} = %v (present %v), want 1`, v, ok)
	}
	if n := m.sum("footnote_questions_total"); n != 1 {
		t.Errorf("footnote_questions_total sums to %v over all series after one question, want 1", n)
	}
	if n, ok := m.count("footnote_interaction_ack_duration_seconds"); !ok || n < 1 {
		t.Errorf("footnote_interaction_ack_duration_seconds count = %d (present %v), want >= 1", n, ok)
	}
	if n, ok := m.count("footnote_answer_duration_seconds", "mode", "extractive"); !ok || n < 1 {
		t.Errorf(`footnote_answer_duration_seconds{mode="extractive"} count = %d (present %v), want >= 1`, n, ok)
	}
	if n, ok := m.count("footnote_answer_duration_seconds", "mode", "generative"); !ok || n != 0 {
		t.Errorf(`footnote_answer_duration_seconds{mode="generative"} count = %d (present %v), want 0 for an extractive bot`, n, ok)
	}
	if n, ok := m.count("footnote_retrieval_duration_seconds"); !ok || n < 1 {
		t.Errorf("footnote_retrieval_duration_seconds count = %d (present %v), want >= 1", n, ok)
	}
	if v, ok := m.value("footnote_chunks_indexed"); !ok || v <= 0 {
		t.Errorf("footnote_chunks_indexed = %v (present %v), want > 0", v, ok)
	}
	if v, ok := m.value("footnote_queue_depth"); !ok || v != 0 {
		t.Errorf("footnote_queue_depth = %v (present %v), want 0 once the answer is posted", v, ok)
	}

	// A 👍 is counted, and acknowledged like every interaction.
	press, err := srv.SendComponentPress(localdiscord.ComponentPress{
		Invoker:   localdiscord.Invoker{GuildID: g.guild.ID, User: g.alice, Permissions: serveMemberPerms},
		MessageID: a.ID, CustomID: serveVoteUp,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.stderr.wait(ctx, func(r serveRecord) bool { return r.str("msg") == "feedback" && r.str("message") == a.ID }); err != nil {
		t.Fatalf("no feedback log line: %v", err)
	}
	if _, err := srv.WaitInteraction(ctx, press.ID, func(s localdiscord.InteractionState) bool { return s.Acked }); err != nil {
		t.Fatal(err)
	}
	// The acknowledgement is measured once Discord answered it: poll.
	m = p.waitMetrics(ctx, func(m serveMetrics) bool {
		n, _ := m.count("footnote_interaction_ack_duration_seconds")
		return n >= 2
	})
	if v, ok := m.value("footnote_feedback_votes_total", "value", "up"); !ok || v != 1 {
		t.Errorf(`footnote_feedback_votes_total{value="up"} = %v (present %v), want 1`, v, ok)
	}
	if n, ok := m.count("footnote_interaction_ack_duration_seconds"); !ok || n < 2 {
		t.Errorf("footnote_interaction_ack_duration_seconds count = %d after /ask and a vote, want >= 2", n)
	}

	p.stop()
	t.Logf("serve returned %v after its context ended", p.took)
}

// TestServeHealthcheck probes a running serve with `footnote healthcheck`,
// as a container's HEALTHCHECK does, without the Dockerfile: ok while it
// serves, unhealthy (exit 1) once it has stopped.
func TestServeHealthcheck(t *testing.T) {
	t.Parallel()
	srv := newServeDiscord(t, "")
	g := addServeGuild(t, srv, "")
	p := startServe(t, "serve", serveEnv(t, srv, "DISCORD_GUILD_ID", g.guild.ID))

	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
	}{
		{"--addr host:port", nil, []string{"healthcheck", "--addr", p.admin}},
		{"--addr URL", nil, []string{"healthcheck", "--addr", "http://" + p.admin}},
		{"FOOTNOTE_HTTP_ADDR", map[string]string{"FOOTNOTE_HTTP_ADDR": p.admin}, []string{"healthcheck"}},
	} {
		r := runFootnote(t, c.env, c.args...)
		if r.code != 0 || r.stdout != "ok\n" {
			t.Errorf("%s while serving: exit %d, stdout %q, err %v, want 0 and \"ok\"", c.name, r.code, r.stdout, r.err)
		}
	}

	p.stop()
	r := runFootnote(t, nil, "healthcheck", "--addr", p.admin)
	if r.code != 1 || r.stdout != "" || r.err == nil || !strings.Contains(r.err.Error(), "unhealthy") {
		t.Errorf("after shutdown: exit %d, stdout %q, err %v; want exit 1, nothing printed, an unhealthy error", r.code, r.stdout, r.err)
	}
	// Every process exits 2 on a mistake in how it was called, not 1.
	if r := runFootnote(t, nil, "healthcheck"); r.code != 2 {
		t.Errorf("healthcheck without an address: exit %d, err %v, want 2", r.code, r.err)
	}
}
