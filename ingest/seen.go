package ingest

import (
	"strings"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

// Seen is what a corpus already holds, keyed the ways a new article can
// repeat one: the same file bytes, the same text once folded (case, accents
// and spacing aside), or the same URL. Each document is hashed once, when
// it is added to Seen, so checking n new articles against m existing ones
// costs O(n + m), not O(n·m). The zero value is not usable; use NewSeen.
// A Seen is not safe for concurrent use.
type Seen struct {
	file map[string]string   // file hash → id
	text map[[32]byte]string // hash of the folded text → id
	url  map[string]string   // normalised URL → id
	docs map[string]*corpus.Document
}

// NewSeen indexes docs.
func NewSeen(docs []*corpus.Document) *Seen {
	s := &Seen{file: map[string]string{}, text: map[[32]byte]string{}, url: map[string]string{}, docs: map[string]*corpus.Document{}}
	for _, d := range docs {
		s.Add(d)
	}
	return s
}

// NewSeenPrints indexes documents by their prints (retrieval.FolderPrints),
// so a corpus's texts need not be read, let alone hashed again. Document
// returns, for an id recorded this way, a document holding only its id,
// file hash and URL.
func NewSeenPrints(prints []retrieval.Print) *Seen {
	s := NewSeen(nil)
	for _, p := range prints {
		s.add(p, nil)
	}
	return s
}

// Add records a document; the first one recorded under a key keeps it.
func (s *Seen) Add(d *corpus.Document) {
	s.add(retrieval.Print{ID: d.ID, FileHash: d.Hash, Text: textHash(d.Text), URL: d.URL}, d)
}

// add records a document by its print; d is the document, or nil when
// only the print is known.
func (s *Seen) add(p retrieval.Print, d *corpus.Document) {
	if _, ok := s.docs[p.ID]; !ok {
		if d == nil {
			d = &corpus.Document{ID: p.ID, URL: p.URL, Hash: p.FileHash}
		}
		s.docs[p.ID] = d
	}
	if p.FileHash != "" {
		setOnce(s.file, p.FileHash, p.ID)
	}
	setOnce(s.text, p.Text, p.ID)
	if p.URL != "" {
		setOnce(s.url, normURL(p.URL), p.ID)
	}
}

// Len is how many documents Seen holds.
func (s *Seen) Len() int { return len(s.docs) }

// Document returns a recorded document by id, or nil.
func (s *Seen) Document(id string) *corpus.Document { return s.docs[id] }

// Duplicate returns the id of a recorded document with the same file bytes
// or the same text as d, or "".
func (s *Seen) Duplicate(d *corpus.Document) string {
	if id, ok := s.file[d.Hash]; ok && d.Hash != "" {
		return id
	}
	return s.text[textHash(d.Text)]
}

// DuplicateURL returns the id of a recorded document from the same URL
// (scheme, "www.", query, fragment, case and a final slash aside), or "".
func (s *Seen) DuplicateURL(rawURL string) string {
	if rawURL == "" {
		return ""
	}
	return s.url[normURL(rawURL)]
}

func setOnce[K comparable](m map[K]string, k K, id string) {
	if _, ok := m[k]; !ok {
		m[k] = id
	}
}

func textHash(s string) [32]byte { return retrieval.TextKey(s) }

func normURL(s string) string {
	s = strings.TrimSpace(strings.ToLower(s))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	s = strings.TrimPrefix(s, "www.")
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, "/")
}
