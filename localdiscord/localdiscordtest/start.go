package localdiscordtest

import (
	"context"
	"testing"
	"time"
)

// Start runs run (a bot's Run) in a goroutine, with a context of its own,
// and waits until ready is closed. It fails tb when run returns first, or
// when neither happens within timeout. It returns stop, which cancels the
// context and waits for run to return, reporting to tb an error run
// returned or that it did not return within timeout; the caller calls stop
// (in a tb.Cleanup, or before starting another).
func Start(tb testing.TB, timeout time.Duration, run func(context.Context) error, ready <-chan struct{}) (stop func()) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- run(ctx) }()
	stop = func() {
		cancel()
		select {
		case err := <-stopped:
			if err != nil {
				tb.Errorf("run: %v", err)
			}
		case <-time.After(timeout):
			tb.Errorf("run did not return within %s of its context ending", timeout)
		}
	}
	select {
	case <-ready:
		return stop
	case err := <-stopped:
		cancel()
		tb.Fatalf("run returned before ready: %v", err)
	case <-time.After(timeout):
		stop()
		tb.Fatalf("not ready within %s", timeout)
	}
	return stop
}
