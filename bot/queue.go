package bot

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// errQueueFull is returned when too many answers are waiting.
var errQueueFull = errors.New("too many questions are waiting; try again in a minute")

// errClosed is returned once the bot is shutting down.
var errClosed = errors.New("footnote is restarting; ask again in a moment")

// job is one answer to write. Its context ends only when the shutdown grace
// period is over, not when shutdown starts.
type job func(ctx context.Context)

// queue runs jobs on a fixed number of workers, in order, and tells each
// new job how many are ahead of it.
type queue struct {
	workers int
	size    int

	mu      sync.Mutex
	cond    *sync.Cond
	pending []job
	closed  bool
	running int
	wg      sync.WaitGroup
	stop    context.CancelFunc
	// onDepth, if set, is told the number of jobs waiting or running
	// whenever it changes.
	onDepth func(int)
}

func (q *queue) reportLocked() {
	if q.onDepth != nil {
		q.onDepth(len(q.pending) + q.running)
	}
}

func newQueue(workers, size int) *queue {
	q := &queue{workers: workers, size: size}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// push adds a job and returns how many jobs wait before it (0: it starts
// now, a worker being free).
func (q *queue) push(j job) (ahead int, err error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return 0, errClosed
	}
	if len(q.pending) >= q.size {
		return 0, errQueueFull
	}
	// it starts once the jobs before it and one more have found a worker
	ahead = max(0, len(q.pending)+1-(q.workers-q.running))
	q.pending = append(q.pending, j)
	q.reportLocked()
	q.wg.Add(1)
	q.cond.Signal()
	return ahead, nil
}

// start launches the workers; they stop when the queue is closed and empty.
func (q *queue) start(ctx context.Context, log *slog.Logger) {
	ctx, q.stop = context.WithCancel(context.WithoutCancel(ctx))
	for i := 0; i < q.workers; i++ {
		go func() {
			for {
				q.mu.Lock()
				for len(q.pending) == 0 && !q.closed {
					q.cond.Wait()
				}
				if len(q.pending) == 0 {
					q.mu.Unlock()
					return
				}
				j := q.pending[0]
				q.pending = q.pending[1:]
				q.running++
				q.mu.Unlock()
				func() {
					defer func() {
						if r := recover(); r != nil {
							log.Error("answer job panicked", "panic", r)
						}
					}()
					j(ctx)
				}()
				q.mu.Lock()
				q.running--
				q.reportLocked()
				q.mu.Unlock()
				q.wg.Done()
			}
		}()
	}
}

// depth is how many jobs wait or run.
func (q *queue) depth() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.pending) + q.running
}

// close stops taking jobs and waits up to grace for those queued or running.
func (q *queue) close(grace time.Duration) {
	q.mu.Lock()
	q.closed = true
	q.cond.Broadcast()
	q.mu.Unlock()
	finished := make(chan struct{})
	go func() { q.wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(grace):
	}
	if q.stop != nil {
		q.stop()
	}
}
