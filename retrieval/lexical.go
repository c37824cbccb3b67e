package retrieval

import (
	"sort"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// termsOf is a document's part of the BM25 index, computed as newBM25
// computes it for each chunk: the stems of lexicalText's content words
// (stop words and one-letter words left out), stemmed in the chunk's
// language. A test holds mergeBM25 of these to newBM25 of the same texts.
func termsOf(d *corpus.Document, chunks []corpus.Chunk) docTerms {
	var t docTerms
	at := map[string]int{}
	t.Lengths = make([]float32, len(chunks))
	for i := range chunks {
		tf := map[string]float32{}
		n := 0
		for _, term := range lang.Terms(chunks[i].Language, lexicalText(&chunks[i], d)) {
			if term.Stop || len(term.Text) < 2 {
				continue
			}
			tf[term.Stem]++
			n++
		}
		t.Lengths[i] = float32(n)
		stems := make([]string, 0, len(tf))
		for s := range tf {
			stems = append(stems, s)
		}
		sort.Strings(stems) // a deterministic segment for the same text
		for _, s := range stems {
			k, ok := at[s]
			if !ok {
				k = len(t.Stems)
				at[s] = k
				t.Stems = append(t.Stems, s)
				t.Postings = append(t.Postings, nil)
			}
			t.Postings[k] = append(t.Postings[k], posting{chunk: int32(i), tf: tf[s]})
		}
	}
	return t
}

// mergeBM25 joins documents' terms into one BM25 index, the documents'
// chunks numbered one after another in order. It equals newBM25 over the
// same chunks' lexical texts.
func mergeBM25(parts []docTerms, langs map[lang.Lang]bool) *bm25 {
	var d stemDict
	ids := make([][]int32, len(parts))
	for i := range parts {
		ids[i] = d.ids(parts[i].Stems)
	}
	return mergeBM25IDs(parts, ids, d.words, langs)
}

// stemDict numbers stems, so that joining documents' terms indexes slices
// instead of hashing every stem of every document again.
type stemDict struct {
	num   map[string]int32
	words []string
}

// ids returns the numbers of stems, numbering new ones.
func (d *stemDict) ids(stems []string) []int32 {
	if d.num == nil {
		d.num = map[string]int32{}
	}
	out := make([]int32, len(stems))
	for i, s := range stems {
		n, ok := d.num[s]
		if !ok {
			n = int32(len(d.words))
			d.num[s] = n
			d.words = append(d.words, s)
		}
		out[i] = n
	}
	return out
}

// mergeBM25IDs is mergeBM25 with each part's stems already numbered
// (ids[i][j] is the number of parts[i].Stems[j] in words): it counts each
// stem's postings, allocates each list once and fills it in document order.
func mergeBM25IDs(parts []docTerms, ids [][]int32, words []string, langs map[lang.Lang]bool) *bm25 {
	chunks := 0
	count := make([]int32, len(words))
	for i, p := range parts {
		chunks += len(p.Lengths)
		for j, id := range ids[i] {
			count[id] += int32(len(p.Postings[j]))
		}
	}
	lists := make([][]posting, len(words))
	vocab := 0
	for id, n := range count {
		if n > 0 {
			lists[id] = make([]posting, 0, n)
			vocab++
		}
	}
	b := &bm25{postings: make(map[string][]posting, vocab), lengths: make([]float32, 0, chunks), langs: langs}
	var total float64
	for i, p := range parts {
		base := int32(len(b.lengths))
		for j, id := range ids[i] {
			dst := lists[id]
			for _, q := range p.Postings[j] {
				dst = append(dst, posting{chunk: base + q.chunk, tf: q.tf})
			}
			lists[id] = dst
		}
		for _, n := range p.Lengths {
			b.lengths = append(b.lengths, n)
			total += float64(int(n))
		}
	}
	if chunks > 0 {
		b.avgLen = total / float64(chunks)
	}
	b.vocab = make([]string, 0, vocab)
	for id, l := range lists {
		if len(l) > 0 {
			b.postings[words[id]] = l
			b.vocab = append(b.vocab, words[id])
		}
	}
	sort.Strings(b.vocab)
	return b
}

// acronymsOf counts the names a document's chunks spell acronyms out as.
func acronymsOf(chunks []corpus.Chunk) map[string]map[string]int {
	counts := map[string]map[string]int{}
	for i := range chunks {
		acronyms(chunks[i].Text, counts)
	}
	return counts
}

// mergeAcronyms keeps, for each acronym, the name the documents most often
// spell it out as, as buildAcronyms does over all their chunks, and every
// name they spell it out as, sorted.
func mergeAcronyms(parts []map[string]map[string]int) (best map[string]string, all map[string][]string) {
	total := map[string]map[string]int{}
	for _, p := range parts {
		for acr, names := range p {
			m := total[acr]
			if m == nil {
				m = map[string]int{}
				total[acr] = m
			}
			for name, n := range names {
				m[name] += n
			}
		}
	}
	all = make(map[string][]string, len(total))
	for acr, names := range total {
		for name := range names {
			all[acr] = append(all[acr], name)
		}
		sort.Strings(all[acr])
	}
	return mostFrequentNames(total), all
}
