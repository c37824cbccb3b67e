package corpus

import (
	"github.com/footnote-bot/footnote/lang"
)

// Document is one article of a corpus.
type Document struct {
	// ID identifies the document: the front matter's id, or the file name
	// without its extension.
	ID string `json:"id"`
	// Path is the file's path inside the corpus folder.
	Path string `json:"path"`
	// Title is the headline: the front matter's or HTML's title, or else the
	// first line of the text.
	Title string `json:"title"`
	// Source is the outlet or the URL the article came from.
	Source string `json:"source,omitempty"`
	// URL is the article's address when Source or the front matter gives one.
	URL string `json:"url,omitempty"`
	// Date is the publication date as YYYY-MM-DD, or empty when unknown.
	Date string `json:"date,omitempty"`
	// Language is the article's language, from front matter or detected.
	Language lang.Lang `json:"language"`
	// Text is the article's body, normalised (NFKC, plain spaces) with
	// paragraphs separated by blank lines. Citations quote from it.
	Text string `json:"-"`
	// Hash is a hex SHA-256 of the file's bytes: the index re-embeds a
	// document only when it changes.
	Hash string `json:"hash"`
}

// Chunk is a run of whole sentences from one paragraph or a few consecutive
// ones: the unit footnote retrieves and cites.
type Chunk struct {
	// ID is the document id and the chunk's ordinal, "doc#3": stable while
	// the document does not change.
	ID      string `json:"chunk_id"`
	DocID   string `json:"doc_id"`
	Ordinal int    `json:"ordinal"`
	// Start and End are byte offsets of the chunk in its document's Text.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Sentences are the spans of the chunk's sentences, as offsets into Text
	// of the chunk (not of the document). A span's Kind tells a sentence
	// (lang.Prose) from a line without final punctuation, a list item or an
	// info-box entry. They are what an answer may quote.
	Sentences []lang.Span `json:"sentences"`
	// Headings are the spans, as offsets into Text, of the headings, bylines
	// and datelines at the start of the chunk (or, at the end of a document,
	// after its last sentence): context for retrieval, never quoted. They
	// are never between two Sentences. A chunk of a document that has only
	// headings holds them as Sentences, of Kind lang.Heading.
	Headings []lang.Span `json:"headings,omitempty"`
	Language lang.Lang   `json:"language"`
}

// Sentence returns the chunk's i-th sentence.
func (c *Chunk) Sentence(i int) string {
	s := c.Sentences[i]
	return c.Text[s.Start:s.End]
}
