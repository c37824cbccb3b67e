package answer

import (
	"maps"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// reading holds what one answer has read of its passages: each chunk's
// sentences, stemmed, each article's title stems and its words for names
// (see names).
// The passages are read twice, for the answer and for the listing (see
// withBestRead); the second time reads only what is new. It belongs to
// one question and is not safe for concurrent use.
type reading struct {
	chunks map[string]*chunkReading
	docs   map[string]*docWords
	titles map[string]map[string]bool
	// surnames are those names last returned: a surname inside a
	// sentence is no form of a word (see sentenceStems)
	surnames map[string]bool
}

// chunkReading is a chunk's sentences as candidates read them: their
// terms and stems, and all the chunk's stems together.
type chunkReading struct {
	terms [][]lang.Term
	stems []map[string]bool
	all   map[string]bool
}

// reading returns the question's reading, begun on first use.
func (q *question) reading() *reading {
	if q.read == nil {
		q.read = &reading{chunks: map[string]*chunkReading{}, docs: map[string]*docWords{}, titles: map[string]map[string]bool{}}
	}
	return q.read
}

// chunk returns ch's sentences, stemmed in its language.
func (r *reading) chunk(ch *corpus.Chunk) *chunkReading {
	if c := r.chunks[ch.ID]; c != nil {
		return c
	}
	n := len(ch.Sentences)
	c := &chunkReading{terms: make([][]lang.Term, n), stems: make([]map[string]bool, n), all: map[string]bool{}}
	for i := range n {
		c.terms[i], c.stems[i] = sentenceStems(ch.Language, ch.Sentence(i), r.surnames)
		for s := range c.stems[i] {
			c.all[s] = true
		}
	}
	r.chunks[ch.ID] = c
	return c
}

// title returns the stems of an article's title and date (see dateWords).
func (r *reading) title(d *corpus.Document) map[string]bool {
	if t := r.titles[d.ID]; t != nil {
		return t
	}
	_, t := sentenceStems(d.Language, d.Title+" "+dateWords(d), nil)
	r.titles[d.ID] = t
	return t
}

// names reads the names the articles use: proper holds the words they
// write only with a capital ("Nicaragua also decided…" against "Police
// said…"), surnames the last words of the people's names they spell out
// ("Jorge Glas" → glas), so a later "Glas, 54, arrived…" names a person
// too, and bodies the names they give initials in brackets ("Terminal
// Pacifico Sur (TPS)": a company's, not a person's; see runKey), and
// places the names they write where only a place stands ("en Caleta
// Brava"; see placeCue). It reads each article once.
func (r *reading) names(docs []*corpus.Document) (proper, surnames, bodies, places map[string]bool) {
	parts := make([]*docWords, len(docs))
	for i, d := range docs {
		if r.docs[d.ID] == nil {
			r.docs[d.ID] = wordsOf(d)
		}
		parts[i] = r.docs[d.ID]
	}
	proper, surnames, bodies, places = mergeNames(parts)
	if !maps.Equal(r.surnames, surnames) {
		// the chunks' stems depend on the surnames: read them again
		r.surnames = surnames
		clear(r.chunks)
	}
	return proper, surnames, bodies, places
}
