package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// migrationInfo is what both backends tell tests about their migrations.
type migrationInfo interface {
	appliedMigrations(ctx context.Context) ([]appliedMigration, error)
	newlyApplied() []int
}

var (
	_ migrationInfo = (*SQLite)(nil)
	_ migrationInfo = (*Postgres)(nil)
)

// testStore is the suite every backend passes. open(t) opens a new handle,
// closed when t ends, on the database that belongs to t: each subtest has a
// fresh database, and two calls with the same t are two "processes" on the
// same database.
func testStore(t *testing.T, open func(t *testing.T) Store) {
	t.Run("Votes", func(t *testing.T) { testVotes(t, open(t)) })
	t.Run("Tallies", func(t *testing.T) { testTallies(t, open(t)) })
	t.Run("QuestionBeforeOrAfterVotes", func(t *testing.T) { testQuestions(t, open(t)) })
	t.Run("Pins", func(t *testing.T) { testPins(t, open(t)) })
	t.Run("Ingests", func(t *testing.T) { testIngests(t, open(t)) })
	t.Run("VoteGuilds", func(t *testing.T) { testVoteGuilds(t, open(t)) })
	t.Run("Invalid", func(t *testing.T) { testInvalid(t, open(t)) })
	t.Run("Reopen", func(t *testing.T) { testReopen(t, open) })
	t.Run("Concurrency", func(t *testing.T) { testConcurrency(t, open(t), open(t)) })
}

// perTestOpener returns the suite's open function for a backend: the first
// call with a test t makes t's database with newDB, which returns where it
// is; every call opens a new handle on it with openDB, closed when t ends.
func perTestOpener[S Store](newDB func(t *testing.T) string, openDB func(ctx context.Context, where string) (S, error)) func(t *testing.T) Store {
	var mu sync.Mutex
	dbs := map[*testing.T]string{}
	return func(t *testing.T) Store {
		t.Helper()
		mu.Lock()
		where, ok := dbs[t]
		if !ok {
			where = newDB(t)
			dbs[t] = where
		}
		mu.Unlock()
		s, err := openDB(t.Context(), where)
		if err != nil {
			t.Fatalf("open %T: %v", s, err)
		}
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return s
	}
}

func vote(t *testing.T, s Store, msg, user string, value int) bool {
	t.Helper()
	changed, err := s.RecordVote(t.Context(), Vote{MessageID: msg, UserID: user, Value: value})
	if err != nil {
		t.Fatalf("RecordVote(%s, %s, %+d): %v", msg, user, value, err)
	}
	return changed
}

func tallies(t *testing.T, s Store) []Tally {
	t.Helper()
	ts, err := s.Tallies(t.Context())
	if err != nil {
		t.Fatalf("Tallies: %v", err)
	}
	return ts
}

func testVotes(t *testing.T, s Store) {
	if !vote(t, s, "m1", "alice", Up) {
		t.Error("first vote: changed = false, want true")
	}
	if vote(t, s, "m1", "alice", Up) {
		t.Error("same vote again: changed = true, want false")
	}
	if !vote(t, s, "m1", "alice", Down) {
		t.Error("changed vote: changed = false, want true")
	}
	if vote(t, s, "m1", "alice", Down) {
		t.Error("same changed vote again: changed = true, want false")
	}
	if !vote(t, s, "m1", "bob", Down) {
		t.Error("other user's vote: changed = false, want true")
	}
	if !vote(t, s, "m2", "alice", Down) {
		t.Error("vote on another message: changed = false, want true")
	}
	want := []Tally{{MessageID: "m1", Down: 2}, {MessageID: "m2", Down: 1}}
	if got := tallies(t, s); !slices.Equal(got, want) {
		t.Errorf("Tallies = %+v, want %+v", got, want)
	}
}

func testTallies(t *testing.T, s Store) {
	if got := tallies(t, s); len(got) != 0 {
		t.Errorf("Tallies of an empty store = %+v, want none", got)
	}
	// ok: 3 up; bad: 3 down; meh: 1 up 1 down; worse: 3 down 0 up, sorts
	// with bad by message ID; mixed: 3 down, 1 up, after both.
	votes := map[string][]int{
		"ok":    {Up, Up, Up},
		"bad":   {Down, Down, Down},
		"meh":   {Up, Down},
		"worse": {Down, Down, Down},
		"mixed": {Down, Up, Down, Down},
	}
	for msg, vs := range votes {
		for i, v := range vs {
			vote(t, s, msg, fmt.Sprint("u", i), v)
		}
	}
	want := []Tally{
		{MessageID: "bad", Down: 3},
		{MessageID: "worse", Down: 3},
		{MessageID: "mixed", Up: 1, Down: 3},
		{MessageID: "meh", Up: 1, Down: 1},
		{MessageID: "ok", Up: 3},
	}
	if got := tallies(t, s); !slices.Equal(got, want) {
		t.Errorf("Tallies = %+v\nwant %+v", got, want)
	}
}

