package bot

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"
)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// blocker is a job that says when it started and runs until released.
type blocker struct {
	started chan struct{}
	release chan struct{}
}

func newBlocker() *blocker {
	return &blocker{started: make(chan struct{}), release: make(chan struct{})}
}

func (b *blocker) job(ctx context.Context) {
	close(b.started)
	select {
	case <-b.release:
	case <-ctx.Done():
	}
}

func waitClosed(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: timed out", what)
	}
}

func TestQueuePositions(t *testing.T) {
	t.Parallel()
	q := newQueue(2, 100)
	q.start(context.Background(), discard)
	defer q.close(time.Second)

	jobs := make([]*blocker, 6)
	var ahead []int
	for i := range jobs {
		jobs[i] = newBlocker()
		n, err := q.push(jobs[i].job)
		if err != nil {
			t.Fatal(err)
		}
		ahead = append(ahead, n)
	}
	// two start at once; each of the others waits for one more answer to
	// finish than the one before it
	want := []int{0, 0, 1, 2, 3, 4}
	for i := range want {
		if ahead[i] != want[i] {
			t.Fatalf("positions %v, want %v", ahead, want)
		}
	}
	waitClosed(t, jobs[0].started, "job 0")
	waitClosed(t, jobs[1].started, "job 1")
	if d := q.depth(); d != 6 {
		t.Errorf("depth %d, want 6", d)
	}
	// one finishes: the next in line starts, and a newcomer has one fewer
	// ahead
	close(jobs[0].release)
	waitClosed(t, jobs[2].started, "job 2")
	late := newBlocker()
	if n, err := q.push(late.job); err != nil || n != 4 {
		t.Errorf("push after one finished: %d, %v; want 4", n, err)
	}
	for _, j := range append(jobs[1:], late) {
		close(j.release)
	}
	waitClosed(t, late.started, "the last job")
}

func TestQueueRunsInOrder(t *testing.T) {
	t.Parallel()
	q := newQueue(1, 100)
	var mu sync.Mutex
	var order []int
	for i := range 20 {
		if _, err := q.push(func(context.Context) {
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
		}); err != nil {
			t.Fatal(err)
		}
	}
	q.start(context.Background(), discard)
	q.close(5 * time.Second)
	for i, n := range order {
		if n != i {
			t.Fatalf("order %v", order)
		}
	}
	if len(order) != 20 {
		t.Fatalf("%d of 20 jobs ran before close returned", len(order))
	}
}

func TestQueueFullAndClosed(t *testing.T) {
	t.Parallel()
	q := newQueue(1, 2)
	q.start(context.Background(), discard)
	running := newBlocker()
	if _, err := q.push(running.job); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, running.started, "first job")
	for range 2 {
		if _, err := q.push(func(context.Context) {}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := q.push(func(context.Context) {}); !errors.Is(err, errQueueFull) {
		t.Errorf("push to a full queue: %v", err)
	}
	close(running.release)
	q.close(5 * time.Second)
	if _, err := q.push(func(context.Context) {}); !errors.Is(err, errClosed) {
		t.Errorf("push to a closed queue: %v", err)
	}
	if d := q.depth(); d != 0 {
		t.Errorf("depth after close %d", d)
	}
}

func TestQueueCloseGraceThenCancel(t *testing.T) {
	t.Parallel()
	q := newQueue(1, 10)
	q.start(context.Background(), discard)
	stuck := newBlocker() // never released: only its context ends it
	if _, err := q.push(stuck.job); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, stuck.started, "stuck job")
	start := time.Now()
	q.close(100 * time.Millisecond)
	if took := time.Since(start); took < 100*time.Millisecond || took > 5*time.Second {
		t.Errorf("close took %v with a 100ms grace", took)
	}
}

func TestQueueSurvivesPanic(t *testing.T) {
	t.Parallel()
	q := newQueue(1, 10)
	q.start(context.Background(), discard)
	if _, err := q.push(func(context.Context) { panic("boom") }); err != nil {
		t.Fatal(err)
	}
	after := newBlocker()
	if _, err := q.push(after.job); err != nil {
		t.Fatal(err)
	}
	close(after.release)
	waitClosed(t, after.started, "the job after a panic")
	q.close(time.Second)
}
