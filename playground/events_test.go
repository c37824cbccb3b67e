package playground_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestEventStreamSendsStateThenChangesInOrder(t *testing.T) {
	t.Parallel()
	l := newLocal(t, localOptions{})
	ctx := testContext(t)
	// Something to find in the state.
	if status, body := l.post(t, "/api/messages", map[string]string{"user": "moderator", "content": "before"}); status != http.StatusCreated {
		t.Fatalf("post: %d %v", status, body)
	}
	s := l.openEvents(t, "member")
	first := s.next(t, ctx, "the first event", func(sseEvent) bool { return true })
	if first.Name != "state" || first.ID != "" {
		t.Fatalf("first event %q (id %q), want the state", first.Name, first.ID)
	}
	var st struct {
		Messages map[string][]struct{ Content string }
	}
	if err := json.Unmarshal(first.Data, &st); err != nil {
		t.Fatal(err)
	}
	if got := st.Messages[l.world.General.ID]; len(got) != 1 || got[0].Content != "before" {
		t.Errorf("state messages %+v", got)
	}

	l.start(t, "/api/commands", map[string]any{"name": "sources", "user": "member"})
	var names []string
	var last uint64
	for len(names) < 2 {
		ev := s.next(t, ctx, "the /sources reply", func(sseEvent) bool { return true })
		names = append(names, ev.Name)
		id, err := strconv.ParseUint(ev.ID, 10, 64)
		if err != nil || id <= last {
			t.Errorf("event id %q after %d", ev.ID, last)
		}
		last = id
	}
	// An immediate reply (type 4) is stored, then acknowledged.
	if names[0] != "message_create" || names[1] != "interaction_ack" {
		t.Errorf("events %v, want message_create then interaction_ack", names)
	}
}

func TestEventStreamEndsWhenTheHandlerCloses(t *testing.T) {
	t.Parallel()
	l := newLocal(t, localOptions{})
	ctx := testContext(t)
	s := l.openEvents(t, "member")
	s.next(t, ctx, "state", func(ev sseEvent) bool { return ev.Name == "state" })
	closed := make(chan struct{})
	go func() {
		l.handler.Close()
		close(closed)
	}()
	select {
	case <-s.done:
	case <-ctx.Done():
		t.Fatal("the stream did not end when the handler closed")
	}
	select {
	case <-closed:
	case <-ctx.Done():
		t.Fatal("Close did not return")
	}
}

func TestIdleEventStreamSendsKeepAlives(t *testing.T) {
	t.Parallel()
	l := newLocal(t, localOptions{keepAlive: 20 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, l.ts.URL+"/api/events?user=moderator", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := l.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q", cc)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	seen := 0
	for seen < 2 && sc.Scan() {
		if strings.HasPrefix(sc.Text(), ": keep-alive") {
			seen++
		}
	}
	if seen < 2 {
		t.Fatalf("saw %d keep-alives before the stream ended: %v", seen, sc.Err())
	}
}
