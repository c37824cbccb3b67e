package corpus

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/footnote-bot/footnote/lang"
)

// ChunkerVersion changes whenever Split would cut the same text differently,
// so indexes built by an older version are rebuilt.
const ChunkerVersion = "c3"

// Chunk sizes in words. A chunk gathers whole paragraphs up to targetWords; a
// paragraph longer than maxWords is cut between sentences.
const (
	targetWords = 70
	maxWords    = 140
)

// headingWords is the most words a line without final punctuation may have
// to be taken for a heading when text follows it.
const headingWords = 10

// Split cuts a document into chunks: paragraph-aligned runs of whole
// sentences. Every byte of the text belongs to at most one chunk, chunk ids
// are doc.ID + "#" + ordinal, and each chunk's Text is exactly
// doc.Text[Start:End].
//
// Headings, bylines and datelines (see Chunk.Headings) open a chunk, so the
// text below a heading is never in the chunk of the text above it, and are
// never among its Sentences. A heading is a unit lang.Sentences marks as one,
// or one markHeadings finds: a Markdown heading, once its # is gone, is a
// short line without final punctuation.
func Split(doc *Document) []Chunk {
	units := markHeadings(doc, sentencesOf(doc.Text))
	var chunks []Chunk
	var cur []unit
	words := 0
	body := false // cur holds a unit that is not a heading
	for i, u := range units {
		if body && startsChunk(units, i, words) {
			chunks = append(chunks, newChunk(doc, len(chunks), cur))
			cur, words, body = nil, 0, false
		}
		cur = append(cur, u)
		words += u.words
		body = body || !u.heading()
	}
	switch {
	case len(cur) == 0:
	case body || len(chunks) == 0:
		chunks = append(chunks, newChunk(doc, len(chunks), cur))
	default:
		// headings with no text after them close the last chunk
		last := &chunks[len(chunks)-1]
		*last = newChunk(doc, last.Ordinal, append(last.units(), cur...))
	}
	return chunks
}

// unit is a sentence or heading of a document while it is being chunked.
type unit struct {
	span  lang.Span // in the document's Text
	from  int       // where the unit's text starts: before a list item's marker
	words int
	para  int
	asks  bool // the unit ends with a question mark
}

func (u unit) heading() bool { return u.span.Kind == lang.Heading }

// sentencesOf returns the units of text, paragraph by paragraph.
func sentencesOf(text string) []unit {
	var units []unit
	off := 0
	for p, para := range strings.Split(text, "\n\n") {
		for _, sp := range lang.Sentences(para) {
			s := lang.Span{Start: off + sp.Start, End: off + sp.End, Kind: sp.Kind}
			from := s.Start
			if sp.Kind == lang.Item {
				line := strings.LastIndexByte(para[:sp.Start], '\n') + 1
				from = off + line + len(para[line:sp.Start]) - len(strings.TrimLeftFunc(para[line:sp.Start], unicode.IsSpace))
			}
			t := text[s.Start:s.End]
			asks := strings.HasSuffix(strings.TrimRight(t, " *_\"”»'’"), "?")
			units = append(units, unit{span: s, from: from, words: len(strings.Fields(t)), para: p, asks: asks})
		}
		off += len(para) + 2
	}
	return units
}

// markHeadings turns into headings the units that read as headings in their
// place in the document: the title repeated as the first line, and a short
// line without final punctuation between units that are not, in a document
// that has sentences. Short lines in a row are a list (an HTML list loses
// its markers), and stay text.
func markHeadings(doc *Document, units []unit) []unit {
	title := collapse(doc.Title)
	prose := false                      // a sentence with final punctuation is in the document
	short := make([]bool, len(units)+2) // short[i+1]: unit i is a short line
	for i, u := range units {
		prose = prose || u.span.Kind == lang.Prose
		short[i+1] = u.span.Kind == lang.Line && u.words <= headingWords
	}
	for i := range units {
		u := &units[i]
		switch {
		case u.heading() || !prose:
		case short[i+1] && !short[i] && !short[i+2]:
			u.span.Kind = lang.Heading
		case i == 0 && title != "" && collapse(doc.Text[u.span.Start:u.span.End]) == title:
			u.span.Kind = lang.Heading
		}
	}
	return units
}

// startsChunk reports whether units[i] opens a new chunk after a chunk of
// words words that holds text: at a heading that follows text, at a paragraph
// break once the chunk is big enough, or anywhere once adding the unit would
// make it too big.
func startsChunk(units []unit, i, words int) bool {
	u := units[i]
	if u.heading() {
		return !units[i-1].heading()
	}
	newPara := u.para != units[i-1].para
	if newPara && askingPara(units, i-1) && words+u.words <= maxWords {
		return false // an interview's answer stays with its question
	}
	next := paraWords(units, i)
	if newPara && askingPara(units, i) {
		// a question goes with its answer: the chunk closes before it
		// when the two would not fit
		if j := i + 1; j < len(units) && !units[j].heading() {
			next += paraWords(units, j)
		}
	}
	return newPara && words+next > targetWords || words+u.words > maxWords
}

// askingPara reports whether units[i] is a paragraph of its own that asks
// a question, as an interviewer's does ("**¿Cuánto tardará el río en
// recuperarse?**", once Markdown drops the stars).
func askingPara(units []unit, i int) bool {
	u := units[i]
	alone := (i == 0 || units[i-1].para != u.para) && (i+1 == len(units) || units[i+1].para != u.para)
	return alone && !u.heading() && u.asks
}

func hasBody(units []unit) bool {
	for _, u := range units {
		if !u.heading() {
			return true
		}
	}
	return false
}

// newChunk makes the ordinal-th chunk of doc from its units.
func newChunk(doc *Document, ordinal int, units []unit) Chunk {
	start, end := units[0].from, units[len(units)-1].span.End
	c := Chunk{
		ID:       ChunkID(doc.ID, ordinal),
		DocID:    doc.ID,
		Ordinal:  ordinal,
		Start:    start,
		End:      end,
		Text:     doc.Text[start:end],
		Language: doc.Language,
	}
	body := hasBody(units)
	for _, u := range units {
		s := lang.Span{Start: u.span.Start - start, End: u.span.End - start, Kind: u.span.Kind}
		if u.heading() && body {
			c.Headings = append(c.Headings, s)
		} else {
			c.Sentences = append(c.Sentences, s)
		}
	}
	return c
}

// units returns a chunk's sentences and headings as units of its document,
// in order.
func (c *Chunk) units() []unit {
	out := make([]unit, 0, len(c.Sentences)+len(c.Headings))
	h := 0
	add := func(s lang.Span) {
		s.Start += c.Start
		s.End += c.Start
		out = append(out, unit{span: s, from: s.Start})
	}
	for _, s := range c.Sentences {
		for h < len(c.Headings) && c.Headings[h].Start < s.Start {
			add(c.Headings[h])
			h++
		}
		add(s)
	}
	for ; h < len(c.Headings); h++ {
		add(c.Headings[h])
	}
	out[0].from = c.Start // before a list item's marker
	return out
}

// paraWords counts the words of the paragraph that starts at unit i.
func paraWords(units []unit, i int) int {
	n := 0
	for j := i; j < len(units) && units[j].para == units[i].para; j++ {
		n += units[j].words
	}
	return n
}

// ChunkID is the id of a document's chunk: the document's id, "#" and the
// chunk's ordinal ("ap-raid#3").
func ChunkID(docID string, ordinal int) string {
	return docID + "#" + strconv.Itoa(ordinal)
}
