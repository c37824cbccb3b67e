package retrieval

import "sync/atomic"

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

// Swap puts a new index in use.
func (l *Live) Swap(ix *Index) { l.cur.Store(ix) }
