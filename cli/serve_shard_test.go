package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/footnote-bot/footnote/localdiscord"
	"github.com/footnote-bot/footnote/store"
	"github.com/footnote-bot/footnote/store/storetest"
)

// serveVoters is how many distinct users vote on each answer at once.
const serveVoters = 40

// TestServeShardsShareOnePostgres runs two serve processes as shards 0 and 1
// of 2 against one Discord and one PostgreSQL database: each identifies as
// its shard, each answers the guild Discord routes to it (and only that),
// and votes cast at once on both answers, through both processes, are all
// kept, as `footnote feedback --json` shows.
func TestServeShardsShareOnePostgres(t *testing.T) {
	t.Parallel()
	db := storetest.PostgresSchema(t, storetest.PostgresURL(t, "./cli/"))
	srv := newServeDiscord(t, "")

	const shards = 2
	guilds := make([]serveGuild, shards)
	for i := range guilds {
		id := guildOnShard(i, shards, uint64(i+1))
		n, _ := strconv.ParseUint(id, 10, 64)
		if got := int((n >> 22) % shards); got != i {
			t.Fatalf("guild %s is on shard %d, want %d", id, got, i)
		}
		guilds[i] = addServeGuild(t, srv, id)
	}

	// Global commands (no DISCORD_GUILD_ID), as a sharded bot registers them.
	procs := make([]*serveProc, shards)
	for i := range procs {
		procs[i] = launchServe(t, fmt.Sprintf("shard %d", i), serveEnv(t, srv,
			"FOOTNOTE_SHARD_COUNT", strconv.Itoa(shards),
			"FOOTNOTE_SHARD_ID", strconv.Itoa(i),
			"DATABASE_URL", db,
		))
	}
	for _, p := range procs {
		p.waitReady()
	}
	ctx, cancel := context.WithTimeout(context.Background(), serveWait)
	defer cancel()

	// Discord saw one IDENTIFY per shard, each with its shard.
	for i := range procs {
		if _, err := srv.WaitGatewayEvent(ctx, func(e localdiscord.GatewayEvent) bool {
			return e.Kind == localdiscord.GatewayIdentify && e.Shard == [2]int{i, shards}
		}); err != nil {
			t.Fatalf("no IDENTIFY with shard [%d, %d]: %v", i, shards, err)
		}
	}
	for _, e := range srv.GatewayEvents() {
		if e.Kind == localdiscord.GatewayIdentify && e.Shard[1] != shards {
			t.Errorf("IDENTIFY with shard %v, want a count of %d", e.Shard, shards)
		}
	}
	for i, p := range procs {
		r, err := p.stderr.wait(ctx, func(r serveRecord) bool { return r.str("msg") == "connected" })
		if err != nil {
			t.Fatal(err)
		}
		if r.str("guilds") != "1" {
			t.Errorf("shard %d connected with %s guilds, want 1 (its own)", i, r.str("guilds"))
		}
	}

	// A question in each guild is answered, by the process of its shard.
	questions := []string{serveAskGlas, serveAskTies}
	asks := make([]localdiscord.InteractionState, shards)
	for i, g := range guilds {
		asks[i] = g.ask(t, srv, questions[i])
	}
	answers := make([]localdiscord.Message, shards)
	for i := range guilds {
		answers[i] = serveAnswer(ctx, t, srv, asks[i].ID)
		if _, err := procs[i].stderr.wait(ctx, func(r serveRecord) bool {
			return r.str("msg") == "question" && r.str("id") == asks[i].ID
		}); err != nil {
			t.Fatalf("shard %d did not log the question of its guild: %v", i, err)
		}
	}
	for i, p := range procs {
		for _, r := range p.stderr.records(t) {
			if r.str("msg") != "question" {
				continue
			}
			if r.str("id") != asks[i].ID || r.str("guild") != guilds[i].guild.ID || r.str("outcome") != "answered" {
				t.Errorf("shard %d logged %v; it should answer only guild %s's question %s", i, r, guilds[i].guild.ID, asks[i].ID)
			}
		}
	}

	// serveVoters users vote on both answers at once: the even ones 👍,
	// the odd ones 👎. Each answer's votes go to its shard's process, and
	// both processes write to the one database.
	voters := make([]localdiscord.User, serveVoters)
	for u := range voters {
		voters[u] = srv.AddUser(localdiscord.User{Username: fmt.Sprintf("voter%02d", u)})
	}
	type press struct {
		answer, voter int
		id            string
	}
	var (
		mu      sync.Mutex
		presses []press
		wg      sync.WaitGroup
		errs    = make(chan error, shards*serveVoters)
		start   = make(chan struct{})
	)
	for a := range answers {
		for u, voter := range voters {
			wg.Go(func() {
				custom := serveVoteUp
				if u%2 == 1 {
					custom = serveVoteDown
				}
				<-start
				in, err := srv.SendComponentPress(localdiscord.ComponentPress{
					Invoker:   localdiscord.Invoker{GuildID: guilds[a].guild.ID, User: voter, Permissions: serveMemberPerms},
					MessageID: answers[a].ID, CustomID: custom,
				})
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				presses = append(presses, press{a, u, in.ID})
				mu.Unlock()
			})
		}
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	// Wait for every acknowledgement with one waiter (the server wakes
	// each waiter on every change).
	pending := map[string]bool{}
	for _, p := range presses {
		pending[p.id] = true
	}
	acked := map[string]bool{}
	if _, err := srv.WaitRequest(ctx, func(r localdiscord.Request) bool {
		if r.Route == serveRouteCallback && pending[r.Params["interaction_id"]] && r.Status/100 == 2 {
			acked[r.Params["interaction_id"]] = true
		}
		return len(acked) == len(pending)
	}); err != nil {
		t.Fatalf("%d of %d votes acknowledged: %v", len(acked), len(pending), err)
	}
	for _, p := range presses {
		st, _ := srv.InteractionResponse(p.id)
		want := "noted as helpful"
		if p.voter%2 == 1 {
			want = "noted as not helpful"
		}
		if !st.Acked || !st.Ephemeral || !strings.Contains(string(st.Response), want) {
			t.Errorf("vote of voter %d on answer %d: acked %v, ephemeral %v, response %s; want a private %q",
				p.voter, p.answer, st.Acked, st.Ephemeral, st.Response, want)
		}
		if st.AckLatency >= localdiscord.DefaultInteractionAckTimeout {
			t.Errorf("vote of voter %d on answer %d acknowledged after %v", p.voter, p.answer, st.AckLatency)
		}
	}
	// Each process counted the votes of its own guild.
	for i, p := range procs {
		m := p.metrics()
		up, _ := m.value("footnote_feedback_votes_total", "value", "up")
		down, _ := m.value("footnote_feedback_votes_total", "value", "down")
		if up != serveVoters/2 || down != serveVoters/2 {
			t.Errorf("shard %d counted %v 👍 and %v 👎, want %d of each", i, up, down, serveVoters/2)
		}
		if v, _ := m.value("footnote_questions_total", "mode", "extractive", "outcome", "answered"); v != 1 {
			t.Errorf("shard %d counted %v answered questions, want 1", i, v)
		}
	}

	// Every vote is in the database, tallied with its question.
	r := runFootnote(t, map[string]string{"DATABASE_URL": db, "FOOTNOTE_DATA_DIR": t.TempDir()}, "feedback", "--json")
	if r.code != 0 {
		t.Fatalf("footnote feedback --json: exit %d, %v\n%s", r.code, r.err, r.stderr)
	}
	var tallies []store.Tally
	if err := json.Unmarshal([]byte(r.stdout), &tallies); err != nil {
		t.Fatalf("footnote feedback --json printed no tallies: %v\n%s", err, r.stdout)
	}
	byMessage := map[string]store.Tally{}
	for _, tl := range tallies {
		byMessage[tl.MessageID] = tl
	}
	if len(tallies) != len(answers) {
		t.Errorf("%d tallies, want %d (one per answer): %+v", len(tallies), len(answers), tallies)
	}
	for i, a := range answers {
		tl, ok := byMessage[a.ID]
		switch {
		case !ok:
			t.Errorf("no tally for answer %d (message %s)", i, a.ID)
		case tl.Up+tl.Down != serveVoters || tl.Up != serveVoters/2 || tl.Down != serveVoters/2:
			t.Errorf("answer %d: %d 👍 + %d 👎, want %d + %d from %d distinct voters (votes lost?)", i, tl.Up, tl.Down, serveVoters/2, serveVoters/2, serveVoters)
		case tl.Question != questions[i]:
			t.Errorf("answer %d is tallied with the question %q, want %q", i, tl.Question, questions[i])
		}
	}
}