func testQuestions(t *testing.T, s Store) {
	ctx := t.Context()
	// Remembered before the votes.
	if err := s.RememberQuestion(ctx, "before", "Who was arrested?"); err != nil {
		t.Fatal(err)
	}
	vote(t, s, "before", "u1", Down)
	if q, err := s.Question(ctx, "before"); err != nil || q != "Who was arrested?" {
		t.Fatalf("Question(before) = %q, %v", q, err)
	}
	if q, err := s.Question(ctx, "never"); err != nil || q != "" {
		t.Fatalf("Question(never) = %q, %v", q, err)
	}
	// Voted first, remembered after.
	vote(t, s, "after", "u1", Up)
	if err := s.RememberQuestion(ctx, "after", "Why did Mexico break ties?"); err != nil {
		t.Fatal(err)
	}
	// The vote carries the question.
	if _, err := s.RecordVote(ctx, Vote{MessageID: "carried", UserID: "u1", Value: Up, Question: "When?"}); err != nil {
		t.Fatal(err)
	}
	// A question carried by a vote does not replace a remembered one.
	if _, err := s.RecordVote(ctx, Vote{MessageID: "before", UserID: "u2", Value: Up, Question: "something else"}); err != nil {
		t.Fatal(err)
	}
	// Remembering again replaces.
	if err := s.RememberQuestion(ctx, "carried", "When was the raid?"); err != nil {
		t.Fatal(err)
	}
	// Never known.
	vote(t, s, "unknown", "u1", Up)
	// Remembered, never voted on: not tallied.
	if err := s.RememberQuestion(ctx, "novotes", "Anyone?"); err != nil {
		t.Fatal(err)
	}
	want := []Tally{
		{MessageID: "before", Question: "Who was arrested?", Up: 1, Down: 1},
		{MessageID: "after", Question: "Why did Mexico break ties?", Up: 1},
		{MessageID: "carried", Question: "When was the raid?", Up: 1},
		{MessageID: "unknown", Up: 1},
	}
	if got := tallies(t, s); !slices.Equal(got, want) {
		t.Errorf("Tallies = %+v\nwant %+v", got, want)
	}
}

