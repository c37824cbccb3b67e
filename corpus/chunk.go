package corpus

import (
	"fmt"
	"strings"

	"github.com/footnote-bot/footnote/lang"
)

// ChunkerVersion changes whenever Split would cut the same text differently,
// so indexes built by an older version are rebuilt.
const ChunkerVersion = "c1"

// Chunk sizes in words. A chunk gathers whole paragraphs up to targetWords; a
// paragraph longer than maxWords is cut between sentences.
const (
	targetWords = 70
	maxWords    = 140
)

// Split cuts a document into chunks: paragraph-aligned runs of whole
// sentences. Every byte of the text belongs to at most one chunk, chunk ids
// are doc.ID + "#" + ordinal, and each chunk's Text is exactly
// doc.Text[Start:End].
func Split(doc *Document) []Chunk {
	var sents []sentence
	off := 0
	for p, para := range strings.Split(doc.Text, "\n\n") {
		for _, sp := range lang.Sentences(para) {
			s := lang.Span{Start: off + sp.Start, End: off + sp.End}
			sents = append(sents, sentence{span: s, words: len(strings.Fields(doc.Text[s.Start:s.End])), para: p})
		}
		off += len(para) + 2
	}
	var chunks []Chunk
	var cur []sentence
	words := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		start, end := cur[0].span.Start, cur[len(cur)-1].span.End
		c := Chunk{
			ID:       fmt.Sprintf("%s#%d", doc.ID, len(chunks)),
			DocID:    doc.ID,
			Ordinal:  len(chunks),
			Start:    start,
			End:      end,
			Text:     doc.Text[start:end],
			Language: doc.Language,
		}
		for _, s := range cur {
			c.Sentences = append(c.Sentences, lang.Span{Start: s.span.Start - start, End: s.span.End - start})
		}
		chunks = append(chunks, c)
		cur, words = nil, 0
	}
	for i, s := range sents {
		newPara := i > 0 && s.para != sents[i-1].para
		// Close the chunk at a paragraph break once it is big enough, or
		// anywhere once adding the sentence would make it too big.
		if len(cur) > 0 && (newPara && words+paraWords(sents, i) > targetWords || words+s.words > maxWords) {
			flush()
		}
		cur = append(cur, s)
		words += s.words
	}
	flush()
	return chunks
}

// sentence is a sentence of a document while it is being chunked.
type sentence struct {
	span  lang.Span // in the document's Text
	words int
	para  int
}

// paraWords counts the words of the paragraph that starts at sentence i.
func paraWords(sents []sentence, i int) int {
	n := 0
	for j := i; j < len(sents) && sents[j].para == sents[i].para; j++ {
		n += sents[j].words
	}
	return n
}
