package retrieval

import (
	"runtime/debug"
	"sync/atomic"
)

// Live holds the index in use while footnote runs; a rebuilt index replaces
// it whole, so a reader sees the old index or the new one, never a half-built
// one.
type Live struct {
	cur atomic.Pointer[Index]
}

// NewLive starts with ix.
func NewLive(ix *Index) *Live {
	l := &Live{}
	l.cur.Store(ix)
	return l
}

// Index returns the index in use.
func (l *Live) Index() *Index { return l.cur.Load() }

// Swap puts a new index in use, then hands the memory of the index it
// replaced back to the operating system (a forced collection: tens of
// milliseconds at 10,000 articles), so that a long-running process's
// resident size returns to its level after each reload instead of keeping
// the old index's pages. Memory a reader of the old index still holds is
// returned by the runtime later.
func (l *Live) Swap(ix *Index) {
	old := l.cur.Swap(ix)
	if old != nil && old != ix {
		old = nil
		debug.FreeOSMemory()
	}
}