func testPins(t *testing.T, s Store) {
	ctx := t.Context()
	base := time.Date(2024, 4, 6, 12, 0, 0, 123456789, time.FixedZone("ECT", -5*3600))
	pins := []Pin{
		{MessageID: "a1", ChannelID: "c1", GuildID: "g1", UserID: "u1", Username: "alice", At: base},
		{MessageID: "a2", ChannelID: "c2", GuildID: "g1", UserID: "u2", Username: "bob", At: base.Add(time.Hour)},
		{MessageID: "a3", ChannelID: "c3", GuildID: "g2", UserID: "u1", Username: "alice", At: base.Add(2 * time.Hour)},
		{MessageID: "a4", ChannelID: "dm", UserID: "u3", Username: "carol", At: base.Add(3 * time.Hour)},
	}
	for _, p := range pins {
		if err := s.RecordPin(ctx, p); err != nil {
			t.Fatalf("RecordPin(%s): %v", p.MessageID, err)
		}
	}
	// Pinning again keeps the first record.
	again := pins[0]
	again.UserID, again.Username, again.At = "u9", "mallory", base.Add(5*time.Hour)
	if err := s.RecordPin(ctx, again); err != nil {
		t.Fatalf("RecordPin again: %v", err)
	}
	// Stored in UTC at microsecond precision.
	utc := func(p Pin) Pin { p.At = p.At.UTC().Truncate(time.Microsecond); return p }
	for guild, want := range map[string][]Pin{
		"g1":    {utc(pins[1]), utc(pins[0])},
		"g2":    {utc(pins[2])},
		"":      {utc(pins[3])},
		"other": nil,
	} {
		got, err := s.Pins(ctx, guild)
		if err != nil {
			t.Fatalf("Pins(%q): %v", guild, err)
		}
		if !slices.EqualFunc(got, want, samePin) {
			t.Errorf("Pins(%q) = %+v\nwant %+v", guild, got, want)
		}
		for _, p := range got {
			if p.At.Location() != time.UTC {
				t.Errorf("Pins(%q): time %v is not in UTC", guild, p.At)
			}
		}
	}
	// A zero time is now.
	before := time.Now().Add(-time.Second)
	if err := s.RecordPin(ctx, Pin{MessageID: "now", ChannelID: "c", GuildID: "g3", UserID: "u"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Pins(ctx, "g3")
	if err != nil || len(got) != 1 || got[0].At.Before(before) || got[0].At.After(time.Now().Add(time.Second)) {
		t.Errorf("pin with zero time: Pins = %+v, %v; want one pinned now", got, err)
	}
}

func samePin(a, b Pin) bool { return a == b || (a.At.Equal(b.At) && withoutTime(a) == withoutTime(b)) }

func withoutTime(p Pin) Pin { p.At = time.Time{}; return p }

func testIngests(t *testing.T, s Store) {
	ctx := t.Context()
	base := time.Date(2024, 4, 6, 12, 0, 0, 0, time.UTC)
	recs := []Ingest{
		{DocID: "d1", Title: "Embassy raid", Source: "https://example.com/raid", UserID: "u1", Username: "alice", GuildID: "g1", At: base},
		{DocID: "d2", Title: "ICJ filing", Source: "icj.md", UserID: "u2", Username: "bob", At: base.Add(2 * time.Hour)},
		{DocID: "d3", Title: "Reactions", Source: "https://example.com/reactions", UserID: "u1", Username: "alice", GuildID: "g2", At: base.Add(time.Hour)},
	}
	for _, r := range recs {
		if err := s.RecordIngest(ctx, r); err != nil {
			t.Fatalf("RecordIngest(%s): %v", r.DocID, err)
		}
	}
	check := func(want ...Ingest) {
		t.Helper()
		got, err := s.Ingests(ctx)
		if err != nil {
			t.Fatalf("Ingests: %v", err)
		}
		if !slices.EqualFunc(got, want, sameIngest) {
			t.Errorf("Ingests = %+v\nwant %+v", got, want)
		}
	}
	check(recs[1], recs[2], recs[0])
	// Adding d1 again, later, replaces its record.
	readded := recs[0]
	readded.Source, readded.UserID, readded.Username, readded.At = "raid.html", "u3", "carol", base.Add(3*time.Hour)
	if err := s.RecordIngest(ctx, readded); err != nil {
		t.Fatal(err)
	}
	check(readded, recs[1], recs[2])
	// An older record of d1 does not replace the newer one.
	stale := recs[0]
	stale.At = base.Add(-time.Hour)
	if err := s.RecordIngest(ctx, stale); err != nil {
		t.Fatal(err)
	}
	check(readded, recs[1], recs[2])
	// The same document added to another guild is its own record; the
	// first guild's is untouched.
	other := recs[0]
	other.GuildID, other.UserID, other.Username, other.At = "g2", "u4", "dave", base.Add(4*time.Hour)
	if err := s.RecordIngest(ctx, other); err != nil {
		t.Fatal(err)
	}
	check(other, readded, recs[1], recs[2])
}

func testVoteGuilds(t *testing.T, s Store) {
	ctx := t.Context()
	for _, v := range []Vote{
		{MessageID: "in-g1", UserID: "u1", Value: Down, GuildID: "g1"},
		{MessageID: "in-g1", UserID: "u2", Value: Down, GuildID: "g1"},
		{MessageID: "in-dm", UserID: "u1", Value: Up},
	} {
		if _, err := s.RecordVote(ctx, v); err != nil {
			t.Fatalf("RecordVote(%+v): %v", v, err)
		}
	}
	want := []Tally{{MessageID: "in-g1", GuildID: "g1", Down: 2}, {MessageID: "in-dm", Up: 1}}
	if got := tallies(t, s); !slices.Equal(got, want) {
		t.Errorf("Tallies = %+v\nwant %+v", got, want)
	}
}

func sameIngest(a, b Ingest) bool {
	at, bt := a.At, b.At
	a.At, b.At = time.Time{}, time.Time{}
	return a == b && at.Equal(bt)
}

func testInvalid(t *testing.T, s Store) {
	ctx := t.Context()
	for name, err := range map[string]error{
		"vote without message": second(s.RecordVote(ctx, Vote{UserID: "u", Value: Up})),
		"vote without user":    second(s.RecordVote(ctx, Vote{MessageID: "m", Value: Up})),
		"vote of 0":            second(s.RecordVote(ctx, Vote{MessageID: "m", UserID: "u"})),
		"vote of 2":            second(s.RecordVote(ctx, Vote{MessageID: "m", UserID: "u", Value: 2})),
		"empty question":       s.RememberQuestion(ctx, "m", ""),
		"question without msg": s.RememberQuestion(ctx, "", "q"),
		"pin without message":  s.RecordPin(ctx, Pin{ChannelID: "c", UserID: "u"}),
		"pin without channel":  s.RecordPin(ctx, Pin{MessageID: "m", UserID: "u"}),
		"pin without user":     s.RecordPin(ctx, Pin{MessageID: "m", ChannelID: "c"}),
		"ingest without doc":   s.RecordIngest(ctx, Ingest{Title: "t"}),
	} {
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
	if got := tallies(t, s); len(got) != 0 {
		t.Errorf("invalid votes were stored: %+v", got)
	}
}

func second[T any](_ T, err error) error { return err }

func testReopen(t *testing.T, open func(t *testing.T) Store) {
	ctx := t.Context()
	s := open(t)
	first := migrations(t, s)
	if got := s.(migrationInfo).newlyApplied(); !slices.Equal(got, versions(first)) || len(got) == 0 {
		t.Errorf("first open applied %v, want %v", got, versions(first))
	}
	vote(t, s, "m1", "u1", Down)
	if err := s.RememberQuestion(ctx, "m1", "q1"); err != nil {
		t.Fatal(err)
	}
	pin := Pin{MessageID: "m1", ChannelID: "c1", GuildID: "g1", UserID: "u1", Username: "alice", At: time.Date(2024, 4, 6, 1, 2, 3, 4000, time.UTC)}
	if err := s.RecordPin(ctx, pin); err != nil {
		t.Fatal(err)
	}
	ing := Ingest{DocID: "d1", Title: "t", Source: "https://example.com/a", UserID: "u1", Username: "alice", GuildID: "g1", At: pin.At}
	if err := s.RecordIngest(ctx, ing); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}

	s = open(t)
	if got := s.(migrationInfo).newlyApplied(); len(got) != 0 {
		t.Errorf("reopen applied migrations %v, want none", got)
	}
	if got := migrations(t, s); !slices.Equal(got, first) {
		t.Errorf("schema_migrations after reopen = %+v, want %+v", got, first)
	}
	if got, want := tallies(t, s), []Tally{{MessageID: "m1", Question: "q1", Down: 1}}; !slices.Equal(got, want) {
		t.Errorf("Tallies after reopen = %+v, want %+v", got, want)
	}
	if vote(t, s, "m1", "u1", Down) {
		t.Error("same vote after reopen: changed = true, want false")
	}
	if got, err := s.Pins(ctx, "g1"); err != nil || !slices.EqualFunc(got, []Pin{pin}, samePin) {
		t.Errorf("Pins after reopen = %+v, %v; want %+v", got, err, pin)
	}
	if got, err := s.Ingests(ctx); err != nil || !slices.EqualFunc(got, []Ingest{ing}, sameIngest) {
		t.Errorf("Ingests after reopen = %+v, %v; want %+v", got, err, ing)
	}
}

func migrations(t *testing.T, s Store) []appliedMigration {
	t.Helper()
	ms, err := s.(migrationInfo).appliedMigrations(t.Context())
	if err != nil {
		t.Fatalf("read schema_migrations: %v", err)
	}
	return ms
}

func versions(ms []appliedMigration) []int {
	var vs []int
	for _, m := range ms {
		vs = append(vs, m.Version)
	}
	return vs
}

// testConcurrency has two processes, a and b, each with 50 goroutines, vote
// on the same messages as the same users at the same time: first at random,
// then each goroutine casts the final vote of its own user on every message.
// No vote may fail or be lost, and the tallies must be the final votes.
func testConcurrency(t *testing.T, a, b Store) {
	const (
		perStore = 50
		users    = 2 * perStore
		messages = 4
		random   = 10 // random votes per goroutine
	)
	ctx := t.Context()
	stores := []Store{a, b}
	msg := func(m int) string { return fmt.Sprint("msg", m) }
	user := func(u int) string { return fmt.Sprint("user", u) }
	final := func(u, m int) int {
		if (u*7+m*3)%5 < 2 {
			return Up
		}
		return Down
	}

	// Phase 1: random votes on random keys, from both processes.
	var mu sync.Mutex
	touched := map[[2]int]bool{}
	var wg sync.WaitGroup
	for si, s := range stores {
		for g := range perStore {
			wg.Go(func() {
				r := rand.New(rand.NewPCG(uint64(si), uint64(g)))
				for range random {
					u, m := r.IntN(users), r.IntN(messages)
					v := Up
					if r.IntN(2) == 0 {
						v = Down
					}
					if _, err := s.RecordVote(ctx, Vote{MessageID: msg(m), UserID: user(u), Value: v}); err != nil {
						t.Errorf("store %d goroutine %d: RecordVote: %v", si, g, err)
						return
					}
					mu.Lock()
					touched[[2]int{u, m}] = true
					mu.Unlock()
				}
			})
		}
	}
	// Both processes pin the same message at once: one record, no error.
	for si, s := range stores {
		wg.Go(func() {
			p := Pin{MessageID: "pinned", ChannelID: "c", GuildID: "g", UserID: user(si), Username: user(si)}
			if err := s.RecordPin(ctx, p); err != nil {
				t.Errorf("store %d: RecordPin: %v", si, err)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	total := 0
	for _, tl := range tallies(t, a) {
		total += tl.Up + tl.Down
	}
	if total != len(touched) {
		t.Errorf("after the random phase: %d votes stored, want %d (one per user and message voted on)", total, len(touched))
	}
	if pins, err := b.Pins(ctx, "g"); err != nil || len(pins) != 1 {
		t.Errorf("after concurrent pins: Pins = %+v, %v; want one", pins, err)
	}

	// Phase 2: each goroutine casts its user's final votes; the questions are
	// remembered at the same time.
	for si, s := range stores {
		for g := range perStore {
			u := si*perStore + g
			wg.Go(func() {
				for m := range messages {
					if g == m {
						if err := s.RememberQuestion(ctx, msg(m), fmt.Sprint("question ", m)); err != nil {
							t.Errorf("user %d: RememberQuestion: %v", u, err)
						}
					}
					v := Vote{MessageID: msg(m), UserID: user(u), Value: final(u, m)}
					if _, err := s.RecordVote(ctx, v); err != nil {
						t.Errorf("user %d: final RecordVote: %v", u, err)
						continue
					}
					if changed, err := s.RecordVote(ctx, v); err != nil || changed {
						t.Errorf("user %d: final vote again: changed = %v, %v; want false, nil", u, changed, err)
					}
				}
			})
		}
	}
	wg.Wait()

	var want []Tally
	for m := range messages {
		tl := Tally{MessageID: msg(m), Question: fmt.Sprint("question ", m)}
		for u := range users {
			if final(u, m) == Up {
				tl.Up++
			} else {
				tl.Down++
			}
		}
		want = append(want, tl)
	}
	slices.SortFunc(want, func(x, y Tally) int {
		if x.Down != y.Down {
			return y.Down - x.Down
		}
		if x.Up != y.Up {
			return x.Up - y.Up
		}
		return strings.Compare(x.MessageID, y.MessageID)
	})
	for si, s := range stores {
		if got := tallies(t, s); !slices.Equal(got, want) {
			t.Errorf("store %d: final Tallies = %+v\nwant %+v", si, got, want)
		}
	}
}

// testConcurrentOpen opens a new database from several processes at once:
// every open succeeds, and exactly one of them applies the migrations.
func testConcurrentOpen(t *testing.T, open func() (Store, error)) {
	const n = 8
	stores := make([]Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { stores[i], errs[i] = open() })
	}
	wg.Wait()
	appliers := 0
	for i, s := range stores {
		if errs[i] != nil {
			t.Errorf("open %d: %v", i, errs[i])
			continue
		}
		defer s.Close()
		if len(s.(migrationInfo).newlyApplied()) > 0 {
			appliers++
		}
	}
	if t.Failed() {
		return
	}
	if appliers != 1 {
		t.Errorf("%d opens applied migrations, want exactly 1", appliers)
	}
	ms := migrations(t, stores[0])
	all, _ := loadMigrations("sqlite")
	if len(ms) != len(all) {
		t.Errorf("schema_migrations = %+v, want %d rows", ms, len(all))
	}
}
