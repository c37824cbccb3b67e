package ingest

import (
	"context"
	"fmt"
	"os"
	"time"
)

// lockPoll is how often Lock tries again while another process holds the
// folder.
const lockPoll = 20 * time.Millisecond

// Lock takes the corpus folder dir (created if missing) for one adder at a
// time, across processes: two `footnote ingest` runs, or one and a bot,
// each check for duplicates against what the other added. The lock is
// advisory and held on the folder itself, so it leaves no file behind and
// is released by the kernel if the process dies. It waits until the folder
// is free or ctx is done. Call unlock once the articles are written.
func Lock(ctx context.Context, dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create corpus folder: %w", err)
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("lock corpus folder: %w", err)
	}
	t := time.NewTicker(lockPoll)
	defer t.Stop()
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock corpus folder: %w", err)
		}
		if ok {
			return func() { _ = unlockFile(f); f.Close() }, nil
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("wait for the corpus folder: %w", ctx.Err())
		case <-t.C:
		}
	}
}
